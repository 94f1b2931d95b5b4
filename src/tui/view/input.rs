//! The input line: a prompt, the text with the real terminal cursor at the typing position
//! (so a Chinese input method opens its candidate window there), and under it the reason
//! the text cannot be accepted, or a hint on the format.

use super::palette::{self, Role};
use super::{clean, dim, fit, width};
use crate::core::model::fmt_num;
use crate::core::pace;
use crate::tui::app::{App, InputKind};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let Some(input) = app.input() else { return };
    let look = &app.look;
    let lang = look.lang;
    let w = usize::from(area.width);
    let board = &app.board;
    let prompt = match &input.kind {
        InputKind::Value { target } => {
            let (name, unit) = board
                .target_index(target)
                .map(|i| &board.plan.targets[i])
                .map(|t| (clean(&t.name, look).into_owned(), clean(&t.unit, look).into_owned()))
                .unwrap_or_default();
            let unit = if unit.is_empty() { String::new() } else { format!("({unit})") };
            let head = fit(&format!("{target} {name}"), w / 3);
            format!(" {} {head}{unit}: ", tr(lang, text::PROMPT_VALUE))
        }
        InputKind::Note { item } => format!(" {} {item}: ", tr(lang, text::PROMPT_NOTE)),
        InputKind::NewTarget { item } => format!(" {} {item}: ", tr(lang, text::PROMPT_NEW)),
        InputKind::EditTarget { target } => {
            format!(" {} {target}: ", tr(lang, text::PROMPT_EDIT))
        }
        InputKind::Search => " / ".to_string(),
    };
    let hint = match &input.kind {
        InputKind::Search => format!("{} {} ", app.matching_items(), tr(lang, text::MATCHES)),
        InputKind::Value { target } => goal_and_pace(app, target),
        // Enter / Esc are in the footer, generated from the keymap.
        _ => String::new(),
    };
    let pw = width(&prompt);
    let mut hint_w = width(&hint);
    let (text, cursor) = (input.line.text(), input.line.cursor());
    let text_w = width(text);
    if pw + text_w + 1 + hint_w > w {
        hint_w = 0;
    }
    let avail = w.saturating_sub(pw + hint_w + 1).max(1);
    // Scroll so the cursor stays visible: drop characters from the left while needed.
    let mut start = 0;
    while width(&text[start..cursor]) >= avail {
        let Some(c) = text[start..].chars().next() else {
            break;
        };
        start += c.len_utf8();
    }
    let shown = fit_plain(&text[start..], avail);
    let cursor_x = pw + width(&text[start..cursor]);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    // A value offered to keep or type over shows selected.
    let text_style = if input.line.is_selected() {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    let mut spans = vec![Span::styled(prompt, bold), Span::styled(shown.clone(), text_style)];
    if hint_w > 0 {
        let gap = w.saturating_sub(pw + width(&shown) + hint_w);
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(hint, dim(look)));
    }
    let second = match &input.error {
        Some(e) => {
            let st = if look.color { palette::style(Role::Behind, look) } else { bold };
            Line::styled(fit(&format!(" ! {e}"), w), st)
        }
        None => {
            let t = match input.kind {
                InputKind::Search => text::SEARCH_HINT,
                InputKind::Value { .. } => text::FORMAT_VALUE,
                InputKind::NewTarget { .. } | InputKind::EditTarget { .. } => text::FORMAT_TARGET,
                InputKind::Note { .. } => text::FORMAT_NOTE,
            };
            Line::styled(fit(&format!("   {}", tr(lang, t)), w), dim(look))
        }
    };
    f.render_widget(Paragraph::new(vec![Line::from(spans), second]), area);
    let x = u16::try_from(cursor_x).unwrap_or(u16::MAX).min(area.width.saturating_sub(1));
    f.set_cursor_position(Position::new(area.x + x, area.y));
}

/// `目标 100处  序时 75%（应达 75）`: what the target asks for by today, beside its value line.
fn goal_and_pace(app: &App, target: &str) -> String {
    let Some(i) = app.board.target_index(target) else { return String::new() };
    let (t, e) = (&app.board.plan.targets[i], &app.eval.targets[i]);
    let look = &app.look;
    let unit = clean(pace::value_unit(t), look);
    let r = app.board.target_states[i].reading();
    let goal = pace::goal(t, r).text(&unit, super::targets::symbols(look), look.lang);
    // To one decimal: the pace moves a little every day.
    let expected =
        e.expected.map_or_else(|| "-".to_string(), |x| fmt_num((x * 10.0).round() / 10.0));
    let s = text::VALUE_GOAL.fill(
        look.lang,
        &[("goal", &goal), ("pace", &super::pct(e.pace)), ("expected", &expected)],
    );
    format!("{s} ")
}

/// Cuts to `w` columns at a character boundary, without a cut mark (the line scrolls).
fn fit_plain(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out
}
