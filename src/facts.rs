//! The facts stream (`facts.jsonl`): one JSON object per document — its id, its
//! metadata, the fingerprint that tells syndicated copies apart, and the facts
//! extracted from it (with byte spans into its text). `wasit extract` writes it;
//! `wasit merge` reads any number of such files and builds the graph.
//!
//! The graph is a function of the *set* of records: [`union`] sorts them by
//! document id and keeps one record per id, and [`graph_of`] decides copies and
//! merges in that order. So merging shards in any grouping and any order is the
//! same as merging them all at once (associative, commutative, idempotent), and
//! the same as `wasit build` on the whole corpus, which runs the same
//! [`graph_of`] on the same records.
//!
//! ```
//! use wasit::facts::{graph_of, union, Record};
//! use wasit::lexicon::Lexicon;
//! use wasit::model::Document;
//! let lex = Lexicon::embedded();
//! let a = Record::of(&Document::new("a.txt", "التقى وزير الخارجية العماني بدر البوسعيدي نظيره الإيراني في مسقط."), lex);
//! let b = Record::of(&Document::new("b.txt", "قال وزير الخارجية القطري إن المحادثات بناءة."), lex);
//! let whole = graph_of(&union(vec![a.clone(), b.clone()]).records, false, None);
//! let halves = graph_of(&union(vec![b, a]).records, false, None);
//! assert_eq!(whole.to_json(), halves.to_json());
//! ```

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::extract::{extract, DocFacts};
use crate::lexicon::Lexicon;
use crate::model::{DocMeta, Document, Graph, GraphHeader};
use crate::syndication::{copies_of, print, Print};

/// One document's line in `facts.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The document id (the merge key of evidence).
    pub doc: String,
    /// Its metadata.
    #[serde(default)]
    pub meta: DocMeta,
    /// Its fingerprint, for telling copies apart at the merge.
    pub print: Print,
    /// What was extracted from it.
    pub facts: DocFacts,
}

impl Record {
    /// Fingerprints and extracts one document.
    pub fn of(doc: &Document, lex: &Lexicon) -> Record {
        Record {
            doc: doc.id.clone(),
            meta: doc.meta.clone(),
            print: print(doc),
            facts: extract(doc, lex),
        }
    }
}

/// A problem reading a facts file: the file, the line, what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct FactsError {
    /// The file (or `-` for stdin).
    pub path: String,
    /// The line (1-based; 0 when the file could not be read at all).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Writes records, one JSON object per line.
pub fn write_records<'a, W: Write>(
    mut w: W,
    records: impl IntoIterator<Item = &'a Record>,
) -> std::io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut w, r)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

/// Reads the records of one facts file (blank lines are skipped). The first bad
/// line ends the read with an error naming the file and the line.
pub fn read_records(path: &str, reader: impl BufRead) -> Result<Vec<Record>, FactsError> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let error = |message: String| FactsError {
            path: path.to_string(),
            line: i + 1,
            message,
        };
        let line = line.map_err(|e| error(format!("cannot read: {e}")))?;
        let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(line).map_err(|e| {
            error(format!(
                "not a wasit facts record ({e}); facts files are written by `wasit extract`"
            ))
        })?;
        if record.facts.doc != record.doc {
            return Err(error(format!(
                "the record of {:?} holds the facts of {:?}",
                record.doc, record.facts.doc
            )));
        }
        out.push(record);
    }
    Ok(out)
}

/// Records sorted by document id, one per id, and what was said on the way.
#[derive(Debug, Default)]
pub struct Union {
    /// The records.
    pub records: Vec<Record>,
    /// Documents given twice with different facts (the record kept is the one
    /// whose JSON sorts first, whatever the order of the inputs).
    pub conflicts: Vec<String>,
}

