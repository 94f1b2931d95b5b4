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
}

impl Query {
    pub fn new(q: &str) -> Query {
        let text = q.trim().to_lowercase();
        let letters = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic());
        Query { text, letters }
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
        let pinyin = |q: &Query| q.letters && q.text.len() >= 2;
        !wider.text.is_empty()
            && self.text.starts_with(&wider.text)
            && pinyin(self) == pinyin(wider)
    }

    /// The query as matched (trimmed, lower case).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a text (title, name, department) matches: as a substring, by pinyin initials
    /// (a run of characters, or a subsequence in short names; a redaction `*` is passed
    /// over) or by full pinyin (substring).
    pub fn matches_text(&self, text: &str) -> bool {
        if self.text.is_empty() {
            return true;
        }
        with_prepared(text, |p| {
            p.lower.contains(&self.text)
                || (self.letters
                    && self.text.len() >= 2
                    && (initials_match(&self.text, &p.tokens) || p.full.contains(&self.text)))
        })
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

/// A text as matching sees it, worked out once: search-as-you-type matches the same titles
/// and names on every keystroke, and their pinyin is most of the cost.
#[derive(Debug)]
struct Prepared {
    lower: String,
    tokens: Vec<Token>,
    full: String,
}

/// Texts prepared so far, per thread; cleared when it grows past this many (a plan has one
/// text per theme, item, department and target).
const PREPARED_MAX: usize = 500_000;

thread_local! {
    static PREPARED: std::cell::RefCell<std::collections::HashMap<Box<str>, std::rc::Rc<Prepared>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn with_prepared<R>(text: &str, f: impl FnOnce(&Prepared) -> R) -> R {
    let cached = PREPARED.with(|m| m.borrow().get(text).cloned());
    let p = cached.unwrap_or_else(|| {
        let p = std::rc::Rc::new(Prepared {
            lower: text.to_lowercase(),
            tokens: tokens(text),
            full: full_pinyin(text),
        });
        PREPARED.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= PREPARED_MAX {
                m.clear();
            }
            m.insert(text.into(), p.clone());
        });
        p
    });
    f(&p)
}

/// One character of a text as seen by initials matching.
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

/// Whether the query's letters match the tokens' initials: as a contiguous run in long
/// texts, as a subsequence in short ones. Redactions are passed over, never matched.
fn initials_match(query: &str, tokens: &[Token]) -> bool {
    let q: Vec<char> = query.chars().collect();
    let gaps = tokens.len() <= SUBSEQUENCE_MAX;
    (0..tokens.len())
        .any(|start| matches!(tokens[start], Token::Letters(_)) && run(&q, &tokens[start..], gaps))
}

/// Matches all of `q` from the start of `tokens`; `gaps` allows skipping characters.
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

/// The text in plain pinyin without tones or spaces (`群众` → `qunzhong`); other characters
/// are kept lower-cased, `*` included.
fn full_pinyin(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for c in text.chars() {
        match c.to_pinyin() {
            Some(p) => out.push_str(p.plain()),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
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
}
