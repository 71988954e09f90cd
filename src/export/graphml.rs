//! Export stage: GraphML, for Gephi, yEd, NetworkX and igraph.
//!
//! Every attribute is declared once by a typed `<key>`: the node's `type`, `label`,
//! `aliases` (joined by `;`), one key per attribute in `attrs` (`name_en`, `date`,
//! `status`, `text`, `anonymous` as a `boolean`, …) and `evidence` as a compact
//! string `doc:start-end;doc:start-end` (byte offsets). Edges carry `type`, their
//! attributes and `evidence` the same way. Node ids are the stable ids of
//! graph.json; values stay UTF-8 Arabic.

use std::io::{self, Write};

use super::format::{columns, typed, Column, Kind, Typed};
use crate::model::{Evidence, Graph};

/// Names the fixed node keys take; an attribute with one of them is renamed `attr_…`.
const NODE_RESERVED: [&str; 5] = ["id", "type", "label", "aliases", "evidence"];
/// Names the fixed edge keys take.
const EDGE_RESERVED: [&str; 5] = ["id", "type", "source", "target", "evidence"];

/// Writes the graph as GraphML.
///
/// ```
/// use wasit::export::graphml::write_graphml;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// let mut out = Vec::new();
/// write_graphml(&g, &mut out).unwrap();
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<node id="state:OM">"#));
/// assert!(xml.contains(r#"<data key="n_label">عمان</data>"#));
/// assert!(xml.contains(r#"<data key="e_type">mediates</data>"#));
/// ```
pub fn write_graphml<W: Write>(graph: &Graph, w: &mut W) -> io::Result<()> {
    let node_cols = columns(graph.nodes().map(|n| &n.attrs), &NODE_RESERVED);
    let edge_cols = columns(graph.edges().map(|e| &e.attrs), &EDGE_RESERVED);

    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
          <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
          xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
          http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for name in ["type", "label", "aliases"] {
        write_key(w, "node", name, "string")?;
    }
    for col in &node_cols {
        write_key(w, "node", &col.name, key_type(col.kind))?;
    }
    write_key(w, "node", "evidence", "string")?;
    write_key(w, "edge", "type", "string")?;
    for col in &edge_cols {
        write_key(w, "edge", &col.name, key_type(col.kind))?;
    }
    write_key(w, "edge", "evidence", "string")?;

    w.write_all(b"  <graph id=\"wasit\" edgedefault=\"directed\">\n")?;
    for node in graph.nodes() {
        writeln!(w, "    <node id=\"{}\">", Escaped(&node.id))?;
        write_data(w, "n_type", node.node_type.as_str())?;
        write_data(w, "n_label", &node.label)?;
        if !node.aliases.is_empty() {
            write_data(w, "n_aliases", &node.aliases.join(";"))?;
        }
        write_attrs(w, "n", &node_cols, &node.attrs)?;
        if !node.evidence.is_empty() {
            write_data(w, "n_evidence", &compact_evidence(&node.evidence))?;
        }
        w.write_all(b"    </node>\n")?;
    }
    for (i, edge) in graph.edges().enumerate() {
        writeln!(
            w,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            Escaped(&edge.source),
            Escaped(&edge.target)
        )?;
        write_data(w, "e_type", edge.edge_type.as_str())?;
        write_attrs(w, "e", &edge_cols, &edge.attrs)?;
        if !edge.evidence.is_empty() {
            write_data(w, "e_evidence", &compact_evidence(&edge.evidence))?;
        }
        w.write_all(b"    </edge>\n")?;
    }
    w.write_all(b"  </graph>\n</graphml>\n")
}

/// Evidence as `doc:start-end`, joined by `;`.
///
/// ```
/// use wasit::export::graphml::compact_evidence;
/// use wasit::model::Evidence;
/// let ev = [Evidence { doc: "a.txt".into(), start: 0, end: 8 }, Evidence { doc: "b.txt".into(), start: 3, end: 9 }];
/// assert_eq!(compact_evidence(&ev), "a.txt:0-8;b.txt:3-9");
/// ```
pub fn compact_evidence(evidence: &[Evidence]) -> String {
    let parts: Vec<String> = evidence
        .iter()
        .map(|e| format!("{}:{}-{}", e.doc, e.start, e.end))
        .collect();
    parts.join(";")
}

fn key_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Bool => "boolean",
        Kind::Int => "long",
        Kind::Float => "double",
        Kind::StrList | Kind::Str => "string",
    }
}

