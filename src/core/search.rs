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
        if text.to_lowercase().contains(&self.text) {
            return true;
        }
        if !self.letters {
            return false;
        }
        let tokens = tokens(text);
        if self.text.len() >= 2 && initials_match(&self.text, &tokens) {
            return true;
        }
        self.text.len() >= 2 && full_pinyin(text).contains(&self.text)
    }
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

/// Whether the query's letters appear in order among the tokens, each wildcard token
/// matching one letter or none. At least as many letters must match real characters as
/// wildcards, so `**科` alone does not make any three letters ending in `k` match.
fn initials_match(query: &str, tokens: &[Token]) -> bool {
    let q: Vec<char> = query.chars().collect();
    // best[k]: the most real-character matches with which the first k query letters can be
    // matched by the tokens seen so far (`None`: not reachable).
    let mut best: Vec<Option<usize>> = vec![None; q.len() + 1];
    best[0] = Some(0);
    for t in tokens {
        for k in (0..q.len()).rev() {
            let Some(real) = best[k] else { continue };
            let next = match t {
                Token::Wild => Some(real),
                Token::Letters(ls) if ls.contains(&q[k]) => Some(real + 1),
                Token::Letters(_) => None,
            };
            if next > best[k + 1] {
                best[k + 1] = next;
            }
        }
    }
    best[q.len()].is_some_and(|real| 2 * real >= q.len())
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
    fn initials_as_subsequence() {
        // 开展场地设施补短板行动: k z c d s s b d b x d
        assert!(Query::new("cdss").matches_text("开展场地设施补短板行动"));
        assert!(Query::new("cdbdb").matches_text("开展场地设施补短板行动"));
        assert!(!Query::new("dc").matches_text("场地"));
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
