//! The progress ledger (台账): the board as it stood at the end of a date, replayed from the
//! update log, as rows of 序号 · 任务 · 指标 · 目标值 · 完成值 · 完成率 · 序时进度 · 完成状态 ·
//! 责任科室 · 进展情况, grouped by theme or department with subtotals. This module computes;
//! [`format`] writes it out (Markdown, CSV, XLSX, JSON) and holds the full backup.

pub mod format;

use crate::core::clock::Clock;
use crate::core::filter;
use crate::core::model::{
    Board, Change, ChangeRef, Direction, IndexedPlan, ItemState, Millis, Reading, Status,
    TargetKind, TargetState, Update, UpdateRef,
};
use crate::core::numeral;
use crate::core::pace::stale::Staleness;
use crate::core::pace::{self, Evaluation, Goal, Rollup, Thresholds};
use crate::core::period::{Period, Window};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How ledger rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Theme,
    Department,
}

/// One line of the ledger: a target, or an item without targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 序号: the target id, or the item id for an item without targets.
    pub id: String,
    /// 任务: the item's title (the theme's for a theme-level target).
    pub task: String,
    /// 指标: what is measured; empty for an item without targets.
    pub indicator: String,
    pub kind: Option<TargetKind>,
    /// The goal as the plan states it (a range's deciding end, a change's size).
    pub goal: Option<f64>,
    /// 目标值 as people read it, with its direction: `100`, `≤9.3`, `约6.2`, `90–95`,
    /// `较基期下降3%` (on the values recorded by the as-of date).
    pub aim: Option<Goal>,
    /// Up, or down for a goal to stay at or below; `None` for an item without targets.
    pub direction: Option<Direction>,
    /// The unit of the values.
    pub unit: String,
    /// The value recorded; `None` where nothing is, for a target measured rather than
    /// counted (a level, a ceiling).
    pub value: Option<f64>,
    /// 完成率: value / goal (not clamped).
    pub rate: Option<f64>,
    /// 序时进度: the share expected by the as-of date.
    pub pace: Option<f64>,
    pub status: Option<Status>,
    pub due: Option<NaiveDate>,
    /// 责任科室: lead departments, then support ones (worded by
    /// [`crate::i18n::report::departments`]).
    pub departments: Departments,
    /// 进展情况: the item's progress note.
    pub note: String,
    /// For a sub-target, the id of its parent.
    pub parent: Option<String>,
    /// The item the row belongs to (`None` for a target stated by a theme heading).
    pub item: Option<String>,
    /// 上期: the value at the start of the report's period (with a period).
    pub previous: Option<f64>,
    /// 本期完成: the change within the period (with a period).
    pub change: Option<f64>,
    /// Not updated for the plan's staleness period ([`Ledger::mark_stale`]).
    pub stale: bool,
    /// The position of the row's target (of its item, for an item without targets) in the
    /// board the ledger was made from: where marks and figures added later look first.
    pub position: usize,
}

/// A group of rows with its subtotal.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The theme heading (一、…) or the department name.
    pub title: String,
    pub rows: Vec<Row>,
    pub subtotal: Rollup,
}

/// The whole ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    pub plan_id: String,
    pub title: String,
    pub as_of: NaiveDate,
    pub by: GroupBy,
    pub groups: Vec<Group>,
    pub total: Rollup,
    /// The reporting period the figures 上期 and 本期完成 are taken over, if any.
    pub period: Option<PeriodInfo>,
    /// The period's progress notes (进展情况) per item id, in order, with the day each was
    /// written.
    pub notes: HashMap<String, Vec<(NaiveDate, String)>>,
}

/// The reporting period of a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodInfo {
    /// `2023-06`
    pub name: String,
    /// `2023年6月`
    pub label: String,
    pub first_day: NaiveDate,
    /// The last day the figures include (the as-of date).
    pub last_day: NaiveDate,
}

/// The board as it stood at `cutoff` (exclusive): values, notes and manual statuses
/// replayed from the log. The structure is today's.
pub fn board_as_of(board: &Board, log: &[Update], cutoff: Millis) -> Board {
    let mut replay = Replay::new(&board.plan, cutoff);
    for u in log {
        replay.apply(&board.plan, &u.as_ref());
    }
    replay.finish(board.clone())
}

