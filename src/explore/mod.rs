//! Questions asked of a built graph: who mediated between whom ([`mediators`]), an
//! entity's card ([`who`]), the shortest chains linking two entities ([`path`]),
//! meetings and claims in date order ([`timeline`]), and the network measures of
//! the mediation network ([`centrality`], [`brokerage`]). Names are resolved with
//! the folding of the text layer ([`resolve`]).
//!
//! This is the last stage: it reads a [`Graph`] and never changes it. Each question
//! is a function returning a serializable report (the `--json` form) and a writer
//! printing it as a table to any `io::Write`.
//!
//! ```
//! use wasit::explore::{resolve, who};
//! use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
//! let mut g = Graph::default();
//! g.add_node(Node::new("person:trump", NodeType::Person, "دونالد ترامب"));
//! g.add_node(Node::new("state:US", NodeType::State, "الولايات المتحدة"));
//! g.add_edge(Edge::new("person:trump", EdgeType::AffiliatedWith, "state:US"));
//! let id = resolve::resolve_one(&g, "ترمب").unwrap().id.clone();
//! let card = who::card(&g, &id, |_| None).unwrap();
//! assert_eq!(card.affiliations[0].node.id, "state:US");
//! ```

pub mod brokerage;
pub mod centrality;
pub mod mediators;
pub mod path;
pub mod resolve;
pub mod timeline;
pub mod who;

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};
use std::io;

use serde::Serialize;
use serde_json::Value;

use crate::model::{EdgeType, Graph, Node, NodeType};

/// A node as reports name it: id, type, Arabic label and English name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct NodeRef {
    /// The node id.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub node_type: NodeType,
    /// Its label (Arabic as a rule).
    pub label: String,
    /// Its English name, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

impl NodeRef {
    /// The reference to a node.
    ///
    /// ```
    /// use wasit::explore::NodeRef;
    /// use wasit::model::{Node, NodeType};
    /// let r = NodeRef::of(&Node::new("state:OM", NodeType::State, "عمان"));
    /// assert_eq!(r.display(), "عمان");
    /// ```
    pub fn of(node: &Node) -> NodeRef {
        NodeRef {
            id: node.id.clone(),
            node_type: node.node_type,
            label: node.label.clone(),
            name_en: node.name_en().map(str::to_string),
        }
    }

    /// The label, or the id when the label is empty.
    pub fn display(&self) -> String {
        if self.label.trim().is_empty() {
            self.id.clone()
        } else {
            self.label.clone()
        }
    }

    /// The label followed by the English name in parentheses, when known.
    pub fn display_both(&self) -> String {
        match &self.name_en {
            Some(en) if !en.is_empty() && *en != self.label => format!("{} ({en})", self.display()),
            _ => self.display(),
        }
    }
}

/// Reference to a node by id, or a bare reference naming only the id when the node
/// is missing (never happens in a graph built by [`Graph`], which drops dangling edges).
pub(crate) fn node_ref(graph: &Graph, id: &str) -> NodeRef {
    match graph.node(id) {
        Some(n) => NodeRef::of(n),
        None => NodeRef {
            id: id.to_string(),
            node_type: NodeType::Place,
            label: id.to_string(),
            name_en: None,
        },
    }
}

/// A string form of an attribute: strings as they are, numbers and booleans printed.
pub(crate) fn attr_string(node: &Node, key: &str) -> Option<String> {
    match node.attrs.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A sort key for the partial ISO dates of the graph contract: `2026-02-06`,
/// `2024-05`, `2025`, `XXXX-05-08` (day known, year not). Dates with a year come
/// first in calendar order (a month before its days), then dates without a year by
/// month and day, then anything undated or unreadable.
///
/// ```
/// use wasit::explore::DateKey;
/// let mut dates = vec![None, Some("XXXX-05-08"), Some("2026-02-06"), Some("2024-05"), Some("2024")];
/// dates.sort_by_key(|d| DateKey::parse(*d));
/// assert_eq!(dates, [Some("2024"), Some("2024-05"), Some("2026-02-06"), Some("XXXX-05-08"), None]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateKey {
    class: u8,
    year: u32,
    month: u8,
    day: u8,
}

