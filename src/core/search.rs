//! Finding themes, items and targets by what people type: ids (`13.2`), Chinese text,
//! department names, pinyin initials (`qzk` for 群众**科) and full pinyin (`qunzhong`).
//!
//! The plans redact some words with `*` (`群众**科` is 群众体育科). In initials a `*` stands
//! for one unknown character: it may match any one letter of the query or be skipped, so both
//! `qzk` and `qzty` find 群众**科. Matching is case-insensitive and has no terminal
//! dependency.

use pinyin::ToPinyin;

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
        let id = id.to_lowercase();
        id == self.text
            || (id.starts_with(&self.text)
                && (self.text.ends_with('.') || id[self.text.len()..].starts_with('.')))
    }

    /// Whether a text (title, name, department) matches: as a substring, by pinyin initials
    /// (subsequence over the characters, `*` as a wildcard) or by full pinyin (substring).
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
    /// A redacted character (`*`).
    Wild,
}

fn tokens(text: &str) -> Vec<Token> {
    text.chars()
        .filter_map(|c| {
            if c == '*' {
                return Some(Token::Wild);
            }
            if c.is_ascii_alphanumeric() {
                return Some(Token::Letters(vec![c.to_ascii_lowercase()]));
            }
            // The common reading only: rare readings of 多音字 (众 as yín) match too much.
            let letter = c.to_pinyin()?.first_letter().chars().next()?;
            Some(Token::Letters(vec![letter]))
        })
        .collect()
}

/// Texts up to this many characters (department names, short target names) match initials
/// as a subsequence; longer ones (titles) only as a contiguous run, or a four-letter query
/// would find something in almost every long title.
const SUBSEQUENCE_MAX: usize = 8;

/// Whether the query's letters match the tokens' initials, each wildcard token matching one
/// letter or none. At least as many letters must match real characters as wildcards, so
/// `**科` alone does not make any three letters ending in `k` match.
fn initials_match(query: &str, tokens: &[Token]) -> bool {
    let q: Vec<char> = query.chars().collect();
    let gaps = tokens.len() <= SUBSEQUENCE_MAX;
    (0..tokens.len()).any(|start| run(&q, &tokens[start..], 0, q.len(), gaps))
}

/// Matches all of `q` from the start of `tokens`. `real` counts the letters matched by
/// real characters so far (out of `len`); `gaps` allows skipping characters.
fn run(q: &[char], tokens: &[Token], real: usize, len: usize, gaps: bool) -> bool {
    let Some((&c, rest_q)) = q.split_first() else {
        return 2 * real >= len;
    };
    let Some((t, rest_t)) = tokens.split_first() else {
        return false;
    };
    match t {
        Token::Wild => run(rest_q, rest_t, real, len, gaps) || run(q, rest_t, real, len, gaps),
        Token::Letters(ls) if ls.contains(&c) => {
            run(rest_q, rest_t, real + 1, len, gaps) || (gaps && run(q, rest_t, real, len, gaps))
        }
        Token::Letters(_) => gaps && run(q, rest_t, real, len, gaps),
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
        assert!(Query::new("qzty").matches_text("群众**科"));
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

    #[test]
    fn single_letter_does_not_match_initials() {
        // One letter would match nearly every title; it only matches literally.
        assert!(!Query::new("q").matches_text("群众"));
        assert!(Query::new("g").matches_text("5G"));
    }
}
