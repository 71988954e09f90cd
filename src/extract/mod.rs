//! Extraction: one document in, its facts out. A pipeline of stages, each
//! reading only what earlier stages produced:
//!
//! 1. [`analysis`]: folding, tokens, sentences, lexicon hits, boilerplate mask;
//! 2. [`entities`]: states, places and organizations from lexicon hits;
//! 3. [`names`]: people, found by their context (titles, given names, apposition,
//!    speech verbs) and then everywhere by the same name or surname, with their
//!    affiliations and kinship;
//! 4. [`dates`]: absolute and relative dates resolved against the document date;
//! 5. [`meetings`]: talks with date, place, sides, delegates, mediators, hosts;
//! 6. [`claims`]: attributed statements with speaker and outlet.
//!
//! The result, [`DocFacts`], refers to lexicon entities by their stable ids and
//! to the document's people by index; `graph` merges facts across documents.

pub mod analysis;
pub mod boilerplate;
pub mod claims;
pub mod dates;
pub mod entities;
pub mod meetings;
pub mod names;
pub mod pattern;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lexicon::Lexicon;
use crate::model::{Document, EdgeType, NodeType, Span};

pub use analysis::Analysis;

/// A reference to an entity from within one document's facts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ref {
    /// A lexicon entity by its stable id (`state:IR`, `org:reuters`, `place:muscat`).
    Id(String),
    /// The document's n-th person.
    Person(usize),
}

/// A lexicon entity seen in the document (state, organization, place).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityFact {
    /// Stable id.
    pub id: String,
    /// Node type.
    pub node_type: NodeType,
    /// Canonical label.
    pub label: String,
    /// English name.
    pub name_en: String,
    /// Surface forms seen.
    pub aliases: Vec<String>,
    /// Evidence spans.
    pub spans: Vec<Span>,
    /// True when the entity was only seen in a way that does not make it a node by
    /// itself (a nisba adjective): it becomes a node only if an edge needs it.
    pub weak: bool,
}

/// A person of the document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonFact {
    /// The fullest name seen.
    pub name: String,
    /// Other surface forms (surname alone, spelling variants).
    pub aliases: Vec<String>,
    /// Evidence spans.
    pub spans: Vec<Span>,
    /// An unnamed source (مصدر دبلوماسي).
    pub anonymous: bool,
    /// For anonymous sources: their description.
    pub description: String,
    /// The public figure this is (its id in the people base), when known.
    pub figure: String,
    /// Its index in the lexicon's people base.
    pub figure_index: Option<u32>,
    /// English name, from the people base.
    pub name_en: String,
    /// Wikidata QID, from the people base.
    pub wikidata: String,
}

/// A relation between two entities (affiliated_with, part_of, relative_of).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationFact {
    /// Source.
    pub source: Ref,
    /// Edge type.
    pub edge_type: EdgeType,
    /// Target.
    pub target: Ref,
    /// Attributes (`role`, `relation`).
    pub attrs: BTreeMap<String, Value>,
    /// Evidence.
    pub span: Span,
}

/// Talks read in the document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingFact {
    /// ISO date, possibly partial or `XXXX-MM-DD`.
    pub date: Option<String>,
    /// talks, summit, call, visit, meeting, consultations.
    pub kind: String,
    /// Where: a place or a state id.
    pub places: Vec<Ref>,
    /// Sides.
    pub parties: Vec<Ref>,
    /// Delegates, with their role.
    pub participants: Vec<(Ref, String)>,
    /// Go-betweens.
    pub mediators: Vec<Ref>,
    /// Hosts.
    pub hosts: Vec<Ref>,
    /// held, planned, postponed, cancelled.
    pub status: Option<String>,
    /// direct, indirect.
    pub format: Option<String>,
    /// Round number.
    pub round: Option<u32>,
    /// Evidence (the sentences that report it).
    pub spans: Vec<Span>,
    /// A mention of talks recalled in passing (not the article's own talks).
    pub recalled: bool,
}

/// An attributed statement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimFact {
    /// The words of the statement as the article gives them.
    pub text: String,
    /// Where they are.
    pub span: Span,
    /// Who said it.
    pub speakers: Vec<Ref>,
    /// The outlet that carried it, when it cites someone.
    pub outlet: Option<Ref>,
    /// The attributing words (قال، بحسب…).
    pub cue: String,
    /// statement, interview, post, briefing, report.
    pub medium: Option<String>,
    /// Date, when known.
    pub date: Option<String>,
    /// Index of the meeting it is about, if any.
    pub about: Option<usize>,
}

