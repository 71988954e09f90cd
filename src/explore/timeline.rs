//! `wasit timeline [--entity X]`: meetings and claims in date order, undated last.
//!
//! A meeting's date is its `attrs.date`; a claim's is its own `attrs.date`, else the
//! publication date of the document it was read in (marked `date_source:
//! document`). With an entity, the timeline keeps what involves it or its members
//! (the people affiliated with it and the organizations part of it): meetings where
//! one of them has a part or that were held in it, and claims one of them made or
//! carried.

use std::collections::BTreeSet;
use std::io;

use serde::Serialize;

use super::{claim_info, clip, meeting_info, ClaimInfo, DateKey, MeetingInfo, NodeRef, Table};
use crate::model::{EdgeType, Graph, NodeType};

/// One event of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A meeting.
    Meeting(MeetingInfo),
    /// A claim.
    Claim(ClaimInfo),
}

impl Event {
    /// The date the event is sorted by.
    pub fn date(&self) -> Option<&str> {
        match self {
            Event::Meeting(m) => m.date.as_deref(),
            Event::Claim(c) => c.date.as_deref(),
        }
    }

    fn id(&self) -> &str {
        match self {
            Event::Meeting(m) => &m.meeting.id,
            Event::Claim(c) => &c.claim.id,
        }
    }
}

/// The answer of `wasit timeline`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    /// The entity asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<NodeRef>,
    /// The events in date order (undated last); meetings before claims on one date.
    pub events: Vec<Event>,
}

/// The timeline of the whole graph, or of what involves the node `entity` (an id).
///
/// ```
/// use wasit::explore::timeline::{timeline, Event};
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// for (id, date) in [("meeting:b", Some("2026-02-06")), ("meeting:c", None), ("meeting:a", Some("2023-05"))] {
///     let mut m = Node::new(id, NodeType::Meeting, "محادثات");
///     if let Some(d) = date {
///         m.attrs.insert("date".into(), d.into());
///     }
///     g.add_node(m);
/// }
/// let t = timeline(&g, None);
/// let dates: Vec<_> = t.events.iter().map(Event::date).collect();
/// assert_eq!(dates, [Some("2023-05"), Some("2026-02-06"), None]);
/// ```
pub fn timeline(graph: &Graph, entity: Option<&str>) -> Timeline {
    let circle = entity.map(|e| members(graph, e));
    let involved = |id: &str| circle.as_ref().is_none_or(|c| c.contains(id));
    let mut events = Vec::new();
    for node in graph.nodes() {
        match node.node_type {
            NodeType::Meeting => {
                let keep = circle.is_none()
                    || graph.in_edges(&node.id).any(|e| {
                        matches!(
                            e.edge_type,
                            EdgeType::PartyTo
                                | EdgeType::ParticipatesIn
                                | EdgeType::Mediates
                                | EdgeType::Hosts
                        ) && involved(&e.source)
                    })
                    || graph.out_edges(&node.id).any(|e| {
                        e.edge_type == EdgeType::HeldIn && Some(e.target.as_str()) == entity
                    });
                if keep {
                    events.extend(meeting_info(graph, &node.id).map(Event::Meeting));
                }
            }
            NodeType::Claim => {
                let keep = circle.is_none()
                    || graph
                        .in_edges(&node.id)
                        .any(|e| e.edge_type == EdgeType::Said && involved(&e.source))
                    || graph.out_edges(&node.id).any(|e| {
                        e.edge_type == EdgeType::ReportedBy && Some(e.target.as_str()) == entity
                    })
                    || Some(node.id.as_str()) == entity;
                if keep {
                    events.extend(claim_info(graph, &node.id).map(Event::Claim));
                }
            }
            _ => {}
        }
    }
    events.sort_by(|a, b| {
        let key = |e: &Event| {
            (
                DateKey::parse(e.date()),
                matches!(e, Event::Claim(_)),
                e.id().to_string(),
            )
        };
        key(a).cmp(&key(b))
    });
    Timeline {
        entity: entity.map(|e| super::node_ref(graph, e)),
        events,
    }
}

