//! The `?` help: every binding of every mode, generated from the keymap, in two columns
//! when one does not fit.

use super::{border_set, dim, pad};
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
    // Each entry: (keys, description, is_heading). Every binding once, views first, then
    // the input line.
    let mut entries: Vec<(String, String, bool)> = Vec::new();
    let views = [Mode::Browse, Mode::Detail, Mode::Dashboard];
    entries.push((lang.pick("浏览", "Views").to_string(), String::new(), true));
    for b in keymap::BINDINGS {
        if b.modes.iter().any(|m| views.contains(m)) {
            let mut desc = text::action(lang, b.action).to_string();
            if !b.modes.contains(&Mode::Browse) {
                desc.push_str(lang.pick("（详情）", " (detail)"));
            }
            entries.push((keys_label(b, false), desc, false));
        }
    }
    for mode in [Mode::Pick, Mode::Confirm, Mode::Input] {
        entries.push((text::mode(lang, mode).to_string(), String::new(), true));
        for b in keymap::bindings(mode) {
            if b.action != crate::tui::action::Action::Quit {
                let desc = text::action(lang, b.action).to_string();
                entries.push((keys_label(b, false), desc, false));
            }
        }
    }
    entries.push((
        lang.pick("其他字符", "other keys").to_string(),
        text::action(lang, crate::tui::action::Action::Insert(' ')).to_string(),
        false,
    ));
    let popup = area;
    f.render_widget(Clear, popup);
    let block = Block::default().borders(Borders::ALL).border_set(border_set(look)).title(
        Span::styled(format!(" {}  ({}) ", tr(lang, text::HELP), tr(lang, text::HELP_CLOSE)), bold),
    );
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    let h = usize::from(inner.height);
    let cols = entries.len().div_ceil(h.max(1)).max(2);
    let h = entries.len().div_ceil(cols);
    let col_w = usize::from(inner.width) / cols;
    let widest = entries.iter().filter(|e| !e.2).map(|e| super::width(&e.0)).max().unwrap_or(0);
    let key_w = (widest + 1).min(col_w * 3 / 5);
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
    }
    let lines: Vec<Line<'static>> = lines.into_iter().map(Line::from).collect();
    f.render_widget(Paragraph::new(lines), inner);
}
