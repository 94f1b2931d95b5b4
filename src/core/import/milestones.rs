//! Milestones: documents to produce (制定/出台/印发/修订/研究制定《…》, one per title when a
//! verb governs several), not documents merely carried out (落实/贯彻/执行/开展…《…》); and dated
//! steps ("4月底前签订办赛协议") that the caller builds from [`super::deadlines`].

use super::text;

/// Verbs that produce a document.
const PRODUCE: &[&str] = &[
    "制定",
    "制订",
    "出台",
    "印发",
    "修订",
    "修订完善",
    "研究制定",
    "编制",
    "起草",
    "修改",
    "发布",
    "编印",
    "拟定",
    "研究出台",
    "修编",
    "编写",
    "出版",
    "颁布",
    "研制",
];

/// What a deadline may be followed by when it only dates the issue of a document the item
/// produces (`制定《…办法》，6月底前印发`).
const ISSUE: &[&str] = &[
    "印发",
    "出台",
    "发布",
    "印发实施",
    "出台实施",
    "发布实施",
    "正式印发",
    "正式出台",
    "印发执行",
    "报批",
    "审议通过",
    "颁布",
    "颁布实施",
    "制定出台",
    "完成制定",
    "完成修订",
    "修订完成",
    "制定完成",
    "完成编制",
    "编制完成",
    "出台并实施",
];

/// Whether `rest` (what follows a deadline) only issues a document.
pub(crate) fn is_issue(rest: &str) -> bool {
    let r = rest.trim_end_matches(['。', '，', ',', '；', ';']).trim();
    ISSUE.contains(&r) || PRODUCE.contains(&r)
}

/// Verbs that carry a document out (no milestone).
const CARRY_OUT: &[&str] = &[
    "落实",
    "贯彻",
    "严格落实",
    "贯彻落实",
    "执行",
    "严格执行",
    "开展",
    "组织开展",
    "实施",
    "组织实施",
    "学习",
    "宣传",
    "宣贯",
    "遵守",
    "按照",
    "依据",
    "根据",
    "对照",
    "对标",
    "围绕",
    "推进",
    "推动",
    "用好",
    "利用",
    "依托",
    "参照",
    "深入贯彻",
    "认真贯彻",
    "学习贯彻",
];

/// A document to produce, found at 《 (`pos`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub pos: usize,
    /// The title with its 《》.
    pub name: String,
    /// From the verb to the closing 》.
    pub source: String,
}

/// `[open, close]` positions of every balanced 《…》 in `chars`.
pub(crate) fn titles(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '《' {
            let close = chars[i + 1..]
                .iter()
                .position(|c| matches!(c, '》' | '《' | '\n' | '。'))
                .map(|p| i + 1 + p)
                .filter(|&p| chars[p] == '》');
            if let Some(close) = close {
                out.push((i, close));
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The verb governing the title that opens at `open`: going back through the clause, over
/// other titles and list separators, the nearest known verb. `(produces, verb start)`.
fn governing_verb(chars: &[char], open: usize, spans: &[(usize, usize)]) -> Option<(bool, usize)> {
    let mut end = open;
    while end > 0 {
        if let Some(&(o, _)) = spans.iter().find(|&&(o, c)| c + 1 == end && o < end) {
            end = o;
            continue;
        }
        let prev = chars[end - 1];
        if text::is_clause_end(prev) && prev != '：' && prev != ':' {
            return None;
        }
        let p = text::longest_ending(chars, end, PRODUCE);
        let c = text::longest_ending(chars, end, CARRY_OUT);
        match (p, c) {
            (Some(p), Some(c)) => {
                let produce = p.chars().count() >= c.chars().count();
                let len = if produce { p } else { c }.chars().count();
                return Some((produce, end - len));
            }
            (Some(p), None) => return Some((true, end - p.chars().count())),
            (None, Some(c)) => return Some((false, end - c.chars().count())),
            (None, None) => end -= 1,
        }
    }
    None
}

/// Documents to produce, and the titles not taken (carried out, or no verb) with their `pos`.
pub(crate) fn documents(chars: &[char]) -> (Vec<Document>, Vec<(usize, String)>) {
    let spans = titles(chars);
    let mut docs = Vec::new();
    let mut not = Vec::new();
    for &(open, close) in &spans {
        let name = text::slice(chars, open, close + 1);
        match governing_verb(chars, open, &spans) {
            Some((true, verb)) => {
                docs.push(Document { pos: open, name, source: text::slice(chars, verb, close + 1) })
            }
            _ => not.push((open, name)),
        }
    }
    (docs, not)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        documents(&c).0.into_iter().map(|d| d.name).collect()
    }

    #[test]
    fn produced() {
        assert_eq!(names("出台《关于深化体教融合的意见》，配合"), ["《关于深化体教融合的意见》"]);
        assert_eq!(
            names("打造金牌教练员，修订完善《**市教练员管理办法》。"),
            ["《**市教练员管理办法》"]
        );
        assert_eq!(names("研究制定《甲》《乙》《丙》等指导性文件"), ["《甲》", "《乙》", "《丙》"]);
        assert_eq!(names("印发《甲》、《乙》和《丙》"), ["《甲》", "《乙》", "《丙》"]);
        let c: Vec<char> = "研究制定《甲》".chars().collect();
        assert_eq!(documents(&c).0[0].source, "研究制定《甲》");
    }

    #[test]
    fn carried_out() {
        assert!(names("严格落实《甲》、《乙》相关文件").is_empty());
        assert!(names("落实国家《全民健身场地设施补短板五年行动计划》").is_empty());
        assert!(names("组织开展市县两级《国家**锻炼标准》达标测试活动").is_empty());
        assert!(names("贯彻落实《条例》").is_empty());
        assert!(names("《条例》").is_empty());
        assert!(names("制定方案，宣传《条例》").is_empty());
    }

    #[test]
    fn unbalanced_titles_are_ignored() {
        assert!(names("制定《甲").is_empty());
        assert!(names("制定》甲《").is_empty());
    }
}
