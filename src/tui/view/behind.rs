//! The behind list (滞后清单): behind and at-risk targets and status items, worst first;
//! those not updated for the staleness period; the departments that have not reported for
//! the period. One line each: id and name, department, figure, share against pace, last
//! update. The figures come from `core::pace::behind`; this only draws them.

use super::{clean, dim, fit, pad, pad_left, pane, pct, scroll, selected, status_style, width};
use crate::core::pace::behind::{Entry, Line as ListLine, Subject};
use crate::core::period::DeptReport;
use crate::tui::app::App;
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let list = &app.cycle.behind;
    let block = pane(tr(lang, text::BEHIND_LIST).to_string(), true, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);

    // What each screen row is, without drawing it: the list can hold thousands of lines, and
    // only the rows in view are formatted.
    let (n, stale_n, missing_n) = (list.behind.len(), list.stale.len(), list.missing.len());
    let mut rows: Vec<Row> = Vec::with_capacity(list.len() + 6);
    for (head, from, len) in [
        (Row::BehindHead, 0, n),
        (Row::StaleHead, n, stale_n),
        (Row::MissingHead, n + stale_n, missing_n),
    ] {
        rows.push(head);
        if len == 0 {
            rows.push(Row::Nothing);
        }
        rows.extend((from..from + len).map(Row::Line));
    }
    let sel_row = rows.iter().position(|r| *r == Row::Line(app.behind_sel));
    let first = scroll(sel_row, h, rows.len());
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let lines: Vec<Line<'static>> = rows
        .into_iter()
        .skip(first)
        .take(h)
        .map(|r| match r {
            Row::BehindHead => Line::styled(text::SECTION_BEHIND.fill(lang, &[("n", &n)]), bold),
            Row::StaleHead => stale_heading(app),
            Row::MissingHead => missing_heading(app),
            Row::Nothing => Line::styled(format!("  {}", tr(lang, text::NOTHING)), dim(look)),
            Row::Line(i) => {
                let line = match list.line(i) {
                    Some(ListLine::Behind(e) | ListLine::Stale(e)) => entry(app, e, w),
                    Some(ListLine::Missing(r)) => missing(app, r, w),
                    None => Line::raw(""),
                };
                if i == app.behind_sel { line.style(selected(look, true)) } else { line }
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// A row of the list's screen: a section heading, "(none)", or line `i` of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    BehindHead,
    StaleHead,
    MissingHead,
    Nothing,
    Line(usize),
}

fn stale_heading(app: &App) -> Line<'static> {
    let days = app.cycle.settings.stale_days;
    let n = app.cycle.behind.stale.len();
    let s = text::SECTION_STALE.fill(app.look.lang, &[("days", &days), ("n", &n)]);
    Line::styled(s, Style::default().add_modifier(Modifier::BOLD))
}

fn missing_heading(app: &App) -> Line<'static> {
    let period = app.cycle.period.map(|p| p.to_string()).unwrap_or_default();
    let n = app.cycle.behind.missing.len();
    let s = text::SECTION_MISSING.fill(app.look.lang, &[("period", &period), ("n", &n)]);
    Line::styled(s, Style::default().add_modifier(Modifier::BOLD))
}

/// `  13.1 新建…场地设施  群众**科  64/100处  64%/序时75%  滞后  09-28`.
fn entry(app: &App, e: &Entry, w: usize) -> Line<'static> {
    let look = &app.look;
    let lang = look.lang;
    let plan = &app.board.plan;
    let (id, name, figure) = match e.subject {
        Subject::Target(k) => {
            let t = &plan.targets[k];
            let reading = app.board.target_states[k].reading();
            let figure = super::targets::value_text(t, reading, &app.eval.targets[k], look);
            (t.id.clone(), clean(&t.name, look).into_owned(), figure)
        }
        Subject::Item(i) => {
            let item = &plan.items[i];
            (item.id.clone(), clean(&item.title, look).into_owned(), String::new())
        }
    };
    let share = match (e.progress, e.pace) {
        (Some(p), Some(q)) => format!("{}/{}{}", pct(p), tr(lang, text::PACE), pct(q)),
        _ => String::new(),
    };
    let last = e
        .updated_at
        .map_or_else(|| tr(lang, text::NEVER_UPDATED).to_string(), |at| app.time(at, "%m-%d"));
    let dept = if e.departments.is_empty() {
        tr(lang, text::NO_DEPT).to_string()
    } else {
        e.departments.clone()
    };
    // a status item nobody has judged has no status to show
    let judged = match e.subject {
        Subject::Item(i) => app.board.item_states.get(i).is_some_and(|s| s.status.is_some()),
        Subject::Target(_) => true,
    };
    let status = if judged { text::status_short(lang, e.status) } else { "-" };
    // the right-hand columns keep their width; the name takes what is left
    let wide = w >= 100;
    let dept_w = if wide { 14 } else { 10 };
    let tail = if wide {
        format!(
            " {} {} {} {} {}",
            pad(&fit(&dept, dept_w), dept_w),
            pad_left(&fit(&figure, 14), 14),
            pad_left(&share, 13),
            pad_left(status, 4),
            pad_left(&last, 8)
        )
    } else {
        format!(
            " {} {} {} {}",
            pad(&fit(&dept, dept_w), dept_w),
            pad_left(&share, 13),
            pad_left(status, 4),
            pad_left(&last, 8)
        )
    };
    let head_w = w.saturating_sub(width(&tail));
    let head = pad(&fit(&format!("  {id} {name}"), head_w), head_w);
    Line::from(vec![Span::raw(head), Span::styled(tail, status_style(Some(e.status), look))])
}

/// `  群众**科  未报 3 项：13、14、15  最近 09-20`.
fn missing(app: &App, r: &DeptReport, w: usize) -> Line<'static> {
    let lang = app.look.lang;
    let n = r.missing.len();
    let ids: Vec<&str> = r.missing.iter().map(|&i| app.board.plan.items[i].id.as_str()).collect();
    let last = r
        .last
        .map_or_else(|| tr(lang, text::NEVER_UPDATED).to_string(), |at| app.time(at, "%m-%d"));
    let s = format!(
        "  {} {} {}  {}",
        pad(&fit(&r.department, 14), 14),
        text::REPORTED_MISSING.fill(lang, &[("n", &n)]),
        ids.join(" "),
        last
    );
    Line::raw(fit(&s, w))
}
