//! Department tags: （责任科室：A、B）, （牵头科室：A；配合科室：B）, （责任单位：A、B）, in full- or
//! half-width brackets, anywhere in the item, with stray spaces and any of the separators
//! 、，,；;/. 责任*/牵头*/主办* name leads, 配合*/协办*/参与* name supporters.

use super::text;
use crate::core::model::{Department, Role};

const LEAD: &[&str] = &["责任", "牵头", "主办", "主责"];
const SUPPORT: &[&str] = &["配合", "协办", "参与", "协同", "协助"];
const KINDS: &[&str] = &["科室", "单位", "部门", "处室", "股室", "部室", "处", "科", "股"];

/// What the tags of one item say, and where they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tags {
    pub departments: Vec<Department>,
    /// `[start, end)` char ranges of the tags (brackets included).
    pub spans: Vec<(usize, usize)>,
}

/// A role keyword at `pos`: its role, where the names start, and whether a colon follows.
fn keyword(chars: &[char], pos: usize) -> Option<(Role, usize, bool)> {
    // Every role word starts with one of these: most positions are rejected at once.
    if !chars.get(pos).is_some_and(|c| matches!(c, '责' | '牵' | '主' | '配' | '协' | '参')) {
        return None;
    }
    let (role, p) = if let Some(p) = text::longest_at(chars, pos, LEAD) {
        (Role::Lead, p)
    } else {
        (Role::Support, text::longest_at(chars, pos, SUPPORT)?)
    };
    let mut i = pos + p.chars().count();
    let kind = text::longest_at(chars, i, KINDS);
    if let Some(k) = kind {
        i += k.chars().count();
    }
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    if matches!(chars.get(i), Some('：' | ':')) {
        Some((role, i + 1, true))
    } else if kind.is_some_and(|k| k.chars().count() == 2) {
        Some((role, i, false))
    } else {
        None
    }
}

/// Reads `chars[a..b]` as tag content; `None` when it names no role.
fn parse_content(chars: &[char], a: usize, b: usize) -> Option<Vec<Department>> {
    let mut found: Vec<(usize, Role, usize, bool)> = Vec::new();
    let mut i = a;
    while i < b {
        if let Some((role, names, colon)) = keyword(chars, i) {
            found.push((i, role, names.min(b), colon));
            i = names.max(i + 1);
        } else {
            i += 1;
        }
    }
    let Some(first) = found.first() else {
        return natural(chars, a, b);
    };
    // Text before the first keyword ("责任领导：张三；") is allowed only before "keyword："
    // and after a separator.
    let pre_text = chars[a..first.0].iter().any(|c| !c.is_whitespace());
    let after_sep = first.0 > a && matches!(chars[first.0 - 1], ' ' | '；' | ';' | '，' | ',');
    if pre_text && !(first.3 && after_sep) {
        return None;
    }
    let mut out: Vec<Department> = Vec::new();
    for (k, &(_, role, from, _)) in found.iter().enumerate() {
        let to = found.get(k + 1).map_or(b, |n| n.0);
        push_names(&mut out, &chars[from.min(to)..to], role);
    }
    Some(out)
}

fn is_name_sep(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／')
}

fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '【' | '[')
}

fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '】' | ']')
}

/// Splits `seg` where `sep` holds outside brackets: `各县（市、区）政府` stays one piece.
fn split_outside(seg: &[char], sep: impl Fn(char) -> bool) -> Vec<&[char]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, &c) in seg.iter().enumerate() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && sep(c) {
            out.push(&seg[start..i]);
            start = i + 1;
        }
    }
    out.push(&seg[start..]);
    out
}

/// A unit's name as written in a list: spaces out, a leading 由 and a trailing 等 (等单位,
/// 等部门) dropped.
fn clean_name(name: &[char]) -> String {
    let name: String = name.iter().filter(|c| !c.is_whitespace()).collect();
    let mut name = name.trim_start_matches('由').to_string();
    for tail in ["等单位", "等部门", "等"] {
        if let Some(n) = name.strip_suffix(tail)
            && !n.is_empty()
        {
            name = n.to_string();
            break;
        }
    }
    name
}

fn push_names(out: &mut Vec<Department>, seg: &[char], role: Role) {
    for name in split_outside(seg, is_name_sep) {
        let name = clean_name(name);
        // "责任领导：张三" and the like are not departments.
        if !name.is_empty() && !name.contains(['：', ':']) && !out.iter().any(|d| d.name == name) {
            out.push(Department { name, role });
        }
    }
}

const LEAD_END: &[&str] = &["牵头", "负责", "主办", "主责", "牵头负责", "牵头落实", "负总责"];
const SUPPORT_END: &[&str] = &[
    "配合",
    "参与",
    "协助",
    "协办",
    "共同参与",
    "协同",
    "按职责分工负责",
    "按职责负责",
    "按照职责分工负责",
    "按职能分工负责",
    "分工负责",
    "按职责分工落实",
    "配合落实",
];

