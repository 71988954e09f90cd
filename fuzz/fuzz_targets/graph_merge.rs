//! Merging several documents into one graph: the input is cut into up to six
//! documents at NUL bytes (or at lines of `---`). Checks the graph's invariants
//! against every document.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use wasit::extract::extract;
use wasit::graph::build;
use wasit::lexicon::Lexicon;
use wasit::model::{Document, GraphHeader};
use wasit_fuzz::{check_facts, check_graph, text_of, MAX_INPUT};

fuzz_target!(|data: &[u8]| {
    let text = text_of(&data[..data.len().min(MAX_INPUT)]);
    let parts: Vec<&str> = if text.contains('\0') {
        text.split('\0').collect()
    } else {
        text.split("\n---\n").collect()
    };
    let docs: Vec<Document> = parts
        .iter()
        .take(6)
        .enumerate()
        .map(|(i, t)| {
            let mut d = Document::new(format!("d{i}.txt"), *t);
            d.meta.date = Some(format!("2025-0{}-1{i}", i + 1));
            d
        })
        .collect();
    let facts: Vec<_> = docs
        .iter()
        .map(|d| {
            let f = extract(d, Lexicon::embedded());
            check_facts(d, &f);
            f
        })
        .collect();
    let header = GraphHeader::new(
        docs.iter()
            .map(|d| (d.id.clone(), d.meta.clone()))
            .collect(),
    );
    let mut g = build(&facts, header);
    g.canonicalize();
    let texts: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    check_graph(&g, &texts, true);
});
