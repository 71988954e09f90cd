//! `wasit mediators`: every go-between of the graph — a state, person or
//! organization with `mediates` edges — with the pairs of sides it stood between,
//! its meetings (dates, places, status), first and last date, its betweenness in
//! the projected entity graph ([`super::centrality`]) and its Gould–Fernandez
//! brokerage roles ([`super::brokerage`]). `--between A B` keeps the meetings where
//! A and B are both sides.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use serde::Serialize;

use super::brokerage::{brokerage, Brokerage};
use super::centrality::Projection;
use super::{meeting_info, node_ref, DateKey, MeetingInfo, NodeRef, Table};
use crate::model::{Graph, NodeType};

/// A pair of sides (one side alone when the other is not known) and how many
/// meetings of the mediator they were the sides of.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sides {
    /// The sides, sorted by id.
    pub sides: Vec<NodeRef>,
    /// Meetings between them.
    pub meetings: usize,
}

/// One mediator and what it did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MediatorRow {
    /// The mediator.
    pub mediator: NodeRef,
    /// Its group for brokerage: itself for a state, else its state when known.
    pub group: NodeRef,
    /// The pairs of sides it stood between, most meetings first.
    pub between: Vec<Sides>,
    /// The meetings it mediated, in date order (undated last).
    pub meetings: Vec<MeetingInfo>,
    /// The earliest date of its meetings (dates with a year preferred).
    pub first: Option<String>,
    /// The latest date of its meetings.
    pub last: Option<String>,
    /// Normalized betweenness in the projected entity graph (0 to 1).
    pub betweenness: f64,
    /// Unnormalized betweenness: shortest paths between pairs of other actors that
    /// pass through it.
    pub betweenness_raw: f64,
    /// Its brokerage roles in the network party → mediator → party.
    pub brokerage: Brokerage,
}

/// The answer of `wasit mediators`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MediatorsReport {
    /// The two sides asked about with `--between`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<[NodeRef; 2]>,
    /// The mediators, most meetings first.
    pub mediators: Vec<MediatorRow>,
}

/// Every mediator of the graph, most meetings mediated first (then higher
/// betweenness, then by label).
///
/// ```
/// use wasit::explore::mediators::mediators;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:US", NodeType::State, "الولايات المتحدة"));
/// g.add_node(Node::new("state:IR", NodeType::State, "إيران"));
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// let mut m = Node::new("meeting:muscat", NodeType::Meeting, "محادثات مسقط");
/// m.attrs.insert("date".into(), "2026-02-06".into());
/// g.add_node(m);
/// g.add_edge(Edge::new("state:US", EdgeType::PartyTo, "meeting:muscat"));
/// g.add_edge(Edge::new("state:IR", EdgeType::PartyTo, "meeting:muscat"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:muscat"));
/// let report = mediators(&g);
/// let oman = &report.mediators[0];
/// assert_eq!(oman.mediator.id, "state:OM");
/// assert_eq!(oman.between[0].sides.len(), 2);
/// assert_eq!(oman.first.as_deref(), Some("2026-02-06"));
/// ```
pub fn mediators(graph: &Graph) -> MediatorsReport {
    report(graph, None)
}

/// The go-betweens of two sides (node ids): the mediators of the meetings where one
/// side is `a` (or belongs to it: an organization or person whose group is `a`) and
/// another is `b`.
pub fn between(graph: &Graph, a: &str, b: &str) -> MediatorsReport {
    report(graph, Some((a, b)))
}

