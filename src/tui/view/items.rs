//! The item pane: two lines per row — number and title; lead department, roll-up bar, share
//! done and status. A theme whose heading states targets of its own (`t4.1` …) shows them as
//! a first row, `t4 主题整体指标`.

use super::{bar, clean, dim, fit, pad, pad_left, pane, pct, scroll, selected, status_style};
use crate::core::pace::{Rollup, overview};
use crate::tui::app::{App, DrawnPane, ItemRow, Pane, theme_row_id};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) -> DrawnPane {
    let look = &app.look;
    let lang = look.lang;
    let focused = app.focus == Pane::Items;
    let theme = app
        .theme_index()
        .map(|i| &app.board.plan.themes[i])
        .map(|t| format!(" {} {}", text::numeral(t.number), clean(&t.title, look)))
        .unwrap_or_default();
    let title = format!("{}{}{theme}", tr(lang, text::ITEMS), super::order_tag(app));
    let block = pane(title, focused, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let list = app.visible_rows();
    if list.is_empty() {
        let msg = if app.filtered() { text::NO_MATCH } else { text::NOTHING };
        f.render_widget(Paragraph::new(Span::styled(tr(lang, msg), dim(look))), inner);
        return super::drawn(Pane::Items, area, inner.y, 0, 2);
    }
    let sel = app.selected_row().and_then(|r| list.iter().position(|&x| x == r));
    let first = scroll(sel, h / 2, list.len());
    let bar_w = if w >= 44 { 12 } else { 8 };
    let status_w = super::status_width(lang);
    let mut lines = Vec::new();
    for (row, &r) in list.iter().enumerate().skip(first).take(h / 2) {
        let is_sel = Some(row) == sel;
        let (id, title, dept, roll, manual) = match r {
            ItemRow::Theme(n) => (
                theme_row_id(n),
                tr(lang, text::THEME_TARGETS).to_string(),
                String::new(),
                app.board.plan.theme_index(n).map_or_else(Rollup::default, |i| {
                    overview::theme_targets_rollup(&app.board.plan, &app.eval, i)
                }),
                false,
            ),
            ItemRow::Item(k) => {
                let item = &app.board.plan.items[k];
                let lead: Vec<&str> = item.leads().map(|d| d.name.as_str()).collect();
                let has_targets = !app.board.plan.item_targets(k).is_empty();
                let manual = !has_targets && app.board.item_states[k].status.is_some();
                (
                    item.id.clone(),
                    clean(&item.title, look).into_owned(),
                    lead.join(","),
                    app.eval.items[k],
                    manual,
                )
            }
        };
        // At the right edge: the count of parts behind, or for an item without targets
        // (judged by hand) not updated for the staleness period, 久未更新 in a word.
        let stale = matches!(r, ItemRow::Item(k) if app.cycle.stale.item(k)).then(|| {
            let word = tr(lang, crate::i18n::report::STALE);
            Span::styled(format!(" {word}"), super::stale_style(look))
        });
        let behind = super::parts_behind(&roll, look).or(stale);
        let behind_w = behind.as_ref().map_or(0, |s| super::width(&s.content));
        let hits = app.filters.parsed().highlights(&title);
        // Padded only to put a count of parts behind at the right edge.
        let title_w = w.saturating_sub(6 + behind_w);
        let title = if behind.is_some() { pad(&title, title_w) } else { fit(&title, title_w) };
        let mut title_spans = super::marked(&title, &hits, look);
        if matches!(r, ItemRow::Theme(_)) {
            let bold = ratatui::style::Style::default().add_modifier(Modifier::BOLD);
            title_spans = vec![Span::styled(title, bold)];
        }
        let mut l1 = Line::from(vec![
            Span::raw(if is_sel { ">" } else { " " }),
            Span::raw(format!("{} ", pad(&id, 4))),
        ]);
        l1.spans.extend(title_spans);
        l1.spans.extend(behind);
        if is_sel {
            l1 = l1.style(selected(look, focused));
        }
        lines.push(l1);
        // Coloured by its own figure against its own pace.
        let own = roll.own_status(&app.thresholds);
        let dept_w = w.saturating_sub(6 + bar_w + 5 + status_w + 1);
        let mut spans = vec![Span::raw("      "), Span::styled(pad(&dept, dept_w), dim(look))];
        match roll.progress.filter(|_| !manual) {
            Some(p) => {
                spans.extend(bar(p, roll.pace, bar_w, own, look));
                spans.push(Span::styled(pad_left(&pct(p), 5), status_style(own, look)));
            }
            // A status an operator gave an item without targets: said in words, no bar.
            None if manual => spans.push(Span::styled(
                pad_left(&format!("{}:", tr(lang, text::MANUAL_STATUS)), bar_w + 5),
                dim(look),
            )),
            None => spans.push(Span::raw(" ".repeat(bar_w + 5))),
        }
        let status = own.map_or("", |s| text::status(lang, s));
        spans.push(Span::styled(pad_left(status, status_w), status_style(own, look)));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
    super::drawn(Pane::Items, area, inner.y, first, 2)
}
