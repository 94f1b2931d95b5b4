//! Text from the database or the user made safe to print: any editor can put a terminal
//! escape (`\e]0;…\a` sets the window title, OSC 52 writes the viewer's clipboard, `\e[2J`
//! clears the screen) or a bidi override (U+202E turns `cod.exe` round) into a note, a
//! name or a plan, and every human-output sink prints through [`escape`]. JSON keeps the
//! text exact but spelled as `\u` escapes ([`write_json`]); CSV cells also lose their
//! formula prefixes ([`csv_cell`]).

use std::borrow::Cow;

/// Whether `c` changes what a terminal does or how it lays text out, rather than showing a
/// glyph: C0 controls (tab and newline too: a field is one line), DEL, C1 controls, and the
/// bidirectional formatting characters.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` may hold a character [`is_unsafe`] names, from its bytes alone: each such
/// character is a byte below 0x20, DEL, or starts with 0xC2 (C1), 0xD8 (U+061C) or 0xE2
/// (U+200E…U+2069). Chinese text (0xE3…0xE9 leads) passes without decoding a character,
/// which a JSON export at 100k rows paid for in every string.
fn may_be_unsafe(s: &str) -> bool {
    s.bytes().any(|b| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2))
}

/// `s` with every unsafe character shown as a visible escape: `\e` for ESC, `\n`, `\r`,
/// `\t`, and `\u{…}` for the rest. Borrowed when nothing needed escaping (the usual case).
pub fn escape(s: &str) -> Cow<'_, str> {
    if !may_be_unsafe(s) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape`] line by line: a text of several lines keeps its line breaks.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    if !may_be_unsafe(s) || !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split('\n').map(escape).collect::<Vec<_>>().join("\n"))
}

/// Writes `value` as pretty JSON and a final newline, unsafe characters in strings written
/// as `\u` escapes (the same JSON value, harmless on a terminal): how
/// every JSON yaodian prints or saves is written.
/// Streams as it serializes: nothing of the whole document is held.
pub fn write_json<T: serde::Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> Result<(), serde_json::Error> {
    // Not buffered here: the caller's writer decides when bytes go out (a streamed document's
    // first byte is counted by the tests).
    to_writer_pretty(&mut *out, value)?;
    writeln!(out).map_err(serde_json::Error::io)
}

/// `serde_json::to_writer_pretty`, with the escapes of [`write_json`] (no final newline).
pub fn to_writer_pretty<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: W,
    value: &T,
) -> Result<(), serde_json::Error> {
    let pretty = Safe(serde_json::ser::PrettyFormatter::new());
    value.serialize(&mut serde_json::Serializer::with_formatter(out, pretty))
}

/// serde_json's pretty formatter, writing the characters [`is_unsafe`] names inside strings
/// as `\u` escapes (serde_json escapes C0 controls itself).
struct Safe<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for Safe<'_> {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !may_be_unsafe(fragment) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices().filter(|&(_, c)| is_unsafe(c)) {
            w.write_all(&fragment.as_bytes()[start..i])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

/// A CSV cell that a spreadsheet shows as text, never runs: escaped like [`escape`] but
/// keeping line breaks (CSV quotes them), and, as OWASP recommends for CSV injection, a
/// cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` — unless it is a
/// plain number (`-5`, `+1.5`) in a `numeric` column, which stays a number.
pub fn csv_cell(s: &str, numeric: bool) -> Cow<'_, str> {
    let formula =
        s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !(numeric && is_plain_number(s));
    let lines = escape_lines(s);
    if formula { Cow::Owned(format!("'{lines}")) } else { lines }
}

/// A number as a spreadsheet reads one: an optional sign, digits, at most one point.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut points = 0;
    !body.is_empty()
        && body.chars().any(|c| c.is_ascii_digit())
        && body.chars().all(|c| {
            if c == '.' {
                points += 1;
            }
            c.is_ascii_digit() || c == '.'
        })
        && points <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_are_visible_and_plain_text_is_borrowed() {
        assert!(matches!(escape("新建公共场地设施100处"), Cow::Borrowed(_)));
        assert_eq!(escape("a\u{1b}]0;pwned\u{7}b"), "a\\e]0;pwned\\u{7}b");
        assert_eq!(escape("\u{1b}[2J"), "\\e[2J");
        assert_eq!(escape("x\u{202e}exe.doc"), "x\\u{202e}exe.doc");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape("one\ntwo\tthree\r"), "one\\ntwo\\tthree\\r");
        assert_eq!(escape("\u{7f}"), "\\u{7f}");
    }

    /// The byte test lets no unsafe character through: every one, alone and between
    /// Chinese text, is seen as possibly unsafe (a lead byte left out of the test fails it).
    #[test]
    fn every_unsafe_character_is_caught_by_its_bytes() {
        let unsafe_chars: Vec<char> =
            (0..=0x10ffff_u32).filter_map(char::from_u32).filter(|&c| is_unsafe(c)).collect();
        assert_eq!(unsafe_chars.len(), 32 + 33 + 1 + 2 + 5 + 4);
        for c in unsafe_chars {
            assert!(may_be_unsafe(&format!("群众{c}体育")), "{:04x}", u32::from(c));
        }
        assert!(!may_be_unsafe("新建公共体育场地设施100处（群众体育科）"));
    }

    /// What [`write_json`] writes of `value`.
    fn safe_json(value: &impl serde::Serialize) -> String {
        let mut out = Vec::new();
        write_json(&mut out, value).expect("json");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn json_stays_the_same_value() {
        let text = "a\u{1b}]52;c;aGk=\u{7}\u{9b}\u{202e}\u{7f}z";
        let safe = safe_json(&text);
        assert!(!safe.trim_end().chars().any(is_unsafe), "{safe}");
        let back: String = serde_json::from_str(&safe).expect("parses");
        assert_eq!(back, text);
        let value = serde_json::json!({"a": 1, "b": "群众**科"});
        let pretty = serde_json::to_string_pretty(&value).expect("json");
        assert_eq!(safe_json(&value), format!("{pretty}\n"), "safe JSON is serde's JSON");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"y\")", false),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(csv_cell("+1+cmd", false), "'+1+cmd");
        assert_eq!(csv_cell("@SUM(A1)", false), "'@SUM(A1)");
        assert_eq!(csv_cell("-2+3", false), "'-2+3");
        assert_eq!(csv_cell("\tx", false), "'\\tx");
        assert_eq!(csv_cell("-5", true), "-5");
        assert_eq!(csv_cell("-5", false), "'-5");
        assert_eq!(csv_cell("-5+A1", true), "'-5+A1");
        assert_eq!(csv_cell("+1.5", true), "+1.5");
        assert_eq!(csv_cell("-", false), "'-");
        assert_eq!(csv_cell("a\nb", false), "a\nb");
        assert_eq!(csv_cell("a\u{1b}[2Jb", false), "a\\e[2Jb");
        assert!(matches!(csv_cell("64%", false), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn escaped_text_has_nothing_unsafe(s in any::<String>()) {
            prop_assert!(!escape(&s).chars().any(is_unsafe));
            prop_assert!(!csv_cell(&s, false).chars().any(|c| is_unsafe(c) && c != '\n'));
            let safe = safe_json(&s);
            prop_assert!(!safe.trim_end().chars().any(is_unsafe));
            prop_assert_eq!(serde_json::from_str::<String>(&safe).expect("parses"), s);
        }
    }
}
