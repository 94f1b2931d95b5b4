//! The target pane: the selected item's departments and note, then three lines per target —
//! id, name and status; gauge with pace marker, value/goal unit and share; pace, due date and
//! who last updated it when.

use super::{bar, clean, dim, fit, pad, pad_left, pane, pct, scroll, selected, status_style};
use crate::core::model::{Direction, Reading, Target, TargetKind, fmt_num};
use crate::core::pace::{self, Symbols, TargetEval};
use crate::tui::app::{App, DrawnPane, ItemRow, Look, Pane, theme_row_id};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) -> DrawnPane {
    let look = &app.look;
    let lang = look.lang;
    let focused = app.focus == Pane::Targets;
    let (title, head, empty) = match app.selected_row() {
        None => {
            let block = pane(tr(lang, text::TARGETS).to_string(), focused, look, area);
            f.render_widget(block, area);
            return super::drawn(Pane::Targets, area, area.y, 0, 0);
        }
        Some(ItemRow::Theme(n)) => theme_head(app, n),
        Some(ItemRow::Item(k)) => item_head(app, k),
    };
    let block = pane(title, focused, look, area);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let head: Vec<Line<'static>> = head.into_iter().map(|l| fit_line(l, w)).collect();
    let head_h = head.len();

    let list = app.visible_targets();
    if list.is_empty() {
        let mut lines = head;
        lines.push(Line::raw(""));
        lines.extend(empty);
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return super::drawn(Pane::Targets, area, inner.y, 0, 0);
    }

    let h = usize::from(inner.height).saturating_sub(head_h);
    let per = 3;
    let sel = app.target_index().and_then(|t| list.iter().position(|&x| x == t));
    let first = scroll(sel, h / per, list.len());
    // Every gauge of the pane has one width, so the pace markers of equal pace line up:
    // the widest figure shown decides it.
    let label = |t: usize| {
        let e = &app.eval.targets[t];
        let r = app.board.target_states[t].reading();
        format!(
            " {} {}",
            value_text(&app.board.plan.targets[t], r, e, look),
            pad_left(&pct(e.progress), 4)
        )
    };
    let shown = list.iter().skip(first).take(h / per);
    let label_w = shown.map(|&t| super::width(&label(t))).max().unwrap_or(0);
    let bar_w = w.saturating_sub(2 + label_w).min(40);
    let mut lines = head;
    for (row, &t) in list.iter().enumerate().skip(first).take(h / per) {
        let target = &app.board.plan.targets[t];
        let state = &app.board.target_states[t];
        let e = &app.eval.targets[t];
        let is_sel = Some(row) == sel;
        let status = text::status(lang, e.status);
        let status_w = super::status_width(lang);
        let indent = if target.parent.is_some() { "  " } else { "" };
        let head = format!("{indent}{} {}", target.id, down_mark(target, look));
        let own = clean(&target.name, look);
        // The search's matches in the name, shifted past the id.
        let skip = head.chars().count();
        let hits: Vec<_> = app
            .filters
            .parsed()
            .highlights(&own)
            .into_iter()
            .map(|h| h.start + skip..h.end + skip)
            .collect();
        let name = pad(&format!("{head}{own}"), w.saturating_sub(1 + status_w));
        let mut l1 = Line::from(vec![Span::raw(if is_sel { ">" } else { " " })]);
        l1.spans.extend(super::marked(&name, &hits, look));
        l1.spans.push(Span::styled(pad_left(status, status_w), status_style(Some(e.status), look)));
        if is_sel {
            l1 = l1.style(selected(look, focused));
        }
        lines.push(l1);

        let mut spans = vec![Span::raw("  ")];
        spans.extend(bar(e.progress, Some(e.pace), bar_w, Some(e.status), look));
        spans.push(Span::raw(label(t)));
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
        if app.cycle.stale.target(t) {
            // 久未更新 first on the line, in a word and not dimmed, so NO_COLOR keeps it
            let mark = format!("  {}", tr(lang, crate::i18n::report::STALE));
            let rest = fit(&info, w.saturating_sub(super::width(&mark)));
            lines.push(Line::from(vec![
                Span::styled(mark, super::stale_style(look)),
                Span::styled(rest, dim(look)),
            ]));
        } else {
            lines.push(Line::styled(fit(&info, w), dim(look)));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
    let top = inner.y + u16::try_from(head_h).unwrap_or(inner.height);
    super::drawn(Pane::Targets, area, top, first, 3)
}

/// A target's value as the board writes it: `64/100处`, `9.9/≤9.3%`, or done / not done
/// for a milestone.
pub fn value_text(target: &Target, r: Reading, e: &TargetEval, look: &Look) -> String {
    if target.kind == TargetKind::Milestone {
        use crate::i18n::report::{DELIVERED, OPEN};
        return tr(look.lang, if e.progress >= 1.0 { DELIVERED } else { OPEN }).to_string();
    }
    figure(target, r, look)
}

/// `↓ ` before the name of a lower-is-better target, in Unicode mode only: the arrow is
/// East-Asian ambiguous-width, and in ASCII mode the goal's `<=` says it.
pub fn down_mark(t: &Target, look: &Look) -> &'static str {
    if t.direction == Direction::Down && !look.ascii { "\u{2193} " } else { "" }
}

/// The symbols a goal is drawn with on this screen.
pub fn symbols(look: &Look) -> Symbols {
    if look.ascii { Symbols::Ascii } else { Symbols::Unicode }
}

/// `value/goal` as the target reads it: `64/100处`, `9.9/≤9.3%`, `-/90–95%`,
/// `-/较基期下降3%`.
fn figure(t: &Target, r: Reading, look: &Look) -> String {
    let unit = clean(pace::value_unit(t), look);
    let value = pace::value_shown(t, r).map_or_else(|| "-".to_string(), fmt_num);
    let goal = pace::goal(t, r).text(&unit, symbols(look), look.lang);
    format!("{value}/{goal}")
}

/// Cuts a one-span line to `w` columns.
fn fit_line(line: Line<'static>, w: usize) -> Line<'static> {
    if line.spans.len() != 1 {
        return line;
    }
    let style = line.spans[0].style;
    Line::styled(fit(&line.spans[0].content, w), style)
}

type Head = (String, Vec<Line<'static>>, Vec<Line<'static>>);

/// Title, head lines and what to show without targets, for an item.
fn item_head(app: &App, k: usize) -> Head {
    let look = &app.look;
    let lang = look.lang;
    let item = &app.board.plan.items[k];
    let title = format!(
        "{}{} {} {}",
        tr(lang, text::TARGETS),
        super::order_tag(app),
        item.id,
        clean(&item.title, look)
    );
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
    head.push(Line::styled(depts, dim(look)));
    let state = &app.board.item_states[k];
    if !state.note.is_empty() {
        head.push(Line::raw(format!("{} {}", tr(lang, text::NOTE), clean(&state.note, look))));
    }
    let has_any = !app.board.plan.item_targets(k).is_empty();
    let mut empty = Vec::new();
    if has_any {
        empty.push(Line::styled(tr(lang, text::NO_MATCH), dim(look)));
    } else {
        // An item without targets: the status its department gives it, who gave it, when.
        let r = &app.eval.items[k];
        let status = r.status.map_or("-", |s| text::status(lang, s));
        let mut spans = vec![
            Span::styled(tr(lang, text::NO_TARGETS).to_string(), dim(look)),
            Span::raw(format!("  {} ", tr(lang, text::MANUAL_STATUS))),
            Span::styled(status.to_string(), status_style(r.status, look)),
        ];
        if let (Some(by), Some(at)) = (&state.updated_by, state.updated_at) {
            spans.push(Span::styled(format!("  {by} {}", app.time(at, "%m-%d")), dim(look)));
        }
        if !look.readonly {
            spans.push(Span::styled(format!("  ({})", tr(lang, text::SET_STATUS_HINT)), dim(look)));
        }
        empty.push(Line::from(spans));
        empty.push(Line::raw(""));
        empty.push(Line::raw(clean(&item.text, look).into_owned()));
    }
    (title, head, empty)
}

/// Title, head lines and what to show without targets, for a theme's own targets.
fn theme_head(app: &App, n: u32) -> Head {
    let look = &app.look;
    let lang = look.lang;
    let title = format!(
        "{}{} {} {}",
        tr(lang, text::TARGETS),
        super::order_tag(app),
        theme_row_id(n),
        tr(lang, text::THEME_TARGETS)
    );
    let theme = app.board.plan.theme_index(n).map(|i| &app.board.plan.themes[i]);
    let mut head = Vec::new();
    if let Some(t) = theme {
        head.push(Line::styled(
            format!("{} {}", text::numeral(n), clean(&t.title, look)),
            dim(look),
        ));
    }
    head.push(Line::styled(tr(lang, text::THEME_TARGETS_NOTE).to_string(), dim(look)));
    let empty = vec![Line::styled(tr(lang, text::NO_MATCH), dim(look))];
    (title, head, empty)
}
