//! Finding themes, items and targets by what people type: ids (`13.2`), Chinese text,
//! department names, pinyin initials (`qzk` for 群众**科) and full pinyin (`qunzhong`).
//!
//! The plans redact some words with `*` (`群众**科` is 群众体育科). A redaction stands for
//! characters nobody can read, so it never matches a letter of the query: initials pass over
//! it (`qzk` finds 群众**科, `qzty` does not). Punctuation matches no letter either, and a
//! run of initials in a title does not cross it. Matching is case-insensitive and has no
//! terminal dependency.

use pinyin::ToPinyin;
use std::ops::Range;

/// A query prepared once and matched against many texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Lower-cased, trimmed query text.
    text: String,
    /// True when the query is only ASCII letters (so it may be pinyin).
    letters: bool,
    /// True when it matches pinyin too: letters, at least two of them (one letter would
    /// match the initials of nearly every title).
    pinyin: bool,
}

impl Query {
    pub fn new(q: &str) -> Query {
        let text = q.trim().to_lowercase();
        let letters = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic());
        let pinyin = letters && text.len() >= 2;
        Query { text, letters, pinyin }
    }

    /// True when nothing was typed (everything matches).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether an id matches: equal, or the query is a prefix at a `.` boundary or whole.
    pub fn matches_id(&self, id: &str) -> bool {
        if self.text.is_empty() {
            return true;
        }
        // ids are ASCII as the importer makes them: compared in place, without a copy
        let lowered;
        let id = if id.is_ascii() && !id.bytes().any(|b| b.is_ascii_uppercase()) {
            id
        } else {
            lowered = id.to_lowercase();
            &lowered
        };
        id == self.text
            || (id.starts_with(&self.text)
                && (self.text.ends_with('.') || id[self.text.len()..].starts_with('.')))
    }

    /// Whether everything this query matches as text, `wider` matched too: `wider` is a
    /// shorter start of it and both match the same ways (literally, or also by pinyin,
    /// which needs two letters). Every way of matching text is then narrower for the longer
    /// query (a substring of a substring, initials spelled by a start of the same run), so
    /// a search can test only what the shorter query kept. Ids are not covered: `13` finds
    /// item 13 by id where `1` did not.
    pub fn narrows(&self, wider: &Query) -> bool {
        !wider.text.is_empty() && self.text.starts_with(&wider.text) && self.pinyin == wider.pinyin
    }

    /// The query as matched (trimmed, lower case).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a text (title, name, department) matches: as a substring, by pinyin initials
    /// (a run of characters, or a subsequence in short names; a redaction `*` is passed
    /// over) or by full pinyin (substring). Prepares the text each time: to test many
    /// texts, or the same ones again, prepare them once in [`Texts`].
    pub fn matches_text(&self, text: &str) -> bool {
        if self.text.is_empty() {
            return true;
        }
        let mut one = Texts::default();
        let id = one.add(text);
        self.matches(&one, id)
    }

    /// Whether text `id` of `texts` matches, as [`Query::matches_text`] says: substring
    /// searches over the prepared bytes, no allocation.
    pub fn matches(&self, texts: &Texts, id: TextId) -> bool {
        if self.text.is_empty() {
            return true;
        }
        let t = texts.get(id);
        t.lower.contains(&self.text)
            || (self.pinyin
                && (initials_match(&self.text, t.initials, t.short) || t.full.contains(&self.text)))
    }
}

impl Query {
    /// Where a text matches, as ranges of character positions, to highlight: every place
    /// the query is a substring, else the characters whose initials it spells (a
    /// redaction passed over is not marked), else the characters whose full pinyin holds
    /// it. Empty when the text does not match, or nothing was typed.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        if self.text.is_empty() {
            return Vec::new();
        }
        let lower = text.to_lowercase();
        let chars = |bytes: &str| bytes.chars().count();
        // Lower-casing keeps the count of characters for all but a few letters; where it
        // does not, positions would be off, so mark nothing rather than the wrong thing.
        if chars(&lower) != chars(text) {
            return Vec::new();
        }
        let subs: Vec<Range<usize>> = lower
            .match_indices(&self.text)
            .map(|(i, m)| {
                let start = chars(&lower[..i]);
                start..start + chars(m)
            })
            .collect();
        if !subs.is_empty() || !self.letters || self.text.len() < 2 {
            return subs;
        }
        let toks = tokens(text);
        let q: Vec<char> = self.text.chars().collect();
        let gaps = toks.len() <= SUBSEQUENCE_MAX;
        if let Some(at) = (0..toks.len()).find_map(|start| initials_at(&q, &toks, start, gaps)) {
            return at.into_iter().map(|i| i..i + 1).collect();
        }
        // Full pinyin: the characters whose readings overlap the matched letters.
        let mut spans = Vec::new();
        let mut full = String::new();
        for c in text.chars() {
            let start = full.len();
            match c.to_pinyin() {
                Some(p) => full.push_str(p.plain()),
                None => full.extend(c.to_lowercase()),
            }
            spans.push(start..full.len());
        }
        let Some(at) = full.find(&self.text) else { return Vec::new() };
        let hit = at..at + self.text.len();
        spans
            .iter()
            .enumerate()
            .filter(|(_, s)| s.start < hit.end && hit.start < s.end)
            .map(|(i, _)| i..i + 1)
            .collect()
    }
}

