//! `wasit who NAME`: an entity's card — type, names in Arabic and English, what
//! it belongs to and who belongs to it (with roles), relatives, meetings by role,
//! claims it made or carried, and the documents it appears in with the evidence
//! offsets (and the sentence, when the document's text can be read).

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use serde::Serialize;
use serde_json::Value;

use super::{
    claim_info, clip, meeting_info, node_ref, ClaimInfo, DateKey, MeetingInfo, NodeRef, Table,
};
use crate::model::{Edge, EdgeType, Graph};
use crate::text::sentences;

/// A tie of the card: the node at the other end and the edge's role or relation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tie {
    /// The node at the other end.
    pub node: NodeRef,
    /// The edge type.
    pub edge: EdgeType,
    /// `attrs.role` or `attrs.relation` of the edge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// One part an entity took in a meeting.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Part {
    /// party, participant, mediator, host, or venue (the meeting was held in it).
    pub role: &'static str,
    /// `attrs.role` of the edge (head of delegation…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A meeting and the parts the entity took in it (Oman both mediates and hosts).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingRole {
    /// The parts, in the order party, participant, mediator, host, venue.
    pub roles: Vec<Part>,
    /// The meeting.
    pub meeting: MeetingInfo,
}

/// The order of the parts in a card.
fn part_rank(role: &str) -> usize {
    ["party", "participant", "mediator", "host", "venue"]
        .iter()
        .position(|r| *r == role)
        .unwrap_or(usize::MAX)
}

/// One place the entity was read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// What was read there: `mention` for the node itself, else the edge
    /// (`affiliated_with → الولايات المتحدة`).
    pub what: String,
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The sentence around it, when the document could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// A document the entity appears in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Appearance {
    /// The document id.
    pub doc: String,
    /// Its publication date, from the graph's header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Its outlet, from the graph's header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Its title, from the graph's header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The evidence read in it, in text order.
    pub mentions: Vec<Mention>,
}

/// An entity's card.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Card {
    /// The entity.
    pub entity: NodeRef,
    /// Other names it goes by.
    pub aliases: Vec<String>,
    /// Its other attributes (`anonymous`, `date`…), `name_en` excepted.
    pub attrs: BTreeMap<String, Value>,
    /// Its group (its state) when that is another node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<NodeRef>,
    /// What it is affiliated with or part of.
    pub affiliations: Vec<Tie>,
    /// Who is affiliated with it or part of it.
    pub members: Vec<Tie>,
    /// Relatives, both ways.
    pub relatives: Vec<Tie>,
    /// Meetings by role, in date order.
    pub meetings: Vec<MeetingRole>,
    /// Claims it made.
    pub claims: Vec<ClaimInfo>,
    /// Claims it carried as an outlet.
    pub reported: Vec<ClaimInfo>,
    /// The meeting itself, when the entity is a meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<MeetingInfo>,
    /// The claim itself, when the entity is a claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<ClaimInfo>,
    /// The documents it appears in.
    pub documents: Vec<Appearance>,
}

