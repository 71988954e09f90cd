//! Serializers of the graph model: each format is one module writing to any
//! `io::Write`, depending only on [`crate::model`]. [`atomic`] writes files so
//! that nothing already on disk is lost or half-written.

pub mod atomic;
pub mod csv;
pub mod cypher;
pub mod cytoscape;
pub mod dot;
pub mod falkordb;
pub mod format;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod jsonl;
pub mod rdf;
pub mod render;