/// The positions of the characters whose initials spell `q` from `start` (the first
/// letters found, skipping characters only with `gaps`); `None` when they do not.
fn initials_at(q: &[char], toks: &[Token], start: usize, gaps: bool) -> Option<Vec<usize>> {
    if !matches!(toks.get(start), Some(Token::Letters(_))) {
        return None;
    }
    let mut at = Vec::with_capacity(q.len());
    let mut want = q.iter().peekable();
    for (i, t) in toks.iter().enumerate().skip(start) {
        let Some(&&c) = want.peek() else { break };
        match t {
            Token::Letters(ls) if ls.contains(&c) => {
                at.push(i);
                want.next();
            }
            Token::Wild => {}
            _ if gaps => {}
            _ => return None,
        }
    }
    want.peek().is_none().then_some(at)
}

/// A text's place in [`Texts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TextId(usize);

impl TextId {
    /// Its position, `0..Texts::len()`, to keep something per text.
    pub fn index(self) -> usize {
        self.0
    }
}

/// Texts prepared for matching, each worked out once (search-as-you-type tests the same
/// texts on every keystroke, and their pinyin was most of the cost), kept in one buffer:
/// the text, its lower case when that differs, the initial of each character and its full
/// pinyin.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    buf: String,
    spans: Vec<Span>,
}

/// Where one text's forms lie in [`Texts::buf`]: the text from `start` to `lower`, its lower
/// case up to `initials` (empty when the text is its own lower case), its initials up to
/// `full`, its full pinyin up to `end`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    lower: usize,
    initials: usize,
    full: usize,
    end: usize,
    /// Few enough characters that initials match as a subsequence ([`SUBSEQUENCE_MAX`]).
    short: bool,
}

/// One text as matching reads it.
struct Prepared<'a> {
    lower: &'a str,
    /// One ASCII byte per character, redactions left out: the lower-case initial of the
    /// character's common reading or the ASCII letter or digit itself, [`BREAK`] for
    /// anything else (punctuation, a space, a character without a reading), so a run of
    /// initials does not cross it.
    initials: &'a str,
    full: &'a str,
    short: bool,
}

/// What stands in the initials for a character that matches no letter.
const BREAK: char = ' ';

impl Texts {
    /// Prepares `text` and says where it is.
    pub fn add(&mut self, text: &str) -> TextId {
        let start = self.buf.len();
        self.buf.push_str(text);
        let lower = self.buf.len();
        self.buf.push_str(&text.to_lowercase());
        if self.buf[lower..] == *text {
            self.buf.truncate(lower);
        }
        let initials = self.buf.len();
        for c in text.chars() {
            if c == '*' {
                continue;
            }
            let letter = if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else {
                // The common reading only: rare readings of 多音字 (众 as yín) match too much.
                c.to_pinyin().and_then(|p| p.first_letter().chars().next())
            };
            self.buf.push(letter.filter(char::is_ascii_alphanumeric).unwrap_or(BREAK));
        }
        let full = self.buf.len();
        for c in text.chars() {
            match c.to_pinyin() {
                Some(p) => self.buf.push_str(p.plain()),
                None => self.buf.extend(c.to_lowercase()),
            }
        }
        let short = text.chars().count() <= SUBSEQUENCE_MAX;
        let end = self.buf.len();
        self.spans.push(Span { start, lower, initials, full, end, short });
        TextId(self.spans.len() - 1)
    }

