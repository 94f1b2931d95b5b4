//! A choice list over the body: an item's manual status (`s`), the plan to show (`p`), the
//! department (`d`) or status (`f`) filter. The line in force is marked `*`; the selected
//! one `>` and reversed. A list narrowed by typing shows what is typed on its first line.

use super::{dim, fit, pad, selected, status_style, width};
use crate::tui::app::{App, PickKind, PickValue, StatusFilter};
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
        PickKind::Dept => tr(lang, text::PICK_DEPT).to_string(),
        PickKind::StatusFilter => tr(lang, text::PICK_STATUS_FILTER).to_string(),
        PickKind::Export => tr(lang, text::EXPORT_WHAT).to_string(),
    };
    let options: Vec<&crate::tui::app::PickOption> =
        picker.shown.iter().map(|&i| &picker.options[i]).collect();
    let rows: Vec<(String, String)> = options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let sel = if i == picker.selected { ">" } else { " " };
            let cur = if o.current { "*" } else { " " };
            (format!("{sel}{cur} {}", o.label), o.detail.clone())
        })
        .collect();
    let typed = picker.filter.as_ref().map(|l| l.text().to_string());
    // Sized for every option, so narrowing by typing does not move the popup.
    let content_w = picker
        .options
        .iter()
        .map(|o| 3 + width(&o.label) + if o.detail.is_empty() { 0 } else { 2 + width(&o.detail) })
        .chain([width(&title) + 4])
        .max()
        .unwrap_or(10);
    let head = usize::from(typed.is_some());
    // Room for the whole list when it fits, else as many rows as the body has.
    let max_rows = usize::from(area.height).saturating_sub(2 + head).max(1);
    // A list narrowed by typing keeps the height of the whole list: it does not jump.
    let all = picker.options.len().max(rows.len());
    let inner = super::popup(f, area, content_w, all.min(max_rows) + head, &title, look);
    let iw = usize::from(inner.width);
    let mut lines = Vec::new();
    if let Some(typed) = &typed {
        lines.push(Line::from(vec![
            Span::raw("/ "),
            Span::raw(fit(typed, iw.saturating_sub(3))),
            Span::styled("_", dim(look)),
        ]));
        if rows.is_empty() {
            lines.push(Line::styled(tr(lang, text::NO_MATCH), dim(look)));
        }
    }
    let h = usize::from(inner.height).saturating_sub(head);
    let first = super::scroll(Some(picker.selected), h, rows.len());
    let visible = rows.iter().zip(&options).enumerate().skip(first).take(h);
    for (i, ((label, detail), o)) in visible {
        let label_style = match o.value {
            PickValue::Status(s) if s.is_some() => status_style(s, look),
            PickValue::StatusFilter(StatusFilter::Only(s)) => status_style(Some(s), look),
            PickValue::StatusFilter(StatusFilter::Stale) => super::stale_style(look),
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
