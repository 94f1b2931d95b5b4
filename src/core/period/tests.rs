use super::*;
use crate::core::model::{Department, IndexedPlan, Role, Update};
use chrono::{FixedOffset, TimeZone};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn beijing() -> Clock {
    Clock::fixed(0, FixedOffset::east_opt(8 * 3600).expect("offset"))
}

/// Milliseconds of a local time in Beijing.
fn at(s: &str) -> Millis {
    let t = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("time");
    FixedOffset::east_opt(8 * 3600)
        .expect("offset")
        .from_local_datetime(&t)
        .single()
        .expect("local")
        .timestamp_millis()
}

fn monthly() -> PlanSettings {
    PlanSettings::default()
}

#[test]
fn a_period_runs_from_the_day_after_the_last_due_day_to_its_own() {
    let p = Period::parse("2023-06", Rhythm::Monthly).expect("period");
    assert_eq!(p.to_string(), "2023-06");
    assert_eq!(p.due(25), d("2023-06-25"));
    assert_eq!(p.first_day(25), d("2023-05-26"));
    assert_eq!(Period::containing(d("2023-06-25"), &monthly()), p);
    assert_eq!(Period::containing(d("2023-06-26"), &monthly()).to_string(), "2023-07");
    assert_eq!(Period::containing(d("2023-05-26"), &monthly()), p);
    assert_eq!(Period::containing(d("2023-12-26"), &monthly()).to_string(), "2024-01");
    let jan = Period::parse("2024-01", Rhythm::Monthly).expect("period");
    assert_eq!(jan.first_day(25), d("2023-12-26"));
    assert_eq!(jan.prev().to_string(), "2023-12");
}

#[test]
fn a_due_day_past_the_month_end_is_its_last_day() {
    let feb = Period::parse("2023-02", Rhythm::Monthly).expect("period");
    assert_eq!(feb.due(31), d("2023-02-28"));
    assert_eq!(Period::parse("2024-02", Rhythm::Monthly).expect("p").due(30), d("2024-02-29"));
    // due day 31: calendar months
    let end = PlanSettings { due_day: 31, ..monthly() };
    assert_eq!(Period::containing(d("2023-03-01"), &end).to_string(), "2023-03");
    assert_eq!(
        Period::parse("2023-03", Rhythm::Monthly).expect("p").first_day(31),
        d("2023-03-01")
    );
}

#[test]
fn quarters_and_halves() {
    let q = PlanSettings { rhythm: Rhythm::Quarterly, due_day: 10, ..monthly() };
    let q2 = Period::parse("2023-Q2", Rhythm::Quarterly).expect("q2");
    assert_eq!(q2.to_string(), "2023-Q2");
    assert_eq!(q2.due(10), d("2023-06-10"));
    assert_eq!(q2.first_day(10), d("2023-03-11"));
    assert_eq!(
        Period::parse("2023-05", Rhythm::Quarterly).expect("q"),
        q2,
        "a month names its quarter"
    );
    assert_eq!(Period::containing(d("2023-06-11"), &q).to_string(), "2023-Q3");
    assert_eq!(Period::containing(d("2023-12-11"), &q).to_string(), "2024-Q1");
    let h = Period::parse("2023-h2", Rhythm::HalfYearly).expect("h2");
    assert_eq!(h.to_string(), "2023-H2");
    assert_eq!(h.due(25), d("2023-12-25"));
    assert_eq!(h.first_day(25), d("2023-06-26"));
    assert_eq!(h.label(crate::lang::Lang::Zh), "2023年下半年");
    assert_eq!(q2.label(crate::lang::Lang::Zh), "2023年第2季度");
    for bad in ["2023", "2023-13", "2023-Q5", "2023-H3", "abcd-01", "2023-", "-06"] {
        assert!(Period::parse(bad, Rhythm::Monthly).is_err(), "{bad}");
    }
}

#[test]
fn settings_values_are_checked() {
    assert_eq!(PlanSettings::check(25, 30), Ok((25, 30)));
    assert_eq!(PlanSettings::check(0, 30), Err(PeriodError::DueDay(0)));
    assert_eq!(PlanSettings::check(32, 30), Err(PeriodError::DueDay(32)));
    assert_eq!(PlanSettings::check(1, 0), Err(PeriodError::StaleDays(0)));
    for r in Rhythm::ALL {
        assert_eq!(Rhythm::parse(r.name()), Some(r));
    }
    assert_eq!(monthly().describe(crate::lang::Lang::Zh), "每月25日前");
}

#[test]
fn the_window_ends_with_the_due_day_in_the_clocks_zone() {
    let w = Period::parse("2023-06", Rhythm::Monthly).expect("p").window(&monthly(), &beijing());
    assert!(w.holds(at("2023-06-25 23:59:59")));
    assert!(!w.holds(at("2023-06-26 00:00:00")));
    assert!(w.holds(at("2023-05-26 00:00:00")));
    assert!(!w.holds(at("2023-05-25 23:59:59")));
}

