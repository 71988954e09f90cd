//! One graph across documents: the facts of each document merged into one
//! [`Graph`]. Lexicon entities merge by their stable id; people by folded name
//! (a surname alone joins the one full name it fits, a longer form of the same
//! name joins when nothing contradicts it, spelling variants such as ترامب/ترمب
//! merge through [`skeleton`](crate::text::fold::skeleton)); meetings by compatible date, place and sides.

mod meetings;
mod people;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::extract::{DocFacts, Ref};
use crate::model::{Edge, EdgeType, Evidence, Graph, GraphHeader, Node, NodeType, Span};

fn ev(doc: &str, s: Span) -> Evidence {
    Evidence {
        doc: doc.to_string(),
        start: s.start,
        end: s.end,
    }
}

/// Merges the facts of many documents into one graph.
///
/// ```
/// use wasit::extract::extract;
/// use wasit::graph::build;
/// use wasit::lexicon::Lexicon;
/// use wasit::model::{Document, GraphHeader};
/// let a = Document::new("a.txt", "قال وزير الخارجية القطري خالد بن سالم آل فهيد إن المحادثات بناءة.");
/// let b = Document::new("b.txt", "وأكد آل فهيد أن الدوحة مستمرة في جهودها.");
/// let facts: Vec<_> = [&a, &b].iter().map(|d| extract(d, Lexicon::embedded())).collect();
/// let g = build(&facts, GraphHeader::default());
/// assert!(g.node("state:QA").is_some());
/// ```
pub fn build<F: std::borrow::Borrow<DocFacts>>(facts: &[F], header: GraphHeader) -> Graph {
    build_capped(facts, header, None)
}

/// [`build`], keeping at most `max_evidence` evidence entries per node and edge
/// (the smallest by document and span: [`Graph::set_max_evidence`]).
pub fn build_capped<F: std::borrow::Borrow<DocFacts>>(
    facts: &[F],
    header: GraphHeader,
    max_evidence: Option<usize>,
) -> Graph {
    let facts: Vec<&DocFacts> = facts.iter().map(|f| f.borrow()).collect();
    let facts = facts.as_slice();
    let mut g = Graph::default();
    g.set_max_evidence(max_evidence);
    g.header = header;
    // People: one global id per person across documents.
    let person_ids = people::resolve(facts);
    // Which lexicon entities are needed by an edge (weak ones become nodes only then).
    let mut needed: BTreeSet<String> = BTreeSet::new();
    let id_of = |d: usize, r: &Ref| -> String {
        match r {
            Ref::Id(id) => id.clone(),
            Ref::Person(p) => person_ids.get(&(d, *p)).cloned().unwrap_or_default(),
        }
    };
    for (d, f) in facts.iter().enumerate() {
        for r in &f.relations {
            needed.insert(id_of(d, &r.source));
            needed.insert(id_of(d, &r.target));
        }
        for m in &f.meetings {
            for r in m
                .places
                .iter()
                .chain(&m.parties)
                .chain(&m.mediators)
                .chain(&m.hosts)
            {
                needed.insert(id_of(d, r));
            }
        }
        for c in &f.claims {
            for r in c.speakers.iter().chain(c.outlet.iter()) {
                needed.insert(id_of(d, r));
            }
        }
    }
    for f in facts {
        for e in &f.entities {
            if e.weak && !needed.contains(&e.id) {
                continue;
            }
            let mut n = Node::new(&e.id, e.node_type, &e.label);
            n.aliases = e.aliases.clone();
            if !e.name_en.is_empty() {
                n.attrs
                    .insert("name_en".into(), Value::String(e.name_en.clone()));
            }
            n.evidence = e.spans.iter().map(|s| ev(&f.doc, *s)).collect();
            g.add_node(n);
        }
    }
    for (d, f) in facts.iter().enumerate() {
        for (p, person) in f.persons.iter().enumerate() {
            let Some(id) = person_ids.get(&(d, p)) else {
                continue;
            };
            let label = if person.anonymous {
                person.description.clone()
            } else {
                person.name.clone()
            };
            let mut n = Node::new(id.clone(), NodeType::Person, label);
            n.aliases = person.aliases.clone();
            if person.anonymous {
                n.attrs.insert("anonymous".into(), Value::Bool(true));
            }
            for (key, value) in [("name_en", &person.name_en), ("wikidata", &person.wikidata)] {
                if !value.is_empty() {
                    n.attrs.insert(key.into(), Value::String(value.clone()));
                }
            }
            n.evidence = person.spans.iter().map(|s| ev(&f.doc, *s)).collect();
            g.add_node(n);
        }
    }
    // Keep the longest name as the label of a merged person.
    let relabel: Vec<(String, String)> = g
        .nodes()
        .filter(|n| n.node_type == NodeType::Person && !n.attrs.contains_key("anonymous"))
        .filter_map(|n| {
            // A public figure takes only a fuller form of its name (بدر بن حمود
            // البوسعيدي of بدر البوسعيدي), never a name that ran on into the text.
            let figure = n.attrs.contains_key("name_en");
            let best = n
                .aliases
                .iter()
                .filter(|a| !figure || crate::text::fuller_form(a, &n.label))
                .max_by_key(|a| a.chars().count())?;
            (best.chars().count() > n.label.chars().count()).then(|| (n.id.clone(), best.clone()))
        })
        .collect();
    for (id, best) in relabel {
        if let Some(n) = g.node_mut(&id) {
            let old = std::mem::replace(&mut n.label, best.clone());
            n.aliases.retain(|a| *a != best);
            n.aliases.push(old);
        }
    }
    for (d, f) in facts.iter().enumerate() {
        for r in &f.relations {
            let mut e = Edge::new(id_of(d, &r.source), r.edge_type, id_of(d, &r.target));
            e.attrs = r.attrs.clone();
            e.evidence.push(ev(&f.doc, r.span));
            g.add_edge(e);
        }
    }
    propagate_allies(&mut g, facts, &id_of);
    let meeting_ids = meetings::add(&mut g, facts, &id_of);
    sides_from_delegates(&mut g);
    add_claims(&mut g, facts, &id_of, &meeting_ids);
    g.canonicalize();
    g
}

