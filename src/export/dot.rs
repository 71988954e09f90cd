//! Export stage: the graph as a Graphviz DOT diagram, built as a graphviz-rust AST
//! ([`graphviz_rust::dot_structures`]) and printed with its printer.
//!
//! One shape and colour per node type, one colour and line style per edge type,
//! meetings as hexagons with their date, `mediates` edges thick and orange so that
//! "A → talks ← mediator, B → talks" reads at a glance, people and organizations
//! grouped in a cluster around the state they serve, and a legend. The Arabic font
//! is named on the graph, its nodes and its edges: Graphviz's cairo renderer (PNG,
//! PDF) shapes Arabic only when told which font to use.
//!
//! Labels are never pre-reversed: Graphviz and the viewer do the shaping. An
//! Arabic-first line that holds Latin letters or digits is wrapped in U+2067 … U+2069
//! (right-to-left isolate … pop directional isolate) so that an SVG viewer lays it
//! out right to left; cairo draws those marks as nothing.
//!
//! [`View`] picks a part of the graph; [`DiagramOptions::focus`] keeps only the
//! neighbourhood of one node, as far as [`DiagramOptions::depth`] steps.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;
use std::io::{self, Write};

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node as DotNode,
    NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::model::{Edge, EdgeType, Graph, Node, NodeType};
use crate::text::fold_key;

/// The font named on the graph, its nodes and its edges (Debian `fonts-noto-core`).
pub const ARABIC_FONT: &str = "Noto Sans Arabic";

/// Longest line of a node label, in characters, before it is wrapped.
const WRAP: usize = 28;

/// Longest claim text drawn, in characters.
const CLAIM_MAX: usize = 90;

/// Which part of the graph a diagram shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Everything but claims.
    #[default]
    All,
    /// States, mediators and meetings only (with the other parties of the talks).
    Mediators,
    /// People and what they belong to.
    People,
    /// Claims with their speakers and outlets.
    Claims,
}

/// Which language labels are drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Labels {
    /// Arabic.
    #[default]
    Ar,
    /// English where known.
    En,
    /// Both.
    Both,
}

/// Options of a diagram.
#[derive(Clone, Debug, Default)]
pub struct DiagramOptions {
    /// Which part to draw.
    pub view: View,
    /// Draw only the neighbourhood of this node (id or name).
    pub focus: Option<String>,
    /// Depth of that neighbourhood.
    pub depth: usize,
    /// Label language.
    pub labels: Labels,
}

/// No node matches the `--focus` given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoSuchNode(pub String);

impl fmt::Display for NoSuchNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no node matches {:?} (give a node id, a name or an alias)",
            self.0
        )
    }
}

impl std::error::Error for NoSuchNode {}

/// The nodes and edges a diagram draws, in the graph's order.
#[derive(Clone, Debug, Default)]
pub struct Selection<'a> {
    /// The nodes drawn.
    pub nodes: Vec<&'a Node>,
    /// The edges drawn (both ends among `nodes`).
    pub edges: Vec<&'a Edge>,
}

/// The nodes a query names: the node with that id, else every node whose label,
/// alias or English name has the same [`fold_key`].
///
/// ```
/// use wasit::export::dot::find_nodes;
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// let mut n = Node::new("person:araghchi", NodeType::Person, "عباس عراقجي");
/// n.aliases.push("عراقجي".into());
/// g.add_node(n);
/// assert_eq!(find_nodes(&g, "عِراقجي").len(), 1);
/// assert_eq!(find_nodes(&g, "person:araghchi").len(), 1);
/// ```
pub fn find_nodes<'a>(graph: &'a Graph, query: &str) -> Vec<&'a Node> {
    if let Some(n) = graph.node(query) {
        return vec![n];
    }
    let key = fold_key(query);
    if key.is_empty() {
        return Vec::new();
    }
    graph
        .nodes()
        .filter(|n| {
            std::iter::once(n.label.as_str())
                .chain(n.aliases.iter().map(String::as_str))
                .chain(n.name_en())
                .any(|name| fold_key(name) == key)
        })
        .collect()
}