impl Timeline {
    /// Keeps only the events of one kind (`meetings`, `claims`) and, with `from` or
    /// `to` (ISO dates, possibly partial), those dated within: an event's date is
    /// compared at the precision both have, so `2026` is within `--from 2026-02`,
    /// and undated events are dropped when a range is given.
    ///
    /// ```
    /// use wasit::explore::timeline::{timeline, EventKind};
    /// use wasit::model::{Graph, Node, NodeType};
    /// let mut g = Graph::default();
    /// for (id, date) in [("meeting:a", "2023-05-08"), ("meeting:b", "2026-02-06")] {
    ///     let mut m = Node::new(id, NodeType::Meeting, "محادثات");
    ///     m.attrs.insert("date".into(), date.into());
    ///     g.add_node(m);
    /// }
    /// let mut t = timeline(&g, None);
    /// t.keep(Some(EventKind::Meetings), Some("2024"), None);
    /// assert_eq!(t.events.len(), 1);
    /// assert_eq!(t.events[0].date(), Some("2026-02-06"));
    /// ```
    pub fn keep(&mut self, kind: Option<EventKind>, from: Option<&str>, to: Option<&str>) {
        self.events.retain(|e| {
            let kind_ok = match kind {
                None => true,
                Some(EventKind::Meetings) => matches!(e, Event::Meeting(_)),
                Some(EventKind::Claims) => matches!(e, Event::Claim(_)),
            };
            if !kind_ok {
                return false;
            }
            if from.is_none() && to.is_none() {
                return true;
            }
            let Some(date) = e.date().filter(|d| !d.starts_with('X')) else {
                return false;
            };
            let cut = |a: &str, b: &str| {
                let n = a.len().min(b.len());
                (
                    a.get(..n).unwrap_or(a).to_string(),
                    b.get(..n).unwrap_or(b).to_string(),
                )
            };
            from.is_none_or(|f| {
                let (d, f) = cut(date, f);
                d >= f
            }) && to.is_none_or(|t| {
                let (d, t) = cut(date, t);
                d <= t
            })
        });
    }
}

/// Which events a timeline keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// Meetings only.
    Meetings,
    /// Claims only.
    Claims,
}

/// The entity and its members: people affiliated with it, organizations part of it,
/// and so on down (a state's ministries and their staff).
fn members(graph: &Graph, entity: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut frontier = vec![entity.to_string()];
    while let Some(at) = frontier.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        for e in graph.in_edges(&at) {
            if matches!(e.edge_type, EdgeType::AffiliatedWith | EdgeType::PartOf) {
                frontier.push(e.source.clone());
            }
        }
    }
    seen
}

/// Writes the timeline as a table: date, kind, what, who.
///
/// ```
/// use wasit::explore::timeline::{timeline, write_table};
/// use wasit::model::Graph;
/// let mut out = Vec::new();
/// write_table(&timeline(&Graph::default(), None), &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "no meetings or claims\n");
/// ```
pub fn write_table<W: io::Write>(t: &Timeline, mut w: W) -> io::Result<()> {
    if let Some(e) = &t.entity {
        writeln!(w, "timeline of {}", e.display_both())?;
    }
    if t.events.is_empty() {
        return writeln!(w, "no meetings or claims");
    }
    let mut table = Table::new(&["date", "kind", "what", "who"]);
    for e in &t.events {
        match e {
            Event::Meeting(m) => {
                let mut what = m.meeting.display();
                let mut extra: Vec<String> = Vec::new();
                if !m.places.is_empty() {
                    extra.push(m.place_names());
                }
                extra.extend(m.status.clone());
                if let Some(r) = &m.round {
                    extra.push(format!("round {r}"));
                }
                if !extra.is_empty() {
                    what = format!("{what} ({})", extra.join(", "));
                }
                let mut who: Vec<String> = Vec::new();
                if !m.parties.is_empty() {
                    who.push(
                        m.parties
                            .iter()
                            .map(NodeRef::display)
                            .collect::<Vec<_>>()
                            .join(" ⇄ "),
                    );
                }
                if !m.mediators.is_empty() {
                    who.push(format!("via {}", super::join_names(&m.mediators)));
                }
                table.row(vec![
                    m.date.clone().unwrap_or_else(|| "undated".into()),
                    "meeting".into(),
                    what,
                    who.join(" "),
                ]);
            }
            Event::Claim(c) => {
                let date = match (&c.date, c.date_source) {
                    (Some(d), Some("document")) => format!("~{d}"),
                    (Some(d), _) => d.clone(),
                    (None, _) => "undated".into(),
                };
                let mut who = super::join_names(&c.speakers);
                if !c.outlets.is_empty() {
                    who = format!("{who} via {}", super::join_names(&c.outlets))
                        .trim()
                        .to_string();
                }
                table.row(vec![
                    date,
                    "claim".into(),
                    format!("«{}»", clip(&c.text, 80)),
                    who,
                ]);
            }
        }
    }
    table.write(&mut w)?;
    if t.events
        .iter()
        .any(|e| matches!(e, Event::Claim(c) if c.date_source == Some("document")))
    {
        writeln!(
            w,
            "(~ publication date of the document the claim was read in)"
        )?;
    }
    Ok(())
}
