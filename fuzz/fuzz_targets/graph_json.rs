//! The graph.json reader used by `eval`, `export`, `render` and the explore
//! commands, on any text: no panic; a graph that reads is well formed, reads back
//! from its own JSON, and every writer and question takes it.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use wasit::eval::{score, Gold};
use wasit::explore;
use wasit::export::format::{write_single, Documents, Format};
use wasit::model::Graph;
use wasit_fuzz::{check_graph, text_of, MAX_INPUT};

fuzz_target!(|data: &[u8]| {
    let text = text_of(&data[..data.len().min(MAX_INPUT)]);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        // The scorer's lenient reader: an error or a score, never a panic.
        if let Ok(s) = score(&value, &Gold::default()) {
            assert!((0.0..=1.0).contains(&s.mission_score));
        }
    }
    let Ok(mut g) = Graph::from_json(&text) else {
        return;
    };
    if let Ok((checked, _)) = Graph::read_json(&text) {
        assert_eq!(checked.to_json(), g.to_json(), "the two readers disagree");
    }
    check_graph(&g, &HashMap::new(), false);
    g.canonicalize();
    check_graph(&g, &HashMap::new(), false);
    let docs = Documents::new();
    for format in Format::ALL {
        if format.file_name().is_some() {
            let mut out = Vec::new();
            write_single(&g, format, &docs, &mut out).expect("writing into memory");
            if format == Format::Json {
                serde_json::from_slice::<serde_json::Value>(&out).expect("JSON export parses");
            }
        }
    }
    let _ = explore::mediators::mediators(&g);
    let _ = explore::brokerage::brokerage(&g);
    let _ = explore::centrality::Projection::of(&g).betweenness(true);
    let ids: Vec<&str> = g.nodes().take(2).map(|n| n.id.as_str()).collect();
    if let [a, b] = ids[..] {
        let _ = explore::path::shortest_paths(&g, a, b, 3);
        let _ = explore::mediators::between(&g, a, b);
    }
    for n in g.nodes().take(3) {
        let _ = explore::resolve::resolve(&g, &n.label);
        let _ = explore::meeting_info(&g, &n.id);
        let _ = explore::claim_info(&g, &n.id);
    }
});