/// The part of the graph a diagram draws: the view's nodes and edges, then, with a
/// focus, only those within `depth` steps of the focused node (edges followed both
/// ways). The focused node is drawn even when its type is outside the view.
///
/// ```
/// use wasit::export::dot::{select, DiagramOptions, View};
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:m", NodeType::Meeting, "محادثات مسقط"));
/// g.add_node(Node::new("claim:c", NodeType::Claim, "المحادثات بناءة"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:m"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Said, "claim:c"));
/// let all = select(&g, &DiagramOptions::default()).unwrap();
/// assert_eq!(all.nodes.len(), 2);
/// let claims = DiagramOptions { view: View::Claims, ..DiagramOptions::default() };
/// assert_eq!(select(&g, &claims).unwrap().nodes.len(), 2);
/// ```
pub fn select<'a>(graph: &'a Graph, options: &DiagramOptions) -> Result<Selection<'a>, NoSuchNode> {
    let mut keep: HashSet<&str> = view_nodes(graph, options.view);
    let edge_ok = |e: &Edge| view_edge(options.view, e.edge_type);

    if let Some(focus) = &options.focus {
        let roots = find_nodes(graph, focus);
        if roots.is_empty() {
            return Err(NoSuchNode(focus.clone()));
        }
        for r in &roots {
            keep.insert(r.id.as_str());
        }
        let mut seen: HashSet<&str> = roots.iter().map(|n| n.id.as_str()).collect();
        let mut queue: VecDeque<(&str, usize)> = roots.iter().map(|n| (n.id.as_str(), 0)).collect();
        while let Some((id, d)) = queue.pop_front() {
            if d >= options.depth {
                continue;
            }
            let out = graph
                .out_edges(id)
                .filter(|e| edge_ok(e))
                .map(|e| e.target.as_str());
            let inc = graph
                .in_edges(id)
                .filter(|e| edge_ok(e))
                .map(|e| e.source.as_str());
            for next in out.chain(inc) {
                if keep.contains(next) && seen.insert(next) {
                    queue.push_back((next, d + 1));
                }
            }
        }
        keep = seen;
    }

    let edges: Vec<&Edge> = graph
        .edges()
        .filter(|e| {
            edge_ok(e) && keep.contains(e.source.as_str()) && keep.contains(e.target.as_str())
        })
        .collect();
    if options.focus.is_none()
        && matches!(options.view, View::Mediators | View::People | View::Claims)
    {
        // Views built around relations drop what has none of them.
        let linked: HashSet<&str> = edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        keep.retain(|id| linked.contains(id));
    }
    let nodes = graph
        .nodes()
        .filter(|n| keep.contains(n.id.as_str()))
        .collect();
    Ok(Selection { nodes, edges })
}

/// The ids of the nodes a view shows before any focus.
fn view_nodes(graph: &Graph, view: View) -> HashSet<&str> {
    let has_out = |n: &Node, t: EdgeType| graph.out_edges(&n.id).any(|e| e.edge_type == t);
    match view {
        View::All => graph
            .nodes()
            .filter(|n| n.node_type != NodeType::Claim)
            .map(|n| n.id.as_str())
            .collect(),
        View::Mediators => graph
            .nodes()
            .filter(|n| {
                matches!(n.node_type, NodeType::State | NodeType::Meeting)
                    || has_out(n, EdgeType::Mediates)
                    || has_out(n, EdgeType::PartyTo)
                    || has_out(n, EdgeType::Hosts)
            })
            .map(|n| n.id.as_str())
            .collect(),
        View::People => {
            let mut keep: HashSet<&str> = HashSet::new();
            let mut queue: Vec<&str> = Vec::new();
            for n in graph.nodes().filter(|n| n.node_type == NodeType::Person) {
                keep.insert(&n.id);
                for e in graph.out_edges(&n.id) {
                    if e.edge_type == EdgeType::AffiliatedWith && keep.insert(&e.target) {
                        queue.push(&e.target);
                    }
                }
            }
            while let Some(id) = queue.pop() {
                for e in graph.out_edges(id) {
                    if e.edge_type == EdgeType::PartOf && keep.insert(&e.target) {
                        queue.push(&e.target);
                    }
                }
            }
            keep
        }
        View::Claims => {
            let mut keep: HashSet<&str> = HashSet::new();
            for n in graph.nodes().filter(|n| n.node_type == NodeType::Claim) {
                keep.insert(&n.id);
                for e in graph
                    .in_edges(&n.id)
                    .filter(|e| e.edge_type == EdgeType::Said)
                {
                    keep.insert(&e.source);
                }
                for e in graph.out_edges(&n.id) {
                    if matches!(e.edge_type, EdgeType::ReportedBy | EdgeType::About) {
                        keep.insert(&e.target);
                    }
                }
            }
            keep
        }
    }
}

