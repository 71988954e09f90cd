//! Meetings across documents. The same talks reported by several articles are
//! one node: meetings merge when nothing contradicts (date, place, sides, round)
//! and something agrees (a compatible date or a shared place, and a shared side or
//! delegate). A meeting with no date joins dated talks only when exactly one such
//! talks fits.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::extract::{DocFacts, MeetingFact, Ref};
use crate::model::{Edge, EdgeType, Evidence, Graph, Node, NodeType};

struct Merged {
    /// The documents that report it: two meetings of one document never merge
    /// here (the document's own reading already told them apart).
    docs: std::collections::BTreeSet<String>,
    date: Option<String>,
    places: Vec<String>,
    parties: Vec<String>,
    participants: Vec<(String, String)>,
    mediators: Vec<String>,
    hosts: Vec<String>,
    status: Option<String>,
    format: Option<String>,
    round: Option<u32>,
    kind: String,
    evidence: Vec<Evidence>,
}

fn conflict(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    !a.bytes()
        .zip(b.bytes())
        .take(n)
        .all(|(x, y)| x == y || x == b'X' || y == b'X')
}

fn share(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// True when some id with this prefix is in both lists (no list is built).
fn share_prefixed(a: &[String], b: &[String], prefix: &str) -> bool {
    a.iter()
        .filter(|x| x.starts_with(prefix))
        .any(|x| b.contains(x))
}

fn any_prefixed(v: &[String], prefix: &str) -> bool {
    v.iter().any(|p| p.starts_with(prefix))
}

fn fits(m: &Merged, f: &Merged) -> Option<u32> {
    if f.docs.iter().any(|d| m.docs.contains(d)) {
        return None;
    }
    if any_prefixed(&m.places, "state:")
        && any_prefixed(&f.places, "state:")
        && !share_prefixed(&m.places, &f.places, "state:")
    {
        return None;
    }
    // Talks that run over several days are reported with different days by
    // different articles: days at most three apart agree when the city does too.
    let days_apart = |a: &str, b: &str| -> Option<i64> {
        use crate::extract::dates::{days_from_civil, parse_iso};
        let ((y1, m1, d1), (y2, m2, d2)) = (parse_iso(a)?, parse_iso(b)?);
        (m1 > 0 && d1 > 0 && m2 > 0 && d2 > 0)
            .then(|| (days_from_civil(y1, m1, d1) - days_from_civil(y2, m2, d2)).abs())
    };
    let same_city = share_prefixed(&m.places, &f.places, "place:");
    let dated = match (&m.date, &f.date) {
        (Some(a), Some(b)) if conflict(a, b) => {
            let both_sides = m.parties.iter().filter(|p| f.parties.contains(p)).count() >= 2;
            if !((same_city || both_sides) && days_apart(a, b).is_some_and(|d| d <= 3)) {
                return None;
            }
            true
        }
        (Some(a), Some(b)) => a.len().min(b.len()) >= 7,
        _ => false,
    };
    if any_prefixed(&m.places, "place:") && any_prefixed(&f.places, "place:") && !same_city {
        return None;
    }
    if m.parties.len() >= 2 && f.parties.len() >= 2 && !share(&m.parties, &f.parties) {
        return None;
    }
    if let (Some(a), Some(b)) = (m.round, f.round) {
        if a != b {
            return None;
        }
    }
    if (m.kind == "call") != (f.kind == "call") {
        return None;
    }
    let place = share(&m.places, &f.places);
    let people = m
        .participants
        .iter()
        .filter(|(p, _)| f.participants.iter().any(|(q, _)| q == p))
        .count();
    let sides = m.parties.iter().filter(|p| f.parties.contains(p)).count() + people;
    if !(dated || place) || sides == 0 {
        return None;
    }
    Some(2 * dated as u32 + 2 * place as u32 + sides as u32)
}

/// Where a meeting's date can agree with another's in [`fits`]: a date shorter
/// than `YYYY-MM` never does; otherwise by its month (days at most three apart
/// are in the same or a neighbouring month), or with any month when the month is
/// not two digits (`XXXX-XX…`, a malformed date).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Month {
    Never,
    Of(u8),
    Wild,
}

