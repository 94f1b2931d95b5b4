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
//! [`refusals`]; a plan as read (dry run, goals, file formats) in [`plan`]; the importer's
//! findings and its errors in [`import`]; the reporting cycle (periods, due days, who has
//! reported, the login brief) in [`cycle`]; the Word report's sentences in [`document`]; any
//! other error (files, databases, values) in [`errors`]; a malformed command line in
//! [`usage`]; the board's
//! words in [`tui`]; the ledger's in [`report`].

pub mod cli;
pub mod cycle;
pub mod document;
pub mod errors;
pub mod import;
pub mod plan;
pub mod refusals;
pub mod report;
pub mod tui;
pub mod usage;

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

/// Names joined as a list in `lang`: 办公室、群众体育科 / 办公室, 群众体育科.
pub fn list<S: AsRef<str>>(names: &[S], lang: Lang) -> String {
    let sep = plan::LIST_SEP.get(lang);
    let mut out = String::new();
    for (k, n) in names.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        out.push_str(n.as_ref());
    }
    out
}

/// A template cut at its `{name}` placeholders: text, and each placeholder's name with
/// the placeholder as written. A `{` that opens no name is text.
enum Piece<'a> {
    Text(&'a str),
    Name { name: &'a str, raw: &'a str },
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                out.push(Piece::Text(&rest[..open]));
                out.push(Piece::Name { name: &after[..close], raw: &rest[open..open + close + 2] });
                rest = &after[close + 1..];
            }
            _ => {
                out.push(Piece::Text(&rest[..=open]));
                rest = after;
            }
        }
    }
    out.push(Piece::Text(rest));
    out
}

/// Replaces each `{name}` of `template` with its value in `args`; a placeholder without a
/// value stays as written (the catalogue test catches that).
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    for piece in pieces(template) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Name { name, raw } => match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(&value.to_string()),
                None => out.push_str(raw),
            },
        }
    }
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// The placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let names = pieces(template).into_iter().filter_map(|p| match p {
        Piece::Name { name, .. } => Some(name),
        Piece::Text(_) => None,
    });
    names.collect()
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
pub fn parts() -> [(&'static str, &'static [(&'static str, Tr)]); 10] {
    [
        ("cli", cli::ALL),
        ("cycle", cycle::ALL),
        ("document", document::ALL),
        ("errors", errors::ALL),
        ("import", import::ALL),
        ("plan", plan::ALL),
        ("refusals", refusals::ALL),
        ("report", report::ALL),
        ("tui", tui::ALL),
        ("usage", usage::ALL),
    ]
}

/// ASCII words a Chinese text may hold (separated by spaces): names of commands, options, keys, formats and
/// units a user types or reads as they are.
pub const NAMES: &str = "yaodian init import set add done note reported brief DOCX docx Word Excel uid pid root restore export status targets log undo grant config demo help db \
    plan lang replace year full format json md csv xlsx dept readonly today as of by \
    ascii zh en generate shared group chmod o rwx groupadd ledger PATH FILE ID DIR YYYY \
    MM DD Y UTF GBK Enter Esc Tab Bksp Del PgUp PgDn Home End C S q u x s l e d f n p E D \
    U redb NFS SMB sshfs TUI XDG_DATA_HOME HOME XDG_CONFIG_HOME YAODIAN_DB true false on \
    off os error ASCII XLSX JSON key value man GB BOM WPS doc xls wps et PDF RTF OpenDocument \
    odt ods TERM dumb mouse";

/// The ASCII words of `text` outside placeholders, names and paths.
pub fn english_words(text: &str) -> Vec<String> {
    let mut plain = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Text(t) => plain.push_str(t),
            Piece::Name { .. } => plain.push(' '),
        }
    }
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

    /// Every entry exists in both languages with the same placeholders (each as often as
    /// the language needs); the Chinese has no
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
                zh.dedup();
                en.dedup();
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

    /// Files that still word things inline, to be swept into the catalogue. Only the board's
    /// files are here (they were being changed elsewhere when the rest moved); remove a file
    /// once its words come from the catalogue.
    const NOT_YET_SWEPT: &[&str] = &[];

    /// Whether a line of code words something by language inline: `lang.pick("…", "…")`, a
    /// `Lang::Zh =>` arm (alone or in a tuple), or a `lang == Lang::Zh` test.
    fn words_inline(line: &str) -> bool {
        let code = line.split("//").next().unwrap_or("");
        let arm = ["Lang::Zh", "Lang::En"]
            .iter()
            .any(|l| code.find(l).is_some_and(|at| code[at..].contains("=>")));
        let test =
            ["== Lang::", "!= Lang::", "Lang::Zh ==", "Lang::En ==", "Lang::Zh !=", "Lang::En !="]
                .iter()
                .any(|t| code.contains(t));
        code.contains(".pick(") || arm || test
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every word a user reads comes from the catalogue: no code outside it (and `lang.rs`,
    /// which defines the language) picks words by language inline.
    #[test]
    fn no_words_outside_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        files.sort();
        let mut found = Vec::new();
        for path in &files {
            let name =
                path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
            if name == "src/i18n.rs" || name.starts_with("src/i18n/") || name == "src/lang.rs" {
                continue;
            }
            let text = std::fs::read_to_string(path).expect("read");
            let hits: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| words_inline(l))
                .map(|(n, _)| n + 1)
                .collect();
            match (hits.is_empty(), NOT_YET_SWEPT.contains(&name.as_str())) {
                (false, false) => found
                    .push(format!("{name}: lines {hits:?} word text inline; move it to src/i18n/")),
                (true, true) => found.push(format!("{name}: swept; remove it from NOT_YET_SWEPT")),
                _ => {}
            }
        }
        assert!(found.is_empty(), "{}", found.join("\n"));
        assert!(words_inline(r#"let s = lang.pick("是", "yes");"#));
        assert!(words_inline("        (Lang::Zh, true) => format!(\"…\"),"));
        assert!(words_inline("    let zh = lang == Lang::Zh;"));
        assert!(!words_inline("    let t = words::DONE.get(lang); // not lang.pick(…)"));
    }
}
