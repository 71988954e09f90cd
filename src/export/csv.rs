//! Export stage: CSV tables for bulk loaders, in two layouts.
//!
//! - **neo4j-admin** (`wasit export --format csv`, folder `neo4j/`): one
//!   `nodes_<Label>.csv` per node label with the header
//!   `id:ID,:LABEL,label,aliases:string[],<attributes>[,start:date,end:date],evidence`
//!   (typed first and last days of a dated meeting or claim) and one
//!   `rels_<TYPE>.csv` per relationship type with
//!   `:START_ID,:END_ID,:TYPE,<attributes>,evidence`, the layout `neo4j-admin
//!   database import` reads. Attribute columns are typed by suffix (`anonymous:boolean`,
//!   `round:long`, `:double`, `:string[]`); strings (`date` among them: partial dates
//!   like `2024-05` are not Neo4j dates) have no suffix. Arrays use `;` as delimiter
//!   (neo4j-admin's default), so an alias holding `;` is split there. `import.sh`
//!   holds the command.
//! - **Kùzu / Ladybug** (`--format kuzu`, folder `kuzu/`): `schema.cypher` creates one
//!   node table per label (all six, so queries on an absent label still bind) and one
//!   rel table per relationship type with every (from label, to label) pair it joins
//!   (`CREATE REL TABLE MEDIATES(FROM State TO Meeting, FROM Person TO Meeting, …)`);
//!   `load.cypher` copies `nodes_<Label>.csv` and one `rels_<TYPE>_<From>_<To>.csv` per
//!   pair. Lists are written `[a,b]`: an alias holding `,`, brackets or surrounding
//!   spaces does not survive Kùzu's list parser unchanged.
//!
//! Both are RFC 4180: fields holding `,`, `"`, or a line break are quoted, quotes
//! doubled; backslashes are plain characters. Evidence travels as JSON text.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::cypher::{node_label, rel_type, EDGE_RESERVED, NODE_RESERVED};
use super::format::{columns, evidence_json, typed, Column, Kind, Typed};
use crate::model::{Edge, EdgeType, Graph, Node, NodeType};

/// One CSV file: its name, header and rows, every cell already as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvTable {
    /// The file name (no folder).
    pub file_name: String,
    /// The header cells.
    pub header: Vec<String>,
    /// The rows; `None` is an empty (absent) cell.
    pub rows: Vec<Vec<Option<String>>>,
}

impl CsvTable {
    /// Writes the table as RFC 4180 CSV with `\n` line ends.
    ///
    /// ```
    /// use wasit::export::csv::CsvTable;
    /// let t = CsvTable {
    ///     file_name: "t.csv".into(),
    ///     header: vec!["id:ID".into(), "label".into()],
    ///     rows: vec![vec![Some("state:QA".into()), Some("قال \"نعم\", ثم".into())]],
    /// };
    /// let mut out = Vec::new();
    /// t.write(&mut out).unwrap();
    /// assert_eq!(String::from_utf8(out).unwrap(), "id:ID,label\nstate:QA,\"قال \"\"نعم\"\", ثم\"\n");
    /// ```
    pub fn write<W: Write>(&self, w: &mut W) -> io::Result<()> {
        write_record(w, self.header.iter().map(|h| Some(h.as_str())))?;
        for row in &self.rows {
            write_record(w, row.iter().map(|c| c.as_deref()))?;
        }
        Ok(())
    }
}

fn write_record<'a, W: Write>(
    w: &mut W,
    cells: impl Iterator<Item = Option<&'a str>>,
) -> io::Result<()> {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let Some(cell) = cell else { continue };
        if cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
            w.write_all(b"\"")?;
            w.write_all(cell.replace('"', "\"\"").as_bytes())?;
            w.write_all(b"\"")?;
        } else {
            w.write_all(cell.as_bytes())?;
        }
    }
    w.write_all(b"\n")
}

