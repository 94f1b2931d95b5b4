//! The detail view of one target: what it is, a chart of its value over time against the
//! pace line (序时进度), and its update history, newest first.

use super::{clean, dim, fit, pad, pane, pct, status_style, width, wrap};
use crate::core::model::{Change, Reading, TargetKind, Update, fmt_num};
use crate::core::pace::{self, elapsed_share};
use crate::core::report::value_at;
use crate::tui::app::App;
use crate::tui::text::{self, tr};
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let Some(t) = app.target_index() else { return };
    let look = &app.look;
    let lang = look.lang;
    let target = &app.board.plan.targets[t];
    let state = &app.board.target_states[t];
    let e = &app.eval.targets[t];
    let w = usize::from(area.width);

    // The chart keeps at least a readable height; the history gets the rest (at 80x24 that is
    // a 9-row chart and 8 history rows). The history has a heading line instead of a box.
    let info_lines = info_lines(app, t, w);
    // Long names, titles and notes wrap: the head grows, up to a third of the view.
    let info_h =
        u16::try_from(info_lines.len()).unwrap_or(u16::MAX).clamp(3, (area.height / 3).max(3));
    let below = area.height.saturating_sub(info_h);
    let chart_h = (below * 2 / 5).max(9).min(below.saturating_sub(4));
    let [info, chart, hist] = Layout::vertical([
        Constraint::Length(info_h),
        Constraint::Length(chart_h),
        Constraint::Min(4),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(info_lines), info);
    let reading = state.reading();

    // The chart.
    let (actual_sym, pace_sym) = if look.ascii { ("*", ".") } else { ("\u{2588}", ".") };
    let legend = format!(
        "{}   {actual_sym} {}  {pace_sym} {}",
        tr(lang, text::CHART),
        tr(lang, text::ACTUAL),
        tr(lang, text::PACE)
    );
    let block = pane(legend, false, look, chart);
    let inner = block.inner(chart);
    f.render_widget(block, chart);
    let start = e.start;
    let aim = pace::aim::aim(target, reading, &pace::Thresholds::default());
    let zero = pace::value_shown(target, Reading::default()).is_some();
    let lines = plot(app, start, e.due, &aim, state.value, zero, inner);
    f.render_widget(Paragraph::new(lines), inner);

    // The history, newest first, under a heading line.
    let hw = usize::from(hist.width);
    let heading = format!(" {} ({})", tr(lang, text::HISTORY), app.history.len());
    let mut rows =
        vec![Line::styled(fit(&heading, hw), Style::default().add_modifier(Modifier::BOLD))];
    if app.history.is_empty() {
        rows.push(Line::styled(format!(" {}", tr(lang, text::NO_HISTORY)), dim(look)));
    }
    let room = usize::from(hist.height).saturating_sub(1);
    let mut used = 0;
    let entries: Vec<&Update> = app.newest_first().collect();
    let sel = app.hist_pos();
    // From the newest, unless the selected row (Tab, j/k) would not fit: then from it.
    let first = sel.map_or(0, |s| {
        let lines = |u: &&Update| {
            let (head, note) = history_row(app, u);
            row_lines(&head, &note, hw).len()
        };
        let need: usize = entries[..=s].iter().map(lines).sum();
        if need < room { 0 } else { s }
    });
    for (i, u) in entries.iter().enumerate().skip(first) {
        let (head, note) = history_row(app, u);
        let mut lines = row_lines(&head, &note, hw);
        if Some(i) == sel
            && let Some(first) = lines.first_mut().filter(|l| l.starts_with(' '))
        {
            // `>` as the other lists mark their selection (it reads without colour too)
            first.replace_range(..1, ">");
        }
        let left = entries.len() - i;
        // The last line says how many older updates do not fit.
        let fits_all = used + lines.len() <= room && (left == 1 || used + lines.len() < room);
        if !fits_all {
            if used < room {
                rows.push(Line::styled(
                    format!(" ... {left} {}", tr(lang, text::OLDER_UPDATES)),
                    dim(look),
                ));
            }
            break;
        }
        used += lines.len();
        let style = if Some(i) == sel { super::selected(look, true) } else { Style::default() };
        rows.extend(lines.into_iter().map(|l| Line::styled(l, style)));
    }
    f.render_widget(Paragraph::new(rows), hist);
}

