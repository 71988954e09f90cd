//! Export stage: loading a graph straight into a FalkorDB server (`wasit load
//! falkordb`), over Redis's protocol (RESP) on TCP: no client library.
//!
//! FalkorDB's `GRAPH.QUERY` takes one statement, so the Cypher script of
//! [`super::cypher`] is sent statement by statement (its statements end with `;` at
//! the end of a line, and its strings never span lines). Before the nodes, an index
//! on `id` for every label makes each `MERGE` a lookup (8k nodes: ~15 s instead of
//! 72–109 s). After them, meetings and claims with a date get `start` and `end` as
//! typed dates (`date()`; `2024-05` spans the month), beside the ISO text of
//! `date`. With `replace`, the graph is deleted first, so that nothing of an older
//! load stays; without it, loading is idempotent (`MERGE` on ids) and adds.

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::cypher::{node_label, write_cypher};
use super::gexf::interval;
use crate::model::{Graph, NodeType};

/// Why a load failed.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The URL is not `redis://HOST:PORT` (or `HOST:PORT`).
    #[error("{url}: not a redis://HOST:PORT address")]
    Url {
        /// The URL given.
        url: String,
    },
    /// The server could not be reached or the connection broke.
    #[error("{url}: {error}")]
    Io {
        /// The server.
        url: String,
        /// What went wrong.
        error: io::Error,
    },
    /// The server refused a statement.
    #[error("{url}: FalkorDB refused statement {index} ({error}): {statement}")]
    Query {
        /// The server.
        url: String,
        /// Which statement (1-based).
        index: usize,
        /// Its start.
        statement: String,
        /// What the server said.
        error: String,
    },
}

/// What a load did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Statements sent (indexes, batches, dates).
    pub statements: usize,
    /// Whether an older graph of that name was deleted first.
    pub replaced: bool,
}

/// The statements a load sends, in order: the index on `id` of each label, the
/// script's batches, then the typed dates.
///
/// ```
/// use wasit::export::falkordb::statements;
/// use wasit::model::{Graph, Node, NodeType};
/// let mut g = Graph::default();
/// let mut m = Node::new("meeting:1", NodeType::Meeting, "محادثات؛ مسقط");
/// m.attrs.insert("date".into(), "2024-05".into());
/// g.add_node(m);
/// let s = statements(&g);
/// assert_eq!(s[0], "CREATE INDEX FOR (n:Person) ON (n.id)");
/// assert!(s.iter().any(|q| q.starts_with("UNWIND [") && q.contains("MERGE (n:Meeting")));
/// assert!(s.last().unwrap().contains("SET n.start = date(row.start), n.end = date(row.end)"));
/// assert!(s.last().unwrap().contains(r#"{id: "meeting:1", start: "2024-05-01", end: "2024-05-31"}"#));
/// ```
pub fn statements(graph: &Graph) -> Vec<String> {
    let mut out: Vec<String> = NodeType::ALL
        .iter()
        .map(|&t| format!("CREATE INDEX FOR (n:{}) ON (n.id)", node_label(t)))
        .collect();
    let mut script = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_cypher(graph, &mut script);
    let script = String::from_utf8_lossy(&script);
    let mut current = String::new();
    for line in script.lines() {
        if current.is_empty() && (line.trim().is_empty() || line.starts_with("//")) {
            continue;
        }
        current.push_str(line);
        if let Some(done) = current.strip_suffix(';') {
            out.push(done.to_string());
            current.clear();
        } else {
            current.push('\n');
        }
    }
    for t in [NodeType::Meeting, NodeType::Claim] {
        let rows: Vec<String> = graph
            .nodes()
            .filter(|n| n.node_type == t)
            .filter_map(|n| {
                let (start, end) = interval(n.attr_str("date")?)?;
                Some(format!(
                    "{{id: {}, start: \"{start}\", end: \"{end}\"}}",
                    serde_json::Value::String(n.id.clone())
                ))
            })
            .collect();
        for batch in rows.chunks(super::cypher::BATCH) {
            out.push(format!(
                "UNWIND [{}] AS row MATCH (n:{} {{id: row.id}}) SET n.start = date(row.start), n.end = date(row.end)",
                batch.join(", "),
                node_label(t)
            ));
        }
    }
    out
}

