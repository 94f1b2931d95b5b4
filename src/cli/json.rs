//! JSON output for scripts. Field names are a contract (see README); add, never rename.

use crate::core::clock::Clock;
use crate::core::json_out::{Lazy, With};
use crate::core::model::{
    Band, Board, Change, IndexedPlan, Item, ItemState, Plan, Reading, Relative, Status, Target,
    TargetState, Theme, Update, fmt_num,
};
use crate::core::pace::stale::{StaleRule, Staleness};
use crate::core::pace::{self, Evaluation, Rollup, Rollups, TargetEval};
use crate::core::store::{Owner, PlanSummary, Slot, StoreError, TargetIndex, TargetReader};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;

/// Pretty JSON, terminal-safe; a closed pipe stays a broken pipe (serde_json gives the io error back).
pub fn print(out: &mut impl Write, v: &Value) -> std::io::Result<()> {
    crate::core::safe_text::write_json(out, v).map_err(std::io::Error::from)
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Rounds to 4 decimals so shares print as 0.6164, not 0.616438356164…
fn share(x: f64) -> Value {
    share_of(x).map_or(Value::Null, |x| json!(x))
}

fn opt_share(x: Option<f64>) -> Value {
    x.map_or(Value::Null, share)
}

fn counts(r: &Rollup) -> Value {
    json!({"done": r.counts[0], "on_track": r.counts[1], "at_risk": r.counts[2], "behind": r.counts[3]})
}

/// A day as the JSON writes it (`2026-11-30`), formatted as it is serialized.
struct Day(NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

/// A share as [`share`] writes it, without making a `Value` of it.
fn share_of(x: f64) -> Option<f64> {
    x.is_finite().then(|| (x * 10_000.0).round() / 10_000.0)
}

/// How a target's values are read, beyond its goal (see README: JSON). Fields in the order
/// of `json!`'s sorted map, so the bytes are those the map wrote.
#[derive(Serialize)]
struct MeasureOut {
    band: &'static str,
    baseline: Option<f64>,
    high: Option<f64>,
    level: bool,
    low: Option<f64>,
    relative: Option<&'static str>,
    start: Option<f64>,
}

fn measure(t: &Target, r: Reading) -> MeasureOut {
    let m = &t.measure;
    let (band, low, high) = match m.band {
        Band::Exact => ("exact", None, None),
        Band::About => ("about", None, None),
        Band::Range { low, high } => ("range", Some(low), Some(high)),
    };
    let relative = m.relative.map(|r| match r {
        Relative::Percent => "percent",
        Relative::Amount => "amount",
    });
    MeasureOut {
        band,
        baseline: m.baseline,
        high,
        level: m.level,
        low,
        relative,
        start: pace::start_shown(t, r),
    }
}

/// A target as `status --json` and `targets --json` write it, serialized from the target
/// in place (a `json!` map cost ~25 owned keys and values per target). The fields are in
/// the order of `json!`'s sorted map, so the bytes are those the map wrote (the streaming
/// tests compare them with the board's document; README: JSON lists the fields).
#[derive(Serialize)]
struct TargetOut<'a> {
    /// A target added by hand during the year: its pace runs from this day.
    added: Option<Day>,
    direction: &'static str,
    due: Day,
    expected: Option<f64>,
    goal: f64,
    id: &'a str,
    item: Option<&'a str>,
    kind: &'static str,
    measure: MeasureOut,
    name: &'a str,
    overdue: bool,
    pace: Option<f64>,
    parent: Option<&'a str>,
    progress: Option<f64>,
    reach: Option<f64>,
    stale: bool,
    status: &'static str,
    theme: u32,
    unit: &'a str,
    updated_at: Option<i64>,
    updated_by: Option<&'a str>,
    value: f64,
}

/// A target as `status --json` and `targets --json` write it.
fn target_json<'a>(
    t: &'a Target,
    s: &'a TargetState,
    e: &TargetEval,
    stale: bool,
) -> TargetOut<'a> {
    let r = s.reading();
    TargetOut {
        added: s.since.map(Day),
        direction: t.direction.as_str(),
        due: Day(e.due),
        expected: e.expected.map(|x| (x * 100.0).round() / 100.0),
        goal: t.goal,
        id: &t.id,
        item: t.item.as_deref(),
        kind: t.kind.as_str(),
        measure: measure(t, r),
        name: &t.name,
        overdue: e.overdue,
        pace: share_of(e.pace),
        parent: t.parent.as_deref(),
        progress: share_of(e.progress),
        reach: pace::aim::aim(t, r, &pace::Thresholds::default()).goal,
        stale,
        status: e.status.as_str(),
        theme: t.theme,
        unit: &t.unit,
        updated_at: s.updated_at,
        updated_by: s.updated_by.as_deref(),
        value: r.value.unwrap_or(0.0),
    }
}