impl DateKey {
    /// The key of an optional date string.
    pub fn parse(date: Option<&str>) -> DateKey {
        const UNDATED: DateKey = DateKey {
            class: 2,
            year: 0,
            month: 0,
            day: 0,
        };
        let Some(date) = date.map(str::trim).filter(|d| !d.is_empty()) else {
            return UNDATED;
        };
        // Only the date part of a timestamp.
        let date = date.split(['T', ' ']).next().unwrap_or(date);
        let mut parts = date.split('-');
        let year_part = parts.next().unwrap_or("");
        let year = if year_part.eq_ignore_ascii_case("xxxx") {
            None
        } else {
            match year_part.parse::<u32>() {
                Ok(y) if year_part.len() == 4 => Some(y),
                _ => return UNDATED,
            }
        };
        let mut num = |max: u8| -> Option<u8> {
            match parts.next() {
                None => Some(0),
                Some(p) => p.parse::<u8>().ok().filter(|v| (1..=max).contains(v)),
            }
        };
        let (Some(month), Some(day)) = (num(12), num(31)) else {
            return UNDATED;
        };
        if parts.next().is_some() || (month == 0 && day != 0) {
            return UNDATED;
        }
        match year {
            Some(year) => DateKey {
                class: 0,
                year,
                month,
                day,
            },
            None if month > 0 => DateKey {
                class: 1,
                year: 0,
                month,
                day,
            },
            None => UNDATED,
        }
    }

    /// True when the date names a year.
    pub fn has_year(&self) -> bool {
        self.class == 0
    }

    /// True when there is no readable date.
    pub fn is_undated(&self) -> bool {
        self.class == 2
    }
}

/// What the graph says about one meeting: its date, status, format and round, where
/// it was held, and who took which part.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingInfo {
    /// The meeting node.
    pub meeting: NodeRef,
    /// ISO date, possibly partial.
    pub date: Option<String>,
    /// held, planned, postponed, cancelled.
    pub status: Option<String>,
    /// direct or indirect.
    pub format: Option<String>,
    /// The round, as written.
    pub round: Option<String>,
    /// Targets of `held_in` (places or states).
    pub places: Vec<NodeRef>,
    /// The sides: sources of `party_to`, or when there are none, the states of the
    /// participants (see [`sides_of`]).
    pub parties: Vec<NodeRef>,
    /// Sources of `mediates`.
    pub mediators: Vec<NodeRef>,
    /// Sources of `hosts`.
    pub hosts: Vec<NodeRef>,
    /// Sources of `participates_in`.
    pub participants: Vec<NodeRef>,
}

impl MeetingInfo {
    /// The meeting's label with its date appended when the label does not show it.
    pub fn title(&self) -> String {
        meeting_title(&self.meeting.display(), self.date.as_deref())
    }

    /// The places joined by `، `.
    pub fn place_names(&self) -> String {
        join_names(&self.places)
    }
}

/// A meeting label with its date appended when the label does not already show it.
pub(crate) fn meeting_title(label: &str, date: Option<&str>) -> String {
    match date {
        Some(d) if !d.is_empty() && !label.contains(d) => format!("{label} {d}"),
        _ => label.to_string(),
    }
}

/// Names joined by the Arabic comma.
pub(crate) fn join_names(nodes: &[NodeRef]) -> String {
    nodes
        .iter()
        .map(NodeRef::display)
        .collect::<Vec<_>>()
        .join("، ")
}

/// Sources of the edges of a type entering `id`, sorted by id, without duplicates.
pub(crate) fn sources(graph: &Graph, id: &str, edge_type: EdgeType) -> Vec<String> {
    let set: BTreeSet<String> = graph
        .in_edges(id)
        .filter(|e| e.edge_type == edge_type)
        .map(|e| e.source.clone())
        .collect();
    set.into_iter().collect()
}

/// Targets of the edges of a type leaving `id`, sorted by id, without duplicates.
pub(crate) fn targets(graph: &Graph, id: &str, edge_type: EdgeType) -> Vec<String> {
    let set: BTreeSet<String> = graph
        .out_edges(id)
        .filter(|e| e.edge_type == edge_type)
        .map(|e| e.target.clone())
        .collect();
    set.into_iter().collect()
}

/// The information of a meeting node; `None` when `id` is no meeting.
pub fn meeting_info(graph: &Graph, id: &str) -> Option<MeetingInfo> {
    let node = graph
        .node(id)
        .filter(|n| n.node_type == NodeType::Meeting)?;
    let refs = |ids: Vec<String>| ids.iter().map(|i| node_ref(graph, i)).collect::<Vec<_>>();
    Some(MeetingInfo {
        meeting: NodeRef::of(node),
        date: attr_string(node, "date"),
        status: attr_string(node, "status"),
        format: attr_string(node, "format"),
        round: attr_string(node, "round"),
        places: refs(targets(graph, id, EdgeType::HeldIn)),
        parties: refs(sides_of(graph, id)),
        mediators: refs(sources(graph, id, EdgeType::Mediates)),
        hosts: refs(sources(graph, id, EdgeType::Hosts)),
        participants: refs(sources(graph, id, EdgeType::ParticipatesIn)),
    })
}

