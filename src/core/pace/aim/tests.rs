//! The rules of direction and measure at their edges, through the whole evaluation of one
//! target (status included), so a rule cannot pass here and fail on the board.

use super::*;
use crate::core::model::{Measure, Status, TargetKind};
use crate::core::pace::{Thresholds, evaluate_due};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn target(direction: Direction, goal: f64, measure: Measure) -> Target {
    Target {
        id: "1.1".into(),
        item: Some("1".into()),
        theme: 1,
        kind: TargetKind::Percentage,
        name: "孕产妇死亡率".into(),
        goal,
        unit: "%".into(),
        due: None,
        parent: None,
        source: String::new(),
        line: 0,
        direction,
        measure,
    }
}

fn down(goal: f64) -> Target {
    target(Direction::Down, goal, Measure::default())
}

/// Values recorded in order.
fn values(vs: &[f64]) -> Reading {
    Reading { value: vs.last().copied(), first: vs.first().copied(), since: None }
}

fn eval(t: &Target, r: Reading, on: &str) -> (Status, f64) {
    let e = evaluate_due(d("2023-01-01"), d("2023-12-31"), t, r, d(on), &Thresholds::default());
    (e.status, e.progress)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn down_is_done_at_the_goal_and_below_and_never_for_being_above() {
    let t = down(9.3);
    assert_eq!(eval(&t, values(&[10.5, 9.3]), "2023-03-01").0, Status::Done, "at the goal");
    assert_eq!(eval(&t, values(&[10.5, 8.0]), "2023-03-01").0, Status::Done, "below it");
    // Above the goal is never done, however large value / goal would be.
    let (s, p) = eval(&t, values(&[10.5, 10.5]), "2023-12-31");
    assert_eq!((s, p), (Status::Behind, 0.0));
    let (s, p) = eval(&t, values(&[10.5, 9.31]), "2024-01-01");
    assert_eq!(s, Status::Behind, "overdue just above the goal");
    assert!(p < 1.0);
}

#[test]
fn down_with_nothing_recorded_is_not_done() {
    let t = down(9.3);
    let (s, p) = eval(&t, Reading::default(), "2023-01-05");
    assert_eq!((s, p), (Status::OnTrack, 0.0), "early in the year: within grace");
    assert_eq!(eval(&t, Reading::default(), "2023-07-02").0, Status::Behind);
    assert_eq!(eval(&t, Reading::default(), "2024-01-02").0, Status::Behind, "overdue");
    // A recorded 0 is a value: 0 accidents reaches a ceiling of 2.
    assert_eq!(eval(&down(2.0), values(&[0.0]), "2023-03-01").0, Status::Done);
}

#[test]
fn down_progress_runs_from_the_first_value_or_the_stated_start() {
    let t = down(9.3);
    // From the first value recorded: 10.5 → 9.9 is half of 10.5 → 9.3.
    let (_, p) = eval(&t, values(&[10.5, 9.9]), "2023-07-02");
    assert!(close(p, 0.5), "{p}");
    // A stated start wins over the first value: 12.3 → 9.9 is 2.4 of 3.0.
    let stated =
        target(Direction::Down, 9.3, Measure { baseline: Some(12.3), ..Measure::default() });
    let (_, p) = eval(&stated, values(&[10.5, 9.9]), "2023-07-02");
    assert!(close(p, 0.8), "{p}");
    // One value: no way come yet; worse than the start: 0, not negative.
    assert_eq!(eval(&t, values(&[10.5]), "2023-07-02").1, 0.0);
    assert_eq!(eval(&t, values(&[10.5, 11.0]), "2023-07-02").1, 0.0);
    // Past the goal: more than the whole way (done 125 %), as an up target past its goal.
    let (s, p) = eval(&t, values(&[10.5, 9.0]), "2023-07-02");
    assert_eq!(s, Status::Done);
    assert!(close(p, 1.25), "{p}");
    // Started at or below the goal: done while there, nothing done once above it.
    assert_eq!(eval(&t, values(&[9.0]), "2023-07-02"), (Status::Done, 1.0));
    assert_eq!(eval(&t, values(&[9.0, 9.5]), "2023-07-02"), (Status::Behind, 0.0));
}

#[test]
fn down_pace_applies_to_the_way_from_start_to_goal() {
    let t = down(9.3);
    let e = evaluate_due(
        d("2023-01-01"),
        d("2023-12-31"),
        &t,
        values(&[10.5, 9.9]),
        d("2023-07-02"),
        &Thresholds::default(),
    );
    // 183 of 365 days: 10.5 − 1.2 × 183/365
    let want = 10.5 - 1.2 * 183.0 / 365.0;
    assert!(close(e.expected.expect("known start"), want), "{e:?}");
    assert_eq!(e.status, Status::OnTrack, "0.5 done vs 0.501 expected: within grace");
    let none = evaluate_due(
        d("2023-01-01"),
        d("2023-12-31"),
        &t,
        Reading::default(),
        d("2023-07-02"),
        &Thresholds::default(),
    );
    assert_eq!(none.expected, None, "no start, no expected value");
}

#[test]
fn levels_are_compared_not_summed() {
    let level = Measure { level: true, ..Measure::default() };
    let t = target(Direction::Up, 82.4, level);
    assert_eq!(eval(&t, values(&[81.0, 82.4]), "2023-03-01").0, Status::Done);
    let (s, p) = eval(&t, values(&[82.0]), "2023-12-31");
    assert_eq!(s, Status::OnTrack, "82 of 82.4: within grace");
    assert!(close(p, 82.0 / 82.4));
    // From a stated baseline: 81.8 → 82.0 is a third of the way to 82.4.
    let from = Measure { baseline: Some(81.8), ..level };
    let (s, p) = eval(&target(Direction::Up, 82.4, from), values(&[82.0]), "2023-12-31");
    assert!(close(p, 1.0 / 3.0), "{p}");
    assert_eq!(s, Status::Behind);
    // A level going down reads as down.
    let t = target(Direction::Down, 5.0, level);
    assert_eq!(eval(&t, values(&[7.0, 5.0]), "2023-03-01").0, Status::Done);
}

#[test]
fn about_is_reached_within_grace_of_the_goal() {
    let about = Measure { band: Band::About, ..Measure::default() };
    let t = target(Direction::Up, 6.2, about);
    // 5 % of 6.2 is 0.31: just above 5.89 reaches it, just below does not.
    assert_eq!(eval(&t, values(&[5.8901]), "2023-03-01").0, Status::Done);
    assert_ne!(eval(&t, values(&[5.8899]), "2023-12-31").0, Status::Done);
    assert_eq!(eval(&t, values(&[7.5]), "2023-03-01").0, Status::Done, "above: reached");
    let t = target(Direction::Down, 3.0, about);
    assert_eq!(eval(&t, values(&[4.0, 3.1499]), "2023-03-01").0, Status::Done);
    assert_ne!(eval(&t, values(&[4.0, 3.1501]), "2023-03-01").0, Status::Done);
}

#[test]
fn a_range_is_reached_at_its_deciding_end() {
    // Up: the importer stores the low end as the goal.
    let range = Measure { band: Band::Range { low: 90.0, high: 95.0 }, ..Measure::default() };
    let t = target(Direction::Up, 90.0, range);
    assert_ne!(eval(&t, values(&[89.99]), "2023-03-01").0, Status::Done);
    assert_eq!(eval(&t, values(&[90.0]), "2023-03-01").0, Status::Done, "the low end");
    assert_eq!(eval(&t, values(&[95.0]), "2023-03-01").0, Status::Done, "the high end");
    assert_eq!(eval(&t, values(&[97.0]), "2023-03-01").0, Status::Done, "past the range");
    // Down: the high end decides.
    let t = target(Direction::Down, 95.0, range);
    assert_eq!(eval(&t, values(&[99.0, 95.0]), "2023-03-01").0, Status::Done);
    assert_ne!(eval(&t, values(&[99.0, 95.01]), "2023-03-01").0, Status::Done);
    assert_eq!(eval(&t, values(&[99.0, 80.0]), "2023-03-01").0, Status::Done);
}

#[test]
fn a_relative_decrease_waits_for_its_start() {
    let cut = |relative, baseline| {
        let m = Measure { level: true, baseline, relative: Some(relative), ..Measure::default() };
        target(Direction::Down, 3.0, m)
    };
    let t = cut(Relative::Percent, None);
    assert_eq!(eval(&t, Reading::default(), "2023-01-05"), (Status::OnTrack, 0.0));
    assert_eq!(goal(&t, Reading::default()), Goal::Change { down: true, by: "3%".into() });
    // The first value is the start: 0.5 → goal 0.485.
    assert_eq!(eval(&t, values(&[0.5]), "2023-01-05"), (Status::OnTrack, 0.0));
    assert!(matches!(goal(&t, values(&[0.5])), Goal::AtMost(g) if close(g, 0.485)));
    assert_eq!(eval(&t, values(&[0.5, 0.485]), "2023-03-01").0, Status::Done);
    assert_ne!(eval(&t, values(&[0.5, 0.486]), "2023-12-31").0, Status::Done);
    // Worked out, the goal is rounded as shown: 10.37 × 0.97 = 10.0589 is ≤10.06, which
    // 10.06 reaches.
    assert_eq!(goal(&t, values(&[10.37])), Goal::AtMost(10.06));
    assert_eq!(eval(&t, values(&[10.37, 10.06]), "2023-03-01").0, Status::Done);
    // A stated start: 由100下降3% → 97.
    let t = cut(Relative::Percent, Some(100.0));
    assert_eq!(goal(&t, Reading::default()), Goal::AtMost(97.0));
    let (s, p) = eval(&t, values(&[98.5]), "2023-03-01");
    assert!(close(p, 0.5), "{p}");
    assert_eq!(s, Status::OnTrack);
    // Points of a rate: 下降1个百分点 from 52 % is 51 %.
    let t = Target { unit: "个百分点".into(), goal: 1.0, ..cut(Relative::Amount, None) };
    assert_eq!(value_unit(&t), "%");
    assert_eq!(goal(&t, Reading::default()), Goal::Change { down: true, by: "1个百分点".into() });
    assert_eq!(goal(&t, values(&[52.0])), Goal::AtMost(51.0));
    assert_eq!(eval(&t, values(&[52.0, 51.0]), "2023-03-01").0, Status::Done);
}

#[test]
fn goals_read_as_people_write_them() {
    use crate::lang::Lang::{En, Zh};
    let u = Symbols::Unicode;
    assert_eq!(Goal::AtLeast(100.0).text("处", u, Zh), "100处");
    assert_eq!(Goal::AtMost(9.3).text("%", u, Zh), "\u{2264}9.3%");
    assert_eq!(Goal::AtMost(9.3).text("%", Symbols::Ascii, Zh), "<=9.3%");
    assert_eq!(Goal::About(6.2).text("%", u, Zh), "约6.2%");
    assert_eq!(Goal::About(6.2).text("%", u, En), "~6.2%");
    assert_eq!(Goal::Range(90.0, 95.0).text("%", u, Zh), "90\u{2013}95%");
    assert_eq!(Goal::Range(90.0, 95.0).text("%", Symbols::Ascii, Zh), "90-95%");
    let cut = Goal::Change { down: true, by: "3%".into() };
    assert_eq!(cut.text("", u, Zh), "较基期下降3%");
    assert_eq!(cut.text(" %", u, En), "3% below start", "a change takes no unit");
    assert_eq!(Goal::AtMost(9.3).text(" /10万", u, Zh), "\u{2264}9.3 /10万");
}
