//! The app's one seam with the outside world. An action may ask for an [`Effect`] (a write,
//! a read, a file); whoever runs it (today [`crate::tui::effect`], on the event loop's
//! thread) hands back one [`Outcome`] value, and [`App::handle`] is the only way results
//! come in. An effect needs nothing from the app, so it can run on another thread and its
//! outcome arrive later: `handle` ignores a board read for a plan no longer shown and a
//! history for a target no longer in the detail view.

use super::{App, DeptFilter, FEED_LEN, Pane, PlanTexts, Screen, StatusFilter};
use crate::core::edit::Edit;
use crate::core::model::{Board, Change, Millis, PlanSettings, Touched, Update, fmt_num};
use crate::core::period::{self, Period};
use crate::core::report::format::Format;
use crate::core::report::{self, GroupBy, Ledger, format::safe_file_name};
use crate::core::store::{LogMark, PlanSummary, Refusal};
use crate::lang::Lang;
use crate::tui::text::{self, Tr, tr};
use chrono::NaiveDate;
use std::path::PathBuf;

/// What the app asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write an edit to the store (the board then takes it in from the log, see
    /// [`Outcome::Applied`]).
    Apply { edit: Edit, note: String },
    /// Take in what was written since `seen` (the log entries, or the board read again
    /// when more than state changes were written).
    Refresh { seen: LogMark },
    /// Read a target's update history for the detail view.
    History(String),
    /// Read the database's plans, to offer them in a choice list.
    ListPlans,
    /// Read another plan, to show it.
    SwitchPlan(String),
    /// Read the whole board of a first frame drawn from a part of it.
    Load,
    /// Write a ledger to an XLSX file.
    Export(Box<ExportRequest>),
}

/// What `E` writes: the ledger of the board as shown (values as of the app's today),
/// grouped by theme, or by department when a department filter is active, with the items
/// the filter keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    pub ledger: Ledger,
    /// The ledger (xlsx) or the period report (docx).
    pub format: Format,
    /// For the period report: the period today falls in, the due day and the as-of day;
    /// the effect adds the period's figures from the log.
    pub period: Option<((Period, u8), NaiveDate)>,
    pub lang: Lang,
    /// The file name (no directory): `台账-2023-2023-09-30.xlsx`.
    pub file_name: String,
}

/// A board as read from the store, with the live feed (newest first).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub board: Board,
    pub recent: Vec<Update>,
    /// The plan's settings and each item's latest report (item position, time).
    pub settings: PlanSettings,
    pub latest: Vec<(usize, Millis)>,
    /// Where in the store's history this read was made, to ask for what came after.
    pub mark: LogMark,
    /// The plan's texts prepared for search where the board was read (the store's thread),
    /// so the first keystroke of a search does not pay for them; `None`: prepared when a
    /// search first needs them.
    pub texts: Option<PlanTexts>,
}

/// What came of an effect.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// An edit was written: its log entry (the board takes it in with a refresh).
    Applied { update: Update },
    /// The edit would change nothing, so nothing was written.
    Unchanged,
    /// Another process kept the database past a writer's wait; nothing was written.
    Busy(std::sync::Arc<crate::core::store::StoreError>),
    /// The store refused an edit (role, read-only, bad value, unknown id); nothing was
    /// written.
    Refused(Refusal),
    /// Something other than state changes was written: the board read again.
    Changed(Box<Loaded>),
    /// Only state changes were written since the mark the refresh asked from: the plan's
    /// new log entries, oldest first, and the mark to ask from next.
    Appended { plan: String, mark: LogMark, updates: Vec<Update> },
    /// A target's updates, oldest first.
    History { target: String, updates: Vec<Update> },
    /// The plans of the database.
    Plans(Vec<PlanSummary>),
    /// The whole board a first frame was drawn without.
    Loaded(Box<Loaded>),
    /// Another plan, read to be shown, or why it cannot be.
    Switched(Result<Box<Loaded>, Refusal>),
    /// Where the ledger was written, or why it was not.
    Exported(Result<PathBuf, String>),
}

