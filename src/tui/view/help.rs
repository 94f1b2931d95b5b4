//! The `?` help: every binding of every mode, generated from the keymap, in columns, on as
//! many pages as the terminal needs; then a page on pace and status (the thresholds read
//! from the core, not written here).

use super::{border_set, dim, pad, status_style};
use crate::core::model::Status;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{self, Key, Mode, keys_label};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Draws the help's page `app.help_page` (the keys, as many pages as they need at this
/// size, then the page on pace and status). Returns how many pages there are.
pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) -> usize {
    let look = &app.look;
    let lang = look.lang;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let entries = entries(app);
    let popup = area;
    f.render_widget(Clear, popup);
    // Measure with a borderless copy first: the title names the page.
    let inner = Block::default().borders(Borders::ALL).inner(popup);
    let h = usize::from(inner.height).max(1);
    let max_cols = (usize::from(inner.width) / 26).clamp(2, 4);
    let cols = entries.len().div_ceil(h).max(2);
    let (cols, per_page) =
        if cols <= max_cols { (cols, entries.len()) } else { (max_cols, h * max_cols) };
    let key_pages = entries.len().div_ceil(per_page.max(1)).max(1);
    let pages = key_pages + 1;
    let page = app.help_page.min(pages - 1);
    let title = format!(
        " {}  {}/{pages}  ({}) ",
        tr(lang, text::HELP),
        page + 1,
        tr(lang, text::HELP_CLOSE)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(border_set(look))
        .title(Span::styled(title, bold));
    f.render_widget(block, popup);
    if page == key_pages {
        f.render_widget(Paragraph::new(pace_page(app)).wrap(Wrap { trim: false }), inner);
        return pages;
    }
    let entries: Vec<_> = entries.into_iter().skip(page * per_page).take(per_page).collect();
    let h = entries.len().div_ceil(cols).min(h);
    let col_w = usize::from(inner.width) / cols;
    let widest = entries.iter().filter(|e| !e.2).map(|e| super::width(&e.0)).max().unwrap_or(0);
    let key_w = (widest + 1).min(col_w * 3 / 5);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new(); h.min(entries.len())];
    for (i, (keys, desc, heading)) in entries.into_iter().enumerate() {
        let row = i % h.max(1);
        let Some(line) = lines.get_mut(row) else {
            continue;
        };
        if heading {
            line.push(Span::styled(pad(&keys, col_w), bold));
        } else {
            let d = pad(&desc, col_w.saturating_sub(key_w + 1));
            line.push(Span::raw(format!(" {}", pad(&keys, key_w))));
            line.push(Span::styled(d, dim(look)));
        }
    }
    let lines: Vec<Line<'static>> = lines.into_iter().map(Line::from).collect();
    f.render_widget(Paragraph::new(lines), inner);
    pages
}

/// Every binding once as (keys, description, is_heading): the views first, then the lists,
/// the confirmation and the input line.
fn entries(app: &App) -> Vec<(String, String, bool)> {
    let lang = app.look.lang;
    let mut entries: Vec<(String, String, bool)> = Vec::new();
    let views = [Mode::Browse, Mode::Detail, Mode::Dashboard];
    let wheel =
        |b: &keymap::Binding| b.keys.iter().all(|k| matches!(k, Key::WheelUp | Key::WheelDown));
    entries.push((tr(lang, text::VIEWS).to_string(), String::new(), true));
    for b in keymap::BINDINGS {
        if b.modes.iter().any(|m| views.contains(m)) && !wheel(b) {
            let mut desc = text::action(lang, b.action).to_string();
            if !b.modes.contains(&Mode::Browse) {
                desc.push_str(tr(lang, text::IN_DETAIL));
            }
            entries.push((keys_label(b, false), desc, false));
        }
    }
    let click = text::action(lang, Action::Click { x: 0, y: 0 }).to_string();
    entries.push((tr(lang, text::CLICK).to_string(), click, false));
    for mode in [Mode::Pick, Mode::Find, Mode::Confirm, Mode::Entry, Mode::Input, Mode::Help] {
        entries.push((text::mode(lang, mode).to_string(), String::new(), true));
        for b in keymap::bindings(mode) {
            // The typed list edits its text as the input line does: listed there.
            let editing = mode == Mode::Find
                && b.action != Action::Submit
                && b.action != Action::Cancel
                && b.action != Action::Up
                && b.action != Action::Down;
            if b.action != Action::Quit && !wheel(b) && !editing {
                let desc = text::action(lang, b.action).to_string();
                entries.push((keys_label(b, false), desc, false));
            }
        }
    }
    entries.push((
        tr(lang, text::OTHER_KEYS).to_string(),
        text::action(lang, Action::Insert(' ')).to_string(),
        false,
    ));
    entries
}

/// The page on pace and status: what 序时进度 is, what the gauge's symbols and each status
/// and colour mean, with the thresholds the board measures by.
fn pace_page(app: &App) -> Vec<Line<'static>> {
    let look = &app.look;
    let lang = look.lang;
    let th = &app.thresholds;
    let pct = |x: f64| super::pct(x);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let (full, mark) = if look.ascii { ("#", "|") } else { ("\u{2588}", "\u{2502}") };
    let mut lines = vec![
        Line::styled(tr(lang, text::HELP_PACE_HEAD).to_string(), bold),
        Line::raw(format!("  {}", tr(lang, text::HELP_PACE))),
        Line::raw(""),
        Line::from(vec![
            Span::raw(format!("  {mark} ")),
            Span::raw(tr(lang, text::HELP_MARK).to_string()),
            Span::raw(format!("   {full} ")),
            Span::raw(tr(lang, text::HELP_FILL).to_string()),
        ]),
    ];
    let rules = [
        (Status::Behind, text::HELP_BEHIND.fill(lang, &[("ratio", &pct(th.behind_ratio))])),
        (Status::AtRisk, text::HELP_AT_RISK.fill(lang, &[("grace", &pct(th.grace))])),
        (Status::OnTrack, text::HELP_ON_TRACK.fill(lang, &[("grace", &pct(th.grace))])),
        (Status::Done, tr(lang, text::HELP_DONE).to_string()),
    ];
    let word_w = super::status_width(lang);
    for (s, rule) in rules {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(pad(text::status(lang, s), word_w), status_style(Some(s), look)),
            Span::raw(rule),
        ]));
    }
    lines.push(Line::raw(format!(
        "  {}",
        text::HELP_MILESTONE.fill(lang, &[("days", &th.milestone_warn_days)])
    )));
    let days = app.cycle.settings.stale_days;
    lines.push(Line::styled(
        format!("  {}", text::HELP_STALE.fill(lang, &[("days", &days)])),
        super::stale_style(look),
    ));
    lines
}
