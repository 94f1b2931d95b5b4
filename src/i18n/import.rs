//! The importer's words: what it noticed in a plan file ([`finding`]), why a file cannot be
//! imported at all ([`error`]), and where a line of a file is ([`locus`]).

use super::{Lang, Tr, catalogue};
use crate::core::import::{Finding, Format, ImportError, NotTarget, Unsupported};

catalogue! {
    LINE: "第{n}行", "line {n}";
    PARAGRAPH: "第{n}段", "paragraph {n}";
    ROW: "第{n}行", "row {n}";
    /// A finding with where it is.
    AT: "{at}：{finding}", "{at}: {finding}";
    THEME_MISSING: "缺少第{number}个主题（编号跳过）", "theme {number} missing";
    ITEM_MISSING: "缺少第{from}项（编号跳过）", "item {from} missing";
    ITEMS_MISSING: "缺少第{from}–{to}项（编号跳过）", "items {from}–{to} missing";
    OUT_OF_ORDER: "第{number}项排在第{after}项之后，编号顺序有误",
        "item number {number} out of order (after {after})";
    BEFORE_THEME: "第{number}项在第一个主题（一、）之前，已作为前言保留",
        "item {number} before the first theme heading kept in the preamble";
    REPEATED: "编号{number}重复，此项编号记为{id}", "item number {number} repeats; its id is {id}";
    NO_DEPARTMENT: "第{item}项未写责任单位：可在条目后加“（责任单位：…）”",
        "item {item} names no department: add its department in brackets after it, as the plan does for others";
    NOT_A_TARGET_THEME: "主题标题中的“{phrase}”未作为指标（{reason}）",
        "theme heading: not a target: {phrase} ({reason})";
    NOT_A_TARGET: "第{item}项：“{phrase}”未作为指标（{reason}）",
        "item {item}: not a target: {phrase} ({reason})";
    LEADS_IN_TEXT: "第{item}项：责任单位写在正文中，已识别为牵头：{names}",
        "item {item}: departments named in the text, read as lead: {names}";
    SUPPORTS_IN_TEXT: "第{item}项：配合单位写在正文中，已识别为配合：{names}",
        "item {item}: departments named in the text, read as support: {names}";
    TOO_MANY_TARGETS: "第{item}项指标过多，只保留前{kept}个；可拆分该项",
        "item {item} has too many targets; the first {kept} are kept (split the item)";
    UNREADABLE_DUE: "第{item}项：完成时限“{text}”无法识别为日期，可写成“9月底前”或“2025年6月30日前”",
        "item {item}: the deadline \"{text}\" names no date; write a month or a day, as the plan's other deadlines do";
    IGNORED_COLUMN: "未读取“{header}”列（不是任务表的已知列名）",
        "column \"{header}\" not read (not a known task-table header)";
    PERSON_COLUMN: "“{header}”列是责任人，不作为责任单位读取",
        "column \"{header}\" names people, not read as departments";
    WHY_NAME_WITH_DIGITS: "带数字的名称", "a name with digits";
    WHY_ORDINAL: "序数", "an ordinal";
    WHY_RANGE: "区间", "a range";
    WHY_YEARS: "年数", "a number of years";
    WHY_DATE: "日期", "a date";
    WHY_DURATION: "时长", "a duration";
    WHY_NO_UNIT: "没有单位", "a number without a unit";
    WHY_CARRIED_OUT: "执行的文件，不是要制定的文件", "a document carried out, not produced";
    NO_PLAN: "没有找到计划：文中没有主题标题（一、…）也没有编号条目（1. …）",
        "no plan found: the text has no theme heading and no numbered item (1. …)";
    NO_YEAR: "没有计划年度：标题、文号和成文日期都没有写年份；请加 --year",
        "no plan year: neither the title, the document number nor the date names a year; pass --year";
    BAD_YEAR: "年度{year}超出范围（1949–2200）", "year {year} is out of range (1949–2200)";
    TOO_LARGE: "文件有{bytes}字节，超过计划文件的上限{limit}字节",
        "the file is {bytes} bytes, more than the {limit} a plan may have";
    NOT_TEXT: "第{line}行：既不是UTF-8、UTF-16，也不是GB18030（GBK）文本；请把计划另存为UTF-8文本或.docx",
        "line {line}: neither UTF-8, UTF-16 nor GB18030 (GBK) text; save the plan as UTF-8 text or .docx";
    AMBIGUOUS_ENCODING: "无法判断文本是UTF-8还是GB18030（GBK）编码；请另存为“带BOM的UTF-8”（记事本：另存为，编码选UTF-8）",
        "the text reads as UTF-8 and as GB18030 (GBK) alike; save it as UTF-8 with a BOM";
    LINE_TOO_LONG: "第{line}行有{chars}个字符，超过每行{limit}个字符的上限",
        "line {line} has {chars} characters, more than the {limit} a plan line may have";
    DAMAGED: "{format}文件已损坏：{detail}", "damaged {format} file: {detail}";
    BOMB: "文件中的{part}解压后超过{limit}字节，拒绝读取",
        "part {part} of the file unpacks to more than {limit} bytes; refused";
    NO_TASK_TABLE: "没有找到任务表：没有哪张表的表头写有“重点任务/工作任务/任务名称/具体目标”",
        "no task table: no sheet has a header row naming the tasks";
    OLD_OFFICE: "这是旧版Word/Excel/WPS文件（.doc/.xls/.wps/.et），请在Word/WPS/Excel中另存为.docx、.xlsx或文本后再导入",
        "an old Word/Excel/WPS file (.doc/.xls/.wps/.et): save it as .docx, .xlsx or text";
    PDF: "PDF文件无法导入：请复制其中的文字另存为文本，或另存为.docx",
        "a PDF: copy its text into a text file, or save it as .docx";
    RTF: "RTF文件无法导入：请另存为.docx或文本", "an RTF file: save it as .docx or text";
    OPEN_DOCUMENT: "OpenDocument文件（.odt/.ods）无法导入：请另存为.docx或.xlsx",
        "an OpenDocument file (.odt/.ods): save it as .docx or .xlsx";
    ARCHIVE: "压缩包既不是.docx也不是.xlsx，无法导入",
        "a zip archive that is neither a .docx nor an .xlsx";
}

