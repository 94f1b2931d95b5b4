//! The dashboard's panels as lists to choose from: Tab moves between panels, j/k between
//! rows, Enter opens what a row counts (a theme or department on the board, a target's
//! detail, a department's missing reports).

use super::{App, DeptFilter, Effect, Screen, Selection};
use crate::core::model::Change;
use crate::core::pace::overview;

/// The dashboard's panels, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    #[default]
    ByTheme,
    ByDept,
    Reported,
    Overdue,
    DueSoon,
    Feed,
}

impl Panel {
    pub const ALL: [Panel; 6] = [
        Panel::ByTheme,
        Panel::ByDept,
        Panel::Reported,
        Panel::Overdue,
        Panel::DueSoon,
        Panel::Feed,
    ];

    fn step(self, next: bool) -> Panel {
        let n = Panel::ALL.len();
        let at = Panel::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Panel::ALL[if next { (at + 1) % n } else { (at + n - 1) % n }]
    }
}

/// The selected panel and its selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DashFocus {
    pub panel: Panel,
    pub row: usize,
}

/// How many days ahead the due-soon panel looks.
pub const DUE_SOON_DAYS: i64 = 30;

impl App {
    /// The targets of the overdue panel.
    pub fn overdue(&self) -> Vec<usize> {
        overview::overdue(&self.eval)
    }

    /// The targets of the due-soon panel.
    pub fn due_soon(&self) -> Vec<usize> {
        overview::due_within(&self.eval, self.today, DUE_SOON_DAYS)
    }

    /// How many rows a panel has.
    fn panel_len(&self, p: Panel) -> usize {
        match p {
            Panel::ByTheme => self.board.plan.themes.len(),
            Panel::ByDept => self.departments().len(),
            Panel::Reported => self.cycle.reports.len(),
            Panel::Overdue => self.overdue().len(),
            Panel::DueSoon => self.due_soon().len(),
            Panel::Feed => self.recent.len(),
        }
    }

    /// Tab / Shift-Tab on the dashboard.
    pub(super) fn dash_panel(&mut self, next: bool) {
        self.dash = DashFocus { panel: self.dash.panel.step(next), row: 0 };
    }

    /// j/k on the dashboard: a row of the selected panel.
    pub(super) fn dash_move(&mut self, delta: isize) {
        let last = self.panel_len(self.dash.panel).saturating_sub(1);
        self.dash.row = self.dash.row.saturating_add_signed(delta).min(last);
    }

    /// Enter on a dashboard row.
    pub(super) fn dash_open(&mut self) -> Option<Effect> {
        let row = self.dash.row;
        match self.dash.panel {
            Panel::ByTheme => {
                let theme = self.board.plan.themes.get(row)?.number;
                self.show_on_board(Selection { theme: Some(theme), ..Selection::default() });
            }
            Panel::ByDept => {
                let name = self.departments().into_iter().nth(row)?;
                self.filters.dept = DeptFilter::One(name);
                self.show_on_board(Selection::default());
            }
            Panel::Reported => {
                let r = self.cycle.reports.get(row)?;
                let first = r.missing.first().or(r.items.first()).copied();
                self.filters.dept = DeptFilter::One(r.department.clone());
                let sel = first.map(|i| self.item_selection(i)).unwrap_or_default();
                self.show_on_board(sel);
            }
            Panel::Overdue | Panel::DueSoon => {
                let list = if self.dash.panel == Panel::Overdue {
                    self.overdue()
                } else {
                    self.due_soon()
                };
                return self.show_detail(*list.get(row)?);
            }
            Panel::Feed => {
                let u = self.recent.get(row)?;
                let plan = &self.board.plan;
                let sel = match &u.change {
                    Change::Value { target, .. } | Change::TargetDef { target, .. } => {
                        self.target_selection(plan.target_index(target)?)
                    }
                    Change::Note { item, .. } | Change::ItemStatus { item, .. } => {
                        self.item_selection(plan.item_index(item)?)
                    }
                    Change::Settings { .. } => return None,
                };
                self.show_on_board(sel);
            }
        }
        None
    }

    /// A target's detail view, reached from a list; Esc comes back to the list.
    fn show_detail(&mut self, k: usize) -> Option<Effect> {
        let sel = self.target_selection(k);
        self.show_on_board(sel);
        // the board step is not a stop on the way back
        if let Some(s) = self.stack.pop() {
            self.screen = s;
        }
        self.history.clear();
        self.hist_sel = None;
        self.push_screen(Screen::Detail);
        self.sel.target.clone().map(Effect::History)
    }
}