fn nodes_by_type(graph: &Graph) -> BTreeMap<NodeType, Vec<&Node>> {
    let mut by: BTreeMap<NodeType, Vec<&Node>> = BTreeMap::new();
    for n in graph.nodes() {
        by.entry(n.node_type).or_default().push(n);
    }
    by
}

fn edges_by_type(graph: &Graph) -> BTreeMap<EdgeType, Vec<&Edge>> {
    let mut by: BTreeMap<EdgeType, Vec<&Edge>> = BTreeMap::new();
    for e in graph.edges() {
        by.entry(e.edge_type).or_default().push(e);
    }
    by
}

/// The cell of one attribute; `list` joins list items (neo4j: `a;b`, Kùzu: `[a,b]`).
fn cell(
    col: &Column,
    attrs: &BTreeMap<String, serde_json::Value>,
    list: fn(&[&str]) -> String,
) -> Option<String> {
    let value = typed(col.kind, attrs.get(&col.key)?)?;
    Some(match value {
        Typed::Bool(b) => b.to_string(),
        Typed::Int(i) => i.to_string(),
        Typed::Float(f) => format!("{f:?}"),
        Typed::Str(s) => s.into_owned(),
        Typed::StrList(items) => list(&items.iter().map(|s| s.as_ref()).collect::<Vec<_>>()),
    })
}

fn neo4j_list(items: &[&str]) -> String {
    items.join(";")
}

fn kuzu_list(items: &[&str]) -> String {
    format!("[{}]", items.join(","))
}

fn neo4j_column(col: &Column) -> String {
    let suffix = match col.kind {
        Kind::Bool => ":boolean",
        Kind::Int => ":long",
        Kind::Float => ":double",
        Kind::StrList => ":string[]",
        Kind::Str => "",
    };
    format!("{}{suffix}", col.name)
}

fn evidence_cell(evidence: &[crate::model::Evidence]) -> Option<String> {
    (!evidence.is_empty()).then(|| evidence_json(evidence))
}

/// The `neo4j-admin database import` tables: `nodes_<Label>.csv` per node label and
/// `rels_<TYPE>.csv` per relationship type present in the graph.
///
/// ```
/// use wasit::export::csv::neo4j_tables;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// let tables = neo4j_tables(&g);
/// assert_eq!(tables[0].file_name, "nodes_State.csv");
/// assert_eq!(tables[0].header, ["id:ID", ":LABEL", "label", "aliases:string[]", "evidence"]);
/// assert_eq!(tables[2].file_name, "rels_MEDIATES.csv");
/// assert_eq!(tables[2].header, [":START_ID", ":END_ID", ":TYPE", "evidence"]);
/// ```
pub fn neo4j_tables(graph: &Graph) -> Vec<CsvTable> {
    let mut tables = Vec::new();
    for (t, nodes) in nodes_by_type(graph) {
        let label = node_label(t);
        let cols = columns(nodes.iter().map(|n| &n.attrs), &NODE_RESERVED);
        let mut header: Vec<String> = vec![
            "id:ID".into(),
            ":LABEL".into(),
            "label".into(),
            "aliases:string[]".into(),
        ];
        header.extend(cols.iter().map(neo4j_column));
        // Typed dates beside the ISO text of `date` (which may be partial): the
        // first and last day it stands for, as Neo4j `date` values.
        let spans = |n: &Node| n.attr_str("date").and_then(super::gexf::interval);
        let dated = nodes.iter().any(|n| spans(n).is_some());
        if dated {
            header.push("start:date".into());
            header.push("end:date".into());
        }
        header.push("evidence".into());
        let rows = nodes
            .iter()
            .map(|n| {
                let mut row = vec![
                    Some(n.id.clone()),
                    Some(label.to_string()),
                    Some(n.label.clone()),
                    (!n.aliases.is_empty()).then(|| n.aliases.join(";")),
                ];
                row.extend(cols.iter().map(|c| cell(c, &n.attrs, neo4j_list)));
                if dated {
                    let (start, end) = spans(n).unzip();
                    row.push(start);
                    row.push(end);
                }
                row.push(evidence_cell(&n.evidence));
                row
            })
            .collect();
        tables.push(CsvTable {
            file_name: format!("nodes_{label}.csv"),
            header,
            rows,
        });
    }
    for (t, edges) in edges_by_type(graph) {
        let ty = rel_type(t);
        let cols = columns(edges.iter().map(|e| &e.attrs), &EDGE_RESERVED);
        let mut header: Vec<String> = vec![":START_ID".into(), ":END_ID".into(), ":TYPE".into()];
        header.extend(cols.iter().map(neo4j_column));
        header.push("evidence".into());
        let rows = edges
            .iter()
            .map(|e| {
                let mut row = vec![
                    Some(e.source.clone()),
                    Some(e.target.clone()),
                    Some(ty.to_string()),
                ];
                row.extend(cols.iter().map(|c| cell(c, &e.attrs, neo4j_list)));
                row.push(evidence_cell(&e.evidence));
                row
            })
            .collect();
        tables.push(CsvTable {
            file_name: format!("rels_{ty}.csv"),
            header,
            rows,
        });
    }
    tables
}

