//! User lexicon files (`--lexicon FILE`): any text either is refused with an error
//! naming the file and a line inside it, or compiles into a lexicon that extracts
//! from a fixed article without breaking the span invariants.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use wasit::extract::extract;
use wasit::lexicon::Lexicon;
use wasit::model::{Document, GraphHeader};
use wasit_fuzz::{check_facts, check_graph, text_of};

const ARTICLE: &str = "قال وزير الخارجية العماني بدر البوسعيدي في مسقط إن المحادثات بين إيران \
والولايات المتحدة كانت بناءة، وأكد المتحدث باسم الخارجية الإيرانية إسماعيل بقائي ذلك.";

fuzz_target!(|data: &[u8]| {
    let text = text_of(&data[..data.len().min(16 * 1024)]);
    if let Err(e) = Lexicon::check_text("user.tsv", &text) {
        assert_eq!(e.file, "user.tsv", "{e}");
        assert!(e.line >= 1 && e.line <= text.lines().count().max(1), "{e}");
        return;
    }
    // Compiling the embedded lexicons with the user's costs ~0.1 s: one valid input
    // in sixteen is compiled and extracted with, the others are only read.
    if data.first().is_none_or(|b| b % 16 != 0) {
        return;
    }
    let lex = Lexicon::with_texts(&[("user.tsv", &text)], false)
        .expect("a file that reads compiles into a lexicon");
    let mut doc = Document::new(
        "a.txt",
        format!("{ARTICLE}\n{}", text.lines().last().unwrap_or("")),
    );
    doc.meta.date = Some("2025-04-12".into());
    let facts = extract(&doc, &lex);
    check_facts(&doc, &facts);
    let mut g = wasit::graph::build(std::slice::from_ref(&facts), GraphHeader::default());
    g.canonicalize();
    check_graph(
        &g,
        &HashMap::from([(doc.id.as_str(), doc.text.as_str())]),
        true,
    );
});
