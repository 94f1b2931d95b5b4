//! Below 80x24 the layout cannot work: say so plainly instead of drawing a broken screen.

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::app::App;
use crate::tui::text::{self, tr};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(f: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.look.lang;
    let lines = vec![
        Line::styled(tr(lang, text::TOO_SMALL), Style::default().add_modifier(Modifier::BOLD)),
        Line::raw(format!("{} {MIN_WIDTH}x{MIN_HEIGHT}", tr(lang, text::TOO_SMALL_NEED))),
        Line::raw(format!("{} {}x{}", tr(lang, text::TOO_SMALL_NOW), area.width, area.height)),
        Line::raw(tr(lang, text::Q_QUITS)),
    ];
    let top = area.height.saturating_sub(4) / 2;
    let body = Rect { y: area.y + top, height: area.height - top, ..area };
    f.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true }),
        body,
    );
}
