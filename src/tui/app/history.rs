//! The detail view's history: Tab moves the keys into its rows (and back), j/k move there,
//! Enter opens the selected row in full (value, note wrapped, who, when), Esc closes it.

use super::{App, Overlay, Screen};
use crate::core::model::Update;
use crate::tui::action::Action;

impl App {
    /// The history's keys in the detail view; `None` for the keys it leaves to the view.
    pub(super) fn update_history(&mut self, action: Action) -> Option<()> {
        if self.screen != Screen::Detail {
            return None;
        }
        let focused = self.hist_sel.is_some();
        match action {
            Action::History if focused => self.hist_sel = None,
            Action::History => self.hist_sel = self.history.last().map(|u| u.seq),
            Action::OpenEntry => {
                if self.hist_sel.is_none() {
                    self.hist_sel = self.history.last().map(|u| u.seq);
                }
                if self.hist_entry().is_some() {
                    self.overlay = Overlay::Entry;
                }
            }
            Action::Back if focused => self.hist_sel = None,
            Action::Up if focused => self.hist_move(-1),
            Action::Down if focused => self.hist_move(1),
            Action::PageUp if focused => self.hist_move(-10),
            Action::PageDown if focused => self.hist_move(10),
            Action::Top if focused => self.hist_move(isize::MIN / 2),
            Action::Bottom if focused => self.hist_move(isize::MAX / 2),
            _ => return None,
        }
        Some(())
    }

    /// The history newest first, as the view lists it.
    pub fn newest_first(&self) -> impl ExactSizeIterator<Item = &Update> + '_ {
        self.history.iter().rev()
    }

    /// Where the selected history row is in the list (newest first), if it is there.
    pub fn hist_pos(&self) -> Option<usize> {
        let seq = self.hist_sel?;
        self.newest_first().position(|u| u.seq == seq)
    }

    /// The selected history row.
    pub fn hist_entry(&self) -> Option<&Update> {
        self.hist_pos().and_then(|p| self.newest_first().nth(p))
    }

    fn hist_move(&mut self, delta: isize) {
        let n = self.history.len();
        if n == 0 {
            return;
        }
        let at = self.hist_pos().unwrap_or(0);
        let to = at.saturating_add_signed(delta).min(n - 1);
        let seq = self.newest_first().nth(to).map(|u| u.seq);
        self.hist_sel = seq;
    }
}
