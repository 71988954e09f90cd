//! Invariants the fuzz targets check on every input, beyond "no panic". Each
//! failure panics with what broke, so libFuzzer keeps the input as a crash.

use std::collections::{HashMap, HashSet};

use wasit::extract::DocFacts;
use wasit::model::{Document, Graph, Span};
use wasit::text::Folded;

/// The input as text: invalid UTF-8 is replaced, so every input reaches the library.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Inputs longer than this are cut (a news article is a few kilobytes; longer ones
/// only slow the fuzzer down without reaching new code).
pub const MAX_INPUT: usize = 64 * 1024;

/// Panics unless `span` lies inside `text` on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
}

/// True when folded byte `at` starts the folding of an original character (or is
/// an end): a span between two such offsets maps to exactly the characters that fold
/// to it. Inside the expansion of one character (ﷺ folds to four words) it does not.
pub fn aligned(folded: &Folded, at: usize) -> bool {
    at == 0 || at >= folded.text.len() || folded.orig(at) != folded.orig(at - 1)
}

/// Panics unless the original span of folded bytes `[start, end)` lies on character
/// boundaries of `text` and, when both ends are aligned, folds back to exactly them
/// (folding never moves a span).
pub fn check_folded_span(text: &str, folded: &Folded, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= folded.text.len(),
        "{what}: folded range {start}..{end} outside {} bytes",
        folded.text.len()
    );
    let span = folded.span(start, end);
    check_span(text, span, what);
    if aligned(folded, start) && aligned(folded, end) {
        let back = wasit::text::fold::fold_text(&text[span]);
        assert_eq!(
            back,
            &folded.text[start..end],
            "{what}: {:?} (original {span:?}) does not fold to what was matched",
            &text[span]
        );
    }
}

/// Panics unless every span of one document's facts lies inside its text.
pub fn check_facts(doc: &Document, facts: &DocFacts) {
    let t = &doc.text;
    for e in &facts.entities {
        for s in &e.spans {
            check_span(t, *s, &format!("entity {}", e.id));
        }
    }
    for (i, p) in facts.persons.iter().enumerate() {
        for s in &p.spans {
            check_span(t, *s, &format!("person {i} {:?}", p.name));
        }
    }
    for r in &facts.relations {
        check_span(t, r.span, &format!("relation {:?}", r.edge_type));
    }
    for (_, _, s) in &facts.allies {
        check_span(t, *s, "allies");
    }
    for (i, m) in facts.meetings.iter().enumerate() {
        for s in &m.spans {
            check_span(t, *s, &format!("meeting {i}"));
        }
    }
    for (i, c) in facts.claims.iter().enumerate() {
        check_span(t, c.span, &format!("claim {i}"));
        if let Some(a) = c.about {
            assert!(
                a < facts.meetings.len(),
                "claim {i} about meeting {a} of {}",
                facts.meetings.len()
            );
        }
    }
}

/// Panics unless the graph is well formed: node ids unique, every edge's ends exist
/// and differ, every evidence span inside its document on character boundaries (for
/// the documents in `docs`; `strict`: every evidence names one of them), and its
/// JSON parses back to the same JSON.
pub fn check_graph(g: &Graph, docs: &HashMap<&str, &str>, strict: bool) {
    let mut ids = HashSet::new();
    for n in g.nodes() {
        assert!(ids.insert(n.id.as_str()), "node id {:?} twice", n.id);
        assert!(g.node(&n.id).is_some(), "node {:?} not in the index", n.id);
    }
    assert_eq!(ids.len(), g.node_count());
    let evidence = g
        .nodes()
        .map(|n| (format!("node {}", n.id), &n.evidence))
        .chain(g.edges().map(|e| {
            assert!(
                g.contains(&e.source),
                "edge from missing node {:?}",
                e.source
            );
            assert!(g.contains(&e.target), "edge to missing node {:?}", e.target);
            assert_ne!(e.source, e.target, "loop edge on {:?}", e.source);
            (
                format!("edge {} {} {}", e.source, e.edge_type, e.target),
                &e.evidence,
            )
        }));
    for (what, list) in evidence {
        for ev in list {
            match docs.get(ev.doc.as_str()) {
                Some(text) => check_span(text, Span::new(ev.start, ev.end), &what),
                None => assert!(!strict, "{what}: evidence in unknown document {:?}", ev.doc),
            }
        }
    }
    let json = g.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("graph.json is JSON");
    assert!(value["nodes"].is_array() && value["edges"].is_array());
    let back = Graph::from_json(&json).expect("graph.json reads back");
    assert_eq!(back.node_count(), g.node_count(), "nodes lost reading back");
    assert_eq!(back.edge_count(), g.edge_count(), "edges lost reading back");
    assert_eq!(
        back.to_json(),
        json,
        "graph.json does not read back to itself"
    );
}