fn target_at<'a>(
    board: &'a Board,
    eval: &Evaluation,
    stale: &Staleness,
    k: usize,
) -> TargetOut<'a> {
    let s = &board.target_states[k];
    target_json(&board.plan.targets[k], s, &eval.targets[k], stale.target(k))
}

/// A theme heading's own target, as the theme's fields hold it (few: a map each).
fn value(t: &TargetOut<'_>) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// The document's fields around its themes.
fn status_fields(plan: &Plan, as_of: NaiveDate, overall: &Rollup) -> Value {
    json!({
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "year": plan.year,
            "start": date(plan.start),
            "end": date(plan.end),
        },
        "as_of": date(as_of),
        "progress": opt_share(overall.progress),
        "pace": opt_share(overall.pace),
        "status": overall.status.map(|s| s.as_str()),
        "counts": counts(overall),
    })
}

/// A theme's fields around its items.
fn theme_fields(theme: &Theme, rollup: &Rollup, targets: Vec<Value>) -> Value {
    json!({
        "id": theme.number.to_string(),
        "number": theme.number,
        "title": theme.title,
        "progress": opt_share(rollup.progress),
        "pace": opt_share(rollup.pace),
        "status": rollup.status.map(|s| s.as_str()),
        "counts": counts(rollup),
        "sections": theme.sections.iter()
            .map(|s| json!({"number": s.number, "title": s.title}))
            .collect::<Vec<_>>(),
        "targets": targets,
    })
}

/// An item's fields around its targets.
fn item_fields(item: &Item, state: &ItemState, r: &Rollup, stale: bool) -> Value {
    json!({
        "id": item.id,
        "number": item.number,
        "section": item.section,
        "title": item.title,
        "departments": item.departments.iter()
            .map(|d| json!({"name": d.name, "role": d.role.as_str()}))
            .collect::<Vec<_>>(),
        "progress": opt_share(r.progress),
        "pace": opt_share(r.pace),
        "status": r.status.map(|s| s.as_str()),
        "stale": stale,
        "counts": counts(r),
        "due": item.due.map(date),
        "note": state.note,
        "line": item.line,
        "text": item.text,
    })
}

fn write(out: &mut impl Write, doc: &impl Serialize) -> std::io::Result<()> {
    crate::core::safe_text::write_json(&mut *out, doc).map_err(std::io::Error::from)
}

/// `status --json` of a board held in memory (as it stood on a past day): the plan, its
/// themes, their items, their targets, written target by target, byte for byte what
/// [`print`] would write of the whole tree.
pub fn write_status(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    keep: &[bool],
) -> std::io::Result<()> {
    let plan = &board.plan;
    // The figures are those of what is shown: a department's under a filter.
    let shown = eval.of_kept(plan, keep);
    let whole = keep.iter().all(|&k| k);
    let themes = Lazy(|| {
        plan.themes.iter().enumerate().zip(&shown.themes).map(|((t, theme), rollup)| {
            let theme_targets: Vec<Value> = if whole {
                plan.theme_targets(t)
                    .iter()
                    .map(|&j| value(&target_at(board, eval, stale, j)))
                    .collect()
            } else {
                Vec::new()
            };
            let items = Lazy(move || {
                plan.theme_items(t)
                    .iter()
                    .filter(|&&k| keep[k])
                    .map(|&k| item(board, eval, stale, k))
            });
            With { fields: theme_fields(theme, rollup, theme_targets), key: "items", lazy: items }
        })
    });
    let doc = With {
        fields: status_fields(plan, eval.as_of, &shown.overall),
        key: "themes",
        lazy: themes,
    };
    write(out, &doc)
}

