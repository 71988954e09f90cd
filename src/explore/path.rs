//! `wasit path A B`: the shortest chains linking two nodes, whatever the direction
//! of the edges, with the edge types along the way:
//! `جاريد كوشنر —participates_in→ محادثات مسقط 2026-02-06 ←party_to— إيران`.
//!
//! Claims are left out of the walk (and with them `said`, `reported_by` and
//! `about`), unless a claim is one of the two ends: two people who commented on the
//! same talks are not linked by that, and a chain through a statement says little
//! that the chain through the talks does not say better. Every other edge is
//! followed both ways, one step each.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::io;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use super::{meeting_title, node_ref, NodeRef};
use crate::model::{EdgeType, Graph, NodeType};

/// One edge of a step, as walked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StepEdge {
    /// The edge type.
    #[serde(rename = "type")]
    pub edge: EdgeType,
    /// True when the edge points along the walk (from the earlier node to the later).
    pub forward: bool,
}

/// One shortest chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chain {
    /// The chain as one line of text.
    pub text: String,
    /// The nodes, from the first end to the second.
    pub nodes: Vec<NodeRef>,
    /// `edges[i]`: the edges (one or more, e.g. `mediates` and `hosts`) joining
    /// `nodes[i]` and `nodes[i + 1]`.
    pub edges: Vec<Vec<StepEdge>>,
}

/// The answer of `wasit path`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathReport {
    /// The first end.
    pub from: NodeRef,
    /// The second end.
    pub to: NodeRef,
    /// Number of steps of the shortest chains; `None` when nothing links them.
    pub length: Option<usize>,
    /// The shortest chains (at most the limit asked for).
    pub paths: Vec<Chain>,
    /// True when there are more shortest chains than the limit.
    pub truncated: bool,
}

/// Up to `limit` shortest chains between nodes `from` and `to` (ids), walked as the
/// module header says.
///
/// ```
/// use wasit::explore::path::shortest_paths;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("person:kushner", NodeType::Person, "جاريد كوشنر"));
/// g.add_node(Node::new("state:IR", NodeType::State, "إيران"));
/// let mut m = Node::new("meeting:muscat", NodeType::Meeting, "محادثات مسقط");
/// m.attrs.insert("date".into(), "2026-02-06".into());
/// g.add_node(m);
/// g.add_edge(Edge::new("person:kushner", EdgeType::ParticipatesIn, "meeting:muscat"));
/// g.add_edge(Edge::new("state:IR", EdgeType::PartyTo, "meeting:muscat"));
/// let r = shortest_paths(&g, "person:kushner", "state:IR", 10);
/// assert_eq!(r.length, Some(2));
/// assert_eq!(r.paths[0].text,
///            "جاريد كوشنر —participates_in→ محادثات مسقط 2026-02-06 ←party_to— إيران");
/// ```
pub fn shortest_paths(graph: &Graph, from: &str, to: &str, limit: usize) -> PathReport {
    let mut report = PathReport {
        from: node_ref(graph, from),
        to: node_ref(graph, to),
        length: None,
        paths: Vec::new(),
        truncated: false,
    };
    let (Some(s), Some(t)) = (graph.index_of(from), graph.index_of(to)) else {
        return report;
    };
    let pg = graph.petgraph();
    let allowed = |ix: NodeIndex| {
        ix == s
            || ix == t
            || pg
                .node_weight(ix)
                .is_some_and(|n| n.node_type != NodeType::Claim)
    };

    // Breadth first from s, keeping every predecessor on a shortest chain.
    let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(s, 0)]);
    let mut preds: HashMap<NodeIndex, HashMap<NodeIndex, BTreeSet<StepEdge>>> = HashMap::new();
    let mut queue = VecDeque::from([s]);
    while let Some(v) = queue.pop_front() {
        let dv = dist[&v];
        if dist.get(&t).is_some_and(|&dt| dv >= dt) || (v == t && v != s) {
            continue;
        }
        let out = pg
            .edges_directed(v, Direction::Outgoing)
            .map(|e| (e.target(), e.weight().edge_type, true));
        let inc = pg
            .edges_directed(v, Direction::Incoming)
            .map(|e| (e.source(), e.weight().edge_type, false));
        for (w, edge, forward) in out.chain(inc) {
            if w == v || !allowed(w) || (v != s && !allowed(v)) {
                continue;
            }
            let dw = *dist.entry(w).or_insert_with(|| {
                queue.push_back(w);
                dv + 1
            });
            if dw == dv + 1 {
                preds
                    .entry(w)
                    .or_default()
                    .entry(v)
                    .or_default()
                    .insert(StepEdge { edge, forward });
            }
        }
    }
    let Some(&length) = dist.get(&t) else {
        return report;
    };
    report.length = Some(length);

    // Walk back from t; predecessors in id order so that output is stable.
    let id = |ix: NodeIndex| pg.node_weight(ix).map(|n| n.id.as_str()).unwrap_or("");
    let mut found: Vec<Vec<(NodeIndex, Vec<StepEdge>)>> = Vec::new();
    let mut stack: Vec<(NodeIndex, Vec<StepEdge>)> = Vec::new();
    walk_back(
        t,
        s,
        &preds,
        &id,
        &mut stack,
        &mut found,
        limit.saturating_add(1),
    );
    report.truncated = found.len() > limit;
    found.truncate(limit);
    report.paths = found
        .into_iter()
        .map(|steps| chain(graph, s, steps))
        .collect();
    report
}

