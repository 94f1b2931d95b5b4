//! The ledger (台账) written out, one file per format: [`markdown`], [`csv`] (UTF-8 with a
//! BOM), [`xlsx`] and [`json`]; and [`full`], the backup of a plan and its whole log that
//! `restore` reads back. Both front ends write through here: the command line's `export` and
//! the board's `E`. A new format is one file and one arm of [`Format`].

mod csv;
mod docx;
pub mod full;
mod json;
mod markdown;
mod xlsx;

use crate::core::clock::Clock;
use crate::core::model::{Status, TargetKind, fmt_num};
use crate::core::pace::{Rollup, Symbols};
use crate::core::report::{Ledger, Row};
use crate::core::secure_fs;
use crate::i18n::report as words;
use crate::lang::Lang;
use std::borrow::Cow;
use std::io::Write;
use std::path::Path;
use thiserror::Error;

/// The formats a ledger is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown tables, one per group.
    Md,
    /// CSV in UTF-8 with a BOM and CRLF line ends.
    Csv,
    /// An Excel workbook laid out for printing.
    Xlsx,
    /// The same rows and subtotals as JSON, numbers as numbers.
    Json,
    /// The period report (落实情况报告): a Word document in the official layout.
    Docx,
}

/// Why a ledger could not be written.
#[derive(Debug, Error)]
pub enum FormatError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Save(#[from] secure_fs::FsError),
}

impl Format {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [Format; 5] =
        [Format::Md, Format::Csv, Format::Xlsx, Format::Json, Format::Docx];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Docx => "docx",
        }
    }

    /// Whether the format is bytes for a program rather than text for a terminal (it goes to
    /// a file, never to standard output).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }

    /// Writes `ledger` in this format, headings and words in `lang`.
    /// `clock` says when the document was made (the workbook's creation time).
    pub fn write(
        self,
        ledger: &Ledger,
        lang: Lang,
        clock: &Clock,
        out: &mut dyn Write,
    ) -> Result<(), FormatError> {
        match self {
            Format::Md => markdown::write(out, ledger, lang)?,
            Format::Csv => csv::write(out, ledger, lang)?,
            Format::Xlsx => xlsx::write(out, ledger, lang, clock)?,
            Format::Json => json::write(out, ledger)?,
            Format::Docx => docx::write(out, ledger, lang)?,
        }
        Ok(())
    }

    /// Writes `ledger` in this format to the file `path` with permission bits `mode`:
    /// through a new temporary file renamed into place, so a symlink planted at `path` is
    /// replaced, never written through, and a failure leaves nothing behind
    /// ([`secure_fs::save_file`]).
    pub fn save(
        self,
        ledger: &Ledger,
        lang: Lang,
        clock: &Clock,
        path: &Path,
        mode: u32,
    ) -> Result<(), FormatError> {
        secure_fs::save_file_with(path, mode, |file| {
            let mut to = std::io::BufWriter::with_capacity(1 << 16, file);
            self.write(ledger, lang, clock, &mut to)?;
            to.flush()?;
            Ok::<_, FormatError>(())
        })?;
        Ok(())
    }
}

/// A file name without characters that file systems or office programs refuse (`/`, `*`,
/// `?` …); the source's `**` redactions in department names become `__`.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '*' | '?' | ':' | '"' | '<' | '>' | '|') { '_' } else { c }
        })
        .collect()
}

/// Column headings of the ledger.
fn headings(lang: Lang) -> [&'static str; 14] {
    words::COLUMNS.map(|t| t.get(lang))
}

pub(crate) fn pct(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map_or_else(String::new, |v| format!("{:.0}%", v * 100.0))
}

fn status_text(s: Option<Status>, lang: Lang) -> &'static str {
    s.map_or("", |s| words::status(s).get(lang))
}

/// 完成状态, and 久未更新 on a stale row.
fn status_cell(row: &Row, lang: Lang) -> Cow<'static, str> {
    let status = status_text(row.status, lang);
    if !row.stale {
        return Cow::Borrowed(status);
    }
    let stale = words::STALE.get(lang);
    if status.is_empty() {
        Cow::Borrowed(stale)
    } else {
        Cow::Owned(format!("{status} · {stale}"))
    }
}

/// Columns of the ledger, by heading.
pub(crate) mod col {
    pub const GOAL: usize = 3;
    pub const PREVIOUS: usize = 5;
    pub const VALUE: usize = 6;
    pub const CHANGE: usize = 7;
    pub const RATE: usize = 8;
    pub const PACE: usize = 9;
    pub const STATUS: usize = 10;
}

/// A row's cells as text, in heading order.
fn cells(row: &Row, lang: Lang) -> [String; 14] {
    cell_texts(row, lang).map(Cow::into_owned)
}