/// "（办公室牵头，群众体育科、财务科配合）": every part ends with a role word, or lists units
/// that the next part's role word covers ("A牵头，B、C，D按职责分工负责").
fn natural(chars: &[char], a: usize, b: usize) -> Option<Vec<Department>> {
    let mut out = Vec::new();
    let mut pending: Vec<&[char]> = Vec::new();
    for part in split_outside(&chars[a..b], |c| matches!(c, '，' | ',' | '；' | ';')) {
        let end = part.iter().rposition(|c| !c.is_whitespace()).map_or(0, |p| p + 1);
        let lead = text::longest_ending(part, end, LEAD_END);
        let support = text::longest_ending(part, end, SUPPORT_END);
        let (role, w) = match (lead, support) {
            (Some(l), Some(s)) if s.chars().count() > l.chars().count() => (Role::Support, s),
            (Some(l), _) => (Role::Lead, l),
            (None, Some(s)) => (Role::Support, s),
            (None, None) => {
                // Only a list of units waits for the next part's role.
                let units = split_outside(&part[..end], is_name_sep);
                if part.len() > 40 || !units.iter().all(|n| is_org(&clean_name(n))) {
                    return None;
                }
                pending.push(&part[..end]);
                continue;
            }
        };
        let names = &part[..end - w.chars().count()];
        if names.iter().all(|c| c.is_whitespace()) || names.len() > 40 {
            return None;
        }
        for p in pending.drain(..) {
            push_names(&mut out, p, role);
        }
        push_names(&mut out, names, role);
    }
    // Without a lead it is more likely prose ("（各部门密切配合）") than a tag.
    (pending.is_empty() && out.iter().any(|d| d.role == Role::Lead)).then_some(out)
}

/// Whether `name` reads as an organisation (for units named in running text, where prose
/// could pass for a name).
fn is_org(name: &str) -> bool {
    const ORG: &[&str] = &[
        "局", "委", "办", "室", "科", "处", "股", "中心", "政府", "部门", "单位", "公司", "集团",
        "院", "校", "会", "站", "所", "队", "馆", "团", "部", "厅", "街道", "镇", "乡", "行", "社",
        "台", "署", "司", "馆", "区", "县", "市",
    ];
    let n = name.chars().count();
    let core = name.trim_end_matches(|c| c != '（' && c != '(');
    let core = if name.ends_with(['）', ')']) && !core.is_empty() {
        &core[..core.len() - core.chars().last().map_or(0, char::len_utf8)]
    } else {
        name
    };
    (2..=30).contains(&n)
        && ORG.iter().any(|o| core.ends_with(o))
        && !name.contains(['。', '，', '：', ':', '的', '要', '将', '把'])
}

/// The end of a segment that starts at `from`: the end of its sentence, outside brackets.
fn segment_end(chars: &[char], from: usize) -> usize {
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().skip(from) {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            if depth == 0 {
                return i;
            }
            depth -= 1;
        } else if matches!(c, '。' | '\n') {
            return i;
        }
    }
    chars.len()
}

/// The bracket closing the one opening at `open`, on the same line.
fn matching_close(chars: &[char], open: usize) -> Option<usize> {
    if !chars.get(open).is_some_and(|c| is_open(*c)) {
        return None;
    }
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().skip(open) {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        } else if c == '\n' {
            return None;
        }
    }
    None
}

