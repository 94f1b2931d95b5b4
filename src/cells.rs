//! Text measured in terminal cells: CJK characters take two, and a cut never falls inside a
//! character. Used by the board and by the plain-text output alike.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string (CJK counts two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts a string to `w` columns at a character boundary, marking the cut with `..`.
pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let room = w.saturating_sub(2);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        out.push(c);
        used += cw;
    }
    if w >= 2 {
        out.push_str("..");
    }
    out
}

/// Cuts a string into lines of at most `w` columns (at least one character each), never
/// inside a character, so a long title or note can be read in full.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w && used > 0 {
            lines.push(String::new());
            used = 0;
        }
        if let Some(l) = lines.last_mut() {
            l.push(c);
        }
        used += cw;
    }
    lines
}

/// Fits and pads a string to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = fit(s, w);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// Right-aligns a string in `w` columns.
pub fn pad_left(s: &str, w: usize) -> String {
    let s = fit(s, w);
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(&s))).collect();
    out.push_str(&s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_character_and_no_line_is_too_wide() {
        let s = "开展场地设施补短板行动, new sites";
        let lines = wrap(s, 7);
        assert_eq!(lines.concat(), s);
        assert!(lines.iter().all(|l| width(l) <= 7), "{lines:?}");
        assert_eq!(wrap("群众", 1), ["群", "众"], "a character wider than the line still goes");
        assert_eq!(wrap("", 5), [""]);
    }
}
