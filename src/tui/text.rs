//! The board's words live in the catalogue ([`crate::i18n::tui`]); this re-exports them
//! under the name the TUI has always used.

pub use crate::i18n::tui::*;
pub use crate::i18n::{Tr, tr};

/// A theme number as the panes show it: the Chinese numeral while it fits the theme pane's
/// four columns (一 … 二十), else the digits.
pub fn numeral(n: u32) -> String {
    if (1..=20).contains(&n) { crate::core::numeral::chinese(n) } else { n.to_string() }
}
