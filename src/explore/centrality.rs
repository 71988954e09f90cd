//! Betweenness centrality of the entity graph projected through meetings.
//!
//! The projection ([`Projection`]) keeps the actors of the talks — the sides of
//! each meeting ([`super::sides_of`]), its mediators and its hosts — and links them:
//! a mediator or host to every side, and the sides to one another when they sit at
//! the same table. Sides of talks whose `format` is `indirect` are *not* linked to
//! one another: in indirect talks every word passes through the go-between, and
//! that is exactly what betweenness should see. People who only take part as
//! delegates stay out; their state stands for them.
//!
//! petgraph 0.8 has no betweenness, and rustworkx-core would bring ndarray, rand
//! and more for one function, so [`betweenness`] is Brandes' algorithm (Brandes
//! 2001, "A faster algorithm for betweenness centrality", J. Math. Sociology
//! 25:163–177) over any petgraph graph, normalized as NetworkX does; a test checks
//! it against NetworkX on random graphs.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::graphmap::UnGraphMap;
use petgraph::visit::{GraphProp, IntoNeighbors, IntoNodeIdentifiers, NodeIndexable};

use crate::model::{EdgeType, Graph, NodeType};

/// Betweenness centrality of every node by Brandes' algorithm, indexed by
/// `graph.to_index(node)` (the vector has `graph.node_bound()` entries; holes of a
/// stable graph stay 0).
///
/// Unnormalized, it is the number of shortest paths through a node, each pair of
/// other nodes sharing one unit among its shortest paths (pairs are unordered in an
/// undirected graph). Normalized, it is divided by the number of pairs,
/// `(n-1)(n-2)` ordered or `(n-1)(n-2)/2` unordered, as NetworkX's
/// `betweenness_centrality(G, normalized=True)` does. Parallel edges and loops are
/// ignored, as in a simple graph.
///
/// ```
/// use petgraph::graph::UnGraph;
/// use wasit::explore::centrality::betweenness;
/// // US — OM — IR: every path between the sides passes through Oman.
/// let g = UnGraph::<&str, ()>::from_edges([(0, 1), (1, 2)]);
/// assert_eq!(betweenness(&g, false), [0.0, 1.0, 0.0]);
/// assert_eq!(betweenness(&g, true), [0.0, 1.0, 0.0]);
/// ```
pub fn betweenness<G>(graph: G, normalized: bool) -> Vec<f64>
where
    G: IntoNeighbors + IntoNodeIdentifiers + NodeIndexable + GraphProp,
{
    let bound = graph.node_bound();
    let n = graph.node_identifiers().count();
    let mut centrality = vec![0.0f64; bound];
    let mut sigma = vec![0.0f64; bound];
    let mut dist: Vec<Option<usize>> = vec![None; bound];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); bound];
    let mut delta = vec![0.0f64; bound];
    let mut stack: Vec<usize> = Vec::with_capacity(bound);
    let mut queue = VecDeque::new();
    for s in graph.node_identifiers() {
        let si = graph.to_index(s);
        for &v in &stack {
            sigma[v] = 0.0;
            dist[v] = None;
            preds[v].clear();
            delta[v] = 0.0;
        }
        stack.clear();
        sigma[si] = 1.0;
        dist[si] = Some(0);
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            let vi = graph.to_index(v);
            stack.push(vi);
            let dv = dist[vi].unwrap_or(0);
            for w in graph.neighbors(v) {
                let wi = graph.to_index(w);
                if dist[wi].is_none() {
                    dist[wi] = Some(dv + 1);
                    queue.push_back(w);
                }
                // A second edge v–w adds no path: its v was pushed in this very loop.
                if dist[wi] == Some(dv + 1) && preds[wi].last() != Some(&vi) {
                    sigma[wi] += sigma[vi];
                    preds[wi].push(vi);
                }
            }
        }
        for &w in stack.iter().rev() {
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in &preds[w] {
                delta[v] += sigma[v] * coeff;
            }
            if w != si {
                centrality[w] += delta[w];
            }
        }
    }
    let scale = if normalized {
        (n > 2).then(|| 1.0 / ((n - 1) * (n - 2)) as f64)
    } else if graph.is_directed() {
        None
    } else {
        Some(0.5)
    };
    if let Some(scale) = scale {
        centrality.iter_mut().for_each(|c| *c *= scale);
    }
    centrality
}

/// The entity graph projected through meetings: actors of the talks linked as the
/// module header says, each link listing the meetings behind it.
#[derive(Clone, Debug, Default)]
pub struct Projection {
    /// The undirected graph, nodes being indices into `ids`.
    pub graph: UnGraphMap<usize, ()>,
    /// Node ids of the actors, sorted.
    pub ids: Vec<String>,
    /// The meetings behind each link (smaller index first).
    pub links: BTreeMap<(usize, usize), BTreeSet<String>>,
}