impl App {
    /// Takes in what came of an effect. May ask for a follow-up (the detail view's history
    /// after its board was read again).
    pub fn handle(&mut self, outcome: Outcome) -> Option<Effect> {
        let lang = self.look.lang;
        match outcome {
            Outcome::Applied { update } => {
                self.say(applied(lang, &update), false);
                self.own.push(update.seq);
                Some(Effect::Refresh { seen: self.mark })
            }
            Outcome::Unchanged => {
                self.say(tr(lang, text::UNCHANGED).to_string(), false);
                None
            }
            Outcome::Busy(e) => {
                let why = crate::i18n::errors::store(&e, lang);
                self.say(format!("{}: {why}", tr(lang, text::NOT_SAVED)), true);
                None
            }
            Outcome::Refused(r) => {
                self.refused(text::NOT_SAVED, &r);
                None
            }
            Outcome::Changed(now) => {
                let next = self.load(*now);
                self.changed_at = Some(self.clock.format(self.clock.now(), "%H:%M:%S"));
                next
            }
            Outcome::Loaded(now) => {
                self.loading = false;
                self.load(*now)
            }
            Outcome::Appended { plan, mark, updates } => {
                if plan == self.board.plan.id {
                    self.take_in(mark, updates);
                }
                None
            }
            Outcome::History { target, updates } => {
                if self.screen == Screen::Detail && self.sel.target.as_deref() == Some(&target) {
                    self.history = updates;
                }
                None
            }
            Outcome::Plans(plans) => {
                self.open_plans(&plans);
                None
            }
            Outcome::Switched(Ok(now)) => {
                self.switch_plan(*now);
                None
            }
            Outcome::Switched(Err(r)) => {
                self.refused(text::NOT_SWITCHED, &r);
                None
            }
            Outcome::Exported(Ok(path)) => {
                self.say(format!("{} {}", tr(lang, text::EXPORTED), path.display()), false);
                None
            }
            Outcome::Exported(Err(e)) => {
                self.say(format!("{}: {e}", tr(lang, text::NOT_EXPORTED)), true);
                None
            }
        }
    }

    /// Shows the store's refusal on the status line. The one place the board words a
    /// [`Refusal`], in the interface language from the catalogue.
    fn refused(&mut self, head: Tr, r: &Refusal) {
        let lang = self.look.lang;
        let text = format!("{}: {}", tr(lang, head), crate::i18n::refusals::refusal(r, lang));
        self.say(text, true);
    }

    /// Takes a board read again, keeping the selection; ignored when it is of a plan no
    /// longer shown. In the detail view, asks for the target's history again.
    fn load(&mut self, now: Loaded) -> Option<Effect> {
        if now.board.plan.id != self.board.plan.id {
            return None;
        }
        self.cycle.settings = now.settings;
        self.cycle.latest = now.latest;
        self.mark = now.mark;
        self.own.clear();
        self.set_data(now.board, now.recent, now.texts);
        if self.screen == Screen::Detail {
            return self.sel.target.clone().map(Effect::History);
        }
        None
    }