/// Item `k` of `status --json`, its targets written as they are serialized.
fn item<'a>(
    board: &'a Board,
    eval: &'a Evaluation,
    stale: &'a Staleness,
    k: usize,
) -> impl Serialize + 'a {
    let fields =
        item_fields(&board.plan.items[k], &board.item_states[k], &eval.items[k], stale.item(k));
    With {
        fields,
        key: "targets",
        lazy: Lazy(move || {
            board.plan.item_targets(k).iter().map(move |&j| target_at(board, eval, stale, j))
        }),
    }
}

/// `targets --json` of a board held in memory: the flat list, written target by target;
/// `shown` is parallel to the plan's targets.
pub fn write_targets(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    shown: &[bool],
) -> std::io::Result<()> {
    let list = Lazy(|| {
        shown
            .iter()
            .enumerate()
            .filter(|&(_, &kept)| kept)
            .map(|(k, _)| target_at(board, eval, stale, k))
    });
    write(out, &list)
}

/// The board read from the store as it is written (`status --json`, `targets --json` on
/// today's values): the items (the plan's `IndexedPlan` holds them, not its targets), the
/// index of the targets, and each target read, measured and written in turn, so memory
/// holds one item's targets, never the board.
pub struct Streamed<'a> {
    /// The plan with its items and no targets.
    pub plan: &'a IndexedPlan,
    /// Parallel to the plan's items.
    pub item_states: &'a [ItemState],
    pub reader: &'a TargetReader<'a>,
    pub index: &'a TargetIndex,
    pub stale: StaleRule<'a>,
    /// The first error of the store met while writing (the write stops there).
    pub failed: RefCell<Option<StoreError>>,
}

/// One target read whole and measured.
struct Read {
    target: Target,
    state: TargetState,
    eval: TargetEval,
}

impl<'a> Streamed<'a> {
    /// Target `slot` with its state, measured on the day (`None`: gone, or the store failed).
    fn read(&self, slot: &Slot) -> Option<Read> {
        let got = match self.reader.get(self.index.id(slot)) {
            Ok(got) => got?,
            Err(e) => {
                self.failed.borrow_mut().get_or_insert(e);
                return None;
            }
        };
        let (target, state) = got;
        let plan = self.plan;
        let item = match slot.owner {
            Owner::Item(i) => plan.items.get(i),
            Owner::Theme(_) | Owner::Orphan => None,
        };
        let due = pace::due_in(plan, item, &target);
        let th = pace::Thresholds::default();
        let eval =
            pace::evaluate_due(plan.start, due, &target, state.reading(), self.stale.today, &th);
        Some(Read { target, state, eval })
    }

    fn json<'r>(&self, r: &'r Read) -> TargetOut<'r> {
        target_json(&r.target, &r.state, &r.eval, self.is_stale(r))
    }

    fn is_stale(&self, r: &Read) -> bool {
        let done = r.eval.status == Status::Done;
        self.stale.stale_since(r.state.updated_at, done, r.eval.start)
    }

    /// Stops the write when the store has failed.
    fn check<T>(&self, v: T) -> Late<T> {
        Late(if self.failed.borrow().is_some() { None } else { Some(v) })
    }

    /// Item `k` of `status --json`: its targets read, measured and rolled up, then written.
    fn item(&self, k: usize, slots: &[u32]) -> Late<With<ItemTargets<'_, 'a>>> {
        let reads: Vec<Read> =
            slots.iter().filter_map(|&j| self.read(&self.index.slots()[j as usize])).collect();
        let top = reads.iter().filter(|r| r.target.parent.is_none()).map(|r| &r.eval);
        let state = &self.item_states[k];
        let rollup = pace::item_rollup(top, state.status);
        let stale = slots.is_empty()
            && self.stale.stale(state.updated_at, state.status == Some(Status::Done));
        let fields = item_fields(&self.plan.items[k], state, &rollup, stale);
        self.check(With { fields, key: "targets", lazy: ItemTargets { s: self, reads } })
    }
}

/// An item's targets, read and measured, written in turn.
struct ItemTargets<'s, 'a> {
    s: &'s Streamed<'a>,
    reads: Vec<Read>,
}

impl Serialize for ItemTargets<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.reads.iter().map(|r| self.s.json(r)))
    }
}

/// A part of a streamed document; `None` stops the write (the store failed: the error is
/// in [`Streamed::failed`]).
struct Late<T>(Option<T>);

impl<T: Serialize> Serialize for Late<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(v) => v.serialize(s),
            None => Err(serde::ser::Error::custom("the store failed")),
        }
    }
}

