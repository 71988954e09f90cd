//! Gould–Fernandez brokerage roles of the mediation network.
//!
//! Reference: Roger V. Gould and Roberto M. Fernandez (1989), "Structures of
//! Mediation: A Formal Approach to Brokerage in Transaction Networks",
//! *Sociological Methodology* 19:89–126.
//!
//! A broker `b` stands in a two-path `a → b → c` where `a` has no tie of its own to
//! `c`. Given a partition of the actors into groups, the role depends on which of
//! the three share a group:
//!
//! | role | groups | the broker… |
//! |---|---|---|
//! | coordinator | a = b = c | mediates inside its own group |
//! | itinerant (consultant) | a = c ≠ b | an outsider mediating inside another group |
//! | representative | a = b ≠ c | carries its own group's word out |
//! | gatekeeper | b = c ≠ a | lets an outsider's word into its group |
//! | liaison | a, b, c all different | links two groups, belonging to neither |
//!
//! The network here ([`mediation_ties`]): for each meeting, a directed tie from each
//! side to each mediator and from the mediator to each side, so that the two-paths
//! are exactly party → mediator → party. An actor that is a side in some talks and
//! a go-between in others holds two positions ([`Position`]); without them, Oman →
//! United States → Israel would count as brokerage by the United States merely
//! because Oman mediated *its* talks with Iran. Groups are [`super::group_of`]: a
//! state is its own group, a person's is the state it is affiliated with, an
//! organization's the state it is part of, else itself.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{EdgeType, Graph, NodeType};

/// How many two-paths an actor brokers in each role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Brokerage {
    /// a, b, c in one group.
    pub coordinator: usize,
    /// a and c in one group, b outside ("consultant").
    pub itinerant: usize,
    /// a and b in one group, c outside.
    pub representative: usize,
    /// b and c in one group, a outside.
    pub gatekeeper: usize,
    /// three groups.
    pub liaison: usize,
}

impl Brokerage {
    /// All roles together.
    pub fn total(&self) -> usize {
        self.coordinator + self.itinerant + self.representative + self.gatekeeper + self.liaison
    }
}

/// Counts the brokerage roles of every broker in a directed network, given each
/// actor's group. Two-paths `a → b → c` count when `a`, `b`, `c` are distinct and
/// there is no tie `a → c`. Actors brokering nothing are absent from the result.
///
/// ```
/// use std::collections::BTreeSet;
/// use wasit::explore::brokerage::count_roles;
/// // Oman carries messages between the United States and Iran, both ways.
/// let ties: BTreeSet<(&str, &str)> =
///     [("US", "OM"), ("OM", "US"), ("IR", "OM"), ("OM", "IR")].into_iter().collect();
/// let roles = count_roles(&ties, |a| *a);
/// assert_eq!(roles[&"OM"].liaison, 2);
/// assert_eq!(roles[&"OM"].total(), 2);
/// ```
pub fn count_roles<N, G>(ties: &BTreeSet<(N, N)>, group: impl Fn(&N) -> G) -> BTreeMap<N, Brokerage>
where
    N: Ord + Clone,
    G: PartialEq,
{
    let mut ins: BTreeMap<&N, Vec<&N>> = BTreeMap::new();
    let mut outs: BTreeMap<&N, Vec<&N>> = BTreeMap::new();
    for (a, b) in ties {
        if a != b {
            outs.entry(a).or_default().push(b);
            ins.entry(b).or_default().push(a);
        }
    }
    let mut roles: BTreeMap<N, Brokerage> = BTreeMap::new();
    for (&b, sources) in &ins {
        let Some(targets) = outs.get(b) else { continue };
        let gb = group(b);
        for &a in sources {
            let ga = group(a);
            for &c in targets {
                if a == c || ties.contains(&(a.clone(), c.clone())) {
                    continue;
                }
                let gc = group(c);
                let r = roles.entry(b.clone()).or_default();
                match (ga == gb, gb == gc, ga == gc) {
                    (true, true, _) => r.coordinator += 1,
                    (true, false, _) => r.representative += 1,
                    (false, true, _) => r.gatekeeper += 1,
                    (false, false, true) => r.itinerant += 1,
                    (false, false, false) => r.liaison += 1,
                }
            }
        }
    }
    roles
}

/// A position in the mediation network: an actor as a side of talks, or as their
/// go-between.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// The actor (node id) as a side.
    Side(String),
    /// The actor (node id) as a mediator.
    Mediator(String),
}

impl Position {
    /// The node id of the actor.
    pub fn id(&self) -> &str {
        match self {
            Position::Side(id) | Position::Mediator(id) => id,
        }
    }
}

/// The mediation network of a graph: for every meeting, ties side → mediator and
/// mediator → side, sides being [`super::sides_of`]. Places are left out.
pub fn mediation_ties(graph: &Graph) -> BTreeSet<(Position, Position)> {
    let actor = |id: &str| {
        graph.node(id).is_some_and(|n| {
            matches!(
                n.node_type,
                NodeType::State | NodeType::Organization | NodeType::Person
            )
        })
    };
    let mut ties = BTreeSet::new();
    for m in graph.nodes().filter(|n| n.node_type == NodeType::Meeting) {
        let sides = super::sides_of(graph, &m.id);
        for b in super::sources(graph, &m.id, EdgeType::Mediates) {
            if !actor(&b) {
                continue;
            }
            for s in sides.iter().filter(|s| **s != b && actor(s)) {
                ties.insert((Position::Side(s.clone()), Position::Mediator(b.clone())));
                ties.insert((Position::Mediator(b.clone()), Position::Side(s.clone())));
            }
        }
    }
    ties
}

