//! Deadlines in the text: 3月底前, 6月底, 3月前, 5月中旬前, 5月18日前, 上半年, 下半年, 年底前, 年内,
//! 一季度 / 第一季度 / 1季度 / 前三季度, optionally after a year (2024年3月底前). Dates use the plan
//! year unless the text names another, and month ends are exact (2025-02-28).

use super::text;
use crate::core::numeral;
use chrono::{Datelike, NaiveDate};

/// A deadline phrase at `[start, end)` and the date it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Deadline {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

/// The last day of a month.
pub(crate) fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month >= 12 { (year.checked_add(1)?, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt().filter(|d| d.month() == month)
}

/// Reads an Arabic or Chinese number of 1–2 places ending at `end` (exclusive), going back.
fn number_before(chars: &[char], end: usize) -> Option<(u32, usize)> {
    let digits = chars[..end].iter().rev().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let start = end - digits;
        if start > 0 && (chars[start - 1].is_ascii_digit() || chars[start - 1] == '.') {
            return None;
        }
        let s: String = chars[start..end].iter().collect();
        return Some((s.parse().ok()?, start));
    }
    if digits > 0 {
        return None;
    }
    let run = chars[..end].iter().rev().take_while(|c| numeral::is_part(**c)).count();
    if (1..=3).contains(&run) {
        let start = end - run;
        return Some((numeral::parse(&chars[start..end])?, start));
    }
    None
}

/// A year "20xx年" ending at `end` (the 年 excluded), if any: (year, start).
fn year_before(chars: &[char], end: usize) -> Option<(i32, usize)> {
    if end < 4 || !matches!(chars.get(end), Some('年')) {
        return None;
    }
    let start = end - 4;
    let s: String = chars[start..end].iter().collect();
    if !s.chars().all(|c| c.is_ascii_digit()) || (start > 0 && chars[start - 1].is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1949..=2200).contains(&y).then_some((y, start))
}

/// Finds every deadline phrase in `chars`.
pub(crate) fn find(chars: &[char], year: i32) -> Vec<Deadline> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(d) = at(chars, i, year) {
            i = d.end.max(i + 1);
            out.push(d);
        } else {
            i += 1;
        }
    }
    out
}