/// Depth-first enumeration of the chains from `at` back to `s`, at most `limit`.
/// `suffix` holds the steps already walked, the last step first.
fn walk_back<'a>(
    at: NodeIndex,
    s: NodeIndex,
    preds: &HashMap<NodeIndex, HashMap<NodeIndex, BTreeSet<StepEdge>>>,
    id: &dyn Fn(NodeIndex) -> &'a str,
    suffix: &mut Vec<(NodeIndex, Vec<StepEdge>)>,
    found: &mut Vec<Vec<(NodeIndex, Vec<StepEdge>)>>,
    limit: usize,
) {
    if found.len() >= limit {
        return;
    }
    if at == s {
        found.push(suffix.iter().rev().cloned().collect());
        return;
    }
    let Some(ps) = preds.get(&at) else { return };
    let mut ps: Vec<(&NodeIndex, &BTreeSet<StepEdge>)> = ps.iter().collect();
    ps.sort_by_key(|(ix, _)| id(**ix));
    for (&p, edges) in ps {
        suffix.push((at, edges.iter().copied().collect()));
        walk_back(p, s, preds, id, suffix, found, limit);
        suffix.pop();
        if found.len() >= limit {
            return;
        }
    }
}

/// A chain from `s` through the steps (each: the node reached and the edges to it).
fn chain(graph: &Graph, s: NodeIndex, steps: Vec<(NodeIndex, Vec<StepEdge>)>) -> Chain {
    let pg = graph.petgraph();
    let name = |ix: NodeIndex| match pg.node_weight(ix) {
        Some(n) if n.node_type == NodeType::Meeting => {
            meeting_title(&NodeRef::of(n).display(), n.attr_str("date"))
        }
        Some(n) => NodeRef::of(n).display(),
        None => String::new(),
    };
    let reference = |ix: NodeIndex| {
        pg.node_weight(ix)
            .map(NodeRef::of)
            .unwrap_or_else(|| node_ref(graph, ""))
    };
    let mut text = name(s);
    let mut nodes = vec![reference(s)];
    let mut edges = Vec::new();
    for (ix, via) in steps {
        text.push(' ');
        text.push_str(&arrow(&via));
        text.push(' ');
        text.push_str(&name(ix));
        nodes.push(reference(ix));
        edges.push(via);
    }
    Chain { text, nodes, edges }
}

/// The arrow of a step: `—type→` along the edge, `←type—` against it; several edges
/// of one direction share an arrow (`←mediates|hosts—`).
fn arrow(via: &[StepEdge]) -> String {
    let names = |forward: bool| {
        via.iter()
            .filter(|e| e.forward == forward)
            .map(|e| e.edge.as_str())
            .collect::<Vec<_>>()
            .join("|")
    };
    let (fwd, back) = (names(true), names(false));
    match (fwd.is_empty(), back.is_empty()) {
        (false, true) => format!("—{fwd}→"),
        (true, false) => format!("←{back}—"),
        (false, false) => format!("—{fwd}→/←{back}—"),
        (true, true) => "—".to_string(),
    }
}