    /// How many texts there are; their ids are `0..len` in the order added.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The text as it was added.
    pub fn text(&self, id: TextId) -> &str {
        let s = self.spans[id.0];
        &self.buf[s.start..s.lower]
    }

    fn get(&self, id: TextId) -> Prepared<'_> {
        let s = self.spans[id.0];
        let lower = if s.lower == s.initials { s.start..s.lower } else { s.lower..s.initials };
        Prepared {
            lower: &self.buf[lower],
            initials: &self.buf[s.initials..s.full],
            full: &self.buf[s.full..s.end],
            short: s.short,
        }
    }
}

/// One character of a text as seen by highlighting initials.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// The first letter of the character's common reading, or the ASCII letter or digit.
    Letters(Vec<char>),
    /// A redacted character (`*`): matches no letter, initials pass over it.
    Wild,
    /// Punctuation or a space: matches no letter, and a run of initials stops at it.
    Break,
}

fn tokens(text: &str) -> Vec<Token> {
    text.chars()
        .map(|c| {
            if c == '*' {
                return Token::Wild;
            }
            if c.is_ascii_alphanumeric() {
                return Token::Letters(vec![c.to_ascii_lowercase()]);
            }
            // The common reading only: rare readings of 多音字 (众 as yín) match too much.
            match c.to_pinyin().and_then(|p| p.first_letter().chars().next()) {
                Some(letter) => Token::Letters(vec![letter]),
                None => Token::Break,
            }
        })
        .collect()
}

/// Texts up to this many characters (department names, short target names) match initials
/// as a subsequence; longer ones (titles) only as a contiguous run, or a four-letter query
/// would find something in almost every long title.
const SUBSEQUENCE_MAX: usize = 6;