/// Writes `import.sh`: the `neo4j-admin database import full` command (Neo4j 5)
/// that loads `tables` into a database named `wasit`.
///
/// ```
/// use wasit::export::csv::{neo4j_tables, write_neo4j_import_script};
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// let mut out = Vec::new();
/// write_neo4j_import_script(&neo4j_tables(&g), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("  --nodes=nodes_State.csv \\\n"));
/// ```
pub fn write_neo4j_import_script<W: Write>(tables: &[CsvTable], w: &mut W) -> io::Result<()> {
    w.write_all(
        b"#!/bin/sh\n\
          # Loads these CSV files into a new Neo4j 5 database named wasit (written by wasit export).\n\
          # neo4j-admin import writes a database that does not exist yet: stop the wasit\n\
          # database first (an existing one is replaced: --overwrite-destination).\n\
          # Then: ./import.sh [neo4j-admin flags]; start Neo4j, run CREATE DATABASE wasit\n\
          # (Enterprise) or set it as the default database, and add the constraints:\n\
          # cypher-shell -d wasit < schema.cypher\n\
          set -e\n\
          cd \"$(dirname \"$0\")\"\n\
          neo4j-admin database import full wasit --overwrite-destination \\\n  \
          --array-delimiter=';' --multiline-fields=true \\\n",
    )?;
    for t in tables {
        let flag = if t.file_name.starts_with("nodes_") {
            "nodes"
        } else {
            "relationships"
        };
        writeln!(w, "  --{flag}={} \\", t.file_name)?;
    }
    w.write_all(b"  \"$@\"\n")
}

/// Writes `schema.cypher` for Neo4j 5: a uniqueness constraint on `id` for every node
/// label (which also indexes it, for MERGE and lookups) and indexes on the
/// properties queries filter by (`label`, a meeting's `date`). Each statement is
/// idempotent (`IF NOT EXISTS`), one per line.
///
/// ```
/// let mut out = Vec::new();
/// wasit::export::csv::write_neo4j_schema(&mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("CREATE CONSTRAINT wasit_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;"));
/// ```
pub fn write_neo4j_schema<W: Write>(w: &mut W) -> io::Result<()> {
    w.write_all(b"// Neo4j 5 constraints and indexes written by wasit export; run after import.sh:\n// cypher-shell -d wasit < schema.cypher\n")?;
    for t in NodeType::ALL {
        let label = node_label(t);
        let lower = label.to_ascii_lowercase();
        writeln!(
            w,
            "CREATE CONSTRAINT wasit_{lower}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
        )?;
        writeln!(
            w,
            "CREATE INDEX wasit_{lower}_label IF NOT EXISTS FOR (n:{label}) ON (n.label);"
        )?;
    }
    w.write_all(b"CREATE INDEX wasit_meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date);\n")
}