    /// Takes in the log entries written since the board was read (state changes only),
    /// oldest first: each changes one target's or item's state, so the cost is what
    /// changed (plus one pass over the item roll-ups for the themes), not the board.
    /// Entries already taken in (two refreshes asked from the same mark) are skipped.
    fn take_in(&mut self, mark: LogMark, updates: Vec<Update>) {
        let fresh: Vec<Update> = updates.into_iter().filter(|u| u.seq > self.mark.seq).collect();
        if mark.counter > self.mark.counter {
            self.mark = mark;
            self.board.counter = mark.counter;
        }
        if fresh.is_empty() {
            return;
        }
        let (mut targets, mut items, mut reported) = (Vec::new(), Vec::new(), Vec::new());
        let mut others = false;
        for u in &fresh {
            match self.board.record(u) {
                Some(Touched::Target(k)) => targets.push(k),
                Some(Touched::Item(k)) => items.push(k),
                None => {}
            }
            if let Some(i) = period::report_item(&self.board.plan, &u.change) {
                self.cycle.latest.push((i, u.at));
                reported.push((i, u.at));
            }
            match self.own.iter().position(|&s| s == u.seq) {
                Some(at) => {
                    self.own.swap_remove(at);
                }
                None => others = true,
            }
            if self.screen == Screen::Detail
                && self.sel.target.as_deref() == Some(u.change.subject())
            {
                self.history.push(u.clone());
            }
        }
        self.eval.refresh(&self.board, &targets, &items, &self.thresholds);
        // What the search and the department filter keep depends on the plan alone; only
        // the status filter reads the states just changed.
        if self.filters.status != StatusFilter::All {
            self.generation += 1;
        }
        let keep = FEED_LEN.saturating_sub(fresh.len().min(FEED_LEN));
        self.recent.truncate(keep);
        let newest = fresh.into_iter().rev().take(FEED_LEN);
        self.recent.splice(0..0, newest);
        self.rederive(&targets, &items, &reported);
        self.fix_selection();
        if others {
            self.changed_at = Some(self.clock.format(self.clock.now(), "%H:%M:%S"));
        }
    }

    /// Shows another plan: a fresh selection, no search; the department filter stays when
    /// the new plan names that department.
    fn switch_plan(&mut self, now: Loaded) {
        self.sel = super::Selection::default();
        self.focus = Pane::Themes;
        self.screen = Screen::Main;
        self.stack.clear();
        self.history.clear();
        self.hist_sel = None;
        self.filters.set_query(String::new());
        if let DeptFilter::One(d) = &self.filters.dept
            && !crate::core::filter::departments(&now.board.plan).contains(d)
        {
            self.filters.dept = DeptFilter::All;
        }
        self.cycle.settings = now.settings;
        self.cycle.latest = now.latest;
        self.mark = now.mark;
        self.own.clear();
        self.set_data(now.board, now.recent, now.texts);
        let lang = self.look.lang;
        let plan = &self.board.plan;
        let text = format!("{} {} {}", tr(lang, text::SWITCHED), plan.id, plan.title);
        self.say(text, false);
    }

    /// What `E` writes in `format` (xlsx: the ledger; docx: the period report): the board
    /// as shown, the department filter applied, stale rows marked.
    pub fn export_request(&self, format: Format) -> ExportRequest {
        let lang = self.look.lang;
        let (by, suffix) = match &self.filters.dept {
            DeptFilter::All => (GroupBy::Theme, String::new()),
            DeptFilter::Mine => (GroupBy::Department, format!("-{}", tr(lang, text::MINE))),
            DeptFilter::One(name) => (GroupBy::Department, format!("-{name}")),
        };
        let keep = self.filters.departments(&self.my_depts).keep(&self.board.plan);
        let mut ledger = report::ledger(&self.board, &self.eval, by, &keep);
        ledger.mark_stale(&self.board, &self.cycle.stale);
        let docx = format == Format::Docx;
        let stem = tr(lang, if docx { text::FILE_STEM_REPORT } else { text::FILE_STEM_LEDGER });
        let ext = format.name();
        let name = format!("{stem}-{}-{}{suffix}.{ext}", self.board.plan.year, self.today);
        let settings = self.cycle.settings;
        let period =
            self.cycle.period.filter(|_| docx).map(|p| ((p, settings.due_day), self.today));
        ExportRequest { ledger, format, period, lang, file_name: safe_file_name(&name) }
    }
}

/// The status line after a write: `已保存 13.1: 64 -> 65`.
fn applied(lang: Lang, u: &Update) -> String {
    let what = match &u.change {
        Change::Value { target, old, new } => {
            format!("{target}: {} -> {}", fmt_num(*old), fmt_num(*new))
        }
        Change::Note { item, .. } => format!("{item} {}", tr(lang, text::NOTE)),
        Change::ItemStatus { item, .. } => item.clone(),
        Change::TargetDef { target, .. } => target.clone(),
        Change::Settings { new, .. } => new.describe(lang),
    };
    let head = if u.undoes.is_some() { text::UNDONE } else { text::SAVED };
    format!("{} {what}", tr(lang, head))
}
