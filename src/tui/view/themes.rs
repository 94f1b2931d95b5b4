//! The theme pane: one line per theme with its roll-up bar and share done.

use super::{bar, clean, pad, pad_left, pane, pct, scroll, selected, status_style};
use crate::tui::app::{App, Pane};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let focused = app.focus == Pane::Themes;
    let block = pane(tr(look.lang, text::THEMES).to_string(), focused, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let list = app.visible_themes();
    let sel = app.theme_index().and_then(|i| list.iter().position(|&x| x == i));
    let first = scroll(sel, h, list.len());
    let bar_w = if w >= 34 { 8 } else { 4 };
    let mut lines = Vec::new();
    for (row, &i) in list.iter().enumerate().skip(first).take(h) {
        let theme = &app.board.plan.themes[i];
        let r = &app.eval.themes[i];
        let progress = r.progress.unwrap_or(0.0);
        let label = r.progress.map_or_else(|| "-".to_string(), pct);
        let num = pad(&text::numeral(theme.number), 4);
        let title_w = w.saturating_sub(1 + 4 + 1 + bar_w + 5);
        let mut spans = vec![
            Span::raw(if Some(row) == sel { ">" } else { " " }),
            Span::raw(num),
            Span::raw(pad(&clean(&theme.title, look), title_w)),
            Span::raw(" "),
        ];
        spans.extend(bar(progress, r.pace, bar_w, r.status, look));
        spans.push(Span::styled(pad_left(&label, 5), status_style(r.status, look)));
        let mut line = Line::from(spans);
        if Some(row) == sel {
            line = line.style(selected(look, focused));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
}
