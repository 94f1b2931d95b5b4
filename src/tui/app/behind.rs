//! The reporting cycle as the board shows it (the period, its deadline, who has reported,
//! staleness) and the behind list: opening it, moving in it, Enter to what a line is about,
//! and the view stack that brings Esc back to where the user came from.

use super::{App, DeptFilter, Effect, Pane, Screen, Selection, StatusFilter, theme_row_id};
use crate::core::model::{Millis, PlanSettings};
use crate::core::pace::behind::{BehindList, Line, Subject, behind_list};
use crate::core::pace::stale::Staleness;
use crate::core::period::{self, DeptReport, Period};
use chrono::NaiveDate;

/// The reporting cycle on the app's today, derived from the board, the plan's settings and
/// each item's latest report.
#[derive(Debug, Clone, Default)]
pub struct Cycle {
    pub settings: PlanSettings,
    /// Each item's latest report (item position, time), as the store gave it.
    pub latest: Vec<(usize, Millis)>,
    /// The period today falls in, and the day its reports are due.
    pub period: Option<Period>,
    pub due: Option<NaiveDate>,
    /// Each lead department's reports for the period, in plan order.
    pub reports: Vec<DeptReport>,
    pub stale: Staleness,
    pub behind: BehindList,
    /// The board changed since `behind` was derived (it is derived again when the list is
    /// shown: a change taken in while it is not costs what changed, not the whole list).
    pub behind_due: bool,
}

impl App {
    /// Takes the plan's settings and each item's latest report (at start and after every
    /// read of the board).
    pub fn set_cycle(&mut self, settings: PlanSettings, latest: Vec<(usize, Millis)>) {
        self.cycle.settings = settings;
        self.cycle.latest = latest;
        self.derive();
    }

    /// Derives the cycle's figures again from the board, the settings and today. A latest
    /// report inside the period's window means the item reported in it (the index answers
    /// for the current period, the one the board shows).
    pub(super) fn derive(&mut self) {
        let settings = self.cycle.settings;
        self.cycle.stale = Staleness::of(&self.board, &self.eval, settings.stale_days, &self.clock);
        if self.filters.status == StatusFilter::Stale {
            // what the 久未更新 filter keeps is worked out again
            self.generation += 1;
        }
        self.derive_reports();
        self.derive_behind();
    }

    /// [`App::derive`] after the states of `targets` and `items` (positions) changed and
    /// nothing else did, with `reported` the (item, time) reports those changes are: their
    /// staleness, the reports of the departments leading those items (the rule of
    /// [`period::reported`], one report at a time), and the behind list when it is showing
    /// (else when it is next shown).
    pub(super) fn rederive(
        &mut self,
        targets: &[usize],
        items: &[usize],
        reported: &[(usize, Millis)],
    ) {
        let days = self.cycle.settings.stale_days;
        let (board, eval, clock) = (&self.board, &self.eval, &self.clock);
        self.cycle.stale.refresh(board, eval, (days, clock), targets, items);
        self.compact_latest();
        if let Some(period) = self.cycle.period {
            let window = period.window(&self.cycle.settings, &self.clock);
            for &(i, at) in reported.iter().filter(|(_, at)| window.holds(*at)) {
                for r in &mut self.cycle.reports {
                    if r.items.binary_search(&i).is_ok() {
                        if let Ok(k) = r.missing.binary_search(&i) {
                            r.missing.remove(k);
                        }
                        r.last = Some(r.last.map_or(at, |t| t.max(at)));
                    }
                }
            }
        }
        if self.screen == Screen::Behind {
            self.derive_behind();
        } else {
            self.cycle.behind_due = true;
        }
    }

    /// The cycle of a first frame ([`App::first`]): the period and its due day from the
    /// settings, the stale marks of the targets and items shown (`has_targets`: which items
    /// have targets, parallel to the items read); reports, the count of stale marks and the
    /// behind list come with the whole board.
    pub(super) fn first_cycle(&mut self, settings: PlanSettings, has_targets: &[bool]) {
        self.cycle = Cycle { settings, behind_due: true, ..Cycle::default() };
        self.derive_reports();
        self.cycle.reports.clear();
        // the targets shown are all read, so their marks are right; an item is judged by
        // hand (and can be stale itself) only when it has no targets, read or not
        let mut stale = Staleness::of(&self.board, &self.eval, settings.stale_days, &self.clock);
        for (s, &has) in stale.items.iter_mut().zip(has_targets) {
            *s &= !has;
        }
        self.cycle.stale = stale;
    }

    /// The period, its due day and each lead department's reports in it.
    fn derive_reports(&mut self) {
        let settings = self.cycle.settings;
        let period = Period::containing(self.today, &settings);
        let window = period.window(&settings, &self.clock);
        // a plan past its year expects no more reports
        let reports = if self.ended() {
            Vec::new()
        } else {
            let leads = period::leads_of(&self.board.plan.items);
            period::reported(&leads, self.cycle.latest.iter().copied(), window)
        };
        let running = !self.ended();
        self.cycle.period = running.then_some(period);
        self.cycle.due = running.then(|| period.due(settings.due_day));
        self.cycle.reports = reports;
    }

