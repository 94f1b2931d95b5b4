//! The theme pane: two lines per theme, like the item pane — numeral and title; roll-up bar,
//! share done and status word (so the status reads without colour, under `NO_COLOR`).

use super::{bar, clean, fit, pad, pad_left, pane, pct, scroll, selected, status_style};
use crate::tui::app::{App, DrawnPane, Pane};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns before a theme's title and bar: the selection mark and the numeral.
const INDENT: usize = 5;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) -> DrawnPane {
    let look = &app.look;
    let lang = look.lang;
    let focused = app.focus == Pane::Themes;
    let block = pane(tr(lang, text::THEMES).to_string(), focused, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let list = app.visible_themes();
    let sel = app.theme_index().and_then(|i| list.iter().position(|&x| x == i));
    let first = scroll(sel, h / 2, list.len());
    let status_w = super::status_width(lang);
    let bar_w = w.saturating_sub(INDENT + 5 + status_w).min(24);
    let mut lines = Vec::new();
    for (row, &i) in list.iter().enumerate().skip(first).take(h / 2) {
        let theme = &app.board.plan.themes[i];
        let r = &app.eval.themes[i];
        let is_sel = Some(row) == sel;
        let behind = super::parts_behind(r, look);
        let behind_w = behind.as_ref().map_or(0, |s| super::width(&s.content));
        let mut l1 = Line::from(vec![
            Span::raw(if is_sel { ">" } else { " " }),
            Span::raw(pad(&text::numeral(theme.number), INDENT - 1)),
            Span::raw(if behind.is_some() {
                pad(&clean(&theme.title, look), w.saturating_sub(INDENT + behind_w))
            } else {
                fit(&clean(&theme.title, look), w.saturating_sub(INDENT))
            }),
        ]);
        l1.spans.extend(behind);
        if is_sel {
            l1 = l1.style(selected(look, focused));
        }
        lines.push(l1);
        // Coloured by its own figure against its own pace; its parts behind are counted above.
        let own = r.own_status(&app.thresholds);
        let style = status_style(own, look);
        let mut l2 = vec![Span::raw(" ".repeat(INDENT))];
        match r.progress {
            Some(p) => {
                l2.extend(bar(p, r.pace, bar_w, own, look));
                l2.push(Span::styled(pad_left(&pct(p), 5), style));
            }
            // Nothing measurable: no bar; the status its items were given says it (a `-`
            // only when there is none).
            None => {
                let dash = if r.status.is_some() { "" } else { "-" };
                l2.push(Span::raw(format!("{}{}", " ".repeat(bar_w), pad_left(dash, 5))));
            }
        }
        let status = own.map_or("", |s| text::status(lang, s));
        l2.push(Span::styled(pad_left(status, status_w), style));
        lines.push(Line::from(l2));
    }
    f.render_widget(Paragraph::new(lines), inner);
    super::drawn(Pane::Themes, area, inner.y, first, 2)
}