/// A history row as screen lines: its note wraps under the note column, so a long note is
/// read in full.
fn row_lines(head: &str, note: &str, w: usize) -> Vec<String> {
    let head = format!(" {head}");
    let indent = width(&head);
    if indent + width(note) <= w || indent + 8 > w {
        return vec![fit(&format!("{head}{note}"), w)];
    }
    let mut parts = wrap(note, w - indent).into_iter();
    let mut out = vec![format!("{head}{}", parts.next().unwrap_or_default())];
    out.extend(parts.map(|p| format!("{}{p}", " ".repeat(indent))));
    out
}

/// What a history row changed: old -> new, or that the definition changed.
pub fn change_text(app: &App, u: &Update) -> String {
    match &u.change {
        Change::Value { old, new, .. } => format!("{} -> {}", fmt_num(*old), fmt_num(*new)),
        Change::TargetDef { .. } => tr(app.look.lang, text::DEFINITION).to_string(),
        Change::Note { .. } | Change::ItemStatus { .. } | Change::Settings { .. } => String::new(),
    }
}

/// One history row: time, user, old -> new (and an undo mark), then its note.
fn history_row(app: &App, u: &Update) -> (String, String) {
    let lang = app.look.lang;
    let change = change_text(app, u);
    let mut s =
        format!("{}  {}  {}", app.time(u.at, "%Y-%m-%d %H:%M"), pad(&u.user, 8), pad(&change, 14));
    if u.undoes.is_some() {
        s.push_str(tr(lang, text::UNDO_MARK));
    }
    (s, clean(&u.note, &app.look).into_owned())
}

