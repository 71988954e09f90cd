//! Export stage: RDF, as Turtle or N-Triples, over published vocabularies.
//!
//! - Types from schema.org: person `schema:Person`, state `schema:Country`,
//!   organization `schema:Organization`, place `schema:Place`, meeting
//!   `schema:Event`, claim `schema:Claim`.
//! - Names: the label as `rdfs:label` and `schema:name` in Arabic (`"…"@ar`), aliases
//!   as `schema:alternateName`, `name_en` as `schema:name "…"@en`; a meeting's `date`
//!   as `schema:startDate` (`xsd:date`, `xsd:gYearMonth`, `xsd:gYear`, or
//!   `xsd:gMonthDay` for `XXXX-05-08`), a claim's `text` as `schema:text`.
//! - Edges as `wasit:` predicates ([`VOCAB`]): `wasit:mediates`, `wasit:partyTo`, ….
//!   An edge with attributes or evidence is also described by an `rdf:Statement`
//!   (named `<…/edge/source/type/target>`, so loading twice adds nothing) carrying
//!   them.
//! - Evidence with PROV-O: `prov:wasDerivedFrom <…/doc/a.txt#bytes=1204,1231>`, an
//!   excerpt of the document `<…/doc/a.txt>` with its byte offsets
//!   (`wasit:startByte`, `wasit:endByte`).
//! - Other attributes: `wasit:<name>` with a typed literal; Arabic text is tagged `@ar`.
//!
//! Node IRIs are [`BASE`]`id/` followed by the stable id of graph.json,
//! percent-encoding what an IRI cannot hold.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::Value;

use super::format::identifier;
use crate::model::{EdgeType, Evidence, Graph, NodeType};

/// The base of the IRIs minted for nodes (`id/`), edges (`edge/`) and documents
/// (`doc/`). `.invalid` is reserved (RFC 2606): these IRIs name, they do not resolve.
pub const BASE: &str = "https://wasit.invalid/";
/// The `wasit:` vocabulary: edge predicates and the few terms schema.org lacks.
pub const VOCAB: &str = "https://wasit.invalid/ns#";

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const SCHEMA: &str = "https://schema.org/";
const PROV: &str = "http://www.w3.org/ns/prov#";

/// Prefixes of the Turtle form, in the order written.
const PREFIXES: [(&str, &str); 6] = [
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("wasit", VOCAB),
];

/// An RDF term.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Term {
    /// An IRI, in full.
    Iri(String),
    /// A literal: lexical form, then a language tag or a datatype IRI (none: xsd:string).
    Literal(String, Option<String>, Option<String>),
}

impl Term {
    fn iri(base: &str, local: &str) -> Term {
        Term::Iri(format!("{base}{local}"))
    }
    fn string(s: &str) -> Term {
        Term::Literal(s.to_string(), None, None)
    }
    fn lang(s: &str, lang: &str) -> Term {
        Term::Literal(s.to_string(), Some(lang.to_string()), None)
    }
    fn typed(s: impl Into<String>, datatype: &str) -> Term {
        Term::Literal(s.into(), None, Some(format!("{XSD}{datatype}")))
    }
    /// Text tagged `@ar` when it holds Arabic letters, plain otherwise.
    fn text(s: &str) -> Term {
        if s.chars().any(is_arabic) {
            Term::lang(s, "ar")
        } else {
            Term::string(s)
        }
    }
}

type Triple = (Term, Term, Term);

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The schema.org class of a node type.
///
/// ```
/// use wasit::export::rdf::class_iri;
/// use wasit::model::NodeType;
/// assert_eq!(class_iri(NodeType::Meeting), "https://schema.org/Event");
/// ```
pub fn class_iri(t: NodeType) -> String {
    let local = match t {
        NodeType::Person => "Person",
        NodeType::State => "Country",
        NodeType::Organization => "Organization",
        NodeType::Place => "Place",
        NodeType::Meeting => "Event",
        NodeType::Claim => "Claim",
    };
    format!("{SCHEMA}{local}")
}