/// Items: 1 (target 1.1) led by 群众体育科 with 办公室 supporting; 2 (target 2.1) led by
/// both 办公室 and 竞技体育科; 3 without targets led by 办公室.
fn plan() -> IndexedPlan {
    let mut plan = crate::core::store::tests::sample_plan();
    let dept = |name: &str, role| Department { name: name.into(), role };
    plan.items[0].departments = vec![dept("群众体育科", Role::Lead), dept("办公室", Role::Support)];
    plan.items[1].departments = vec![dept("办公室", Role::Lead), dept("竞技体育科", Role::Lead)];
    let mut bare = plan.items[1].clone();
    bare.id = "3".into();
    bare.number = 3;
    bare.departments = vec![dept("办公室", Role::Lead)];
    plan.items.push(bare);
    IndexedPlan::new(plan)
}

fn entry(seq: u64, at: Millis, user: &str, change: Change) -> Update {
    Update {
        seq,
        at,
        user: user.into(),
        uid: 1,
        change,
        note: String::new(),
        undoes: None,
        prev: None,
    }
}

fn note(item: &str) -> Change {
    Change::Note { item: item.into(), old: String::new(), new: "进展".into() }
}

fn value(target: &str) -> Change {
    Change::Value { target: target.into(), old: 0.0, new: 1.0 }
}

fn june() -> Window {
    Period::parse("2023-06", Rhythm::Monthly).expect("p").window(&monthly(), &beijing())
}

fn state<'a>(states: &'a [DeptReport], name: &str) -> &'a DeptReport {
    states.iter().find(|s| s.department == name).expect("department")
}

#[test]
fn a_note_at_2359_on_the_due_day_counts_and_one_at_midnight_does_not() {
    let plan = plan();
    let log = [
        entry(1, at("2023-06-25 23:59:00"), "wang", note("1")),
        entry(2, at("2023-06-26 00:00:00"), "wang", value("2.1")),
    ];
    let states = reported(&leads_of(&plan.items), log_reports(&plan, &log), june());
    let mass = state(&states, "群众体育科");
    assert!(mass.reported());
    assert_eq!(mass.last, Some(at("2023-06-25 23:59:00")));
    let sports = state(&states, "竞技体育科");
    assert!(!sports.reported(), "06-26 belongs to the next period");
    assert_eq!(sports.missing, [1]);
    assert_eq!(sports.last, None);
    // the same entry counts for July
    let july = Period::parse("2023-07", Rhythm::Monthly).expect("p").window(&monthly(), &beijing());
    let states = reported(&leads_of(&plan.items), log_reports(&plan, &log), july);
    assert!(state(&states, "竞技体育科").reported());
    assert!(!state(&states, "群众体育科").reported());
}

#[test]
fn a_supporting_departments_note_counts_for_the_item() {
    let plan = plan();
    // li of 办公室 (supporting item 1) writes its note: 群众体育科 has reported.
    let log = [entry(1, at("2023-06-10 09:00:00"), "li", note("1"))];
    let states = reported(&leads_of(&plan.items), log_reports(&plan, &log), june());
    assert!(state(&states, "群众体育科").reported());
    // 办公室 supports item 1 but leads 2 and 3: a support does not make it reported.
    let office = state(&states, "办公室");
    assert_eq!(office.items, [1, 2]);
    assert_eq!(office.missing, [1, 2]);
}

#[test]
fn an_item_with_two_lead_departments_counts_for_both() {
    let plan = plan();
    let states = reported(&leads_of(&plan.items), std::iter::empty(), june());
    assert_eq!(state(&states, "办公室").missing, [1, 2]);
    assert_eq!(state(&states, "竞技体育科").missing, [1]);
    let log = [entry(1, at("2023-06-01 08:00:00"), "zhao", value("2.1"))];
    let states = reported(&leads_of(&plan.items), log_reports(&plan, &log), june());
    assert!(state(&states, "竞技体育科").reported());
    assert_eq!(state(&states, "办公室").missing, [2], "item 2 reported for both leads");
    let names: Vec<&str> = states.iter().map(|s| s.department.as_str()).collect();
    assert_eq!(names, ["群众体育科", "办公室", "竞技体育科"], "in order of first lead item");
}

#[test]
fn an_item_without_targets_counts_by_its_status_or_note() {
    let plan = plan();
    let status = Change::ItemStatus {
        item: "3".into(),
        old: None,
        new: Some(crate::core::model::Status::OnTrack),
    };
    let log = [
        entry(1, at("2023-06-02 10:00:00"), "li", status),
        entry(2, at("2023-06-03 10:00:00"), "li", value("2.1")),
        entry(3, at("2023-05-20 10:00:00"), "li", note("1")),
    ];
    let states = reported(&leads_of(&plan.items), log_reports(&plan, &log), june());
    let office = state(&states, "办公室");
    assert!(office.reported());
    assert_eq!(office.last, Some(at("2023-06-03 10:00:00")));
    assert!(!state(&states, "群众体育科").reported(), "05-20 was the previous period");
}

#[test]
fn definitions_and_unknown_ids_are_not_reports() {
    let plan = plan();
    let def = Change::TargetDef { target: "1.1".into(), old: None, new: None };
    let log = [
        entry(1, at("2023-06-02 10:00:00"), "admin", def),
        entry(2, at("2023-06-02 10:00:00"), "li", value("9.9")),
        entry(3, at("2023-06-02 10:00:00"), "li", note("9")),
    ];
    assert_eq!(log_reports(&plan, &log).count(), 0);
}
