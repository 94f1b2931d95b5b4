//! Scenario tests: a small plan, recorded values and a date in; expected pace and status out.

use super::*;
use crate::core::model::{
    Board, Department, Item, ItemState, Plan, Reading, Role, Target, TargetKind, Theme,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn target(id: &str, item: &str, kind: TargetKind, goal: f64, due: Option<&str>) -> Target {
    Target {
        id: id.into(),
        item: Some(item.into()),
        theme: 1,
        kind,
        name: format!("target {id}"),
        goal,
        unit: "处".into(),
        due: due.map(d),
        parent: None,
        source: String::new(),
        line: 0,
        direction: Default::default(),
        measure: Default::default(),
    }
}

fn item(id: &str, theme: u32) -> Item {
    Item {
        id: id.into(),
        theme,
        section: None,
        number: 1,
        title: format!("item {id}"),
        text: String::new(),
        departments: vec![Department { name: "办公室".into(), role: Role::Lead }],
        due: None,
        line: 0,
    }
}

fn plan(items: Vec<Item>, targets: Vec<Target>) -> Plan {
    Plan {
        id: "2023".into(),
        title: "test".into(),
        year: 2023,
        start: d("2023-01-01"),
        end: d("2023-12-31"),
        preamble: String::new(),
        themes: vec![
            Theme {
                number: 1,
                title: "one".into(),
                intro: String::new(),
                sections: vec![],
                line: 1,
            },
            Theme {
                number: 2,
                title: "two".into(),
                intro: String::new(),
                sections: vec![],
                line: 2,
            },
        ],
        items,
        targets,
    }
}

fn eval_one(kind: TargetKind, goal: f64, due: Option<&str>, value: f64, as_of: &str) -> TargetEval {
    let p = IndexedPlan::new(plan(vec![item("1", 1)], vec![target("1.1", "1", kind, goal, due)]));
    evaluate_target(&p, &p.targets[0], Reading::of(value), d(as_of), &Thresholds::default())
}

#[test]
fn elapsed_share_counts_whole_days_inclusive() {
    let (s, e) = (d("2023-01-01"), d("2023-12-31"));
    assert!((elapsed_share(s, e, d("2023-01-01")) - 1.0 / 365.0).abs() < 1e-12);
    assert!((elapsed_share(s, e, d("2023-07-02")) - 183.0 / 365.0).abs() < 1e-12);
    assert_eq!(elapsed_share(s, e, d("2023-12-31")), 1.0);
    assert_eq!(elapsed_share(s, e, d("2022-12-31")), 0.0);
    assert_eq!(elapsed_share(s, e, d("2024-03-01")), 1.0);
}

#[test]
fn quantity_status_scenarios() {
    use Status::*;
    // (goal, due, value, as_of, expected status)
    let cases: &[(f64, Option<&str>, f64, &str, Status)] = &[
        (100.0, None, 100.0, "2023-03-01", Done),
        (100.0, None, 120.0, "2023-03-01", Done),
        (100.0, None, 0.0, "2023-01-05", OnTrack), // within grace early in the year
        (100.0, None, 50.0, "2023-07-02", OnTrack), // 50 vs 50.1 expected: within grace
        (100.0, None, 45.0, "2023-07-02", AtRisk), // 45 < 50.1, but ≥ 0.8 × 50.1
        (100.0, None, 30.0, "2023-07-02", Behind), // 30 < 0.8 × 50.1
        (100.0, None, 99.0, "2024-01-01", Behind), // overdue
        (100.0, Some("2023-03-31"), 85.0, "2023-03-31", AtRisk),
        (100.0, Some("2023-03-31"), 60.0, "2023-03-31", Behind),
        (100.0, Some("2023-03-31"), 100.0, "2023-04-30", Done),
        (100.0, Some("2023-03-31"), 90.0, "2023-04-01", Behind),
    ];
    for &(goal, due, value, as_of, want) in cases {
        let e = eval_one(TargetKind::Quantity, goal, due, value, as_of);
        assert_eq!(e.status, want, "goal {goal} due {due:?} value {value} on {as_of}: {e:?}");
    }
}

#[test]
fn own_due_date_sets_the_pace() {
    let e = eval_one(TargetKind::Quantity, 100.0, Some("2023-03-31"), 0.0, "2023-02-14");
    // 45 of 90 days
    assert!((e.pace - 0.5).abs() < 1e-12, "{e:?}");
    assert!((e.expected.expect("from 0 up") - 50.0).abs() < 1e-9);
    assert_eq!(e.due, d("2023-03-31"));
}

#[test]
fn item_due_date_applies_when_target_has_none() {
    let mut it = item("1", 1);
    it.due = Some(d("2023-06-30"));
    let p = plan(vec![it], vec![target("1.1", "1", TargetKind::Quantity, 10.0, None)]);
    let p = IndexedPlan::new(p);
    assert_eq!(due_of(&p, &p.targets[0]), d("2023-06-30"));
}

#[test]
fn milestones_are_done_or_not() {
    use Status::*;
    let cases: &[(Option<&str>, f64, &str, Status)] = &[
        (None, 0.0, "2023-06-01", OnTrack),
        (None, 0.0, "2023-12-15", AtRisk),
        (None, 1.0, "2023-12-15", Done),
        (Some("2023-04-30"), 0.0, "2023-05-01", Behind),
        (Some("2023-04-30"), 0.0, "2023-04-10", AtRisk),
    ];
    for &(due, value, as_of, want) in cases {
        let e = eval_one(TargetKind::Milestone, 1.0, due, value, as_of);
        assert_eq!(e.status, want, "milestone due {due:?} value {value} on {as_of}");
    }
}

#[test]
fn gauges_never_see_a_ratio_outside_unit_interval() {
    assert_eq!(clamp01(f64::NAN), 0.0);
    assert_eq!(clamp01(1.08), 1.0);
    assert_eq!(clamp01(-3.0), 0.0);
    let e = eval_one(TargetKind::Quantity, 0.0, None, 0.0, "2023-06-01");
    assert!(e.progress.is_finite());
}

#[test]
fn rollups_follow_targets_items_themes_plan() {
    let mut sub = target("1.3", "1", TargetKind::Quantity, 50.0, None);
    sub.parent = Some("1.2".into());
    let p = plan(
        vec![item("1", 1), item("2", 1), item("3", 2)],
        vec![
            target("1.1", "1", TargetKind::Quantity, 100.0, None),
            target("1.2", "1", TargetKind::Milestone, 1.0, None),
            sub,
            target("3.1", "3", TargetKind::Quantity, 10.0, None),
        ],
    );
    let mut board = Board::fresh(p);
    board.target_states[0].record(30.0, 0, "w"); // behind at mid-year
    board.target_states[1].record(1.0, 0, "w"); // done
    board.target_states[2].record(0.0, 0, "w"); // sub-target: not part of the item's roll-up
    board.target_states[3].record(10.0, 0, "w"); // done
    board.item_states[1] = ItemState { status: Some(Status::OnTrack), ..ItemState::default() };
    let ev = evaluate(&board, d("2023-07-02"), &Thresholds::default());

    let i1 = ev.items[0];
    assert_eq!(i1.status, Some(Status::Behind));
    assert_eq!(i1.total(), 2, "sub-target excluded");
    assert!((i1.progress.expect("measurable") - 0.65).abs() < 1e-12);

    let i2 = ev.items[1];
    assert_eq!(i2.status, Some(Status::OnTrack), "manual status of an item without targets");
    assert_eq!(i2.progress, None);

    assert_eq!(ev.items[2].status, Some(Status::Done));
    assert_eq!(ev.themes[0].status, Some(Status::Behind));
    assert_eq!(ev.themes[0].counts, [1, 1, 0, 1]);
    assert_eq!(ev.themes[1].status, Some(Status::Done));
    assert!((ev.themes[1].progress.expect("done") - 1.0).abs() < 1e-12);
    assert_eq!(ev.plan.counts, [2, 1, 0, 1]);
    assert_eq!(ev.plan.status, Some(Status::Behind));
    assert!((ev.plan.progress.expect("plan") - (0.65 + 1.0) / 2.0).abs() < 1e-12);
}

#[test]
fn an_aggregate_is_judged_by_its_own_figure_but_never_worse_than_its_worst_part() {
    let th = Thresholds::default();
    let r = |status, progress, pace| Rollup {
        progress: Some(progress),
        pace: Some(pace),
        status: Some(status),
        counts: [0; 4],
    };
    // 98 % against a pace of 75 %, one part behind: on track by its own figure.
    assert_eq!(r(Status::Behind, 0.98, 0.75).own_status(&th), Some(Status::OnTrack));
    // 35 % against 75 %: behind, as its parts are.
    assert_eq!(r(Status::Behind, 0.35, 0.75).own_status(&th), Some(Status::Behind));
    // Milestones on track, nothing done yet: not behind for its 0 %.
    assert_eq!(r(Status::OnTrack, 0.0, 0.75).own_status(&th), Some(Status::OnTrack));
    assert_eq!(r(Status::Done, 1.0, 0.75).own_status(&th), Some(Status::Done));
    let manual = Rollup { status: Some(Status::AtRisk), ..Rollup::default() };
    assert_eq!(manual.own_status(&th), Some(Status::AtRisk));
    assert_eq!(against_pace(0.72, 0.75, &th), Status::OnTrack, "within the grace");
    assert_eq!(against_pace(0.65, 0.75, &th), Status::AtRisk);
    assert_eq!(against_pace(0.59, 0.75, &th), Status::Behind);
}

#[test]
fn a_target_added_mid_year_is_paced_from_the_day_it_was_added() {
    let p = IndexedPlan::new(plan(
        vec![item("1", 1)],
        vec![target("1.1", "1", TargetKind::Quantity, 100.0, None)],
    ));
    let th = Thresholds::default();
    let added = Reading { since: Some(d("2023-07-01")), ..Reading::default() };
    // from the plan's start, nothing recorded on 07-01 is far behind
    let plain = evaluate_target(&p, &p.targets[0], Reading::default(), d("2023-07-01"), &th);
    assert_eq!(plain.status, Status::Behind);
    // added that day: one day of 184 elapsed, within the grace
    let e = evaluate_target(&p, &p.targets[0], added, d("2023-07-01"), &th);
    assert_eq!((e.status, e.start), (Status::OnTrack, d("2023-07-01")), "{e:?}");
    assert!((e.pace - 1.0 / 184.0).abs() < 1e-12, "{}", e.pace);
    // half its own period later, half the goal is expected
    let later = evaluate_target(&p, &p.targets[0], added, d("2023-09-30"), &th);
    assert!((later.pace - 92.0 / 184.0).abs() < 1e-12, "{}", later.pace);
    assert_eq!(later.status, Status::Behind, "still nothing recorded");
    // a day before the plan's start counts from the plan's start
    let early = Reading { since: Some(d("2022-11-01")), ..Reading::default() };
    let e = evaluate_target(&p, &p.targets[0], early, d("2023-07-01"), &th);
    assert_eq!((e.start, e.status), (d("2023-01-01"), Status::Behind));
    // on the plan's last day the whole goal is due whenever it was added
    let last = evaluate_target(&p, &p.targets[0], added, d("2023-12-31"), &th);
    assert_eq!(last.pace, 1.0);
}