/// The Kùzu / Ladybug export: the schema, the CSV tables and the `COPY` statements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KuzuExport {
    /// `CREATE NODE TABLE` and `CREATE REL TABLE` statements.
    pub schema: Vec<String>,
    /// The CSV files, named as `load` expects.
    pub tables: Vec<CsvTable>,
    /// `COPY` statements, in load order (node tables first).
    pub load: Vec<String>,
}

impl KuzuExport {
    /// Writes `schema.cypher`: one statement per line.
    pub fn write_schema<W: Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(
            b"// Kuzu / Ladybug schema written by wasit export; run before load.cypher.\n",
        )?;
        for s in &self.schema {
            writeln!(w, "{s}")?;
        }
        Ok(())
    }

    /// Writes `load.cypher`: first `MATCH (n) DETACH DELETE n;`, so that running it
    /// again replaces the graph instead of failing on duplicate keys, then one `COPY`
    /// per line. With `folder`, the CSV files are named by their path in it (give an
    /// absolute folder and the script runs from anywhere); without, relative to the
    /// folder it is run from.
    ///
    /// ```
    /// use wasit::export::csv::kuzu_export;
    /// use wasit::model::{Graph, Node, NodeType};
    /// let mut g = Graph::default();
    /// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
    /// let mut out = Vec::new();
    /// kuzu_export(&g).write_load_in(Some("/data/kuzu".as_ref()), &mut out).unwrap();
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.contains("MATCH (n) DETACH DELETE n;\nCOPY State FROM \"/data/kuzu/nodes_State.csv\""));
    /// ```
    pub fn write_load_in<W: Write>(
        &self,
        folder: Option<&std::path::Path>,
        w: &mut W,
    ) -> io::Result<()> {
        w.write_all(
            b"// Kuzu / Ladybug load written by wasit export; run after schema.cypher (both can\n\
              // run again: the tables exist, the old graph is deleted first).\n\
              MATCH (n) DETACH DELETE n;\n",
        )?;
        let prefix = folder.map(|f| {
            let f = f.display().to_string();
            let f = f.replace('\\', "\\\\").replace('"', "\\\"");
            format!("FROM \"{}/", f.trim_end_matches('/'))
        });
        for s in &self.load {
            match &prefix {
                Some(p) => writeln!(w, "{}", s.replacen("FROM \"", p, 1))?,
                None => writeln!(w, "{s}")?,
            }
        }
        Ok(())
    }

    /// [`KuzuExport::write_load_in`] with paths relative to the folder it is run from.
    pub fn write_load<W: Write>(&self, w: &mut W) -> io::Result<()> {
        self.write_load_in(None, w)
    }
}

fn kuzu_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Bool => "BOOLEAN",
        Kind::Int => "INT64",
        Kind::Float => "DOUBLE",
        Kind::StrList => "STRING[]",
        Kind::Str => "STRING",
    }
}