fn write_key<W: Write>(w: &mut W, domain: &str, name: &str, ty: &str) -> io::Result<()> {
    let prefix = &domain[..1];
    writeln!(
        w,
        "  <key id=\"{prefix}_{}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{ty}\"/>",
        Escaped(name),
        Escaped(name)
    )
}

fn write_data<W: Write>(w: &mut W, key: &str, value: &str) -> io::Result<()> {
    writeln!(w, "      <data key=\"{key}\">{}</data>", Escaped(value))
}

fn write_attrs<W: Write>(
    w: &mut W,
    prefix: &str,
    cols: &[Column],
    attrs: &std::collections::BTreeMap<String, serde_json::Value>,
) -> io::Result<()> {
    for col in cols {
        let Some(value) = attrs.get(&col.key).and_then(|v| typed(col.kind, v)) else {
            continue;
        };
        let text = match value {
            Typed::Bool(b) => b.to_string(),
            Typed::Int(i) => i.to_string(),
            Typed::Float(f) => format!("{f:?}"),
            Typed::Str(s) => s.into_owned(),
            Typed::StrList(items) => items.join(";"),
        };
        write_data(w, &format!("{prefix}_{}", col.name), &text)?;
    }
    Ok(())
}

/// Text escaped for XML content and attribute values. Characters XML 1.0 cannot
/// hold (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF)
/// become U+FFFD; tab, line feed, carriage return and the C1 controls (U+007F to
/// U+009F) become character references, so that attribute normalisation and XML 1.1
/// line-end handling leave them as they are.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(needs_escape) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or('\u{FFFD}');
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' => f.write_str("&#9;")?,
                '\n' => f.write_str("&#10;")?,
                '\r' => f.write_str("&#13;")?,
                '\u{7F}'..='\u{9F}' => write!(f, "&#{};", c as u32)?,
                _ => f.write_str("\u{FFFD}")?,
            }
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}') || c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeType, Node, NodeType};
    use serde_json::json;

    fn sample() -> Graph {
        let mut g = Graph::default();
        let mut p = Node::new("person:x", NodeType::Person, "مصدر \"مطلع\" <a&b>");
        p.aliases = vec!["مصدر".into(), "c:\\path".into()];
        p.attrs.insert("anonymous".into(), json!(true));
        p.attrs.insert("label".into(), json!("clash"));
        p.evidence.push(Evidence {
            doc: "a.txt".into(),
            start: 4,
            end: 20,
        });
        g.add_node(p);
        let mut m = Node::new("meeting:1", NodeType::Meeting, "محادثات\nالدوحة\u{1}");
        m.attrs.insert("date".into(), json!("2025-01"));
        m.attrs.insert("round".into(), json!(3));
        g.add_node(m);
        let mut e = Edge::new("person:x", EdgeType::ParticipatesIn, "meeting:1");
        e.attrs.insert("role".into(), json!("رئيس الوفد"));
        g.add_edge(e);
        g
    }

    #[test]
    fn writes_typed_keys_and_escaped_values() {
        let mut out = Vec::new();
        write_graphml(&sample(), &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains(
            r#"<key id="n_anonymous" for="node" attr.name="anonymous" attr.type="boolean"/>"#
        ));
        assert!(
            xml.contains(r#"<key id="n_round" for="node" attr.name="round" attr.type="long"/>"#)
        );
        assert!(xml.contains(
            r#"<key id="n_attr_label" for="node" attr.name="attr_label" attr.type="string"/>"#
        ));
        assert!(
            xml.contains(r#"<key id="e_role" for="edge" attr.name="role" attr.type="string"/>"#)
        );
        assert!(xml.contains("<data key=\"n_label\">مصدر &quot;مطلع&quot; &lt;a&amp;b&gt;</data>"));
        assert!(xml.contains("<data key=\"n_aliases\">مصدر;c:\\path</data>"));
        assert!(xml.contains("<data key=\"n_label\">محادثات&#10;الدوحة\u{FFFD}</data>"));
        assert!(xml.contains("<data key=\"n_anonymous\">true</data>"));
        assert!(xml.contains("<data key=\"n_evidence\">a.txt:4-20</data>"));
        assert!(xml.contains("<edge id=\"e0\" source=\"person:x\" target=\"meeting:1\">"));
        assert!(xml.contains("<data key=\"e_role\">رئيس الوفد</data>"));
        assert!(xml.ends_with("</graphml>\n"));
    }

    #[test]
    fn empty_graph_is_valid() {
        let mut out = Vec::new();
        write_graphml(&Graph::default(), &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("<graph id=\"wasit\" edgedefault=\"directed\">\n  </graph>"));
    }
}
