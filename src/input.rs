//! Reading inputs: text files, folders of them (recursively), HTML pages (markup
//! stripped), JSON Lines corpora, standard input, and `manifest.csv` metadata.
//! Every problem names its file (and line): `path: what is wrong`.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{DocMeta, Document};

/// Files larger than this are refused (a news article is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A problem with one input, naming it.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The file (and line, as `file:line`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn err(path: impl AsRef<Path>, message: impl Into<String>) -> InputError {
    InputError {
        path: path.as_ref().display().to_string(),
        message: message.into(),
    }
}

/// Documents read, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The documents, sorted by id (the order of the inputs does not matter).
    pub docs: Vec<Document>,
    /// One error per bad input.
    pub errors: Vec<InputError>,
    /// Inputs read, with something to say: a file decoded from an encoding other
    /// than UTF-8 (its evidence offsets index its UTF-8 text, not the file).
    pub notes: Vec<InputError>,
}

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<Value2>,
    text: Option<String>,
    date: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Value2 {
    S(String),
    N(i64),
}

/// Decodes a file's bytes as text, refusing binary data and empty files. A UTF-8
/// byte order mark is kept, so that byte offsets into the text are offsets into the
/// file (folding drops the mark); readers of structured files skip it with
/// [`strip_bom`]. UTF-16 with a byte order mark and Windows-1256 (legacy Arabic) are
/// decoded too: see [`decode_any`].
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    decode_any(path, bytes).map(|(text, _)| text)
}

/// [`decode`], also saying which encoding other than UTF-8 the text was read from
/// (`UTF-16LE`, `UTF-16BE`, `windows-1256`): evidence offsets then index the UTF-8
/// text, not the file's bytes.
///
/// - A NUL byte anywhere is binary data (the offset named), as in UTF-8 no text
///   holds one; UTF-16 is recognized by its byte order mark before that check.
/// - Bytes that are not UTF-8 are read as Windows-1256 when that gives Arabic text
///   (at least four in five of the non-ASCII characters Arabic letters, no control
///   characters); otherwise the error names the offset of the first bad byte.
///
/// ```
/// use std::path::Path;
/// use wasit::input::decode_any;
/// // «قال» in Windows-1256.
/// let (text, enc) = decode_any(Path::new("a.txt"), vec![0xDE, 0xC7, 0xE1]).unwrap();
/// assert_eq!((text.as_str(), enc), ("قال", Some("windows-1256")));
/// let mut utf16 = vec![0xFF, 0xFE];
/// utf16.extend("قال".encode_utf16().flat_map(u16::to_le_bytes));
/// assert_eq!(decode_any(Path::new("b.txt"), utf16).unwrap().1, Some("UTF-16LE"));
/// let err = decode_any(Path::new("c.txt"), b"text\0more".to_vec()).unwrap_err();
/// assert_eq!(err.to_string(), "c.txt: binary data, not a text file (a NUL byte at offset 4)");
/// ```
pub fn decode_any(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(String, Option<&'static str>), InputError> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
        Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let (text, encoding) = if let Some(enc) = utf16 {
        let text = enc
            .decode_without_bom_handling_and_without_replacement(&bytes[2..])
            .ok_or_else(|| {
                err(
                    path,
                    format!(
                        "not {} text (it starts with its byte order mark)",
                        enc.name()
                    ),
                )
            })?
            .into_owned();
        if let Some(at) = text.find('\0') {
            return Err(err(
                path,
                format!("binary data, not a text file (a NUL character at offset {at} of its UTF-8 text)"),
            ));
        }
        (text, Some(enc.name()))
    } else {
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(err(
                path,
                format!("binary data, not a text file (a NUL byte at offset {at})"),
            ));
        }
        match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                match windows_1256(&bytes) {
                    Some(text) => (text, Some(encoding_rs::WINDOWS_1256.name())),
                    None => {
                        return Err(err(
                            path,
                            format!(
                                "not UTF-8 text (invalid byte at offset {at}), nor Arabic in \
                                 Windows-1256; convert it to UTF-8 (iconv -f ENCODING -t UTF-8)"
                            ),
                        ))
                    }
                }
            }
        }
    };
    if strip_bom(&text).trim().is_empty() {
        return Err(err(path, "empty file"));
    }
    Ok((text, encoding))
}

