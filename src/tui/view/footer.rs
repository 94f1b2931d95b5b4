//! The footer: the last message, or key hints for the current mode generated from the
//! keymap (as many as fit).

use super::palette::{self, Role};
use super::{dim, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{self, keys_label};
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let w = usize::from(area.width);
    if let Some(m) = &app.message {
        let style = match (m.error, look.color) {
            (true, true) => palette::style(Role::Behind, look),
            (true, false) => Style::default().add_modifier(Modifier::BOLD),
            (false, true) => palette::style(Role::Done, look),
            (false, false) => Style::default(),
        };
        let mark = if m.error { "! " } else { "" };
        let s = super::fit(&format!(" {mark}{}", m.text), w);
        f.render_widget(Paragraph::new(Line::styled(s, style)), area);
        return;
    }
    let key_style = if look.color {
        palette::style(Role::Accent, look).add_modifier(Modifier::BOLD)
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    };
    let hint = |b: &keymap::Binding| {
        let keys = keys_label(b, true);
        let label = text::action(look.lang, b.action);
        let w = width(&keys) + 1 + width(label) + 2;
        (keys, label, w)
    };
    let essential = |b: &keymap::Binding| matches!(b.action, Action::Help | Action::Quit);
    let hints: Vec<&keymap::Binding> = keymap::bindings(app.mode()).filter(|b| b.hint).collect();
    // Help and quit always show; the others as room allows, in keymap order.
    let reserved: usize = hints.iter().filter(|b| essential(b)).map(|b| hint(b).2).sum();
    let mut used = 1 + reserved;
    let mut shown: Vec<&keymap::Binding> = Vec::new();
    for b in &hints {
        if essential(b) {
            shown.push(b);
            continue;
        }
        let need = hint(b).2;
        if used + need <= w {
            used += need;
            shown.push(b);
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for b in shown {
        let (keys, label, _) = hint(b);
        spans.push(Span::styled(keys, key_style));
        spans.push(Span::styled(format!(" {label}  "), dim(look)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
