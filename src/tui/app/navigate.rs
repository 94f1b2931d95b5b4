//! `update`: what an action does, routed by the overlay or screen that has the keys; and
//! moving about the board (rows, panes, screens, filters, search).

use super::{App, DeptFilter, Effect, Overlay, Pane, Screen, StatusFilter};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;

/// How many rows PgUp/PgDn move.
const PAGE: isize = 10;

impl App {
    /// Carries out an action. Returns the effect to run, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        self.message = None;
        if action == Action::Quit && self.mode() != Mode::Input {
            self.quit = true;
            return None;
        }
        match self.mode() {
            Mode::Input => self.update_input(action),
            Mode::Pick => self.update_pick(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Help => {
                if matches!(action, Action::Help | Action::Back) {
                    self.overlay = Overlay::None;
                }
                None
            }
            Mode::Browse | Mode::Detail | Mode::Dashboard | Mode::Behind => {
                self.update_view(action)
            }
        }
    }

    /// The keys of the list screens (the behind list, the dashboard's panels); `None` for
    /// keys they share with the other views.
    fn update_list(&mut self, action: Action) -> Option<Option<Effect>> {
        let behind = self.screen == Screen::Behind;
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -PAGE,
            Action::PageDown => PAGE,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Into if behind => return Some(self.open_behind_line()),
            Action::Into => return Some(self.dash_open()),
            Action::NextPane | Action::PrevPane if !behind => {
                self.dash_panel(action == Action::NextPane);
                return Some(None);
            }
            _ => return None,
        };
        if behind {
            self.move_behind(delta)
        } else {
            self.dash_move(delta)
        }
        Some(None)
    }

    fn update_view(&mut self, action: Action) -> Option<Effect> {
        if matches!(self.screen, Screen::Behind | Screen::Dashboard)
            && let Some(effect) = self.update_list(action)
        {
            return effect;
        }
        match action {
            Action::Behind => self.open_behind(),
            Action::Up => return self.move_by(-1),
            Action::Down => return self.move_by(1),
            Action::PageUp => return self.move_by(-PAGE),
            Action::PageDown => return self.move_by(PAGE),
            Action::Top => return self.move_by(isize::MIN / 2),
            Action::Bottom => return self.move_by(isize::MAX / 2),
            Action::Into => return self.into(),
            Action::Back => self.back(),
            Action::NextPane | Action::PrevPane => self.switch_pane(action == Action::NextPane),
            Action::Search => {
                let q = self.filters.query().to_string();
                self.open_input(super::InputKind::Search, q);
            }
            Action::DeptFilter => self.cycle_dept(),
            Action::StatusFilter => {
                self.filters.status = match self.filters.status {
                    StatusFilter::All => StatusFilter::Behind,
                    StatusFilter::Behind => StatusFilter::AtRisk,
                    StatusFilter::AtRisk => StatusFilter::All,
                };
                self.fix_selection();
            }
            Action::Help => self.overlay = Overlay::Help,
            Action::Dashboard => {
                if self.screen == Screen::Dashboard {
                    self.back();
                } else {
                    self.push_screen(Screen::Dashboard);
                }
            }
            Action::SetValue
            | Action::Increment
            | Action::Decrement
            | Action::MarkDone
            | Action::EditNote
            | Action::AddTarget
            | Action::EditTarget
            | Action::ItemStatus
            | Action::Undo => return self.edit(action),
            Action::Export => self.open_export(),
            Action::Plans => return Some(Effect::ListPlans),
            _ => {}
        }
        None
    }

    /// Moves the selection of the focused pane (or of the detail view's target).
    fn move_by(&mut self, delta: isize) -> Option<Effect> {
        let pane = match self.screen {
            Screen::Main => self.focus,
            Screen::Detail => Pane::Targets,
            Screen::Dashboard | Screen::Behind => return None,
        };
        match pane {
            Pane::Themes => {
                let list = self.visible_themes();
                if let Some(i) = step(&list, self.theme_index(), delta) {
                    self.sel.theme = Some(self.board.plan.themes[i].number);
                }
            }
            Pane::Items => {
                let list = self.visible_rows();
                if let Some(r) = step(&list, self.selected_row(), delta) {
                    self.sel.item = Some(self.scope().row_id(r));
                }
            }
            Pane::Targets => {
                let list = self.visible_targets();
                if let Some(t) = step(&list, self.target_index(), delta) {
                    self.sel.target = Some(self.board.plan.targets[t].id.clone());
                }
            }
        }
        self.fix_selection();
        if self.screen == Screen::Detail {
            return self.sel.target.clone().map(Effect::History);
        }
        None
    }

    fn into(&mut self) -> Option<Effect> {
        match self.focus {
            Pane::Themes if self.sel.item.is_some() => self.focus = Pane::Items,
            Pane::Items if self.sel.target.is_some() => self.focus = Pane::Targets,
            Pane::Targets if self.sel.target.is_some() => {
                self.push_screen(Screen::Detail);
                self.history.clear();
                return self.sel.target.clone().map(Effect::History);
            }
            _ => {}
        }
        None
    }

    /// Esc: the screen the user came from (a view stack), else one level back.
    fn back(&mut self) {
        if self.pop_screen() {
            return;
        }
        match self.screen {
            Screen::Detail | Screen::Dashboard | Screen::Behind => self.screen = Screen::Main,
            Screen::Main => match self.focus {
                Pane::Targets => self.focus = Pane::Items,
                Pane::Items => self.focus = Pane::Themes,
                Pane::Themes => {
                    if self.filtered() {
                        self.filters.clear();
                        self.fix_selection();
                    }
                }
            },
        }
    }

    /// Tab and Shift-Tab: the next or previous pane, round (an empty pane is skipped by
    /// `fix_selection`).
    fn switch_pane(&mut self, next: bool) {
        self.focus = match (self.focus, next) {
            (Pane::Themes, true) | (Pane::Targets, false) => Pane::Items,
            (Pane::Items, true) | (Pane::Themes, false) => Pane::Targets,
            (Pane::Targets, true) | (Pane::Items, false) => Pane::Themes,
        };
        self.fix_selection();
    }

    /// `d`: all, then mine (when the user has departments), then each department in plan
    /// order, then all again.
    fn cycle_dept(&mut self) {
        let depts = self.departments();
        self.filters.dept = match &self.filters.dept {
            DeptFilter::All if !self.my_depts.is_empty() => DeptFilter::Mine,
            DeptFilter::All | DeptFilter::Mine => {
                depts.first().cloned().map_or(DeptFilter::All, DeptFilter::One)
            }
            DeptFilter::One(d) => {
                let next = depts.iter().position(|x| x == d).map(|i| i + 1);
                match next.and_then(|i| depts.get(i)) {
                    Some(n) => DeptFilter::One(n.clone()),
                    None => DeptFilter::All,
                }
            }
        };
        self.fix_selection();
    }

    /// After a search: select the first match and focus where it is.
    pub(super) fn select_first_match(&mut self) {
        let (sel, row_hit) = self.scope().first_match();
        self.sel = sel;
        self.fix_selection();
        if self.filters.query().is_empty() || self.sel.item.is_none() {
            return;
        }
        self.focus =
            if !row_hit && self.sel.target.is_some() { Pane::Targets } else { Pane::Items };
    }
}

/// Moves within a list; `None` when the list is empty.
fn step<T: Copy + PartialEq>(list: &[T], cur: Option<T>, delta: isize) -> Option<T> {
    let last = list.len().checked_sub(1)?;
    let pos = cur.and_then(|c| list.iter().position(|&x| x == c)).unwrap_or(0);
    let pos = pos.saturating_add_signed(delta).min(last);
    Some(list[pos])
}
