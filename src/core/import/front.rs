//! What stands around a plan in the files offices keep: the red letterhead (`XX区人民政府文件`),
//! the document number (`鞍立政发〔2023〕2号`), the notice (`关于印发《…》的通知`), its
//! addressees (`各街道办事处，…：`) and body (`现将《…》印发给你们`), the signature and date,
//! `（此件公开发布）`, an attachment mark (`附件1`), a web page's metadata (`发布时间：…`), and at
//! the end the distribution block (`抄送：…`). None of it is the plan; the plan's own title is
//! found among what is left, and the year where the plan states it.
//!
//! A title is a line (or two short ones), never a paragraph: the first line naming the genre
//! (工作要点, 工作计划, 重点工作任务, 分工方案 …), else the first short line, else the notice's
//! 《…》 name, else the file name.

use super::text::{self, Line, Start};
use crate::core::numeral;

/// Words that name the genre in a title.
const GENRE: &[&str] = &[
    "工作要点",
    "要点",
    "工作计划",
    "计划",
    "重点工作",
    "重点任务",
    "工作任务",
    "任务分解",
    "分解方案",
    "分工方案",
    "实施方案",
    "工作方案",
    "行动方案",
    "方案",
    "任务清单",
    "清单",
    "工作安排",
    "责任分工",
    "任务分工",
    "分解表",
    "任务表",
    "工作目标",
];

/// Longest line taken as a title.
const TITLE_MAX: usize = 60;

/// What a front-matter line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Letterhead,
    DocNumber,
    Notice,
    Addressees,
    NoticeBody,
    Signature,
    Date,
    Public,
    Attachment,
    Web,
    Other,
}

/// The plan's title and year sources, and which lines are not plan text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Front {
    pub title: String,
    /// The line the title is on (0 when it came from the notice or the file name).
    pub title_line: usize,
    /// Year in the document number (〔2023〕).
    pub number_year: Option<i32>,
    /// Year of the notice or signature date.
    pub date_year: Option<i32>,
    /// Per line: part of the plan (title lines excluded).
    pub keep: Vec<bool>,
}

impl Front {
    /// The year the plan states: title, else document number, else the date.
    pub(crate) fn year(&self) -> Option<i32> {
        text::year_in(&self.title).or(self.number_year).or(self.date_year)
    }
}

fn is_date_line(s: &str) -> Option<i32> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches("印发").trim_end_matches("发布");
    let year = text::year_in(t)?;
    // 2023年2月10日, 二〇二三年二月十日, nothing else.
    let rest = t.split_once('年')?.1;
    let (m, d) = rest.split_once('月')?;
    let d = d.strip_suffix('日')?;
    let num =
        |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit() || numeral::is_part(c));
    (num(m) && num(d)).then_some(year)
}

/// The year of a document number's 〔2023〕 / [2023] / （2023）.
fn number_year(s: &str) -> Option<i32> {
    let c: Vec<char> = s.chars().collect();
    (0..c.len()).find_map(|i| {
        if !matches!(c[i], '〔' | '[' | '（' | '(' | '【' | '［') {
            return None;
        }
        let y: String = c.get(i + 1..i + 5)?.iter().collect();
        let close = c.get(i + 5)?;
        (y.chars().all(|d| d.is_ascii_digit())
            && matches!(close, '〕' | ']' | '）' | ')' | '】' | '］'))
        .then(|| y.parse().ok())
        .flatten()
        .filter(|y| (1949..=2200).contains(y))
    })
}

fn is_doc_number(s: &str) -> bool {
    let n = s.chars().count();
    number_year(s).is_some() && n <= 60 && s.contains('号') && !s.ends_with('。')
}

fn is_org(s: &str) -> bool {
    const ORG: &[&str] = &[
        "政府",
        "委员会",
        "办公室",
        "办公厅",
        "局",
        "委",
        "厅",
        "办",
        "中心",
        "公司",
        "院",
        "部",
        "会",
    ];
    let n = s.chars().count();
    (2..=30).contains(&n)
        && ORG.iter().any(|o| s.ends_with(o))
        && !s.chars().any(|c| matches!(c, '，' | ',' | '。' | '：' | ':' | '；' | ';' | '、'))
}

/// The 《…》 name in a notice line, or what stands between 关于印发 and 的通知.
fn notice_name(s: &str) -> Option<String> {
    if let (Some(a), Some(b)) = (s.find('《'), s.rfind('》'))
        && a < b
    {
        return Some(s[a + '《'.len_utf8()..b].to_string());
    }
    let a = s.find("关于印发")? + "关于印发".len();
    let b = s.rfind("的通知").filter(|b| *b > a)?;
    Some(s[a..b].to_string())
}

