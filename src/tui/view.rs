//! Drawing: one file per screen region, each a `render(frame, area, &App)` that only reads.
//!
//! ```text
//! +-------------------------------------------------------------------------------+
//! | header: plan title, today, [DEMO], user, live marker                           |
//! | progress vs pace, counts behind / at risk / on track / done, active filters    |
//! +-------------------------------------------------------------------------------+
//! | body: main (themes | items | targets), detail, or dashboard; help over it      |
//! |   >= 110 columns: three panes; narrower: the focused pane and the next one     |
//! +-------------------------------------------------------------------------------+
//! | input line + its error (only while typing); a choice list or confirmation      |
//! |   opens over the body instead                                                  |
//! | footer: key hints generated from the keymap, or the last message               |
//! +-------------------------------------------------------------------------------+
//! ```
//! Below 80x24 only the "terminal too small" message is drawn.

pub mod behind;
pub mod confirm;
pub mod dashboard;
pub mod detail;
pub mod entry;
pub mod footer;
pub mod header;
pub mod help;
pub mod input;
pub mod items;
pub mod palette;
pub mod picker;
pub mod targets;
pub mod themes;
pub mod too_small;

use super::app::{App, Drawn, DrawnPane, Look, Overlay, Pane, Screen};
use crate::core::model::Status;
use crate::core::pace::clamp01;
use palette::Role;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use std::borrow::Cow;

/// The smallest terminal the layout is made for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// From this width on the main view shows all three panes.
pub const THREE_PANES: u16 = 110;

/// Draws the whole screen. Returns where the panes of the main view went (for clicks) and
/// how many pages the help has.
pub fn render(f: &mut Frame<'_>, app: &App) -> Drawn {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small::render(f, area, app);
        return Drawn::default();
    }
    let input_h = if app.input().is_some() { 2 } else { 0 };
    let [head, body, input_area, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(8),
        Constraint::Length(input_h),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render(f, head, app);
    let panes = match app.screen {
        Screen::Main => render_main(f, body, app),
        Screen::Detail => {
            detail::render(f, body, app);
            Vec::new()
        }
        Screen::Dashboard => {
            dashboard::render(f, body, app);
            Vec::new()
        }
        Screen::Behind => {
            behind::render(f, body, app);
            Vec::new()
        }
    };
    let mut help_pages = 0;
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => help_pages = help::render(f, body, app),
        Overlay::Input(_) => input::render(f, input_area, app),
        Overlay::Pick(_) => picker::render(f, body, app),
        Overlay::Confirm(_) => confirm::render(f, body, app),
        Overlay::Entry => entry::render(f, body, app),
    }
    footer::render(f, foot, app);
    Drawn { panes, help_pages }
}

/// The main view: three panes when wide, else the focused pane and its neighbour.
fn render_main(f: &mut Frame<'_>, area: Rect, app: &App) -> Vec<DrawnPane> {
    use super::app::Pane;
    if area.width >= THREE_PANES {
        let [a, b, c] = Layout::horizontal([
            Constraint::Percentage(26),
            Constraint::Percentage(37),
            Constraint::Percentage(37),
        ])
        .areas(area);
        vec![themes::render(f, a, app), items::render(f, b, app), targets::render(f, c, app)]
    } else {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(area);
        if app.focus == Pane::Themes {
            vec![themes::render(f, a, app), items::render(f, b, app)]
        } else {
            vec![items::render(f, a, app), targets::render(f, b, app)]
        }
    }
}

/// Opens a bordered popup titled `title` over `area` for `rows` lines of `content_w`
/// columns: centred, a third of the way down, at least 24 columns wide and no wider than
/// the area. Clears what is under it and returns the inside.
pub fn popup(
    f: &mut Frame<'_>,
    area: Rect,
    content_w: usize,
    rows: usize,
    title: &str,
    look: &Look,
) -> Rect {
    let max_w = usize::from(area.width).saturating_sub(4);
    let w = (content_w + 2).clamp(24, max_w.max(24));
    let h = rows + 2;
    let popup = Rect {
        x: area.x + area.width.saturating_sub(u16::try_from(w).unwrap_or(area.width)) / 2,
        y: area.y + area.height.saturating_sub(u16::try_from(h).unwrap_or(area.height)) / 3,
        width: u16::try_from(w).unwrap_or(area.width).min(area.width),
        height: u16::try_from(h).unwrap_or(area.height).min(area.height),
    };
    // Clear one column either side too: a wide character cut in half by the popup's edge
    // would otherwise push the border out of place in a real terminal.
    let margin = Rect {
        x: popup.x.saturating_sub(1).max(area.x),
        width: (popup.width + 2).min(area.width),
        ..popup
    };
    f.render_widget(ratatui::widgets::Clear, margin);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(border_set(look))
        .title(Span::styled(format!(" {} ", fit(title, w.saturating_sub(4))), bold));
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    inner
}