fn month_of(date: Option<&str>) -> Month {
    let Some(d) = date.map(str::as_bytes) else {
        return Month::Never;
    };
    if d.len() < 7 {
        return Month::Never;
    }
    match (d[4], d[5], d[6]) {
        (b'-', a @ b'0'..=b'9', b @ b'0'..=b'9') => match (a - b'0') * 10 + (b - b'0') {
            m @ 1..=12 => Month::Of(m),
            _ => Month::Wild,
        },
        _ => Month::Wild,
    }
}

/// The merged meetings indexed by what [`fits`] needs: it never accepts a pair
/// without a shared side (party or delegate), nor without a shared place or dates
/// that agree. So the candidates for a meeting are those sharing a (side, place)
/// pair or a (side, month) pair with it, a superset of the ones that fit, found
/// without testing every merged meeting (issue 14: that was quadratic).
#[derive(Default)]
struct Index {
    by_place: HashMap<(String, String), Vec<usize>>,
    by_month: HashMap<(String, u8), Vec<usize>>,
    /// Meetings whose month is [`Month::Wild`], by side.
    wild: HashMap<String, Vec<usize>>,
    /// Meetings with a date that may agree with some other (not [`Month::Never`]), by side.
    dated: HashMap<String, Vec<usize>>,
}

fn sides(m: &Merged) -> impl Iterator<Item = &String> {
    m.parties
        .iter()
        .chain(m.participants.iter().map(|(p, _)| p))
}

impl Index {
    /// Records meeting `i` under every key of `m` (a key seen before is recorded
    /// again only when `before` lacks it, so re-indexing after a merge stays small).
    fn insert(&mut self, i: usize, m: &Merged, before: Option<&Merged>) {
        let month = month_of(m.date.as_deref());
        let old_month = before.map(|b| month_of(b.date.as_deref()));
        for s in sides(m) {
            let old_side = before.is_some_and(|b| sides(b).any(|x| x == s));
            for p in &m.places {
                if !(old_side && before.is_some_and(|b| b.places.contains(p))) {
                    self.by_place
                        .entry((s.clone(), p.clone()))
                        .or_default()
                        .push(i);
                }
            }
            if old_side && old_month == Some(month) {
                continue;
            }
            match month {
                Month::Never => continue,
                Month::Of(k) => self.by_month.entry((s.clone(), k)).or_default().push(i),
                Month::Wild => self.wild.entry(s.clone()).or_default().push(i),
            }
            self.dated.entry(s.clone()).or_default().push(i);
        }
    }

