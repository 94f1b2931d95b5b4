//! Fuzz the importer: any bytes that are UTF-8 must parse to a plan or a clean error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaodian::core::import::{ImportOptions, parse};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse(text, &ImportOptions::default());
        let _ = parse(text, &ImportOptions { year: Some(2023), id: None });
    }
});
