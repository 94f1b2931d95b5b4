//! A choice list over the body: an item's manual status (`s`) or the plan to show (`p`).
//! The line in force is marked `*`; the selected one `>` and reversed.

use super::{border_set, dim, fit, pad, selected, status_style, width};
use crate::tui::app::{App, PickKind, PickValue};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let Some(picker) = app.picker() else { return };
    let look = &app.look;
    let lang = look.lang;
    let title = match &picker.kind {
        PickKind::ItemStatus { item } => format!("{} {item}", tr(lang, text::PICK_STATUS)),
        PickKind::Plan => tr(lang, text::PICK_PLAN).to_string(),
    };
    let rows: Vec<(String, String)> = picker
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let sel = if i == picker.selected { ">" } else { " " };
            let cur = if o.current { "*" } else { " " };
            (format!("{sel}{cur} {}", o.label), o.detail.clone())
        })
        .collect();
    let content_w = rows
        .iter()
        .map(|(l, d)| width(l) + if d.is_empty() { 0 } else { 2 + width(d) })
        .chain([width(&title) + 4])
        .max()
        .unwrap_or(10);
    let max_w = usize::from(area.width).saturating_sub(4);
    let w = (content_w + 2).clamp(24, max_w.max(24));
    let h = rows.len() + 2;
    let popup = Rect {
        x: area.x + area.width.saturating_sub(u16::try_from(w).unwrap_or(area.width)) / 2,
        y: area.y + area.height.saturating_sub(u16::try_from(h).unwrap_or(area.height)) / 3,
        width: u16::try_from(w).unwrap_or(area.width).min(area.width),
        height: u16::try_from(h).unwrap_or(area.height).min(area.height),
    };
    // Clear one column either side too: a wide character cut in half by the popup's edge
    // would otherwise push the border out of place in a real terminal.
    let margin = Rect {
        x: popup.x.saturating_sub(1).max(area.x),
        width: (popup.width + 2).min(area.width),
        ..popup
    };
    f.render_widget(Clear, margin);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(border_set(look))
        .title(Span::styled(format!(" {} ", fit(&title, w.saturating_sub(4))), bold));
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    let iw = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, ((label, detail), o)) in rows.iter().zip(&picker.options).enumerate() {
        let label_style = match o.value {
            PickValue::Status(s) if s.is_some() => status_style(s, look),
            _ => Style::default(),
        };
        let detail_w = if detail.is_empty() { 0 } else { width(detail) + 1 };
        let mut line = Line::from(vec![
            Span::styled(pad(label, iw.saturating_sub(detail_w)), label_style),
            Span::styled(fit(detail, iw.saturating_sub(width(label) + 1)), dim(look)),
        ]);
        if i == picker.selected {
            line = line.style(selected(look, true));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
}
