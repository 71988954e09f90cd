//! Export stage: JSON Lines for streaming consumers.
//!
//! One JSON object per line: every node first (`{"kind":"node","id":…,"type":…,
//! "label":…,"aliases":[…],"attrs":{…},"evidence":[…]}`), then every edge
//! (`{"kind":"edge","source":…,"target":…,"type":…,…}`). Fields are those of
//! graph.json, so a consumer can filter on `kind` and read the rest as it would a
//! graph.json node or edge. Arabic stays UTF-8; no line holds a raw line break.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::Graph;

/// Writes the graph as JSON Lines.
///
/// ```
/// use wasit::export::jsonl::write_jsonl;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// let mut out = Vec::new();
/// write_jsonl(&g, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// let lines: Vec<&str> = text.lines().collect();
/// assert_eq!(lines[0], r#"{"kind":"node","id":"state:OM","type":"state","label":"عمان"}"#);
/// assert_eq!(lines[2], r#"{"kind":"edge","source":"state:OM","target":"meeting:1","type":"mediates"}"#);
/// ```
pub fn write_jsonl<W: Write>(graph: &Graph, w: &mut W) -> io::Result<()> {
    for node in graph.nodes() {
        write_line(w, "node", node)?;
    }
    for edge in graph.edges() {
        write_line(w, "edge", edge)?;
    }
    Ok(())
}

fn write_line<W: Write, T: Serialize>(w: &mut W, kind: &str, item: &T) -> io::Result<()> {
    let mut map = Map::new();
    map.insert("kind".into(), Value::String(kind.into()));
    if let Value::Object(fields) = serde_json::to_value(item).map_err(io::Error::other)? {
        map.extend(fields);
    }
    serde_json::to_writer(&mut *w, &map).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Node, NodeType};
    use serde_json::json;

    #[test]
    fn one_object_per_line_with_escapes() {
        let mut g = Graph::default();
        let mut n = Node::new("claim:1", NodeType::Claim, "قال \"لا\"\nثم \\");
        n.attrs.insert("text".into(), json!("سطر\nسطر"));
        n.evidence.push(Evidence {
            doc: "a.txt".into(),
            start: 1,
            end: 9,
        });
        g.add_node(n);
        let mut out = Vec::new();
        write_jsonl(&g, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let v: Value = serde_json::from_str(text.trim_end()).unwrap();
        assert_eq!(v["kind"], "node");
        assert_eq!(v["label"], "قال \"لا\"\nثم \\");
        assert_eq!(v["evidence"][0]["end"], 9);
    }

    #[test]
    fn empty_graph_writes_nothing() {
        let mut out = Vec::new();
        write_jsonl(&Graph::default(), &mut out).unwrap();
        assert!(out.is_empty());
    }
}
