//! Export stage: GEXF 1.3, Gephi's own format, with time.
//!
//! The graph is `mode="dynamic"` with `timeformat="date"`: a meeting (and a claim)
//! with a date spans it — `2026-02-06` that day, `2024-05` the whole month, `2025`
//! the whole year — and so do the edges that touch it (its parties, delegates,
//! mediators, hosts, place), so that Gephi's timeline shows the talks appearing in
//! their order. Other nodes have no interval: they are always there. A date known
//! without its year (`XXXX-05-08`) gives no interval.
//!
//! Attributes are declared once, typed as in GraphML: `type`, `aliases` (joined
//! by `;`), one per key of `attrs` and `evidence` (`doc:start-end;…`); edges carry
//! their `type` as their label and as an attribute. Nodes are coloured by type
//! (`viz:color`, the diagram's fills).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde_json::Value;

use super::dot::node_style;
use super::format::{columns, typed, Column, Kind, Typed};
use super::graphml::{compact_evidence, Escaped};
use crate::model::{Graph, NodeType};

/// Names the fixed node attributes take; an attribute with one of them is renamed.
const NODE_RESERVED: [&str; 6] = ["id", "type", "label", "aliases", "evidence", "start"];
/// Names the fixed edge attributes take.
const EDGE_RESERVED: [&str; 6] = ["id", "type", "source", "target", "evidence", "start"];

/// Writes the graph as GEXF 1.3.
///
/// ```
/// use wasit::export::gexf::write_gexf;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// let mut m = Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط");
/// m.attrs.insert("date".into(), "2024-05".into());
/// g.add_node(m);
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// let mut out = Vec::new();
/// write_gexf(&g, &mut out).unwrap();
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<node id="meeting:1" label="محادثات مسقط" start="2024-05-01" end="2024-05-31">"#));
/// assert!(xml.contains(r#"label="mediates" start="2024-05-01" end="2024-05-31">"#));
/// ```
pub fn write_gexf<W: Write>(graph: &Graph, w: &mut W) -> io::Result<()> {
    let node_cols = columns(graph.nodes().map(|n| &n.attrs), &NODE_RESERVED);
    let edge_cols = columns(graph.edges().map(|e| &e.attrs), &EDGE_RESERVED);
    let spans: HashMap<&str, (String, String)> = graph
        .nodes()
        .filter(|n| matches!(n.node_type, NodeType::Meeting | NodeType::Claim))
        .filter_map(|n| Some((n.id.as_str(), interval(n.attr_str("date")?)?)))
        .collect();

    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
          <gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
          xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" \
          version=\"1.3\">\n\
          \x20 <meta>\n    <creator>wasit</creator>\n    \
          <description>Arabic diplomacy news: who met whom, who mediated, who said what</description>\n  \
          </meta>\n\
          \x20 <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n",
    )?;
    write_declarations(w, "node", &node_cols, &["type", "aliases"])?;
    write_declarations(w, "edge", &edge_cols, &["type"])?;

    w.write_all(b"    <nodes>\n")?;
    for node in graph.nodes() {
        write!(
            w,
            "      <node id=\"{}\" label=\"{}\"",
            Escaped(&node.id),
            Escaped(&node.label)
        )?;
        if let Some((start, end)) = spans.get(node.id.as_str()) {
            write!(w, " start=\"{start}\" end=\"{end}\"")?;
        }
        w.write_all(b">\n        <attvalues>\n")?;
        write_value(w, "type", node.node_type.as_str())?;
        if !node.aliases.is_empty() {
            write_value(w, "aliases", &node.aliases.join(";"))?;
        }
        write_attrs(w, &node_cols, &node.attrs)?;
        if !node.evidence.is_empty() {
            write_value(w, "evidence", &compact_evidence(&node.evidence))?;
        }
        w.write_all(b"        </attvalues>\n")?;
        let (_, fill, _) = node_style(node.node_type);
        if let Some((r, g, b)) = rgb(fill) {
            writeln!(w, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>")?;
        }
        w.write_all(b"      </node>\n")?;
    }
    w.write_all(b"    </nodes>\n    <edges>\n")?;
    for (i, edge) in graph.edges().enumerate() {
        write!(
            w,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" label=\"{}\"",
            Escaped(&edge.source),
            Escaped(&edge.target),
            edge.edge_type.as_str()
        )?;
        let span = spans
            .get(edge.target.as_str())
            .or_else(|| spans.get(edge.source.as_str()));
        if let Some((start, end)) = span {
            write!(w, " start=\"{start}\" end=\"{end}\"")?;
        }
        w.write_all(b">\n        <attvalues>\n")?;
        write_value(w, "type", edge.edge_type.as_str())?;
        write_attrs(w, &edge_cols, &edge.attrs)?;
        if !edge.evidence.is_empty() {
            write_value(w, "evidence", &compact_evidence(&edge.evidence))?;
        }
        w.write_all(b"        </attvalues>\n      </edge>\n")?;
    }
    w.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
}