/// Whether a view draws edges of this type.
fn view_edge(view: View, t: EdgeType) -> bool {
    use EdgeType::*;
    match view {
        View::All => true,
        View::Mediators => matches!(
            t,
            PartyTo | Mediates | Hosts | HeldIn | AffiliatedWith | PartOf
        ),
        View::People => matches!(t, AffiliatedWith | PartOf | RelativeOf),
        View::Claims => matches!(t, Said | ReportedBy | About),
    }
}

/// Writes the graph as DOT.
///
/// ```
/// use wasit::export::dot::{write_dot, DiagramOptions};
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:m", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:m"));
/// let mut out = Vec::new();
/// write_dot(&g, &DiagramOptions::default(), &mut out).unwrap();
/// let dot = String::from_utf8(out).unwrap();
/// assert!(dot.contains("\"state:OM\" -> \"meeting:m\""));
/// assert!(dot.contains("fontname=\"Noto Sans Arabic\""));
/// ```
///
/// # Errors
/// An error of kind `InvalidInput` when the focus names no node; any error of `w`.
pub fn write_dot<W: Write>(graph: &Graph, options: &DiagramOptions, w: &mut W) -> io::Result<()> {
    let dot = to_dot(graph, options).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    w.write_all(dot.as_bytes())
}

/// The DOT text of the graph (what [`write_dot`] writes), ending with a newline.
pub fn to_dot(graph: &Graph, options: &DiagramOptions) -> Result<String, NoSuchNode> {
    let sel = select(graph, options)?;
    let ast = build_ast(graph, &sel, options.labels);
    let mut text = ast.print(&mut PrinterContext::default());
    text.push('\n');
    Ok(text)
}

fn build_ast(graph: &Graph, sel: &Selection<'_>, labels: Labels) -> DotGraph {
    let font = ARABIC_FONT;
    let mut stmts: Vec<Stmt> = vec![
        GraphAttributes::Graph(vec![
            attr("charset", "UTF-8"),
            attr("fontname", font),
            attr("rankdir", "RL"),
            attr("bgcolor", "white"),
            attr("pad", "0.3"),
            attr("nodesep", "0.35"),
            attr("ranksep", "0.7"),
            attr("newrank", "true"),
        ])
        .into(),
        GraphAttributes::Node(vec![
            attr("fontname", font),
            attr("fontsize", "13"),
            attr("style", "filled"),
        ])
        .into(),
        GraphAttributes::Edge(vec![attr("fontname", font), attr("fontsize", "11")]).into(),
    ];

    let in_sel: HashSet<&str> = sel.nodes.iter().map(|n| n.id.as_str()).collect();
    let mediators: HashSet<&str> = sel
        .edges
        .iter()
        .filter(|e| e.edge_type == EdgeType::Mediates)
        .map(|e| e.source.as_str())
        .collect();

    // Clusters: each state with the people and organizations that serve it.
    let home = state_of(graph, sel, &in_sel);
    let mut members: HashMap<&str, Vec<&Node>> = HashMap::new();
    for n in &sel.nodes {
        if let Some(state) = home.get(n.id.as_str()) {
            members.entry(state).or_default().push(n);
        }
    }
    let mut placed: HashSet<&str> = HashSet::new();
    for (i, n) in sel
        .nodes
        .iter()
        .filter(|n| n.node_type == NodeType::State)
        .enumerate()
    {
        let Some(group) = members.get(n.id.as_str()) else {
            continue;
        };
        let mut sub = vec![
            Stmt::Attribute(attr("style", "rounded,filled")),
            Stmt::Attribute(attr("color", "#e5e7eb")),
            Stmt::Attribute(attr("fillcolor", "#fafaf9")),
            Stmt::Attribute(attr("label", "")),
            node_stmt(n, labels, mediators.contains(n.id.as_str())),
        ];
        placed.insert(&n.id);
        for m in group {
            sub.push(node_stmt(m, labels, mediators.contains(m.id.as_str())));
            placed.insert(&m.id);
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_state_{i}")),
            stmts: sub,
        }));
    }
    // Meetings last, in date order (undated last), so that Graphviz starts from
    // the order of the talks.
    let mut rest: Vec<&Node> = sel
        .nodes
        .iter()
        .copied()
        .filter(|n| !placed.contains(n.id.as_str()))
        .collect();
    rest.sort_by_cached_key(|n| meeting_order(n));
    for n in rest {
        stmts.push(node_stmt(n, labels, mediators.contains(n.id.as_str())));
    }
    for e in &sel.edges {
        stmts.push(edge_stmt(e, labels));
    }
    if let Some(legend) = legend(sel, labels) {
        stmts.push(legend);
    }
    DotGraph::DiGraph {
        id: Id::Plain("wasit".into()),
        strict: false,
        stmts,
    }
}