/// A target read and measured, written as [`target_json`] writes it.
struct Owned<'s, 'a>(Read, &'s Streamed<'a>);

impl Serialize for Owned<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.1.json(&self.0).serialize(s)
    }
}

/// The store's error, if one stopped the write, else the write's own.
fn outcome(s: &Streamed<'_>, written: std::io::Result<()>) -> anyhow::Result<()> {
    if let Some(e) = s.failed.borrow_mut().take() {
        return Err(e.into());
    }
    Ok(written?)
}

/// `status --json` read from the store as it is written: the same document as
/// [`write_status`]. The plan's and the themes' figures are `shown` (from the stored
/// tallies), each item's are rolled up from its targets as they are read.
pub fn write_status_streamed(
    out: &mut impl Write,
    s: &Streamed<'_>,
    shown: &Rollups,
    keep: &[bool],
) -> anyhow::Result<()> {
    let plan = s.plan;
    let whole = keep.iter().all(|&k| k);
    // Each item's targets and each theme heading's, in plan order.
    let mut by_item: Vec<Vec<u32>> = vec![Vec::new(); plan.items.len()];
    let mut by_theme: HashMap<u32, Vec<u32>> = HashMap::new();
    for (j, slot) in s.index.slots().iter().enumerate() {
        let j = u32::try_from(j).unwrap_or(u32::MAX);
        match slot.owner {
            Owner::Item(i) => by_item[i].push(j),
            Owner::Theme(n) => by_theme.entry(n).or_default().push(j),
            Owner::Orphan => {}
        }
    }
    let (by_item, by_theme) = (&by_item, &by_theme);
    let themes = Lazy(|| {
        plan.themes.iter().enumerate().zip(&shown.themes).map(move |((t, theme), rollup)| {
            let own = by_theme.get(&theme.number).filter(|_| whole).map_or(&[][..], |v| &v[..]);
            let theme_targets: Vec<Value> = own
                .iter()
                .filter_map(|&j| s.read(&s.index.slots()[j as usize]))
                .map(|r| value(&s.json(&r)))
                .collect();
            let items = Lazy(move || {
                plan.theme_items(t).iter().filter(|&&k| keep[k]).map(|&k| s.item(k, &by_item[k]))
            });
            s.check(With {
                fields: theme_fields(theme, rollup, theme_targets),
                key: "items",
                lazy: items,
            })
        })
    });
    let doc = With {
        fields: status_fields(plan, s.stale.today, &shown.overall),
        key: "themes",
        lazy: themes,
    };
    let written = write(out, &doc);
    outcome(s, written)
}

/// `targets --json` read from the store as it is written: the same list as
/// [`write_targets`]. `keep` is parallel to the items; `only_stale` keeps the stale ones.
pub fn write_targets_streamed(
    out: &mut impl Write,
    s: &Streamed<'_>,
    keep: &[bool],
    only_stale: bool,
) -> anyhow::Result<()> {
    let whole = keep.iter().all(|&k| k);
    let list = Lazy(|| {
        s.index
            .slots()
            .iter()
            .filter(|slot| match slot.owner {
                Owner::Item(i) => keep[i],
                Owner::Theme(_) | Owner::Orphan => whole,
            })
            .filter_map(|slot| s.read(slot))
            .filter(|r| !only_stale || s.is_stale(r))
            .map(|r| s.check(Owned(r, s)))
    });
    let written = write(out, &list);
    outcome(s, written)
}

/// A time in the clock's local zone, to the second, with its offset.
fn millis_to_rfc3339(ms: i64, clock: &Clock) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&clock.offset_at(ms))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
        .unwrap_or_default()
}

/// A plan's settings as `plan-settings --json` prints them (and settings changes in the log).
pub fn settings(s: &crate::core::model::PlanSettings) -> Value {
    json!({"rhythm": s.rhythm.name(), "due_day": s.due_day, "stale_days": s.stale_days})
}