/// Loads `graph` into the FalkorDB graph `name` at `url` (`redis://HOST:PORT`).
pub fn load(graph: &Graph, url: &str, name: &str, replace: bool) -> Result<LoadReport, LoadError> {
    let addr = address(url).ok_or_else(|| LoadError::Url { url: url.into() })?;
    let io_err = |error: io::Error| LoadError::Io {
        url: url.into(),
        error,
    };
    let stream = TcpStream::connect(&addr).map_err(io_err)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(600)))
        .map_err(io_err)?;
    let mut conn = Conn {
        reader: BufReader::new(stream.try_clone().map_err(io_err)?),
        writer: stream,
    };
    let mut report = LoadReport::default();
    if replace {
        // Deleting a graph that does not exist is an error: nothing to replace.
        report.replaced = conn.call(&["GRAPH.DELETE", name]).map_err(io_err)?.is_ok();
    }
    for (i, statement) in statements(graph).iter().enumerate() {
        let reply = conn
            .call(&["GRAPH.QUERY", name, statement])
            .map_err(io_err)?;
        if let Err(error) = reply {
            // An index made by an earlier load is no failure.
            if statement.starts_with("CREATE INDEX") && error.contains("already indexed") {
                continue;
            }
            return Err(LoadError::Query {
                url: url.into(),
                index: i + 1,
                statement: statement.chars().take(120).collect(),
                error,
            });
        }
        report.statements += 1;
    }
    Ok(report)
}

/// `HOST:PORT` of `redis://[user@]HOST[:PORT][/db]` or `HOST[:PORT]`; port 6379 by default.
///
/// ```
/// use wasit::export::falkordb::address;
/// assert_eq!(address("redis://127.0.0.1:6380").as_deref(), Some("127.0.0.1:6380"));
/// assert_eq!(address("localhost").as_deref(), Some("localhost:6379"));
/// assert_eq!(address("http://x"), None);
/// ```
pub fn address(url: &str) -> Option<String> {
    let rest = match url.split_once("://") {
        Some(("redis", rest)) => rest,
        Some(_) => return None,
        None => url,
    };
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let hostport = rest.split('/').next()?;
    if hostport.is_empty() {
        return None;
    }
    Some(if hostport.contains(':') {
        hostport.to_string()
    } else {
        format!("{hostport}:6379")
    })
}

/// One connection: commands out, replies in.
struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    /// Sends a command; the reply, or the error the server answered with.
    fn call(&mut self, args: &[&str]) -> io::Result<Result<(), String>> {
        let mut buf = format!("*{}\r\n", args.len()).into_bytes();
        for a in args {
            buf.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            buf.extend_from_slice(a.as_bytes());
            buf.extend_from_slice(b"\r\n");
        }
        self.writer.write_all(&buf)?;
        let mut first_error = None;
        read_reply(&mut self.reader, &mut first_error)?;
        Ok(match first_error {
            Some(e) => Err(e),
            None => Ok(()),
        })
    }
}

/// Reads one RESP reply, keeping the first error it holds (at any depth: a query
/// that fails while running answers with an error inside its array).
fn read_reply<R: BufRead>(r: &mut R, error: &mut Option<String>) -> io::Result<()> {
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed",
        ));
    }
    let line = line.trim_end_matches(['\r', '\n']);
    let (kind, rest) = line.split_at(line.len().min(1));
    let number = || -> io::Result<i64> {
        rest.parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, format!("bad reply {line:?}")))
    };
    match kind {
        "+" | ":" | "," | "_" | "#" => {}
        "-" => {
            error.get_or_insert_with(|| rest.to_string());
        }
        "$" => {
            let n = number()?;
            if n >= 0 {
                let mut body = vec![0; n as usize + 2];
                r.read_exact(&mut body)?;
            }
        }
        "*" | "%" | "~" => {
            let n = number()?;
            let items = if kind == "%" { 2 * n } else { n };
            for _ in 0..items.max(0) {
                read_reply(r, error)?;
            }
        }
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("bad reply {line:?}"),
            ))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_to_the_end_and_errors_kept() {
        let data = b"*3\r\n*1\r\n$5\r\nhello\r\n*2\r\n:1\r\n-ERR nested\r\n+OK\r\n-ERR top\r\n";
        let mut r = &data[..];
        let mut e = None;
        read_reply(&mut r, &mut e).unwrap();
        assert_eq!(e.as_deref(), Some("ERR nested"));
        let mut e = None;
        read_reply(&mut r, &mut e).unwrap();
        assert_eq!(e.as_deref(), Some("ERR top"));
        assert!(read_reply(&mut r, &mut None).is_err(), "end of stream");
    }

    #[test]
    fn statements_split_where_the_script_ends_them() {
        use crate::model::Node;
        let mut g = Graph::default();
        g.add_node(Node::new("person:x", NodeType::Person, "قال; ثم\nمضى;"));
        let s = statements(&g);
        let merges: Vec<&String> = s.iter().filter(|q| q.contains("MERGE")).collect();
        assert_eq!(merges.len(), 1, "{s:?}");
        assert!(!merges[0].ends_with(';'));
    }
}
