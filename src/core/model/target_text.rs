//! A target written as one line of text, the way an operator adds or edits one by hand:
//! `name goal unit [date]` (`新建健身步道 20 公里 2023-10-31`, also `100处` in one word), or
//! just `name` for a milestone. The date may follow `截止` or `due`.

use super::{Target, TargetKind, fmt_num, parse_number};
use chrono::NaiveDate;

/// Why a target line cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TargetLineError {
    #[error("the line names no target")]
    NoName,
    #[error("the goal must be a number above 0")]
    BadGoal,
    #[error("the goal has no unit")]
    NoUnit,
    #[error("the due date is YYYY-MM-DD")]
    BadDate,
}

/// Words that may stand before the due date.
const DUE_WORDS: [&str; 2] = ["截止", "due"];

/// `t` as a line [`parse_target`] reads back: `name goal unit [YYYY-MM-DD]`, or `name` for a
/// milestone.
pub fn target_line(t: &Target) -> String {
    let mut s = t.name.clone();
    if t.kind != TargetKind::Milestone {
        s.push_str(&format!(" {} {}", fmt_num(t.goal), t.unit));
    }
    if let Some(d) = t.due {
        s.push_str(&format!(" {d}"));
    }
    s
}

/// Reads a target line over `base`, which supplies what a line does not say (id, item,
/// theme, source). A line of one word is a milestone; otherwise the last words are the goal
/// and its unit (`%` makes it a percentage).
pub fn parse_target(line: &str, base: Target) -> Result<Target, TargetLineError> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let mut t = base;
    t.due = None;
    if let Some(last) = words.last()
        && let Some(date) = date_word(last)
    {
        t.due = Some(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| TargetLineError::BadDate)?,
        );
        words.pop();
        if words.last().is_some_and(|w| DUE_WORDS.contains(w)) {
            words.pop();
        }
    }
    match words.len() {
        0 => Err(TargetLineError::NoName),
        1 => {
            t.name = words[0].to_string();
            t.kind = TargetKind::Milestone;
            t.goal = 1.0;
            t.unit = String::new();
            Ok(t)
        }
        n => {
            let last = words[n - 1];
            if parse_number(last).is_ok() {
                return Err(TargetLineError::NoUnit);
            }
            // `name goal unit`, or `name goalunit` (100处).
            let split =
                last.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(last.len());
            let (name_words, goal, unit) = if split > 0 {
                (&words[..n - 1], &last[..split], &last[split..])
            } else if n >= 3 {
                (&words[..n - 2], words[n - 2], last)
            } else {
                return Err(TargetLineError::BadGoal);
            };
            let goal =
                parse_number(goal).ok().filter(|g| *g > 0.0).ok_or(TargetLineError::BadGoal)?;
            if unit.is_empty() {
                return Err(TargetLineError::NoUnit);
            }
            t.name = name_words.join(" ");
            t.goal = goal;
            t.unit = unit.to_string();
            t.kind = if unit == "%" { TargetKind::Percentage } else { TargetKind::Quantity };
            Ok(t)
        }
    }
}