/// One entry of `log --json` (a list of updates, oldest first).
pub fn log_entry(u: &Update, clock: &Clock) -> Value {
    let target_text = |t: &Option<Box<Target>>| {
        json!(t.as_ref().map(|t| format!("{} {}{}", t.name, fmt_num(t.goal), t.unit)))
    };
    let (old, new, kind) = match &u.change {
        Change::Value { old, new, .. } => (json!(old), json!(new), "value"),
        Change::Note { old, new, .. } => (json!(old), json!(new), "note"),
        Change::ItemStatus { old, new, .. } => {
            (json!(old.map(|s| s.as_str())), json!(new.map(|s| s.as_str())), "item_status")
        }
        Change::TargetDef { old, new, .. } => (target_text(old), target_text(new), "target"),
        Change::Settings { old, new } => (settings(old), settings(new), "settings"),
    };
    json!({
        "seq": u.seq,
        "at": millis_to_rfc3339(u.at, clock),
        "at_ms": u.at,
        "user": u.user,
        "uid": u.uid,
        "kind": kind,
        "target": u.change.subject(),
        "old": old,
        "new": new,
        "note": u.note,
        "undoes": u.undoes,
    })
}

/// `plans --json`.
pub fn plans(plans: &[PlanSummary], current: Option<&str>, clock: &Clock) -> Value {
    Value::Array(
        plans
            .iter()
            .map(|p| {
                json!({
                    "id": p.id, "title": p.title, "year": p.year,
                    "items": p.items, "targets": p.targets,
                    "imported_at": millis_to_rfc3339(p.imported_at, clock),
                    "current": Some(p.id.as_str()) == current,
                })
            })
            .collect(),
    )
}

/// `reported --json`: the period and, per department, whether it has reported, its missing
/// items and its latest report.
pub fn reported(
    board: &Board,
    r: &crate::cli::cmd::cycle::PeriodReports,
    today: NaiveDate,
    clock: &Clock,
) -> Value {
    json!({
        "plan": board.plan.id,
        "period": r.period.to_string(),
        "label": r.period.label(crate::lang::Lang::Zh), // data: as the office writes it
        "settings": settings(&r.settings),
        "from": date(r.first_day),
        "due": date(r.due),
        "days_left": (r.due - today).num_days(),
        "reported": r.departments.iter().filter(|d| d.reported()).count(),
        "departments": r.departments.iter().map(|d| json!({
            "name": d.department,
            "reported": d.reported(),
            "items": d.items.len(),
            "missing": d.missing.iter().map(|&i| {
                let item = &board.plan.items[i];
                json!({"id": item.id, "title": item.title})
            }).collect::<Vec<_>>(),
            "last_report": d.last.map(|t| millis_to_rfc3339(t, clock)),
            "last_report_ms": d.last,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate::{self, Spec};
    use crate::core::model::{Band, Direction, Measure};

    /// A target written from [`TargetOut`] is byte for byte the `json!` map of the same
    /// fields (whose keys serde_json sorts): a field declared out of order, or a value
    /// written otherwise than the map writes it, fails this.
    #[test]
    fn a_target_writes_what_its_map_writes() {
        let spec = Spec::new(1, 2, 3, 0);
        let plan = generate::plan(&spec).expect("plan");
        let day = |m, d| NaiveDate::from_ymd_opt(spec.year, m, d).expect("day");
        let mut checked = 0;
        for (k, t) in plan.targets.iter().enumerate() {
            let mut t = t.clone();
            if k % 3 == 1 {
                t.direction = Direction::Down;
                t.measure = Measure {
                    level: true,
                    baseline: Some(40.0),
                    band: Band::Range { low: 1.5, high: 2.0 },
                    relative: Some(Relative::Percent),
                };
                t.parent = Some("1.1".into());
            }
            let state = TargetState {
                value: 12.5 * k as f64,
                updated_at: (k % 2 == 0).then_some(1_790_000_000_000),
                updated_by: (k % 2 == 0).then(|| "wang".to_string()),
                updates: u32::from(k % 4 != 3),
                first: (k % 3 == 1).then_some(50.0),
                since: (k % 2 == 1).then(|| day(3, 2)),
            };
            let e = pace::evaluate_due(
                plan.start,
                day(12, 31),
                &t,
                state.reading(),
                day(6, 30),
                &pace::Thresholds::default(),
            );
            let out = target_json(&t, &state, &e, k % 2 == 0);
            let mut streamed = Vec::new();
            crate::core::safe_text::write_json(&mut streamed, &out).expect("write");
            let mut map = Vec::new();
            print(&mut map, &value(&out)).expect("print");
            assert_eq!(String::from_utf8_lossy(&streamed), String::from_utf8_lossy(&map));
            checked += 1;
        }
        assert!(checked >= 6);
    }
}