/// The text of bytes in Windows-1256 when they read as Arabic: at least four in five
/// of the non-ASCII characters Arabic (U+0600–U+06FF) and no control character
/// other than tab, line and page breaks. Any byte decodes in Windows-1256, so the
/// test is what keeps Latin-1 or binary data from being read as Arabic.
fn windows_1256(bytes: &[u8]) -> Option<String> {
    let (text, _, had_errors) = encoding_rs::WINDOWS_1256.decode(bytes);
    if had_errors {
        return None;
    }
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' | '\x0c' => {}
            c if c.is_control() => return None,
            c if c.is_ascii() => {}
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            _ => other += 1,
        }
    }
    (arabic > 0 && arabic >= 4 * other).then(|| text.into_owned())
}

/// The text after a UTF-8 byte order mark, if it has one.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let meta = fs::metadata(path).map_err(|e| err(path, e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(
            path,
            format!(
                "too large ({} bytes; the limit is {MAX_FILE_BYTES})",
                meta.len()
            ),
        ));
    }
    fs::read(path).map_err(|e| err(path, e.to_string()))
}

/// Strips an HTML page to its text.
pub fn html_to_text(html: &str) -> String {
    html2text::config::plain()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_else(|_| html.to_string())
}

/// Parses a manifest CSV (`file` column and any of `date`, `url`, `outlet`, `title`).
pub fn read_manifest(path: &Path) -> Result<HashMap<String, DocMeta>, InputError> {
    let text = decode(path, read_bytes(path)?)?;
    parse_manifest(path, &text)
}

/// Parses the text of a manifest CSV read from `path` (named in errors, with the line).
///
/// ```
/// use std::path::Path;
/// let text = "file,date,outlet\na.txt,2026-02-06,العربية\n";
/// let meta = wasit::input::parse_manifest(Path::new("manifest.csv"), text).unwrap();
/// assert_eq!(meta["a.txt"].date.as_deref(), Some("2026-02-06"));
/// let err = wasit::input::parse_manifest(Path::new("m.csv"), "file,date\na.txt,أمس\n").unwrap_err();
/// assert_eq!(err.path, "m.csv:2");
/// ```
pub fn parse_manifest(path: &Path, text: &str) -> Result<HashMap<String, DocMeta>, InputError> {
    let mut lines = strip_bom(text).lines().enumerate();
    let header = lines.next().map(|(_, l)| split_csv(l)).unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(file_col) = col("file").or_else(|| col("id")) else {
        return Err(err(path, "no `file` column in the header"));
    };
    let (date, url, outlet, title) = (col("date"), col("url"), col("outlet"), col("title"));
    let mut out = HashMap::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let f = split_csv(line);
        let get = |c: Option<usize>| {
            c.and_then(|c| f.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let Some(file) = get(Some(file_col)) else {
            return Err(err(format!("{}:{}", path.display(), i + 1), "no file name"));
        };
        if let Some(d) = get(date) {
            if crate::extract::dates::parse_iso(&d).is_none() {
                return Err(err(
                    format!("{}:{}", path.display(), i + 1),
                    format!("bad date {d:?} (want YYYY, YYYY-MM or YYYY-MM-DD)"),
                ));
            }
        }
        out.insert(
            file,
            DocMeta {
                date: get(date),
                url: get(url),
                outlet: get(outlet),
                title: get(title),
            },
        );
    }
    Ok(out)
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn is_input_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "text" | "html" | "htm" | "jsonl")
    )
}

