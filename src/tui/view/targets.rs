//! The target pane: the selected item's departments and note, then three lines per target —
//! id, name and status; gauge with pace marker, value/goal unit and share; pace, due date and
//! who last updated it when.

use super::{bar, clean, dim, fit, pad, pad_left, pane, pct, scroll, selected, status_style};
use crate::core::model::{TargetKind, fmt_num};
use crate::tui::app::{App, Pane};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let focused = app.focus == Pane::Targets;
    let Some(k) = app.item_index() else {
        let block = pane(tr(lang, text::TARGETS).to_string(), focused, look, area);
        f.render_widget(block, area);
        return;
    };
    let item = &app.board.plan.items[k];
    let title = format!("{} {} {}", tr(lang, text::TARGETS), item.id, clean(&item.title, look));
    let block = pane(title, focused, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);

    // Departments and progress note.
    let mut head = Vec::new();
    let names = |lead: bool| -> String {
        let v: Vec<&str> = item
            .departments
            .iter()
            .filter(|d| (d.role == crate::core::model::Role::Lead) == lead)
            .map(|d| d.name.as_str())
            .collect();
        if v.is_empty() { "-".to_string() } else { v.join(",") }
    };
    let depts = format!(
        "{} {}  {} {}",
        tr(lang, text::LEAD),
        names(true),
        tr(lang, text::SUPPORT),
        names(false)
    );
    head.push(Line::styled(fit(&depts, w), dim(look)));
    let state = &app.board.item_states[k];
    if !state.note.is_empty() {
        let note = format!("{} {}", tr(lang, text::NOTE), clean(&state.note, look));
        head.push(Line::raw(fit(&note, w)));
    }
    let head_h = head.len();

    let list = app.visible_targets();
    let has_any =
        app.board.plan.targets.iter().any(|t| t.item.as_deref() == Some(item.id.as_str()));
    if list.is_empty() {
        let mut lines = head;
        lines.push(Line::raw(""));
        if has_any {
            lines.push(Line::styled(tr(lang, text::NO_MATCH), dim(look)));
        } else {
            let r = &app.eval.items[k];
            let status = r.status.map_or("-", |s| text::status(lang, s));
            lines.push(Line::from(vec![
                Span::styled(tr(lang, text::NO_TARGETS).to_string(), dim(look)),
                Span::raw("  "),
                Span::styled(status.to_string(), status_style(r.status, look)),
            ]));
            lines.push(Line::raw(""));
            lines.push(Line::raw(clean(&item.text, look).into_owned()));
        }
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }

    let h = usize::from(inner.height).saturating_sub(head_h);
    let per = 3;
    let sel = app.target_index().and_then(|t| list.iter().position(|&x| x == t));
    let first = scroll(sel, h / per, list.len());
    let mut lines = head;
    for (row, &t) in list.iter().enumerate().skip(first).take(h / per) {
        let target = &app.board.plan.targets[t];
        let state = &app.board.target_states[t];
        let e = &app.eval.targets[t];
        let is_sel = Some(row) == sel;
        let status = text::status(lang, e.status);
        let status_w = super::status_width(lang);
        let indent = if target.parent.is_some() { "  " } else { "" };
        let name = format!("{indent}{} {}", target.id, clean(&target.name, look));
        let mut l1 = Line::from(vec![
            Span::raw(if is_sel { ">" } else { " " }),
            Span::raw(pad(&name, w.saturating_sub(1 + status_w))),
            Span::styled(pad_left(status, status_w), status_style(Some(e.status), look)),
        ]);
        if is_sel {
            l1 = l1.style(selected(look, focused));
        }
        lines.push(l1);

        let value = if target.kind == TargetKind::Milestone {
            if e.progress >= 1.0 {
                lang.pick("已完成", "done").to_string()
            } else {
                lang.pick("未完成", "not done").to_string()
            }
        } else {
            format!(
                "{}/{}{}",
                fmt_num(state.value),
                fmt_num(target.goal),
                clean(&target.unit, look)
            )
        };
        let label = format!(" {} {}", value, pad_left(&pct(e.progress), 4));
        let bar_w = w.saturating_sub(2 + super::width(&label)).min(40);
        let mut spans = vec![Span::raw("  ")];
        spans.extend(bar(e.progress, Some(e.pace), bar_w, Some(e.status), look));
        spans.push(Span::raw(label));
        lines.push(Line::from(spans));

        let mut info = format!(
            "  {} {}  {} {}",
            tr(lang, text::PACE),
            pct(e.pace),
            tr(lang, text::DUE),
            e.due.format("%m-%d")
        );
        if let (Some(by), Some(at)) = (&state.updated_by, state.updated_at) {
            // Who and when; the time of day only where it fits.
            let full = format!("  {by} {}", app.time(at, "%m-%d %H:%M"));
            if super::width(&info) + super::width(&full) <= w {
                info.push_str(&full);
            } else {
                info.push_str(&format!("  {by} {}", app.time(at, "%m-%d")));
            }
        }
        lines.push(Line::styled(fit(&info, w), dim(look)));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