/// The `wasit:` predicate of an edge type: `affiliated_with` → `wasit:affiliatedWith`.
///
/// ```
/// use wasit::export::rdf::predicate_iri;
/// use wasit::model::EdgeType;
/// assert_eq!(predicate_iri(EdgeType::PartyTo), "https://wasit.invalid/ns#partyTo");
/// ```
pub fn predicate_iri(t: EdgeType) -> String {
    let mut local = String::new();
    let mut upper = false;
    for c in t.as_str().chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            local.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            local.push(c);
        }
    }
    format!("{VOCAB}{local}")
}

/// The IRI of a node id.
///
/// ```
/// use wasit::export::rdf::node_iri;
/// assert_eq!(node_iri("person:عباس_عراقجي"), "https://wasit.invalid/id/person:عباس_عراقجي");
/// assert_eq!(node_iri("place:a b/c"), "https://wasit.invalid/id/place:a%20b%2Fc");
/// ```
pub fn node_iri(id: &str) -> String {
    format!("{BASE}id/{}", encode(id, false))
}

fn doc_iri(doc: &str) -> String {
    format!("{BASE}doc/{}", encode(doc, true))
}

/// Percent-encodes what an IRI path segment cannot hold: every ASCII character but
/// letters, digits and `-._~:@!$&'()*+,;=` (and `/` when `keep_slash`), and
/// non-ASCII characters outside RFC 3987's `ucschar`. Arabic stays as it is.
fn encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let keep = if c.is_ascii() {
            c.is_ascii_alphanumeric() || "-._~:@!$&'()*+,;=".contains(c) || (keep_slash && c == '/')
        } else {
            is_ucschar(c)
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn is_ucschar(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
        || (0x10000..=0xEFFFD).contains(&u) && (u & 0xFFFF) < 0xFFFE
}

/// A date as a typed literal when it is one: `2026-02-06` (`xsd:date`), `2024-05`
/// (`xsd:gYearMonth`), `2025` (`xsd:gYear`), `XXXX-05-08` (`xsd:gMonthDay`).
fn date_term(s: &str) -> Term {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let month =
        |t: &str| digits(t) && t.len() == 2 && (1..=12).contains(&t.parse::<u32>().unwrap_or(0));
    let day =
        |t: &str| digits(t) && t.len() == 2 && (1..=31).contains(&t.parse::<u32>().unwrap_or(0));
    let year = |t: &str| digits(t) && t.len() == 4;
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if year(y) && month(m) && day(d) => Term::typed(s, "date"),
        ["XXXX", m, d] if month(m) && day(d) => Term::typed(format!("--{m}-{d}"), "gMonthDay"),
        [y, m] if year(y) && month(m) => Term::typed(s, "gYearMonth"),
        [y] if year(y) => Term::typed(s, "gYear"),
        _ => Term::string(s),
    }
}

/// The literals of an attribute value: one per list item; objects as JSON text.
fn value_terms(value: &Value) -> Vec<Term> {
    match value {
        Value::Null => Vec::new(),
        Value::Bool(b) => vec![Term::typed(b.to_string(), "boolean")],
        Value::Number(n) if n.is_i64() || n.is_u64() => vec![Term::typed(n.to_string(), "integer")],
        Value::Number(n) => vec![Term::typed(
            format!("{:E}", n.as_f64().unwrap_or_default()),
            "double",
        )],
        Value::String(s) => vec![Term::text(s)],
        Value::Array(items) => items
            .iter()
            .flat_map(|v| match v {
                Value::Array(_) | Value::Object(_) => vec![Term::string(&v.to_string())],
                other => value_terms(other),
            })
            .collect(),
        Value::Object(_) => vec![Term::string(&value.to_string())],
    }
}