/// The set of records: sorted by document id, duplicates dropped. Two different
/// records for one id (extracted by different versions, or from different texts)
/// keep the one whose JSON sorts first, so that the choice does not depend on the
/// order of the inputs, and the id is listed in [`Union::conflicts`].
pub fn union(records: Vec<Record>) -> Union {
    let mut keyed: Vec<(String, Record)> = records
        .into_iter()
        .map(|r| (serde_json::to_string(&r).unwrap_or_default(), r))
        .collect();
    keyed.sort_by(|(ja, a), (jb, b)| a.doc.cmp(&b.doc).then_with(|| ja.cmp(jb)));
    let mut out = Union::default();
    let mut last: Option<String> = None;
    for (json, r) in keyed {
        match out.records.last() {
            Some(prev) if prev.doc == r.doc => {
                if last.as_deref() != Some(json.as_str()) && out.conflicts.last() != Some(&r.doc) {
                    out.conflicts.push(r.doc.clone());
                }
            }
            _ => {
                last = Some(json);
                out.records.push(r);
            }
        }
    }
    out
}

/// The graph of records sorted by document id (as [`union`] gives them): copies
/// are found in that order unless `keep_copies`, and add a source, not facts;
/// `max_evidence` caps each node's and edge's evidence (`--max-evidence`).
pub fn graph_of(records: &[Record], keep_copies: bool, max_evidence: Option<usize>) -> Graph {
    let copy_of = if keep_copies {
        vec![None; records.len()]
    } else {
        let prints: Vec<Print> = records.iter().map(|r| r.print.clone()).collect();
        copies_of(&prints)
    };
    let docs: Vec<(String, DocMeta)> = records
        .iter()
        .map(|r| (r.doc.clone(), r.meta.clone()))
        .collect();
    let facts: Vec<&DocFacts> = records
        .iter()
        .zip(&copy_of)
        .filter(|(_, c)| c.is_none())
        .map(|(r, _)| &r.facts)
        .collect();
    crate::graph::build_capped(&facts, header_of(docs, &copy_of), max_evidence)
}

/// The graph header of documents in their order, with the copy each one is.
pub fn header_of(docs: Vec<(String, DocMeta)>, copy_of: &[Option<usize>]) -> GraphHeader {
    let ids: Vec<String> = docs.iter().map(|(id, _)| id.clone()).collect();
    let mut header = GraphHeader::new(docs);
    for (h, c) in header.documents.iter_mut().zip(copy_of) {
        h.copy_of = c.map(|o| ids[o].clone());
    }
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, text: &str) -> Record {
        Record::of(&Document::new(id, text), Lexicon::embedded())
    }

    #[test]
    fn records_round_trip_through_json_lines() {
        let r = record(
            "a.txt",
            "قال وزير الخارجية العماني بدر البوسعيدي إن المحادثات بين إيران والولايات المتحدة في مسقط بناءة.",
        );
        let mut buf = Vec::new();
        write_records(&mut buf, [&r]).unwrap();
        let back = read_records("f.jsonl", buf.as_slice()).unwrap();
        assert_eq!(back, vec![r]);
    }

    #[test]
    fn a_bad_line_is_named_by_file_and_line() {
        let r = record("a.txt", "وصل الوفد إلى مسقط.");
        let mut buf = Vec::new();
        write_records(&mut buf, [&r]).unwrap();
        buf.extend_from_slice(b"\n{\"doc\": 3}\n");
        let e = read_records("shard-1.jsonl", buf.as_slice()).unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("shard-1.jsonl", 3));
        assert!(e
            .to_string()
            .starts_with("shard-1.jsonl:3: not a wasit facts record"));
    }

    #[test]
    fn union_keeps_one_record_per_document_whatever_the_order() {
        let a = record("a.txt", "وصل الوفد الإيراني إلى مسقط.");
        let b = record("b.txt", "وصل الوفد الأمريكي إلى مسقط.");
        let b2 = record("b.txt", "وصل الوفد القطري إلى الدوحة.");
        let one = union(vec![a.clone(), b.clone(), b2.clone(), a.clone()]);
        let two = union(vec![b2, a.clone(), b]);
        assert_eq!(one.records, two.records);
        assert_eq!(one.records.len(), 2);
        assert_eq!(one.conflicts, ["b.txt"]);
        assert!(union(vec![a.clone(), a]).conflicts.is_empty());
    }
}
