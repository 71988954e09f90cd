//! Name resolution for the questions: a name typed by a user (any spelling, alias,
//! English name or node id) to the nodes it may mean, best first.
//!
//! Names compare through the folding of the text layer, as extraction does:
//! [`fold_key`] first, then with the article ال made optional, then through
//! [`skeleton`] for transliteration variants (ترمب and ترامب), then as a subset of
//! a longer name's words (كوشنر for جاريد كوشنر).

use std::cmp::Reverse;

use thiserror::Error;

use crate::model::{Graph, Node, NodeType};
use crate::text::fold::skeleton;
use crate::text::fold_key;

/// How well a name matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The node id itself (`state:IR`).
    Id,
    /// The folded label, an alias, the English name or the id's tail (`IR`).
    Exact,
    /// The same with the article ال optional on each word.
    NoArticle,
    /// The same skeleton: long vowels inside words dropped (ترمب = ترامب).
    Skeleton,
    /// Every word of the query is a word of the name (skeletons compared).
    Words,
}

/// A node a name may mean.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'g> {
    /// The node.
    pub node: &'g Node,
    /// How it matched.
    pub kind: MatchKind,
}

/// Why a name did not resolve.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ResolveError {
    /// No node has this name.
    #[error("no entity named «{0}» in the graph")]
    NotFound(String),
}

/// The names a node answers to: label, aliases, English name and the tail of its
/// id (`IR` of `state:IR`, `عباس_عراقجي` of `person:عباس_عراقجي`).
fn names(node: &Node) -> impl Iterator<Item = &str> + '_ {
    let tail = node.id.split_once(':').map(|(_, t)| t);
    std::iter::once(node.label.as_str())
        .chain(node.aliases.iter().map(String::as_str))
        .chain(node.name_en())
        .chain(tail)
        .filter(|s| !s.trim().is_empty())
}

/// A folded key with the article ال removed from the start of each word that keeps
/// at least three letters without it.
///
/// ```
/// use wasit::explore::resolve::strip_articles;
/// assert_eq!(strip_articles("بدر البوسعيدي"), "بدر بوسعيدي");
/// assert_eq!(strip_articles("الله"), "الله");
/// ```
pub fn strip_articles(key: &str) -> String {
    key.split(' ')
        .map(|w| match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 3 => rest,
            _ => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys of one name at each level: folded, without articles, skeleton.
struct Keys {
    exact: String,
    bare: String,
    skel: String,
}

impl Keys {
    fn of(name: &str) -> Keys {
        let exact = fold_key(name);
        let bare = strip_articles(&exact);
        let skel = skeleton(&bare);
        Keys { exact, bare, skel }
    }

    /// How a query's keys match these, if at all.
    fn matches(&self, q: &Keys, words_ok: bool) -> Option<MatchKind> {
        if self.exact.is_empty() || q.exact.is_empty() {
            return None;
        }
        if self.exact == q.exact {
            return Some(MatchKind::Exact);
        }
        if self.bare == q.bare {
            return Some(MatchKind::NoArticle);
        }
        if self.skel == q.skel {
            return Some(MatchKind::Skeleton);
        }
        if words_ok {
            let mine: Vec<&str> = self.skel.split(' ').collect();
            let all = q.skel.split(' ').all(|w| mine.contains(&w));
            // A one-letter word alone (و) is no name.
            if all && q.skel.chars().count() > 1 {
                return Some(MatchKind::Words);
            }
        }
        None
    }
}

/// Rank of a type when names tie: entities before meetings, claims last.
fn type_rank(t: NodeType) -> u8 {
    match t {
        NodeType::Person | NodeType::State | NodeType::Organization => 0,
        NodeType::Place => 1,
        NodeType::Meeting => 2,
        NodeType::Claim => 3,
    }
}

/// Every node `query` may mean, best first: by [`MatchKind`], then entities before
/// places, meetings and claims, then the most connected, then by id. Claims match
/// only by id or their whole text, never by some of its words.
///
/// ```
/// use wasit::explore::resolve::{resolve, MatchKind};
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("person:trump", NodeType::Person, "دونالد ترامب"));
/// g.add_node(Node::new("person:kushner", NodeType::Person, "جاريد كوشنر"));
/// let found = resolve(&g, "ترمب");
/// assert_eq!(found[0].node.id, "person:trump");
/// assert_eq!(found[0].kind, MatchKind::Words); // a word of the name, by skeleton
/// assert_eq!(resolve(&g, "دونالد ترمب")[0].kind, MatchKind::Skeleton);
/// assert!(resolve(&g, "بايدن").is_empty());
/// ```
pub fn resolve<'g>(graph: &'g Graph, query: &str) -> Vec<Candidate<'g>> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    if let Some(node) = graph.node(query) {
        return vec![Candidate {
            node,
            kind: MatchKind::Id,
        }];
    }
    if let Some(node) = english_state(query).and_then(|code| graph.node(&format!("state:{code}"))) {
        return vec![Candidate {
            node,
            kind: MatchKind::Exact,
        }];
    }
    let q = Keys::of(query);
    let mut found: Vec<Candidate<'g>> = graph
        .nodes()
        .filter_map(|node| {
            let words_ok = node.node_type != NodeType::Claim;
            let kind = names(node)
                .filter_map(|name| Keys::of(name).matches(&q, words_ok))
                .min()?;
            Some(Candidate { node, kind })
        })
        .collect();
    let degree = |n: &Node| graph.out_edges(&n.id).count() + graph.in_edges(&n.id).count();
    found.sort_by_cached_key(|c| {
        (
            c.kind,
            type_rank(c.node.node_type),
            Reverse(degree(c.node)),
            c.node.id.clone(),
        )
    });
    found
}