fn classify(s: &str) -> Part {
    let n = s.chars().count();
    let no_space: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(rest) = no_space.strip_prefix("附件") {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if rest.is_empty() || rest == "：" || rest == ":" {
            return Part::Attachment;
        }
    }
    if n <= 30 && no_space.ends_with("文件") {
        return Part::Letterhead;
    }
    const WEB: &[&str] = &[
        "发布时间",
        "发布日期",
        "来源：",
        "来源:",
        "浏览次数",
        "字号",
        "【字体",
        "字体：",
        "打印本页",
        "关闭窗口",
        "分享到",
        "索引号",
        "主题分类",
        "发文机关",
        "成文日期",
        "发布机构",
        "签发人",
        "当前位置",
        "首页>",
        "文号：",
        "发文字号",
    ];
    if WEB.iter().any(|w| no_space.starts_with(w)) {
        return Part::Web;
    }
    if is_doc_number(s) {
        return Part::DocNumber;
    }
    if no_space.starts_with("（此件") || no_space.starts_with("(此件") {
        return Part::Public;
    }
    if is_date_line(s).is_some() {
        return Part::Date;
    }
    if n <= 120 && (no_space.contains("关于印发") || no_space.ends_with("的通知")) {
        return Part::Notice;
    }
    if no_space.contains("印发给你们")
        || (no_space.starts_with("现将") && no_space.contains("印发"))
    {
        return Part::NoticeBody;
    }
    if n <= 150
        && (s.ends_with('：') || s.ends_with(':'))
        && (no_space.starts_with('各') || s.contains('，') || s.contains('、'))
    {
        return Part::Addressees;
    }
    Part::Other
}

fn has_genre(s: &str) -> bool {
    GENRE.iter().any(|g| s.contains(g))
}

fn is_title_like(s: &str) -> bool {
    let n = s.chars().count();
    n > 0
        && n <= TITLE_MAX
        && !s.ends_with(['。', '；', ';', '：', ':', '，', ','])
        && !s.contains('。')
}

/// Reads the front matter of `lines` (the plan's logical lines); `classify` tells headings and
/// items, where the front matter ends; `name` is the file name, the title of last resort.
pub(crate) fn read(lines: &[Line], classify: impl Fn(&str) -> Start, name: Option<&str>) -> Front {
    let body = lines.iter().position(|l| classify(&l.text) != Start::Text).unwrap_or(lines.len());
    let mut parts: Vec<Part> = lines[..body].iter().map(|l| classify_line(&l.text)).collect();
    // A signature is an organisation's name just before a date.
    for i in 1..parts.len() {
        if parts[i] == Part::Date && parts[i - 1] == Part::Other && is_org(&lines[i - 1].text) {
            parts[i - 1] = Part::Signature;
        }
    }
    let mut front = Front { keep: vec![true; lines.len()], ..Front::default() };
    let mut notice = None;
    for (l, p) in lines.iter().zip(&parts) {
        match p {
            Part::DocNumber | Part::Web => {
                front.number_year = front.number_year.or_else(|| number_year(&l.text));
                if *p == Part::Web && l.text.contains("日期") {
                    front.date_year = front.date_year.or_else(|| text::year_in(&l.text));
                }
            }
            Part::Date => front.date_year = front.date_year.or_else(|| is_date_line(&l.text)),
            Part::Notice | Part::NoticeBody => {
                notice = notice.or_else(|| notice_name(&l.text));
            }
            _ => {}
        }
    }
    for (k, p) in parts.iter().enumerate() {
        if *p != Part::Other {
            front.keep[k] = false;
        }
    }
    // The title: a line naming the genre, else the first short line.
    let others: Vec<usize> = (0..body).filter(|&k| parts[k] == Part::Other).collect();
    let pick = others
        .iter()
        .copied()
        .find(|&k| is_title_like(&lines[k].text) && has_genre(&lines[k].text))
        .or_else(|| others.iter().copied().find(|&k| is_title_like(&lines[k].text)));
    if let Some(k) = pick {
        let mut first = k;
        let mut last = k;
        let short = |j: usize| {
            parts.get(j) == Some(&Part::Other)
                && is_title_like(&lines[j].text)
                && lines[j].text.chars().count() <= 30
        };
        let t = &lines[k].text;
        // "市体育局" / "2023年工作要点": the line before carries the issuer.
        if k > 0
            && short(k - 1)
            && text::year_in(&lines[k - 1].text).is_none()
            && !has_genre(&lines[k - 1].text)
            && (text::year_in(t).is_some() || t.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            first = k - 1;
        }
        // "XX区2023年重点工作" / "任务分解方案": the line after finishes the name.
        if short(k + 1)
            && k + 1 < body
            && has_genre(&lines[k + 1].text)
            && text::year_in(&lines[k + 1].text).is_none()
        {
            last = k + 1;
        }
        // "市体育局" / "2023年工作要点" where only the second line names a year.
        if first == k
            && last == k
            && text::year_in(t).is_none()
            && short(k + 1)
            && k + 1 < body
            && text::year_in(&lines[k + 1].text).is_some()
            && !has_genre(t)
        {
            last = k + 1;
        }
        front.title = (first..=last).map(|j| lines[j].text.as_str()).collect();
        front.title_line = lines[first].line();
        // Lines before the title are letterhead; the title is not plan text.
        for keep in front.keep.iter_mut().take(last + 1) {
            *keep = false;
        }
    } else if let Some(n) = notice.clone() {
        front.title = n;
    } else if let Some(n) = name {
        front.title = n.to_string();
    }
    // The end: signature, date, distribution, 此件公开发布.
    let mut k = lines.len();
    while k > body {
        let t = &lines[k - 1].text;
        let ns: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let tail = is_date_line(t).is_some()
            || ns.starts_with("（此件")
            || ns.starts_with("(此件")
            || ns.starts_with("抄送")
            || (ns.ends_with("印发") && text::year_in(&ns).is_some() && ns.chars().count() <= 40)
            || (is_org(t) && k < lines.len() && is_date_line(&lines[k].text).is_some());
        if !tail {
            break;
        }
        if let Some(y) = is_date_line(t) {
            front.date_year = front.date_year.or(Some(y));
        }
        front.keep[k - 1] = false;
        k -= 1;
    }
    front
}

