//! The item pane: two lines per item — number and title; lead department, roll-up bar,
//! share done and status.

use super::{bar, clean, dim, fit, pad, pad_left, pane, pct, scroll, selected, status_style};
use crate::tui::app::{App, Pane};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let focused = app.focus == Pane::Items;
    let theme = app
        .theme_index()
        .map(|i| &app.board.plan.themes[i])
        .map(|t| format!(" {} {}", text::numeral(t.number), clean(&t.title, look)))
        .unwrap_or_default();
    let block = pane(format!("{}{theme}", tr(lang, text::ITEMS)), focused, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let list = app.visible_items();
    if list.is_empty() {
        let msg = if app.filtered() { text::NO_MATCH } else { text::NOTHING };
        f.render_widget(Paragraph::new(Span::styled(tr(lang, msg), dim(look))), inner);
        return;
    }
    let sel = app.item_index().and_then(|k| list.iter().position(|&x| x == k));
    let first = scroll(sel, h / 2, list.len());
    let bar_w = if w >= 44 { 12 } else { 8 };
    let mut lines = Vec::new();
    for (row, &k) in list.iter().enumerate().skip(first).take(h / 2) {
        let item = &app.board.plan.items[k];
        let r = &app.eval.items[k];
        let is_sel = Some(row) == sel;
        let id = pad(&item.id, 4);
        let title = fit(&clean(&item.title, look), w.saturating_sub(6));
        let mut l1 = Line::from(vec![
            Span::raw(if is_sel { ">" } else { " " }),
            Span::raw(format!("{id} ")),
            Span::raw(title),
        ]);
        if is_sel {
            l1 = l1.style(selected(look, focused));
        }
        lines.push(l1);
        let lead: Vec<&str> = item.leads().map(|d| d.name.as_str()).collect();
        let status_w = super::status_width(lang);
        let dept_w = w.saturating_sub(6 + bar_w + 5 + status_w + 1);
        let mut spans =
            vec![Span::raw("      "), Span::styled(pad(&lead.join(","), dept_w), dim(look))];
        match r.progress {
            Some(p) => {
                spans.extend(bar(p, r.pace, bar_w, r.status, look));
                spans.push(Span::styled(pad_left(&pct(p), 5), status_style(r.status, look)));
            }
            None => spans.push(Span::raw(" ".repeat(bar_w + 5))),
        }
        let status = r.status.map_or("", |s| text::status(lang, s));
        spans.push(Span::styled(pad_left(status, status_w), status_style(r.status, look)));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
