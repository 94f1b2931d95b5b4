//! A choice list over the body: an item's manual status (`s`) or the plan to show (`p`).
//! The line in force is marked `*`; the selected one `>` and reversed.

use super::{dim, fit, pad, selected, status_style, width};
use crate::tui::app::{App, PickKind, PickValue};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let Some(picker) = app.picker() else { return };
    let look = &app.look;
    let lang = look.lang;
    let title = match &picker.kind {
        PickKind::ItemStatus { item } => format!("{} {item}", tr(lang, text::PICK_STATUS)),
        PickKind::Plan => tr(lang, text::PICK_PLAN).to_string(),
        PickKind::Export => tr(lang, text::EXPORT_WHAT).to_string(),
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
    let inner = super::popup(f, area, content_w, rows.len(), &title, look);
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
