//! Normalisation of text as it comes out of Word, WPS or a PDF: a BOM, CRLF line ends,
//! full-width digits, letters and spaces, page footers ("— 3 —"), and lines hard-wrapped in
//! mid-sentence (even between a number and its unit). Also small char helpers shared by the
//! other sub-modules.

/// A logical line: one paragraph of the source after joining hard-wrapped physical lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
    /// `(char offset into text, 1-based source line)` for each physical line joined in.
    pub marks: Vec<(usize, usize)>,
}

impl Line {
    /// The source line the paragraph starts on.
    pub(crate) fn line(&self) -> usize {
        self.marks.first().map_or(0, |m| m.1)
    }

    /// The source line of the char at `pos` (a char offset into `text`).
    pub(crate) fn line_at(&self, pos: usize) -> usize {
        self.marks
            .iter()
            .take_while(|(off, _)| *off <= pos)
            .last()
            .map_or_else(|| self.line(), |m| m.1)
    }
}

/// How a physical line starts, as far as joining hard-wrapped lines is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// A theme or section heading (一、 / （一）).
    Heading,
    /// A numbered item (1. / （1）).
    Item,
    /// Anything else.
    Text,
}

/// The longest line (in chars) the importer reads; a longer one is no plan text.
pub(crate) const MAX_LINE: usize = 20_000;

/// Maps full-width digits, letters, spaces and a few signs to their ASCII forms and
/// Traditional characters to Simplified ones ([`super::traditional`]); keeps Chinese
/// punctuation (（）：、。) as it is.
pub(crate) fn normalize_char(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' | '\u{00A0}' | '\t' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
        '％' => '%',
        '＋' => '+',
        '．' => '.',
        '－' => '-',
        '／' => '/',
        '＊' => '*',
        _ => super::traditional::fold(c),
    }
}

/// The first physical line longer than [`MAX_LINE`] chars: `(1-based line, chars)`.
pub(crate) fn overlong_line(text: &str) -> Option<(usize, usize)> {
    text.split('\n').enumerate().find_map(|(i, l)| {
        // Bytes bound chars from above: only long lines are counted.
        (l.len() > MAX_LINE)
            .then(|| l.chars().count())
            .filter(|n| *n > MAX_LINE)
            .map(|n| (i + 1, n))
    })
}

/// Whether a (trimmed) line is a page footer: "— 3 —", "- 3 -", "第3页", "第 3 页 共 9 页", "3/9".
pub(crate) fn is_footer(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return false;
    }
    let is_dash = |c: char| matches!(c, '—' | '–' | '-' | '―' | '─' | '－');
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return false;
    }
    // — 3 —
    let core = s.trim_matches(is_dash);
    if core.len() < s.len() && !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // 第3页 / 第3页共9页
    if let Some(rest) = s.strip_prefix('第') {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if let Some(rest) = rest.strip_prefix('页') {
            if rest.is_empty() {
                return true;
            }
            if let Some(r) = rest.strip_prefix('共') {
                let r = r.trim_start_matches(|c: char| c.is_ascii_digit());
                return r == "页";
            }
        }
        return false;
    }
    // 3/9
    if let Some((a, b)) = s.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// Chars after which a line is complete (no hard wrap to undo).
fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?' | '）' | ')' | '…')
}

