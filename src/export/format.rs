//! Export stage, the dispatcher: which formats exist, the names and extensions
//! that pick them, and [`export`], which writes one format's files into a folder
//! atomically. Each format's writer lives in its own module and takes any
//! `io::Write`; this module only names the files and routes the errors.
//!
//! It also holds the attribute typing the tabular formats share (GraphML, Cypher,
//! the CSV layouts): a node attribute becomes one typed column or property, its
//! type the narrowest one that holds every value seen ([`columns`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::atomic;
use crate::model::Graph;

/// An export format.
///
/// ```
/// use wasit::export::format::Format;
/// assert_eq!(Format::from_name("GraphML"), Some(Format::GraphMl));
/// assert_eq!(Format::from_extension("ttl"), Some(Format::Turtle));
/// assert_eq!(Format::from_name("neo4j"), Some(Format::Neo4jCsv));
/// assert_eq!(Format::from_name("xlsx"), None);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `graph.json`, the graph's own form.
    Json,
    /// `graph.dot`, Graphviz DOT.
    Dot,
    /// `graph.html`, a page to browse the graph.
    Html,
    /// `graph.graphml` (Gephi, yEd, NetworkX, igraph).
    GraphMl,
    /// `graph.gexf`, GEXF 1.3 for Gephi: meetings and their edges carry start and
    /// end dates, for Gephi's timeline.
    Gexf,
    /// `graph.cypher`, an idempotent `UNWIND`/`MERGE` script (Neo4j, FalkorDB, Memgraph).
    Cypher,
    /// `neo4j/`: CSV files in the `neo4j-admin database import` layout, with `import.sh`
    /// and `schema.cypher` (constraints and indexes).
    Neo4jCsv,
    /// `kuzu/`: `schema.cypher`, `load.cypher` and CSV files for Kùzu or Ladybug.
    Kuzu,
    /// RDF both ways: `graph.ttl` and `graph.nt`.
    Rdf,
    /// `graph.ttl`, RDF Turtle.
    Turtle,
    /// `graph.nt`, RDF N-Triples.
    NTriples,
    /// `graph.jsonl`, one node or edge per line.
    Jsonl,
    /// `graph.cyjs`, Cytoscape.js elements JSON.
    Cytoscape,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 13] = [
        Format::Json,
        Format::Dot,
        Format::Html,
        Format::GraphMl,
        Format::Gexf,
        Format::Cypher,
        Format::Neo4jCsv,
        Format::Kuzu,
        Format::Rdf,
        Format::Turtle,
        Format::NTriples,
        Format::Jsonl,
        Format::Cytoscape,
    ];

    /// The format with this name (as given to `--format`), case-insensitive;
    /// file extensions are accepted too (`ttl`, `nt`, `cyjs`).
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        let format = match name.as_str() {
            "json" => Format::Json,
            "dot" | "gv" | "graphviz" => Format::Dot,
            "html" | "htm" => Format::Html,
            "graphml" => Format::GraphMl,
            "gexf" | "gephi" => Format::Gexf,
            "cypher" | "cql" => Format::Cypher,
            "csv" | "neo4j" | "neo4j-csv" | "neo4j-admin" => Format::Neo4jCsv,
            "kuzu" | "kùzu" | "ladybug" => Format::Kuzu,
            "rdf" => Format::Rdf,
            "turtle" | "ttl" => Format::Turtle,
            "ntriples" | "n-triples" | "nt" => Format::NTriples,
            "jsonl" | "ndjson" | "jsonlines" => Format::Jsonl,
            "cytoscape" | "cyjs" | "cytoscape.js" => Format::Cytoscape,
            _ => return None,
        };
        Some(format)
    }

    /// The format a file extension (without the dot) stands for, case-insensitive.
    pub fn from_extension(extension: &str) -> Option<Format> {
        let ext = extension.trim_start_matches('.').to_ascii_lowercase();
        let format = match ext.as_str() {
            "json" => Format::Json,
            "dot" | "gv" => Format::Dot,
            "html" | "htm" => Format::Html,
            "graphml" => Format::GraphMl,
            "gexf" => Format::Gexf,
            "cypher" | "cql" => Format::Cypher,
            "csv" => Format::Neo4jCsv,
            "ttl" => Format::Turtle,
            "nt" => Format::NTriples,
            "jsonl" | "ndjson" => Format::Jsonl,
            "cyjs" => Format::Cytoscape,
            _ => return None,
        };
        Some(format)
    }

    /// The one file this format writes, or `None` when it writes several (`neo4j/`,
    /// `kuzu/`, `rdf`): only a one-file format can be written on stdout.
    pub fn file_name(self) -> Option<&'static str> {
        Some(match self {
            Format::Json => "graph.json",
            Format::Dot => "graph.dot",
            Format::Html => "graph.html",
            Format::GraphMl => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::Cypher => "graph.cypher",
            Format::Turtle => "graph.ttl",
            Format::NTriples => "graph.nt",
            Format::Jsonl => "graph.jsonl",
            Format::Cytoscape => "graph.cyjs",
            Format::Neo4jCsv | Format::Kuzu | Format::Rdf => return None,
        })
    }

    /// The canonical name, accepted by [`Format::from_name`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Html => "html",
            Format::GraphMl => "graphml",
            Format::Gexf => "gexf",
            Format::Cypher => "cypher",
            Format::Neo4jCsv => "csv",
            Format::Kuzu => "kuzu",
            Format::Rdf => "rdf",
            Format::Turtle => "turtle",
            Format::NTriples => "ntriples",
            Format::Jsonl => "jsonl",
            Format::Cytoscape => "cytoscape",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an export failed; every variant names what it was writing.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A file could not be written.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
    /// The format is not built into this version.
    #[error("{format}: not available")]
    Unavailable {
        /// The format's name.
        format: &'static str,
    },
}