/// Every triple of the graph, grouped by subject.
fn triples(graph: &Graph) -> Vec<Triple> {
    let a = Term::iri(RDF, "type");
    let mut out: Vec<Triple> = Vec::new();
    let mut excerpts: BTreeSet<&Evidence> = BTreeSet::new();
    let mut predicates: BTreeSet<EdgeType> = BTreeSet::new();
    let mut attr_predicates: BTreeSet<String> = BTreeSet::new();

    for node in graph.nodes() {
        let s = Term::Iri(node_iri(&node.id));
        out.push((s.clone(), a.clone(), Term::Iri(class_iri(node.node_type))));
        out.push((
            s.clone(),
            Term::iri(RDFS, "label"),
            Term::lang(&node.label, "ar"),
        ));
        out.push((
            s.clone(),
            Term::iri(SCHEMA, "name"),
            Term::lang(&node.label, "ar"),
        ));
        if let Some(en) = node.name_en() {
            out.push((s.clone(), Term::iri(SCHEMA, "name"), Term::lang(en, "en")));
        }
        for (key, value) in &node.attrs {
            match (key.as_str(), value) {
                ("name_en", Value::String(_)) => {}
                ("date", Value::String(d)) if node.node_type == NodeType::Meeting => {
                    out.push((s.clone(), Term::iri(SCHEMA, "startDate"), date_term(d)))
                }
                ("text", Value::String(t)) if node.node_type == NodeType::Claim => {
                    out.push((s.clone(), Term::iri(SCHEMA, "text"), Term::text(t)))
                }
                _ => {
                    let p = identifier(key);
                    for o in value_terms(value) {
                        out.push((s.clone(), Term::iri(VOCAB, &p), o));
                    }
                    attr_predicates.insert(p);
                }
            }
        }
        for alias in &node.aliases {
            out.push((
                s.clone(),
                Term::iri(SCHEMA, "alternateName"),
                Term::lang(alias, "ar"),
            ));
        }
        out.push((s.clone(), Term::iri(VOCAB, "id"), Term::string(&node.id)));
        evidence_triples(&s, &node.evidence, &mut out);
        excerpts.extend(node.evidence.iter());
    }

    for edge in graph.edges() {
        let (s, o) = (
            Term::Iri(node_iri(&edge.source)),
            Term::Iri(node_iri(&edge.target)),
        );
        let p = Term::Iri(predicate_iri(edge.edge_type));
        predicates.insert(edge.edge_type);
        out.push((s.clone(), p.clone(), o.clone()));
        if edge.attrs.is_empty() && edge.evidence.is_empty() {
            continue;
        }
        let st = Term::Iri(format!(
            "{BASE}edge/{}/{}/{}",
            encode(&edge.source, false),
            edge.edge_type.as_str(),
            encode(&edge.target, false)
        ));
        out.push((st.clone(), a.clone(), Term::iri(RDF, "Statement")));
        out.push((st.clone(), Term::iri(RDF, "subject"), s));
        out.push((st.clone(), Term::iri(RDF, "predicate"), p));
        out.push((st.clone(), Term::iri(RDF, "object"), o));
        for (key, value) in &edge.attrs {
            let p = identifier(key);
            for o in value_terms(value) {
                out.push((st.clone(), Term::iri(VOCAB, &p), o));
            }
            attr_predicates.insert(p);
        }
        evidence_triples(&st, &edge.evidence, &mut out);
        excerpts.extend(edge.evidence.iter());
    }

    let mut docs: BTreeSet<&str> = BTreeSet::new();
    for ev in &excerpts {
        let x = Term::Iri(excerpt_iri(ev));
        out.push((x.clone(), a.clone(), Term::iri(PROV, "Entity")));
        out.push((
            x.clone(),
            Term::iri(VOCAB, "document"),
            Term::Iri(doc_iri(&ev.doc)),
        ));
        out.push((
            x.clone(),
            Term::iri(VOCAB, "startByte"),
            Term::typed(ev.start.to_string(), "integer"),
        ));
        out.push((
            x,
            Term::iri(VOCAB, "endByte"),
            Term::typed(ev.end.to_string(), "integer"),
        ));
        docs.insert(&ev.doc);
    }
    for doc in docs {
        let d = Term::Iri(doc_iri(doc));
        out.push((d.clone(), a.clone(), Term::iri(PROV, "Entity")));
        out.push((d, Term::iri(VOCAB, "docId"), Term::string(doc)));
    }

    // The wasit: terms used, declared with an English label.
    let prop = Term::iri(RDF, "Property");
    for t in predicates {
        let p = Term::Iri(predicate_iri(t));
        out.push((p.clone(), a.clone(), prop.clone()));
        out.push((
            p,
            Term::iri(RDFS, "label"),
            Term::lang(&t.as_str().replace('_', " "), "en"),
        ));
    }
    let fixed = ["id", "document", "startByte", "endByte", "docId"];
    for local in attr_predicates.iter().map(String::as_str).chain(fixed) {
        out.push((Term::iri(VOCAB, local), a.clone(), prop.clone()));
    }
    out
}