fn report(graph: &Graph, pair: Option<(&str, &str)>) -> MediatorsReport {
    let centrality = Projection::of(graph);
    let normalized = centrality.betweenness(true);
    let raw = centrality.betweenness(false);
    let roles = brokerage(graph);
    let is_side = |side: &str, who: &str| side == who || super::group_of(graph, side) == who;

    let mut by_mediator: BTreeMap<String, Vec<MeetingInfo>> = BTreeMap::new();
    for m in super::meetings_by_date(graph) {
        let Some(info) = meeting_info(graph, &m) else {
            continue;
        };
        if let Some((a, b)) = pair {
            let ids: Vec<&str> = info.parties.iter().map(|p| p.id.as_str()).collect();
            let found = ids.iter().enumerate().any(|(i, x)| {
                ids.iter()
                    .enumerate()
                    .any(|(j, y)| i != j && is_side(x, a) && is_side(y, b))
            });
            if !found {
                continue;
            }
        }
        for med in &info.mediators {
            if graph.node(&med.id).is_some_and(|n| {
                matches!(
                    n.node_type,
                    NodeType::State | NodeType::Person | NodeType::Organization
                )
            }) {
                by_mediator
                    .entry(med.id.clone())
                    .or_default()
                    .push(info.clone());
            }
        }
    }

    let mut rows: Vec<MediatorRow> = by_mediator
        .into_iter()
        .map(|(id, meetings)| {
            let mut pairs: BTreeMap<Vec<String>, usize> = BTreeMap::new();
            for m in &meetings {
                let sides: Vec<&NodeRef> = m.parties.iter().filter(|p| p.id != id).collect();
                let mut seen = BTreeSet::new();
                if sides.len() == 1 {
                    seen.insert(vec![sides[0].id.clone()]);
                }
                for (i, x) in sides.iter().enumerate() {
                    for y in &sides[i + 1..] {
                        seen.insert(vec![x.id.clone(), y.id.clone()]);
                    }
                }
                for key in seen {
                    *pairs.entry(key).or_default() += 1;
                }
            }
            let mut between: Vec<Sides> = pairs
                .into_iter()
                .map(|(ids, n)| Sides {
                    sides: ids.iter().map(|i| node_ref(graph, i)).collect(),
                    meetings: n,
                })
                .collect();
            between.sort_by(|a, b| {
                b.meetings
                    .cmp(&a.meetings)
                    .then_with(|| b.sides.len().cmp(&a.sides.len()))
            });
            let (first, last) = first_last(&meetings);
            MediatorRow {
                mediator: node_ref(graph, &id),
                group: node_ref(graph, &super::group_of(graph, &id)),
                between,
                first,
                last,
                betweenness: normalized.get(&id).copied().unwrap_or(0.0),
                betweenness_raw: raw.get(&id).copied().unwrap_or(0.0),
                brokerage: roles.get(&id).copied().unwrap_or_default(),
                meetings,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.meetings
            .len()
            .cmp(&a.meetings.len())
            .then_with(|| super::cmp_f64(b.betweenness, a.betweenness))
            .then_with(|| a.mediator.label.cmp(&b.mediator.label))
            .then_with(|| a.mediator.id.cmp(&b.mediator.id))
    });
    MediatorsReport {
        between: pair.map(|(a, b)| [node_ref(graph, a), node_ref(graph, b)]),
        mediators: rows,
    }
}

/// The first and last dates of some meetings: among dates with a year when there
/// are any, else among the others.
fn first_last(meetings: &[MeetingInfo]) -> (Option<String>, Option<String>) {
    let mut dated: Vec<(DateKey, &str)> = meetings
        .iter()
        .filter_map(|m| m.date.as_deref().map(|d| (DateKey::parse(Some(d)), d)))
        .filter(|(k, _)| !k.is_undated())
        .collect();
    if dated.iter().any(|(k, _)| k.has_year()) {
        dated.retain(|(k, _)| k.has_year());
    }
    dated.sort();
    (
        dated.first().map(|(_, d)| d.to_string()),
        dated.last().map(|(_, d)| d.to_string()),
    )
}

/// The sides of a [`Sides`] joined by `⇄`.
fn sides_text(s: &Sides) -> String {
    let names: Vec<String> = s.sides.iter().map(NodeRef::display).collect();
    if names.len() == 1 {
        format!("{} ⇄ ?", names[0])
    } else {
        names.join(" ⇄ ")
    }
}

/// What the table's columns mean, printed under it (and in `wasit mediators --help`).
pub const COLUMNS_LEGEND: &str = "\
betweenness: share of the shortest chains between two other actors that pass through the mediator.
coord itin repr gate liaison: Gould-Fernandez brokerage, counted over side -> mediator -> side:
  coordinator (all three in one group), itinerant (both sides in one group, the mediator outside),
  representative (the mediator in the first side's group), gatekeeper (in the second side's),
  liaison (three groups: a go-between belonging to neither side). A state is its own group;
  a person or body belongs to the state it serves.
";

/// Writes the report as a table: one row per mediator with its figures, then its
/// pairs of sides and its meetings, indented.
///
/// ```
/// use wasit::explore::mediators::{mediators, write_table};
/// use wasit::model::Graph;
/// let mut out = Vec::new();
/// write_table(&mediators(&Graph::default()), &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "no mediators in this graph\n");
/// ```
pub fn write_table<W: io::Write>(report: &MediatorsReport, mut w: W) -> io::Result<()> {
    if let Some([a, b]) = &report.between {
        writeln!(
            w,
            "go-betweens of {} and {}",
            a.display_both(),
            b.display_both()
        )?;
    }
    if report.mediators.is_empty() {
        let what = if report.between.is_some() {
            "no mediated meetings between these sides"
        } else {
            "no mediators in this graph"
        };
        return writeln!(w, "{what}");
    }
    let mut t = Table::new(&[
        "#",
        "mediator",
        "type",
        "meetings",
        "first",
        "last",
        "betweenness",
        "coord",
        "itin",
        "repr",
        "gate",
        "liaison",
        "between",
    ]);
    for (i, r) in report.mediators.iter().enumerate() {
        let b = &r.brokerage;
        t.row(vec![
            (i + 1).to_string(),
            r.mediator.display_both(),
            r.mediator.node_type.to_string(),
            r.meetings.len().to_string(),
            r.first.clone().unwrap_or_else(|| "-".into()),
            r.last.clone().unwrap_or_else(|| "-".into()),
            format!("{:.3}", r.betweenness),
            b.coordinator.to_string(),
            b.itinerant.to_string(),
            b.representative.to_string(),
            b.gatekeeper.to_string(),
            b.liaison.to_string(),
            match r.between.as_slice() {
                [] => String::new(),
                [one] => sides_text(one),
                [one, rest @ ..] => format!("{} (+{} more)", sides_text(one), rest.len()),
            },
        ]);
    }
    t.write(&mut w)?;
    writeln!(w)?;
    w.write_all(COLUMNS_LEGEND.as_bytes())?;
    for (i, r) in report.mediators.iter().enumerate() {
        writeln!(w)?;
        writeln!(w, "{}. {}", i + 1, r.mediator.display_both())?;
        for s in &r.between {
            let n = s.meetings;
            writeln!(
                w,
                "   between {}  ({n} meeting{})",
                sides_text(s),
                if n == 1 { "" } else { "s" }
            )?;
        }
        let mut t = Table::new(&["   date", "meeting", "place", "status", "format"]);
        for m in &r.meetings {
            t.row(vec![
                format!("   {}", m.date.as_deref().unwrap_or("undated")),
                m.meeting.display(),
                m.place_names(),
                m.status.clone().unwrap_or_default(),
                m.format.clone().unwrap_or_default(),
            ]);
        }
        t.write(&mut w)?;
    }
    Ok(())
}