/// Border characters: box drawing, or `+-|` in ASCII mode.
pub fn border_set(look: &Look) -> border::Set<'static> {
    if look.ascii {
        border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        }
    } else {
        border::PLAIN
    }
}

/// A bordered pane with a title; the focused one is bold (and coloured when allowed).
pub fn pane(title: String, focused: bool, look: &Look, area: Rect) -> Block<'static> {
    let mut style = Style::default();
    if focused {
        style = style.add_modifier(Modifier::BOLD);
        style = style.patch(palette::style(Role::Accent, look));
    }
    Block::default().borders(Borders::ALL).border_set(border_set(look)).border_style(style).title(
        Span::styled(
            format!(" {} ", fit(&title, usize::from(area.width).saturating_sub(4))),
            style,
        ),
    )
}

/// The colour of a status (none under `NO_COLOR`; the status word carries it then).
pub fn status_style(status: Option<Status>, look: &Look) -> Style {
    palette::of_status(status).map_or_else(Style::default, |r| palette::style(r, look))
}

/// `滞后2` beside a row of several parts when some are behind (its own colour follows its own
/// figure, so a red bar at 98 % never hides or overstates them); empty otherwise.
pub fn parts_behind(r: &crate::core::pace::Rollup, look: &Look) -> Option<Span<'static>> {
    let n = r.count(Status::Behind);
    (n > 0 && r.total() > 1).then(|| {
        let s = super::text::PARTS_BEHIND.fill(look.lang, &[("n", &n)]);
        Span::styled(format!(" {s}"), status_style(Some(Status::Behind), look))
    })
}

/// The stale mark (久未更新): magenta in colour mode, plain otherwise (the word says it).
pub fn stale_style(look: &Look) -> Style {
    palette::style(Role::Stale, look)
}

/// Less important text: dim in colour mode, plain otherwise.
pub fn dim(look: &Look) -> Style {
    palette::style(Role::Dim, look)
}

/// The selected row.
pub fn selected(look: &Look, focused: bool) -> Style {
    if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else if look.color {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }
}

/// Columns the widest status word takes, plus one for a gap.
pub fn status_width(lang: crate::lang::Lang) -> usize {
    Status::ALL.iter().map(|&s| width(super::text::status(lang, s))).max().unwrap_or(0) + 1
}

/// A share as a percentage, unclamped (`108%`).
pub fn pct(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    format!("{:.0}%", (x * 100.0).round())
}

pub use crate::cells::{fit, pad, pad_left, width, wrap};

/// Plan text for the screen: in ASCII mode the East-Asian ambiguous-width punctuation that
/// some terminals draw two columns wide is replaced by ASCII.
pub fn clean<'a>(s: &'a str, look: &Look) -> Cow<'a, str> {
    if !look.ascii || s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let needs = s.chars().any(|c| ambiguous_replacement(c).is_some());
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match ambiguous_replacement(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn ambiguous_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' | '\u{201D}' => "\"",
        '\u{2018}' | '\u{2019}' => "'",
        '\u{2026}' => "...",
        '\u{00B7}' | '\u{2022}' => ".",
        '\u{2014}' | '\u{2013}' => "-",
        '\u{00D7}' => "x",
        '\u{2192}' => "->",
        '\u{2460}'..='\u{2473}' => "#",
        _ => return None,
    })
}

