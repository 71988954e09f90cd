//! The gold TOML reader of `eval`: no panic on any text; a gold that reads scores a
//! small fixed graph with figures between 0 and 1, and its JSON report parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasit::eval::{format_json, format_table, score, Gold};
use wasit_fuzz::{text_of, MAX_INPUT};

fuzz_target!(|data: &[u8]| {
    let text = text_of(&data[..data.len().min(MAX_INPUT)]);
    let Ok(gold) = Gold::parse(&text) else {
        return;
    };
    let graph = serde_json::json!({
        "nodes": [
            {"id": "person:a", "type": "person", "label": "بدر البوسعيدي"},
            {"id": "state:OM", "type": "state", "label": "سلطنة عمان"},
            {"id": "state:IR", "type": "state", "label": "إيران"},
            {"id": "meeting:1", "type": "meeting", "label": "محادثات مسقط",
             "attrs": {"date": "2025-04-12"}},
            {"id": "claim:1", "type": "claim", "label": "المحادثات بناءة",
             "attrs": {"text": "المحادثات بناءة"}}
        ],
        "edges": [
            {"source": "person:a", "target": "state:OM", "type": "affiliated_with"},
            {"source": "state:OM", "target": "meeting:1", "type": "mediates"},
            {"source": "state:IR", "target": "meeting:1", "type": "party_to"},
            {"source": "person:a", "target": "claim:1", "type": "said"}
        ]
    });
    let s = score(&graph, &gold).expect("a fixed, valid graph always scores");
    for (name, f) in s.figures() {
        for x in [f.precision, f.recall, f.f1] {
            assert!((0.0..=1.0).contains(&x), "{name}: {x}");
        }
    }
    let _ = format_table(&s, true);
    serde_json::from_str::<serde_json::Value>(&format_json(&s, true)).expect("JSON report parses");
});
