//! The knowledge graph: typed nodes and edges, each with attributes and evidence,
//! stored in a petgraph `StableDiGraph` and indexed by stable string ids.
//!
//! Its JSON form is the contract of `shared/eval/README.md`:
//! `{"wasit": {...}, "nodes": [...], "edges": [...]}`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::document::DocMeta;

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeType {
    /// A named or anonymous person.
    Person,
    /// A sovereign state (ISO 3166 code in its id).
    State,
    /// A ministry, agency, outlet, movement or international body.
    Organization,
    /// A city, venue or region.
    Place,
    /// Talks, a summit, a visit or a call.
    Meeting,
    /// An attributed statement.
    Claim,
}

impl NodeType {
    /// Every node type, in a fixed order.
    pub const ALL: [NodeType; 6] = [
        NodeType::Person,
        NodeType::State,
        NodeType::Organization,
        NodeType::Place,
        NodeType::Meeting,
        NodeType::Claim,
    ];

    /// The name used in the JSON contract (`person`, `state`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::Person => "person",
            NodeType::State => "state",
            NodeType::Organization => "organization",
            NodeType::Place => "place",
            NodeType::Meeting => "meeting",
            NodeType::Claim => "claim",
        }
    }
}

impl fmt::Display for NodeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an edge says. Direction matters; see the table in `shared/eval/README.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeType {
    /// person → state or organization.
    AffiliatedWith,
    /// organization → state.
    PartOf,
    /// person → person (`attrs.relation`).
    RelativeOf,
    /// state or organization → meeting.
    PartyTo,
    /// person → meeting.
    ParticipatesIn,
    /// state, person or organization → meeting.
    Mediates,
    /// state, person or organization → meeting.
    Hosts,
    /// meeting → place or state.
    HeldIn,
    /// person, state or organization → claim.
    Said,
    /// claim → organization (the outlet).
    ReportedBy,
    /// claim → meeting.
    About,
}

impl EdgeType {
    /// Every edge type, in a fixed order.
    pub const ALL: [EdgeType; 11] = [
        EdgeType::AffiliatedWith,
        EdgeType::PartOf,
        EdgeType::RelativeOf,
        EdgeType::PartyTo,
        EdgeType::ParticipatesIn,
        EdgeType::Mediates,
        EdgeType::Hosts,
        EdgeType::HeldIn,
        EdgeType::Said,
        EdgeType::ReportedBy,
        EdgeType::About,
    ];

    /// The name used in the JSON contract (`affiliated_with`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeType::AffiliatedWith => "affiliated_with",
            EdgeType::PartOf => "part_of",
            EdgeType::RelativeOf => "relative_of",
            EdgeType::PartyTo => "party_to",
            EdgeType::ParticipatesIn => "participates_in",
            EdgeType::Mediates => "mediates",
            EdgeType::Hosts => "hosts",
            EdgeType::HeldIn => "held_in",
            EdgeType::Said => "said",
            EdgeType::ReportedBy => "reported_by",
            EdgeType::About => "about",
        }
    }
}

impl fmt::Display for EdgeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a node or edge was read: a document id and byte offsets into its original text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The document id.
    pub doc: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A node of the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Stable, readable id (`state:IR`, `person:عباس_عراقجي`, `meeting:…`).
    pub id: String,
    /// What it is.
    #[serde(rename = "type")]
    pub node_type: NodeType,
    /// The display name (the longest or canonical form); empty when a graph gives none.
    #[serde(default)]
    pub label: String,
    /// Every surface form seen, the label excepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Typed attributes (`name_en`, `date`, `text`, `anonymous`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, Value>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Node {
    /// A node with no aliases, attributes or evidence.
    pub fn new(id: impl Into<String>, node_type: NodeType, label: impl Into<String>) -> Node {
        Node {
            id: id.into(),
            node_type,
            label: label.into(),
            aliases: Vec::new(),
            attrs: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }

    /// A string attribute, if set.
    pub fn attr_str(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(Value::as_str)
    }

    /// The English name, if known.
    pub fn name_en(&self) -> Option<&str> {
        self.attr_str("name_en")
    }
}

/// An edge of the graph, as it travels in JSON (with its endpoints' ids).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Id of the source node.
    pub source: String,
    /// Id of the target node.
    pub target: String,
    /// What it says.
    #[serde(rename = "type")]
    pub edge_type: EdgeType,
    /// Attributes (`role`, `relation`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, Value>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// An edge with no attributes or evidence.
    pub fn new(source: impl Into<String>, edge_type: EdgeType, target: impl Into<String>) -> Edge {
        Edge {
            source: source.into(),
            target: target.into(),
            edge_type,
            attrs: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }

    /// A string attribute, if set.
    pub fn attr_str(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(Value::as_str)
    }
}

/// One document as listed in the graph's header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderDoc {
    /// The document id used in evidence.
    pub id: String,
    /// Its metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// The document it is a syndicated copy of: its facts are that one's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// The header of `graph.json`: which tool wrote it and from which documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphHeader {
    /// `wasit`.
    #[serde(default)]
    pub tool: String,
    /// The tool's version.
    #[serde(default)]
    pub version: String,
    /// The documents read.
    #[serde(default)]
    pub documents: Vec<HeaderDoc>,
}

impl GraphHeader {
    /// A header naming this build of wasit and the given documents.
    pub fn new(documents: Vec<(String, DocMeta)>) -> GraphHeader {
        GraphHeader {
            tool: "wasit".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            documents: documents
                .into_iter()
                .map(|(id, meta)| HeaderDoc {
                    id,
                    meta,
                    copy_of: None,
                })
                .collect(),
        }
    }
}

/// The knowledge graph: a petgraph `StableDiGraph` of [`Node`]s and [`Edge`]s with an
/// index from stable id to node.
///
/// Adding a node whose id exists merges it (aliases, attributes and evidence are
/// united); adding an edge that exists (same source, type and target) merges its
/// evidence. Iteration is in insertion order; [`Graph::canonicalize`] sorts so that
/// the same input gives byte-identical output.
///
/// ```
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// assert_eq!(g.edges().count(), 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Which tool wrote it and from which documents.
    pub header: GraphHeader,
    inner: StableDiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    /// The edge between two nodes with a given type, so that merging an edge into
    /// an existing one costs one look-up, not a scan of the source's edges (a hub
    /// such as a state with ten thousand `said` edges made that quadratic).
    edge_index: HashMap<(NodeIndex, NodeIndex, EdgeType), EdgeIndex>,
    /// At most this many evidence entries per node and edge (`--max-evidence`).
    max_evidence: Option<usize>,
}

