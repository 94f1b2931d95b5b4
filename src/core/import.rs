//! Plan text → [`Plan`], for the 工作要点 genre: themes 一、, sections （一）, items 1. / 1、,
//! department tags, quantity / percentage / milestone targets, deadlines, with diagnostics.
//!
//! The entry point is [`parse`]. One sub-module per concern.

use crate::core::model::Plan;
use thiserror::Error;

/// Options the caller may set; everything else is read from the text.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The plan year; when `None` it is read from the title (the first 20xx年), else an error.
    pub year: Option<i32>,
    /// The plan id; when `None` it is the year as text.
    pub id: Option<String>,
}

/// What the importer noticed but did not turn into structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line in the source text.
    pub line: usize,
    pub kind: DiagnosticKind,
    /// One line for humans (English), naming what was found.
    pub message: String,
}

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

/// A plan and what the importer has to say about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a text could not be imported at all.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("no plan found: the text has no theme heading (一、…) and no numbered item (1. …)")]
    NoPlan,
    #[error("no plan year: the title names no year (20xx年); pass --year")]
    NoYear,
    #[error("year {0} is out of range (1949–2200)")]
    BadYear(i32),
}

/// Parses plan text (UTF-8, as pasted out of Word/WPS/PDF) into a plan.
pub fn parse(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    todo!("importer: {} bytes, {options:?}", text.len())
}