/// Whether the query's letters (ASCII, lower case) are spelled by a text's initials: as a
/// contiguous run in long texts, as a subsequence in short ones. Redactions are left out
/// of the initials, so both pass over them without matching them.
fn initials_match(query: &str, initials: &str, short: bool) -> bool {
    if short {
        let mut want = query.bytes().peekable();
        for b in initials.bytes() {
            if want.peek() == Some(&b) {
                want.next();
            }
        }
        want.peek().is_none()
    } else {
        initials.contains(query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_whole_or_at_dot() {
        let q = Query::new("13.2");
        assert!(q.matches_id("13.2"));
        assert!(!q.matches_id("13.21"));
        let q = Query::new("13");
        assert!(q.matches_id("13"));
        assert!(q.matches_id("13.1"));
        assert!(!q.matches_id("131"));
    }

    #[test]
    fn chinese_substring_matches() {
        assert!(Query::new("场地").matches_text("开展场地设施补短板行动"));
        assert!(!Query::new("足球").matches_text("开展场地设施补短板行动"));
    }

    #[test]
    fn initials_with_redaction() {
        assert!(Query::new("qzk").matches_text("群众**科"));
        assert!(!Query::new("qzty").matches_text("群众**科"), "a redaction is no 体育");
        assert!(Query::new("QZK").matches_text("群众**科"));
        assert!(Query::new("yyxlk").matches_text("业余训练科"));
        assert!(!Query::new("jjk").matches_text("群众**科"));
        assert!(!Query::new("yyk").matches_text("群众**科"));
    }

    #[test]
    fn initials_as_run_in_titles_and_subsequence_in_short_names() {
        // 开展场地设施补短板行动: k z c d s s b d b x d
        assert!(Query::new("cdss").matches_text("开展场地设施补短板行动"));
        assert!(!Query::new("cdbdb").matches_text("开展场地设施补短板行动"));
        assert!(!Query::new("dc").matches_text("场地"));
        // Short names: letters may skip characters.
        assert!(Query::new("yxk").matches_text("业余训练科"));
        // A long title does not match four scattered initials.
        assert!(!Query::new("qzty").matches_text("强化政治建设，推动**事业迈上新台阶"));
    }

    #[test]
    fn full_pinyin_matches() {
        assert!(Query::new("qunzhong").matches_text("群众**科"));
        assert!(Query::new("ChangDi").matches_text("开展场地设施补短板行动"));
        assert!(!Query::new("zuqiu").matches_text("群众**科"));
    }

    #[test]
    fn highlights_mark_what_matched() {
        assert_eq!(Query::new("场地").highlights("开展场地设施，场地"), [2..4, 7..9]);
        assert_eq!(Query::new("qzk").highlights("群众**科"), [0..1, 1..2, 4..5]);
        assert_eq!(
            Query::new("cdss").highlights("开展场地设施补短板行动"),
            [2..3, 3..4, 4..5, 5..6]
        );
        assert_eq!(Query::new("changdi").highlights("开展场地设施"), [2..3, 3..4]);
        assert!(Query::new("足球").highlights("开展场地设施").is_empty());
        assert!(Query::new("").highlights("开展").is_empty());
        for (q, text) in
            [("qzk", "群众**科"), ("cdss", "开展场地设施补短板行动"), ("yxk", "业余训练科")]
        {
            let q = Query::new(q);
            assert_eq!(q.matches_text(text), !q.highlights(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn ascii_in_text_counts_as_letters() {
        assert!(Query::new("gyy").matches_text("5G应用"));
    }

    #[test]
    fn empty_query_matches_everything() {
        let q = Query::new("  ");
        assert!(q.is_empty());
        assert!(q.matches_text("任何"));
        assert!(q.matches_id("1"));
    }

    /// A redaction (`*`) or punctuation stands for no letter: `qz` does not find a title
    /// whose `q` is followed by `**`, and the first item `qz` finds in the bundled plan is
    /// one of 群众**科's.
    #[test]
    fn redactions_and_punctuation_never_match_a_letter() {
        let q = Query::new("qz");
        assert!(!q.matches_text("推进全**"), "* matched z");
        assert!(!q.matches_text("坚持党的全面领导加强，总体推进各项工作"), "a run crossed a comma");
        assert!(q.matches_text("群众**科"));
        assert!(Query::new("qzk").matches_text("群众**科"));
        let plan = crate::core::import::parse(
            include_str!("../../data/2023-work-plan.txt"),
            &crate::core::import::ImportOptions::default(),
        )
        .expect("plan")
        .plan;
        let first = plan
            .items
            .iter()
            .find(|i| {
                q.matches_text(&i.title) || i.departments.iter().any(|d| q.matches_text(&d.name))
            })
            .expect("a match");
        assert!(
            first.departments.iter().any(|d| d.name == "群众**科"),
            "{}: {}",
            first.id,
            first.title
        );
    }

    #[test]
    fn single_letter_does_not_match_initials() {
        // One letter would match nearly every title; it only matches literally.
        assert!(!Query::new("q").matches_text("群众"));
        assert!(Query::new("g").matches_text("5G"));
    }

    /// Matching as it was before texts were prepared in one buffer: a token per character,
    /// a backtracking run of initials from every start, the lower case and full pinyin
    /// worked out per text. The prepared matcher must say what this says.
    mod reference {
        use super::super::{SUBSEQUENCE_MAX, Token, tokens};
        use pinyin::ToPinyin;

        pub struct Text {
            lower: String,
            tokens: Vec<Token>,
            full: String,
        }

        impl Text {
            pub fn new(text: &str) -> Text {
                let mut full = String::new();
                for c in text.chars() {
                    match c.to_pinyin() {
                        Some(p) => full.push_str(p.plain()),
                        None => full.extend(c.to_lowercase()),
                    }
                }
                Text { lower: text.to_lowercase(), tokens: tokens(text), full }
            }
        }

        pub fn matches(query: &str, t: &Text) -> bool {
            let q = query.trim().to_lowercase();
            if q.is_empty() {
                return true;
            }
            let letters = q.chars().all(|c| c.is_ascii_alphabetic());
            t.lower.contains(&q)
                || (letters && q.len() >= 2 && (initials(&q, &t.tokens) || t.full.contains(&q)))
        }

        fn initials(query: &str, tokens: &[Token]) -> bool {
            let q: Vec<char> = query.chars().collect();
            let gaps = tokens.len() <= SUBSEQUENCE_MAX;
            (0..tokens.len()).any(|start| {
                matches!(tokens[start], Token::Letters(_)) && run(&q, &tokens[start..], gaps)
            })
        }

        fn run(q: &[char], tokens: &[Token], gaps: bool) -> bool {
            let Some((&c, rest_q)) = q.split_first() else {
                return true;
            };
            let Some((t, rest_t)) = tokens.split_first() else {
                return false;
            };
            match t {
                Token::Wild => run(q, rest_t, gaps),
                Token::Letters(ls) if ls.contains(&c) => {
                    run(rest_q, rest_t, gaps) || (gaps && run(q, rest_t, gaps))
                }
                Token::Letters(_) | Token::Break => gaps && run(q, rest_t, gaps),
            }
        }
    }

    /// Every text of the bundled plan and of a generated one (titles, departments, target
    /// names), and a few made to be awkward.
    fn corpus() -> Vec<String> {
        let bundled = crate::core::import::parse(
            include_str!("../../data/2023-work-plan.txt"),
            &crate::core::import::ImportOptions::default(),
        )
        .expect("plan")
        .plan;
        let generated = crate::core::generate::plan(&crate::core::generate::Spec::new(4, 6, 6, 0))
            .expect("plan");
        let mut texts: Vec<String> = Vec::new();
        for plan in [&bundled, &generated] {
            texts.extend(plan.themes.iter().map(|t| t.title.clone()));
            texts.extend(plan.items.iter().map(|i| i.title.clone()));
            texts.extend(
                plan.items.iter().flat_map(|i| i.departments.iter().map(|d| d.name.clone())),
            );
            texts.extend(plan.targets.iter().map(|t| t.name.clone()));
        }
        texts.extend(
            [
                "",
                "*",
                "**科",
                "5G应用",
                "ΣΑΣ",
                "KELVIN \u{212a}",
                "Ab·Cd",
                "群众**科",
                "a*b",
                "欸乃",
            ]
            .map(String::from),
        );
        texts.sort();
        texts.dedup();
        texts
    }

    /// Queries drawn from the texts: runs of their initials, pieces of their full pinyin and
    /// of the text itself, and a few fixed ones.
    fn queries(texts: &[String]) -> Vec<String> {
        let mut qs: Vec<String> = [
            "l", "q", "qz", "qzk", "qzty", "lqts", "lanqiu", "篮球", "zzzz", "13", "13.2", "*",
            "**", "科", "  QZK ", "k", "\u{212a}", "σ", "ς", "ab", "a*", "gyy", "yxk", "cdss",
            "cdbdb", "dc",
        ]
        .map(String::from)
        .to_vec();
        for (n, text) in texts.iter().enumerate() {
            let chars: Vec<char> = text.chars().collect();
            let initials: String = tokens(text)
                .iter()
                .filter_map(|t| match t {
                    Token::Letters(l) => l.first().copied(),
                    _ => None,
                })
                .collect();
            for len in 2..=4 {
                let i = n % chars.len().max(1);
                qs.push(initials.chars().skip(i % initials.len().max(1)).take(len).collect());
                qs.push(chars.iter().skip(i).take(len - 1).collect());
            }
            let full: String = text
                .chars()
                .map(|c| c.to_pinyin().map_or(String::new(), |p| p.plain().to_string()))
                .collect();
            for len in [2, 3, 5, 8] {
                qs.push(full.chars().skip(n % full.len().max(1)).take(len).collect());
            }
        }
        qs.sort();
        qs.dedup();
        qs
    }

    /// The prepared matcher says what matching said before texts were prepared, for every
    /// text of the bundled and a generated plan and many queries.
    #[test]
    fn prepared_matching_agrees_with_the_reference() {
        let corpus = corpus();
        let mut texts = Texts::default();
        let ids: Vec<TextId> = corpus.iter().map(|t| texts.add(t)).collect();
        let refs: Vec<reference::Text> = corpus.iter().map(|t| reference::Text::new(t)).collect();
        let queries = queries(&corpus);
        assert!(queries.len() > 300, "{} queries", queries.len());
        let mut hits = 0;
        for q in &queries {
            let query = Query::new(q);
            for ((text, &id), r) in corpus.iter().zip(&ids).zip(&refs) {
                let want = reference::matches(q, r);
                assert_eq!(query.matches(&texts, id), want, "{q:?} in {text:?}");
                assert_eq!(query.matches_text(text), want, "{q:?} in {text:?}");
                hits += usize::from(want);
            }
        }
        assert!(hits > 1000, "the queries find things: {hits}");
    }

    proptest::proptest! {
        /// Any query, any text: the same answer.
        #[test]
        fn prepared_matching_agrees_on_any_text(q in "[a-zA-Z*. 群众体育科篮球]{0,5}", text in "\\PC{0,12}") {
            let mut texts = Texts::default();
            let id = texts.add(&text);
            let want = reference::matches(&q, &reference::Text::new(&text));
            proptest::prop_assert_eq!(Query::new(&q).matches(&texts, id), want);
            proptest::prop_assert_eq!(texts.text(id), text.as_str());
        }
    }
}