impl Graph {
    /// Keeps at most `n` evidence entries per node and edge: the `n` smallest by
    /// (document, start, end), whatever the order they came in, so that the cap
    /// gives one output for one input. Set it before adding anything: merging
    /// trims a list once it holds `2n`, so memory stays bounded by the nodes and
    /// edges, not by how often they are mentioned.
    ///
    /// ```
    /// use wasit::model::{Evidence, Graph, Node, NodeType};
    /// let mut g = Graph::default();
    /// g.set_max_evidence(Some(2));
    /// for start in [30, 10, 20, 40, 0] {
    ///     let mut n = Node::new("state:OM", NodeType::State, "عمان");
    ///     n.evidence.push(Evidence { doc: "a.txt".into(), start, end: start + 4 });
    ///     g.add_node(n);
    /// }
    /// g.canonicalize();
    /// let starts: Vec<usize> = g.node("state:OM").unwrap().evidence.iter().map(|e| e.start).collect();
    /// assert_eq!(starts, [0, 10]);
    /// ```
    pub fn set_max_evidence(&mut self, n: Option<usize>) {
        self.max_evidence = n.map(|n| n.max(1));
    }

    /// Adds a node, or merges it into the node with the same id.
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&ix) = self.index.get(&node.id) {
            let existing = &mut self.inner[ix];
            merge_node(existing, node);
            trim_evidence(&mut existing.evidence, self.max_evidence);
            return ix;
        }
        let id = node.id.clone();
        let ix = self.inner.add_node(node);
        self.index.insert(id, ix);
        ix
    }

    /// Adds an edge between two existing nodes, or merges it into the same edge.
    /// Returns false (and adds nothing) when an endpoint is missing or the edge is a loop.
    pub fn add_edge(&mut self, edge: Edge) -> bool {
        let (Some(&a), Some(&b)) = (self.index.get(&edge.source), self.index.get(&edge.target))
        else {
            return false;
        };
        if a == b {
            return false;
        }
        match self.edge_index.get(&(a, b, edge.edge_type)) {
            Some(&eix) => {
                let existing = &mut self.inner[eix];
                for (k, v) in edge.attrs {
                    existing.attrs.entry(k).or_insert(v);
                }
                for ev in edge.evidence {
                    // Duplicates go at canonicalization (sort + dedup): linear here.
                    existing.evidence.push(ev);
                }
                trim_evidence(&mut existing.evidence, self.max_evidence);
            }
            None => {
                let kind = edge.edge_type;
                let eix = self.inner.add_edge(a, b, edge);
                self.edge_index.insert((a, b, kind), eix);
            }
        }
        true
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&ix| &self.inner[ix])
    }

    /// The node with this id, mutably.
    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.index
            .get(id)
            .copied()
            .map(move |ix| &mut self.inner[ix])
    }

    /// True when a node with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// All nodes.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> + '_ {
        self.inner.node_indices().map(move |ix| &self.inner[ix])
    }

    /// All edges.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> + '_ {
        self.inner.edge_indices().map(move |ix| &self.inner[ix])
    }

    /// Edges leaving a node.
    pub fn out_edges<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Edge> + 'a {
        let ix = self.index.get(id).copied();
        ix.into_iter().flat_map(move |ix| {
            self.inner
                .edges_directed(ix, petgraph::Direction::Outgoing)
                .map(|e| e.weight())
        })
    }

    /// Edges entering a node.
    pub fn in_edges<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Edge> + 'a {
        let ix = self.index.get(id).copied();
        ix.into_iter().flat_map(move |ix| {
            self.inner
                .edges_directed(ix, petgraph::Direction::Incoming)
                .map(|e| e.weight())
        })
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    /// The underlying petgraph graph, for algorithms (paths, centrality).
    pub fn petgraph(&self) -> &StableDiGraph<Node, Edge> {
        &self.inner
    }

    /// The petgraph index of a node.
    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Removes a node and its edges.
    pub fn remove_node(&mut self, id: &str) -> Option<Node> {
        let ix = self.index.remove(id)?;
        for dir in [petgraph::Direction::Outgoing, petgraph::Direction::Incoming] {
            let gone: Vec<_> = self
                .inner
                .edges_directed(ix, dir)
                .map(|e| (e.source(), e.target(), e.weight().edge_type))
                .collect();
            for key in gone {
                self.edge_index.remove(&key);
            }
        }
        self.inner.remove_node(ix)
    }

    /// Rebuilds the graph with nodes sorted by (type, id) and edges by
    /// (source, type, target), aliases and evidence sorted: the form written out.
    pub fn canonicalize(&mut self) {
        // Moved out, not cloned: ids are unique and edges merged, so the keys below
        // are unique and an unstable sort gives the one order.
        let compact: petgraph::Graph<Node, Edge> = std::mem::take(&mut self.inner).into();
        let (nodes, edges) = compact.into_nodes_edges();
        let mut nodes: Vec<Node> = nodes.into_iter().map(|n| n.weight).collect();
        let mut edges: Vec<Edge> = edges.into_iter().map(|e| e.weight).collect();
        nodes.sort_unstable_by(|a, b| (a.node_type, &a.id).cmp(&(b.node_type, &b.id)));
        edges.sort_unstable_by(|a, b| {
            (&a.source, a.edge_type, &a.target).cmp(&(&b.source, b.edge_type, &b.target))
        });
        let header = std::mem::take(&mut self.header);
        let max_evidence = self.max_evidence;
        *self = Graph {
            header,
            max_evidence,
            ..Graph::default()
        };
        for mut n in nodes {
            n.aliases.sort();
            n.aliases.dedup();
            cap_evidence(&mut n.evidence, max_evidence);
            self.add_node(n);
        }
        for mut e in edges {
            cap_evidence(&mut e.evidence, max_evidence);
            self.add_edge(e);
        }
    }

    /// Parses the JSON form (`graph.json`). An edge whose end is not a node is
    /// dropped; [`Graph::read_json`] says so.
    pub fn from_json(text: &str) -> serde_json::Result<Graph> {
        let raw: GraphJson = serde_json::from_str(text)?;
        Ok(Graph::from(raw))
    }

    /// Parses the JSON form as the commands read a `graph.json`: wrong types are an
    /// error naming the line, and so is an evidence span that ends before it starts;
    /// an edge whose end is not a node is dropped with a warning (returned, one line
    /// each).
    ///
    /// ```
    /// use wasit::model::Graph;
    /// let text = r#"{"nodes": [{"id": "state:OM", "type": "state", "label": "عمان"}],
    ///   "edges": [{"source": "state:OM", "target": "meeting:x", "type": "hosts"}]}"#;
    /// let (g, warnings) = Graph::read_json(text).unwrap();
    /// assert_eq!(g.edge_count(), 0);
    /// assert_eq!(warnings, ["edge 1 (state:OM hosts meeting:x): no node `meeting:x`; dropped"]);
    /// let reversed = r#"{"nodes": [{"id": "state:OM", "type": "state", "label": "عمان",
    ///   "evidence": [{"doc": "a.txt", "start": 9, "end": 2}]}]}"#;
    /// assert!(Graph::read_json(reversed).is_err());
    /// ```
    pub fn read_json(text: &str) -> Result<(Graph, Vec<String>), GraphJsonError> {
        let raw: GraphJson = serde_json::from_str(text).map_err(GraphJsonError::Json)?;
        let spans = raw
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("node {} ({})", i + 1, n.id), &n.evidence))
            .chain(raw.edges.iter().enumerate().map(|(i, e)| {
                (
                    format!("edge {} ({} {} {})", i + 1, e.source, e.edge_type, e.target),
                    &e.evidence,
                )
            }));
        for (what, evidence) in spans {
            if let Some(ev) = evidence.iter().find(|ev| ev.start > ev.end) {
                return Err(GraphJsonError::Span {
                    what,
                    doc: ev.doc.clone(),
                    start: ev.start,
                    end: ev.end,
                });
            }
        }
        let ids: std::collections::HashSet<&str> =
            raw.nodes.iter().map(|n| n.id.as_str()).collect();
        let warnings = raw
            .edges
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let missing = [&e.source, &e.target]
                    .into_iter()
                    .find(|end| !ids.contains(end.as_str()))?;
                Some(format!(
                    "edge {} ({} {} {}): no node `{missing}`; dropped",
                    i + 1,
                    e.source,
                    e.edge_type,
                    e.target
                ))
            })
            .collect();
        Ok((Graph::from(raw), warnings))
    }

    /// The JSON form, pretty-printed, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        match self.write_json(&mut out) {
            Ok(()) => String::from_utf8(out).unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Writes the JSON form of [`Graph::to_json`] to `w` as it is serialized,
    /// without building the whole text in memory first.
    pub fn write_json<W: std::io::Write>(&self, mut w: W) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut w, &GraphJsonRef::from(self))?;
        w.write_all(b"\n")
    }
}