/// The key that puts meetings after other nodes and in date order, undated (or
/// year-unknown `XXXX-…`) meetings last; other nodes keep their order (stable sort).
fn meeting_order(n: &Node) -> (bool, bool, String) {
    if n.node_type != NodeType::Meeting {
        return (false, false, String::new());
    }
    let date = n.attr_str("date").filter(|d| !d.starts_with('X'));
    (true, date.is_none(), date.unwrap_or_default().to_string())
}

/// For people and organizations, the state whose cluster they are drawn in: the
/// first state reached through `affiliated_with` then `part_of` edges.
fn state_of<'a>(
    graph: &'a Graph,
    sel: &Selection<'a>,
    in_sel: &HashSet<&str>,
) -> HashMap<&'a str, &'a str> {
    let mut out = HashMap::new();
    for n in &sel.nodes {
        if !matches!(n.node_type, NodeType::Person | NodeType::Organization) {
            continue;
        }
        let mut at: &str = &n.id;
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let state = loop {
            if !seen.insert(at) {
                break None;
            }
            let next = graph
                .out_edges(at)
                .filter(|e| matches!(e.edge_type, EdgeType::AffiliatedWith | EdgeType::PartOf))
                .filter(|e| in_sel.contains(e.target.as_str()))
                .find_map(|e| graph.node(&e.target));
            match next {
                Some(t) if t.node_type == NodeType::State => break Some(t.id.as_str()),
                Some(t) if t.node_type == NodeType::Organization => at = &t.id,
                _ => break None,
            }
        };
        if let Some(s) = state {
            out.insert(n.id.as_str(), s);
        }
    }
    out
}

/// Shape, fill colour and border colour of a node type.
pub fn node_style(t: NodeType) -> (&'static str, &'static str, &'static str) {
    match t {
        NodeType::Person => ("ellipse", "#dbeafe", "#1d4ed8"),
        NodeType::State => ("box", "#fef3c7", "#b45309"),
        NodeType::Organization => ("component", "#ede9fe", "#6d28d9"),
        NodeType::Place => ("house", "#dcfce7", "#15803d"),
        NodeType::Meeting => ("hexagon", "#fee2e2", "#b91c1c"),
        NodeType::Claim => ("note", "#f3f4f6", "#4b5563"),
    }
}

/// Colour, line style and pen width of an edge type.
pub fn edge_style(t: EdgeType) -> (&'static str, &'static str, &'static str) {
    match t {
        EdgeType::AffiliatedWith => ("#6b7280", "solid", "1"),
        EdgeType::PartOf => ("#6b7280", "dashed", "1"),
        EdgeType::RelativeOf => ("#db2777", "dashed", "1.2"),
        EdgeType::PartyTo => ("#1d4ed8", "solid", "2"),
        EdgeType::ParticipatesIn => ("#60a5fa", "solid", "1.2"),
        EdgeType::Mediates => ("#ea580c", "bold", "4"),
        EdgeType::Hosts => ("#15803d", "dashed", "2"),
        EdgeType::HeldIn => ("#15803d", "dotted", "1.2"),
        EdgeType::Said => ("#7c3aed", "solid", "1.2"),
        EdgeType::ReportedBy => ("#7c3aed", "dashed", "1"),
        EdgeType::About => ("#9ca3af", "dotted", "1"),
    }
}

/// The Arabic and English names of a node type.
pub fn node_type_name(t: NodeType) -> (&'static str, &'static str) {
    match t {
        NodeType::Person => ("شخص", "person"),
        NodeType::State => ("دولة", "state"),
        NodeType::Organization => ("منظمة", "organization"),
        NodeType::Place => ("مكان", "place"),
        NodeType::Meeting => ("اجتماع", "meeting"),
        NodeType::Claim => ("تصريح", "claim"),
    }
}

