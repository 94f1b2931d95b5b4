//! The encoding of a text file: a byte-order mark decides (UTF-8, UTF-16LE/BE, GB18030);
//! without one, NUL bytes mean UTF-16, then valid UTF-8 is UTF-8 and valid GB18030 is
//! GB18030 (Windows "ANSI" on a Chinese system). When the bytes are valid both ways, the
//! reading that looks like Chinese wins; when both do, the import is refused rather than a
//! guess made.

use super::Encoding;
use crate::core::import::ImportError;
use encoding_rs::{BIG5, GB18030, GBK, UTF_16BE, UTF_16LE};

/// Share of a reading's non-ASCII characters that are common Chinese characters or
/// punctuation, over its first few thousand such characters.
fn plausibility(s: &str) -> f64 {
    const PUNCT: &str = "，。、；：？！“”‘’（）《》【】—…·「」〔〕";
    let mut seen = 0u32;
    let mut common = 0u32;
    let mut buf = [0u8; 4];
    for c in s.chars().filter(|c| !c.is_ascii()).take(4000) {
        seen += 1;
        let ok = if PUNCT.contains(c) || ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            true
        } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            let one = c.encode_utf8(&mut buf);
            // GB2312 level 1 (the 3755 most used characters) or Big5's frequent block.
            let (gb, _, bad) = GBK.encode(one);
            let gb1 = !bad && gb.len() == 2 && (0xB0..=0xD7).contains(&gb[0]);
            let (b5, _, bad) = BIG5.encode(one);
            gb1 || (!bad && b5.len() == 2 && (0xA4..=0xC6).contains(&b5[0]))
        } else {
            false
        };
        if ok {
            common += 1;
        }
    }
    if seen == 0 { 1.0 } else { f64::from(common) / f64::from(seen) }
}

/// A reading above this share looks like Chinese text.
const PLAUSIBLE: f64 = 0.6;

/// The 1-based line of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1
}

fn strict(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes).map(|s| s.into_owned())
}

/// The first line a strict decoder stops at (a good enough pointer for a person).
fn first_bad_line(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(_) => 1,
        Err(e) => line_of(bytes, e.valid_up_to()),
    }
}

fn utf16(bytes: &[u8], le: bool) -> Result<String, ImportError> {
    let enc = if le { UTF_16LE } else { UTF_16BE };
    strict(enc, bytes).ok_or_else(|| {
        // Count lines in code units for the pointer.
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) }
            })
            .collect();
        let bad = char::decode_utf16(units.iter().copied()).position(|r| r.is_err());
        let line = units[..bad.unwrap_or(units.len()).min(units.len())]
            .iter()
            .filter(|u| **u == u16::from(b'\n'))
            .count()
            + 1;
        ImportError::NotText { line }
    })
}

/// Decodes a text file; the encoding read is returned beside the text.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Encoding), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), Encoding::Utf8Bom)),
            Err(e) => Err(ImportError::NotText { line: line_of(rest, e.valid_up_to()) }),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((utf16(rest, true)?, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((utf16(rest, false)?, Encoding::Utf16Be));
    }
    if let Some(rest) = bytes.strip_prefix(&[0x84, 0x31, 0x95, 0x33]) {
        return strict(GB18030, rest)
            .map(|s| (s, Encoding::Gb18030))
            .ok_or(ImportError::NotText { line: first_bad_line(rest) });
    }
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        // UTF-16 without a byte-order mark: ASCII puts its zero byte second (LE) or first.
        let odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
        if odd > even * 4 {
            return Ok((utf16(bytes, true)?, Encoding::Utf16Le));
        }
        if even > odd * 4 {
            return Ok((utf16(bytes, false)?, Encoding::Utf16Be));
        }
        return Err(ImportError::NotText { line: line_of(bytes, nul) });
    }
    let utf8 = std::str::from_utf8(bytes);
    let gb = strict(GB18030, bytes);
    match (utf8, gb) {
        (Ok(u), None) => Ok((u.to_string(), Encoding::Utf8)),
        (Ok(u), Some(g)) => {
            if u == g {
                return Ok((g, Encoding::Utf8));
            }
            let (pu, pg) = (plausibility(u), plausibility(&g));
            match (pu >= PLAUSIBLE, pg >= PLAUSIBLE) {
                (true, true) => Err(ImportError::AmbiguousEncoding),
                (false, true) => Ok((g, Encoding::Gb18030)),
                _ => Ok((u.to_string(), Encoding::Utf8)),
            }
        }
        (Err(_), Some(g)) => Ok((g, Encoding::Gb18030)),
        (Err(e), None) => Err(ImportError::NotText { line: line_of(bytes, e.valid_up_to()) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "市卫生健康委员会2024年工作要点\n一、深化医改\n1.新建社区卫生服务中心5个。（责任科室：基层卫生科）\n";

    fn encoded(enc: &'static encoding_rs::Encoding) -> Vec<u8> {
        enc.encode(PLAN).0.into_owned()
    }

    #[test]
    fn every_encoding_an_office_uses() {
        assert_eq!(decode(PLAN.as_bytes()), Ok((PLAN.to_string(), Encoding::Utf8)));
        let bom = [b"\xEF\xBB\xBF".as_slice(), PLAN.as_bytes()].concat();
        assert_eq!(decode(&bom), Ok((PLAN.to_string(), Encoding::Utf8Bom)));
        assert_eq!(decode(&encoded(GBK)), Ok((PLAN.to_string(), Encoding::Gb18030)));
        let le: Vec<u8> = PLAN.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = PLAN.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(&[&[0xFF, 0xFE], le.as_slice()].concat()),
            Ok((PLAN.to_string(), Encoding::Utf16Le))
        );
        assert_eq!(
            decode(&[&[0xFE, 0xFF], be.as_slice()].concat()),
            Ok((PLAN.to_string(), Encoding::Utf16Be))
        );
        assert_eq!(decode(&le), Ok((PLAN.to_string(), Encoding::Utf16Le)));
    }

    #[test]
    fn undecodable_bytes_name_their_line() {
        let mut bytes = "第一行\n第二行\n".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xFF, 0xFF, 0xFF]);
        assert_eq!(decode(&bytes), Err(ImportError::NotText { line: 3 }));
        assert_eq!(decode(b"\xEF\xBB\xBFok\n\xFF"), Err(ImportError::NotText { line: 2 }));
        assert!(matches!(decode(b"\xFF\xFE\x00"), Err(ImportError::NotText { .. })));
    }

    #[test]
    fn valid_both_ways_goes_to_the_reading_that_looks_chinese() {
        // GBK bytes that happen to be valid UTF-8 are rare; UTF-8 Chinese read as GB18030 is
        // not Chinese. Both readings of ASCII are the same text.
        assert_eq!(decode(b"2024 plan\n"), Ok(("2024 plan\n".to_string(), Encoding::Utf8)));
        assert!(plausibility(PLAN) > 0.9);
        let misread = GB18030.decode(PLAN.as_bytes()).0;
        assert!(plausibility(&misread) < 0.5, "{misread}");
    }
}