    /// Every merged meeting that may fit `m`, in ascending order, each once.
    fn candidates(&self, m: &Merged) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let month = month_of(m.date.as_deref());
        let mut key = (String::new(), String::new());
        for s in sides(m) {
            key.0.clone_from(s);
            for p in &m.places {
                key.1.clone_from(p);
                if let Some(v) = self.by_place.get(&key) {
                    out.extend_from_slice(v);
                }
            }
            match month {
                Month::Never => {}
                Month::Wild => {
                    if let Some(v) = self.dated.get(s) {
                        out.extend_from_slice(v);
                    }
                }
                Month::Of(k) => {
                    let prev = if k == 1 { 12 } else { k - 1 };
                    let next = if k == 12 { 1 } else { k + 1 };
                    for k in [prev, k, next] {
                        if let Some(v) = self.by_month.get(&(s.clone(), k)) {
                            out.extend_from_slice(v);
                        }
                    }
                    if let Some(v) = self.wild.get(s) {
                        out.extend_from_slice(v);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl Index {
    /// Up to two merged meetings that may fit `m` and pass `fit`, found without
    /// collecting every candidate: only "exactly one fits" matters to a meeting with
    /// no date, so the order does not, and a second fit ends the search (issue 14:
    /// undated talks sharing a side and a place made collecting them quadratic).
    fn two_fitting(&self, m: &Merged, mut fit: impl FnMut(usize) -> bool) -> Vec<usize> {
        debug_assert!(
            m.date.is_none(),
            "only undated meetings are looked up by places alone"
        );
        let mut seen: std::collections::HashSet<usize> = std::collections::HashSet::new();
        let mut found: Vec<usize> = Vec::new();
        let mut key = (String::new(), String::new());
        for s in sides(m) {
            key.0.clone_from(s);
            for p in &m.places {
                key.1.clone_from(p);
                for &i in self.by_place.get(&key).into_iter().flatten() {
                    if seen.insert(i) && fit(i) {
                        found.push(i);
                        if found.len() == 2 {
                            return found;
                        }
                    }
                }
            }
        }
        found
    }
}

fn absorb(m: &mut Merged, f: Merged) {
    match (&m.date, f.date) {
        (None, Some(d)) => m.date = Some(d),
        (Some(a), Some(d)) if d.len() > a.len() || (a.starts_with('X') && !d.starts_with('X')) => {
            m.date = Some(d)
        }
        _ => {}
    }
    let add = |v: &mut Vec<String>, w: Vec<String>| {
        for x in w {
            if !v.contains(&x) {
                v.push(x);
            }
        }
    };
    add(&mut m.places, f.places);
    add(&mut m.parties, f.parties);
    add(&mut m.mediators, f.mediators);
    add(&mut m.hosts, f.hosts);
    for (p, r) in f.participants {
        match m.participants.iter_mut().find(|(q, _)| *q == p) {
            Some(q) if r == "head of delegation" => q.1 = r,
            Some(_) => {}
            None => m.participants.push((p, r)),
        }
    }
    let rank = |s: &Option<String>| match s.as_deref() {
        Some("cancelled") => 4,
        Some("postponed") => 3,
        Some("held") => 2,
        Some(_) => 1,
        None => 0,
    };
    if rank(&f.status) > rank(&m.status) {
        m.status = f.status;
    }
    if m.format.is_none() || f.format.as_deref() == Some("indirect") {
        m.format = f.format.or(m.format.take());
    }
    m.round = m.round.or(f.round);
    m.evidence.extend(f.evidence);
    m.docs.extend(f.docs);
}

/// Absorbs `one` into merged meeting `i` and indexes what it brought.
fn merge_into(merged: &mut [Merged], index: &mut Index, i: usize, one: Merged) {
    let before = Merged {
        docs: Default::default(),
        date: merged[i].date.clone(),
        places: merged[i].places.clone(),
        parties: merged[i].parties.clone(),
        participants: merged[i].participants.clone(),
        mediators: Vec::new(),
        hosts: Vec::new(),
        status: None,
        format: None,
        round: None,
        kind: String::new(),
        evidence: Vec::new(),
    };
    absorb(&mut merged[i], one);
    index.insert(i, &merged[i], Some(&before));
}

fn kind_ar(kind: &str) -> &'static str {
    match kind {
        "summit" => "قمة",
        "call" => "اتصال",
        "visit" => "زيارة",
        "meeting" => "لقاء",
        "consultations" => "مشاورات",
        _ => "محادثات",
    }
}

/// Adds the meetings of all documents to the graph; returns the node id of each
/// document's meetings, keyed by (document id, meeting index).
pub fn add(
    g: &mut Graph,
    facts: &[&DocFacts],
    id_of: &dyn Fn(usize, &Ref) -> String,
) -> HashMap<(String, usize), String> {
    let mut merged: Vec<Merged> = Vec::new();
    let mut owner: Vec<((String, usize), usize)> = Vec::new();
    let mut undated: Vec<((String, usize), Merged)> = Vec::new();
    let mut index = Index::default();
    for (d, f) in facts.iter().enumerate() {
        for (k, m) in f.meetings.iter().enumerate() {
            let one = convert(d, &f.doc, m, id_of);
            let key = (f.doc.clone(), k);
            if one.date.is_none() {
                undated.push((key, one));
                continue;
            }
            let best = index
                .candidates(&one)
                .into_iter()
                .filter_map(|i| fits(&merged[i], &one).map(|s| (s, i)))
                .max();
            match best {
                Some((_, i)) => {
                    merge_into(&mut merged, &mut index, i, one);
                    owner.push((key, i));
                }
                None => {
                    index.insert(merged.len(), &one, None);
                    merged.push(one);
                    owner.push((key, merged.len() - 1));
                }
            }
        }
    }
    for (key, one) in undated {
        let fitting = index.two_fitting(&one, |i| fits(&merged[i], &one).is_some());
        if fitting.len() == 1 {
            merge_into(&mut merged, &mut index, fitting[0], one);
            owner.push((key, fitting[0]));
        } else {
            index.insert(merged.len(), &one, None);
            merged.push(one);
            owner.push((key, merged.len() - 1));
        }
    }
    let mut ids: Vec<String> = Vec::new();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for m in &merged {
        let place_label = m
            .places
            .iter()
            .find(|p| p.starts_with("place:"))
            .or(m.places.first())
            .and_then(|p| g.node(p).map(|n| n.label.clone()));
        let place_key = m
            .places
            .iter()
            .find(|p| p.starts_with("place:"))
            .or(m.places.first())
            .map(|p| p.split(':').nth(1).unwrap_or("").to_string());
        let base = format!(
            "meeting:{}:{}",
            m.date.clone().unwrap_or_else(|| "undated".into()),
            place_key.unwrap_or_else(|| m
                .parties
                .iter()
                .map(|p| p.split(':').nth(1).unwrap_or("").to_string())
                .collect::<Vec<_>>()
                .join("-"))
        );
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}:{n}") };
        let mut label = kind_ar(&m.kind).to_string();
        if let Some(p) = &place_label {
            label.push(' ');
            label.push_str(p);
        }
        if let Some(d) = &m.date {
            label.push(' ');
            label.push_str(d);
        }
        let mut node = Node::new(&id, NodeType::Meeting, label);
        let mut attrs = BTreeMap::new();
        if let Some(d) = &m.date {
            attrs.insert("date".to_string(), Value::String(d.clone()));
        }
        if let Some(p) = &place_label {
            attrs.insert("place".to_string(), Value::String(p.clone()));
        }
        if let Some(s) = &m.status {
            attrs.insert("status".to_string(), Value::String(s.clone()));
        }
        if let Some(s) = &m.format {
            attrs.insert("format".to_string(), Value::String(s.clone()));
        }
        if let Some(r) = m.round {
            attrs.insert("round".to_string(), Value::from(r));
        }
        attrs.insert("kind".to_string(), Value::String(m.kind.clone()));
        node.attrs = attrs;
        node.evidence = m.evidence.clone();
        g.add_node(node);
        let first_ev: Vec<Evidence> = m.evidence.iter().take(1).cloned().collect();
        let edge = |s: &str, t: EdgeType, o: &str| {
            let mut e = Edge::new(s, t, o);
            e.evidence = first_ev.clone();
            e
        };
        for p in &m.places {
            g.add_edge(edge(&id, EdgeType::HeldIn, p));
        }
        for p in &m.parties {
            g.add_edge(edge(p, EdgeType::PartyTo, &id));
        }
        for p in &m.mediators {
            g.add_edge(edge(p, EdgeType::Mediates, &id));
        }
        for p in &m.hosts {
            g.add_edge(edge(p, EdgeType::Hosts, &id));
        }
        for (p, role) in &m.participants {
            let mut e = edge(p, EdgeType::ParticipatesIn, &id);
            e.attrs.insert("role".into(), Value::String(role.clone()));
            g.add_edge(e);
        }
        ids.push(id);
    }
    owner
        .into_iter()
        .map(|(k, i)| (k, ids[i].clone()))
        .collect()
}

fn convert(d: usize, doc: &str, m: &MeetingFact, id_of: &dyn Fn(usize, &Ref) -> String) -> Merged {
    let ids = |v: &[Ref]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in v {
            let id = id_of(d, r);
            if !id.is_empty() && !out.contains(&id) {
                out.push(id);
            }
        }
        out
    };
    Merged {
        docs: std::iter::once(doc.to_string()).collect(),
        date: m.date.clone(),
        places: ids(&m.places),
        parties: ids(&m.parties),
        participants: m
            .participants
            .iter()
            .map(|(r, role)| (id_of(d, r), role.clone()))
            .filter(|(p, _)| !p.is_empty())
            .collect(),
        mediators: ids(&m.mediators),
        hosts: ids(&m.hosts),
        status: m.status.clone(),
        format: m.format.clone(),
        round: m.round,
        kind: m.kind.clone(),
        evidence: m
            .spans
            .iter()
            .map(|s| Evidence {
                doc: doc.to_string(),
                start: s.start,
                end: s.end,
            })
            .collect(),
    }
}