/// The date a word states, if it looks like one: starts with a digit and has a `-`, after an
/// optional `截止` glued to it (`截止2023-10-31`).
fn date_word(word: &str) -> Option<&str> {
    let date = word.strip_prefix(DUE_WORDS[0]).unwrap_or(word);
    (date.starts_with(|c: char| c.is_ascii_digit()) && date.contains('-')).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Target {
        Target {
            id: "13.9".into(),
            item: Some("13".into()),
            theme: 4,
            kind: TargetKind::Quantity,
            name: "旧".into(),
            goal: 7.0,
            unit: "个".into(),
            due: NaiveDate::from_ymd_opt(2023, 6, 30),
            parent: None,
            source: "原文".into(),
            line: 12,
            direction: Default::default(),
            measure: Default::default(),
        }
    }

    fn read(line: &str) -> Result<Target, TargetLineError> {
        parse_target(line, base())
    }

    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn one_word_is_a_milestone() {
        let t = read(" 出台《实施意见》 ").expect("milestone");
        assert_eq!(
            (t.name.as_str(), t.kind, t.goal, t.unit.as_str()),
            ("出台《实施意见》", TargetKind::Milestone, 1.0, "")
        );
        assert_eq!(t.due, None, "the base's date is not kept unless written");
        assert_eq!(
            (t.id.as_str(), t.item.as_deref(), t.theme, t.line),
            ("13.9", Some("13"), 4, 12)
        );
    }

    #[test]
    fn name_goal_and_unit() {
        let t = read("新建 公共体育场地设施 100 处").expect("quantity");
        assert_eq!(
            (t.name.as_str(), t.goal, t.unit.as_str()),
            ("新建 公共体育场地设施", 100.0, "处")
        );
        assert_eq!(t.kind, TargetKind::Quantity);
        let t = read("覆盖率 90 %").expect("percentage");
        assert_eq!((t.kind, t.goal), (TargetKind::Percentage, 90.0));
        let t = read("培训指导员 1,000 人").expect("thousands");
        assert_eq!(t.goal, 1000.0);
    }

    #[test]
    fn goal_and_unit_in_one_word() {
        let t = read("新建公共体育场地设施 100处").expect("100处");
        assert_eq!(
            (t.name.as_str(), t.goal, t.unit.as_str()),
            ("新建公共体育场地设施", 100.0, "处")
        );
        let t = read("覆盖率 90%").expect("90%");
        assert_eq!((t.kind, t.goal, t.unit.as_str()), (TargetKind::Percentage, 90.0, "%"));
    }

    #[test]
    fn decimals() {
        let t = read("健身步道 3.5 公里").expect("decimal");
        assert_eq!((t.goal, t.unit.as_str()), (3.5, "公里"));
        let t = read("健身步道 3.5公里").expect("decimal in one word");
        assert_eq!((t.goal, t.unit.as_str()), (3.5, "公里"));
    }

    #[test]
    fn bad_goals() {
        assert_eq!(read("场地 0 处").err(), Some(TargetLineError::BadGoal));
        assert_eq!(read("场地 -5 处").err(), Some(TargetLineError::BadGoal));
        assert_eq!(read("场地 许多 处").err(), Some(TargetLineError::BadGoal));
        assert_eq!(read("场地 1.2.3处").err(), Some(TargetLineError::BadGoal));
        assert_eq!(read("场地 处").err(), Some(TargetLineError::BadGoal), "two words, no number");
    }

    #[test]
    fn missing_unit_or_name() {
        assert_eq!(read("场地 100").err(), Some(TargetLineError::NoUnit));
        assert_eq!(read("场地 设施 100").err(), Some(TargetLineError::NoUnit));
        assert_eq!(read("").err(), Some(TargetLineError::NoName));
        assert_eq!(read("   ").err(), Some(TargetLineError::NoName));
        assert_eq!(read("2023-10-31").err(), Some(TargetLineError::NoName));
    }

    #[test]
    fn a_trailing_date_is_the_due_date() {
        let t = read("场地 100 处 2023-10-31").expect("dated");
        assert_eq!((t.goal, t.due), (100.0, date("2023-10-31")));
        let t = read("出台《意见》 2023-10-31").expect("dated milestone");
        assert_eq!((t.kind, t.due), (TargetKind::Milestone, date("2023-10-31")));
        for line in [
            "场地 100 处 截止 2023-10-31",
            "场地 100 处 due 2023-10-31",
            "场地 100 处 截止2023-10-31",
        ] {
            let t = read(line).expect(line);
            assert_eq!(
                (t.name.as_str(), t.goal, t.due),
                ("场地", 100.0, date("2023-10-31")),
                "{line}"
            );
        }
        assert_eq!(read("截止 2023-10-31").err(), Some(TargetLineError::NoName));
    }

    #[test]
    fn bad_dates() {
        assert_eq!(read("场地 100 处 2023-13-01").err(), Some(TargetLineError::BadDate));
        assert_eq!(read("场地 100 处 2023-1031").err(), Some(TargetLineError::BadDate));
        assert_eq!(read("场地 100 处 截止2023-02-30").err(), Some(TargetLineError::BadDate));
    }

    #[test]
    fn lines_read_back_as_written() {
        let mut t = base();
        t.name = "新建公共体育场地设施".into();
        t.goal = 3.5;
        t.unit = "公里".into();
        assert_eq!(target_line(&t), "新建公共体育场地设施 3.5 公里 2023-06-30");
        assert_eq!(parse_target(&target_line(&t), base()), Ok(t.clone()));
        t.kind = TargetKind::Milestone;
        t.goal = 1.0;
        t.unit = String::new();
        t.due = None;
        assert_eq!(target_line(&t), "新建公共体育场地设施");
        assert_eq!(parse_target(&target_line(&t), base()), Ok(t));
    }
}