fn classify_line(s: &str) -> Part {
    classify(s.trim())
}

/// Whether a physical line stands on its own (front matter, a title naming the genre): it is
/// never joined to the line before as a hard wrap.
pub(crate) fn stands_alone(s: &str) -> bool {
    // Front matter and titles are short lines; a long one is read as text without a look.
    if s.len() > 600 {
        return false;
    }
    classify(s) != Part::Other
        || (is_title_like(s) && has_genre(s) && s.chars().count() <= 40 && !s.contains('，'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::structure;

    fn front(s: &str) -> (Front, Vec<String>) {
        let ls = text::lines(s, structure::classify, false);
        let f = read(&ls, structure::classify, Some("文件名"));
        let kept = ls.iter().zip(&f.keep).filter(|(_, k)| **k).map(|(l, _)| l.text.clone());
        let kept = kept.collect();
        (f, kept)
    }

    #[test]
    fn a_government_notice_around_the_plan() {
        let s = "鞍山市立山区人民政府文件\n鞍立政发〔2023〕2号\n关于印发立山区重点工作任务分解方案的通知\n各街道办事处，区政府各部门：\n现将《立山区重点工作任务分解方案》印发给你们，请认真贯彻落实。\n鞍山市立山区人民政府\n2023年2月10日\n（此件公开发布）\n立山区重点工作任务分解方案\n为推动工作落实，制定本方案。\n一、稳增长\n1.甲。\n抄送：区委办\n立山区人民政府办公室2023年2月10日印发";
        let (f, kept) = front(s);
        assert_eq!(f.title, "立山区重点工作任务分解方案");
        assert_eq!(f.number_year, Some(2023));
        assert_eq!(f.date_year, Some(2023));
        assert_eq!(f.year(), Some(2023));
        assert_eq!(kept, ["为推动工作落实，制定本方案。", "一、稳增长", "1.甲。"]);
    }

    #[test]
    fn titles_split_over_two_lines() {
        let (f, kept) = front("附件2\n\n市体育局\n2023年工作要点\n\n前言。\n一、甲\n1.乙。");
        assert_eq!(f.title, "市体育局2023年工作要点");
        assert_eq!(kept[0], "前言。");
        let (f, _) = front("XX区2024年重点工作\n任务分解方案\n一、甲");
        assert_eq!(f.title, "XX区2024年重点工作任务分解方案");
        let (f, _) = front("烟体字〔2023〕5号\n市体育局2023年工作要点\n一、甲");
        assert_eq!(f.title, "市体育局2023年工作要点");
    }

    #[test]
    fn a_title_is_never_a_paragraph() {
        let long = "为深入贯彻落实党的二十大精神，".repeat(10);
        let (f, _) = front(&format!("{long}\n一、甲\n1.乙。"));
        assert_eq!(f.title, "文件名");
        let (f, _) = front(&format!("关于印发《某局2024年工作要点》的通知\n{long}\n一、甲"));
        assert_eq!(f.title, "某局2024年工作要点");
        assert_eq!(f.year(), Some(2024));
    }

    #[test]
    fn dates() {
        assert_eq!(is_date_line("2023年2月10日"), Some(2023));
        assert_eq!(is_date_line("二〇二三年二月十日"), Some(2023));
        assert_eq!(is_date_line("2023年2月10日开展活动"), None);
        assert_eq!(number_year("鞍立政发〔2023〕2号"), Some(2023));
        assert_eq!(number_year("X发[2024]12号"), Some(2024));
    }
}