/// A replay of the log, fed one entry at a time (so the log is never held in memory): the
/// recorded state of a plan's targets and items as it stood at `cutoff` (exclusive),
/// starting from nothing recorded. Each entry costs one id lookup through the plan's maps;
/// the plan is lent to each call, so several replays (to different cutoffs) can read one
/// board's structure in the same pass.
pub struct Replay {
    targets: Vec<Recorded>,
    items: Vec<ItemState>,
    /// The users named by the entries taken in, each once ([`Recorded::by`] indexes it).
    users: Users,
    cutoff: Millis,
}

/// What a replay keeps of a target: a [`TargetState`] without its text (the user is an
/// index into the replay's [`Users`]), 32 bytes, so a million entries over 100k targets
/// copy no name and touch one small slot each.
#[derive(Debug, Clone, Copy, Default)]
struct Recorded {
    value: f64,
    /// The first value recorded (meaningful once `updates` > 0).
    first: f64,
    /// When, and by whom, the last value was recorded (meaningful once `updates` > 0).
    at: Millis,
    by: u32,
    updates: u32,
}

impl Recorded {
    /// [`TargetState::record`], without the user's name.
    fn record(&mut self, value: f64, at: Millis, by: u32) {
        if self.updates == 0 {
            self.first = value;
        }
        self.value = value;
        self.at = at;
        self.by = by;
        self.updates = self.updates.wrapping_add(1);
    }

    /// [`TargetState::reading`].
    fn reading(&self, since: Option<NaiveDate>) -> Reading {
        let recorded = self.updates > 0;
        Reading {
            value: recorded.then_some(self.value),
            first: recorded.then_some(self.first),
            since,
        }
    }

    /// The state as [`TargetState::record`] would have left it, from nothing recorded.
    fn state(&self, users: &Users, since: Option<NaiveDate>) -> TargetState {
        let recorded = self.updates > 0;
        TargetState {
            value: self.value,
            updated_at: recorded.then_some(self.at),
            updated_by: recorded.then(|| users.names[self.by as usize].clone()),
            updates: self.updates,
            first: recorded.then_some(self.first),
            since,
        }
    }
}

/// The user names a replay has met, each kept once: a log names the same few users over
/// and over, so an entry costs a comparison with the last one met, not a copy.
#[derive(Default)]
struct Users {
    names: Vec<String>,
    index: HashMap<String, u32>,
    last: u32,
}

impl Users {
    fn of(&mut self, user: &str) -> u32 {
        if self.names.get(self.last as usize).is_some_and(|n| n == user) {
            return self.last;
        }
        let k = match self.index.get(user) {
            Some(&k) => k,
            None => {
                let k = self.names.len() as u32;
                self.names.push(user.to_string());
                self.index.insert(user.to_string(), k);
                k
            }
        };
        self.last = k;
        k
    }
}

impl Replay {
    /// Nothing recorded yet against `plan`'s targets and items.
    pub fn new(plan: &IndexedPlan, cutoff: Millis) -> Replay {
        Replay {
            targets: vec![Recorded::default(); plan.targets.len()],
            items: vec![ItemState::default(); plan.items.len()],
            users: Users::default(),
            cutoff,
        }
    }

    /// Applies one log entry (in log order) of `plan` (the one the replay was made for), if
    /// it came before the cutoff.
    pub fn apply(&mut self, plan: &IndexedPlan, u: &UpdateRef<'_>) {
        self.apply_to(Subject::of(plan, &u.change), u);
    }

    /// [`Replay::apply`] with the entry's subject already resolved (once for every replay
    /// that takes the entry in).
    pub fn apply_to(&mut self, subject: Subject, u: &UpdateRef<'_>) {
        if u.at >= self.cutoff {
            return;
        }
        match (&u.change, subject) {
            (ChangeRef::Value { new, .. }, Subject::Target(k)) => {
                let by = self.users.of(u.user);
                self.targets[k].record(*new, u.at, by);
            }
            (ChangeRef::Note { new, .. }, Subject::Item(k)) => {
                self.items[k].record_note(new, u.at, u.user);
            }
            (ChangeRef::ItemStatus { new, .. }, Subject::Item(k)) => self.items[k].status = *new,
            _ => {}
        }
    }

