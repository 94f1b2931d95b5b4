//! The readers against hostile and broken files: random, truncated and flipped bytes never
//! panic; a zip bomb, a file past the size limit, old Office formats and PDFs are refused
//! with a one-line reason; each encoding is named.

use proptest::prelude::*;
use std::io::Write;
use std::time::Instant;
use yaodian::core::import::{
    Encoding, Format, ImportError, ImportOptions, LIMITS, read, read_path,
};

fn corpus(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/data/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(p).expect("corpus file")
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

/// A zip of `parts`, each (name, bytes).
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        w.start_file(*name, o).expect("start");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

#[test]
fn encodings_are_named() {
    let f = |name: &str| read(&corpus(name), name, &opts()).map(|i| i.format);
    assert_eq!(f("education.txt"), Ok(Format::Text(Encoding::Gb18030)));
    assert_eq!(f("ecology.txt"), Ok(Format::Text(Encoding::Gb18030)));
    assert_eq!(f("transport.txt"), Ok(Format::Text(Encoding::Utf16Le)));
    assert_eq!(f("health-commission.txt"), Ok(Format::Text(Encoding::Utf8)));
    assert_eq!(f("culture-numbered.docx"), Ok(Format::Docx));
    assert_eq!(f("district-tasks.xlsx"), Ok(Format::Xlsx));
}

#[test]
fn files_yaodian_does_not_read_are_refused_with_a_way_out() {
    let ole = [&[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 512]].concat();
    for (bytes, name) in [
        (ole.clone(), "plan.doc"),
        (ole, "tasks.xls"),
        (b"%PDF-1.7\n".to_vec(), "plan.pdf"),
        (b"{\\rtf1\\ansi plan}".to_vec(), "plan.rtf"),
        (b"hello".to_vec(), "plan.wps"),
    ] {
        let e = read(&bytes, name, &opts()).expect_err(name);
        assert!(matches!(e, ImportError::Unsupported(_)), "{name}: {e}");
        let zh = yaodian::i18n::errors::import(&e, yaodian::lang::Lang::Zh);
        assert!(zh.contains("另存为") || zh.contains("无法导入"), "{zh}");
        assert!(!e.to_string().contains('\n'));
    }
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]);
    assert!(matches!(read(&odt, "a.odt", &opts()), Err(ImportError::Unsupported(_))));
}

#[test]
fn a_zip_bomb_is_refused_in_bounded_time() {
    // 100 MB of shared strings packs into a few hundred KB.
    let big = vec![b' '; 100 << 20];
    let bomb = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/sharedStrings.xml", &big),
    ]);
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    let t = Instant::now();
    let e = read(&bomb, "tasks.xlsx", &opts()).expect_err("bomb");
    assert!(matches!(e, ImportError::Bomb { .. }), "{e}");
    assert!(t.elapsed().as_secs() < 10);
    let docx = zip_of(&[("word/document.xml", &big)]);
    assert!(matches!(read(&docx, "plan.docx", &opts()), Err(ImportError::Bomb { .. })));
}

#[test]
fn a_file_past_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(LIMITS.file + 1).expect("sparse file");
    let e = read_path(&path, &opts()).expect_err("too large");
    assert!(matches!(e, ImportError::TooLarge { .. }), "{e}");
    let e = read_path(&dir.path().join("missing.txt"), &opts()).expect_err("missing");
    assert!(matches!(e, ImportError::Io { .. }), "{e}");
}

#[test]
fn an_overlong_line_is_refused() {
    let text = format!("某局2024年工作要点\n一、甲\n1.{}", "很".repeat(30_000));
    assert!(matches!(
        read(text.as_bytes(), "p.txt", &opts()),
        Err(ImportError::LineTooLong { line: 3, .. })
    ));
}

#[test]
fn truncated_office_files_fail_cleanly() {
    for name in ["culture-numbered.docx", "city-tasks.docx", "district-tasks.xlsx"] {
        let bytes = corpus(name);
        for cut in [10, 100, 1000, bytes.len() / 2, bytes.len() - 30] {
            let r = read(&bytes[..cut], name, &opts());
            assert!(r.is_err(), "{name} cut at {cut}");
        }
    }
}

fn mutated(bytes: &[u8], flips: &[(usize, u8)], cut: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for &(at, v) in flips {
        if !b.is_empty() {
            let k = at % b.len();
            b[k] ^= v;
        }
    }
    b.truncate(cut.max(1).min(b.len()));
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for name in ["p.txt", "p.docx", "p.xlsx"] {
            let _ = read(&bytes, name, &opts());
        }
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        let _ = read(&zipped, "p.docx", &opts());
    }

    #[test]
    fn damaged_office_files_never_panic(
        which in 0usize..3,
        flips in prop::collection::vec((any::<usize>(), 1u8..=255), 0..8),
        cut in any::<usize>(),
    ) {
        let name = ["culture-numbered.docx", "city-tasks.docx", "district-tasks.xlsx"][which];
        let bytes = corpus(name);
        let b = mutated(&bytes, &flips, cut % (bytes.len() + 1) + bytes.len() * usize::from(cut % 2 == 0));
        let _ = read(&b, name, &opts());
    }

    #[test]
    fn text_in_any_encoding_never_panics(s in ".{0,200}", which in 0usize..4) {
        let bytes: Vec<u8> = match which {
            0 => s.as_bytes().to_vec(),
            1 => encoding_rs::GBK.encode(&s).0.into_owned(),
            2 => [&[0xFF, 0xFE][..], &s.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat(),
            _ => [&[0xFE, 0xFF][..], &s.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<_>>()].concat(),
        };
        let _ = read(&bytes, "p.txt", &opts());
    }
}
