//! The two header lines: plan, date, demo and live markers, user; overall progress against
//! pace, counts per status, and the active filters.

use super::palette::{self, Role};
use super::{bar, clean, dim, pct, status_style, width};
use crate::core::model::Status;
use crate::tui::app::{App, DeptFilter, StatusFilter};
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let look = &app.look;
    let lang = look.lang;
    let w = usize::from(area.width);
    let bold = Style::default().add_modifier(Modifier::BOLD);

    // Line 1: title, date, demo | user, read-only, live.
    let mut left = vec![
        Span::styled(format!(" {}", clean(&app.board.plan.title, look)), bold),
        Span::raw(format!("  {}", app.today)),
    ];
    let (cycle, urgent) = cycle_text(app);
    let cycle_style = if urgent && look.color {
        palette::style(Role::AtRisk, look)
    } else if urgent {
        bold
    } else {
        Style::default()
    };
    left.push(Span::styled(format!("  {cycle}"), cycle_style));
    if look.demo {
        let st = if look.color {
            // reversed: the hue as background, the terminal's own background as text
            palette::style(Role::AtRisk, look).add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        };
        left.push(Span::raw("  "));
        left.push(Span::styled(format!(" {} ", tr(lang, text::DEMO)), st));
    }
    let mut right = vec![Span::raw(app.user.clone())];
    if look.readonly {
        right.push(Span::raw(format!("  [{}]", tr(lang, text::READONLY))));
    }
    let live_style = palette::style(Role::Done, look);
    right.push(Span::raw("  "));
    right.push(Span::styled(tr(lang, text::LIVE).to_string(), live_style));
    if let Some(t) = &app.changed_at {
        right.push(Span::styled(format!(" {t}"), dim(look)));
    }
    right.push(Span::raw(" "));
    let line1 = justify(left, right, w);

    // Line 2: progress, pace, counts | filters.
    let plan = &app.eval.plan;
    let progress = plan.progress.unwrap_or(0.0);
    let mut left = vec![Span::raw(format!(" {} {} ", tr(lang, text::PROGRESS), pct(progress)))];
    left.extend(bar(progress, plan.pace, 10, plan.status, look));
    left.push(Span::raw(format!(
        " {} {}",
        tr(lang, text::PACE),
        plan.pace.map_or_else(|| "-".to_string(), pct)
    )));
    for s in [Status::Behind, Status::AtRisk, Status::OnTrack, Status::Done] {
        left.push(Span::raw("  "));
        left.push(Span::styled(
            format!("{} {}", text::status(lang, s), plan.count(s)),
            status_style(Some(s), look),
        ));
    }
    let mut filters = Vec::new();
    if !app.filters.query().is_empty() {
        filters.push(format!("/{}", app.filters.query()));
    }
    match &app.filters.dept {
        DeptFilter::All => {}
        DeptFilter::Mine => {
            filters.push(format!("{}:{}", tr(lang, text::FILTER_DEPT), tr(lang, text::MINE)))
        }
        DeptFilter::One(d) => filters.push(format!("{}:{}", tr(lang, text::FILTER_DEPT), d)),
    }
    let status = match app.filters.status {
        StatusFilter::All => None,
        StatusFilter::Only(s) => Some(text::status(lang, s)),
        StatusFilter::Stale => Some(tr(lang, crate::i18n::report::STALE)),
    };
    if let Some(word) = status {
        filters.push(format!("{}:{word}", tr(lang, text::FILTER_STATUS)));
    }
    let filter_style = if look.color {
        palette::style(Role::Accent, look)
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    };
    let right = if filters.is_empty() {
        Vec::new()
    } else {
        vec![Span::styled(format!("{} ", filters.join(" ")), filter_style)]
    };
    // the stale count gives way to the active filters when both do not fit
    // counted over the whole board, so not on a first frame drawn from a part of it
    let stale = if app.loading { 0 } else { app.cycle.stale.count() };
    if stale > 0 {
        let text = format!("  {} {stale}", tr(lang, crate::i18n::report::STALE));
        let used: usize = left.iter().chain(&right).map(|s| width(&s.content)).sum();
        // alone it may fill the line; beside the filters `justify` wants a gap
        if used + width(&text) + usize::from(!right.is_empty()) <= w {
            left.push(Span::styled(text, super::stale_style(look)));
        }
    }
    // the filters in force matter more than the last counts (已完成, then 正常): those give
    // way when both do not fit
    let wide = |spans: &[Span<'static>]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let counts_from = left.len().saturating_sub(8);
    while !right.is_empty() && wide(&left) + wide(&right) >= w && left.len() > counts_from + 4 {
        left.truncate(left.len() - 2);
    }
    let line2 = justify(left, right, w);
    f.render_widget(Paragraph::new(vec![line1, line2]), area);
}

/// The reporting deadline ("本月报送截止 11-25，剩 3 天"), or that the plan's year is over;
/// urgent within three days of the deadline.
fn cycle_text(app: &App) -> (String, bool) {
    use crate::core::period::Rhythm;
    let lang = app.look.lang;
    if app.ended() {
        let year = app.board.plan.year;
        return (text::YEAR_OVER.fill(lang, &[("year", &year)]), false);
    }
    let Some(due) = app.cycle.due else { return (String::new(), false) };
    let period = tr(
        lang,
        match app.cycle.settings.rhythm {
            Rhythm::Monthly => text::THIS_MONTH,
            Rhythm::Quarterly => text::THIS_QUARTER,
            Rhythm::HalfYearly => text::THIS_HALF,
        },
    );
    let days = (due - app.today).num_days();
    let s = if days <= 0 {
        text::DEADLINE_TODAY.fill(lang, &[("period", &period)])
    } else {
        let due = due.format("%m-%d");
        text::DEADLINE.fill(lang, &[("period", &period), ("due", &due), ("days", &days)])
    };
    (s, days <= 3)
}

/// Puts `right` at the right edge after `left`, dropping `right` when they do not fit.
fn justify(mut left: Vec<Span<'static>>, right: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let lw: usize = left.iter().map(|s| width(&s.content)).sum();
    let rw: usize = right.iter().map(|s| width(&s.content)).sum();
    if lw + rw < w {
        left.push(Span::raw(" ".repeat(w - lw - rw)));
        left.extend(right);
    }
    Line::from(left)
}
