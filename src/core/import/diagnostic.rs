//! What the importer noticed but did not turn into structure: typed findings with a line,
//! rendered in the interface language by [`Diagnostic::message`]. The importer never formats
//! user text itself.

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

    /// The finding as one line in `lang`, saying what to do where there is something to do.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match &self.what {
            Finding::ThemeMissing { number } => {
                if zh {
                    format!("缺少第{number}个主题（编号跳过）")
                } else {
                    format!("theme {number} missing")
                }
            }
            Finding::ItemsMissing { from, to } => match (zh, from == to) {
                (true, true) => format!("缺少第{from}项（编号跳过）"),
                (true, false) => format!("缺少第{from}–{to}项（编号跳过）"),
                (false, true) => format!("item {from} missing"),
                (false, false) => format!("items {from}–{to} missing"),
            },
            Finding::ItemOutOfOrder { number, after } => {
                if zh {
                    format!("第{number}项排在第{after}项之后，编号顺序有误")
                } else {
                    format!("item number {number} out of order (after {after})")
                }
            }
            Finding::ItemBeforeTheme { number } => {
                if zh {
                    format!("第{number}项在第一个主题（一、）之前，已作为前言保留")
                } else {
                    format!("item {number} before the first theme heading kept in the preamble")
                }
            }
            Finding::RepeatedNumber { number, id } => {
                if zh {
                    format!("编号{number}重复，此项编号记为{id}")
                } else {
                    format!("item number {number} repeats; its id is {id}")
                }
            }
            Finding::NoDepartment { item } => {
                if zh {
                    format!("第{item}项未写责任单位：可在条目后加“（责任单位：…）”")
                } else {
                    format!("item {item} names no department: add （责任单位：…） after it")
                }
            }
            Finding::NotATarget { item, phrase, why } => {
                let reason = why_text(*why, zh);
                match (zh, item.is_empty()) {
                    (true, true) => format!("主题标题中的“{phrase}”未作为指标（{reason}）"),
                    (true, false) => format!("第{item}项：“{phrase}”未作为指标（{reason}）"),
                    (false, true) => format!("theme heading: not a target: {phrase} ({reason})"),
                    (false, false) => format!("item {item}: not a target: {phrase} ({reason})"),
                }
            }
            Finding::DepartmentsInText { item, names, lead } => {
                let names = names.join("、");
                match (zh, lead) {
                    (true, true) => {
                        format!("第{item}项：责任单位写在正文中，已识别为牵头：{names}")
                    }
                    (true, false) => {
                        format!("第{item}项：配合单位写在正文中，已识别为配合：{names}")
                    }
                    (false, true) => {
                        format!("item {item}: departments named in the text, read as lead: {names}")
                    }
                    (false, false) => format!(
                        "item {item}: departments named in the text, read as support: {names}"
                    ),
                }
            }
            Finding::TooManyTargets { item, kept } => {
                if zh {
                    format!("第{item}项指标过多，只保留前{kept}个；可拆分该项")
                } else {
                    format!(
                        "item {item} has too many targets; the first {kept} are kept (split the item)"
                    )
                }
            }
            Finding::UnreadableDue { item, text } => {
                if zh {
                    format!(
                        "第{item}项：完成时限“{text}”无法识别为日期，可写成“9月底前”或“2025年6月30日前”"
                    )
                } else {
                    format!(
                        "item {item}: deadline {text:?} names no date; write it as 9月底前 or 2025年6月30日前"
                    )
                }
            }
            Finding::EmptyRow => {
                lang.pick("此行没有任务内容，已跳过", "a row without a task, skipped").to_string()
            }
            Finding::IgnoredColumn { header } => {
                if zh {
                    format!("未读取“{header}”列（不是任务表的已知列名）")
                } else {
                    format!("column {header:?} not read (not a known task-table header)")
                }
            }
            Finding::PersonColumn { header } => {
                if zh {
                    format!("“{header}”列是责任人，不作为责任单位读取")
                } else {
                    format!("column {header:?} names people, not read as departments")
                }
            }
        }
    }
}

fn why_text(why: NotTarget, zh: bool) -> &'static str {
    match (why, zh) {
        (NotTarget::NameWithDigits, true) => "带数字的名称",
        (NotTarget::NameWithDigits, false) => "a name with digits",
        (NotTarget::Ordinal, true) => "序数",
        (NotTarget::Ordinal, false) => "an ordinal",
        (NotTarget::Range, true) => "区间",
        (NotTarget::Range, false) => "a range",
        (NotTarget::Years, true) => "年数",
        (NotTarget::Years, false) => "a number of years",
        (NotTarget::Date, true) => "日期",
        (NotTarget::Date, false) => "a date",
        (NotTarget::Duration, true) => "时长",
        (NotTarget::Duration, false) => "a duration",
        (NotTarget::NoUnit, true) => "没有单位",
        (NotTarget::NoUnit, false) => "a number without a unit",
        (NotTarget::CarriedOut, true) => "执行的文件，不是要制定的文件",
        (NotTarget::CarriedOut, false) => "a document carried out, not produced",
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