/// The sides of a meeting: the sources of its `party_to` edges. When it has none
/// (an article naming only the delegates), the sides are the groups
/// ([`group_of`]) of its participants, leaving out the mediators and hosts and
/// anyone whose group is one of them. Sorted by id.
///
/// ```
/// use wasit::explore::sides_of;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// for (id, t) in [("state:US", NodeType::State), ("state:IR", NodeType::State),
///                 ("person:araghchi", NodeType::Person), ("meeting:m", NodeType::Meeting)] {
///     g.add_node(Node::new(id, t, "محادثات"));
/// }
/// g.add_edge(Edge::new("person:araghchi", EdgeType::AffiliatedWith, "state:IR"));
/// g.add_edge(Edge::new("person:araghchi", EdgeType::ParticipatesIn, "meeting:m"));
/// assert_eq!(sides_of(&g, "meeting:m"), ["state:IR"]); // inferred from the delegate
/// g.add_edge(Edge::new("state:US", EdgeType::PartyTo, "meeting:m"));
/// assert_eq!(sides_of(&g, "meeting:m"), ["state:US"]); // the graph's own parties
/// ```
pub fn sides_of(graph: &Graph, meeting: &str) -> Vec<String> {
    let parties = sources(graph, meeting, EdgeType::PartyTo);
    if !parties.is_empty() {
        return parties;
    }
    let mut outside: HashSet<String> = HashSet::new();
    for e in graph.in_edges(meeting) {
        if matches!(e.edge_type, EdgeType::Mediates | EdgeType::Hosts) {
            outside.insert(e.source.clone());
            outside.insert(group_of(graph, &e.source));
        }
    }
    let mut sides = BTreeSet::new();
    for p in sources(graph, meeting, EdgeType::ParticipatesIn) {
        let g = group_of(graph, &p);
        if !outside.contains(&p) && !outside.contains(&g) && g != p {
            sides.insert(g);
        }
    }
    sides.into_iter().collect()
}

/// The group of an actor, as the brokerage roles use it: a state is its own group;
/// an organization's group is the state it is `part_of` (followed as far as it
/// goes), else itself; a person's is the state it is `affiliated_with`, directly
/// (the best attested first) or through an organization, else itself.
///
/// ```
/// use wasit::explore::group_of;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:IR", NodeType::State, "إيران"));
/// g.add_node(Node::new("org:mfa", NodeType::Organization, "وزارة الخارجية الإيرانية"));
/// g.add_node(Node::new("person:baghaei", NodeType::Person, "إسماعيل بقائي"));
/// g.add_edge(Edge::new("org:mfa", EdgeType::PartOf, "state:IR"));
/// g.add_edge(Edge::new("person:baghaei", EdgeType::AffiliatedWith, "org:mfa"));
/// assert_eq!(group_of(&g, "person:baghaei"), "state:IR");
/// ```
pub fn group_of(graph: &Graph, id: &str) -> String {
    let Some(node) = graph.node(id) else {
        return id.to_string();
    };
    match node.node_type {
        NodeType::Organization => org_state(graph, id).unwrap_or_else(|| id.to_string()),
        NodeType::Person => {
            let mut ties: Vec<(&str, usize)> = graph
                .out_edges(id)
                .filter(|e| e.edge_type == EdgeType::AffiliatedWith)
                .map(|e| (e.target.as_str(), e.evidence.len()))
                .collect();
            // Best attested first, then by id: the same input always gives the same group.
            ties.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let is_state = |t: &str| {
                graph
                    .node(t)
                    .is_some_and(|n| n.node_type == NodeType::State)
            };
            if let Some((state, _)) = ties.iter().find(|(t, _)| is_state(t)) {
                return state.to_string();
            }
            ties.iter()
                .find_map(|(t, _)| org_state(graph, t))
                .unwrap_or_else(|| id.to_string())
        }
        _ => id.to_string(),
    }
}

/// The state an organization belongs to through `part_of` chains (cycles stop).
fn org_state(graph: &Graph, org: &str) -> Option<String> {
    let mut seen = HashSet::new();
    let mut frontier = vec![org.to_string()];
    while let Some(at) = frontier.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        for t in targets(graph, &at, EdgeType::PartOf) {
            match graph.node(&t).map(|n| n.node_type) {
                Some(NodeType::State) => return Some(t),
                Some(NodeType::Organization) => frontier.push(t),
                _ => {}
            }
        }
    }
    None
}