fn add_claims(
    g: &mut Graph,
    facts: &[&DocFacts],
    id_of: &dyn Fn(usize, &Ref) -> String,
    meeting_ids: &HashMap<(String, usize), String>,
) {
    for (d, f) in facts.iter().enumerate() {
        for c in &f.claims {
            let id = format!("claim:{}:{}", f.doc, c.span.start);
            let label: String = c.text.chars().take(60).collect();
            let mut n = Node::new(&id, NodeType::Claim, label);
            let mut attrs: BTreeMap<String, Value> = BTreeMap::new();
            attrs.insert("text".into(), Value::String(c.text.clone()));
            if !c.cue.is_empty() {
                attrs.insert("cue".into(), Value::String(c.cue.clone()));
            }
            if let Some(m) = &c.medium {
                attrs.insert("medium".into(), Value::String(m.clone()));
            }
            if let Some(date) = &c.date {
                attrs.insert("date".into(), Value::String(date.clone()));
            }
            n.attrs = attrs;
            n.evidence.push(ev(&f.doc, c.span));
            g.add_node(n);
            for s in &c.speakers {
                let mut e = Edge::new(id_of(d, s), EdgeType::Said, &id);
                e.evidence.push(ev(&f.doc, c.span));
                g.add_edge(e);
            }
            if let Some(o) = &c.outlet {
                let mut e = Edge::new(&id, EdgeType::ReportedBy, id_of(d, o));
                e.evidence.push(ev(&f.doc, c.span));
                g.add_edge(e);
            }
            if let Some(m) = c
                .about
                .and_then(|m| meeting_ids.get(&(f.doc.clone(), m)))
                .cloned()
            {
                g.add_edge(Edge::new(&id, EdgeType::About, m));
            }
        }
    }
}

/// The state a node serves: its own id for a state, the state an organization is
/// part of, or the state of a person's affiliation (directly or through an
/// organization).
fn state_of(g: &Graph, id: &str) -> Option<String> {
    let node = g.node(id)?;
    match node.node_type {
        NodeType::State => Some(id.to_string()),
        NodeType::Organization => g
            .out_edges(id)
            .find(|e| e.edge_type == EdgeType::PartOf)
            .map(|e| e.target.clone()),
        NodeType::Person => g
            .out_edges(id)
            .filter(|e| e.edge_type == EdgeType::AffiliatedWith)
            .find_map(|e| match g.node(&e.target).map(|n| n.node_type) {
                Some(NodeType::State) => Some(e.target.clone()),
                Some(NodeType::Organization) => state_of(g, &e.target),
                _ => None,
            }),
        _ => None,
    }
}