/// A progress bar of `w` columns: the share done (clamped to [0, 1]) filled in the status
/// colour, the rest empty, and the pace marker where the bar should be by today.
pub fn bar(
    progress: f64,
    pace: Option<f64>,
    w: usize,
    status: Option<Status>,
    look: &Look,
) -> Vec<Span<'static>> {
    if w == 0 {
        return Vec::new();
    }
    let (full, empty, mark) =
        if look.ascii { ("#", "-", "|") } else { ("\u{2588}", "\u{2591}", "\u{2502}") };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "clamped to [0, 1] and multiplied by a small width"
    )]
    let cells = |x: f64| (clamp01(x) * w as f64).round() as usize;
    let filled = cells(progress).min(w);
    let marker = pace.map(|p| cells(p).min(w - 1));
    let fill_style = palette::style(palette::of_status(status).unwrap_or(Role::OnTrack), look);
    let mut spans = Vec::new();
    for i in 0..w {
        let (sym, style) = if Some(i) == marker {
            // The terminal's own foreground: readable on light and dark backgrounds alike
            // (a bold white marker vanishes on a light one).
            (mark, Style::default())
        } else if i < filled {
            (full, fill_style)
        } else {
            (empty, dim(look))
        };
        match spans.last_mut() {
            Some(Span { content, style: s }) if *s == style => content.to_mut().push_str(sym),
            _ => spans.push(Span::styled(sym.to_string(), style)),
        }
    }
    spans
}

/// How a search match is marked in a row: underlined and bold, so it reads without colour
/// and on a selected (reversed) row; magenta where colour is allowed.
pub fn match_style(look: &Look) -> Style {
    let st = Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    st.patch(palette::style(Role::Match, look))
}

/// `shown` as spans with the characters at `hits` (character positions, as
/// [`crate::core::search::Query::highlights`] gives them) marked as a search match.
pub fn marked(shown: &str, hits: &[std::ops::Range<usize>], look: &Look) -> Vec<Span<'static>> {
    if hits.is_empty() {
        return vec![Span::raw(shown.to_string())];
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (i, c) in shown.chars().enumerate() {
        let style =
            if hits.iter().any(|h| h.contains(&i)) { match_style(look) } else { Style::default() };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    spans
}

/// ` [最差在前]` after a pane's title when the rows are not in plan order.
pub fn order_tag(app: &App) -> String {
    super::text::order(app.look.lang, app.filters.order)
        .map_or_else(String::new, |o| format!(" [{o}]"))
}

/// Where a pane's list went: its rows start at `top` of `inner`, `per_row` lines each,
/// from row `first` of the list.
pub fn drawn(pane: Pane, area: Rect, top: u16, first: usize, per_row: u16) -> DrawnPane {
    DrawnPane { pane, area, top, first, per_row }
}

/// The first visible row so that `selected` stays on screen in `height` rows.
pub fn scroll(selected: Option<usize>, height: usize, len: usize) -> usize {
    let Some(sel) = selected else { return 0 };
    if height == 0 || len <= height {
        return 0;
    }
    sel.saturating_sub(height - 1).min(len - height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_never_cuts_a_wide_character() {
        assert_eq!(fit("群众**科", 8), "群众**科");
        assert_eq!(fit("群众**科", 7), "群众*..");
        assert_eq!(fit("群众**科", 6), "群众..");
        assert_eq!(fit("群众**科", 5), "群..");
        assert!(width(&fit("开展场地设施补短板行动", 9)) <= 9);
        assert_eq!(width(&pad("群众", 7)), 7);
    }

    fn ascii_look() -> Look {
        Look {
            lang: crate::lang::Lang::Zh,
            ascii: true,
            color: false,
            rich: false,
            demo: false,
            readonly: false,
        }
    }

    #[test]
    fn bar_clamps_but_pct_tells_the_truth() {
        let look = ascii_look();
        let s: String =
            bar(1.08, Some(0.5), 10, None, &look).iter().map(|s| s.content.to_string()).collect();
        assert_eq!(s, "#####|####");
        assert_eq!(pct(1.08), "108%");
        let s: String =
            bar(f64::NAN, None, 4, None, &look).iter().map(|s| s.content.to_string()).collect();
        assert_eq!(s, "----");
    }

    #[test]
    fn ascii_mode_replaces_ambiguous_punctuation() {
        let look = ascii_look();
        assert_eq!(clean("“三个一”", &look), "\"三个一\"");
    }
}