/// The Arabic and short English labels of an edge type.
pub fn edge_type_name(t: EdgeType) -> (&'static str, &'static str) {
    match t {
        EdgeType::AffiliatedWith => ("تابع لـ", "affiliated"),
        EdgeType::PartOf => ("جزء من", "part of"),
        EdgeType::RelativeOf => ("قريب", "relative"),
        EdgeType::PartyTo => ("طرف", "party"),
        EdgeType::ParticipatesIn => ("مشارك", "participant"),
        EdgeType::Mediates => ("وسيط", "mediator"),
        EdgeType::Hosts => ("مضيف", "host"),
        EdgeType::HeldIn => ("عُقد في", "held in"),
        EdgeType::Said => ("قال", "said"),
        EdgeType::ReportedBy => ("نشرته", "reported by"),
        EdgeType::About => ("بشأن", "about"),
    }
}

fn pick(labels: Labels, (ar, en): (&str, &str)) -> String {
    match labels {
        Labels::Ar => ar.to_string(),
        Labels::En => en.to_string(),
        Labels::Both => format!("{ar} · {en}"),
    }
}

/// The lines of a node's label (not yet escaped).
pub fn node_lines(node: &Node, labels: Labels) -> Vec<String> {
    let name = if node.node_type == NodeType::Claim {
        let text = node.attr_str("text").unwrap_or(&node.label);
        shorten(text, CLAIM_MAX)
    } else {
        node.label.clone()
    };
    let en = node
        .name_en()
        .filter(|en| !en.trim().is_empty() && *en != node.label);
    let mut lines = match (labels, en) {
        (Labels::En, Some(en)) => wrap(en, WRAP),
        (Labels::Both, Some(en)) => {
            let mut l = wrap(&name, WRAP);
            l.extend(wrap(en, WRAP));
            l
        }
        _ => wrap(&name, WRAP),
    };
    if node.node_type == NodeType::Meeting {
        let mut when: Vec<String> = Vec::new();
        // The date once: on its own line unless the label already ends with it.
        if let Some(date) = node.attr_str("date").filter(|d| !node.label.contains(d)) {
            when.push(date.to_string());
        }
        if let Some(status) = node.attr_str("status").filter(|s| *s != "held") {
            when.push(pick(labels, status_name(status)));
        }
        if !when.is_empty() {
            lines.push(when.join(" · "));
        }
    }
    lines
}

fn status_name(status: &str) -> (&str, &str) {
    match status {
        "planned" => ("مقرر", "planned"),
        "postponed" => ("مؤجل", "postponed"),
        "cancelled" => ("ملغى", "cancelled"),
        other => (other, other),
    }
}

/// The label of an edge: its role or relation when known (Arabic labels), else the
/// name of its type.
pub fn edge_label(edge: &Edge, labels: Labels) -> String {
    let own = match edge.edge_type {
        EdgeType::AffiliatedWith | EdgeType::ParticipatesIn => edge.attr_str("role"),
        EdgeType::RelativeOf => edge.attr_str("relation"),
        _ => None,
    };
    let own = own.filter(|o| !o.trim().is_empty());
    // A role the extractor names in English (delegate, son-in-law) is drawn in the
    // language asked for, so that one label set keeps one language.
    if let Some(pair) = own.and_then(role_names) {
        return pick(labels, pair);
    }
    match own {
        Some(own) if labels != Labels::En => shorten(own, 40),
        _ => pick(labels, edge_type_name(edge.edge_type)),
    }
}

/// Roles and kinship relations as the extractor writes them, with their Arabic.
const ROLE_NAMES: &[(&str, &str)] = &[
    ("عضو الوفد", "delegate"),
    ("رئيس الوفد", "head of delegation"),
    ("صهر", "son-in-law"),
    ("أم", "mother"),
    ("أب", "father"),
    ("أخ", "brother"),
    ("أخت", "sister"),
    ("ابن", "son"),
    ("ابنة", "daughter"),
    ("زوج", "husband"),
    ("زوجة", "wife"),
];

