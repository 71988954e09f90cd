//! HTML input: a page stripped to its text, then extracted; the same checks as the
//! `extract` target on the stripped text.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use wasit::extract::extract;
use wasit::graph::build;
use wasit::input::html_to_text;
use wasit::lexicon::Lexicon;
use wasit::model::{Document, GraphHeader};
use wasit_fuzz::{check_facts, check_graph, text_of};

fuzz_target!(|data: &[u8]| {
    // html2text is a dependency; deep nesting costs it more than a page does.
    let html = text_of(&data[..data.len().min(16 * 1024)]);
    let doc = Document::new("page.html", html_to_text(&html));
    let facts = extract(&doc, Lexicon::embedded());
    check_facts(&doc, &facts);
    let mut g = build(std::slice::from_ref(&facts), GraphHeader::default());
    g.canonicalize();
    check_graph(
        &g,
        &HashMap::from([(doc.id.as_str(), doc.text.as_str())]),
        true,
    );
});