fn evidence_triples(subject: &Term, evidence: &[Evidence], out: &mut Vec<Triple>) {
    for ev in evidence {
        out.push((
            subject.clone(),
            Term::iri(PROV, "wasDerivedFrom"),
            Term::Iri(excerpt_iri(ev)),
        ));
    }
}

fn excerpt_iri(ev: &Evidence) -> String {
    format!("{}#bytes={},{}", doc_iri(&ev.doc), ev.start, ev.end)
}

/// Writes the graph as N-Triples: one triple per line, full IRIs.
///
/// ```
/// use wasit::export::rdf::write_ntriples;
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// let mut out = Vec::new();
/// write_ntriples(&g, &mut out).unwrap();
/// let nt = String::from_utf8(out).unwrap();
/// assert!(nt.contains("<https://wasit.invalid/id/state:OM> <http://www.w3.org/2000/01/rdf-schema#label> \"عمان\"@ar .\n"));
/// ```
pub fn write_ntriples<W: Write>(graph: &Graph, w: &mut W) -> io::Result<()> {
    let mut line = String::new();
    for (s, p, o) in triples(graph) {
        line.clear();
        for t in [&s, &p, &o] {
            term(&mut line, t, false);
            line.push(' ');
        }
        line.push_str(".\n");
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Writes the graph as Turtle: prefixes, then one block per subject.
///
/// ```
/// use wasit::export::rdf::write_turtle;
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// let mut n = Node::new("state:QA", NodeType::State, "قطر");
/// n.attrs.insert("name_en".into(), "Qatar".into());
/// g.add_node(n);
/// let mut out = Vec::new();
/// write_turtle(&g, &mut out).unwrap();
/// let ttl = String::from_utf8(out).unwrap();
/// assert!(ttl.contains("<https://wasit.invalid/id/state:QA> a schema:Country ;\n"));
/// assert!(ttl.contains("    schema:name \"قطر\"@ar, \"Qatar\"@en ;\n"));
/// ```
pub fn write_turtle<W: Write>(graph: &Graph, w: &mut W) -> io::Result<()> {
    for (prefix, iri) in PREFIXES {
        writeln!(w, "@prefix {prefix}: <{iri}> .")?;
    }
    let triples = triples(graph);
    let mut buf = String::new();
    let mut i = 0;
    while i < triples.len() {
        let subject = &triples[i].0;
        buf.clear();
        buf.push('\n');
        term(&mut buf, subject, true);
        let mut first_pred = true;
        while i < triples.len() && &triples[i].0 == subject {
            let pred = &triples[i].1;
            buf.push_str(if first_pred { " " } else { " ;\n    " });
            first_pred = false;
            if *pred == Term::iri(RDF, "type") {
                buf.push('a');
            } else {
                term(&mut buf, pred, true);
            }
            let mut first_obj = true;
            while i < triples.len() && &triples[i].0 == subject && &triples[i].1 == pred {
                buf.push_str(if first_obj { " " } else { ", " });
                first_obj = false;
                term(&mut buf, &triples[i].2, true);
                i += 1;
            }
        }
        buf.push_str(" .\n");
        w.write_all(buf.as_bytes())?;
    }
    Ok(())
}

/// Appends a term: prefixed names in Turtle where the local part is plain.
fn term(out: &mut String, t: &Term, turtle: bool) {
    match t {
        Term::Iri(iri) => iri_term(out, iri, turtle),
        Term::Literal(value, lang, datatype) => {
            out.push('"');
            escape_literal(out, value);
            out.push('"');
            if let Some(lang) = lang {
                out.push('@');
                out.push_str(lang);
            } else if let Some(dt) = datatype {
                out.push_str("^^");
                iri_term(out, dt, turtle);
            }
        }
    }
}

fn iri_term(out: &mut String, iri: &str, turtle: bool) {
    if turtle {
        for (prefix, ns) in PREFIXES {
            if let Some(local) = iri.strip_prefix(ns) {
                let plain = local.starts_with(|c: char| c.is_ascii_alphabetic())
                    && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if plain {
                    out.push_str(prefix);
                    out.push(':');
                    out.push_str(local);
                    return;
                }
            }
        }
    }
    // IRIs are built percent-encoded: nothing in them needs an escape.
    out.push('<');
    out.push_str(iri);
    out.push('>');
}

/// Escapes a literal for Turtle and N-Triples (`\"`, `\\`, `\n`, `\r`, `\t`, and
/// other control characters as `\uXXXX`); everything else is written as it is.
fn escape_literal(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node};
    use serde_json::json;

    fn sample() -> Graph {
        let mut g = Graph::default();
        let mut q = Node::new("state:QA", NodeType::State, "قطر");
        q.attrs.insert("name_en".into(), json!("Qatar"));
        g.add_node(q);
        let mut m = Node::new("meeting:1", NodeType::Meeting, "محادثات \"الدوحة\"");
        m.attrs.insert("date".into(), json!("XXXX-05-08"));
        m.attrs.insert("round".into(), json!(2));
        m.evidence.push(Evidence {
            doc: "dir/a b.txt".into(),
            start: 4,
            end: 20,
        });
        g.add_node(m);
        let mut e = Edge::new("state:QA", EdgeType::Mediates, "meeting:1");
        e.attrs.insert("role".into(), json!("وسيط"));
        e.evidence.push(Evidence {
            doc: "dir/a b.txt".into(),
            start: 4,
            end: 20,
        });
        g.add_edge(e);
        g
    }

    #[test]
    fn ntriples_lines() {
        let mut out = Vec::new();
        write_ntriples(&sample(), &mut out).unwrap();
        let nt = String::from_utf8(out).unwrap();
        let id = "<https://wasit.invalid/id/meeting:1>";
        assert!(nt.contains(&format!(
            "{id} <https://schema.org/name> \"محادثات \\\"الدوحة\\\"\"@ar .\n"
        )));
        assert!(nt.contains(&format!(
            "{id} <https://schema.org/startDate> \"--05-08\"^^<http://www.w3.org/2001/XMLSchema#gMonthDay> .\n"
        )));
        assert!(nt.contains(&format!(
            "{id} <https://wasit.invalid/ns#round> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
        )));
        assert!(nt.contains(&format!(
            "{id} <http://www.w3.org/ns/prov#wasDerivedFrom> <https://wasit.invalid/doc/dir/a%20b.txt#bytes=4,20> .\n"
        )));
        assert!(nt.contains("<https://wasit.invalid/id/state:QA> <https://wasit.invalid/ns#mediates> <https://wasit.invalid/id/meeting:1> .\n"));
        assert!(nt.contains("<https://wasit.invalid/edge/state:QA/mediates/meeting:1> <https://wasit.invalid/ns#role> \"وسيط\"@ar .\n"));
        assert!(nt.lines().all(|l| l.ends_with(" .")));
    }

    #[test]
    fn turtle_groups_by_subject() {
        let mut out = Vec::new();
        write_turtle(&sample(), &mut out).unwrap();
        let ttl = String::from_utf8(out).unwrap();
        assert!(ttl.starts_with("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"));
        assert!(ttl.contains(
            "<https://wasit.invalid/id/state:QA> a schema:Country ;\n    rdfs:label \"قطر\"@ar ;\n    schema:name \"قطر\"@ar, \"Qatar\"@en ;\n"
        ));
        assert!(ttl.contains("    schema:startDate \"--05-08\"^^xsd:gMonthDay ;\n"));
        assert!(ttl.contains("wasit:mediates a rdf:Property ;\n    rdfs:label \"mediates\"@en .\n"));
    }

    #[test]
    fn dates_and_iris() {
        assert_eq!(date_term("2026-02-06"), Term::typed("2026-02-06", "date"));
        assert_eq!(date_term("2024-05"), Term::typed("2024-05", "gYearMonth"));
        assert_eq!(date_term("2025"), Term::typed("2025", "gYear"));
        assert_eq!(date_term("2025-13"), Term::string("2025-13"));
        assert_eq!(date_term("قريبا"), Term::string("قريبا"));
        assert_eq!(
            encode("a<b>\"{}|^`\\ \u{85}", false),
            "a%3Cb%3E%22%7B%7D%7C%5E%60%5C%20%C2%85"
        );
        let mut s = String::new();
        escape_literal(&mut s, "a\u{1}b\\");
        assert_eq!(s, "a\\u0001b\\\\");
    }
}
