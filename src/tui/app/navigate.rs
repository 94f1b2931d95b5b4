//! `update`: what an action does, routed by the overlay or screen that has the keys; and
//! moving about the board (rows, panes, screens, filters, search).

use super::{App, Effect, ItemRow, Overlay, Pane, Screen, Selection};
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
            Mode::Pick | Mode::Find => self.update_pick(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Help => {
                let last = self.drawn.help_pages.saturating_sub(1);
                match action {
                    Action::Help | Action::Back => self.overlay = Overlay::None,
                    Action::PageDown => self.help_page = (self.help_page + 1).min(last),
                    Action::PageUp => self.help_page = self.help_page.saturating_sub(1),
                    _ => {}
                }
                None
            }
            Mode::Entry => {
                if action == Action::Back {
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
        if self.update_history(action).is_some() {
            return None;
        }
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
            // A fresh query each time, as in a pager; Esc on the line drops it.
            Action::Search => self.open_input(super::InputKind::Search, String::new()),
            Action::DeptFilter => self.open_dept_picker(),
            Action::StatusFilter => self.open_status_filter_picker(),
            Action::Order => {
                self.filters.order = self.filters.order.next();
                self.fix_selection();
            }
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Click { x, y } => return self.click(x, y),
            Action::Help => {
                self.overlay = Overlay::Help;
                self.help_page = 0;
            }
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
                self.hist_sel = None;
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

    /// A click: focuses the pane under it and selects the row there; a click on the row
    /// already selected in the focused pane goes into it (as Enter). Resolved against the
    /// panes of the last frame.
    fn click(&mut self, x: u16, y: u16) -> Option<Effect> {
        let at = ratatui::layout::Position { x, y };
        let hit = *self.drawn.panes.iter().find(|p| p.area.contains(at))?;
        if self.screen != Screen::Main {
            return None;
        }
        let was = self.focus;
        self.focus = hit.pane;
        let row = (y >= hit.top && hit.per_row > 0)
            .then(|| hit.first + usize::from((y - hit.top) / hit.per_row));
        let mut again = false;
        match (hit.pane, row) {
            (Pane::Themes, Some(r)) => {
                if let Some(&i) = self.visible_themes().get(r) {
                    let n = self.board.plan.themes[i].number;
                    again = self.sel.theme == Some(n);
                    self.sel.theme = Some(n);
                }
            }
            (Pane::Items, Some(r)) => {
                if let Some(&row) = self.visible_rows().get(r) {
                    let id = self.scope().row_id(row);
                    again = self.sel.item.as_ref() == Some(&id);
                    self.sel.item = Some(id);
                }
            }
            (Pane::Targets, Some(r)) => {
                if let Some(&t) = self.visible_targets().get(r) {
                    let id = self.board.plan.targets[t].id.clone();
                    again = self.sel.target.as_ref() == Some(&id);
                    self.sel.target = Some(id);
                }
            }
            (_, None) => {}
        }
        self.fix_selection();
        if again && was == hit.pane {
            return self.into();
        }
        None
    }

    /// `n` / `N`: the next or previous place the search matches, round the end: an item
    /// (or theme row) that matches itself, or a target that does, in the order shown.
    fn jump_to_match(&mut self, forward: bool) {
        if self.filters.query().is_empty() {
            self.warn(super::super::text::NO_SEARCH);
            return;
        }
        let hits = self.matches();
        if hits.is_empty() {
            self.warn(super::super::text::NO_MATCH);
            return;
        }
        let here = Selection {
            target: self.sel.target.clone().filter(|_| self.focus == Pane::Targets),
            ..self.sel.clone()
        };
        let next = match hits.iter().position(|h| *h == here) {
            Some(i) if forward => (i + 1) % hits.len(),
            Some(i) => (i + hits.len() - 1) % hits.len(),
            None if forward => 0,
            None => hits.len() - 1,
        };
        let hit = hits[next].clone();
        self.focus = if hit.target.is_some() { Pane::Targets } else { Pane::Items };
        self.sel = Selection { target: hit.target.clone().or(self.sel.target.take()), ..hit };
        self.fix_selection();
    }

    /// Every place the search matches, in the order the panes show them: each row that
    /// matches itself (target `None`), then its targets that match.
    fn matches(&self) -> Vec<Selection> {
        let scope = self.scope();
        let mut out = Vec::new();
        for i in scope.visible_themes() {
            let theme = self.board.plan.themes[i].number;
            for row in scope.visible_rows(Some(theme)) {
                let item = Some(scope.row_id(row));
                let own = match row {
                    ItemRow::Item(k) => scope.item_hits_query(k),
                    ItemRow::Theme(_) => false,
                };
                if own {
                    out.push(Selection { theme: Some(theme), item: item.clone(), target: None });
                }
                for t in scope.visible_targets(Some(row)) {
                    if scope.target_hits_query(t) {
                        let target = Some(self.board.plan.targets[t].id.clone());
                        out.push(Selection { theme: Some(theme), item: item.clone(), target });
                    }
                }
            }
        }
        out
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