impl Projection {
    /// Projects a graph through its meetings.
    ///
    /// ```
    /// use wasit::explore::centrality::Projection;
    /// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
    /// let mut g = Graph::default();
    /// for id in ["state:US", "state:IR", "state:OM"] {
    ///     g.add_node(Node::new(id, NodeType::State, id));
    /// }
    /// let mut m = Node::new("meeting:muscat", NodeType::Meeting, "محادثات مسقط");
    /// m.attrs.insert("format".into(), "indirect".into());
    /// g.add_node(m);
    /// g.add_edge(Edge::new("state:US", EdgeType::PartyTo, "meeting:muscat"));
    /// g.add_edge(Edge::new("state:IR", EdgeType::PartyTo, "meeting:muscat"));
    /// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:muscat"));
    /// let p = Projection::of(&g);
    /// assert_eq!(p.graph.edge_count(), 2); // indirect: US and IR meet only through Oman
    /// ```
    pub fn of(graph: &Graph) -> Projection {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut meetings: Vec<(String, Vec<String>, Vec<String>, bool)> = Vec::new();
        for m in graph.nodes().filter(|n| n.node_type == NodeType::Meeting) {
            let sides = super::sides_of(graph, &m.id);
            let mut go_betweens = super::sources(graph, &m.id, EdgeType::Mediates);
            for h in super::sources(graph, &m.id, EdgeType::Hosts) {
                if !go_betweens.contains(&h) && !sides.contains(&h) {
                    go_betweens.push(h);
                }
            }
            // A place is no actor, whatever an extractor says.
            go_betweens.retain(|g| is_actor(graph, g));
            let sides: Vec<String> = sides.into_iter().filter(|s| is_actor(graph, s)).collect();
            let indirect = m
                .attr_str("format")
                .is_some_and(|f| f.trim().eq_ignore_ascii_case("indirect"));
            ids.extend(sides.iter().cloned());
            ids.extend(go_betweens.iter().cloned());
            meetings.push((m.id.clone(), sides, go_betweens, indirect));
        }
        let ids: Vec<String> = ids.into_iter().collect();
        let at = |id: &str| ids.binary_search_by(|x| x.as_str().cmp(id)).ok();
        let mut p = Projection {
            graph: UnGraphMap::new(),
            ids: Vec::new(),
            links: BTreeMap::new(),
        };
        for i in 0..ids.len() {
            p.graph.add_node(i);
        }
        for (meeting, sides, go_betweens, indirect) in &meetings {
            let mut link = |a: &str, b: &str| {
                if let (Some(a), Some(b)) = (at(a), at(b)) {
                    if a != b {
                        p.graph.add_edge(a, b, ());
                        p.links
                            .entry((a.min(b), a.max(b)))
                            .or_default()
                            .insert(meeting.clone());
                    }
                }
            };
            for g in go_betweens {
                for s in sides {
                    link(g, s);
                }
            }
            if !indirect {
                for (i, a) in sides.iter().enumerate() {
                    for b in &sides[i + 1..] {
                        link(a, b);
                    }
                }
            }
        }
        p.ids = ids;
        p
    }

    /// Betweenness of every actor by id (see [`betweenness`]).
    pub fn betweenness(&self, normalized: bool) -> BTreeMap<String, f64> {
        use petgraph::visit::NodeIndexable as _;
        let values = betweenness(&self.graph, normalized);
        self.ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let at = self.graph.contains_node(i).then(|| self.graph.to_index(i));
                (
                    id.clone(),
                    at.and_then(|at| values.get(at)).copied().unwrap_or(0.0),
                )
            })
            .collect()
    }
}

/// True for the node types that act in talks: states, organizations, persons.
fn is_actor(graph: &Graph, id: &str) -> bool {
    graph.node(id).is_some_and(|n| {
        matches!(
            n.node_type,
            NodeType::State | NodeType::Organization | NodeType::Person
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::{DiGraph, UnGraph};

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-12, "{a:?} != {b:?}");
        }
    }

    #[test]
    fn star_center_takes_every_pair() {
        // Center 0 and four leaves: 6 pairs of leaves, all through the center.
        let g = UnGraph::<(), ()>::from_edges([(0, 1), (0, 2), (0, 3), (0, 4)]);
        close(&betweenness(&g, false), &[6.0, 0.0, 0.0, 0.0, 0.0]);
        close(&betweenness(&g, true), &[1.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn square_splits_paths() {
        // A 4-cycle: each pair of opposite corners has two shortest paths.
        let g = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 3), (3, 0)]);
        close(&betweenness(&g, false), &[0.5, 0.5, 0.5, 0.5]);
        close(&betweenness(&g, true), &[1.0 / 6.0; 4]);
    }

    #[test]
    fn directed_path_counts_ordered_pairs() {
        let g = DiGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        close(&betweenness(&g, false), &[0.0, 1.0, 0.0]);
        close(&betweenness(&g, true), &[0.0, 0.5, 0.0]);
    }

    #[test]
    fn parallel_edges_and_loops_are_ignored() {
        let g = UnGraph::<(), ()>::from_edges([(0, 1), (0, 1), (1, 1), (1, 2)]);
        close(&betweenness(&g, false), &[0.0, 1.0, 0.0]);
    }

    #[test]
    fn empty_and_tiny_graphs() {
        assert!(betweenness(&UnGraph::<(), ()>::default(), true).is_empty());
        let g = UnGraph::<(), ()>::from_edges([(0, 1)]);
        close(&betweenness(&g, true), &[0.0, 0.0]);
        assert!(Projection::of(&Graph::default())
            .betweenness(true)
            .is_empty());
    }
}