/// The original texts of the documents, by id, for the formats that quote
/// evidence (the HTML viewer); may be empty.
pub type Documents = HashMap<String, String>;

/// Writes `graph` in `format` into `out_dir` (created if needed) and returns the
/// files written, in order. Each file is written atomically: a reader sees the old
/// file or the new one, never half of either. Multi-file formats write into a
/// subfolder (`neo4j/`, `kuzu/`) so that their CSV files do not collide.
///
/// ```
/// use wasit::export::format::{export, Format};
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// let dir = tempfile::tempdir().unwrap();
/// let files = export(&g, Format::GraphMl, dir.path()).unwrap();
/// assert_eq!(files, vec![dir.path().join("graph.graphml")]);
/// assert!(std::fs::read_to_string(&files[0]).unwrap().contains("عمان"));
/// ```
pub fn export(graph: &Graph, format: Format, out_dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    export_with_documents(graph, format, out_dir, &Documents::new())
}

/// [`export`], with the documents' texts, so that the HTML viewer shows each
/// evidence sentence (text, document, date) and not only its byte offsets.
pub fn export_with_documents(
    graph: &Graph,
    format: Format,
    out_dir: &Path,
    docs: &Documents,
) -> Result<Vec<PathBuf>, ExportError> {
    let mut written = Vec::new();
    let mut put = |name: &str, fill: &dyn Fn(&mut dyn io::Write) -> io::Result<()>| {
        let path = out_dir.join(name);
        match atomic::write_file(&path, |w| fill(w)) {
            Ok(()) => {
                written.push(path);
                Ok(())
            }
            Err(error) => Err(ExportError::Io { path, error }),
        }
    };
    if let Some(name) = format.file_name() {
        put(name, &|w| write_single(graph, format, docs, w))?;
        return Ok(written);
    }
    match format {
        Format::Neo4jCsv => {
            let tables = super::csv::neo4j_tables(graph);
            for table in &tables {
                put(&format!("neo4j/{}", table.file_name), &|mut w| {
                    table.write(&mut w)
                })?;
            }
            put("neo4j/import.sh", &|mut w| {
                super::csv::write_neo4j_import_script(&tables, &mut w)
            })?;
            put("neo4j/schema.cypher", &|mut w| {
                super::csv::write_neo4j_schema(&mut w)
            })?;
        }
        Format::Kuzu => {
            let kuzu = super::csv::kuzu_export(graph);
            put("kuzu/schema.cypher", &|mut w| kuzu.write_schema(&mut w))?;
            for table in &kuzu.tables {
                put(&format!("kuzu/{}", table.file_name), &|mut w| {
                    table.write(&mut w)
                })?;
            }
            // The CSV files by absolute path: load.cypher runs from any folder.
            let folder = std::fs::canonicalize(out_dir.join("kuzu")).ok();
            put("kuzu/load.cypher", &|mut w| {
                kuzu.write_load_in(folder.as_deref(), &mut w)
            })?;
        }
        Format::Rdf => {
            put("graph.ttl", &|w| {
                write_single(graph, Format::Turtle, docs, w)
            })?;
            put("graph.nt", &|w| {
                write_single(graph, Format::NTriples, docs, w)
            })?;
        }
        _ => {}
    }
    Ok(written)
}