/// [`cells`], the row's own text borrowed, not copied (a ledger of 100k rows copied some
/// 500k strings to write them once).
fn cell_texts(row: &Row, lang: Lang) -> [Cow<'_, str>; 14] {
    let milestone = row.kind == Some(TargetKind::Milestone);
    let figure = |v: Option<f64>| match (row.kind, v) {
        (Some(TargetKind::Milestone), Some(v)) => {
            Cow::Borrowed((if v >= 1.0 { words::DELIVERED } else { words::OPEN }).get(lang))
        }
        (_, Some(v)) => Cow::Owned(fmt_num(v)),
        (_, None) => Cow::Borrowed(""),
    };
    let owned = Cow::Owned;
    [
        Cow::Borrowed(row.id.as_str()),
        Cow::Borrowed(row.task.as_str()),
        Cow::Borrowed(row.indicator.as_str()),
        if milestone { Cow::Borrowed("") } else { owned(goal_text(row, lang)) },
        Cow::Borrowed(row.unit.as_str()),
        figure(row.previous),
        figure(row.value),
        if milestone {
            Cow::Borrowed("")
        } else {
            owned(row.change.map(fmt_num).unwrap_or_default())
        },
        owned(pct(row.rate)),
        owned(pct(row.pace)),
        status_cell(row, lang),
        owned(row.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()),
        owned(crate::i18n::report::departments(&row.departments, lang)),
        Cow::Borrowed(row.note.as_str()),
    ]
}

/// 目标值 with its direction: `100`, `≤9.3`, `约6.2`, `90–95`, `较基期下降3%` (the unit is
/// its own column).
fn goal_text(row: &Row, lang: Lang) -> String {
    row.aim.as_ref().map(|g| g.text("", Symbols::Unicode, lang)).unwrap_or_default()
}

fn counts_text(r: &Rollup, lang: Lang) -> String {
    [Status::Behind, Status::AtRisk, Status::OnTrack, Status::Done]
        .iter()
        .filter(|&&s| r.count(s) > 0)
        .map(|&s| format!("{} {}", words::status(s).get(lang), r.count(s)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn subtotal_label(lang: Lang) -> &'static str {
    words::SUBTOTAL.get(lang)
}

fn total_label(lang: Lang) -> &'static str {
    words::TOTAL.get(lang)
}

/// A group's title: the theme heading or department as written, or the words for the
/// group of items that name no department.
pub(super) fn group_title(title: &str, lang: Lang) -> String {
    if title == super::NO_DEPT { words::NO_DEPARTMENT.get(lang).to_string() } else { title.into() }
}

fn summary_line(ledger: &Ledger, lang: Lang) -> String {
    let period = ledger.period.as_ref().map_or_else(String::new, |p| {
        format!(
            " · {} {} ({} {})",
            words::PERIOD.get(lang),
            p.name,
            words::FROM.get(lang),
            p.first_day
        )
    });
    format!(
        "{} {}{period} · {} {} · {} {} · {}",
        words::AS_OF.get(lang),
        ledger.as_of,
        words::OVERALL.get(lang),
        pct(ledger.total.progress),
        words::COL_PACE.get(lang),
        pct(ledger.total.pace),
        counts_text(&ledger.total, lang)
    )
}

fn group_summary(r: &Rollup, lang: Lang) -> String {
    if r.total() == 0 {
        return words::NOTHING_MEASURED.get(lang).into();
    }
    format!(
        "{} {} · {} {} · {}",
        words::PROGRESS.get(lang),
        pct(r.progress),
        words::PACE.get(lang),
        pct(r.pace),
        counts_text(r, lang)
    )
}

fn ledger_title(ledger: &Ledger, lang: Lang) -> String {
    format!("{} · {}", ledger.title, words::TITLE.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_what_file_systems_refuse() {
        assert_eq!(safe_file_name("台账-2023-群众**科.xlsx"), "台账-2023-群众__科.xlsx");
        assert_eq!(safe_file_name(r#"a/b\c:d"e<f>g|h?"#), "a_b_c_d_e_f_g_h_");
    }

    #[test]
    fn every_format_writes_to_the_sink() {
        let board = crate::core::model::Board::fresh(crate::core::store::tests::sample_plan());
        let day = chrono::NaiveDate::from_ymd_opt(2023, 6, 30).expect("date");
        let eval = crate::core::pace::evaluate(&board, day, &Default::default());
        let keep = vec![true; board.plan.items.len()];
        let ledger =
            crate::core::report::ledger(&board, &eval, crate::core::report::GroupBy::Theme, &keep);
        let utc = chrono::FixedOffset::east_opt(0).expect("utc");
        let clock = crate::core::clock::Clock::fixed(1_700_000_000_000, utc);
        let written = |format: Format| {
            let mut out = Vec::new();
            format.write(&ledger, Lang::En, &clock, &mut out).expect("write");
            out
        };
        assert!(written(Format::Md).starts_with("# 测试2023年工作要点".as_bytes()));
        assert!(written(Format::Csv).starts_with("\u{feff}Theme,No.".as_bytes()));
        assert!(written(Format::Xlsx).starts_with(b"PK\x03\x04"), "a zip");
        assert!(written(Format::Docx).starts_with(b"PK\x03\x04"), "a zip");
        let json: serde_json::Value = serde_json::from_slice(&written(Format::Json)).expect("json");
        assert_eq!(json["groups"][0]["rows"][0]["id"], "1.1");
    }

    #[test]
    fn every_format_has_its_own_name() {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names, ["md", "csv", "xlsx", "json", "docx"]);
        let binary = |f: &Format| matches!(f, Format::Xlsx | Format::Docx);
        assert!(Format::ALL.iter().all(|f| f.is_binary() == binary(f)));
    }
}