fn at(chars: &[char], i: usize, year: i32) -> Option<Deadline> {
    let c = chars[i];
    let with_year = |start: usize| -> (i32, usize) {
        if start > 0
            && let Some((y, s)) = year_before(chars, start - 1)
        {
            return (y, s);
        }
        (year, start)
    };
    if c == '月' && i > 0 {
        let (m, mstart) = number_before(chars, i)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let (y, start) = with_year(mstart);
        let mut j = i + 1;
        let date;
        if let Some(w) = text::longest_at(chars, j, &["底前", "底", "末前", "末", "份前", "前"])
        {
            j += w.chars().count();
            date = month_end(y, m)?;
        } else if let Some(w) = text::longest_at(chars, j, &["上旬前", "上旬", "中旬前", "中旬"])
        {
            j += w.chars().count();
            let day = if w.starts_with('上') { 10 } else { 20 };
            date = NaiveDate::from_ymd_opt(y, m, day)?;
        } else if let Some(w) = text::longest_at(chars, j, &["下旬前", "下旬"]) {
            j += w.chars().count();
            date = month_end(y, m)?;
        } else {
            // 5月18日前 / 5月18号前; a bare date (5月18日) is not a deadline.
            let digits = chars[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=2).contains(&digits) {
                return None;
            }
            let s: String = chars[j..j + digits].iter().collect();
            let day: u32 = s.parse().ok()?;
            let k = j + digits;
            if !(text::at(chars, k, "日前") || text::at(chars, k, "号前")) {
                return None;
            }
            j = k + 2;
            date = NaiveDate::from_ymd_opt(y, m, day)?;
        }
        return Some(Deadline { start, end: j, date });
    }
    if let Some(w) = text::longest_at(chars, i, &["上半年", "下半年"]) {
        let (y, start) = with_year(i);
        let date = if w == "上半年" { month_end(y, 6)? } else { month_end(y, 12)? };
        return Some(Deadline { start, end: i + 3, date });
    }
    if c == '年'
        && let Some(w) = text::longest_at(chars, i, &["年底前", "年底", "年末前", "年末", "年内"])
    {
        // 2025年底前 names its year; 3年内 / 五年内 is a duration.
        let (y, start) = match year_before(chars, i) {
            Some((y, s)) => (y, s),
            None => {
                let prev = i.checked_sub(1).and_then(|p| chars.get(p));
                if prev.is_some_and(|p| p.is_ascii_digit() || numeral::is_part(*p) || *p == '半') {
                    return None;
                }
                (year, i)
            }
        };
        return Some(Deadline { start, end: i + w.chars().count(), date: month_end(y, 12)? });
    }
    if c == '季' && text::at(chars, i, "季度") && i > 0 {
        let q = chars[i - 1];
        let quarter = match q {
            '一' | '1' => 1,
            '二' | '2' => 2,
            '三' | '3' => 3,
            '四' | '4' => 4,
            _ => return None,
        };
        let mut start = i - 1;
        if start > 0 && matches!(chars[start - 1], '第' | '前') {
            start -= 1;
        }
        let (y, start) = with_year(start);
        let mut end = i + 2;
        if let Some(w) = text::longest_at(chars, end, &["末前", "末", "底前", "底", "前"]) {
            end += w.chars().count();
        }
        return Some(Deadline { start, end, date: month_end(y, quarter * 3)? });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str, year: i32) -> Vec<(String, String)> {
        let c: Vec<char> = s.chars().collect();
        find(&c, year)
            .into_iter()
            .map(|d| (text::slice(&c, d.start, d.end), d.date.to_string()))
            .collect()
    }

    fn p(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn month_ends() {
        assert_eq!(month_end(2025, 2).map(|d| d.to_string()).as_deref(), Some("2025-02-28"));
        assert_eq!(month_end(2024, 2).map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert_eq!(month_end(2025, 12).map(|d| d.to_string()).as_deref(), Some("2025-12-31"));
        assert_eq!(month_end(2025, 13), None);
    }

    #[test]
    fn month_deadlines() {
        assert_eq!(dates("3月底前完成", 2025), [p("3月底前", "2025-03-31")]);
        assert_eq!(dates("2月底前完成", 2025), [p("2月底前", "2025-02-28")]);
        assert_eq!(dates("十二月底前完成", 2025), [p("十二月底前", "2025-12-31")]);
        assert_eq!(dates("5月18日前报送", 2025), [p("5月18日前", "2025-05-18")]);
        assert_eq!(dates("6月中旬前", 2025), [p("6月中旬前", "2025-06-20")]);
        assert_eq!(dates("2026年3月底前", 2025), [p("2026年3月底前", "2026-03-31")]);
        assert!(dates("5月18日举办", 2025).is_empty());
        assert!(dates("13月底前", 2025).is_empty());
        assert!(dates("2月30日前", 2025).is_empty());
    }

    #[test]
    fn year_parts() {
        assert_eq!(dates("上半年完成", 2025), [p("上半年", "2025-06-30")]);
        assert_eq!(dates("年底前完成", 2025), [p("年底前", "2025-12-31")]);
        assert_eq!(dates("力争年内新增", 2023), [p("年内", "2023-12-31")]);
        assert_eq!(dates("2024年底前", 2023), [p("2024年底前", "2024-12-31")]);
        assert!(dates("三年内", 2023).is_empty());
        assert_eq!(dates("一季度完成", 2025), [p("一季度", "2025-03-31")]);
        assert_eq!(dates("第二季度末前", 2025), [p("第二季度末前", "2025-06-30")]);
        assert_eq!(dates("前三季度", 2025), [p("前三季度", "2025-09-30")]);
    }
}