/// Splits `text` into logical lines: BOM and line ends removed, chars normalised, lines
/// trimmed, blank lines and page footers dropped, and with `wraps` hard-wrapped lines joined
/// (text pasted out of Word or a PDF; a .docx has real paragraphs). The first non-empty line
/// (the title) is never joined with what follows. `classify` says how a line starts; a heading
/// never takes a continuation unless it ends with "，" or "、", a line that starts a heading or
/// an item is never a continuation, and no joined line grows past [`MAX_LINE`].
pub(crate) fn lines(text: &str, classify: impl Fn(&str) -> Start, wraps: bool) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<Line> = Vec::new();
    let mut last_len = 0;
    let mut last_kind = Start::Text;
    let mut blank = true;
    let mut bridging = false;
    for (idx, raw) in text.split('\n').enumerate() {
        let no = idx + 1;
        let norm: String = raw
            .chars()
            .map(normalize_char)
            .filter(|c| !c.is_control() && !matches!(c, '\u{200b}' | '\u{feff}'))
            .collect();
        let t = norm.trim();
        if t.is_empty() {
            if !bridging {
                blank = true;
            }
            continue;
        }
        if is_footer(t) {
            // A page break: the paragraph may go on after it.
            bridging = true;
            blank = false;
            continue;
        }
        bridging = false;
        let kind = classify(t);
        let join = wraps
            && !blank
            && kind == Start::Text
            && last_len + t.chars().count() <= MAX_LINE
            && out.len() > 1
            && out.last().is_some_and(|prev| {
                prev.text.chars().last().is_some_and(|c| {
                    !is_terminal(c)
                        && (last_kind != Start::Heading || matches!(c, '，' | '、' | ','))
                })
            });
        if join {
            if let Some(prev) = out.last_mut() {
                let prev_last = prev.text.chars().last();
                let first = t.chars().next();
                if prev_last.is_some_and(|c| c.is_ascii_alphabetic())
                    && first.is_some_and(|c| c.is_ascii_alphabetic())
                {
                    prev.text.push(' ');
                    last_len += 1;
                }
                prev.marks.push((last_len, no));
                prev.text.push_str(t);
                last_len += t.chars().count();
            }
        } else {
            out.push(Line { text: t.to_string(), marks: vec![(0, no)] });
            last_len = t.chars().count();
            last_kind = kind;
        }
        blank = false;
    }
    out
}

/// Whether `chars[pos..]` starts with `pat`.
pub(crate) fn at(chars: &[char], pos: usize, pat: &str) -> bool {
    let mut i = pos;
    for p in pat.chars() {
        match chars.get(i) {
            Some(&c) if c == p => i += 1,
            _ => return false,
        }
    }
    true
}

/// Whether `chars[..end]` ends with `pat`.
pub(crate) fn ends_at(chars: &[char], end: usize, pat: &str) -> bool {
    let n = pat.chars().count();
    end >= n && end <= chars.len() && at(chars, end - n, pat)
}

/// The longest of `pats` that `chars[pos..]` starts with.
pub(crate) fn longest_at<'a>(chars: &[char], pos: usize, pats: &[&'a str]) -> Option<&'a str> {
    pats.iter().filter(|p| at(chars, pos, p)).max_by_key(|p| p.chars().count()).copied()
}

/// The longest of `pats` that `chars[..end]` ends with.
pub(crate) fn longest_ending<'a>(chars: &[char], end: usize, pats: &[&'a str]) -> Option<&'a str> {
    pats.iter().filter(|p| ends_at(chars, end, p)).max_by_key(|p| p.chars().count()).copied()
}

/// Chars that end a clause (a comma-level piece of a sentence).
pub(crate) fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '；' | ';' | '！' | '？' | '!' | '?' | '\n' | '：' | ':')
}

/// Chars that end a sentence.
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?' | '\n')
}

/// The clause around `pos`: `[start, end)`.
pub(crate) fn clause(chars: &[char], pos: usize) -> (usize, usize) {
    bounds(chars, pos, is_clause_end)
}

/// The sentence around `pos`: `[start, end)`.
pub(crate) fn sentence(chars: &[char], pos: usize) -> (usize, usize) {
    bounds(chars, pos, is_sentence_end)
}

fn bounds(chars: &[char], pos: usize, end: fn(char) -> bool) -> (usize, usize) {
    let pos = pos.min(chars.len());
    let start = chars[..pos].iter().rposition(|&c| end(c)).map_or(0, |i| i + 1);
    let stop = chars[pos..].iter().position(|&c| end(c)).map_or(chars.len(), |i| pos + i);
    (start, stop)
}

