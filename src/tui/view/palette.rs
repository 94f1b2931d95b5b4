//! Every colour the board draws, by what it means. A terminal's background may be dark or
//! light, so no role is drawn in a colour that is one of the two (black, white, the greys:
//! bright black *is* the background of Solarized Dark) or a bright hue that fades on white.
//! With 256 colours the roles take mid-luminance colours of the xterm cube, each at least
//! 3:1 against black and against white (WCAG's contrast ratio, tested below); with 16 the
//! terminal's own six hues, which its theme keeps readable on its background, and dimmed
//! text uses the DIM attribute instead of a grey. Under `NO_COLOR` nothing is coloured and
//! every status is also a word.

use crate::core::model::Status;
use crate::tui::app::Look;
use ratatui::style::{Color, Modifier, Style};

/// What a colour says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 滞后, errors.
    Behind,
    /// 预警, a deadline close.
    AtRisk,
    /// 已完成, the live marker, a message that something worked.
    Done,
    /// The filled part of a bar on pace (正常 text itself is the terminal's own colour).
    OnTrack,
    /// 久未更新.
    Stale,
    /// A search match.
    Match,
    /// The focused pane, active filters, key names.
    Accent,
    /// Less important text.
    Dim,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Behind,
        Role::AtRisk,
        Role::Done,
        Role::OnTrack,
        Role::Stale,
        Role::Match,
        Role::Accent,
        Role::Dim,
    ];

    /// The role's colour in a 256-colour terminal: an xterm cube or grey-ramp index.
    fn indexed(self) -> u8 {
        match self {
            Role::Behind => 160, // #d70000
            Role::AtRisk => 136, // #af8700
            Role::Done => 28,    // #008700
            Role::OnTrack => 31, // #0087af
            Role::Stale => 127,  // #af00af
            Role::Match => 127,  // #af00af (underlined as well)
            Role::Accent => 30,  // #008787
            Role::Dim => 244,    // #808080
        }
    }

    /// The role's colour in a 16-colour terminal (`None`: the DIM attribute, no colour).
    fn ansi(self) -> Option<Color> {
        match self {
            Role::Behind => Some(Color::Red),
            Role::AtRisk => Some(Color::Yellow),
            Role::Done => Some(Color::Green),
            Role::OnTrack => Some(Color::Blue),
            Role::Stale | Role::Match => Some(Color::Magenta),
            Role::Accent => Some(Color::Cyan),
            Role::Dim => None,
        }
    }
}

/// The style of a role: its colour (no style at all under `NO_COLOR`).
pub fn style(role: Role, look: &Look) -> Style {
    if !look.color {
        return Style::default();
    }
    if look.rich {
        return Style::default().fg(Color::Indexed(role.indexed()));
    }
    match role.ansi() {
        Some(c) => Style::default().fg(c),
        None => Style::default().add_modifier(Modifier::DIM),
    }
}

/// The role of a status' colour; `None` for on track, drawn in the terminal's own colour.
pub fn of_status(status: Option<Status>) -> Option<Role> {
    match status {
        Some(Status::Done) => Some(Role::Done),
        Some(Status::AtRisk) => Some(Role::AtRisk),
        Some(Status::Behind) => Some(Role::Behind),
        Some(Status::OnTrack) | None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The xterm 256-colour palette's RGB for the cube (16–231) and the grey ramp (232–255).
    fn rgb(i: u8) -> [f64; 3] {
        let level = |v: u8| if v == 0 { 0.0 } else { f64::from(55 + 40 * u16::from(v)) };
        match i {
            16..=231 => {
                let n = i - 16;
                [level(n / 36), level(n / 6 % 6), level(n % 6)]
            }
            232..=255 => [f64::from(8 + 10 * u16::from(i - 232)); 3],
            _ => panic!("{i} is one of the 16 theme colours"),
        }
    }

    /// WCAG relative luminance.
    fn luminance([r, g, b]: [f64; 3]) -> f64 {
        let lin = |c: f64| {
            let c = c / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: f64, b: f64) -> f64 {
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn every_256_colour_reads_on_black_and_on_white() {
        for role in Role::ALL {
            let l = luminance(rgb(role.indexed()));
            let (on_black, on_white) = (contrast(l, 0.0), contrast(l, 1.0));
            assert!(on_black >= 3.0, "{role:?} on black: {on_black:.2}");
            assert!(on_white >= 3.0, "{role:?} on white: {on_white:.2}");
        }
        // and the test can fail: white text on white, a grey on its own background
        assert!(contrast(luminance(rgb(231)), 1.0) < 3.0);
        assert!(contrast(luminance(rgb(234)), 0.0) < 3.0);
    }

    #[test]
    fn no_16_colour_role_is_a_background_or_a_faded_hue() {
        let vanishing = [
            Color::Black,
            Color::White,
            Color::Gray,
            Color::DarkGray,
            Color::LightYellow,
            Color::LightGreen,
            Color::LightCyan,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightRed,
        ];
        for role in Role::ALL {
            if let Some(c) = role.ansi() {
                assert!(!vanishing.contains(&c), "{role:?} is {c:?}");
            }
        }
    }

    /// Every colour of the board comes from this palette: no file of the view names a
    /// colour of its own (nor paints a bold white marker).
    #[test]
    fn the_views_name_no_colour_outside_the_palette() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
        let mut files = vec![root.join("view.rs")];
        let mut dirs = vec![root.join("view"), root.join("app")];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).expect("dir") {
                let path = e.expect("entry").path();
                if path.is_dir() { dirs.push(path) } else { files.push(path) }
            }
        }
        files.extend(["app.rs", "effect.rs", "keymap.rs"].map(|f| root.join(f)));
        let mut seen = 0;
        for f in files.iter().filter(|f| !f.ends_with("palette.rs")) {
            let text = std::fs::read_to_string(f).expect("source");
            seen += 1;
            assert!(
                !text.contains("Color::"),
                "{} names a colour; use palette::style",
                f.display()
            );
        }
        assert!(seen > 10, "read the view's files");
    }
}