/// Draws value over time (a step line) and the pace line as text: ASCII in ASCII mode,
/// a block for the value otherwise.
fn plot(
    app: &App,
    start: NaiveDate,
    due: NaiveDate,
    aim: &pace::Aim,
    current: f64,
    zero: bool,
    area: Rect,
) -> Vec<Line<'static>> {
    let look = &app.look;
    let lang = look.lang;
    let history = &app.history;
    let w = usize::from(area.width);
    let h = usize::from(area.height);
    if w < 20 || h < 4 {
        return Vec::new();
    }
    // The values drawn and the pace line from the start to the goal (down for a
    // lower-is-better target) set the scale: from 0 for a count, else around what is drawn,
    // so a rate going from 10.5 to 9.3 is not a flat line at the top.
    let values: Vec<f64> = history
        .iter()
        .filter_map(|u| match u.change {
            Change::Value { new, .. } => Some(new),
            _ => None,
        })
        .chain(zero.then_some(current))
        .chain([aim.goal, aim.from].into_iter().flatten())
        .filter(|v| v.is_finite())
        .collect();
    let hi = values.iter().copied().fold(0.0, f64::max);
    let (ymin, ymax) = if zero {
        (0.0, hi.max(1.0))
    } else {
        let lo = values.iter().copied().fold(hi, f64::min);
        let margin = ((hi - lo) * 0.1).max(hi.abs() * 0.01).max(0.01);
        ((lo - margin).max(0.0), hi + margin)
    };
    let top_label = fmt_num(ymax);
    let mid_label = fmt_num((ymin + ymax) / 2.0);
    let bottom_label = fmt_num(ymin);
    let yl = width(&top_label).max(width(&mid_label)).max(width(&bottom_label));
    let pw = w - yl - 1;
    let ph = h - 2;
    let days = (due - start).num_days().max(1) + 1;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        clippy::cast_sign_loss,
        reason = "small screen coordinates"
    )]
    let (col_date, row_of) = (
        |c: usize| {
            start + chrono::Duration::days(((c as f64 + 0.5) * days as f64 / pw as f64) as i64)
        },
        |v: f64| {
            let share = ((v - ymin) / (ymax - ymin)).clamp(0.0, 1.0);
            let r = ((1.0 - share) * (ph - 1) as f64).round() as usize;
            r.min(ph - 1)
        },
    );
    let mut grid = vec![vec![' '; pw]; ph];
    let mut is_actual = vec![vec![false; pw]; ph];
    let actual_ch = if look.ascii { '*' } else { '\u{2588}' };
    let mut prev: Option<usize> = None;
    for c in 0..pw {
        let d = col_date(c);
        if let Some(pace_v) = aim.expected(elapsed_share(start, due, d)) {
            grid[row_of(pace_v)][c] = '.';
        }
        if d > app.today {
            continue;
        }
        let Some(v) = value_at(history, app.clock.end_of_day(d), zero) else {
            continue;
        };
        let r = row_of(v);
        let (lo, hi) = match prev {
            Some(p) if p != r => (p.min(r), p.max(r)),
            _ => (r, r),
        };
        for row in lo..=hi {
            grid[row][c] = actual_ch;
            is_actual[row][c] = true;
        }
        prev = Some(r);
    }
    let (vert, horiz, corner) =
        if look.ascii { ('|', '-', '+') } else { ('\u{2502}', '\u{2500}', '\u{2514}') };
    let actual_style = status_style(
        Some(
            app.target_index()
                .map_or(crate::core::model::Status::OnTrack, |t| app.eval.targets[t].status),
        ),
        look,
    );
    let mut lines = Vec::new();
    for (r, row) in grid.iter().enumerate() {
        let label = if r == 0 {
            top_label.clone()
        } else if r == (ph - 1) / 2 && ph > 4 {
            mid_label.clone()
        } else {
            String::new()
        };
        let mut spans =
            vec![Span::styled(format!("{}{vert}", super::pad_left(&label, yl)), dim(look))];
        for (c, ch) in row.iter().enumerate() {
            let st = if is_actual[r][c] { actual_style } else { dim(look) };
            spans.push(Span::styled(ch.to_string(), st));
        }
        lines.push(Line::from(spans));
    }
    let mut axis = format!("{}{corner}", super::pad_left(&bottom_label, yl));
    axis.extend(std::iter::repeat_n(horiz, pw));
    lines.push(Line::styled(axis, dim(look)));
    // Month labels where each month starts, spaced so they do not collide.
    let mut labels = vec![' '; pw];
    let mut next_free = 0;
    for c in 0..pw {
        let d = col_date(c);
        let prev_d = if c == 0 { start - chrono::Duration::days(1) } else { col_date(c - 1) };
        if d.month() == prev_d.month() || c < next_free {
            continue;
        }
        let label = text::month_label(lang, d);
        let lw = width(&label);
        if c + lw > pw {
            break;
        }
        // Wide characters take two cells: write the label, then blank the cell it covers.
        let chars: Vec<char> = label.chars().collect();
        let mut col = c;
        for ch in chars {
            labels[col] = ch;
            let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1);
            for k in 1..cw {
                labels[col + k] = '\0';
            }
            col += cw;
        }
        next_free = c + lw + 2;
    }
    let label_line: String = labels.into_iter().filter(|&c| c != '\0').collect();
    lines.push(Line::styled(format!("{}{label_line}", " ".repeat(yl + 1)), dim(look)));
    lines
}

