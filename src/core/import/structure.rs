//! The outline of a plan: title, preamble, themes 一、, sections （一）, items 1. / 1、 / （1）.
//!
//! Which marker plays which role is decided per document: the Arabic `1.` markers are items
//! when present (then `（1）` lines are sub-points inside an item), else `（1）`; when a plan has
//! no numbered items at all its `（一）` paragraphs are the items. When a plan has no `一、`
//! headings, `（一）` headings (if not items) are its themes; a flat list of items is put under
//! one synthetic theme 1 titled with the plan title.

use super::diagnostic::{Diagnostic, Finding};
use super::front::Front;
#[cfg(test)]
use super::text;
use super::text::{Line, Start};
use crate::core::model::Department;
use crate::core::model::{Section, Theme};
use crate::core::numeral;

/// A numbering level as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// 一、
    Theme,
    /// （一）
    Section,
    /// 1. / 1、 / 1．
    Dot,
    /// （1）
    Paren,
}

/// A numbering marker at the start of a line: its level, number and length in chars.
pub(crate) fn marker(s: &str) -> Option<(Level, u32, usize)> {
    let c: Vec<char> = s.chars().take(10).collect();
    let open = matches!(c.first(), Some('（' | '('));
    let close = |x: Option<&char>| matches!(x, Some('）' | ')'));
    if open {
        let digits = c[1..].iter().take_while(|x| x.is_ascii_digit()).count();
        if (1..=3).contains(&digits) && close(c.get(1 + digits)) {
            let n = number(&c[1..=digits])?;
            return Some((Level::Paren, n, digits + 2));
        }
        let run = c[1..].iter().take_while(|x| numeral::is_part(**x)).count();
        if (1..=3).contains(&run) && close(c.get(1 + run)) {
            let n = numeral::parse(&c[1..=run]).filter(|n| *n > 0)?;
            return Some((Level::Section, n, run + 2));
        }
        return None;
    }
    let digits = c.iter().take_while(|x| x.is_ascii_digit()).count();
    if (1..=5).contains(&digits) {
        let sep = c.get(digits).copied();
        let next = c.get(digits + 1).copied();
        let ok = match sep {
            // "1.6月底前…" is item 1 starting with a deadline, "3.5亿元" is a number.
            Some('.' | '、') => {
                !next.is_some_and(|x| x.is_ascii_digit() || x == '%') || {
                    let d = c[digits + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
                    (1..=2).contains(&d) && c.get(digits + 1 + d) == Some(&'月')
                }
            }
            Some(')' | '）') => true,
            _ => false,
        };
        if ok {
            let n = number(&c[..digits])?;
            return Some((Level::Dot, n, digits + 1));
        }
        return None;
    }
    let run = c.iter().take_while(|x| numeral::is_part(**x)).count();
    if (1..=3).contains(&run) && matches!(c.get(run), Some('、' | '.')) {
        let n = numeral::parse(&c[..run]).filter(|n| *n > 0)?;
        // "二、三季度…", "一、二月份…" are not headings.
        let rest = &c[run + 1..];
        let nrun = rest.iter().take_while(|x| numeral::is_part(**x)).count();
        if nrun > 0
            && rest.get(nrun).is_none_or(|x| {
                matches!(x, '季' | '月' | '、' | '年' | '届' | '次' | '类' | '级' | '个' | '是')
            })
        {
            return None;
        }
        return Some((Level::Theme, n, run + 1));
    }
    None
}

fn number(digits: &[char]) -> Option<u32> {
    let s: String = digits.iter().collect();
    s.parse::<u32>().ok().filter(|n| *n > 0)
}

/// How a line starts, for joining hard-wrapped lines.
pub(crate) fn classify(s: &str) -> Start {
    match marker(s) {
        Some((Level::Theme | Level::Section, _, _)) => Start::Heading,
        Some((Level::Dot | Level::Paren, _, _)) => Start::Item,
        None => Start::Text,
    }
}

/// An item before targets and departments are read.
#[derive(Debug, Clone)]
pub(crate) struct RawItem {
    pub theme: u32,
    pub section: Option<u32>,
    pub number: u32,
    /// The item's paragraphs, its marker removed from the first.
    pub paras: Vec<Line>,
    /// What a task table states in its own columns.
    pub given: Option<Given>,
}

/// What a task table's columns say about an item.
#[derive(Debug, Clone, Default)]
pub(crate) struct Given {
    pub departments: Vec<Department>,
    /// The deadline cell and its line.
    pub due: Option<(String, usize)>,
}

impl RawItem {
    /// The item's paragraphs as one logical line (joined with "\n").
    pub(crate) fn joined(&self) -> Line {
        let mut text = String::new();
        let mut marks = Vec::new();
        for (i, p) in self.paras.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            let base = text.chars().count();
            marks.extend(p.marks.iter().map(|(off, no)| (off + base, *no)));
            text.push_str(&p.text);
        }
        Line { text, marks }
    }
}