/// The (Arabic, English) names of a role or relation written in English, or in
/// Arabic as the table has it.
///
/// ```
/// use wasit::export::dot::{edge_label, Labels};
/// use wasit::model::{Edge, EdgeType};
/// let mut e = Edge::new("person:a", EdgeType::ParticipatesIn, "meeting:m");
/// e.attrs.insert("role".into(), "delegate".into());
/// assert_eq!(edge_label(&e, Labels::Ar), "عضو الوفد");
/// assert_eq!(edge_label(&e, Labels::En), "delegate");
/// ```
fn role_names(role: &str) -> Option<(&'static str, &'static str)> {
    let role = role.trim();
    ROLE_NAMES
        .iter()
        .find(|(ar, en)| en.eq_ignore_ascii_case(role) || *ar == role)
        .copied()
}

fn node_stmt(n: &Node, labels: Labels, mediator: bool) -> Stmt {
    let (shape, fill, color) = node_style(n.node_type);
    let anonymous = n
        .attrs
        .get("anonymous")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let mut style = match n.node_type {
        NodeType::State => "filled,rounded,bold".to_string(),
        _ => "filled".to_string(),
    };
    if anonymous {
        style.push_str(",dashed");
    }
    let (color, penwidth) = if mediator {
        ("#ea580c", "3")
    } else {
        (color, "1.4")
    };
    let mut attrs = vec![
        Attribute(Id::Plain("label".into()), label_id(&node_lines(n, labels))),
        attr("shape", shape),
        attr("style", &style),
        attr("fillcolor", fill),
        attr("color", color),
        attr("penwidth", penwidth),
        attr("tooltip", &n.id),
    ];
    if n.node_type == NodeType::Claim {
        attrs.push(attr("fontsize", "10"));
    }
    DotNode::new(NodeId(quoted(&n.id), None), attrs).into()
}

fn edge_stmt(e: &Edge, labels: Labels) -> Stmt {
    let (color, style, width) = edge_style(e.edge_type);
    let mut attrs = vec![
        Attribute(
            Id::Plain("label".into()),
            label_id(&[edge_label(e, labels)]),
        ),
        attr("color", color),
        attr("fontcolor", color),
        attr("style", style),
        attr("penwidth", width),
    ];
    if e.edge_type == EdgeType::Mediates {
        attrs.push(attr("arrowhead", "diamond"));
        attrs.push(attr("weight", "3"));
    }
    DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(&e.source), None)),
            Vertex::N(NodeId(quoted(&e.target), None)),
        ),
        attributes: attrs,
    }
    .into()
}

