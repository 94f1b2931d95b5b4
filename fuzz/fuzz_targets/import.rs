//! Fuzz the importer: any bytes, read as a text file, a .docx or an .xlsx, must give a plan or
//! a clean error (never a panic, never unbounded time or memory); any UTF-8 text must parse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaodian::core::import::{ImportOptions, parse, read};

fuzz_target!(|data: &[u8]| {
    for name in ["plan.txt", "plan.docx", "plan.xlsx"] {
        let _ = read(data, name, &ImportOptions::default());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse(text, &ImportOptions::default());
        let _ = parse(text, &ImportOptions { year: Some(2023), id: None });
    }
});