/// Short English names and ISO 3166 alpha-3 codes of states that their English
/// name (`name_en`) and their id (`state:US`) do not give.
const ENGLISH_STATES: &[(&str, &str)] = &[
    ("usa", "US"),
    ("us", "US"),
    ("america", "US"),
    ("united states of america", "US"),
    ("uk", "GB"),
    ("gbr", "GB"),
    ("britain", "GB"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("uae", "AE"),
    ("are", "AE"),
    ("emirates", "AE"),
    ("ksa", "SA"),
    ("sau", "SA"),
    ("saudi", "SA"),
    ("irn", "IR"),
    ("persia", "IR"),
    ("omn", "OM"),
    ("qat", "QA"),
    ("egy", "EG"),
    ("tur", "TR"),
    ("turkey", "TR"),
    ("rus", "RU"),
    ("russia", "RU"),
    ("chn", "CN"),
    ("fra", "FR"),
    ("deu", "DE"),
    ("isr", "IL"),
    ("pse", "PS"),
    ("syr", "SY"),
    ("syria", "SY"),
    ("lbn", "LB"),
    ("irq", "IQ"),
    ("jor", "JO"),
    ("kwt", "KW"),
    ("bhr", "BH"),
    ("yem", "YE"),
    ("sdn", "SD"),
    ("lby", "LY"),
    ("dza", "DZ"),
    ("mar", "MA"),
    ("tun", "TN"),
    ("ukr", "UA"),
    ("ita", "IT"),
    ("nor", "NO"),
    ("che", "CH"),
    ("switzerland", "CH"),
    ("pak", "PK"),
    ("afg", "AF"),
    ("ind", "IN"),
    ("jpn", "JP"),
    ("kor", "KR"),
    ("south korea", "KR"),
    ("prk", "KP"),
    ("north korea", "KP"),
    ("eth", "ET"),
    ("ven", "VE"),
    ("col", "CO"),
];

/// The ISO code of a state named by a short English name or alpha-3 code
/// (`USA`, `U.S.`, `UK`, `KSA`), case and dots ignored.
///
/// ```
/// use wasit::explore::resolve::english_state;
/// assert_eq!(english_state("U.S.A."), Some("US"));
/// assert_eq!(english_state("uk"), Some("GB"));
/// assert_eq!(english_state("Oman"), None);
/// ```
pub fn english_state(query: &str) -> Option<&'static str> {
    let key: String = query
        .trim()
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .to_lowercase();
    ENGLISH_STATES
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, code)| *code)
}