/// Writes a one-file format (see [`Format::file_name`]) into `w`: a file, or stdout.
/// A format of several files writes nothing and fails.
///
/// ```
/// use wasit::export::format::{write_single, Documents, Format};
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// let mut out = Vec::new();
/// write_single(&g, Format::Jsonl, &Documents::new(), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("state:OM"));
/// assert!(write_single(&g, Format::Kuzu, &Documents::new(), &mut Vec::new()).is_err());
/// ```
pub fn write_single(
    graph: &Graph,
    format: Format,
    docs: &Documents,
    mut w: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Json => w.write_all(graph.to_json().as_bytes()),
        Format::Dot => super::dot::write_dot(graph, &Default::default(), &mut w),
        Format::Html => super::html::write_html(graph, docs, &mut w),
        Format::GraphMl => super::graphml::write_graphml(graph, &mut w),
        Format::Gexf => super::gexf::write_gexf(graph, &mut w),
        Format::Cypher => super::cypher::write_cypher(graph, &mut w),
        Format::Turtle => super::rdf::write_turtle(graph, &mut w),
        Format::NTriples => super::rdf::write_ntriples(graph, &mut w),
        Format::Jsonl => super::jsonl::write_jsonl(graph, &mut w),
        Format::Cytoscape => super::cytoscape::write_cytoscape(graph, &mut w),
        Format::Neo4jCsv | Format::Kuzu | Format::Rdf => Err(io::Error::other(format!(
            "{format} writes several files: give a folder to --out"
        ))),
    }
}

// ---------------------------------------------------------------------------
// Attribute typing shared by the tabular formats.

/// The type of one attribute column: the narrowest that holds every value seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Every value is `true` or `false`.
    Bool,
    /// Every value is an integer that fits in an `i64`.
    Int,
    /// Every value is a number.
    Float,
    /// Every value is a list of strings, numbers or booleans (written as strings).
    StrList,
    /// Anything else: strings, and other values as compact JSON text.
    Str,
}

impl Kind {
    fn of(value: &Value) -> Option<Kind> {
        Some(match value {
            Value::Null => return None,
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_i64() => Kind::Int,
            Value::Number(_) => Kind::Float,
            Value::Array(items) if items.iter().all(is_scalar) => Kind::StrList,
            _ => Kind::Str,
        })
    }

    fn unite(self, other: Kind) -> Kind {
        match (self, other) {
            (a, b) if a == b => a,
            (Kind::Int, Kind::Float) | (Kind::Float, Kind::Int) => Kind::Float,
            _ => Kind::Str,
        }
    }
}

fn is_scalar(v: &Value) -> bool {
    matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

/// One attribute column: the attribute's key in the graph, the column or property
/// name written (`[A-Za-z0-9_]`, never a reserved name), and its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Column {
    /// The key in `attrs`.
    pub key: String,
    /// The name written.
    pub name: String,
    /// Its type.
    pub kind: Kind,
}