/// `chars[a..b]` as a trimmed string (clamped, never panics).
pub(crate) fn slice(chars: &[char], a: usize, b: usize) -> String {
    let b = b.min(chars.len());
    let a = a.min(b);
    chars[a..b].iter().collect::<String>().trim().to_string()
}

/// The first year written 20xx年 (or 二〇xx年) in `s`.
pub(crate) fn year_in(s: &str) -> Option<i32> {
    // Years are written digit by digit (二〇二三, never with 十), and the 〇 is often typed
    // as a look-alike (○, O, Cyrillic О): a rule of its own, not `numeral::parse`.
    fn cn(c: char) -> Option<char> {
        let d = match c {
            '〇' | '零' | 'О' | 'o' | 'O' | '○' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        };
        char::from_digit(d, 10)
    }
    let c: Vec<char> = s.chars().collect();
    (0..c.len()).find_map(|i| {
        let four = c.get(i..i + 4)?;
        if c.get(i + 4) != Some(&'年') {
            return None;
        }
        let digits: String = if four.iter().all(char::is_ascii_digit) {
            if i > 0 && c[i - 1].is_ascii_digit() {
                return None;
            }
            four.iter().collect()
        } else {
            if i > 0 && cn(c[i - 1]).is_some() {
                return None;
            }
            four.iter().map(|x| cn(*x)).collect::<Option<String>>()?
        };
        digits.starts_with("20").then(|| digits.parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(_: &str) -> Start {
        Start::Text
    }

    #[test]
    fn full_width_is_mapped() {
        let s: String = "１２３ＡＢｃ％．".chars().map(normalize_char).collect();
        assert_eq!(s, "123ABc%.");
        assert_eq!(normalize_char('（'), '（');
    }

    #[test]
    fn footers() {
        assert!(is_footer("— 3 —"));
        assert!(is_footer("- 12 -"));
        assert!(is_footer("—3—"));
        assert!(is_footer("第 3 页 共 9 页"));
        assert!(is_footer("3/9"));
        assert!(!is_footer("一、加强建设"));
        assert!(!is_footer("2023"));
        assert!(!is_footer("新建3处"));
    }

    #[test]
    fn bom_crlf_and_wraps() {
        let t = "\u{feff}标题2023年\r\n\r\n新建公共设施100\r\n处，维修器材\r\n— 3 —\r\n\r\n8000件。\r\n下一段。";
        let ls = lines(t, plain, true);
        assert_eq!(ls.len(), 3);
        assert_eq!(ls[0].text, "标题2023年");
        assert_eq!(ls[1].text, "新建公共设施100处，维修器材8000件。");
        assert_eq!(ls[1].line(), 3);
        assert_eq!(ls[1].line_at(0), 3);
        assert_eq!(ls[1].line_at(13), 4);
        assert_eq!(ls[1].line_at(20), 7);
        assert_eq!(ls[2].text, "下一段。");
    }

    #[test]
    fn headings_are_not_continued() {
        let classify = |s: &str| {
            if s.starts_with("二、") { Start::Heading } else { Start::Text }
        };
        let ls = lines("标题\n正文开头\n二、标题\n引言", classify, true);
        let texts: Vec<_> = ls.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["标题", "正文开头", "二、标题", "引言"]);
    }

    #[test]
    fn years() {
        assert_eq!(year_in("市体育局2023年工作要点"), Some(2023));
        assert_eq!(year_in("市体育局二〇二四年工作要点"), Some(2024));
        assert_eq!(year_in("市体育局二零二五年工作要点"), Some(2025));
        assert_eq!(year_in("12023年"), None);
        assert_eq!(year_in("1998年"), None);
        assert_eq!(year_in("工作要点"), None);
    }

    #[test]
    fn clauses_and_slices() {
        let c: Vec<char> = "甲，乙丙。丁".chars().collect();
        assert_eq!(clause(&c, 3), (2, 4));
        assert_eq!(sentence(&c, 0), (0, 4));
        assert_eq!(slice(&c, 10, 20), "");
        assert!(ends_at(&c, 4, "乙丙"));
        assert!(!ends_at(&c, 1, "乙丙"));
    }
}
