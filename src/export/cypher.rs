//! Export stage: a Cypher script for property-graph databases (Neo4j, FalkorDB,
//! Memgraph).
//!
//! Nodes are loaded in batches of `UNWIND [ … ] AS row MERGE (n:Label {id: row.id})
//! SET n = row`, one batch list per label; relationships in batches of `MATCH` both
//! ends by id, `MERGE (a)-[r:TYPE]->(b) SET r = row.props`. `MERGE` on the stable id
//! and `SET =` (which replaces every property) make the script idempotent: loading it
//! twice gives the same graph. Labels are `Person`, `State`, `Organization`, `Place`,
//! `Meeting`, `Claim`; relationship types `AFFILIATED_WITH`, `MEDIATES`, ….
//! Properties: `id`, `label`, `aliases` (a list), every attribute flattened
//! (`name_en`, `date`, `anonymous` as a boolean, …) and `evidence` as JSON text.
//!
//! Statements end with `;` at the end of a line; string literals never span lines
//! (line breaks are escaped as `\n`), so a loader may split on `;` outside quotes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::format::{columns, evidence_json, typed, Column, Typed};
use crate::model::{Edge, EdgeType, Graph, Node, NodeType};

/// Rows per `UNWIND` batch.
pub const BATCH: usize = 500;

/// Property names the fixed node properties take.
pub(crate) const NODE_RESERVED: [&str; 4] = ["id", "label", "aliases", "evidence"];
/// Property names the fixed relationship properties take.
pub(crate) const EDGE_RESERVED: [&str; 1] = ["evidence"];

/// The node label of a node type: `Person`, `State`, `Organization`, `Place`,
/// `Meeting`, `Claim`.
///
/// ```
/// use wasit::export::cypher::node_label;
/// use wasit::model::NodeType;
/// assert_eq!(node_label(NodeType::Organization), "Organization");
/// ```
pub fn node_label(t: NodeType) -> &'static str {
    match t {
        NodeType::Person => "Person",
        NodeType::State => "State",
        NodeType::Organization => "Organization",
        NodeType::Place => "Place",
        NodeType::Meeting => "Meeting",
        NodeType::Claim => "Claim",
    }
}

/// The relationship type of an edge type: `AFFILIATED_WITH`, `MEDIATES`, ….
///
/// ```
/// use wasit::export::cypher::rel_type;
/// use wasit::model::EdgeType;
/// assert_eq!(rel_type(EdgeType::ParticipatesIn), "PARTICIPATES_IN");
/// ```
pub fn rel_type(t: EdgeType) -> &'static str {
    match t {
        EdgeType::AffiliatedWith => "AFFILIATED_WITH",
        EdgeType::PartOf => "PART_OF",
        EdgeType::RelativeOf => "RELATIVE_OF",
        EdgeType::PartyTo => "PARTY_TO",
        EdgeType::ParticipatesIn => "PARTICIPATES_IN",
        EdgeType::Mediates => "MEDIATES",
        EdgeType::Hosts => "HOSTS",
        EdgeType::HeldIn => "HELD_IN",
        EdgeType::Said => "SAID",
        EdgeType::ReportedBy => "REPORTED_BY",
        EdgeType::About => "ABOUT",
    }
}

