//! The manifest CSV reader: no panic; an error names the file (and line); every date
//! accepted is one the extractor can read.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wasit::input::parse_manifest;
use wasit_fuzz::{text_of, MAX_INPUT};

fuzz_target!(|data: &[u8]| {
    let text = text_of(&data[..data.len().min(MAX_INPUT)]);
    match parse_manifest(Path::new("manifest.csv"), &text) {
        Ok(meta) => {
            for (file, m) in &meta {
                assert!(!file.trim().is_empty(), "empty file name accepted");
                if let Some(d) = &m.date {
                    assert!(wasit::extract::dates::parse_iso(d).is_some(), "{d:?}");
                }
            }
        }
        Err(e) => assert!(e.path.starts_with("manifest.csv"), "{e}"),
    }
});