/// Where line `n` of a file is, as a person finds it: a text line, a paragraph of a
/// document, a row of a sheet.
pub fn locus(format: Format, n: usize, lang: Lang) -> String {
    let t = match format {
        Format::Text(_) => LINE,
        Format::Docx => PARAGRAPH,
        Format::Xlsx => ROW,
    };
    t.fill(lang, &[("n", &n)])
}

/// A finding of the importer as one line, saying what to do where there is something to do.
pub fn finding(what: &Finding, lang: Lang) -> String {
    match what {
        Finding::ThemeMissing { number } => THEME_MISSING.fill(lang, &[("number", number)]),
        Finding::ItemsMissing { from, to } if from == to => {
            ITEM_MISSING.fill(lang, &[("from", from)])
        }
        Finding::ItemsMissing { from, to } => {
            ITEMS_MISSING.fill(lang, &[("from", from), ("to", to)])
        }
        Finding::ItemOutOfOrder { number, after } => {
            OUT_OF_ORDER.fill(lang, &[("number", number), ("after", after)])
        }
        Finding::ItemBeforeTheme { number } => BEFORE_THEME.fill(lang, &[("number", number)]),
        Finding::RepeatedNumber { number, id } => {
            REPEATED.fill(lang, &[("number", number), ("id", id)])
        }
        Finding::NoDepartment { item } => NO_DEPARTMENT.fill(lang, &[("item", item)]),
        Finding::NotATarget { item, phrase, why } => {
            let reason = why_not(*why).get(lang);
            let t = if item.is_empty() { NOT_A_TARGET_THEME } else { NOT_A_TARGET };
            t.fill(lang, &[("item", item), ("phrase", phrase), ("reason", &reason)])
        }
        Finding::DepartmentsInText { item, names, lead } => {
            let t = if *lead { LEADS_IN_TEXT } else { SUPPORTS_IN_TEXT };
            t.fill(lang, &[("item", item), ("names", &super::list(names, lang))])
        }
        Finding::TooManyTargets { item, kept } => {
            TOO_MANY_TARGETS.fill(lang, &[("item", item), ("kept", kept)])
        }
        Finding::UnreadableDue { item, text } => {
            UNREADABLE_DUE.fill(lang, &[("item", item), ("text", text)])
        }
        Finding::EmptyRow => super::plan::EMPTY_ROW.get(lang).to_string(),
        Finding::IgnoredColumn { header } => IGNORED_COLUMN.fill(lang, &[("header", header)]),
        Finding::PersonColumn { header } => PERSON_COLUMN.fill(lang, &[("header", header)]),
    }
}

fn why_not(why: NotTarget) -> Tr {
    match why {
        NotTarget::NameWithDigits => WHY_NAME_WITH_DIGITS,
        NotTarget::Ordinal => WHY_ORDINAL,
        NotTarget::Range => WHY_RANGE,
        NotTarget::Years => WHY_YEARS,
        NotTarget::Date => WHY_DATE,
        NotTarget::Duration => WHY_DURATION,
        NotTarget::NoUnit => WHY_NO_UNIT,
        NotTarget::CarriedOut => WHY_CARRIED_OUT,
    }
}

/// A file the importer does not read, and what to do about it.
pub fn unsupported(u: Unsupported) -> Tr {
    match u {
        Unsupported::OldOffice => OLD_OFFICE,
        Unsupported::Pdf => PDF,
        Unsupported::Rtf => RTF,
        Unsupported::OpenDocument => OPEN_DOCUMENT,
        Unsupported::Archive => ARCHIVE,
    }
}

/// Why a file could not be imported, saying what to do.
pub fn error(e: &ImportError, lang: Lang) -> String {
    match e {
        ImportError::NoPlan => NO_PLAN.get(lang).to_string(),
        ImportError::NoYear => NO_YEAR.get(lang).to_string(),
        ImportError::BadYear(y) => BAD_YEAR.fill(lang, &[("year", y)]),
        ImportError::TooLarge { bytes, limit } => {
            TOO_LARGE.fill(lang, &[("bytes", bytes), ("limit", limit)])
        }
        ImportError::Unsupported(u) => unsupported(*u).get(lang).to_string(),
        ImportError::NotText { line } => NOT_TEXT.fill(lang, &[("line", line)]),
        ImportError::AmbiguousEncoding => AMBIGUOUS_ENCODING.get(lang).to_string(),
        ImportError::LineTooLong { line, chars, limit } => {
            LINE_TOO_LONG.fill(lang, &[("line", line), ("chars", chars), ("limit", limit)])
        }
        ImportError::Damaged { format, detail } => {
            DAMAGED.fill(lang, &[("format", format), ("detail", detail)])
        }
        ImportError::Bomb { part, limit } => BOMB.fill(lang, &[("part", part), ("limit", limit)]),
        ImportError::Io { path, kind } => {
            super::errors::file(path, &std::io::Error::from(*kind), lang)
        }
        ImportError::NoTaskTable => NO_TASK_TABLE.get(lang).to_string(),
    }
}