/// The head of the detail view: the target's name and status, its item or theme, its goal,
/// value, pace and due date, and its item's progress note, each wrapped to `w` columns.
fn info_lines(app: &App, t: usize, w: usize) -> Vec<Line<'static>> {
    let look = &app.look;
    let lang = look.lang;
    let target = &app.board.plan.targets[t];
    let e = &app.eval.targets[t];
    // What the target is.
    let status = text::status(lang, e.status);
    let name = format!(
        " {} {}{}",
        target.id,
        super::targets::down_mark(target, look),
        clean(&target.name, look)
    );
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let name_w = w.saturating_sub(width(status) + 2).max(1);
    let mut lines = Vec::new();
    for (i, part) in wrap(&name, name_w).into_iter().enumerate() {
        let mut spans = vec![Span::styled(pad(&part, name_w), bold)];
        if i == 0 {
            spans.push(Span::styled(status.to_string(), status_style(Some(e.status), look)));
        }
        lines.push(Line::from(spans));
    }
    let k = target.item.as_deref().and_then(|id| app.board.item_index(id));
    let item = k.map(|k| &app.board.plan.items[k]);
    let l2 = match item {
        Some(item) => {
            let leads: Vec<&str> = item.leads().map(|d| d.name.as_str()).collect();
            let support: Vec<&str> = item.supports().map(|d| d.name.as_str()).collect();
            let mut s = format!(
                " {} {} {}  {} {}",
                tr(lang, text::ITEM),
                item.id,
                clean(&item.title, look),
                tr(lang, text::LEAD),
                leads.join(",")
            );
            if !support.is_empty() {
                s.push_str(&format!("  {} {}", tr(lang, text::SUPPORT), support.join(",")));
            }
            s
        }
        // A target stated by a theme heading.
        None => {
            let theme = app.board.plan.theme_index(target.theme).map(|i| &app.board.plan.themes[i]);
            format!(
                " {} {} {}  ({})",
                tr(lang, text::THEMES),
                text::numeral(target.theme),
                theme.map(|th| clean(&th.title, look).into_owned()).unwrap_or_default(),
                tr(lang, text::THEME_TARGETS)
            )
        }
    };
    let unit = clean(pace::value_unit(target), look);
    let reading = app.board.target_states[t].reading();
    let mut l3 = if target.kind == TargetKind::Milestone {
        format!(" {} {}", tr(lang, text::GOAL), tr(lang, text::DELIVER))
    } else {
        // The unit on the goal and the value; the pace figure and the start go without.
        let num = |v: Option<f64>| v.map_or_else(|| "-".to_string(), fmt_num);
        let value = pace::value_shown(target, reading).map(|v| format!("{}{unit}", fmt_num(v)));
        let mut s = format!(
            " {} {}  {} {} ({})  {} {} ({})",
            tr(lang, text::GOAL),
            pace::goal(target, reading).text(&unit, super::targets::symbols(look), lang),
            tr(lang, text::VALUE),
            value.unwrap_or_else(|| "-".to_string()),
            pct(e.progress),
            tr(lang, text::PACE),
            num(e.expected),
            pct(e.pace),
        );
        if let Some(start) = pace::start_shown(target, reading) {
            s.push_str(&format!("  {} {}", tr(lang, text::START), fmt_num(start)));
        }
        s
    };
    // A target added during the year is paced from the day it was added.
    if let Some(added) = app.board.target_states[t].since {
        l3.push_str(&format!("  {} {added}", tr(lang, text::ADDED_ON)));
    }
    l3.push_str(&format!("  {} {}", tr(lang, text::DUE), e.due));
    lines.extend(wrap(&l2, w.max(1)).into_iter().map(|l| Line::styled(l, dim(look))));
    lines.extend(wrap(&l3, w.max(1)).into_iter().map(Line::raw));
    // The item's progress note, in full.
    let note = k.map(|k| &app.board.item_states[k].note);
    if let Some(note) = note.filter(|n| !n.is_empty()) {
        let note = format!(" {} {}", tr(lang, text::NOTE), clean(note, look));
        lines.extend(wrap(&note, w.max(1)).into_iter().map(Line::raw));
    }
    lines
}
