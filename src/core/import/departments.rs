//! Department tags: （责任科室：A、B）, （牵头科室：A；配合科室：B）, （责任单位：A、B）, in full- or
//! half-width brackets, anywhere in the item, with stray spaces and any of the separators
//! 、，,；;/. 责任*/牵头*/主办* name leads, 配合*/协办*/参与* name supporters.

use super::text;
use crate::core::model::{Department, Role};

const LEAD: &[&str] = &["责任", "牵头", "主办", "主责"];
const SUPPORT: &[&str] = &["配合", "协办", "参与", "协同"];
const KINDS: &[&str] = &["科室", "单位", "部门", "处室", "处", "科"];

/// What the tags of one item say, and where they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tags {
    pub departments: Vec<Department>,
    /// `[start, end)` char ranges of the tags (brackets included).
    pub spans: Vec<(usize, usize)>,
}

/// A role keyword at `pos`: its role and where the names start.
fn keyword(chars: &[char], pos: usize) -> Option<(Role, usize)> {
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
        Some((role, i + 1))
    } else if kind.is_some_and(|k| k.chars().count() == 2) {
        Some((role, i))
    } else {
        None
    }
}

/// Reads `chars[a..b]` as tag content; `None` when it names no role.
fn parse_content(chars: &[char], a: usize, b: usize) -> Option<Vec<Department>> {
    let mut found: Vec<(usize, Role, usize)> = Vec::new();
    let mut i = a;
    while i < b {
        if let Some((role, names)) = keyword(chars, i) {
            found.push((i, role, names.min(b)));
            i = names.max(i + 1);
        } else {
            i += 1;
        }
    }
    let first = found.first()?;
    // Only text before the first keyword that is blank or punctuation keeps this a tag.
    if chars[a..first.0].iter().any(|c| !c.is_whitespace()) {
        return None;
    }
    let mut out: Vec<Department> = Vec::new();
    for (k, &(_, role, from)) in found.iter().enumerate() {
        let to = found.get(k + 1).map_or(b, |n| n.0);
        let seg: Vec<char> = chars[from.min(to)..to].to_vec();
        for name in seg.split(|c| matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／')) {
            let name: String = name.iter().filter(|c| !c.is_whitespace()).collect();
            let name = name.trim_end_matches('等').to_string();
            if !name.is_empty() && !out.iter().any(|d| d.name == name) {
                out.push(Department { name, role });
            }
        }
    }
    Some(out)
}

/// Finds the department tags of an item's text (as chars).
pub(crate) fn extract(chars: &[char]) -> Tags {
    let mut tags = Tags::default();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '（' | '(') {
            let close = chars[i + 1..]
                .iter()
                .position(|c| matches!(c, '）' | ')' | '（' | '(' | '\n'))
                .map(|p| i + 1 + p)
                .filter(|&p| matches!(chars[p], '）' | ')'));
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
            if let Some((_, names)) = keyword(chars, i)
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
        extract(&c)
            .departments
            .into_iter()
            .map(|d| (d.name, d.role))
            .collect()
    }

    fn d(n: &str, r: Role) -> (String, Role) {
        (n.to_string(), r)
    }

    #[test]
    fn lead_tags() {
        assert_eq!(
            deps("做好工作。（牵头科室：办公室）"),
            [d("办公室", Role::Lead)]
        );
        assert_eq!(
            deps("做好工作。（牵头科室： 办公室） "),
            [d("办公室", Role::Lead)]
        );
        assert_eq!(
            deps("做好。（责任科室：业余训练科、竞技**科）"),
            [d("业余训练科", Role::Lead), d("竞技**科", Role::Lead)]
        );
        assert_eq!(
            deps("做好。(责任单位:群众体育处,市体育总会)"),
            [d("群众体育处", Role::Lead), d("市体育总会", Role::Lead)]
        );
        assert_eq!(
            deps("做好。（牵头单位：A/B）"),
            [d("A", Role::Lead), d("B", Role::Lead)]
        );
    }

    #[test]
    fn lead_and_support() {
        assert_eq!(
            deps("做好。（牵头科室：办公室；配合科室：群众体育科、产业科）"),
            [
                d("办公室", Role::Lead),
                d("群众体育科", Role::Support),
                d("产业科", Role::Support)
            ]
        );
        assert_eq!(
            deps("（牵头科室：办公室 配合科室：财务科）做好。"),
            [d("办公室", Role::Lead), d("财务科", Role::Support)]
        );
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
        assert_eq!(
            deps("做好。责任单位：计划财务处"),
            [d("计划财务处", Role::Lead)]
        );
    }
}
