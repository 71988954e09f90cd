//! Meetings across documents: merged by compatible date, place and sides.

use crate::extract::{DocFacts, Ref};
use crate::model::Graph;

/// Adds the meetings of all documents to the graph.
pub fn add(_g: &mut Graph, _facts: &[DocFacts], _id_of: &dyn Fn(usize, &Ref) -> String) {}

/// The id of document `doc`'s meeting number `m`, once added.
pub fn meeting_id(_g: &Graph, _doc: &str, _m: usize) -> Option<String> {
    None
}