/// The columns of a set of attribute maps, sorted by key. A name that would be
/// reserved by the format (`id`, `label`, …) or taken by another key gets a prefix
/// or a suffix, so that every column has its own name.
pub(crate) fn columns<'a, I>(attrs: I, reserved: &[&str]) -> Vec<Column>
where
    I: IntoIterator<Item = &'a BTreeMap<String, Value>>,
{
    let mut kinds: BTreeMap<&'a str, Kind> = BTreeMap::new();
    for map in attrs {
        for (key, value) in map {
            if let Some(kind) = Kind::of(value) {
                kinds
                    .entry(key)
                    .and_modify(|k| *k = k.unite(kind))
                    .or_insert(kind);
            }
        }
    }
    let mut used: HashMap<String, usize> = reserved.iter().map(|r| (r.to_string(), 1)).collect();
    kinds
        .into_iter()
        .map(|(key, kind)| {
            let mut name = identifier(key);
            if reserved.contains(&name.as_str()) {
                name = format!("attr_{name}");
            }
            let count = used.entry(name.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                name = format!("{name}_{count}");
            }
            Column {
                key: key.to_string(),
                name,
                kind,
            }
        })
        .collect()
}

/// A key as an identifier every format accepts: ASCII letters, digits and `_`,
/// not starting with a digit.
pub(crate) fn identifier(key: &str) -> String {
    let mut s: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// A value converted to its column's type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Typed<'a> {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(Cow<'a, str>),
    /// A list of strings.
    StrList(Vec<Cow<'a, str>>),
}

/// `value` as `kind`; `None` for null. A value that does not fit its column
/// (which [`columns`] never produces) falls back to its JSON text.
pub(crate) fn typed(kind: Kind, value: &Value) -> Option<Typed<'_>> {
    if value.is_null() {
        return None;
    }
    Some(match (kind, value) {
        (Kind::Bool, Value::Bool(b)) => Typed::Bool(*b),
        (Kind::Int, Value::Number(n)) if n.is_i64() => Typed::Int(n.as_i64().unwrap_or_default()),
        (Kind::Float, Value::Number(n)) if n.as_f64().is_some() => {
            Typed::Float(n.as_f64().unwrap_or_default())
        }
        (Kind::StrList, Value::Array(items)) => Typed::StrList(items.iter().map(text).collect()),
        (Kind::StrList, other) => Typed::StrList(vec![text(other)]),
        (_, other) => Typed::Str(text(other)),
    })
}

/// A value as text: a string as it is, anything else as compact JSON.
pub(crate) fn text(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_string()),
    }
}

