//! What the importer noticed but did not turn into structure: typed findings with a line,
//! rendered in the interface language by [`Diagnostic::message`] from the catalogue. The
//! importer never formats user text itself.

use crate::lang::Lang;

/// One finding, at a line (a paragraph of a .docx, a row of a task table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line in the source text (paragraph of a .docx, row of a sheet).
    pub line: usize,
    pub kind: DiagnosticKind,
    pub what: Finding,
}

/// The broad class of a finding, for filters and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// Item numbering jumps (e.g. 10 → 12).
    SkippedNumber,
    /// An item with no department tag.
    NoDepartment,
    /// A number-like phrase that was not taken as a target.
    NotATarget,
    /// Anything else worth a look (unparsed deadline, duplicate number, …).
    Other,
}

/// Why a number-like phrase is not a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotTarget {
    NameWithDigits,
    Ordinal,
    Range,
    Years,
    Date,
    Duration,
    NoUnit,
    /// A document carried out (落实《…》), not produced.
    CarriedOut,
}

/// What was found, with the data a message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A theme number is missing (一、 then 三、).
    ThemeMissing {
        number: u32,
    },
    /// Items `from..=to` are missing.
    ItemsMissing {
        from: u32,
        to: u32,
    },
    ItemOutOfOrder {
        number: u32,
        after: u32,
    },
    /// A numbered item before the first theme heading, kept as preamble text.
    ItemBeforeTheme {
        number: u32,
    },
    /// An item number repeats; the item got `id`.
    RepeatedNumber {
        number: String,
        id: String,
    },
    NoDepartment {
        item: String,
    },
    /// `item` is empty for a theme heading.
    NotATarget {
        item: String,
        phrase: String,
        why: NotTarget,
    },
    /// Departments named in running text (`责任单位：…` on its own line, `X负责`), read with
    /// this role.
    DepartmentsInText {
        item: String,
        names: Vec<String>,
        lead: bool,
    },
    /// More targets in one item than the importer keeps.
    TooManyTargets {
        item: String,
        kept: usize,
    },
    /// A deadline cell of a task table that names no date.
    UnreadableDue {
        item: String,
        text: String,
    },
    /// A task-table row without a task.
    EmptyRow,
    /// A column of a task table whose header is not one the importer reads.
    IgnoredColumn {
        header: String,
    },
    /// A person (责任领导) is not a department; the column is not read as one.
    PersonColumn {
        header: String,
    },
}

impl Finding {
    /// The class of this finding.
    pub fn kind(&self) -> DiagnosticKind {
        match self {
            Finding::ThemeMissing { .. } | Finding::ItemsMissing { .. } => {
                DiagnosticKind::SkippedNumber
            }
            Finding::NoDepartment { .. } => DiagnosticKind::NoDepartment,
            Finding::NotATarget { .. } => DiagnosticKind::NotATarget,
            _ => DiagnosticKind::Other,
        }
    }
}

impl Diagnostic {
    pub fn new(line: usize, what: Finding) -> Diagnostic {
        Diagnostic { line, kind: what.kind(), what }
    }

    /// The finding as one line in `lang`, saying what to do where there is something to do
    /// (the words are the catalogue's, [`crate::i18n::import::finding`]).
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::import::finding(&self.what, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_in_both_languages() {
        let d = Diagnostic::new(21, Finding::ItemsMissing { from: 11, to: 11 });
        assert_eq!(d.kind, DiagnosticKind::SkippedNumber);
        assert_eq!(d.message(Lang::En), "item 11 missing");
        assert_eq!(d.message(Lang::Zh), "缺少第11项（编号跳过）");
        let d = Diagnostic::new(
            12,
            Finding::DepartmentsInText {
                item: "3".into(),
                names: vec!["区发改局".into()],
                lead: true,
            },
        );
        assert_eq!(d.message(Lang::Zh), "第3项：责任单位写在正文中，已识别为牵头：区发改局");
        let d = Diagnostic::new(
            3,
            Finding::NotATarget {
                item: "1".into(),
                phrase: "5G".into(),
                why: NotTarget::NameWithDigits,
            },
        );
        assert_eq!(d.kind, DiagnosticKind::NotATarget);
        assert_eq!(d.message(Lang::En), "item 1: not a target: 5G (a name with digits)");
    }
}