/// Why a `graph.json` cannot be read ([`Graph::read_json`]).
#[derive(Debug, thiserror::Error)]
pub enum GraphJsonError {
    /// Not JSON, or not of the graph's shape and types (`line L column C`).
    #[error("{0}")]
    Json(serde_json::Error),
    /// An evidence span that ends before it starts.
    #[error("{what}: evidence in {doc} starts at byte {start}, after its end {end}")]
    Span {
        /// The node or edge (1-based position, id).
        what: String,
        /// The document of the evidence.
        doc: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
    },
}

/// Sorts and dedups `evidence`, then keeps its `max` smallest entries.
fn cap_evidence(evidence: &mut Vec<Evidence>, max: Option<usize>) {
    evidence.sort();
    evidence.dedup();
    if let Some(n) = max {
        evidence.truncate(n);
    }
}

/// While merging: caps `evidence` once it holds twice the cap, so the list stays
/// short and the entries kept are the same as when capping at the end.
fn trim_evidence(evidence: &mut Vec<Evidence>, max: Option<usize>) {
    if let Some(n) = max {
        if evidence.len() > 2 * n {
            cap_evidence(evidence, max);
            evidence.shrink_to_fit();
        }
    }
}

fn merge_node(existing: &mut Node, node: Node) {
    if node.label != existing.label && !existing.aliases.contains(&node.label) {
        existing.aliases.push(node.label);
    }
    for a in node.aliases {
        if a != existing.label && !existing.aliases.contains(&a) {
            existing.aliases.push(a);
        }
    }
    for (k, v) in node.attrs {
        existing.attrs.entry(k).or_insert(v);
    }
    for ev in node.evidence {
        existing.evidence.push(ev);
    }
}

