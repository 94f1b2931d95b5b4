//! The `?` help: every binding of every mode, generated from the keymap, in two columns
//! when one does not fit.

use super::{border_set, dim, pad, width};
use crate::tui::app::App;
use crate::tui::keymap::{self, Mode, keys_label};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    // Each entry: a heading (mode) or (keys, description).
    let mut entries: Vec<(String, String, bool)> = Vec::new();
    for mode in Mode::ALL {
        if mode == Mode::Help {
            continue;
        }
        entries.push((text::mode(lang, mode).to_string(), String::new(), true));
        for b in keymap::bindings(mode) {
            if b.action == crate::tui::action::Action::Quit && mode != Mode::Browse {
                continue;
            }
            entries.push((
                keys_label(b, false),
                text::action(lang, b.action).to_string(),
                false,
            ));
        }
        if mode == Mode::Input {
            entries.push((
                lang.pick("其他字符", "other keys").to_string(),
                text::action(lang, crate::tui::action::Action::Insert(' ')).to_string(),
                false,
            ));
        }
    }
    let popup = area;
    f.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(border_set(look))
        .title(Span::styled(
            format!(
                " {}  ({}) ",
                tr(lang, text::HELP),
                tr(lang, text::HELP_CLOSE)
            ),
            bold,
        ));
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    let h = usize::from(inner.height);
    let cols = entries.len().div_ceil(h.max(1)).max(1);
    let col_w = usize::from(inner.width) / cols;
    let key_w = 18.min(col_w / 2);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new(); h.min(entries.len())];
    for (i, (keys, desc, heading)) in entries.into_iter().enumerate() {
        let row = i % h.max(1);
        let Some(line) = lines.get_mut(row) else {
            continue;
        };
        if heading {
            line.push(Span::styled(pad(&keys, col_w), bold));
        } else {
            let d = pad(&desc, col_w.saturating_sub(key_w + 1));
            line.push(Span::raw(format!(" {}", pad(&keys, key_w))));
            line.push(Span::styled(d, dim(look)));
        }
        let _ = width("");
    }
    let lines: Vec<Line<'static>> = lines.into_iter().map(Line::from).collect();
    f.render_widget(Paragraph::new(lines), inner);
}
