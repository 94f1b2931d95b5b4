//! Files as offices keep them, read into one form: text (in whatever encoding it came), or
//! blocks — paragraphs and tables in reading order — from a .docx or an .xlsx. Everything is
//! bounded: the file's size, every part of a zip archive (its declared and its real unpacked
//! size, its packing ratio), the cells of a sheet, the length of a line.
//!
//! The bytes decide what a file is, not its name: a zip with `word/document.xml` is a Word
//! document, one with `xl/workbook.xml` an Excel workbook; an old Office file (.doc/.xls/.wps),
//! a PDF, RTF or OpenDocument is refused with a way to save it that yaodian reads.

mod docx;
mod encoding;
mod xlsx;
mod zipped;

use super::ImportError;
use crate::i18n::plan as words;
use crate::lang::Lang;
use std::io::Read;
use std::path::Path;

/// How much of a file the importer reads before it refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The file itself (bytes).
    pub file: u64,
    /// One part of a .docx/.xlsx, unpacked (bytes).
    pub part: u64,
    /// All parts read, unpacked (bytes).
    pub unpacked: u64,
    /// Unpacked / packed size of a part larger than 1 MiB.
    pub ratio: u64,
    /// Parts in one archive.
    pub parts: usize,
    /// Cells read from one workbook.
    pub cells: usize,
    /// Columns read from a sheet (those further right are ignored).
    pub columns: u32,
    /// Paragraphs read from a document.
    pub paragraphs: usize,
}

/// The limits in force.
pub const LIMITS: Limits = Limits {
    file: 32 << 20,
    part: 64 << 20,
    unpacked: 256 << 20,
    ratio: 200,
    parts: 10_000,
    cells: 1_000_000,
    columns: 64,
    paragraphs: 200_000,
};

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark (Notepad's "UTF-8 with BOM").
    Utf8Bom,
    /// Windows "Unicode".
    Utf16Le,
    Utf16Be,
    /// Windows "ANSI" on a Chinese system (GBK is a subset).
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030/GBK",
        }
    }
}

/// What kind of file a plan came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text(Encoding),
    Docx,
    Xlsx,
}

impl Format {
    /// What was read, for the import summary.
    pub fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (Format::Text(e), _) => words::FORMAT_TEXT.fill(lang, &[("encoding", &e.name())]),
            (Format::Docx, _) => words::FORMAT_DOCX.get(lang).to_string(),
            (Format::Xlsx, _) => words::FORMAT_XLSX.get(lang).to_string(),
        }
    }
}

/// A file yaodian does not read, and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// .doc, .xls, .wps, .et: the binary Office formats.
    OldOffice,
    Pdf,
    Rtf,
    /// .odt, .ods.
    OpenDocument,
    /// A zip that is neither a .docx nor an .xlsx.
    Archive,
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unsupported::OldOffice => {
                "an old Word/Excel/WPS file (.doc/.xls/.wps/.et): save it as .docx, .xlsx or text"
            }
            Unsupported::Pdf => "a PDF: copy its text into a text file, or save it as .docx",
            Unsupported::Rtf => "an RTF file: save it as .docx or text",
            Unsupported::OpenDocument => {
                "an OpenDocument file (.odt/.ods): save it as .docx or .xlsx"
            }
            Unsupported::Archive => "a zip archive that is neither a .docx nor an .xlsx",
        })
    }
}

/// One cell of a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub text: String,
    /// Copied from the first cell of a merged region it belongs to (vertically merged, or
    /// spanned from the left).
    pub merged: bool,
}

/// One row of a table, at a line (paragraph number of a .docx, row number of a sheet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The row's own cells (not merged copies) that have text, two spaces apart, on one line.
    pub(crate) fn joined(&self) -> String {
        let cells: Vec<&str> = self
            .cells
            .iter()
            .filter(|c| !c.merged)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        cells.join("  ").replace('\n', " ")
    }
}

/// A document in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph (one line; a .docx line break starts a new one).
    Para { text: String, line: usize },
    /// A table (a sheet of a workbook, a table of a document).
    Table { name: String, rows: Vec<Row> },
}

/// A file's content.
#[derive(Debug)]
pub(crate) enum Content {
    Text(String, Encoding),
    Blocks(Vec<Block>, Format),
}

/// Reads a file from disk, refusing one larger than [`LIMITS`] before reading it.
pub(crate) fn file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |e: std::io::Error| ImportError::Io { path: path.to_path_buf(), kind: e.kind() };
    let f = std::fs::File::open(path).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    if size > LIMITS.file {
        return Err(ImportError::TooLarge { bytes: size, limit: LIMITS.file });
    }
    let mut bytes = Vec::new();
    f.take(LIMITS.file + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > LIMITS.file {
        return Err(ImportError::TooLarge { bytes: bytes.len() as u64, limit: LIMITS.file });
    }
    Ok(bytes)
}

/// What the bytes are, read into text or blocks.
pub(crate) fn content(bytes: &[u8], name: &str) -> Result<Content, ImportError> {
    if bytes.len() as u64 > LIMITS.file {
        return Err(ImportError::TooLarge { bytes: bytes.len() as u64, limit: LIMITS.file });
    }
    let ext = Path::new(name).extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let hint = if matches!(ext.as_deref(), Some("xlsx" | "xlsm")) { ".xlsx" } else { ".docx" };
        let mut zip = zipped::Archive::open(bytes, hint)?;
        if zip.has("word/document.xml") {
            return Ok(Content::Blocks(docx::read(&mut zip)?, Format::Docx));
        }
        if zip.has("xl/workbook.xml") {
            return Ok(Content::Blocks(xlsx::read(bytes, &mut zip)?, Format::Xlsx));
        }
        if zip.has("content.xml") || zip.has("mimetype") {
            return Err(ImportError::Unsupported(Unsupported::OpenDocument));
        }
        return Err(ImportError::Unsupported(Unsupported::Archive));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(ImportError::Unsupported(Unsupported::OldOffice));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ImportError::Unsupported(Unsupported::Pdf));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ImportError::Unsupported(Unsupported::Rtf));
    }
    if matches!(ext.as_deref(), Some("doc" | "xls" | "wps" | "et" | "dps" | "ppt")) {
        return Err(ImportError::Unsupported(Unsupported::OldOffice));
    }
    let (text, enc) = encoding::decode(bytes)?;
    Ok(Content::Text(text, enc))
}

/// Blocks as text, one line per paragraph and per table row (cells apart by two spaces), so
/// line `n` of the text is the block or row at `line == n`.
pub(crate) fn render(blocks: &[Block]) -> String {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for b in blocks {
        match b {
            Block::Para { text, line } => lines.push((*line, text.clone())),
            Block::Table { rows, .. } => {
                lines.extend(rows.iter().map(|r| (r.line, r.joined())));
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (line, text) in lines {
        if line == 0 {
            continue;
        }
        while out.len() + 1 < line {
            out.push(String::new());
        }
        match out.get_mut(line - 1) {
            Some(prev) => {
                prev.push_str("  ");
                prev.push_str(&text);
            }
            None => out.push(text),
        }
    }
    out.join("\n")
}