/// The best node `query` means; see [`resolve`].
///
/// ```
/// use wasit::explore::resolve::resolve_one;
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("person:albusaidi", NodeType::Person, "بدر البوسعيدي"));
/// assert_eq!(resolve_one(&g, "بوسعيدي").unwrap().id, "person:albusaidi");
/// assert!(resolve_one(&g, "عراقجي").is_err());
/// ```
pub fn resolve_one<'g>(graph: &'g Graph, query: &str) -> Result<&'g Node, ResolveError> {
    resolve(graph, query)
        .first()
        .map(|c| c.node)
        .ok_or_else(|| ResolveError::NotFound(query.trim().to_string()))
}

/// The other nodes that match `query` as well as the best one does (same kind and
/// type rank): worth naming when the answer may be the wrong one.
pub fn also_matching<'g>(graph: &'g Graph, query: &str) -> Vec<&'g Node> {
    let found = resolve(graph, query);
    let Some(best) = found.first().copied() else {
        return Vec::new();
    };
    found
        .iter()
        .skip(1)
        .filter(|c| {
            c.kind == best.kind && type_rank(c.node.node_type) == type_rank(best.node.node_type)
        })
        .map(|c| c.node)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> Graph {
        let mut g = Graph::default();
        let mut us = Node::new("state:US", NodeType::State, "الولايات المتحدة");
        us.aliases.push("واشنطن".into());
        us.attrs.insert("name_en".into(), "United States".into());
        g.add_node(us);
        g.add_node(Node::new("state:OM", NodeType::State, "سلطنة عمان"));
        g.add_node(Node::new("place:muscat", NodeType::Place, "مسقط"));
        g.add_node(Node::new(
            "meeting:muscat",
            NodeType::Meeting,
            "محادثات مسقط",
        ));
        g.add_node(Node::new("person:trump", NodeType::Person, "دونالد ترامب"));
        g.add_node(Node::new(
            "claim:1",
            NodeType::Claim,
            "قال ترامب إن المحادثات جيدة",
        ));
        g
    }

    macro_rules! t {
        ($name:ident, $query:expr, $id:expr, $kind:expr) => {
            #[test]
            fn $name() {
                let g = graph();
                let found = resolve(&g, $query);
                assert!(!found.is_empty(), "nothing for {}", $query);
                assert_eq!(found[0].node.id, $id);
                assert_eq!(found[0].kind, $kind);
            }
        };
    }

    t!(by_id, "state:US", "state:US", MatchKind::Id);
    t!(by_id_tail, "us", "state:US", MatchKind::Exact);
    t!(by_english, "united states", "state:US", MatchKind::Exact);
    t!(by_alias, "واشنطن", "state:US", MatchKind::Exact);
    t!(
        hamza_and_marks,
        "دونالد ترامبُ",
        "person:trump",
        MatchKind::Exact
    );
    t!(
        article_optional,
        "ولايات متحدة",
        "state:US",
        MatchKind::NoArticle
    );
    t!(
        transliteration,
        "دونالد ترمب",
        "person:trump",
        MatchKind::Skeleton
    );
    t!(one_word, "ترمب", "person:trump", MatchKind::Words);
    t!(
        place_before_meeting,
        "مسقط",
        "place:muscat",
        MatchKind::Exact
    );
    t!(word_of_state, "عمان", "state:OM", MatchKind::Words);

    #[test]
    fn claims_need_their_whole_text() {
        let g = graph();
        assert!(resolve(&g, "جيدة").is_empty());
        assert_eq!(
            resolve(&g, "قال ترامب إن المحادثات جيدة")[0].node.id,
            "claim:1"
        );
    }

    #[test]
    fn odd_queries_never_panic() {
        let g = graph();
        for q in ["", " ", "ال", "و", ":", "«»", "\u{200f}", "XXXX", "ﻻ"] {
            let _ = resolve(&g, q);
            let _ = also_matching(&g, q);
        }
        assert!(resolve_one(&g, "").is_err());
    }
}