/// The outline of the plan.
#[derive(Debug, Clone, Default)]
pub(crate) struct Skeleton {
    pub title: String,
    pub preamble: String,
    pub themes: Vec<Theme>,
    pub items: Vec<RawItem>,
    pub diagnostics: Vec<Diagnostic>,
}

enum Sink {
    Preamble,
    ThemeIntro,
    SectionIntro,
    Item,
}

fn strip_marker(line: &Line, len: usize) -> Line {
    let rest: String = line.text.chars().skip(len).collect();
    let trimmed = rest.trim_start();
    let removed = len + (rest.chars().count() - trimmed.chars().count());
    let marks = line
        .marks
        .iter()
        .enumerate()
        .map(|(i, (off, no))| if i == 0 { (0, *no) } else { (off.saturating_sub(removed), *no) })
        .collect();
    Line { text: trimmed.to_string(), marks }
}

fn push_para(buf: &mut String, s: &str) {
    if !buf.is_empty() {
        buf.push('\n');
    }
    buf.push_str(s);
}

/// Builds the outline from logical lines; `front` says which lines are plan text and names
/// the title.
pub(crate) fn build(all: &[Line], front: &Front) -> Skeleton {
    let mut sk = Skeleton { title: front.title.clone(), ..Skeleton::default() };
    let lines: Vec<Line> =
        all.iter().zip(&front.keep).filter(|(_, k)| **k).map(|(l, _)| l.clone()).collect();
    let lines = &lines[..];
    let cands: Vec<Option<(Level, u32, usize)>> = lines.iter().map(|l| marker(&l.text)).collect();
    let has = |lv: Level| cands.iter().any(|c| c.is_some_and(|(l, _, _)| l == lv));
    let item_level = if has(Level::Dot) {
        Some(Level::Dot)
    } else if has(Level::Paren) {
        Some(Level::Paren)
    } else if has(Level::Section) {
        Some(Level::Section)
    } else {
        None
    };
    let theme_level = if has(Level::Theme) {
        Some(Level::Theme)
    } else if has(Level::Section) && item_level != Some(Level::Section) {
        Some(Level::Section)
    } else {
        None
    };
    let section_level = (theme_level == Some(Level::Theme)
        && has(Level::Section)
        && item_level != Some(Level::Section))
    .then_some(Level::Section);

    let mut sink = Sink::Preamble;
    let mut last_item: u32 = 0;
    let mut any_structure = false;
    for (line, cand) in lines.iter().zip(&cands) {
        let role = cand.and_then(|(lv, n, len)| {
            if Some(lv) == item_level {
                Some((Level::Dot, n, len))
            } else if Some(lv) == section_level {
                Some((Level::Section, n, len))
            } else if Some(lv) == theme_level {
                Some((Level::Theme, n, len))
            } else {
                None
            }
        });
        match role {
            Some((Level::Theme, n, len)) => {
                let last = sk.themes.last().map_or(0, |t| t.number);
                if n > last && n <= last + 3 {
                    if n > last + 1 {
                        sk.diagnostics.push(Diagnostic::new(
                            line.line(),
                            Finding::ThemeMissing { number: last + 1 },
                        ));
                    }
                    sk.themes.push(Theme {
                        number: n,
                        title: strip_marker(line, len).text,
                        intro: String::new(),
                        sections: Vec::new(),
                        line: line.line(),
                    });
                    sink = Sink::ThemeIntro;
                    any_structure = true;
                    continue;
                }
            }
            Some((Level::Section, n, len)) => {
                if let Some(theme) = sk.themes.last_mut() {
                    let last = theme.sections.last().map_or(0, |s| s.number);
                    if n > last && n <= last + 3 {
                        theme.sections.push(Section {
                            number: n,
                            title: strip_marker(line, len).text,
                            intro: String::new(),
                            line: line.line(),
                        });
                        sink = Sink::SectionIntro;
                        continue;
                    }
                }
            }
            // Four- and five-digit numbers (2023. …) are items only in sequence.
            Some((_, n, _)) if n >= 1000 && n != last_item + 1 => {}
            Some((_, n, len)) => {
                if theme_level.is_none() && sk.themes.is_empty() {
                    sk.themes.push(Theme {
                        number: 1,
                        title: sk.title.clone(),
                        intro: String::new(),
                        sections: Vec::new(),
                        line: front.title_line,
                    });
                }
                if let Some(theme) = sk.themes.last() {
                    let expected = last_item + 1;
                    if n != 1 && n > expected {
                        sk.diagnostics.push(Diagnostic::new(
                            line.line(),
                            Finding::ItemsMissing { from: expected, to: n - 1 },
                        ));
                    } else if n != 1 && n < expected {
                        sk.diagnostics.push(Diagnostic::new(
                            line.line(),
                            Finding::ItemOutOfOrder { number: n, after: last_item },
                        ));
                    }
                    last_item = n;
                    let section = if item_level == Some(Level::Section) {
                        None
                    } else {
                        theme.sections.last().map(|s| s.number)
                    };
                    sk.items.push(RawItem {
                        theme: theme.number,
                        section,
                        number: n,
                        paras: vec![strip_marker(line, len)],
                        given: None,
                    });
                    sink = Sink::Item;
                    any_structure = true;
                    continue;
                }
                sk.diagnostics
                    .push(Diagnostic::new(line.line(), Finding::ItemBeforeTheme { number: n }));
            }
            None => {}
        }
        // Plain text (or a marker out of place): add it to whatever is open.
        match sink {
            Sink::Preamble => push_para(&mut sk.preamble, &line.text),
            Sink::ThemeIntro => {
                if let Some(t) = sk.themes.last_mut() {
                    push_para(&mut t.intro, &line.text);
                }
            }
            Sink::SectionIntro => {
                if let Some(s) = sk.themes.last_mut().and_then(|t| t.sections.last_mut()) {
                    push_para(&mut s.intro, &line.text);
                }
            }
            Sink::Item => {
                if let Some(it) = sk.items.last_mut() {
                    it.paras.push(line.clone());
                }
            }
        }
    }
    if !any_structure {
        sk.themes.clear();
        sk.items.clear();
    }
    sk
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(s: &str) -> Skeleton {
        let ls = text::lines(s, classify, true);
        build(&ls, &super::super::front::read(&ls, classify, None))
    }

    #[test]
    fn markers() {
        assert_eq!(marker("一、强化政治建设"), Some((Level::Theme, 1, 2)));
        assert_eq!(marker("二十一、其他"), Some((Level::Theme, 21, 4)));
        assert_eq!(marker("（三）加强"), Some((Level::Section, 3, 3)));
        assert_eq!(marker("(三)加强"), Some((Level::Section, 3, 3)));
        assert_eq!(marker("12.加强"), Some((Level::Dot, 12, 3)));
        assert_eq!(marker("1、加强"), Some((Level::Dot, 1, 2)));
        assert_eq!(marker("（2）加强"), Some((Level::Paren, 2, 3)));
        assert_eq!(marker("3.5亿元"), None);
        assert_eq!(marker("1.6月底前出台"), Some((Level::Dot, 1, 2)));
        assert_eq!(marker("2023年"), None);
        assert_eq!(marker("二、三季度完成"), None);
        assert_eq!(marker("三个一"), None);
        assert_eq!(marker("十四五"), None);
        assert_eq!(marker("（县、区）"), None);
        assert_eq!(marker("0.加强"), None);
        assert_eq!(marker("1234.加强"), Some((Level::Dot, 1234, 5)));
        assert_eq!(marker("123456.加强"), None);
    }

    #[test]
    fn outline_with_sections_and_intro() {
        let s = "某局2024年工作要点\n前言。\n一、甲\n引言。\n（一）子甲\n1.任务一。\n补充段落。\n2.任务二。\n（二）子乙\n1.任务三。\n二、乙\n1.任务四。";
        let sk = outline(s);
        assert_eq!(sk.title, "某局2024年工作要点");
        assert_eq!(sk.preamble, "前言。");
        assert_eq!(sk.themes.len(), 2);
        assert_eq!(sk.themes[0].intro, "引言。");
        assert_eq!(sk.themes[0].sections.len(), 2);
        assert_eq!(sk.items.len(), 4);
        assert_eq!(sk.items[0].section, Some(1));
        assert_eq!(sk.items[0].joined().text, "任务一。\n补充段落。");
        assert_eq!(sk.items[2].section, Some(2));
        assert_eq!(sk.items[3].theme, 2);
        assert_eq!(sk.items[3].section, None);
        assert!(sk.diagnostics.is_empty(), "{:?}", sk.diagnostics);
    }

    #[test]
    fn paren_items_and_sub_points() {
        let sk = outline("标题\n一、甲\n（1）任务一。\n（2）任务二。");
        assert_eq!(sk.items.len(), 2);
        let sk = outline("标题\n一、甲\n1.任务一：\n（1）要点。\n（2）要点。\n2.任务二。");
        assert_eq!(sk.items.len(), 2);
        assert_eq!(sk.items[0].paras.len(), 3);
    }

    #[test]
    fn flat_list_gets_a_synthetic_theme() {
        let sk = outline("某局2024年重点工作\n1.甲。\n2.乙。");
        assert_eq!(sk.themes.len(), 1);
        assert_eq!(sk.themes[0].title, "某局2024年重点工作");
        assert_eq!(sk.items.len(), 2);
    }

    #[test]
    fn skipped_numbers() {
        let sk = outline("标题\n一、甲\n1.a。\n2.b。\n4.c。");
        assert_eq!(sk.diagnostics.len(), 1);
        assert_eq!(sk.diagnostics[0].what, Finding::ItemsMissing { from: 3, to: 3 });
        assert_eq!(sk.diagnostics[0].line, 5);
    }

    #[test]
    fn front_matter_and_two_line_titles() {
        let sk = outline("附件2\n\n市体育局\n2023年工作要点\n\n前言。\n一、甲\n1.乙。");
        assert_eq!(sk.title, "市体育局2023年工作要点");
        assert_eq!(sk.preamble, "前言。");
        assert_eq!(sk.items.len(), 1);
        let sk = outline("烟体字〔2023〕5号\n市体育局2023年工作要点\n一、甲");
        assert_eq!(sk.title, "市体育局2023年工作要点");
    }

    #[test]
    fn year_like_numbers_are_items_only_in_sequence() {
        let sk = outline("标题\n一、甲\n1.a。\n2023.b。");
        assert_eq!(sk.items.len(), 1);
        assert_eq!(sk.items[0].paras.len(), 2);
    }

    #[test]
    fn sections_only_are_themes() {
        let sk = outline("标题\n（一）甲\n1.a。\n（二）乙\n1.b。");
        assert_eq!(sk.themes.len(), 2);
        assert_eq!(sk.items[1].theme, 2);
    }
}