/// Writes the graph as an idempotent Cypher script.
///
/// ```
/// use wasit::export::cypher::write_cypher;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// let mut out = Vec::new();
/// write_cypher(&g, &mut out).unwrap();
/// let script = String::from_utf8(out).unwrap();
/// assert!(script.contains(r#"{id: "state:OM", label: "عمان", aliases: []}"#));
/// assert!(script.contains("MERGE (a)-[r:MEDIATES]->(b)"));
/// ```
pub fn write_cypher<W: Write>(graph: &Graph, w: &mut W) -> io::Result<()> {
    writeln!(
        w,
        "// wasit {}: {} nodes, {} relationships.",
        env!("CARGO_PKG_VERSION"),
        graph.node_count(),
        graph.edge_count()
    )?;
    w.write_all(
        b"// Idempotent: nodes MERGE on id, relationships on (start, type, end); SET = replaces\n\
          // every property, so loading twice gives the same graph.\n\
          // Neo4j: cypher-shell -f graph.cypher. To speed up large loads, create first:\n\
          //   CREATE CONSTRAINT IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE (and so on per label)\n",
    )?;

    for t in NodeType::ALL {
        let nodes: Vec<&Node> = graph.nodes().filter(|n| n.node_type == t).collect();
        if nodes.is_empty() {
            continue;
        }
        let cols = columns(nodes.iter().map(|n| &n.attrs), &NODE_RESERVED);
        let label = node_label(t);
        for batch in nodes.chunks(BATCH) {
            w.write_all(b"\nUNWIND [\n")?;
            for (i, node) in batch.iter().enumerate() {
                w.write_all(b"  {id: ")?;
                write_string(w, &node.id)?;
                w.write_all(b", label: ")?;
                write_string(w, &node.label)?;
                w.write_all(b", aliases: [")?;
                for (j, alias) in node.aliases.iter().enumerate() {
                    if j > 0 {
                        w.write_all(b", ")?;
                    }
                    write_string(w, alias)?;
                }
                w.write_all(b"]")?;
                write_props(w, &cols, &node.attrs, true)?;
                if !node.evidence.is_empty() {
                    w.write_all(b", evidence: ")?;
                    write_string(w, &evidence_json(&node.evidence))?;
                }
                w.write_all(if i + 1 < batch.len() { b"},\n" } else { b"}\n" })?;
            }
            writeln!(
                w,
                "] AS row\nMERGE (n:{label} {{id: row.id}})\nSET n = row;"
            )?;
        }
    }

    let mut groups: BTreeMap<(EdgeType, NodeType, NodeType), Vec<&Edge>> = BTreeMap::new();
    for edge in graph.edges() {
        if let (Some(a), Some(b)) = (graph.node(&edge.source), graph.node(&edge.target)) {
            groups
                .entry((edge.edge_type, a.node_type, b.node_type))
                .or_default()
                .push(edge);
        }
    }
    let mut rel_cols: BTreeMap<EdgeType, Vec<Column>> = BTreeMap::new();
    for t in EdgeType::ALL {
        rel_cols.insert(
            t,
            columns(
                graph.edges().filter(|e| e.edge_type == t).map(|e| &e.attrs),
                &EDGE_RESERVED,
            ),
        );
    }
    for ((t, from, to), edges) in &groups {
        let cols = rel_cols.get(t).map(Vec::as_slice).unwrap_or_default();
        for batch in edges.chunks(BATCH) {
            w.write_all(b"\nUNWIND [\n")?;
            for (i, edge) in batch.iter().enumerate() {
                w.write_all(b"  {source: ")?;
                write_string(w, &edge.source)?;
                w.write_all(b", target: ")?;
                write_string(w, &edge.target)?;
                w.write_all(b", props: {")?;
                let any = write_props(w, cols, &edge.attrs, false)?;
                if !edge.evidence.is_empty() {
                    w.write_all(if any { b", evidence: " } else { b"evidence: " })?;
                    write_string(w, &evidence_json(&edge.evidence))?;
                }
                w.write_all(if i + 1 < batch.len() {
                    b"}},\n"
                } else {
                    b"}}\n"
                })?;
            }
            writeln!(
                w,
                "] AS row\nMATCH (a:{} {{id: row.source}})\nMATCH (b:{} {{id: row.target}})\n\
                 MERGE (a)-[r:{}]->(b)\nSET r = row.props;",
                node_label(*from),
                node_label(*to),
                rel_type(*t)
            )?;
        }
    }
    Ok(())
}

/// Writes `name: value` pairs of the attributes set, each preceded by `, ` unless it
/// is the first and `leading_comma` is false. Returns whether it wrote any.
fn write_props<W: Write>(
    w: &mut W,
    cols: &[Column],
    attrs: &BTreeMap<String, serde_json::Value>,
    leading_comma: bool,
) -> io::Result<bool> {
    let mut first = !leading_comma;
    let mut any = false;
    for col in cols {
        let Some(value) = attrs.get(&col.key).and_then(|v| typed(col.kind, v)) else {
            continue;
        };
        if !first {
            w.write_all(b", ")?;
        }
        first = false;
        any = true;
        write_key(w, &col.name)?;
        w.write_all(b": ")?;
        match value {
            Typed::Bool(b) => write!(w, "{b}")?,
            Typed::Int(i) => write!(w, "{i}")?,
            Typed::Float(f) => write!(w, "{f:?}")?,
            Typed::Str(s) => write_string(w, &s)?,
            Typed::StrList(items) => {
                w.write_all(b"[")?;
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        w.write_all(b", ")?;
                    }
                    write_string(w, item)?;
                }
                w.write_all(b"]")?;
            }
        }
    }
    Ok(any)
}

/// A map key: plain when it is an identifier that is not a keyword, else in backticks.
/// Names reaching here are already `[A-Za-z0-9_]` (see `format::identifier`).
fn write_key<W: Write>(w: &mut W, name: &str) -> io::Result<()> {
    if is_keyword(name) {
        write!(w, "`{name}`")
    } else {
        w.write_all(name.as_bytes())
    }
}

