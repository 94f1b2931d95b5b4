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

fn push_names(out: &mut Vec<Department>, seg: &[char], role: Role) {
    for name in seg.split(|c| is_name_sep(*c)) {
        let name: String = name.iter().filter(|c| !c.is_whitespace()).collect();
        let name = name.trim_start_matches('由').trim_end_matches('等').to_string();
        // "责任领导：张三" and the like are not departments.
        if !name.is_empty() && !name.contains(['：', ':']) && !out.iter().any(|d| d.name == name) {
            out.push(Department { name, role });
        }
    }
}

/// "（办公室牵头，群众体育科、财务科配合）": every part ends with a role word.
fn natural(chars: &[char], a: usize, b: usize) -> Option<Vec<Department>> {
    const LEAD_END: &[&str] = &["牵头", "负责", "主办", "主责", "牵头负责"];
    const SUPPORT_END: &[&str] = &["配合", "参与", "协助", "协办", "共同参与", "协同"];
    let mut out = Vec::new();
    for part in chars[a..b].split(|c| matches!(c, '，' | ',' | '；' | ';')) {
        let end = part.iter().rposition(|c| !c.is_whitespace()).map_or(0, |p| p + 1);
        let (role, w) = match text::longest_ending(part, end, LEAD_END) {
            Some(w) => (Role::Lead, w),
            None => (Role::Support, text::longest_ending(part, end, SUPPORT_END)?),
        };
        let names = &part[..end - w.chars().count()];
        if names.iter().all(|c| c.is_whitespace()) || names.len() > 30 {
            return None;
        }
        push_names(&mut out, names, role);
    }
    // Without a lead it is more likely prose ("（各部门密切配合）") than a tag.
    out.iter().any(|d| d.role == Role::Lead).then_some(out)
}

/// Finds the department tags of an item's text (as chars).
pub(crate) fn extract(chars: &[char]) -> Tags {
    let mut tags = Tags::default();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '（' | '(' | '【' | '[') {
            let close = chars[i + 1..]
                .iter()
                .position(|c| matches!(c, '）' | ')' | '】' | ']' | '（' | '(' | '【' | '[' | '\n'))
                .map(|p| i + 1 + p)
                .filter(|&p| matches!(chars[p], '）' | ')' | '】' | ']'));
            if let Some(close) = close {
                if let Some(deps) = parse_content(chars, i + 1, close) {
                    tags.departments.extend(deps);
                    tags.spans.push((i, close + 1));
                }
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    if tags.spans.is_empty() {
        // An unbracketed "责任单位：A、B" to the end of its sentence.
        let mut i = 0;
        while i < chars.len() {
            if let Some((_, names, _)) = keyword(chars, i)
                && names > i
                && matches!(chars.get(names - 1), Some('：' | ':'))
            {
                let end = chars[names..]
                    .iter()
                    .position(|c| matches!(c, '。' | '\n' | '）' | ')'))
                    .map_or(chars.len(), |p| names + p);
                if let Some(deps) = parse_content(chars, i, end) {
                    tags.departments.extend(deps);
                    tags.spans.push((i, end));
                }
                break;
            }
            i += 1;
        }
    }
    // A name given as lead and again as support stays lead (first mention wins).
    let mut seen: Vec<Department> = Vec::new();
    for d in tags.departments {
        if !seen.iter().any(|s| s.name == d.name) {
            seen.push(d);
        }
    }
    tags.departments = seen;
    tags
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
    fn unbracketed() {
        assert_eq!(deps("做好。责任单位：计划财务处"), [d("计划财务处", Role::Lead)]);
    }
}