/// The legend: one node whose HTML-like label is a table: edge types (a line in
/// their colour and style, then their name) and node types (their name in their
/// fill and border colours) side by side. Only the types the diagram draws are listed.
fn legend(sel: &Selection<'_>, labels: Labels) -> Option<Stmt> {
    let types: Vec<NodeType> = sel
        .nodes
        .iter()
        .map(|n| n.node_type)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let edge_types: Vec<EdgeType> = sel
        .edges
        .iter()
        .map(|e| e.edge_type)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if types.is_empty() {
        return None;
    }
    let mut html = String::from(
        r##"<<table border="1" color="#9ca3af" style="rounded" cellborder="0" cellspacing="4" cellpadding="3">"##,
    );
    let title = html_escape(&pick(labels, ("مفتاح الرسم", "Legend")));
    html.push_str(&format!(r#"<tr><td colspan="3"><b>{title}</b></td></tr>"#));
    for row in 0..types.len().max(edge_types.len()) {
        html.push_str("<tr>");
        match edge_types.get(row) {
            Some(&t) => {
                let (color, style, _) = edge_style(t);
                let line = match style {
                    "dashed" => "╍╍╍",
                    "dotted" => "┈┈┈",
                    _ => "━━━",
                };
                let head = if t == EdgeType::Mediates {
                    "◆"
                } else {
                    "◀"
                };
                let name = html_escape(&pick(labels, edge_type_name(t)));
                let (b, nb) = if t == EdgeType::Mediates {
                    ("<b>", "</b>")
                } else {
                    ("", "")
                };
                html.push_str(&format!(
                    r#"<td align="right"><font color="{color}">{b}{head}{line}{nb}</font></td><td align="right"><font color="{color}">{b}{name}{nb}</font></td>"#
                ));
            }
            None => html.push_str("<td></td><td></td>"),
        }
        match types.get(row) {
            Some(&t) => {
                let (_, fill, color) = node_style(t);
                let name = html_escape(&pick(labels, node_type_name(t)));
                html.push_str(&format!(
                    r#"<td bgcolor="{fill}" color="{color}" border="1" style="rounded">{name}</td>"#
                ));
            }
            None => html.push_str("<td></td>"),
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>>");
    let node = DotNode::new(
        NodeId(quoted("wasit-legend"), None),
        vec![
            Attribute(Id::Plain("label".into()), Id::Html(html)),
            attr("shape", "plain"),
            attr("style", ""),
            attr("fontsize", "11"),
        ],
    );
    Some(node.into())
}

/// Text for an HTML-like label: `&`, `<`, `>` and `"` escaped.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.into()), quoted(value))
}

/// A quoted DOT string: `\` and `"` escaped, line breaks and other control
/// characters turned into spaces (graphviz-rust prints `Id::Escaped` as given).
fn quoted(s: &str) -> Id {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    push_escaped(s, &mut out);
    out.push('"');
    Id::Escaped(out)
}

fn push_escaped(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A label of several lines: each line escaped (and `&` written `&amp;`, since
/// Graphviz reads entities in labels), isolated when it is Arabic-first with Latin
/// or digits, the lines joined with DOT's `\n`.
fn label_id(lines: &[String]) -> Id {
    let mut out = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        let line = isolate(line);
        push_escaped(&line.replace('&', "&amp;"), &mut out);
    }
    out.push('"');
    Id::Escaped(out)
}

/// True for characters of right-to-left scripts (Arabic, Hebrew, Syriac, Thaana, N'Ko).
fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08ff | 0xfb1d..=0xfdff | 0xfe70..=0xfeff)
}

/// Wraps an Arabic-first line that holds Latin letters or digits in U+2067 … U+2069
/// (a right-to-left isolate), so that SVG viewers order it right to left, and each
/// number or date inside it in U+2066 … U+2069 (left to right).
///
/// ```
/// use wasit::export::dot::isolate;
/// assert_eq!(isolate("الجولة 3"), "\u{2067}الجولة \u{2066}3\u{2069}\u{2069}");
/// assert_eq!(isolate("محادثات 2026-02-06"), "\u{2067}محادثات \u{2066}2026-02-06\u{2069}\u{2069}");
/// assert_eq!(isolate("عمان"), "عمان");
/// assert_eq!(isolate("Oman 2025"), "Oman 2025");
/// ```
pub fn isolate(line: &str) -> String {
    let first_strong = line.chars().find(|c| c.is_alphabetic());
    let rtl_first = first_strong.is_some_and(is_rtl);
    let mixed = line.chars().any(|c| c.is_ascii_alphanumeric());
    if rtl_first && mixed && !line.starts_with('\u{2067}') {
        format!("\u{2067}{}\u{2069}", isolate_numbers(line))
    } else {
        line.to_string()
    }
}

/// Wraps each run of digits and the separators inside it (an ISO date such as
/// 2026-02-06) in a left-to-right isolate (U+2066 … U+2069), so that a date in an
/// Arabic label keeps its order in every renderer.
fn isolate_numbers(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || (matches!(chars[j], '-' | '/' | ':' | '.')
                        && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit())))
            {
                j += 1;
            }
            out.push('\u{2066}');
            out.extend(&chars[i..j]);
            out.push('\u{2069}');
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Cuts a text to `max` characters at a word boundary, adding `…`.
fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > cut.len() / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{cut}…")
}

