//! A .docx or .xlsx as a zip archive, opened with every part checked against [`LIMITS`]:
//! the number of parts, each part's declared unpacked size and packing ratio, and — since a
//! header may lie — the bytes a part really unpacks to, read through a bounded reader.

use super::LIMITS;
use crate::core::import::ImportError;
use std::io::{Cursor, Read};
use zip::ZipArchive;

pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// The parts' names, as stored.
    names: Vec<String>,
    /// Bytes unpacked so far.
    unpacked: u64,
    format: &'static str,
}

fn damaged(format: &'static str) -> impl Fn(zip::result::ZipError) -> ImportError {
    move |e| ImportError::Damaged { format, detail: e.to_string() }
}

/// The entry count of the zip's end-of-central-directory record, read before the archive is
/// opened (opening reads the whole directory into memory).
fn declared_parts(bytes: &[u8]) -> Option<usize> {
    let tail = bytes.len().saturating_sub(22 + 65_535);
    let at = (tail..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let n = u16::from_le_bytes([*bytes.get(at + 10)?, *bytes.get(at + 11)?]);
    Some(usize::from(n))
}

impl<'a> Archive<'a> {
    /// Opens the archive; `format` (".docx", ".xlsx") is for the wording of errors.
    pub(crate) fn open(bytes: &'a [u8], format: &'static str) -> Result<Archive<'a>, ImportError> {
        match declared_parts(bytes) {
            Some(n) if n <= LIMITS.parts && n != 0xFFFF => {}
            Some(_) => {
                return Err(ImportError::Bomb {
                    part: "(central directory)".into(),
                    limit: LIMITS.parts as u64,
                });
            }
            None => {
                return Err(ImportError::Damaged {
                    format,
                    detail: "no zip directory (truncated?)".into(),
                });
            }
        }
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(damaged(format))?;
        if zip.len() > LIMITS.parts {
            return Err(ImportError::Bomb {
                part: "(central directory)".into(),
                limit: LIMITS.parts as u64,
            });
        }
        let mut names = Vec::with_capacity(zip.len());
        for i in 0..zip.len() {
            let f = zip.by_index_raw(i).map_err(damaged(format))?;
            let name = String::from_utf8_lossy(f.name_raw()).into_owned();
            let (size, packed) = (f.size(), f.compressed_size().max(1));
            if size > LIMITS.part || (size > 1 << 20 && size / packed > LIMITS.ratio) {
                return Err(ImportError::Bomb { part: name, limit: LIMITS.part });
            }
            names.push(name);
        }
        Ok(Archive { zip, names, unpacked: 0, format })
    }

    fn find(&self, name: &str) -> Option<String> {
        self.names.iter().find(|n| n.replace('\\', "/").eq_ignore_ascii_case(name)).cloned()
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// A part's bytes, if the archive has it; refused past the limits.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(real) = self.find(name) else { return Ok(None) };
        let format = self.format;
        let Some(index) = self.names.iter().position(|n| *n == real) else { return Ok(None) };
        let f = self.zip.by_index(index).map_err(damaged(format))?;
        let mut out = Vec::new();
        f.take(LIMITS.part + 1)
            .read_to_end(&mut out)
            .map_err(|e| ImportError::Damaged { format, detail: format!("{real}: {e}") })?;
        let n = out.len() as u64;
        self.unpacked += n;
        if n > LIMITS.part || self.unpacked > LIMITS.unpacked {
            return Err(ImportError::Bomb { part: real, limit: LIMITS.part });
        }
        Ok(Some(out))
    }

    /// Unpacks every XML part once, through the bounded reader, so a library reading the
    /// archive afterwards sees only parts within the limits.
    pub(crate) fn check_xml_parts(&mut self) -> Result<(), ImportError> {
        let names: Vec<String> = self
            .names
            .iter()
            .filter(|n| {
                let n = n.to_ascii_lowercase();
                n.ends_with(".xml") || n.ends_with(".rels")
            })
            .cloned()
            .collect();
        for n in names {
            self.read(&n)?;
        }
        Ok(())
    }

    /// An XML part as text (a damaged encoding is replaced, not refused).
    pub(crate) fn xml(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        Ok(self.read(name)?.map(|b| match String::from_utf8(b) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }))
    }

    pub(crate) fn format(&self) -> &'static str {
        self.format
    }
}