    /// `board` (of the plan replayed) as it stood at the cutoff: its recorded state
    /// replaced by the replay's.
    pub fn finish(self, mut board: Board) -> Board {
        // Nothing a log entry records, but each target keeps the day it was added (its
        // pace's start).
        for (state, past) in board.target_states.iter_mut().zip(&self.targets) {
            *state = past.state(&self.users, state.since);
        }
        board.item_states = self.items;
        board
    }
}

/// What a log entry changes, as a position in a plan (the value of a target, the note or
/// status of an item), or nothing the plan has: looked up once per entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Target(usize),
    Item(usize),
    None,
}

impl Subject {
    /// The subject of `change` in `plan`.
    pub fn of(plan: &IndexedPlan, change: &ChangeRef<'_>) -> Subject {
        let found = match change {
            ChangeRef::Value { target, .. } => plan.target_index(target).map(Subject::Target),
            ChangeRef::Note { item, .. } | ChangeRef::ItemStatus { item, .. } => {
                plan.item_index(item).map(Subject::Item)
            }
            ChangeRef::TargetDef { .. } | ChangeRef::Settings { .. } => None,
        };
        found.unwrap_or(Subject::None)
    }

    /// The subjects of a batch of entries into `out`, looked up one after another (before
    /// any is applied): the processor overlaps the lookups' cache misses, which at 100k
    /// targets were a sixth of an export's time one entry at a time.
    pub fn of_each(plan: &IndexedPlan, batch: &[UpdateRef<'_>], out: &mut Vec<Subject>) {
        out.clear();
        out.extend(batch.iter().map(|u| Subject::of(plan, &u.change)));
    }
}

/// Streams the log of `plan` (a plan of `store`) to `visit`, each entry with its subject,
/// the subjects looked up a batch at a time ([`Subject::of_each`]): the one pass every
/// replay and period pass reads the log by (`export`, `status --as-of`, the board's `E`).
pub fn for_each_subject(
    store: &crate::core::store::Store,
    plan: &IndexedPlan,
    mut visit: impl FnMut(Subject, &UpdateRef<'_>),
) -> Result<(), crate::core::store::StoreError> {
    let mut subjects = Vec::new();
    store.for_each_batch(&plan.id, |batch| {
        Subject::of_each(plan, batch, &mut subjects);
        for (u, &subject) in batch.iter().zip(&subjects) {
            visit(subject, u);
        }
        Ok(())
    })
}

/// A target's value at `cutoff` (exclusive), from its updates in log order (the detail
/// chart's step line): the new value of the last value change before the cutoff; before any,
/// the old value of the first change after it (a value carried over by `import --replace`).
/// Before any value, 0 for a count (`zero`); nothing for a level or a ceiling, which nobody
/// has measured yet.
pub fn value_at(history: &[Update], cutoff: Millis, zero: bool) -> Option<f64> {
    let mut value = None;
    for u in history {
        if let Change::Value { old, new, .. } = u.change {
            if u.at < cutoff {
                value = Some(new);
            } else if value.is_none() {
                return (zero || old != 0.0).then_some(old);
            }
        }
    }
    value.or(zero.then_some(0.0))
}

/// The departments of a row: those that lead, and those that support.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Departments {
    pub lead: Vec<String>,
    pub support: Vec<String>,
}

impl Departments {
    fn of(item: &crate::core::model::Item) -> Departments {
        Departments {
            lead: item.leads().map(|d| d.name.clone()).collect(),
            support: item.supports().map(|d| d.name.clone()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.support.is_empty()
    }
}

/// Builds the ledger of `board` measured on `as_of`; `keep` filters items (by department).
///
/// Subtotals and the total are the board's own roll-ups ([`pace::roll_up`]): a theme's
/// subtotal is the theme's figure on the board, a department's the figure `status --dept`
/// gives it, and the total that of everything kept, each item counted once however many
/// groups list it. A department filter leaves out the targets theme headings state, which
/// belong to no department.
pub fn ledger(board: &Board, eval: &Evaluation, by: GroupBy, keep: &[bool]) -> Ledger {
    let plan = &board.plan;
    let whole = keep.iter().all(|&k| k);
    let selection = eval.of_kept(plan, keep);
    let theme_rows = |th: usize, items: &mut dyn Iterator<Item = usize>| {
        let title = &plan.themes[th].title;
        let mut rows: Vec<Row> = Vec::new();
        if whole {
            for &k in plan.theme_targets(th) {
                rows.push(target_row(
                    board,
                    eval,
                    k,
                    title.clone(),
                    Departments::default(),
                    String::new(),
                ));
            }
        }
        for i in items {
            item_rows(board, eval, i, &mut rows);
        }
        rows
    };
    let mut groups: Vec<Group> = Vec::new();
    match by {
        GroupBy::Theme => {
            for (th, theme) in plan.themes.iter().enumerate() {
                let rows =
                    theme_rows(th, &mut plan.theme_items(th).iter().copied().filter(|&i| keep[i]));
                if !rows.is_empty() {
                    let title = format!("{}、{}", numeral::chinese(theme.number), theme.title);
                    groups.push(Group { title, rows, subtotal: selection.themes[th] });
                }
            }
        }
        GroupBy::Department => {
            let (mut named, none) = filter::by_department(plan, keep);
            // Departments in a stable, readable order; the unassigned group last.
            named.sort_by(|a, b| a.0.cmp(&b.0));
            for (name, items) in named {
                let mut rows = Vec::new();
                for &i in &items {
                    item_rows(board, eval, i, &mut rows);
                }
                let subtotal = eval.select(plan, &items, false).overall;
                groups.push(Group { title: name, rows, subtotal });
            }
            // Items that name no department, with the targets theme headings state, in the
            // order of the plan.
            let mut rows = Vec::new();
            let mut by_theme = vec![Vec::new(); plan.themes.len()];
            for &i in &none {
                if let Some(th) = plan.theme_index(plan.items[i].theme) {
                    by_theme[th].push(i);
                }
            }
            for (th, items) in by_theme.into_iter().enumerate() {
                rows.extend(theme_rows(th, &mut items.into_iter()));
            }
            if !rows.is_empty() {
                let subtotal = eval.select(plan, &none, whole).overall;
                groups.push(Group { title: NO_DEPT.to_string(), rows, subtotal });
            }
        }
    }
    Ledger {
        plan_id: plan.id.clone(),
        title: plan.title.clone(),
        as_of: eval.as_of,
        by,
        groups,
        total: selection.overall,
        period: None,
        notes: HashMap::new(),
    }
}

/// The rows of item `i`: one per target, or one for the item when it has none.
fn item_rows(board: &Board, eval: &Evaluation, i: usize, rows: &mut Vec<Row>) {
    let item = &board.plan.items[i];
    let depts = Departments::of(item);
    let note = board.item_states[i].note.clone();
    let own = board.plan.item_targets(i);
    if own.is_empty() {
        let r = eval.items[i];
        rows.push(Row {
            id: item.id.clone(),
            task: item.title.clone(),
            indicator: String::new(),
            kind: None,
            goal: None,
            aim: None,
            direction: None,
            unit: String::new(),
            value: None,
            rate: r.progress,
            pace: None,
            status: r.status,
            due: item.due,
            departments: depts,
            note,
            parent: None,
            item: Some(item.id.clone()),
            previous: None,
            change: None,
            stale: false,
            position: i,
        });
        return;
    }
    for &k in own {
        rows.push(target_row(board, eval, k, item.title.clone(), depts.clone(), note.clone()));
    }
}

impl Ledger {
    /// Marks the rows of stale targets and status items (the board's [`Staleness`], of the
    /// ledger's date).
    pub fn mark_stale(&mut self, board: &Board, stale: &Staleness) {
        for row in self.groups.iter_mut().flat_map(|g| g.rows.iter_mut()) {
            let plan = &board.plan;
            row.stale = if row.kind.is_some() {
                plan.target_index_near(row.position, &row.id).is_some_and(|k| stale.target(k))
            } else {
                plan.item_index_near(row.position, &row.id).is_some_and(|i| stale.item(i))
            };
        }
    }
}

/// A reporting period's figures, gathered as the log streams by (the log is never held):
/// each target's value at the window's start (上期) and each item's progress notes written
/// within the window, in order. [`PeriodPass::finish`] adds them to a ledger: the change
/// since the start (本期完成) against the ledger's values.
pub struct PeriodPass {
    info: PeriodInfo,
    window: Window,
    before: Replay,
    notes: HashMap<String, Vec<(NaiveDate, String)>>,
}

impl PeriodPass {
    /// The figures of `period` up to the end of `as_of`, over `plan`'s targets.
    pub fn new(
        plan: &IndexedPlan,
        (period, due_day): (Period, u8),
        as_of: NaiveDate,
        clock: &Clock,
        lang: crate::lang::Lang,
    ) -> PeriodPass {
        let first_day = period.first_day(due_day);
        let info = PeriodInfo {
            name: period.to_string(),
            label: period.label(lang),
            first_day,
            last_day: as_of,
        };
        let window = Window { from: clock.midnight(first_day), to: clock.end_of_day(as_of) };
        PeriodPass { info, window, before: Replay::new(plan, window.from), notes: HashMap::new() }
    }

    /// Takes in the next log entry, in log order, its subject resolved in the plan the
    /// pass was made for.
    pub fn apply(&mut self, subject: Subject, u: &UpdateRef<'_>, clock: &Clock) {
        self.before.apply_to(subject, u);
        if let ChangeRef::Note { item, new, .. } = &u.change
            && self.window.holds(u.at)
            && !new.trim().is_empty()
        {
            let day = clock.date(u.at);
            let notes = self.notes.entry((*item).to_string()).or_default();
            notes.push((day, new.trim().to_string()));
        }
    }

    /// Adds the figures to `ledger`, a ledger of `board` (the plan the pass was made for,
    /// values as of the ledger's date).
    pub fn finish(self, ledger: &mut Ledger, board: &Board) {
        for row in ledger.groups.iter_mut().flat_map(|g| g.rows.iter_mut()) {
            if row.kind.is_none() {
                continue;
            }
            if let Some(k) = board.plan.target_index_near(row.position, &row.id) {
                // A level nobody had measured by the period's start has no 上期 value.
                let t = &board.plan.targets[k];
                row.previous = pace::value_shown(t, self.before.targets[k].reading(None));
                row.change = row.value.zip(row.previous).map(|(v, p)| v - p);
            }
        }
        ledger.notes = self.notes;
        ledger.period = Some(self.info);
    }
}

/// The group of rows whose item names no department.
pub const NO_DEPT: &str = "（未明确科室）";

fn target_row(
    board: &Board,
    eval: &Evaluation,
    k: usize,
    task: String,
    departments: Departments,
    note: String,
) -> Row {
    let t = &board.plan.targets[k];
    let e = &eval.targets[k];
    let reading = board.target_states[k].reading();
    Row {
        id: t.id.clone(),
        task,
        indicator: t.name.clone(),
        kind: Some(t.kind),
        goal: Some(t.goal),
        aim: Some(pace::goal(t, reading)),
        direction: Some(t.direction),
        unit: pace::value_unit(t).to_string(),
        value: pace::value_shown(t, reading),
        rate: Some(e.progress),
        pace: Some(e.pace),
        status: Some(e.status),
        due: Some(e.due),
        departments,
        note,
        parent: t.parent.clone(),
        item: t.item.clone(),
        previous: None,
        change: None,
        stale: false,
        position: k,
    }
}

/// The board as it stood (from a finished [`Replay`]), measured on `as_of`.
pub fn evaluate_past(past: Board, as_of: NaiveDate) -> (Board, Evaluation) {
    let eval = pace::evaluate(&past, as_of, &Thresholds::default());
    (past, eval)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Change;

    #[test]
    fn replay_stops_at_the_cutoff() {
        let plan = crate::core::store::tests::sample_plan();
        let board = crate::core::model::Board::fresh(plan);
        let up = |seq, at, new: f64| Update {
            seq,
            at,
            user: "w".into(),
            uid: 1,
            change: Change::Value { target: "1.1".into(), old: 0.0, new },
            note: String::new(),
            undoes: None,
            prev: None,
        };
        let log = vec![up(1, 100, 10.0), up(2, 200, 20.0), up(3, 300, 30.0)];
        assert_eq!(board_as_of(&board, &log, 250).target_states[0].value, 20.0);
        assert_eq!(board_as_of(&board, &log, 50).target_states[0].value, 0.0);
        assert_eq!(board_as_of(&board, &log, 1000).target_states[0].updates, 3);
    }

    /// A replay to any cutoff leaves each target and item as recording the entries before
    /// it one by one (`TargetState::record`, `ItemState::record_note`) leaves them, and keeps
    /// each user's name once, however many entries name it.
    #[test]
    fn a_replay_is_the_entries_recorded_one_by_one() {
        use crate::core::generate::{self, Spec};
        let spec = Spec::new(2, 3, 4, 3000);
        let plan = generate::plan(&spec).expect("plan");
        let mut log: Vec<Update> = generate::updates(&plan, &spec).collect();
        for (k, u) in log.iter_mut().enumerate().filter(|(k, _)| k % 7 == 0) {
            u.user = format!("u{}", k % 5);
        }
        let users: std::collections::HashSet<&str> = log.iter().map(|u| u.user.as_str()).collect();
        let board = Board::fresh(plan);
        let mid = log[log.len() / 2].at;
        for cutoff in [i64::MIN, log[0].at + 1, mid, i64::MAX] {
            let mut replay = Replay::new(&board.plan, cutoff);
            let mut want = board.clone();
            for u in log.iter() {
                replay.apply(&board.plan, &u.as_ref());
                let (targets, items) = (&mut want.target_states, &mut want.item_states);
                match &u.change {
                    _ if u.at >= cutoff => {}
                    Change::Value { target, new, .. } => {
                        let k = board.target_index(target).expect("target");
                        targets[k].record(*new, u.at, &u.user);
                    }
                    Change::Note { item, new, .. } => {
                        let i = board.item_index(item).expect("item");
                        items[i].record_note(new, u.at, &u.user);
                    }
                    Change::ItemStatus { item, new, .. } => {
                        items[board.item_index(item).expect("item")].status = *new;
                    }
                    _ => {}
                }
            }
            assert!(replay.users.names.len() <= users.len(), "each user's name once");
            let past = replay.finish(board.clone());
            assert_eq!(past.target_states, want.target_states, "at {cutoff}");
            assert_eq!(past.item_states, want.item_states, "at {cutoff}");
        }
    }

    #[test]
    fn a_value_at_a_time_is_the_last_change_before_it() {
        let up = |at, old: f64, new: f64| Update {
            seq: 0,
            at,
            user: "w".into(),
            uid: 1,
            change: Change::Value { target: "1.1".into(), old, new },
            note: String::new(),
            undoes: None,
            prev: None,
        };
        let log = vec![up(100, 5.0, 10.0), up(200, 10.0, 20.0), up(300, 20.0, 15.0)];
        assert_eq!(value_at(&log, 100, true), Some(5.0), "before the first change: its old value");
        assert_eq!(value_at(&log, 101, true), Some(10.0));
        assert_eq!(value_at(&log, 250, false), Some(20.0));
        assert_eq!(value_at(&log, 1000, true), Some(15.0), "a correction downwards counts");
        assert_eq!(value_at(&[], 1000, true), Some(0.0));
        assert_eq!(value_at(&[], 1000, false), None, "a level nobody measured has no value");
        let note = Update {
            change: Change::Note { item: "1".into(), old: String::new(), new: "x".into() },
            ..up(50, 0.0, 0.0)
        };
        assert_eq!(value_at(&[note], 1000, true), Some(0.0), "notes carry no value");
    }
}
