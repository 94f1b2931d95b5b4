//! The dashboard: counts done / on track / at risk / behind per theme and per department,
//! overdue and due-within-30-days lists, and the live feed of everyone's latest updates.

use super::{clean, dim, fit, pad, pad_left, pane, pct, status_style, width};
use crate::core::model::{Change, Status, fmt_num};
use crate::core::pace::{Rollup, overview, status_index};
use crate::tui::app::App;
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The statuses in column order.
const COLS: [Status; 4] = [Status::Done, Status::OnTrack, Status::AtRisk, Status::Behind];

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    // Narrow screens give the count tables more room: theme titles need it more than the
    // lists on the right, whose lines are short.
    let left_pct = if area.width < super::THREE_PANES { 58 } else { 50 };
    let [left, right] = Layout::horizontal([
        Constraint::Percentage(left_pct),
        Constraint::Percentage(100 - left_pct),
    ])
    .areas(area);
    let themes = app.board.plan.themes.len() as u16;
    let [by_theme, by_dept] =
        Layout::vertical([Constraint::Length(themes + 3), Constraint::Min(3)]).areas(left);
    let [overdue, soon_area, feed] = Layout::vertical([
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
    ])
    .areas(right);

    let rows: Vec<(String, Rollup)> = app
        .board
        .plan
        .themes
        .iter()
        .zip(&app.eval.themes)
        .map(|(t, r)| (format!("{} {}", text::numeral(t.number), t.title), *r))
        .collect();
    counts(f, by_theme, app, text::BY_THEME, &rows);

    let rows = overview::department_rollups(&app.board.plan, &app.eval);
    counts(f, by_dept, app, text::BY_DEPT, &rows);

    // Every overdue target is behind (滞后) by rule, so that list needs no status word; the
    // due-soon list mixes statuses and says each in a word, colour or not.
    target_list(f, overdue, app, text::OVERDUE, &overview::overdue(&app.eval), false);
    let soon = overview::due_within(&app.eval, app.today, 30);
    target_list(f, soon_area, app, text::DUE_SOON, &soon, true);

    feed_list(f, feed, app);
}

/// A table of status counts with a header row.
fn counts(f: &mut Frame<'_>, area: Rect, app: &App, title: text::Tr, rows: &[(String, Rollup)]) {
    let look = &app.look;
    let lang = look.lang;
    let block = pane(tr(lang, title).to_string(), false, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let col = 7;
    let name_w = w.saturating_sub(col * COLS.len() + 1);
    let mut head = vec![Span::raw(" ".repeat(name_w + 1))];
    for s in COLS {
        head.push(Span::styled(
            pad_left(text::status_short(lang, s), col),
            status_style(Some(s), look),
        ));
    }
    let mut lines = vec![Line::from(head)];
    for (name, r) in rows {
        let mut spans = vec![Span::raw(pad(&fit(&clean(name, look), name_w), name_w + 1))];
        for s in COLS {
            let n = r.counts[status_index(s)];
            let st = if n > 0 { status_style(Some(s), look) } else { dim(look) };
            spans.push(Span::styled(pad_left(&n.to_string(), col), st));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// A list of targets: id, name, due date, share done and, with `words`, the status.
fn target_list(
    f: &mut Frame<'_>,
    area: Rect,
    app: &App,
    title: text::Tr,
    list: &[usize],
    words: bool,
) {
    let look = &app.look;
    let lang = look.lang;
    let block = pane(format!("{} {}", tr(lang, title), list.len()), false, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let status_w = COLS.iter().map(|&s| width(text::status_short(lang, s))).max().unwrap_or(0);
    let mut lines = Vec::new();
    if list.is_empty() {
        lines.push(Line::styled(tr(lang, text::NOTHING), dim(look)));
    }
    for &t in list.iter().take(usize::from(inner.height)) {
        let target = &app.board.plan.targets[t];
        let e = &app.eval.targets[t];
        let mut tail = format!(" {} {}", e.due.format("%m-%d"), pad_left(&pct(e.progress), 4));
        if words {
            tail.push_str(&format!(" {}", pad_left(text::status_short(lang, e.status), status_w)));
        }
        let head = format!("{} {}", target.id, clean(&target.name, look));
        lines.push(Line::from(vec![
            Span::raw(pad(&head, w.saturating_sub(width(&tail)))),
            Span::styled(tail, status_style(Some(e.status), look)),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The latest updates by anyone, newest first.
fn feed_list(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let block = pane(tr(lang, text::FEED).to_string(), false, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if app.recent.is_empty() {
        lines.push(Line::styled(tr(lang, text::NOTHING), dim(look)));
    }
    for u in app.recent.iter().take(usize::from(inner.height)) {
        let what = match &u.change {
            Change::Value { target, old, new } => {
                format!("{target} {}->{}", fmt_num(*old), fmt_num(*new))
            }
            Change::Note { item, .. } => format!("{item} {}", tr(lang, text::NOTE)),
            Change::ItemStatus { item, new, .. } => {
                format!("{item} {}", new.map_or("-", |s| text::status(lang, s)))
            }
            Change::TargetDef { target, .. } => {
                format!("{target} {}", lang.pick("定义", "definition"))
            }
            Change::Settings { new, .. } => {
                lang.pick(&new.describe_zh(), &new.describe_en()).to_string()
            }
        };
        let s = format!("{} {} {what}", app.time(u.at, "%m-%d %H:%M"), u.user);
        lines.push(Line::raw(fit(&s, w)));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