/// Every meeting node id, in date order (undated last), then by id.
pub(crate) fn meetings_by_date(graph: &Graph) -> Vec<String> {
    let mut ids: Vec<(DateKey, String)> = graph
        .nodes()
        .filter(|n| n.node_type == NodeType::Meeting)
        .map(|n| (DateKey::parse(n.attr_str("date")), n.id.clone()))
        .collect();
    ids.sort();
    ids.into_iter().map(|(_, id)| id).collect()
}

/// What the graph says about one claim: its words, date, speakers, outlets and the
/// talks it is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimInfo {
    /// The claim node.
    pub claim: NodeRef,
    /// The words of the statement (`attrs.text`, else the label).
    pub text: String,
    /// Its date: `attrs.date`, else the publication date of the first document it
    /// was read in.
    pub date: Option<String>,
    /// `claim` when the date is the claim's own, `document` when it is the
    /// publication date of its document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_source: Option<&'static str>,
    /// Sources of `said`.
    pub speakers: Vec<NodeRef>,
    /// Targets of `reported_by`.
    pub outlets: Vec<NodeRef>,
    /// Targets of `about`.
    pub about: Vec<NodeRef>,
}

/// The information of a claim node; `None` when `id` is no claim.
pub fn claim_info(graph: &Graph, id: &str) -> Option<ClaimInfo> {
    let node = graph.node(id).filter(|n| n.node_type == NodeType::Claim)?;
    let refs = |ids: Vec<String>| ids.iter().map(|i| node_ref(graph, i)).collect::<Vec<_>>();
    let own = attr_string(node, "date");
    let doc_date = || {
        node.evidence.iter().find_map(|ev| {
            graph
                .header
                .documents
                .iter()
                .find(|d| d.id == ev.doc)
                .and_then(|d| d.meta.date.clone())
        })
    };
    let (date, date_source) = match own {
        Some(d) => (Some(d), Some("claim")),
        None => match doc_date() {
            Some(d) => (Some(d), Some("document")),
            None => (None, None),
        },
    };
    Some(ClaimInfo {
        claim: NodeRef::of(node),
        text: attr_string(node, "text").unwrap_or_else(|| node.label.clone()),
        date,
        date_source,
        speakers: refs(sources(graph, id, EdgeType::Said)),
        outlets: refs(targets(graph, id, EdgeType::ReportedBy)),
        about: refs(targets(graph, id, EdgeType::About)),
    })
}

/// Cuts a text to at most `max` characters, ending with `…` when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The width of a string on a terminal: one column a character, none for the marks
/// that folding removes (harakat, tatweel is kept, invisible controls).
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .filter(|&c| c == '\u{0640}' || !crate::text::fold::is_removed(c))
        .count()
}

/// A plain text table: a header row and rows, columns padded to their widest cell.
#[derive(Debug, Default)]
pub(crate) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub(crate) fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra cells are dropped).
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Writes the table, columns separated by two spaces, trailing spaces trimmed.
    pub(crate) fn write<W: io::Write>(&self, mut w: W) -> io::Result<()> {
        let n = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().take(n).enumerate() {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let line = |cells: &[String]| -> String {
            let mut out = String::new();
            for (i, &wd) in widths.iter().enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                out.push_str(cell);
                if i + 1 < n {
                    out.push_str(&" ".repeat(wd.saturating_sub(width(cell)) + 2));
                }
            }
            out.trim_end().to_string()
        };
        writeln!(w, "{}", line(&self.header))?;
        for row in &self.rows {
            writeln!(w, "{}", line(row))?;
        }
        Ok(())
    }
}

/// Orders floats for sorting, NaN last.
pub(crate) fn cmp_f64(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b)
        .unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_keys() {
        for bad in [
            "",
            "soon",
            "2026-13-01",
            "2026-02-32",
            "26-02-01",
            "XXXX",
            "2026--01",
            "2026-02-06-07",
        ] {
            assert!(DateKey::parse(Some(bad)).is_undated(), "{bad}");
        }
        assert!(DateKey::parse(Some("2026-02-06T10:00:00Z")).has_year());
        assert!(DateKey::parse(Some("2024-05")) < DateKey::parse(Some("2024-05-01")));
        assert!(DateKey::parse(Some("XXXX-05-08")) > DateKey::parse(Some("2030")));
    }

    #[test]
    fn table_pads_by_width() {
        let mut t = Table::new(&["a", "b"]);
        t.row(vec!["عُمان".into(), "x".into()]);
        t.row(vec!["long".into()]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "a     b\nعُمان  x\nlong\n");
    }

    #[test]
    fn clip_counts_characters() {
        assert_eq!(clip("محادثات   مسقط", 20), "محادثات مسقط");
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}
