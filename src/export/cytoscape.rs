//! Export stage: Cytoscape.js JSON (also opened by Cytoscape desktop as `.cyjs`).
//!
//! `{"format_version":"1.0","generated_by":"wasit-…","target_cytoscapejs_version":"~3",
//! "data":{"name":"wasit"},"elements":{"nodes":[{"data":{…}}],"edges":[{"data":{…}}]}}`.
//! A node's `data` holds `id`, `label`, `type`, `aliases`, its attributes flattened
//! and `evidence`; an edge's `data` holds an `id` made from its ends and type
//! (`source|type|target`, stable across exports), `source`, `target`, `type`, its
//! attributes and `evidence`. An attribute whose name is one of those fixed keys is
//! written `attr_<name>`.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::model::{Edge, Evidence, Graph, Node};

/// The id of an edge in Cytoscape.js: `source|type|target`.
///
/// ```
/// use wasit::export::cytoscape::edge_id;
/// use wasit::model::{Edge, EdgeType};
/// assert_eq!(edge_id(&Edge::new("state:OM", EdgeType::Hosts, "meeting:1")), "state:OM|hosts|meeting:1");
/// ```
pub fn edge_id(edge: &Edge) -> String {
    format!(
        "{}|{}|{}",
        edge.source,
        edge.edge_type.as_str(),
        edge.target
    )
}

/// Writes the graph as Cytoscape.js JSON.
///
/// ```
/// use wasit::export::cytoscape::write_cytoscape;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// let mut out = Vec::new();
/// write_cytoscape(&g, &mut out).unwrap();
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v["elements"]["nodes"][0]["data"]["label"], "عمان");
/// assert_eq!(v["elements"]["edges"][0]["data"]["type"], "mediates");
/// ```
pub fn write_cytoscape<W: Write>(graph: &Graph, w: &mut W) -> io::Result<()> {
    let nodes: Vec<Value> = graph
        .nodes()
        .map(|n| json!({ "data": node_data(n) }))
        .collect();
    let edges: Vec<Value> = graph
        .edges()
        .map(|e| json!({ "data": edge_data(e) }))
        .collect();
    let doc = json!({
        "format_version": "1.0",
        "generated_by": concat!("wasit-", env!("CARGO_PKG_VERSION")),
        "target_cytoscapejs_version": "~3",
        "data": { "name": "wasit" },
        "elements": { "nodes": nodes, "edges": edges },
    });
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

fn node_data(n: &Node) -> Map<String, Value> {
    let mut d = Map::new();
    d.insert("id".into(), n.id.clone().into());
    d.insert("label".into(), n.label.clone().into());
    d.insert("type".into(), n.node_type.as_str().into());
    d.insert("aliases".into(), n.aliases.clone().into());
    flatten(&mut d, &n.attrs, &n.evidence);
    d
}

fn edge_data(e: &Edge) -> Map<String, Value> {
    let mut d = Map::new();
    d.insert("id".into(), edge_id(e).into());
    d.insert("source".into(), e.source.clone().into());
    d.insert("target".into(), e.target.clone().into());
    d.insert("type".into(), e.edge_type.as_str().into());
    flatten(&mut d, &e.attrs, &e.evidence);
    d
}

/// Adds the attributes (renamed `attr_<name>` when a fixed key holds the name) and
/// the evidence.
fn flatten(
    d: &mut Map<String, Value>,
    attrs: &std::collections::BTreeMap<String, Value>,
    evidence: &[Evidence],
) {
    for (k, v) in attrs {
        let key = if d.contains_key(k) || k == "evidence" {
            format!("attr_{k}")
        } else {
            k.clone()
        };
        d.insert(key, v.clone());
    }
    d.insert(
        "evidence".into(),
        serde_json::to_value(evidence).unwrap_or_default(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EdgeType, NodeType};

    #[test]
    fn elements_with_flattened_attributes() {
        let mut g = Graph::default();
        let mut p = Node::new("person:x", NodeType::Person, "مصدر \"مطلع\"");
        p.attrs.insert("anonymous".into(), json!(true));
        p.attrs.insert("id".into(), json!("clash"));
        p.evidence.push(Evidence {
            doc: "a.txt".into(),
            start: 0,
            end: 8,
        });
        g.add_node(p);
        g.add_node(Node::new("state:QA", NodeType::State, "قطر"));
        let mut e = Edge::new("person:x", EdgeType::AffiliatedWith, "state:QA");
        e.attrs.insert("role".into(), json!("وسيط"));
        g.add_edge(e);
        let mut out = Vec::new();
        write_cytoscape(&g, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let n = &v["elements"]["nodes"][0]["data"];
        assert_eq!(n["id"], "person:x");
        assert_eq!(n["attr_id"], "clash");
        assert_eq!(n["anonymous"], true);
        assert_eq!(n["evidence"][0]["doc"], "a.txt");
        let e = &v["elements"]["edges"][0]["data"];
        assert_eq!(e["id"], "person:x|affiliated_with|state:QA");
        assert_eq!(e["role"], "وسيط");
    }
}