/// The Kùzu layout of the graph (see the module docs).
///
/// ```
/// use wasit::export::csv::kuzu_export;
/// use wasit::model::{Edge, EdgeType, Graph, Node, NodeType};
/// let mut g = Graph::default();
/// g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
/// g.add_node(Node::new("meeting:1", NodeType::Meeting, "محادثات مسقط"));
/// g.add_edge(Edge::new("state:OM", EdgeType::Mediates, "meeting:1"));
/// let k = kuzu_export(&g);
/// assert!(k.schema.contains(&"CREATE REL TABLE IF NOT EXISTS MEDIATES(FROM State TO Meeting, `evidence` STRING);".to_string()));
/// assert!(k.load.contains(&"COPY MEDIATES FROM \"rels_MEDIATES_State_Meeting.csv\" (HEADER=true, PARALLEL=false, from='State', to='Meeting');".to_string()));
/// ```
pub fn kuzu_export(graph: &Graph) -> KuzuExport {
    let mut out = KuzuExport::default();
    let by_type = nodes_by_type(graph);
    for t in NodeType::ALL {
        let label = node_label(t);
        let nodes = by_type.get(&t).map(Vec::as_slice).unwrap_or_default();
        let cols = columns(nodes.iter().map(|n| &n.attrs), &NODE_RESERVED);
        let mut props = vec![
            "`id` STRING".to_string(),
            "`label` STRING".into(),
            "`aliases` STRING[]".into(),
        ];
        props.extend(
            cols.iter()
                .map(|c| format!("`{}` {}", c.name, kuzu_type(c.kind))),
        );
        props.push("`evidence` STRING".into());
        out.schema.push(format!(
            "CREATE NODE TABLE IF NOT EXISTS {label}({}, PRIMARY KEY(`id`));",
            props.join(", ")
        ));
        if nodes.is_empty() {
            continue;
        }
        let mut header: Vec<String> = vec!["id".into(), "label".into(), "aliases".into()];
        header.extend(cols.iter().map(|c| c.name.clone()));
        header.push("evidence".into());
        let rows = nodes
            .iter()
            .map(|n| {
                let aliases: Vec<&str> = n.aliases.iter().map(String::as_str).collect();
                let mut row = vec![
                    Some(n.id.clone()),
                    Some(n.label.clone()),
                    Some(kuzu_list(&aliases)),
                ];
                row.extend(cols.iter().map(|c| cell(c, &n.attrs, kuzu_list)));
                row.push(evidence_cell(&n.evidence));
                row
            })
            .collect();
        let file_name = format!("nodes_{label}.csv");
        out.load.push(format!(
            "COPY {label} FROM \"{file_name}\" (HEADER=true, PARALLEL=false);"
        ));
        out.tables.push(CsvTable {
            file_name,
            header,
            rows,
        });
    }
    for (t, edges) in edges_by_type(graph) {
        let ty = rel_type(t);
        let cols = columns(edges.iter().map(|e| &e.attrs), &EDGE_RESERVED);
        let mut pairs: BTreeMap<(NodeType, NodeType), Vec<&Edge>> = BTreeMap::new();
        for e in edges {
            if let (Some(a), Some(b)) = (graph.node(&e.source), graph.node(&e.target)) {
                pairs.entry((a.node_type, b.node_type)).or_default().push(e);
            }
        }
        if pairs.is_empty() {
            continue;
        }
        let mut parts: Vec<String> = pairs
            .keys()
            .map(|(a, b)| format!("FROM {} TO {}", node_label(*a), node_label(*b)))
            .collect();
        parts.extend(
            cols.iter()
                .map(|c| format!("`{}` {}", c.name, kuzu_type(c.kind))),
        );
        parts.push("`evidence` STRING".into());
        out.schema.push(format!(
            "CREATE REL TABLE IF NOT EXISTS {ty}({});",
            parts.join(", ")
        ));
        for ((a, b), edges) in pairs {
            let (from, to) = (node_label(a), node_label(b));
            let mut header: Vec<String> = vec!["from".into(), "to".into()];
            header.extend(cols.iter().map(|c| c.name.clone()));
            header.push("evidence".into());
            let rows = edges
                .iter()
                .map(|e| {
                    let mut row = vec![Some(e.source.clone()), Some(e.target.clone())];
                    row.extend(cols.iter().map(|c| cell(c, &e.attrs, kuzu_list)));
                    row.push(evidence_cell(&e.evidence));
                    row
                })
                .collect();
            let file_name = format!("rels_{ty}_{from}_{to}.csv");
            out.load.push(format!(
                "COPY {ty} FROM \"{file_name}\" (HEADER=true, PARALLEL=false, from='{from}', to='{to}');"
            ));
            out.tables.push(CsvTable {
                file_name,
                header,
                rows,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
    use serde_json::json;

    fn sample() -> Graph {
        let mut g = Graph::default();
        let mut p = Node::new("person:x", NodeType::Person, "مصدر \"مطلع\", \\ ثم");
        p.aliases = vec!["مصدر".into(), "مطلع".into()];
        p.attrs.insert("anonymous".into(), json!(true));
        p.evidence.push(Evidence {
            doc: "a.txt".into(),
            start: 0,
            end: 8,
        });
        g.add_node(p);
        let mut m = Node::new("meeting:1", NodeType::Meeting, "محادثات\nالدوحة");
        m.attrs.insert("date".into(), json!("2025-01"));
        m.attrs.insert("round".into(), json!(3));
        g.add_node(m);
        g.add_node(Node::new("state:QA", NodeType::State, "قطر"));
        let mut e = Edge::new("person:x", EdgeType::ParticipatesIn, "meeting:1");
        e.attrs.insert("role".into(), json!("رئيس الوفد"));
        g.add_edge(e);
        g.add_edge(Edge::new("state:QA", EdgeType::Mediates, "meeting:1"));
        g.add_edge(Edge::new("person:x", EdgeType::Mediates, "meeting:1"));
        g
    }

    fn text(t: &CsvTable) -> String {
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn neo4j_layout() {
        let tables = neo4j_tables(&sample());
        let names: Vec<&str> = tables.iter().map(|t| t.file_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "nodes_Person.csv",
                "nodes_State.csv",
                "nodes_Meeting.csv",
                "rels_PARTICIPATES_IN.csv",
                "rels_MEDIATES.csv"
            ]
        );
        assert_eq!(
            text(&tables[0]),
            "id:ID,:LABEL,label,aliases:string[],anonymous:boolean,evidence\n\
             person:x,Person,\"مصدر \"\"مطلع\"\", \\ ثم\",مصدر;مطلع,true,\"[{\"\"doc\"\":\"\"a.txt\"\",\"\"start\"\":0,\"\"end\"\":8}]\"\n"
        );
        assert_eq!(
            text(&tables[2]),
            "id:ID,:LABEL,label,aliases:string[],date,round:long,start:date,end:date,evidence\nmeeting:1,Meeting,\"محادثات\nالدوحة\",,2025-01,3,2025-01-01,2025-01-31,\n"
        );
        assert_eq!(text(&tables[3]), ":START_ID,:END_ID,:TYPE,role,evidence\nperson:x,meeting:1,PARTICIPATES_IN,رئيس الوفد,\n");
        let mut script = Vec::new();
        write_neo4j_import_script(&tables, &mut script).unwrap();
        let script = String::from_utf8(script).unwrap();
        assert!(script.contains("  --relationships=rels_MEDIATES.csv \\\n  \"$@\"\n"));
    }

    #[test]
    fn kuzu_layout() {
        let k = kuzu_export(&sample());
        assert_eq!(k.schema.len(), 6 + 2);
        assert_eq!(
            k.schema[0],
            "CREATE NODE TABLE IF NOT EXISTS Person(`id` STRING, `label` STRING, `aliases` STRING[], `anonymous` BOOLEAN, `evidence` STRING, PRIMARY KEY(`id`));"
        );
        assert_eq!(k.schema[7], "CREATE REL TABLE IF NOT EXISTS MEDIATES(FROM Person TO Meeting, FROM State TO Meeting, `evidence` STRING);");
        let names: Vec<&str> = k.tables.iter().map(|t| t.file_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "nodes_Person.csv",
                "nodes_State.csv",
                "nodes_Meeting.csv",
                "rels_PARTICIPATES_IN_Person_Meeting.csv",
                "rels_MEDIATES_Person_Meeting.csv",
                "rels_MEDIATES_State_Meeting.csv"
            ]
        );
        assert!(text(&k.tables[0]).contains(",\"[مصدر,مطلع]\",true,"));
        assert_eq!(
            text(&k.tables[1]),
            "id,label,aliases,evidence\nstate:QA,قطر,[],\n"
        );
        assert_eq!(k.load.len(), 6);
    }
}
