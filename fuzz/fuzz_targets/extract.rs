//! The whole extraction of one document, then its graph: every evidence span inside
//! the document on character boundaries, node ids unique, every edge's ends present,
//! graph.json parses back to itself.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use wasit::extract::extract;
use wasit::graph::build;
use wasit::lexicon::Lexicon;
use wasit::model::{Document, GraphHeader};
use wasit_fuzz::{check_facts, check_graph, text_of, MAX_INPUT};

fuzz_target!(|data: &[u8]| {
    let mut doc = Document::new("doc.txt", text_of(&data[..data.len().min(MAX_INPUT)]));
    // One input in two is dated, so relative dates and figures' terms resolve.
    if data.first().is_some_and(|b| b & 1 == 1) {
        doc.meta.date = Some("2025-04-12".into());
    }
    let facts = extract(&doc, Lexicon::embedded());
    check_facts(&doc, &facts);
    let mut g = build(
        std::slice::from_ref(&facts),
        GraphHeader::new(vec![(doc.id.clone(), doc.meta.clone())]),
    );
    g.canonicalize();
    check_graph(
        &g,
        &HashMap::from([(doc.id.as_str(), doc.text.as_str())]),
        true,
    );
});