/// The brokerage roles of every mediator of a graph, by id.
///
/// ```
/// use wasit::explore::brokerage::brokerage;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// for id in ["state:US", "state:IR", "state:OM"] {
///     g.add_node(Node::new(id, NodeType::State, id));
/// }
/// g.add_node(Node::new("meeting:muscat", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:US", EdgeType::PartyTo, "meeting:muscat"));
/// g.add_edge(Edge::new("state:IR", EdgeType::PartyTo, "meeting:muscat"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:muscat"));
/// assert_eq!(brokerage(&g)["state:OM"].liaison, 2);
/// ```
pub fn brokerage(graph: &Graph) -> BTreeMap<String, Brokerage> {
    let ties = mediation_ties(graph);
    let mut groups: BTreeMap<&str, String> = BTreeMap::new();
    for (a, b) in &ties {
        for x in [a.id(), b.id()] {
            groups.entry(x).or_insert_with(|| super::group_of(graph, x));
        }
    }
    count_roles(&ties, |p| groups.get(p.id()).cloned())
        .into_iter()
        .filter_map(|(p, r)| match p {
            Position::Mediator(id) => Some((id, r)),
            Position::Side(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ties(pairs: &[(&'static str, &'static str)]) -> BTreeSet<(&'static str, &'static str)> {
        pairs.iter().copied().collect()
    }

    /// Groups by the first letter: "a1" and "a2" share group a.
    fn first_letter(x: &&str) -> char {
        x.chars().next().unwrap_or(' ')
    }

    #[test]
    fn the_five_roles() {
        type Role = fn(&Brokerage) -> usize;
        let cases: [(&str, &str, &str, Role); 5] = [
            ("a1", "a2", "a3", |r| r.coordinator),
            ("a1", "b1", "a2", |r| r.itinerant),
            ("a1", "a2", "b1", |r| r.representative),
            ("a1", "b1", "b2", |r| r.gatekeeper),
            ("a1", "b1", "c1", |r| r.liaison),
        ];
        for (a, b, c, role) in cases {
            let roles = count_roles(&ties(&[(a, b), (b, c)]), first_letter);
            let r = roles[&b];
            assert_eq!((role(&r), r.total()), (1, 1), "{a} → {b} → {c}");
            assert_eq!(roles.len(), 1);
        }
    }

    #[test]
    fn a_direct_tie_leaves_no_brokerage() {
        let roles = count_roles(
            &ties(&[("a1", "b1"), ("b1", "c1"), ("a1", "c1")]),
            first_letter,
        );
        assert!(roles.is_empty());
    }

    #[test]
    fn mutual_ties_count_both_ways() {
        // A mediator of group a between a side of its own group and an outsider:
        // representative one way, gatekeeper the other.
        let roles = count_roles(
            &ties(&[("a1", "a2"), ("a2", "a1"), ("b1", "a2"), ("a2", "b1")]),
            first_letter,
        );
        let r = roles[&"a2"];
        assert_eq!((r.representative, r.gatekeeper, r.total()), (1, 1, 2));
    }

    #[test]
    fn person_mediators_take_their_state_as_group() {
        let mut g = Graph::default();
        use crate::model::{Edge, Node};
        for id in ["state:US", "state:IR", "state:QA", "org:hamas", "state:IL"] {
            let t = if id.starts_with("org") {
                NodeType::Organization
            } else {
                NodeType::State
            };
            g.add_node(Node::new(id, t, id));
        }
        g.add_node(Node::new("person:witkoff", NodeType::Person, "ستيف ويتكوف"));
        g.add_edge(Edge::new(
            "person:witkoff",
            EdgeType::AffiliatedWith,
            "state:US",
        ));
        g.add_node(Node::new("meeting:a", NodeType::Meeting, "أ"));
        g.add_node(Node::new("meeting:b", NodeType::Meeting, "ب"));
        // Witkoff mediates between his own state and Iran: representative and gatekeeper.
        g.add_edge(Edge::new("state:US", EdgeType::PartyTo, "meeting:a"));
        g.add_edge(Edge::new("state:IR", EdgeType::PartyTo, "meeting:a"));
        g.add_edge(Edge::new("person:witkoff", EdgeType::Mediates, "meeting:a"));
        // Qatar between Israel and Hamas (its own group): liaison.
        g.add_edge(Edge::new("state:IL", EdgeType::PartyTo, "meeting:b"));
        g.add_edge(Edge::new("org:hamas", EdgeType::PartyTo, "meeting:b"));
        g.add_edge(Edge::new("state:QA", EdgeType::Mediates, "meeting:b"));
        // The United States, a side of talks Witkoff mediates, mediates elsewhere:
        // that makes no two-path Witkoff → US → Israel.
        g.add_edge(Edge::new("state:US", EdgeType::Mediates, "meeting:b"));
        let roles = brokerage(&g);
        let w = roles["person:witkoff"];
        assert_eq!((w.representative, w.gatekeeper, w.total()), (1, 1, 2));
        assert_eq!(roles["state:QA"].liaison, 2);
        assert_eq!(roles["state:US"].liaison, 2);
        assert_eq!(roles.len(), 3);
    }
}