fn is_keyword(name: &str) -> bool {
    const KEYWORDS: [&str; 60] = [
        "all",
        "and",
        "as",
        "asc",
        "ascending",
        "by",
        "call",
        "case",
        "contains",
        "create",
        "delete",
        "desc",
        "descending",
        "detach",
        "distinct",
        "else",
        "end",
        "ends",
        "exists",
        "false",
        "foreach",
        "in",
        "is",
        "limit",
        "match",
        "merge",
        "not",
        "null",
        "on",
        "optional",
        "or",
        "order",
        "remove",
        "return",
        "set",
        "skip",
        "starts",
        "then",
        "true",
        "union",
        "unwind",
        "when",
        "where",
        "with",
        "xor",
        "yield",
        "constraint",
        "do",
        "for",
        "from",
        "mandatory",
        "of",
        "require",
        "scalar",
        "unique",
        "add",
        "drop",
        "index",
        "node",
        "rel",
    ];
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(name))
}

/// A Cypher string literal in double quotes. `\`, `"`, `'` and the line-breaking
/// controls are escaped (`\n`, `\r`, `\t`, `\b`, `\f`), so a literal never spans
/// lines; other characters, Arabic included, are written as they are (FalkorDB does
/// not read `\uXXXX`).
fn write_string<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    w.write_all(b"\"")?;
    let mut rest = s;
    while let Some(i) = rest.find(['\\', '"', '\'', '\n', '\r', '\t', '\u{8}', '\u{c}']) {
        w.write_all(&rest.as_bytes()[..i])?;
        let c = rest.as_bytes()[i];
        let esc: &[u8] = match c {
            b'\\' => b"\\\\",
            b'"' => b"\\\"",
            b'\'' => b"\\'",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            8 => b"\\b",
            _ => b"\\f",
        };
        w.write_all(esc)?;
        rest = &rest[i + 1..];
    }
    w.write_all(rest.as_bytes())?;
    w.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
    use serde_json::json;

    fn script(g: &Graph) -> String {
        let mut out = Vec::new();
        write_cypher(g, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_strings() {
        let mut out = Vec::new();
        write_string(&mut out, "قال \"لا\" \\ 'x'\nسطر\t").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#""قال \"لا\" \\ \'x\'\nسطر\t""#
        );
    }

    #[test]
    fn writes_nodes_and_relationships_in_batches() {
        let mut g = Graph::default();
        let mut p = Node::new("person:x", NodeType::Person, "مصدر");
        p.attrs.insert("anonymous".into(), json!(true));
        p.attrs.insert("end".into(), json!(1.5));
        p.evidence.push(Evidence {
            doc: "a.txt".into(),
            start: 0,
            end: 8,
        });
        g.add_node(p);
        g.add_node(Node::new("state:QA", NodeType::State, "قطر"));
        let mut e = Edge::new("person:x", EdgeType::AffiliatedWith, "state:QA");
        e.attrs.insert("role".into(), json!("وسيط"));
        e.evidence.push(Evidence {
            doc: "a.txt".into(),
            start: 0,
            end: 8,
        });
        g.add_edge(e);
        let s = script(&g);
        assert!(s.contains(
            r#"  {id: "person:x", label: "مصدر", aliases: [], anonymous: true, `end`: 1.5, evidence: "[{\"doc\":\"a.txt\",\"start\":0,\"end\":8}]"}"#
        ));
        assert!(s.contains("] AS row\nMERGE (n:Person {id: row.id})\nSET n = row;\n"));
        assert!(s.contains(
            r#"  {source: "person:x", target: "state:QA", props: {role: "وسيط", evidence: "[{\"doc\":\"a.txt\",\"start\":0,\"end\":8}]"}}"#
        ));
        assert!(s.contains("MATCH (a:Person {id: row.source})\nMATCH (b:State {id: row.target})\nMERGE (a)-[r:AFFILIATED_WITH]->(b)\nSET r = row.props;"));
    }

    #[test]
    fn splits_large_labels_into_batches() {
        let mut g = Graph::default();
        for i in 0..(BATCH + 1) {
            g.add_node(Node::new(format!("place:{i}"), NodeType::Place, "مكان"));
        }
        let s = script(&g);
        assert_eq!(s.matches("MERGE (n:Place {id: row.id})").count(), 2);
        assert_eq!(s.matches("SET n = row;").count(), 2);
    }

    #[test]
    fn edge_without_props_gets_an_empty_map() {
        let mut g = Graph::default();
        g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
        g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات"));
        g.add_edge(Edge::new("state:OM", EdgeType::Hosts, "meeting:1"));
        assert!(script(&g).contains(r#"{source: "state:OM", target: "meeting:1", props: {}}"#));
    }
}