/// Writes the chains, one a line.
///
/// ```
/// use wasit::explore::path::{shortest_paths, write_table};
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:US", NodeType::State, "الولايات المتحدة"));
/// g.add_node(Node::new("state:IR", NodeType::State, "إيران"));
/// let mut out = Vec::new();
/// write_table(&shortest_paths(&g, "state:US", "state:IR", 10), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().starts_with("no chain links"));
/// ```
pub fn write_table<W: io::Write>(report: &PathReport, mut w: W) -> io::Result<()> {
    let (a, b) = (report.from.display_both(), report.to.display_both());
    let Some(length) = report.length else {
        return writeln!(
            w,
            "no chain links {a} and {b} (claims are not walked through)"
        );
    };
    let n = report.paths.len();
    let more = if report.truncated {
        " (more not shown)"
    } else {
        ""
    };
    writeln!(
        w,
        "{n} shortest chain{} of {length} step{} between {a} and {b}{more}",
        if n == 1 { "" } else { "s" },
        if length == 1 { "" } else { "s" }
    )?;
    for (i, c) in report.paths.iter().enumerate() {
        writeln!(w, "{:>3}. {}", i + 1, c.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node};

    fn graph() -> Graph {
        let mut g = Graph::default();
        g.add_node(Node::new("person:a", NodeType::Person, "أ"));
        g.add_node(Node::new("person:b", NodeType::Person, "ب"));
        g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
        g.add_node(Node::new("meeting:m", NodeType::Meeting, "م"));
        g.add_node(Node::new("claim:c", NodeType::Claim, "ق"));
        g.add_edge(Edge::new("person:a", EdgeType::Said, "claim:c"));
        g.add_edge(Edge::new("person:b", EdgeType::Said, "claim:c"));
        g.add_edge(Edge::new("person:a", EdgeType::ParticipatesIn, "meeting:m"));
        g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:m"));
        g.add_edge(Edge::new("state:OM", EdgeType::Hosts, "meeting:m"));
        g
    }

    #[test]
    fn claims_are_not_walked_through() {
        let r = shortest_paths(&graph(), "person:a", "person:b", 10);
        assert_eq!(r.length, None);
        let r = shortest_paths(&graph(), "person:b", "claim:c", 10);
        assert_eq!(r.length, Some(1));
    }

    #[test]
    fn parallel_edges_share_a_step() {
        let r = shortest_paths(&graph(), "person:a", "state:OM", 10);
        assert_eq!(r.paths.len(), 1);
        assert_eq!(
            r.paths[0].text,
            "أ —participates_in→ م ←mediates|hosts— عمان"
        );
    }

    #[test]
    fn same_node_and_missing_nodes() {
        let g = graph();
        let r = shortest_paths(&g, "person:a", "person:a", 10);
        assert_eq!((r.length, r.paths.len()), (Some(0), 1));
        assert_eq!(shortest_paths(&g, "person:a", "nowhere", 10).length, None);
        assert!(shortest_paths(&g, "person:a", "state:OM", 0).truncated);
    }

    #[test]
    fn every_shortest_chain_up_to_the_limit() {
        // A diamond of meetings: two chains of two steps from x to y.
        let mut g = Graph::default();
        for id in ["state:x", "state:y"] {
            g.add_node(Node::new(id, NodeType::State, id));
        }
        for m in ["meeting:1", "meeting:2"] {
            g.add_node(Node::new(m, NodeType::Meeting, m));
            g.add_edge(Edge::new("state:x", EdgeType::PartyTo, m));
            g.add_edge(Edge::new("state:y", EdgeType::PartyTo, m));
        }
        let r = shortest_paths(&g, "state:x", "state:y", 10);
        assert_eq!((r.length, r.paths.len(), r.truncated), (Some(2), 2, false));
        let r = shortest_paths(&g, "state:x", "state:y", 1);
        assert_eq!((r.paths.len(), r.truncated), (1, true));
    }
}