#[derive(Deserialize)]
struct GraphJson {
    #[serde(default)]
    wasit: GraphHeader,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    edges: Vec<Edge>,
}

#[derive(Serialize)]
struct GraphJsonRef<'a> {
    wasit: &'a GraphHeader,
    nodes: Vec<&'a Node>,
    edges: Vec<&'a Edge>,
}

impl<'a> From<&'a Graph> for GraphJsonRef<'a> {
    fn from(g: &'a Graph) -> Self {
        GraphJsonRef {
            wasit: &g.header,
            nodes: g.nodes().collect(),
            edges: g.edges().collect(),
        }
    }
}

impl From<GraphJson> for Graph {
    fn from(raw: GraphJson) -> Graph {
        let mut g = Graph {
            header: raw.wasit,
            ..Graph::default()
        };
        for n in raw.nodes {
            g.add_node(n);
        }
        for e in raw.edges {
            g.add_edge(e);
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_nodes_and_edges_by_id() {
        let mut g = Graph::default();
        g.add_node(Node::new("person:a", NodeType::Person, "ترامب"));
        let mut n = Node::new("person:a", NodeType::Person, "دونالد ترامب");
        n.evidence.push(Evidence {
            doc: "d".into(),
            start: 0,
            end: 3,
        });
        g.add_node(n);
        g.add_node(Node::new("state:US", NodeType::State, "الولايات المتحدة"));
        g.add_edge(Edge::new("person:a", EdgeType::AffiliatedWith, "state:US"));
        g.add_edge(Edge::new("person:a", EdgeType::AffiliatedWith, "state:US"));
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.node("person:a").unwrap().aliases, vec!["دونالد ترامب"]);
        assert!(!g.add_edge(Edge::new("person:a", EdgeType::Said, "claim:missing")));
    }

    #[test]
    fn json_round_trip() {
        let mut g = Graph::default();
        g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
        g.add_node(Node::new("meeting:m", NodeType::Meeting, "محادثات"));
        g.add_edge(Edge::new("state:OM", EdgeType::Hosts, "meeting:m"));
        let text = g.to_json();
        let back = Graph::from_json(&text).unwrap();
        assert_eq!(back.to_json(), text);
        assert!(text.contains("\"type\": \"hosts\""));
    }
}