/// Collects the input files under `dir`, sorted, each real file once: a folder
/// already walked (by its canonical path, so a link back to `.` or to a parent is
/// one) is not walked again, and a file reached twice through links is listed once.
/// Returns how many input files the walk met, counting those already listed.
fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<PathBuf>,
) -> std::io::Result<usize> {
    if !seen_dirs.insert(fs::canonicalize(dir)?) {
        return Ok(0);
    }
    let mut met = 0;
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            met += walk(&p, out, seen_dirs, seen_files)?;
        } else if is_input_file(&p) {
            met += 1;
            let real = fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
            if seen_files.insert(real) {
                out.push(p);
            }
        }
    }
    Ok(met)
}

fn path_is_jsonl(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// Gives documents of different files that share an id (`a/x.txt` and `b/x.txt`
/// are both `x.txt`) distinct ids: the path relative to the folder that holds them
/// all (`a/x.txt`, `b/x.txt`). Ids that no other file shares are kept.
fn distinct_ids(docs: &mut [Document], sources: &[(usize, PathBuf)]) {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (d, _)) in sources.iter().enumerate() {
        by_id.entry(docs[*d].id.as_str()).or_default().push(k);
    }
    let mut groups: Vec<Vec<usize>> = by_id.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        let paths: Vec<PathBuf> = group
            .iter()
            .map(|&k| std::path::absolute(&sources[k].1).unwrap_or_else(|_| sources[k].1.clone()))
            .collect();
        let mut root: Vec<std::path::Component> = paths[0]
            .parent()
            .map(|p| p.components().collect())
            .unwrap_or_default();
        for p in &paths[1..] {
            let common = root
                .iter()
                .zip(p.components())
                .take_while(|(a, b)| **a == *b)
                .count();
            root.truncate(common);
        }
        let root: PathBuf = root.iter().collect();
        for (&k, p) in group.iter().zip(&paths) {
            let rel = p.strip_prefix(&root).unwrap_or(p);
            docs[sources[k].0].id = rel.to_string_lossy().replace('\\', "/");
        }
    }
}

impl Corpus {
    /// Reads every input. `manifest` adds metadata; `default_date` dates documents that have none.
    pub fn read(inputs: &[PathBuf], manifest: Option<&Path>, default_date: Option<&str>) -> Corpus {
        let mut corpus = Corpus::default();
        let mut meta: HashMap<String, DocMeta> = HashMap::new();
        if let Some(m) = manifest {
            match read_manifest(m) {
                Ok(map) => meta.extend(map),
                Err(e) => corpus.errors.push(e),
            }
        }
        // Each real file and folder once, across all inputs.
        let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
        let mut seen_files: HashSet<PathBuf> = HashSet::new();
        // The file each document of a text or HTML file came from (by index).
        let mut sources: Vec<(usize, PathBuf)> = Vec::new();
        for input in inputs {
            if input.as_os_str() == "-" {
                let mut bytes = Vec::new();
                match std::io::stdin().read_to_end(&mut bytes) {
                    Ok(_) => match decode(Path::new("<stdin>"), bytes) {
                        // JSON Lines on stdin (`cat corpus.jsonl | wasit build -`, a
                        // Spark partition piped to `wasit extract -`): no article
                        // starts with `{`.
                        Ok(text) if strip_bom(&text).trim_start().starts_with('{') => {
                            corpus.read_jsonl(Path::new("<stdin>"), strip_bom(&text))
                        }
                        Ok(text) => corpus.docs.push(Document::new("-", text)),
                        Err(e) => corpus.errors.push(e),
                    },
                    Err(e) => corpus.errors.push(err("<stdin>", e.to_string())),
                }
                continue;
            }
            if input.is_dir() {
                // The same folder given twice (or through a link) is read once.
                if fs::canonicalize(input).is_ok_and(|c| seen_dirs.contains(&c)) {
                    continue;
                }
                let local = input.join("manifest.csv");
                if local.is_file() && manifest.is_none() {
                    match read_manifest(&local) {
                        Ok(map) => meta.extend(map),
                        Err(e) => corpus.errors.push(e),
                    }
                }
                let mut files = Vec::new();
                let met = match walk(input, &mut files, &mut seen_dirs, &mut seen_files) {
                    Ok(met) => met,
                    Err(e) => {
                        corpus.errors.push(err(input, e.to_string()));
                        continue;
                    }
                };
                if met == 0 {
                    corpus.errors.push(err(
                        input,
                        "no text files (.txt, .html, .jsonl) in this folder",
                    ));
                }
                for f in files {
                    let id = f
                        .strip_prefix(input)
                        .unwrap_or(&f)
                        .to_string_lossy()
                        .replace('\\', "/");
                    corpus.read_file_from(&f, &id, &mut sources);
                }
            } else if input.exists() {
                let real = fs::canonicalize(input).unwrap_or_else(|_| input.clone());
                if !seen_files.insert(real) {
                    continue;
                }
                let id = input
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                corpus.read_file_from(input, &id, &mut sources);
            } else {
                corpus.errors.push(err(input, "no such file or directory"));
            }
        }
        for doc in &mut corpus.docs {
            if let Some(m) = meta.get(&doc.id) {
                let mut m = m.clone();
                if m.date.is_none() {
                    m.date = doc.meta.date.take();
                }
                doc.meta = m;
            }
            if doc.meta.date.is_none() {
                doc.meta.date = default_date.map(str::to_string);
            }
        }
        distinct_ids(&mut corpus.docs, &sources);
        // The documents by id, whatever the order of the inputs on the command line:
        // every choice made later by order (the role an affiliation keeps, the
        // evidence kept for a meeting's edges, which of two syndicated copies is
        // the original) then depends on the ids alone, and the same files give one
        // graph.json (issue 11). Stable: rows of one id keep their order.
        corpus.docs.sort_by(|a, b| a.id.cmp(&b.id));
        corpus
    }