/// The card of node `id`, or `None` when there is no such node. `load` returns the
/// original text of a document id when it can be read (or `None`); with it, each
/// mention shows its sentence.
///
/// ```
/// use wasit::explore::who::card;
/// use wasit::model::{Edge, EdgeType, Evidence, Graph, Node, NodeType};
/// let text = "وقال الرئيس دونالد ترامب إن المحادثات جيدة. وانتهت الجولة.";
/// let mut g = Graph::default();
/// let mut trump = Node::new("person:trump", NodeType::Person, "دونالد ترامب");
/// let start = text.find("دونالد").unwrap();
/// trump.evidence.push(Evidence { doc: "a.txt".into(), start, end: start + "دونالد ترامب".len() });
/// g.add_node(trump);
/// let c = card(&g, "person:trump", |doc| (doc == "a.txt").then(|| text.to_string())).unwrap();
/// let mention = &c.documents[0].mentions[0];
/// assert_eq!(&text[mention.start..mention.end], "دونالد ترامب");
/// assert_eq!(mention.sentence.as_deref(), Some("وقال الرئيس دونالد ترامب إن المحادثات جيدة."));
/// ```
pub fn card(graph: &Graph, id: &str, mut load: impl FnMut(&str) -> Option<String>) -> Option<Card> {
    let node = graph.node(id)?;
    let tie = |e: &Edge, other: &str| Tie {
        node: node_ref(graph, other),
        edge: e.edge_type,
        role: e
            .attr_str("role")
            .or_else(|| e.attr_str("relation"))
            .map(str::to_string),
    };
    let mut affiliations = Vec::new();
    let mut relatives = Vec::new();
    let mut meetings = Vec::new();
    let mut claims = Vec::new();
    let mut parts: Vec<(String, Part)> = Vec::new();
    for e in graph.out_edges(id) {
        match e.edge_type {
            EdgeType::AffiliatedWith | EdgeType::PartOf => affiliations.push(tie(e, &e.target)),
            EdgeType::RelativeOf => relatives.push(tie(e, &e.target)),
            EdgeType::PartyTo | EdgeType::ParticipatesIn | EdgeType::Mediates | EdgeType::Hosts => {
                let role = match e.edge_type {
                    EdgeType::PartyTo => "party",
                    EdgeType::ParticipatesIn => "participant",
                    EdgeType::Mediates => "mediator",
                    _ => "host",
                };
                let detail = e.attr_str("role").map(str::to_string);
                parts.push((e.target.clone(), Part { role, detail }));
            }
            EdgeType::Said => claims.extend(claim_info(graph, &e.target)),
            _ => {}
        }
    }
    let mut members = Vec::new();
    let mut reported = Vec::new();
    for e in graph.in_edges(id) {
        match e.edge_type {
            EdgeType::AffiliatedWith | EdgeType::PartOf => members.push(tie(e, &e.source)),
            EdgeType::RelativeOf => relatives.push(tie(e, &e.source)),
            EdgeType::ReportedBy => reported.extend(claim_info(graph, &e.source)),
            EdgeType::HeldIn => {
                let part = Part {
                    role: "venue",
                    detail: None,
                };
                parts.push((e.source.clone(), part));
            }
            _ => {}
        }
    }
    let by_node = |a: &Tie, b: &Tie| {
        (a.edge, &a.node.label, &a.node.id).cmp(&(b.edge, &b.node.label, &b.node.id))
    };
    affiliations.sort_by(by_node);
    members.sort_by(by_node);
    relatives.sort_by(by_node);
    let mut by_meeting: BTreeMap<String, Vec<Part>> = BTreeMap::new();
    for (m, part) in parts {
        by_meeting.entry(m).or_default().push(part);
    }
    for (m, mut roles) in by_meeting {
        roles.sort_by_key(|p| (part_rank(p.role), p.detail.clone()));
        roles.dedup();
        if let Some(meeting) = meeting_info(graph, &m) {
            meetings.push(MeetingRole { roles, meeting });
        }
    }
    meetings.sort_by(|a, b| {
        let key = |m: &MeetingRole| {
            (
                DateKey::parse(m.meeting.date.as_deref()),
                m.meeting.meeting.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let by_date = |a: &ClaimInfo, b: &ClaimInfo| {
        (DateKey::parse(a.date.as_deref()), &a.claim.id)
            .cmp(&(DateKey::parse(b.date.as_deref()), &b.claim.id))
    };
    claims.sort_by(by_date);
    reported.sort_by(by_date);
    let group = super::group_of(graph, id);
    let mut attrs = node.attrs.clone();
    attrs.remove("name_en");
    Some(Card {
        entity: NodeRef::of(node),
        aliases: node.aliases.clone(),
        attrs,
        group: (group != id).then(|| node_ref(graph, &group)),
        affiliations,
        members,
        relatives,
        meetings,
        claims,
        reported,
        meeting: meeting_info(graph, id),
        claim: claim_info(graph, id),
        documents: appearances(graph, id, &mut load),
    })
}

/// The evidence of a node and of its edges, grouped by document.
fn appearances(
    graph: &Graph,
    id: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
) -> Vec<Appearance> {
    let mut by_doc: BTreeMap<String, BTreeSet<(usize, usize, String)>> = BTreeMap::new();
    if let Some(node) = graph.node(id) {
        for ev in &node.evidence {
            by_doc
                .entry(ev.doc.clone())
                .or_default()
                .insert((ev.start, ev.end, "mention".into()));
        }
    }
    let edges = graph
        .out_edges(id)
        .map(|e| (e, &e.target, "→"))
        .chain(graph.in_edges(id).map(|e| (e, &e.source, "←")));
    for (e, other, arrow) in edges {
        let other = graph.node(other).map(|n| n.label.as_str()).unwrap_or(other);
        let what = format!("{} {arrow} {}", e.edge_type, clip(other, 40));
        for ev in &e.evidence {
            by_doc
                .entry(ev.doc.clone())
                .or_default()
                .insert((ev.start, ev.end, what.clone()));
        }
    }
    by_doc
        .into_iter()
        .map(|(doc, spans)| {
            let meta = graph
                .header
                .documents
                .iter()
                .find(|d| d.id == doc)
                .map(|d| d.meta.clone())
                .unwrap_or_default();
            let text = load(&doc);
            let mentions = spans
                .into_iter()
                .map(|(start, end, what)| Mention {
                    sentence: text.as_deref().and_then(|t| sentence_at(t, start, end)),
                    what,
                    start,
                    end,
                })
                .collect();
            Appearance {
                doc,
                date: meta.date,
                outlet: meta.outlet,
                title: meta.title,
                mentions,
            }
        })
        .collect()
}

/// The sentence of `text` holding the byte span `[start, end)`, at most 300
/// characters; `None` when the span is not a span of this text.
fn sentence_at(text: &str, start: usize, end: usize) -> Option<String> {
    text.get(start..end)?;
    let (a, b) = sentences(text)
        .into_iter()
        .find(|&(a, b)| a <= start && start < b)?;
    let b = b.max(end.min(text.len()));
    text.get(a..b).map(|s| clip(s, 300))
}

/// Writes a card as readable text.
///
/// ```
/// use wasit::explore::who::{card, write_card};
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// let mut out = Vec::new();
/// write_card(&card(&g, "state:OM", |_| None).unwrap(), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().starts_with("عمان  [state  state:OM]"));
/// ```
pub fn write_card<W: io::Write>(card: &Card, mut w: W) -> io::Result<()> {
    let e = &card.entity;
    writeln!(w, "{}  [{}  {}]", e.display(), e.node_type, e.id)?;
    if let Some(en) = &e.name_en {
        writeln!(w, "  english:  {en}")?;
    }
    if !card.aliases.is_empty() {
        writeln!(w, "  also:     {}", card.aliases.join("، "))?;
    }
    let own_section = card.meeting.is_some() || card.claim.is_some();
    for (k, v) in card.attrs.iter().filter(|_| !own_section) {
        let v = match v {
            Value::String(s) => clip(s, 200),
            other => other.to_string(),
        };
        writeln!(w, "  {k}: {v}")?;
    }
    if let Some(g) = &card.group {
        writeln!(w, "  group:    {}", g.display_both())?;
    }
    let ties = |w: &mut W, title: &str, ties: &[Tie]| -> io::Result<()> {
        if ties.is_empty() {
            return Ok(());
        }
        writeln!(w, "\n{title}")?;
        let mut t = Table::new(&["  name", "edge", "role"]);
        for x in ties {
            t.row(vec![
                format!("  {}", x.node.display_both()),
                x.edge.to_string(),
                x.role.clone().unwrap_or_default(),
            ]);
        }
        t.write(w)
    };
    ties(&mut w, "affiliations", &card.affiliations)?;
    ties(&mut w, "members", &card.members)?;
    ties(&mut w, "relatives", &card.relatives)?;
    if let Some(m) = &card.meeting {
        writeln!(w, "\nmeeting")?;
        write_meeting(&mut w, m)?;
    }
    if let Some(c) = &card.claim {
        writeln!(w, "\nclaim")?;
        write_claims(&mut w, std::slice::from_ref(c))?;
    }
    if !card.meetings.is_empty() {
        writeln!(w, "\nmeetings")?;
        let mut t = Table::new(&["  date", "role", "meeting", "place", "sides", "status"]);
        for m in &card.meetings {
            let role: Vec<String> = m
                .roles
                .iter()
                .map(|p| match &p.detail {
                    Some(d) => format!("{} ({d})", p.role),
                    None => p.role.to_string(),
                })
                .collect();
            let role = role.join(", ");
            let sides: Vec<String> = m.meeting.parties.iter().map(NodeRef::display).collect();
            t.row(vec![
                format!("  {}", m.meeting.date.as_deref().unwrap_or("undated")),
                role,
                m.meeting.meeting.display(),
                m.meeting.place_names(),
                sides.join(" ⇄ "),
                m.meeting.status.clone().unwrap_or_default(),
            ]);
        }
        t.write(&mut w)?;
    }
    if !card.claims.is_empty() {
        writeln!(w, "\nclaims")?;
        write_claims(&mut w, &card.claims)?;
    }
    if !card.reported.is_empty() {
        writeln!(w, "\nreported")?;
        write_claims(&mut w, &card.reported)?;
    }
    if !card.documents.is_empty() {
        writeln!(w, "\ndocuments")?;
        for d in &card.documents {
            let meta: Vec<&str> = [&d.date, &d.outlet, &d.title]
                .into_iter()
                .filter_map(|x| x.as_deref())
                .collect();
            if meta.is_empty() {
                writeln!(w, "  {}", d.doc)?;
            } else {
                writeln!(w, "  {}  ({})", d.doc, meta.join(", "))?;
            }
            let mut last: Option<&str> = None;
            for m in &d.mentions {
                writeln!(w, "    {}..{}  {}", m.start, m.end, m.what)?;
                // A sentence is shown once for the mentions in a row that share it.
                if let Some(s) = m.sentence.as_deref().filter(|s| Some(*s) != last) {
                    writeln!(w, "      «{s}»")?;
                }
                last = m.sentence.as_deref();
            }
        }
    }
    Ok(())
}

fn write_meeting<W: io::Write>(w: &mut W, m: &MeetingInfo) -> io::Result<()> {
    let line = |w: &mut W, k: &str, v: String| {
        if v.is_empty() {
            Ok(())
        } else {
            writeln!(w, "  {k:<13} {v}")
        }
    };
    line(w, "date", m.date.clone().unwrap_or_default())?;
    line(w, "status", m.status.clone().unwrap_or_default())?;
    line(w, "format", m.format.clone().unwrap_or_default())?;
    line(w, "round", m.round.clone().unwrap_or_default())?;
    line(w, "held in", m.place_names())?;
    line(w, "sides", super::join_names(&m.parties))?;
    line(w, "mediators", super::join_names(&m.mediators))?;
    line(w, "hosts", super::join_names(&m.hosts))?;
    line(w, "participants", super::join_names(&m.participants))
}

fn write_claims<W: io::Write>(w: &mut W, claims: &[ClaimInfo]) -> io::Result<()> {
    for c in claims {
        let date = c.date.as_deref().unwrap_or("undated");
        writeln!(w, "  {date}  «{}»", clip(&c.text, 160))?;
        let mut by = Vec::new();
        if !c.speakers.is_empty() {
            by.push(format!("said by {}", super::join_names(&c.speakers)));
        }
        if !c.outlets.is_empty() {
            by.push(format!("reported by {}", super::join_names(&c.outlets)));
        }
        if !c.about.is_empty() {
            by.push(format!("about {}", super::join_names(&c.about)));
        }
        if !by.is_empty() {
            writeln!(w, "      {}", by.join("; "))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeType;

    #[test]
    fn sentences_of_bad_spans_are_none() {
        let text = "وصل الوفد إلى مسقط. وانتهت المحادثات.";
        assert_eq!(sentence_at(text, 0, 3), None); // not a char boundary
        assert_eq!(sentence_at(text, 10, 10_000), None);
        let at = text.find("مسقط").unwrap();
        assert_eq!(
            sentence_at(text, at, at + "مسقط".len()).as_deref(),
            Some("وصل الوفد إلى مسقط.")
        );
        assert_eq!(sentence_at("", 0, 0), None);
    }

    #[test]
    fn cards_of_every_node_of_an_odd_graph() {
        let mut g = Graph::default();
        g.add_node(crate::model::Node::new("meeting:m", NodeType::Meeting, ""));
        g.add_node(crate::model::Node::new("claim:c", NodeType::Claim, "«»"));
        g.add_edge(Edge::new("claim:c", EdgeType::About, "meeting:m"));
        for id in ["meeting:m", "claim:c"] {
            let c = card(&g, id, |_| Some(String::new())).unwrap();
            let mut out = Vec::new();
            write_card(&c, &mut out).unwrap();
        }
        assert!(card(&g, "missing", |_| None).is_none());
    }
}
