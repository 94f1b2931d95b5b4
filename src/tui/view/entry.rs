//! A history row of the detail view opened in full (Enter): its number, when and by whom,
//! what it changed (with the target's unit), whether it undid another entry, and its note
//! wrapped to the popup's width, so a long note is read to the end.

use super::{clean, dim, fit, pad, width, wrap};
use crate::tui::app::App;
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let Some(u) = app.hist_entry() else { return };
    let look = &app.look;
    let lang = look.lang;
    let target = app.target_index().map(|t| &app.board.plan.targets[t]);
    let title = format!(
        "{} {}",
        target.map_or("", |t| t.id.as_str()),
        text::ENTRY_SEQ.fill(lang, &[("seq", &u.seq)])
    );
    // As wide as the body allows, up to 72 columns of text.
    let content_w = usize::from(area.width).saturating_sub(6).min(72);
    let label_w = [text::ENTRY_WHEN, text::ENTRY_WHO, text::ENTRY_CHANGE, text::ENTRY_NOTE]
        .iter()
        .map(|&t| width(tr(lang, t)))
        .max()
        .unwrap_or(0)
        + 2;
    let field = |label, value: String| {
        Line::from(vec![
            Span::styled(format!(" {}", pad(tr(lang, label), label_w)), dim(look)),
            Span::raw(value),
        ])
    };
    let mut change = super::detail::change_text(app, u);
    if let Some(t) = target.filter(|_| matches!(u.change, crate::core::model::Change::Value { .. }))
    {
        change.push_str(&clean(crate::core::pace::value_unit(t), look));
    }
    let mut lines = vec![
        field(text::ENTRY_WHEN, app.time(u.at, "%Y-%m-%d %H:%M:%S")),
        field(text::ENTRY_WHO, u.user.clone()),
        field(text::ENTRY_CHANGE, change),
    ];
    if let Some(seq) = u.undoes {
        let undoes = text::ENTRY_UNDOES.fill(lang, &[("seq", &seq)]);
        lines.push(Line::styled(format!(" {}{undoes}", " ".repeat(label_w)), dim(look)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(" {}", tr(lang, text::ENTRY_NOTE)),
        Style::default().add_modifier(Modifier::BOLD),
    ));
    let note = clean(&u.note, look);
    if note.trim().is_empty() {
        lines.push(Line::styled(format!(" {}", tr(lang, text::ENTRY_NO_NOTE)), dim(look)));
    } else {
        let room = content_w.saturating_sub(2).max(8);
        lines.extend(wrap(&note, room).into_iter().map(|l| Line::raw(format!(" {l}"))));
    }
    // No taller than the body: a note longer than that is cut at the bottom line.
    let max_rows = usize::from(area.height).saturating_sub(2).max(1);
    if lines.len() > max_rows {
        lines.truncate(max_rows - 1);
        lines.push(Line::styled(" ...", dim(look)));
    }
    let inner = super::popup(f, area, content_w, lines.len(), &title, look);
    let w = usize::from(inner.width);
    let lines: Vec<Line<'static>> = lines
        .into_iter()
        .map(|l| {
            let style = l.style;
            let s = l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
            if width(&s) > w { Line::styled(fit(&s, w), style) } else { l }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