    /// [`Corpus::read_file`], noting the file that a text or HTML document came from.
    fn read_file_from(&mut self, path: &Path, id: &str, sources: &mut Vec<(usize, PathBuf)>) {
        let before = self.docs.len();
        self.read_file(path, id);
        if self.docs.len() == before + 1 && !path_is_jsonl(path) {
            sources.push((before, path.to_path_buf()));
        }
    }

    fn read_file(&mut self, path: &Path, id: &str) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let text = match read_bytes(path).and_then(|b| decode_any(path, b)) {
            Ok((t, None)) => t,
            Ok((t, Some(encoding))) => {
                self.notes.push(err(
                    path,
                    format!(
                        "read as {encoding}, not UTF-8: its evidence offsets index its UTF-8 text"
                    ),
                ));
                t
            }
            Err(e) => {
                self.errors.push(e);
                return;
            }
        };
        match ext.as_str() {
            "jsonl" => self.read_jsonl(path, strip_bom(&text)),
            "html" | "htm" => self
                .docs
                .push(Document::new(id, html_to_text(strip_bom(&text)))),
            _ => self.docs.push(Document::new(id, text)),
        }
    }

    fn read_jsonl(&mut self, path: &Path, text: &str) {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = format!("{}:{}", path.display(), i + 1);
            let row: JsonDoc = match serde_json::from_str(line) {
                Ok(r) => r,
                Err(e) => {
                    self.errors
                        .push(err(&at, format!("malformed JSON Lines row: {e}")));
                    continue;
                }
            };
            let (Some(id), Some(text)) = (row.id, row.text) else {
                self.errors.push(err(&at, "a row needs `id` and `text`"));
                continue;
            };
            if text.trim().is_empty() {
                self.errors.push(err(&at, "empty text"));
                continue;
            }
            let id = match id {
                Value2::S(s) => s,
                Value2::N(n) => n.to_string(),
            };
            let mut doc = Document::new(id, text);
            doc.meta = DocMeta {
                date: row.date,
                url: row.url,
                outlet: row.outlet,
                title: row.title,
            };
            self.docs.push(doc);
        }
    }
}
