//! The confirmation over the body when `e` would change a target's kind: the line as typed,
//! then kind, value and status before `->` after, why it matters, and the keys.

use super::targets::value_text;
use super::{clean, dim, fit, pad, pct, status_style, width};
use crate::core::model::Reading;
use crate::tui::app::App;
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let Some(confirm) = app.confirm() else { return };
    let c = &confirm.change;
    let look = &app.look;
    let lang = look.lang;
    let title = format!("{} {}", tr(lang, text::KIND_CHANGE), c.new.id);
    let shown = |t, e| {
        let v = value_text(t, Reading::of(c.value), e, look);
        if t.kind == crate::core::model::TargetKind::Milestone {
            v
        } else {
            format!("{v} {}", pct(e.progress))
        }
    };
    let label_w = [text::KIND, text::VALUE, text::STATUS]
        .iter()
        .map(|&t| width(tr(lang, t)))
        .max()
        .unwrap_or(0)
        + 2;
    let row = |label, before: Span<'static>, after: Span<'static>| {
        Line::from(vec![
            Span::raw(format!(" {}", pad(tr(lang, label), label_w))),
            before,
            Span::raw(" -> "),
            after,
        ])
    };
    let word = |s| Span::styled(text::status(lang, s).to_string(), status_style(Some(s), look));
    let mut lines = vec![
        Line::styled(
            format!(" {}", clean(confirm.back.line.text().trim(), look)),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
        row(
            text::KIND,
            Span::raw(text::kind(lang, c.old.kind).to_string()),
            Span::raw(text::kind(lang, c.new.kind).to_string()),
        ),
        row(text::VALUE, Span::raw(shown(&c.old, &c.before)), Span::raw(shown(&c.new, &c.after))),
        row(text::STATUS, word(c.before.status), word(c.after.status)),
        Line::raw(""),
    ];
    lines.push(Line::styled(format!(" {}", tr(lang, text::KIND_CHANGE_WHY)), dim(look)));
    lines.push(Line::styled(
        format!(" {}", tr(lang, text::KIND_CHANGE_ASK)),
        Style::default().add_modifier(Modifier::BOLD),
    ));
    // As wide as the widest line (both explanations fit an 80-column terminal), no wider
    // than the body; a longer typed line is cut.
    let content_w =
        lines.iter().map(Line::width).chain([width(&title) + 4]).max().unwrap_or(24) + 1;
    let content_w = content_w.min(usize::from(area.width).saturating_sub(6));
    let inner = super::popup(f, area, content_w, lines.len(), &title, look);
    let w = usize::from(inner.width);
    if let Some(first) = lines.first_mut() {
        *first = Line::styled(fit(&first.to_string(), w), first.style);
    }
    f.render_widget(Paragraph::new(lines), inner);
}
