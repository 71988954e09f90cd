//! The data model every stage shares: spans into documents, and the graph of
//! nodes and edges with their evidence. It depends on nothing else in the crate;
//! extractors produce it and serializers only read it (the oxigraph habit).

mod document;
mod graph;
mod span;

pub use document::{DocMeta, Document};
pub use graph::{Edge, EdgeType, Evidence, Graph, GraphHeader, GraphJsonError, Node, NodeType};
pub use span::Span;