    /// The behind list, from the evaluation, staleness and reports.
    fn derive_behind(&mut self) {
        let c = &self.cycle;
        self.cycle.behind = behind_list(&self.board, &self.eval, &c.stale, &c.reports);
        self.cycle.behind_due = false;
        self.behind_sel = self.behind_sel.min(self.cycle.behind.len().saturating_sub(1));
    }

    /// Each item's latest report once, when entries taken in have doubled the list.
    fn compact_latest(&mut self) {
        let latest = &mut self.cycle.latest;
        if latest.len() <= 2 * self.board.plan.items.len().max(16) {
            return;
        }
        latest.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        latest.dedup_by_key(|e| e.0);
    }

    /// Today is past the plan's year: nothing more is expected of it.
    pub fn ended(&self) -> bool {
        self.today > self.board.plan.end
    }

    /// Shows `screen`, remembering the one shown now for Esc. A screen is on the stack
    /// once (its latest visit), so going round in circles does not pile it up.
    pub(super) fn push_screen(&mut self, screen: Screen) {
        if screen != self.screen {
            let now = self.screen;
            self.stack.retain(|&s| s != now);
            self.stack.push(now);
            self.show(screen);
        }
    }

    /// Esc on a screen: the one the user came from; `false` when there is none.
    pub(super) fn pop_screen(&mut self) -> bool {
        match self.stack.pop() {
            Some(s) => {
                self.show(s);
                true
            }
            None => false,
        }
    }

    /// Shows `screen`; the behind list is brought up to date first if the board changed.
    fn show(&mut self, screen: Screen) {
        self.screen = screen;
        if screen == Screen::Behind && self.cycle.behind_due {
            self.derive_behind();
        }
    }

    /// `b`: the behind list, from any view; on the list itself it stays.
    pub(super) fn open_behind(&mut self) {
        if self.screen == Screen::Behind {
            return;
        }
        // the list is one screen deep: coming back to it from the board and opening it
        // again does not pile up copies
        self.stack.retain(|&s| s != Screen::Behind);
        self.push_screen(Screen::Behind);
    }

    /// Moves in the behind list.
    pub(super) fn move_behind(&mut self, delta: isize) {
        let last = self.cycle.behind.len().saturating_sub(1);
        self.behind_sel = self.behind_sel.saturating_add_signed(delta).min(last);
    }

    /// Enter on a line of the behind list: the target or item on the board (the target
    /// pane focused), or a department that has not reported, filtered to it with its first
    /// missing item selected. Esc comes back to the list.
    pub(super) fn open_behind_line(&mut self) -> Option<Effect> {
        let list = &self.cycle.behind;
        let sel = match list.line(self.behind_sel)? {
            Line::Behind(e) | Line::Stale(e) => match e.subject {
                Subject::Target(k) => self.target_selection(k),
                Subject::Item(i) => self.item_selection(i),
            },
            Line::Missing(r) => {
                let name = r.department.clone();
                let first = r.missing.first().copied();
                self.filters.dept = DeptFilter::One(name);
                first.map(|i| self.item_selection(i)).unwrap_or_default()
            }
        };
        self.show_on_board(sel);
        None
    }

    /// The selection that shows target `k`: its theme, its item (or its theme's own row)
    /// and itself.
    pub(super) fn target_selection(&self, k: usize) -> Selection {
        let plan = &self.board.plan;
        let t = &plan.targets[k];
        let (theme, item) = match plan.target_item(k) {
            Some(i) => (plan.items[i].theme, plan.items[i].id.clone()),
            None => (t.theme, theme_row_id(t.theme)),
        };
        Selection { theme: Some(theme), item: Some(item), target: Some(t.id.clone()) }
    }

    /// The selection that shows item `i`.
    pub(super) fn item_selection(&self, i: usize) -> Selection {
        let item = &self.board.plan.items[i];
        Selection { theme: Some(item.theme), item: Some(item.id.clone()), target: None }
    }

    /// Shows a selection on the board, dropping the filters when they hide it, and remembers the screen shown now for Esc.
    pub(super) fn show_on_board(&mut self, wanted: Selection) {
        self.sel = wanted.clone();
        self.fix_selection();
        let lost = |got: &Option<String>, want: &Option<String>| want.is_some() && got != want;
        if lost(&self.sel.item, &wanted.item) || lost(&self.sel.target, &wanted.target) {
            self.filters.clear();
            self.sel = wanted;
            self.fix_selection();
        }
        self.focus = if self.sel.target.is_some() {
            Pane::Targets
        } else if self.sel.item.is_some() {
            Pane::Items
        } else {
            Pane::Themes
        };
        self.push_screen(Screen::Main);
    }
}