/// Everything extracted from one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFacts {
    /// The document id.
    pub doc: String,
    /// The document's date (ISO, possibly partial).
    pub date: Option<String>,
    /// Lexicon entities.
    pub entities: Vec<EntityFact>,
    /// People.
    pub persons: Vec<PersonFact>,
    /// Relations.
    pub relations: Vec<RelationFact>,
    /// Pairs of people on the same side (see `names::People::allies`).
    pub allies: Vec<(Ref, Ref, Span)>,
    /// Meetings.
    pub meetings: Vec<MeetingFact>,
    /// Claims.
    pub claims: Vec<ClaimFact>,
}

/// Runs every stage on one document.
///
/// ```
/// use wasit::extract::extract;
/// use wasit::lexicon::Lexicon;
/// use wasit::model::Document;
/// let doc = Document::new("a.txt", "قال وزير الخارجية القطري خالد بن سالم آل فهيد إن المحادثات كانت بناءة.");
/// let facts = extract(&doc, Lexicon::embedded());
/// assert_eq!(facts.persons[0].name, "خالد بن سالم آل فهيد");
/// ```
pub fn extract(doc: &Document, lex: &Lexicon) -> DocFacts {
    let an = Analysis::new(doc, lex);
    let mut facts = DocFacts {
        doc: doc.id.clone(),
        date: an.doc_date.clone(),
        ..DocFacts::default()
    };
    let ents = entities::find(&an);
    let people = names::find(&an, &ents);
    let dates = dates::find(&an);
    let meetings = meetings::find(&an, &ents, &people, &dates);
    let claims = claims::find(&an, &ents, &people, &meetings);
    facts.entities = ents.facts(&an);
    facts.persons = people.persons.clone();
    facts.relations = people.relations.clone();
    facts.allies = people
        .allies
        .iter()
        .map(|&(a, b, s)| (Ref::Person(a), Ref::Person(b), s))
        .collect();
    facts.allies.extend(
        people
            .relations
            .iter()
            .filter(|r| r.edge_type == EdgeType::RelativeOf)
            .map(|r| (r.source.clone(), r.target.clone(), r.span)),
    );
    facts.relations.extend(ents.relations.iter().cloned());
    facts.meetings = meetings;
    facts.claims = claims.claims;
    facts.persons.extend(claims.anonymous);
    facts.entities.extend(claims.outlets);
    facts.relations.extend(claims.relations);
    add_targets(&mut facts, lex);
    facts.shrink_to_fit();
    facts
}

impl DocFacts {
    /// Gives back the spare capacity of every list: a corpus's facts are all held
    /// until the merge, and lists grown by doubling waste up to half (issue 14).
    pub fn shrink_to_fit(&mut self) {
        for e in &mut self.entities {
            e.aliases.shrink_to_fit();
            e.spans.shrink_to_fit();
        }
        for p in &mut self.persons {
            p.aliases.shrink_to_fit();
            p.spans.shrink_to_fit();
        }
        for m in &mut self.meetings {
            m.spans.shrink_to_fit();
            m.participants.shrink_to_fit();
        }
        for c in &mut self.claims {
            c.text.shrink_to_fit();
            c.speakers.shrink_to_fit();
        }
        self.entities.shrink_to_fit();
        self.persons.shrink_to_fit();
        self.relations.shrink_to_fit();
        self.allies.shrink_to_fit();
        self.meetings.shrink_to_fit();
        self.claims.shrink_to_fit();
    }
}

/// States and bodies that relations point to but the text never named (a public
/// figure's state as of the document's date): weak entities, nodes only for the edge.
fn add_targets(facts: &mut DocFacts, lex: &Lexicon) {
    let mut missing: Vec<(String, Span)> = Vec::new();
    for r in &facts.relations {
        let Ref::Id(id) = &r.target else { continue };
        if !facts.entities.iter().any(|e| &e.id == id) && !missing.iter().any(|(m, _)| m == id) {
            missing.push((id.clone(), r.span));
        }
    }
    for (id, span) in missing {
        let (node_type, label, name_en) = if let Some(code) = id.strip_prefix("state:") {
            let Some(s) = lex.state_by_code(code) else {
                continue;
            };
            let row = &lex.states[s as usize];
            (NodeType::State, row.names[0].clone(), row.name_en.clone())
        } else if let Some(slug) = id.strip_prefix("org:") {
            let Some(row) = lex.org_by_id(slug) else {
                continue;
            };
            let label = row
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| row.name_en.clone());
            (NodeType::Organization, label, row.name_en.clone())
        } else {
            continue;
        };
        facts.entities.push(EntityFact {
            id,
            node_type,
            label,
            name_en,
            aliases: Vec::new(),
            spans: vec![span],
            weak: true,
        });
    }
}