/// Talks whose sides the text does not name (وشارك فيها شتيرن وأبو صالح) take them
/// from their delegates: the state or movement each one serves, go-betweens aside.
fn sides_from_delegates(g: &mut Graph) {
    let meetings: Vec<String> = g
        .nodes()
        .filter(|n| n.node_type == NodeType::Meeting)
        .map(|n| n.id.clone())
        .collect();
    let mut side_of: HashMap<String, Option<String>> = HashMap::new();
    for m in meetings {
        let parties: Vec<String> = g
            .in_edges(&m)
            .filter(|e| e.edge_type == EdgeType::PartyTo)
            .map(|e| e.source.clone())
            .collect();
        if parties.len() >= 2 {
            continue;
        }
        // A host stands between the sides only in talks with a go-between (Oman
        // hosting the US and Iran); a host receiving a visitor is a side.
        let mediated = g.in_edges(&m).any(|e| e.edge_type == EdgeType::Mediates)
            || g.node(&m).and_then(|n| n.attr_str("format")) == Some("indirect");
        let go_betweens: Vec<String> = g
            .in_edges(&m)
            .filter(|e| {
                e.edge_type == EdgeType::Mediates || (mediated && e.edge_type == EdgeType::Hosts)
            })
            .map(|e| e.source.clone())
            .collect();
        let delegates: Vec<(String, Vec<Evidence>)> = g
            .in_edges(&m)
            .filter(|e| e.edge_type == EdgeType::ParticipatesIn)
            .map(|e| (e.source.clone(), e.evidence.clone()))
            .collect();
        let mut sides: Vec<(String, Vec<Evidence>)> = Vec::new();
        for (p, ev) in delegates {
            // A go-between at the table (a UN envoy) speaks for no side.
            if go_betweens.contains(&p) {
                continue;
            }
            // A delegate's side is the same in every meeting: computed once (issue 14:
            // a person in thousands of talks made this quadratic).
            let side = side_of
                .entry(p.clone())
                .or_insert_with(|| delegate_side(g, &p))
                .clone();
            if let Some(side) = side {
                if !go_betweens.contains(&side) && !sides.iter().any(|(s, _)| *s == side) {
                    sides.push((side, ev));
                }
            }
        }
        let known: Vec<String> = parties.clone();
        let new: Vec<(String, Vec<Evidence>)> = sides
            .into_iter()
            .filter(|(s, _)| !known.contains(s))
            .collect();
        if known.len() + new.len() >= 2 {
            for (side, ev) in new {
                let mut e = Edge::new(side, EdgeType::PartyTo, m.clone());
                e.evidence = ev;
                g.add_edge(e);
            }
        }
    }
}

/// The side a delegate speaks for: a state post the text gives (رئيس مجلس النواب،
/// نبيه بري) speaks for the state; else a movement the person belongs to (no state
/// above it); else the person's state.
fn delegate_side(g: &Graph, p: &str) -> Option<String> {
    let affiliations = || {
        g.out_edges(p)
            .filter(|e| e.edge_type == EdgeType::AffiliatedWith)
    };
    let post = affiliations().find_map(|e| {
        let state = g
            .node(&e.target)
            .is_some_and(|n| n.node_type == NodeType::State);
        (state && e.attr_str("role").is_some()).then(|| e.target.clone())
    });
    let movement = || {
        affiliations().find_map(|e| {
            let is_org = g
                .node(&e.target)
                .is_some_and(|n| n.node_type == NodeType::Organization);
            (is_org && state_of(g, &e.target).is_none()).then(|| e.target.clone())
        })
    };
    post.or_else(movement).or_else(|| state_of(g, p))
}

/// People on the same side (an envoy and the president who sent him, relatives):
/// one whose state is unknown takes the other's.
fn propagate_allies(g: &mut Graph, facts: &[&DocFacts], id_of: &dyn Fn(usize, &Ref) -> String) {
    let pairs: Vec<(String, String, Evidence)> = facts
        .iter()
        .enumerate()
        .flat_map(|(d, f)| {
            f.allies
                .iter()
                .map(move |(a, b, s)| (id_of(d, a), id_of(d, b), ev(&f.doc, *s)))
        })
        .collect();
    for _ in 0..2 {
        for (a, b, e) in &pairs {
            for (from, to) in [(a, b), (b, a)] {
                if state_of(g, to).is_some() {
                    continue;
                }
                if let Some(state) = state_of(g, from) {
                    let mut edge = Edge::new(to.clone(), EdgeType::AffiliatedWith, state);
                    edge.evidence.push(e.clone());
                    g.add_edge(edge);
                }
            }
        }
    }
}

/// Counts of nodes and edges by type, for the build summary.
pub fn summary(g: &Graph) -> (BTreeMap<&'static str, usize>, BTreeMap<&'static str, usize>) {
    let mut nodes = BTreeMap::new();
    for n in g.nodes() {
        *nodes.entry(n.node_type.as_str()).or_insert(0) += 1;
    }
    let mut edges = BTreeMap::new();
    for e in g.edges() {
        *edges.entry(e.edge_type.as_str()).or_insert(0) += 1;
    }
    (nodes, edges)
}
