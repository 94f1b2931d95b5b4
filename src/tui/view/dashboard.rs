//! The dashboard: counts done / on track / at risk / behind per theme and per department,
//! who has reported for the period (本期报送), overdue and due-within-30-days lists, and the
//! live feed of everyone's latest updates. Each panel is a list: the selected one is drawn
//! focused with its selected row marked (Tab, j/k, Enter: `app/dashboard.rs`).

use super::{clean, dim, fit, pad, pad_left, pane, pct, scroll, selected, status_style, width};
use crate::core::model::{Change, Status, fmt_num};
use crate::core::pace::{Rollup, overview, status_index};
use crate::tui::app::{App, Panel};
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
    let [reported_area, overdue, soon_area, feed] = Layout::vertical([
        Constraint::Ratio(1, 4),
        Constraint::Ratio(1, 4),
        Constraint::Ratio(1, 4),
        Constraint::Ratio(1, 4),
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
    counts(f, by_theme, app, Panel::ByTheme, &rows);

    let rows = overview::department_rollups(&app.board.plan, &app.eval);
    counts(f, by_dept, app, Panel::ByDept, &rows);

    reported(f, reported_area, app);
    // Every overdue target is behind (滞后) by rule, so that list needs no status word; the
    // due-soon list mixes statuses and says each in a word, colour or not.
    target_list(f, overdue, app, Panel::Overdue, &app.overdue(), false);
    target_list(f, soon_area, app, Panel::DueSoon, &app.due_soon(), true);

    feed_list(f, feed, app);
}

/// The selected row of `panel`, when it has the focus.
fn focus_row(app: &App, panel: Panel) -> Option<usize> {
    (app.dash.panel == panel).then_some(app.dash.row)
}

/// Marks the selected row of a focused panel.
fn mark(line: Line<'static>, app: &App, panel: Panel, row: usize) -> Line<'static> {
    if focus_row(app, panel) == Some(row) { line.style(selected(&app.look, true)) } else { line }
}

/// 本期报送: each lead department, reported or how many items it still owes, and when it
/// last reported; the period and its count of done departments in the title.
fn reported(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let reports = &app.cycle.reports;
    let done = reports.iter().filter(|r| r.reported()).count();
    let period = app.cycle.period.map(|p| p.to_string()).unwrap_or_default();
    let title = format!("{} {period} {done}/{}", tr(lang, text::REPORTED), reports.len());
    let block = pane(title, app.dash.panel == Panel::Reported, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let first = scroll(focus_row(app, Panel::Reported), h, reports.len());
    let mut lines = Vec::new();
    if reports.is_empty() {
        lines.push(Line::styled(tr(lang, text::NOTHING), dim(look)));
    }
    for (row, r) in reports.iter().enumerate().skip(first).take(h) {
        let state = if r.reported() {
            tr(lang, text::REPORTED_DONE).to_string()
        } else {
            text::REPORTED_MISSING.fill(lang, &[("n", &r.missing.len())])
        };
        let last = r.last.map_or_else(String::new, |at| app.time(at, "%m-%d"));
        let tail = format!(" {} {}", pad_left(&state, 10), pad_left(&last, 5));
        let style = if r.reported() {
            status_style(Some(Status::Done), look)
        } else {
            status_style(Some(Status::AtRisk), look)
        };
        let name_w = w.saturating_sub(width(&tail));
        let line = Line::from(vec![
            Span::raw(pad(&fit(&r.department, name_w), name_w)),
            Span::styled(tail, style),
        ]);
        lines.push(mark(line, app, Panel::Reported, row));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// A table of status counts with a header row.
fn counts(f: &mut Frame<'_>, area: Rect, app: &App, panel: Panel, rows: &[(String, Rollup)]) {
    let look = &app.look;
    let lang = look.lang;
    let title = if panel == Panel::ByTheme { text::BY_THEME } else { text::BY_DEPT };
    let block = pane(tr(lang, title).to_string(), app.dash.panel == panel, look, area);
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
    let h = usize::from(inner.height).saturating_sub(1);
    let first = scroll(focus_row(app, panel), h, rows.len());
    for (row, (name, r)) in rows.iter().enumerate().skip(first) {
        let mut spans = vec![Span::raw(pad(&fit(&clean(name, look), name_w), name_w + 1))];
        for s in COLS {
            let n = r.counts[status_index(s)];
            let st = if n > 0 { status_style(Some(s), look) } else { dim(look) };
            spans.push(Span::styled(pad_left(&n.to_string(), col), st));
        }
        lines.push(mark(Line::from(spans), app, panel, row));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// A list of targets: id, name, due date, share done and, with `words`, the status.
fn target_list(
    f: &mut Frame<'_>,
    area: Rect,
    app: &App,
    panel: Panel,
    list: &[usize],
    words: bool,
) {
    let look = &app.look;
    let lang = look.lang;
    let title = if panel == Panel::Overdue { text::OVERDUE } else { text::DUE_SOON };
    let focused = app.dash.panel == panel;
    let block = pane(format!("{} {}", tr(lang, title), list.len()), focused, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let status_w = COLS.iter().map(|&s| width(text::status_short(lang, s))).max().unwrap_or(0);
    let mut lines = Vec::new();
    if list.is_empty() {
        lines.push(Line::styled(tr(lang, text::NOTHING), dim(look)));
    }
    let h = usize::from(inner.height);
    let first = scroll(focus_row(app, panel), h, list.len());
    for (row, &t) in list.iter().enumerate().skip(first).take(h) {
        let target = &app.board.plan.targets[t];
        let e = &app.eval.targets[t];
        let mut tail = format!(" {} {}", e.due.format("%m-%d"), pad_left(&pct(e.progress), 4));
        if words {
            tail.push_str(&format!(" {}", pad_left(text::status_short(lang, e.status), status_w)));
        }
        let head = format!("{} {}", target.id, clean(&target.name, look));
        let line = Line::from(vec![
            Span::raw(pad(&head, w.saturating_sub(width(&tail)))),
            Span::styled(tail, status_style(Some(e.status), look)),
        ]);
        lines.push(mark(line, app, panel, row));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The latest updates by anyone, newest first.
fn feed_list(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let block = pane(tr(lang, text::FEED).to_string(), app.dash.panel == Panel::Feed, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if app.recent.is_empty() {
        lines.push(Line::styled(tr(lang, text::NOTHING), dim(look)));
    }
    let h = usize::from(inner.height);
    let first = scroll(focus_row(app, Panel::Feed), h, app.recent.len());
    for (row, u) in app.recent.iter().enumerate().skip(first).take(h) {
        let what = match &u.change {
            Change::Value { target, old, new } => {
                format!("{target} {}->{}", fmt_num(*old), fmt_num(*new))
            }
            Change::Note { item, .. } => format!("{item} {}", tr(lang, text::NOTE)),
            Change::ItemStatus { item, new, .. } => {
                format!("{item} {}", new.map_or("-", |s| text::status(lang, s)))
            }
            Change::TargetDef { target, .. } => {
                format!("{target} {}", tr(lang, text::DEFINITION))
            }
            Change::Settings { new, .. } => new.describe(lang),
        };
        let s = format!("{} {} {what}", app.time(u.at, "%m-%d %H:%M"), u.user);
        lines.push(mark(Line::raw(fit(&s, w)), app, Panel::Feed, row));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