/// Evidence as compact JSON text: `[{"doc":"a.txt","start":0,"end":8}]`.
pub(crate) fn evidence_json(evidence: &[crate::model::Evidence]) -> String {
    serde_json::to_string(evidence).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn names_and_extensions_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name(" Cytoscape "), Some(Format::Cytoscape));
        assert_eq!(Format::from_extension(".graphml"), Some(Format::GraphMl));
        assert_eq!(Format::from_extension("NT"), Some(Format::NTriples));
        assert_eq!(Format::from_extension("txt"), None);
    }

    #[test]
    fn columns_take_the_narrowest_type() {
        let a = map(&[
            ("anonymous", json!(true)),
            ("round", json!(2)),
            ("x", json!(1)),
            ("tags", json!(["أ", 1])),
            ("label", json!("عمان")),
        ]);
        let b = map(&[
            ("x", json!(2.5)),
            ("anonymous", Value::Null),
            ("mixed", json!(true)),
        ]);
        let c = map(&[("mixed", json!("نعم")), ("obj", json!({"k": 1}))]);
        let cols = columns([&a, &b, &c], &["id", "label"]);
        let got: Vec<(&str, &str, Kind)> = cols
            .iter()
            .map(|c| (c.key.as_str(), c.name.as_str(), c.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("anonymous", "anonymous", Kind::Bool),
                ("label", "attr_label", Kind::Str),
                ("mixed", "mixed", Kind::Str),
                ("obj", "obj", Kind::Str),
                ("round", "round", Kind::Int),
                ("tags", "tags", Kind::StrList),
                ("x", "x", Kind::Float),
            ]
        );
        assert_eq!(typed(Kind::Float, &json!(1)), Some(Typed::Float(1.0)));
        assert_eq!(
            typed(Kind::Str, &json!({"k": 1})),
            Some(Typed::Str(Cow::Borrowed("{\"k\":1}")))
        );
        assert_eq!(typed(Kind::Bool, &Value::Null), None);
    }

    #[test]
    fn colliding_names_get_their_own() {
        let a = map(&[
            ("a b", json!(1)),
            ("a_b", json!(2)),
            ("2x", json!("y")),
            ("الدور", json!("z")),
        ]);
        let names: Vec<String> = columns([&a], &[]).into_iter().map(|c| c.name).collect();
        assert_eq!(names, vec!["_2x", "a_b", "a_b_2", "_____"]);
    }

    /// Any string, in any field, gives output its readers accept: JSON that parses,
    /// GraphML without raw control characters, one Cypher statement per batch.
    #[test]
    fn every_writer_takes_odd_strings() {
        use crate::model::{Edge, EdgeType, Evidence, Node, NodeType};
        let odd = [
            "",
            " ",
            "\\",
            "\"",
            "'",
            "`",
            "a;b,c[d]{e}",
            "\n\r\t\u{0}\u{1}\u{7f}\u{85}",
            "\u{FFFE}\u{FFFF}\u{2028}\u{200F}",
            "<&>]]>",
            "مُحَمَّد ـــ ٢٠٢٥ 🙂",
            "%20#?/",
        ];
        let mut g = Graph::default();
        for (i, s) in odd.iter().enumerate() {
            let mut n = Node::new(format!("person:{s}{i}"), NodeType::Person, *s);
            n.aliases = vec![s.to_string()];
            n.attrs.insert(s.to_string(), json!(s));
            n.attrs.insert("text".into(), json!([s, 1, true]));
            n.evidence.push(Evidence {
                doc: s.to_string(),
                start: i,
                end: i + 1,
            });
            g.add_node(n);
        }
        g.add_node(Node::new("meeting:x", NodeType::Meeting, "x"));
        let ids: Vec<String> = g.nodes().map(|n| n.id.clone()).collect();
        for (i, id) in ids
            .iter()
            .enumerate()
            .filter(|(_, id)| id.starts_with("person:"))
        {
            let mut e = Edge::new(id.clone(), EdgeType::Mediates, "meeting:x");
            e.attrs.insert("role".into(), json!(odd[i % odd.len()]));
            g.add_edge(e);
        }
        let run = |f: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| {
            let mut out = Vec::new();
            f(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let xml = run(&|w| super::super::graphml::write_graphml(&g, w));
        assert!(
            !xml.chars().any(|c| c.is_control() && c != '\n'),
            "raw control character in GraphML"
        );
        let cypher = run(&|w| super::super::cypher::write_cypher(&g, w));
        assert_eq!(
            cypher.matches(";\n").count(),
            cypher.matches("\nUNWIND [\n").count(),
            "{cypher}"
        );
        assert_eq!(cypher.matches("\nUNWIND [\n").count(), 3);
        for line in run(&|w| super::super::jsonl::write_jsonl(&g, w)).lines() {
            serde_json::from_str::<Value>(line).unwrap();
        }
        serde_json::from_str::<Value>(&run(&|w| super::super::cytoscape::write_cytoscape(&g, w)))
            .unwrap();
        let nt = run(&|w| super::super::rdf::write_ntriples(&g, w));
        assert!(nt.lines().all(|l| l.ends_with(" .")));
        run(&|w| super::super::rdf::write_turtle(&g, w));
        for t in super::super::csv::neo4j_tables(&g)
            .iter()
            .chain(&super::super::csv::kuzu_export(&g).tables)
        {
            run(&|w| t.write(w));
        }
    }

    #[test]
    fn export_names_the_file_it_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let err = export(&Graph::default(), Format::Jsonl, &blocker).unwrap_err();
        assert!(err.to_string().contains("graph.jsonl"), "{err}");
    }
}