/// Finds the department tags of an item's text (as chars).
pub(crate) fn extract(chars: &[char]) -> Tags {
    let mut tags = Tags::default();
    let mut i = 0;
    while i < chars.len() {
        if is_open(chars[i])
            && let Some(close) = matching_close(chars, i)
            && let Some(deps) = parse_content(chars, i + 1, close)
        {
            tags.departments.extend(deps);
            tags.spans.push((i, close + 1));
            i = close + 1;
            continue;
        }
        i += 1;
    }
    // Unbracketed "责任单位：A、B" (also lines of their own after the item) to the end of
    // their sentence.
    let mut i = 0;
    while i < chars.len() {
        if let Some(&(_, b)) = tags.spans.iter().find(|(a, b)| *a <= i && i < *b) {
            i = b;
            continue;
        }
        if let Some((_, names, _)) = keyword(chars, i)
            && names > i
            && matches!(chars.get(names - 1), Some('：' | ':'))
            && (i == 0 || !chars[i - 1].is_alphanumeric() || chars[i - 1] == '\n' || {
                // A label starts a clause: after a separator, not inside a word.
                matches!(chars[i - 1], '。' | '；' | ';' | '，' | ',' | ' ')
            })
        {
            let end = segment_end(chars, names);
            if let Some(deps) = parse_content(chars, i, end) {
                tags.departments.extend(deps);
                tags.spans.push((i, end));
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    tags.spans.sort_unstable();
    // A name given as lead and again as support stays lead (first mention wins).
    dedup(&mut tags.departments);
    tags
}

fn dedup(deps: &mut Vec<Department>) {
    let mut seen: Vec<Department> = Vec::new();
    for d in deps.drain(..) {
        if !seen.iter().any(|s| s.name == d.name) {
            seen.push(d);
        }
    }
    *deps = seen;
}

/// Units named in running text: one of the item's last two sentences reading "区发改局负责。"
/// or "由区教育局牵头，区财政局配合。", every name an organisation. `(departments, span)`.
pub(crate) fn in_prose(chars: &[char]) -> Option<(Vec<Department>, (usize, usize))> {
    let mut bounds = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '。' | '；' | ';' | '\n') {
            bounds.push((start, i));
            start = i + 1;
        }
    }
    bounds.push((start, chars.len()));
    for &(a, b) in bounds.iter().rev().filter(|(a, b)| b > a).take(2) {
        let a = a + chars[a..b].iter().take_while(|c| c.is_whitespace()).count();
        let b = b - chars[a..b].iter().rev().take_while(|c| c.is_whitespace()).count();
        if let Some(deps) = natural(chars, a, b).filter(|d| d.iter().all(|d| is_org(&d.name))) {
            return Some((deps, (a, b)));
        }
        // "…以内。（局行政审批科）": a closing bracket of organisation names alone.
        if b > a + 2
            && is_close(chars[b - 1])
            && let Some(open) = (a.max(b.saturating_sub(64))..b - 1)
                .rev()
                .find(|&o| matching_close(chars, o) == Some(b - 1))
            && (chars[a..open].iter().all(|c| c.is_whitespace() || matches!(c, '。' | '；'))
                || (open > a && matches!(chars[open - 1], '。' | '；' | ';')))
        {
            let mut deps = Vec::new();
            push_names(&mut deps, &chars[open + 1..b - 1], Role::Lead);
            if !deps.is_empty() && deps.iter().all(|d| is_org(&d.name)) {
                return Some((deps, (open, b)));
            }
        }
    }
    None
}

/// Departments in one cell of a task table: a tag's content, "X牵头，Y配合", or a plain list
/// whose role is the column's.
pub(crate) fn cell(chars: &[char], role: Role) -> Vec<Department> {
    let mut deps = if let Some(d) = parse_content(chars, 0, chars.len()).filter(|d| !d.is_empty()) {
        d
    } else if let Some(d) = natural(chars, 0, chars.len()) {
        d
    } else {
        let mut out = Vec::new();
        let sep = |c| is_name_sep(c) || c == '\n' || c == ' ';
        for name in split_outside(chars, sep) {
            // "区发改局（牵头）"
            let name = clean_name(name);
            let (name, r) = if let Some(n) =
                name.strip_suffix("（牵头）").or(name.strip_suffix("(牵头)"))
            {
                (n.to_string(), Role::Lead)
            } else if let Some(n) = name.strip_suffix("（配合）").or(name.strip_suffix("(配合)"))
            {
                (n.to_string(), Role::Support)
            } else {
                (name, role)
            };
            if !name.is_empty() && !out.iter().any(|d: &Department| d.name == name) {
                out.push(Department { name, role: r });
            }
        }
        out
    };
    dedup(&mut deps);
    deps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps(s: &str) -> Vec<(String, Role)> {
        let c: Vec<char> = s.chars().collect();
        extract(&c).departments.into_iter().map(|d| (d.name, d.role)).collect()
    }

    fn d(n: &str, r: Role) -> (String, Role) {
        (n.to_string(), r)
    }

    #[test]
    fn lead_tags() {
        assert_eq!(deps("做好工作。（牵头科室：办公室）"), [d("办公室", Role::Lead)]);
        assert_eq!(deps("做好工作。（牵头科室： 办公室） "), [d("办公室", Role::Lead)]);
        assert_eq!(
            deps("做好。（责任科室：业余训练科、竞技**科）"),
            [d("业余训练科", Role::Lead), d("竞技**科", Role::Lead)]
        );
        assert_eq!(
            deps("做好。(责任单位:群众体育处,市体育总会)"),
            [d("群众体育处", Role::Lead), d("市体育总会", Role::Lead)]
        );
        assert_eq!(deps("做好。（牵头单位：A/B）"), [d("A", Role::Lead), d("B", Role::Lead)]);
    }

    #[test]
    fn lead_and_support() {
        assert_eq!(
            deps("做好。（牵头科室：办公室；配合科室：群众体育科、产业科）"),
            [d("办公室", Role::Lead), d("群众体育科", Role::Support), d("产业科", Role::Support)]
        );
        assert_eq!(
            deps("（牵头科室：办公室 配合科室：财务科）做好。"),
            [d("办公室", Role::Lead), d("财务科", Role::Support)]
        );
    }

    #[test]
    fn other_shapes() {
        assert_eq!(
            deps("做好。（牵头股室：群体股；配合股室：竞技股）"),
            [d("群体股", Role::Lead), d("竞技股", Role::Support)]
        );
        assert_eq!(deps("做好。【责任单位：甲处】"), [d("甲处", Role::Lead)]);
        assert_eq!(deps("做好。（责任领导：张三；责任科室：办公室）"), [d("办公室", Role::Lead)]);
        assert_eq!(deps("做好。（责任科室：办公室；分管领导：张三）"), [d("办公室", Role::Lead)]);
        assert_eq!(
            deps("做好。（办公室牵头，群众体育科、财务科配合）"),
            [d("办公室", Role::Lead), d("群众体育科", Role::Support), d("财务科", Role::Support)]
        );
        assert_eq!(deps("做好。（由办公室负责）"), [d("办公室", Role::Lead)]);
        assert!(deps("做好（各部门密切配合）。").is_empty());
    }

    #[test]
    fn not_tags() {
        assert!(deps("开展省级消费试点市（县、区）试点；农村（社区）健身").is_empty());
        assert!(deps("没有标签。").is_empty());
        assert!(deps("（责任").is_empty());
    }

    #[test]
    fn spans_cover_the_tag() {
        let c: Vec<char> = "做好。（牵头科室：办公室）".chars().collect();
        assert_eq!(extract(&c).spans, [(3, 13)]);
    }

    #[test]
    fn the_forms_real_plans_use() {
        let l = |n: &str| d(n, Role::Lead);
        let s = |n: &str| d(n, Role::Support);
        assert_eq!(
            deps("做好。（市卫生健康委牵头，各县（市、区）政府（管委会）按职责分工负责）"),
            [l("市卫生健康委"), s("各县（市、区）政府（管委会）")]
        );
        assert_eq!(
            deps("做好。(牵头单位:市发展改革委;配合单位:市财政局,市统计局等)"),
            [l("市发展改革委"), s("市财政局"), s("市统计局")]
        );
        assert_eq!(
            deps("做好。（甲局牵头，乙局、丙局，各区政府按职责分工负责）"),
            [l("甲局"), s("乙局"), s("丙局"), s("各区政府")]
        );
        assert_eq!(
            deps("做好。\n牵头单位：区发改局\n配合单位：区财政局、各街道"),
            [l("区发改局"), s("区财政局"), s("各街道")]
        );
        assert!(deps("做好（加强统筹，甲局负责）。").is_empty());
    }

    #[test]
    fn units_in_running_text() {
        let prose = |t: &str| {
            let c: Vec<char> = t.chars().collect();
            in_prose(&c).map(|(d, _)| d.into_iter().map(|d| (d.name, d.role)).collect::<Vec<_>>())
        };
        assert_eq!(
            prose("新增企业10家。市工业和信息化局负责。"),
            Some(vec![d("市工业和信息化局", Role::Lead)])
        );
        assert_eq!(
            prose("做好。由区教育局牵头，区财政局配合。"),
            Some(vec![d("区教育局", Role::Lead), d("区财政局", Role::Support)])
        );
        assert_eq!(
            prose("压缩至5个工作日。（局行政审批科）"),
            Some(vec![d("局行政审批科", Role::Lead)])
        );
        assert_eq!(prose("各单位要高度重视，主要领导亲自负责。"), None);
        assert_eq!(prose("开展试点市（县、区）试点。"), None);
    }

    #[test]
    fn cells_of_a_task_table() {
        let cell = |t: &str, r| {
            let c: Vec<char> = t.chars().collect();
            super::cell(&c, r).into_iter().map(|d| (d.name, d.role)).collect::<Vec<_>>()
        };
        assert_eq!(
            cell("市林业局（牵头）、市城市管理局", Role::Lead),
            [d("市林业局", Role::Lead), d("市城市管理局", Role::Lead)]
        );
        assert_eq!(cell("市卫生健康委等", Role::Support), [d("市卫生健康委", Role::Support)]);
        assert_eq!(
            cell("各县（市、区）政府（管委会）", Role::Support),
            [d("各县（市、区）政府（管委会）", Role::Support)]
        );
    }

    #[test]
    fn every_role_word_passes_the_first_character_check() {
        for w in LEAD.iter().chain(SUPPORT) {
            let c: Vec<char> = format!("{w}单位：甲").chars().collect();
            assert!(keyword(&c, 0).is_some(), "{w}");
        }
    }

    #[test]
    fn unbracketed() {
        assert_eq!(deps("做好。责任单位：计划财务处"), [d("计划财务处", Role::Lead)]);
    }
}