/// The first and last day an ISO date (possibly partial) stands for; `None` for a
/// date without its year or one that does not parse.
///
/// ```
/// use wasit::export::gexf::interval;
/// assert_eq!(interval("2026-02-06"), Some(("2026-02-06".into(), "2026-02-06".into())));
/// assert_eq!(interval("2024-02"), Some(("2024-02-01".into(), "2024-02-29".into())));
/// assert_eq!(interval("2025"), Some(("2025-01-01".into(), "2025-12-31".into())));
/// assert_eq!(interval("XXXX-05-08"), None);
/// ```
pub fn interval(date: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let year: i64 = parts.first()?.parse().ok()?;
    if !(1..=9999).contains(&year) || parts[0].len() != 4 {
        return None;
    }
    let num = |i: usize| -> Option<Option<u32>> {
        match parts.get(i) {
            None => Some(None),
            Some(p) => p.get(..2).unwrap_or(p).parse().ok().map(Some),
        }
    };
    let (month, day) = (num(1)?, num(2)?);
    Some(match (month, day) {
        (None, _) => (format!("{year:04}-01-01"), format!("{year:04}-12-31")),
        (Some(m), None) if (1..=12).contains(&m) => (
            format!("{year:04}-{m:02}-01"),
            format!("{year:04}-{m:02}-{:02}", days_in_month(year, m)),
        ),
        (Some(m), Some(d))
            if (1..=12).contains(&m) && (1..=days_in_month(year, m)).contains(&d) =>
        {
            let day = format!("{year:04}-{m:02}-{d:02}");
            (day.clone(), day)
        }
        _ => return None,
    })
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `#rrggbb` as three bytes.
fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.strip_prefix('#').filter(|h| h.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

fn attr_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Bool => "boolean",
        Kind::Int => "long",
        Kind::Float => "double",
        Kind::StrList | Kind::Str => "string",
    }
}

fn write_declarations<W: Write>(
    w: &mut W,
    class: &str,
    cols: &[Column],
    fixed: &[&str],
) -> io::Result<()> {
    writeln!(w, "    <attributes class=\"{class}\" mode=\"static\">")?;
    for name in fixed {
        writeln!(
            w,
            "      <attribute id=\"{name}\" title=\"{name}\" type=\"string\"/>"
        )?;
    }
    for col in cols {
        writeln!(
            w,
            "      <attribute id=\"{}\" title=\"{}\" type=\"{}\"/>",
            Escaped(&col.name),
            Escaped(&col.name),
            attr_type(col.kind)
        )?;
    }
    writeln!(
        w,
        "      <attribute id=\"evidence\" title=\"evidence\" type=\"string\"/>"
    )?;
    writeln!(w, "    </attributes>")
}

fn write_value<W: Write>(w: &mut W, id: &str, value: &str) -> io::Result<()> {
    writeln!(
        w,
        "          <attvalue for=\"{}\" value=\"{}\"/>",
        Escaped(id),
        Escaped(value)
    )
}

fn write_attrs<W: Write>(
    w: &mut W,
    cols: &[Column],
    attrs: &BTreeMap<String, Value>,
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
        write_value(w, &col.name, &text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeType, Node};
    use serde_json::json;

    #[test]
    fn meetings_and_their_edges_span_their_dates() {
        let mut g = Graph::default();
        g.add_node(Node::new("state:OM", NodeType::State, "عمان \"x\" <y>"));
        let mut m = Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط 2026-02-06");
        m.attrs.insert("date".into(), json!("2026-02-06"));
        m.attrs.insert("round".into(), json!(2));
        g.add_node(m);
        let mut u = Node::new("meeting:2", NodeType::Meeting, "محادثات");
        u.attrs.insert("date".into(), json!("XXXX-05-08"));
        g.add_node(u);
        g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
        g.add_edge(Edge::new("state:OM", EdgeType::Hosts, "meeting:2"));
        let mut out = Vec::new();
        write_gexf(&g, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(
            xml.contains(r#"label="عمان &quot;x&quot; &lt;y&gt;">"#),
            "{xml}"
        );
        assert!(xml.contains(r#"start="2026-02-06" end="2026-02-06""#));
        assert!(xml.contains(r#"<attribute id="round" title="round" type="long"/>"#));
        assert!(xml.contains(r#"<attvalue for="round" value="2"/>"#));
        assert!(xml.contains(r#"<node id="meeting:2" label="محادثات">"#));
        assert!(xml.contains(r#"label="hosts">"#));
        assert_eq!(xml.matches("<viz:color").count(), 3);
    }

    #[test]
    fn bad_dates_give_no_interval() {
        for d in ["", "x", "2025-13", "2025-02-30", "25", "XXXX"] {
            assert_eq!(interval(d), None, "{d}");
        }
    }
}