/// Breaks a text into lines of at most `width` characters at spaces (a longer word
/// stays whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Graph {
        let mut g = Graph::default();
        let mut ir = Node::new("state:IR", NodeType::State, "إيران");
        ir.attrs.insert("name_en".into(), "Iran".into());
        g.add_node(ir);
        g.add_node(Node::new("state:US", NodeType::State, "الولايات المتحدة"));
        g.add_node(Node::new("state:OM", NodeType::State, "عُمان"));
        let mut m = Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط");
        m.attrs.insert("date".into(), "2025-04-12".into());
        g.add_node(m);
        g.add_node(Node::new(
            "person:a",
            NodeType::Person,
            "عباس \"عراقجي\" \\ A&B",
        ));
        g.add_node(Node::new("claim:c", NodeType::Claim, "المحادثات بناءة"));
        g.add_node(Node::new("place:x", NodeType::Place, "مسقط"));
        g.add_edge(Edge::new("state:IR", EdgeType::PartyTo, "meeting:1"));
        g.add_edge(Edge::new("state:US", EdgeType::PartyTo, "meeting:1"));
        g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
        g.add_edge(Edge::new("meeting:1", EdgeType::HeldIn, "place:x"));
        g.add_edge(Edge::new("person:a", EdgeType::AffiliatedWith, "state:IR"));
        g.add_edge(Edge::new("person:a", EdgeType::ParticipatesIn, "meeting:1"));
        g.add_edge(Edge::new("person:a", EdgeType::Said, "claim:c"));
        g
    }

    fn ids<'a>(sel: &Selection<'a>) -> Vec<&'a str> {
        let mut v: Vec<&str> = sel.nodes.iter().map(|n| n.id.as_str()).collect();
        v.sort();
        v
    }

    #[test]
    fn views_pick_their_nodes() {
        let g = sample();
        let opts = |view| DiagramOptions {
            view,
            ..DiagramOptions::default()
        };
        let all = select(&g, &opts(View::All)).unwrap();
        assert!(!ids(&all).contains(&"claim:c"));
        assert_eq!(all.nodes.len(), 6);
        let med = select(&g, &opts(View::Mediators)).unwrap();
        assert_eq!(ids(&med), ["meeting:1", "state:IR", "state:OM", "state:US"]);
        let people = select(&g, &opts(View::People)).unwrap();
        assert_eq!(ids(&people), ["person:a", "state:IR"]);
        let claims = select(&g, &opts(View::Claims)).unwrap();
        assert_eq!(ids(&claims), ["claim:c", "person:a"]);
    }

    #[test]
    fn focus_keeps_the_neighbourhood() {
        let g = sample();
        let opts = |focus: &str, depth| DiagramOptions {
            focus: Some(focus.into()),
            depth,
            ..DiagramOptions::default()
        };
        assert_eq!(ids(&select(&g, &opts("مسقط", 0)).unwrap()), ["place:x"]);
        let one = select(&g, &opts("عمان", 1)).unwrap();
        assert_eq!(ids(&one), ["meeting:1", "state:OM"]);
        let two = select(&g, &opts("Iran", 2)).unwrap();
        assert!(ids(&two).contains(&"state:US"));
        // A claim in focus is drawn even though the default view leaves claims out.
        let claim = select(&g, &opts("claim:c", 1)).unwrap();
        assert_eq!(ids(&claim), ["claim:c", "person:a"]);
        assert_eq!(
            select(&g, &opts("nobody", 1)).unwrap_err(),
            NoSuchNode("nobody".into())
        );
    }

    #[test]
    fn labels_are_escaped_and_isolated() {
        let g = sample();
        let dot = to_dot(&g, &DiagramOptions::default()).unwrap();
        assert!(dot.contains(r#"عباس \"عراقجي\" \\ A&amp;B"#), "{dot}");
        assert!(dot.contains("label=\"محادثات مسقط\\n2025-04-12\""), "{dot}");
        assert!(dot.contains("\u{2067}عباس"), "{dot}");
        assert!(dot.contains("\"wasit-legend\"[label=<<table"));
    }

    #[test]
    fn english_labels_use_name_en() {
        let g = sample();
        let opts = DiagramOptions {
            labels: Labels::En,
            ..DiagramOptions::default()
        };
        let dot = to_dot(&g, &opts).unwrap();
        assert!(dot.contains("label=\"Iran\""));
        assert!(dot.contains("label=\"mediator\""));
        let both = DiagramOptions {
            labels: Labels::Both,
            ..DiagramOptions::default()
        };
        assert!(to_dot(&g, &both)
            .unwrap()
            .contains("label=\"إيران\\nIran\""));
    }

    #[test]
    fn wrap_and_shorten_never_split_words() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(shorten("واحد اثنان ثلاثة", 12), "واحد اثنان…");
    }

    #[test]
    fn any_label_never_panics() {
        for s in [
            "",
            "\u{2067}",
            "\"\\\n\t&",
            "ـــ",
            "a\u{0301}",
            "😀 عربي 12",
        ] {
            let mut g = Graph::default();
            g.add_node(Node::new(s, NodeType::Claim, s));
            let opts = DiagramOptions {
                view: View::Claims,
                focus: None,
                ..DiagramOptions::default()
            };
            assert!(to_dot(&g, &opts).is_ok());
        }
    }
}
