//! The catalogue: every word a user reads, in Chinese and English, for both front ends.
//!
//! An entry is a [`Tr`], a pair of texts. Words with parameters are templates whose
//! `{name}` placeholders [`Tr::fill`] replaces. Entries are grouped by where they are read,
//! one file each; each file lists its entries with [`catalogue!`], which also makes the
//! list a test walks (every entry in both languages, the same placeholders in both, no
//! English word in the Chinese text and no Chinese in the English).
//!
//! Typed errors of the core keep an English `Display` for logs and tests; front ends word
//! them through the renderers here, one function per error type taking the [`Lang`]
//! ([`errors`], [`refusals`]).
//!
//! Where a new word goes: a message of the command line in [`cli`]; a store refusal in
//! [`refusals`]; any other error (files, databases, values, clap's usage errors) in
//! [`errors`]; the board's words in [`tui`]; the ledger's in [`report`].

pub mod cli;
pub mod errors;
pub mod refusals;
pub mod report;
pub mod tui;

pub use crate::lang::Lang;
use std::fmt::Display;

/// One entry of the catalogue: the same words in Chinese and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The text in `lang` with each `{name}` replaced by the value given for `name`.
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(lang), args)
    }
}

/// Picks the words of an entry for a language.
pub fn tr(lang: Lang, t: Tr) -> &'static str {
    t.get(lang)
}

/// Replaces each `{name}` of `template` with its value in `args`; a placeholder without a
/// value stays as written (the catalogue test catches that).
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if is_name(name) => {
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// The placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

/// Declares entries of the catalogue, `NAME: "中文", "English";`, and `ALL`, the list of
/// them by name that the catalogue test walks.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident: $zh:literal, $en:literal;)*) => {
        $($(#[$doc])* pub const $name: $crate::i18n::Tr = $crate::i18n::Tr { zh: $zh, en: $en };)*
        /// Every entry of this part of the catalogue, by name.
        pub const ALL: &[(&str, $crate::i18n::Tr)] = &[$((stringify!($name), $name)),*];
    };
}
pub(crate) use catalogue;

/// Every part of the catalogue, by name.
pub fn parts() -> [(&'static str, &'static [(&'static str, Tr)]); 5] {
    [
        ("cli", cli::ALL),
        ("errors", errors::ALL),
        ("refusals", refusals::ALL),
        ("report", report::ALL),
        ("tui", tui::ALL),
    ]
}

/// ASCII words a Chinese text may hold (separated by spaces): names of commands, options, keys, formats and
/// units a user types or reads as they are.
pub const NAMES: &str = "yaodian init import set add done note reported brief DOCX restore export status targets log undo grant config demo help db \
    plan lang replace year full format json md csv xlsx dept readonly today as of by \
    ascii zh en generate shared group chmod o rwx groupadd ledger PATH FILE ID DIR YYYY \
    MM DD UTF GBK Enter Esc Tab Bksp Del PgUp PgDn Home End C S q u x s l e d f n p E D \
    U redb NFS SMB sshfs TUI XDG_DATA_HOME HOME XDG_CONFIG_HOME YAODIAN_DB true false on \
    off os error ASCII XLSX JSON key value TERM dumb mouse";

/// The ASCII words of `text` outside placeholders, names and paths.
pub fn english_words(text: &str) -> Vec<String> {
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        plain.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                plain.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                plain.push('{');
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    plain
        .split(|c: char| !c.is_ascii_alphabetic() && c != '_')
        .filter(|w| w.len() > 1 || w.chars().any(|c| c.is_ascii_uppercase()))
        .filter(|w| !NAMES.split_whitespace().any(|n| n == *w))
        .map(str::to_string)
        .collect()
}

/// Whether `text` holds a Chinese character.
pub fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || ('，'..='；').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_placeholders() {
        let t = Tr { zh: "{path}：没有这个数据库", en: "{path}: no such database" };
        assert_eq!(t.fill(Lang::Zh, &[("path", &"/x")]), "/x：没有这个数据库");
        assert_eq!(t.fill(Lang::En, &[("path", &"/x")]), "/x: no such database");
        assert_eq!(fill("{missing} {a}", &[("a", &1)]), "{missing} 1");
        assert_eq!(fill("{ not a placeholder }", &[]), "{ not a placeholder }");
        assert_eq!(placeholders("{a} and {b_c} {Not}"), ["a", "b_c"]);
    }

    /// Every entry exists in both languages with the same placeholders; the Chinese has no
    /// English word outside names, the English no Chinese.
    #[test]
    fn every_entry_is_in_both_languages() {
        let mut problems = Vec::new();
        for (part, entries) in parts() {
            for (name, t) in entries {
                let at = format!("{part}::{name}");
                if t.zh.trim().is_empty() || t.en.trim().is_empty() {
                    problems.push(format!("{at}: empty"));
                }
                let (mut zh, mut en) = (placeholders(t.zh), placeholders(t.en));
                zh.sort_unstable();
                en.sort_unstable();
                if zh != en {
                    problems.push(format!("{at}: placeholders {zh:?} vs {en:?}"));
                }
                let words = english_words(t.zh);
                if !words.is_empty() {
                    problems.push(format!("{at}: English in the Chinese: {words:?}"));
                }
                if has_chinese(t.en) {
                    problems.push(format!("{at}: Chinese in the English: {}", t.en));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
