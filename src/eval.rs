//! Evaluation: scores a graph against a gold annotation (`.gold.toml`) with the
//! figures, matching rules and tie-breaks of the reference scorer
//! `shared/eval/score.py`, line for line.
//!
//! This stage reads a finished graph and depends on nothing else of the pipeline.
//! The graph is read as a [`serde_json::Value`], leniently, the way the scorer reads
//! it: `edges` or `links`, `type`, `kind` or `relation`, node attributes under
//! `attrs`, `attributes` or `properties` with the node's own keys as fallback, and a
//! graph nested under `graph`. Python's notions are reproduced where they decide a
//! figure: truthiness (`""`, `0`, `[]` and `null` are false), `str()` of any JSON value,
//! dictionary order, `round(x, 3)` (half to even on the exact binary value), and the
//! sort orders that break ties.
//!
//! Text is compared with [`norm`], a port of the scorer's own `norm`. It is kept apart
//! from [`crate::text::fold_key`] on purpose: the extractor's key also folds
//! Arabic-Indic digits and invisible marks, which the scorer does not.
//!
//! Two things are knowingly left to chance in the scorer and fixed here: where it lists
//! the members of a Python `set` in the details (required entities missed, meeting
//! roles missed or extra), wasit lists them in gold order or sorted. Every figure is
//! the same.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use serde::Deserialize;
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

/// A claim longer than this many characters (after [`norm`]) matches nothing.
pub const MAX_CLAIM_CHARS: usize = 500;

/// The figures whose mean F1 is the mission score.
pub const HEADLINE: [&str; 6] = [
    "person",
    "state",
    "affiliation",
    "meeting",
    "meeting_role",
    "claim",
];

/// Why a gold annotation or a graph cannot be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold annotation is not valid TOML or lacks a required field.
    #[error("not a gold annotation: {0}")]
    Gold(String),
    /// The graph has a shape the reference scorer cannot read either (it would stop
    /// with a Python exception): no object at the top, a node without `id`, an edge
    /// without `source` or `target`, …
    #[error("not a graph the scorer can read: {0}")]
    Graph(String),
}

// ----------------------------------------------------------------- gold

/// A gold annotation: the entities, affiliations, kinships, meetings and claims that a
/// graph of the same articles should hold. Unknown keys (`doc`, `status`, …) are ignored.
///
/// ```
/// let gold = wasit::eval::Gold::parse(r#"
/// [[entity]]
/// key = "oman"
/// type = "state"
/// names = ["عمان", "سلطنة عمان"]
/// "#).unwrap();
/// assert_eq!(gold.entity[0].key, "oman");
/// ```
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Gold {
    /// Persons, states, organizations and places.
    #[serde(default)]
    pub entity: Vec<GoldEntity>,
    /// Person → state pairs.
    #[serde(default)]
    pub affiliation: Vec<GoldAffiliation>,
    /// Person ↔ person pairs (symmetric).
    #[serde(default)]
    pub kinship: Vec<GoldKinship>,
    /// Talks.
    #[serde(default)]
    pub meeting: Vec<GoldMeeting>,
    /// Attributed statements.
    #[serde(default)]
    pub claim: Vec<GoldClaim>,
}

impl Gold {
    /// Parses the text of a `.gold.toml`.
    pub fn parse(text: &str) -> Result<Gold, EvalError> {
        toml::from_str(text).map_err(|e| EvalError::Gold(e.to_string()))
    }

    /// Reads a gold annotation already parsed as TOML.
    pub fn from_toml(value: &toml::Value) -> Result<Gold, EvalError> {
        value
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| EvalError::Gold(e.to_string()))
    }
}

/// A gold entity.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEntity {
    /// The gold's own key (never needs to equal a node id).
    pub key: String,
    /// `person`, `state`, `organization` or `place`.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// Every accepted spelling.
    pub names: Vec<String>,
    /// Counts neither way.
    #[serde(default)]
    pub optional: bool,
}

/// A gold affiliation: `person` serves or represents `state`.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldAffiliation {
    /// Person key.
    pub person: String,
    /// State key.
    pub state: String,
}

/// A gold kinship.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldKinship {
    /// Person key.
    pub person: String,
    /// The relative's key.
    pub relative: String,
}

/// A date of the gold: a string, or a TOML date, kept as Python's `str()` gives it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "toml::Value")]
pub struct GoldDate(pub String);

impl TryFrom<toml::Value> for GoldDate {
    type Error = String;
    fn try_from(value: toml::Value) -> Result<GoldDate, String> {
        match value {
            toml::Value::String(s) => Ok(GoldDate(s)),
            toml::Value::Datetime(d) => Ok(GoldDate(python_datetime_str(&d))),
            other => Err(format!(
                "a date must be a string or a TOML date, not {}",
                other.type_str()
            )),
        }
    }
}

/// `str()` of what Python's `tomllib` makes of a TOML date-time.
fn python_datetime_str(d: &toml::value::Datetime) -> String {
    let mut out = String::new();
    if let Some(date) = d.date {
        let _ = write!(out, "{:04}-{:02}-{:02}", date.year, date.month, date.day);
    }
    if let Some(time) = d.time {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(
            out,
            "{:02}:{:02}:{:02}",
            time.hour, time.minute, time.second
        );
        let micros = time.nanosecond / 1000;
        if micros != 0 {
            let _ = write!(out, ".{micros:06}");
        }
    }
    match d.offset {
        Some(toml::value::Offset::Z) => out.push_str("+00:00"),
        Some(toml::value::Offset::Custom { minutes }) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let m = minutes.unsigned_abs();
            let _ = write!(out, "{sign}{:02}:{:02}", m / 60, m % 60);
        }
        None => {}
    }
    out
}

/// Gold talks.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldMeeting {
    /// The gold's key.
    pub key: String,
    /// Place or state key.
    #[serde(default)]
    pub place: Option<String>,
    /// ISO date, as much as is known.
    #[serde(default)]
    pub date: Option<GoldDate>,
    /// The text gives day and month only: a system date may lack or miss the year.
    #[serde(default)]
    pub date_may_lack_year: bool,
    /// Counts neither way.
    #[serde(default)]
    pub optional: bool,
    /// The sides.
    #[serde(default)]
    pub parties: Vec<String>,
    /// The delegates.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The go-betweens.
    #[serde(default)]
    pub mediators: Vec<String>,
    /// The hosts; `None` when not annotated (then hosts are not scored).
    #[serde(default)]
    pub hosts: Option<Vec<String>>,
    /// Parties that count neither way.
    #[serde(default)]
    pub optional_parties: Vec<String>,
    /// Participants that count neither way.
    #[serde(default)]
    pub optional_participants: Vec<String>,
    /// Mediators that count neither way.
    #[serde(default)]
    pub optional_mediators: Vec<String>,
    /// Hosts that count neither way.
    #[serde(default)]
    pub optional_hosts: Vec<String>,
}

impl GoldMeeting {
    fn date_str(&self) -> &str {
        self.date.as_ref().map_or("", |d| d.0.as_str())
    }

    fn place_str(&self) -> &str {
        self.place.as_deref().unwrap_or("")
    }

    fn role(&self, role: Role) -> &[String] {
        match role {
            Role::Parties => &self.parties,
            Role::Participants => &self.participants,
            Role::Mediators => &self.mediators,
            Role::Hosts => self.hosts.as_deref().unwrap_or(&[]),
        }
    }

    fn optional_role(&self, role: Role) -> &[String] {
        match role {
            Role::Parties => &self.optional_parties,
            Role::Participants => &self.optional_participants,
            Role::Mediators => &self.optional_mediators,
            Role::Hosts => &self.optional_hosts,
        }
    }
}

/// Who said a gold claim: one key or a list of acceptable keys.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Speaker {
    /// One key.
    One(String),
    /// Any of these keys.
    Any(Vec<String>),
}

impl Speaker {
    fn keys(&self) -> &[String] {
        match self {
            Speaker::One(s) => std::slice::from_ref(s),
            Speaker::Any(v) => v,
        }
    }

    /// As Python's `str()` prints it.
    fn py_str(&self) -> String {
        match self {
            Speaker::One(s) => s.clone(),
            Speaker::Any(v) => {
                let items: Vec<String> = v.iter().map(|s| py_repr_str(s)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }
}

/// A gold claim.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldClaim {
    /// The speaker's key (or keys).
    pub speaker: Speaker,
    /// A phrase the claim's text must contain (after [`norm`]).
    pub says: String,
    /// The outlet's key.
    #[serde(default)]
    pub reported_by: Option<String>,
    /// Counts neither way.
    #[serde(default)]
    pub optional: bool,
}

// ----------------------------------------------------------------- results

/// Precision, recall and F1 of one figure, rounded to 3 decimals as the scorer does.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figure {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

/// How many matched gold claims name the right outlet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportedBy {
    /// Matched gold claims whose outlet the system claim is `reported_by`.
    pub correct: usize,
    /// Matched gold claims that name an outlet.
    pub of: usize,
}

/// What one figure missed and what it had too many of. Entity extras are the labels
/// of the nodes as the graph gives them (any JSON value, `null` when absent).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Misses {
    /// Gold items not found.
    pub missed: Vec<Value>,
    /// System items that match nothing (or duplicate a match).
    pub extra: Vec<Value>,
}

/// The misses and extras of each figure (kinship has none, as in the scorer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Details {
    /// Persons.
    pub person: Misses,
    /// States.
    pub state: Misses,
    /// Organizations.
    pub organization: Misses,
    /// Places.
    pub place: Misses,
    /// Affiliations.
    pub affiliation: Misses,
    /// Meetings.
    pub meeting: Misses,
    /// Meeting roles.
    pub meeting_role: Misses,
    /// Claims.
    pub claim: Misses,
}

impl Details {
    /// Each figure's details, in the scorer's order.
    pub fn iter(&self) -> [(&'static str, &Misses); 8] {
        [
            ("person", &self.person),
            ("state", &self.state),
            ("organization", &self.organization),
            ("place", &self.place),
            ("affiliation", &self.affiliation),
            ("meeting", &self.meeting),
            ("meeting_role", &self.meeting_role),
            ("claim", &self.claim),
        ]
    }
}

/// Every figure of the scorer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Named persons (anonymous ones never count against precision).
    pub person: Figure,
    /// States.
    pub state: Figure,
    /// Organizations.
    pub organization: Figure,
    /// Places.
    pub place: Figure,
    /// Person → state affiliations, directly or through `part_of` chains.
    pub affiliation: Figure,
    /// Kinship pairs.
    pub kinship: Figure,
    /// Talks.
    pub meeting: Figure,
    /// Parties, participants, mediators and hosts of matched talks.
    pub meeting_role: Figure,
    /// Claims: `tp`/`fp` count system claims, recall counts gold claims matched.
    pub claim: Figure,
    /// Claims with the right words but the wrong speaker.
    pub wrong_speaker: usize,
    /// Outlets of matched claims.
    pub reported_by: ReportedBy,
    /// Mean F1 of the [`HEADLINE`] figures, rounded to 3 decimals.
    pub mission_score: f64,
    /// Misses and extras.
    pub details: Details,
}

impl Scores {
    /// Every figure with its name, in the scorer's order.
    pub fn figures(&self) -> [(&'static str, &Figure); 9] {
        [
            ("person", &self.person),
            ("state", &self.state),
            ("organization", &self.organization),
            ("place", &self.place),
            ("affiliation", &self.affiliation),
            ("kinship", &self.kinship),
            ("meeting", &self.meeting),
            ("meeting_role", &self.meeting_role),
            ("claim", &self.claim),
        ]
    }

    /// One figure by name.
    pub fn figure(&self, name: &str) -> Option<&Figure> {
        self.figures()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| f)
    }
}

// ----------------------------------------------------------------- text

/// The scorer's comparison key (`norm` in `score.py`): NFKC, diacritics and tatweel
/// removed, أ/إ/آ/ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, ک ی ھ → ك ي ه, lower case,
/// punctuation turned into spaces, spaces collapsed.
///
/// ```
/// use wasit::eval::norm;
/// assert_eq!(norm("«سلطنةُ عُمان»"), "سلطنه عمان");
/// assert_eq!(norm("وزير الخارجية الإيراني، عباس عراقجي"), "وزير الخارجيه الايراني عباس عراقجي");
/// ```
pub fn norm(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    let folded: String = nfkc
        .chars()
        .filter(|&c| !is_scorer_diacritic(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ئ' | 'ی' => 'ي',
            'ة' | 'ھ' => 'ه',
            'ؤ' => 'و',
            'ک' => 'ك',
            c => c,
        })
        .collect();
    let lower = folded.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower.split(|c: char| is_py_space(c) || is_scorer_punct(c)) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]`
fn is_scorer_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}')
}

/// The scorer's punctuation class.
fn is_scorer_punct(c: char) -> bool {
    "\"'«»“”‘’()[]{}<>.,:;!?،؛؟-–—_/\\|*…".contains(c)
}

/// Python's `str.isspace()`, which `str.split()` splits on.
fn is_py_space(c: char) -> bool {
    matches!(c,
        '\t'..='\r' | '\u{1c}'..='\u{20}' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}'
        | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

// ----------------------------------------------------------------- Python values

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `a or b` on values that may be absent (`None`).
fn py_or<'a>(a: Option<&'a Value>, b: Option<&'a Value>) -> Option<&'a Value> {
    match a {
        Some(v) if truthy(v) => a,
        _ => b,
    }
}

/// The first truthy value, as `a or b or c or ""` (`None` for the final `""`).
fn first_truthy<'a>(values: impl IntoIterator<Item = Option<&'a Value>>) -> Option<&'a Value> {
    values.into_iter().flatten().find(|v| truthy(v))
}

/// Python's `str()` of a JSON value as `json.load` gives it.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `str()` of a value that may be absent (`None`).
fn py_str_opt(v: Option<&Value>) -> String {
    v.map_or_else(|| "None".to_string(), py_str)
}

/// Python's `repr()` of a JSON value.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                py_float_repr(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => py_repr_str(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr_str(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// Python's `repr()` of a string.
fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c == ' ' || (c.is_ascii() && !c.is_ascii_control()) => out.push(c),
            c if py_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                let _ = if n <= 0xff {
                    write!(out, "\\x{n:02x}")
                } else if n <= 0xffff {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one character beyond ASCII: false for control,
/// format, separator and private-use characters and non-characters. (Unassigned code
/// points, which Python also escapes, are printed as they are.)
fn py_printable(c: char) -> bool {
    !matches!(c as u32,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891
        | 0x8e2 | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064
        | 0x2066..=0x206f | 0x3000 | 0xe000..=0xf8ff | 0xfdd0..=0xfdef | 0xfeff | 0xfff9..=0xfffb
        | 0xfffe..=0xffff | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..=0x10ffff)
        && (c as u32 & 0xfffe) != 0xfffe
}

/// Python's `repr()` of a float: the shortest digits that read back, in fixed
/// notation from 1e-4 up to 1e16 and in exponent notation beyond.
fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let e = format!("{:e}", x.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((e.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if x < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            let (int, frac) = if digits.len() > int_len {
                (digits[..int_len].to_string(), digits[int_len..].to_string())
            } else {
                (format!("{digits:0<int_len$}"), "0".to_string())
            };
            format!("{sign}{int}.{frac}")
        } else {
            format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!(
            "{sign}{}{rest}e{esign}{:02}",
            &digits[..1],
            exp.unsigned_abs()
        )
    }
}

/// Python's `round(x, 3)`: the correctly rounded decimal, half to even on the exact value.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Python's `len()` of a string: code points.
fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Python's `s[:n]`.
fn char_prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

// ----------------------------------------------------------------- graph

const TYPE_ALIASES: [(&str, &str); 20] = [
    ("person", "person"),
    ("people", "person"),
    ("per", "person"),
    ("state", "state"),
    ("country", "state"),
    ("nation", "state"),
    ("gpe", "state"),
    ("organization", "organization"),
    ("organisation", "organization"),
    ("org", "organization"),
    ("place", "place"),
    ("location", "place"),
    ("loc", "place"),
    ("city", "place"),
    ("meeting", "meeting"),
    ("event", "meeting"),
    ("talks", "meeting"),
    ("claim", "claim"),
    ("statement", "claim"),
    ("quote", "claim"),
];

/// `node_type` of the scorer.
fn node_type(node: Option<&Map<String, Value>>) -> String {
    let Some(node) = node else {
        return String::new();
    };
    let raw = first_truthy([node.get("type"), node.get("kind"), node.get("label_type")])
        .map(py_str)
        .unwrap_or_default()
        .to_lowercase();
    TYPE_ALIASES
        .iter()
        .find(|(k, _)| *k == raw)
        .map_or(raw, |(_, v)| v.to_string())
}

/// A node's attributes as `node_attrs` builds them: the `attrs` (or `attributes`, or
/// `properties`) dictionary, the node's own keys where it has none.
enum Attrs<'a> {
    Borrowed(&'a Map<String, Value>),
    Owned(Map<String, Value>),
    Empty,
}

struct NodeView<'a> {
    raw: &'a Map<String, Value>,
    attrs: Attrs<'a>,
}

impl<'a> NodeView<'a> {
    fn new(id: &str, raw: &'a Map<String, Value>) -> Result<NodeView<'a>, EvalError> {
        let source = first_truthy([
            raw.get("attrs"),
            raw.get("attributes"),
            raw.get("properties"),
        ]);
        let attrs = match source {
            None => Attrs::Empty,
            Some(Value::Object(o)) => Attrs::Borrowed(o),
            Some(Value::Array(items)) => Attrs::Owned(dict_from_pairs(id, items)?),
            Some(other) => {
                return Err(EvalError::Graph(format!(
                    "node {id}: attributes are not a dictionary: {}",
                    py_repr(other)
                )))
            }
        };
        Ok(NodeView { raw, attrs })
    }

    /// `node.get(key)`.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.raw.get(key)
    }

    /// `node_attrs(node).get(key)`.
    fn attr(&self, key: &str) -> Option<&Value> {
        let own = match &self.attrs {
            Attrs::Borrowed(m) => m.get(key),
            Attrs::Owned(m) => m.get(key),
            Attrs::Empty => None,
        };
        own.or_else(|| self.raw.get(key))
    }

    fn label(&self) -> Option<&'a Value> {
        self.get("label")
    }
}

/// Python's `dict(list)`: a list of pairs (two-element lists, or two-character strings).
fn dict_from_pairs(id: &str, items: &[Value]) -> Result<Map<String, Value>, EvalError> {
    let mut map = Map::new();
    for item in items {
        let (k, v) = match item {
            Value::Array(pair) if pair.len() == 2 => (pair[0].clone(), pair[1].clone()),
            Value::String(s) if char_len(s) == 2 => {
                let mut cs = s.chars();
                let a = cs.next().map(String::from).unwrap_or_default();
                let b = cs.next().map(String::from).unwrap_or_default();
                (Value::String(a), Value::String(b))
            }
            other => {
                return Err(EvalError::Graph(format!(
                    "node {id}: attributes are not a dictionary: {}",
                    py_repr(other)
                )))
            }
        };
        match k {
            Value::String(k) => {
                map.insert(k, v);
            }
            Value::Array(_) | Value::Object(_) => {
                return Err(EvalError::Graph(format!(
                    "node {id}: unhashable attribute name {}",
                    py_repr(&k)
                )))
            }
            // A number, bool or null names no attribute the scorer looks up.
            _ => {}
        }
    }
    Ok(map)
}

/// Python's `for x in value` over a JSON value that should be a list.
fn py_list<'a>(what: &str, v: &'a Value) -> Result<&'a [Value], EvalError> {
    match v {
        Value::Array(a) => Ok(a),
        Value::Object(o) if o.is_empty() => Ok(&[]),
        Value::String(s) if s.is_empty() => Ok(&[]),
        other => Err(EvalError::Graph(format!(
            "{what} is not a list: {}",
            char_prefix(&py_repr(other), 80)
        ))),
    }
}

/// The graph as the scorer's `Graph` class holds it.
struct PyGraph<'a> {
    ids: Vec<String>,
    nodes: Vec<NodeView<'a>>,
    types: Vec<String>,
    index: HashMap<String, usize>,
    /// (source, type, target), in file order.
    edges: Vec<(String, String, String)>,
    out: HashMap<(String, String), Vec<String>>,
    into: HashMap<(String, String), Vec<String>>,
}

impl<'a> PyGraph<'a> {
    fn new(data: &'a Value) -> Result<PyGraph<'a>, EvalError> {
        let Value::Object(top) = data else {
            return Err(EvalError::Graph(
                "the top level is not a JSON object".into(),
            ));
        };
        let mut top: &'a Map<String, Value> = top;
        if let Some(Value::Object(inner)) = top.get("graph") {
            if !top.contains_key("nodes") {
                top = inner;
            }
        }
        let mut raws: Vec<(String, &'a Map<String, Value>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        if let Some(nodes) = top.get("nodes") {
            for node in py_list("nodes", nodes)? {
                let Value::Object(node) = node else {
                    return Err(EvalError::Graph(format!(
                        "a node is not an object: {}",
                        char_prefix(&py_repr(node), 80)
                    )));
                };
                let id = node
                    .get("id")
                    .ok_or_else(|| EvalError::Graph("a node has no id".into()))?;
                let id = py_str(id);
                match index.get(&id) {
                    Some(&at) => raws[at].1 = node,
                    None => {
                        index.insert(id.clone(), raws.len());
                        raws.push((id, node));
                    }
                }
            }
        }
        let mut edges = Vec::new();
        let edge_list = match top.get("edges") {
            Some(v) => Some(v),
            None => top.get("links"),
        };
        if let Some(list) = edge_list {
            for edge in py_list("edges", list)? {
                let Value::Object(edge) = edge else {
                    return Err(EvalError::Graph(format!(
                        "an edge is not an object: {}",
                        char_prefix(&py_repr(edge), 80)
                    )));
                };
                let etype = first_truthy([
                    edge.get("type"),
                    edge.get("kind"),
                    edge.get("relation"),
                    edge.get("label"),
                ])
                .map(py_str)
                .unwrap_or_default()
                .to_lowercase();
                let source = edge
                    .get("source")
                    .ok_or_else(|| EvalError::Graph("an edge has no source".into()))?;
                let target = edge
                    .get("target")
                    .ok_or_else(|| EvalError::Graph("an edge has no target".into()))?;
                edges.push((py_str(source), etype, py_str(target)));
            }
        }
        let mut out: HashMap<(String, String), Vec<String>> = HashMap::new();
        let mut into: HashMap<(String, String), Vec<String>> = HashMap::new();
        for (s, e, t) in &edges {
            out.entry((s.clone(), e.clone()))
                .or_default()
                .push(t.clone());
            into.entry((t.clone(), e.clone()))
                .or_default()
                .push(s.clone());
        }
        let mut ids = Vec::with_capacity(raws.len());
        let mut nodes = Vec::with_capacity(raws.len());
        let mut types = Vec::with_capacity(raws.len());
        for (id, raw) in raws {
            types.push(node_type(Some(raw)));
            nodes.push(NodeView::new(&id, raw)?);
            ids.push(id);
        }
        Ok(PyGraph {
            ids,
            nodes,
            types,
            index,
            edges,
            out,
            into,
        })
    }

    fn of_type(&self, t: &str) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| self.types[i] == t)
            .collect()
    }

    fn node(&self, id: &str) -> Option<&NodeView<'a>> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// `node_type(graph.nodes.get(id, {}))`.
    fn type_of(&self, id: &str) -> &str {
        self.index.get(id).map_or("", |&i| self.types[i].as_str())
    }

    fn out(&self, id: &str, etype: &str) -> &[String] {
        self.out
            .get(&(id.to_string(), etype.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    fn into(&self, id: &str, etype: &str) -> &[String] {
        self.into
            .get(&(id.to_string(), etype.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    fn is_anonymous(&self, id: &str) -> bool {
        self.node(id)
            .and_then(|n| n.attr("anonymous"))
            .is_some_and(truthy)
    }
}

/// `norm()` of a value that may be absent.
fn norm_value(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(v) => norm(&py_str(v)),
    }
}

/// Python's `as_list`.
fn as_list(v: Option<&Value>) -> &[Value] {
    match v {
        None | Some(Value::Null) => &[],
        Some(Value::Array(a)) => a,
        Some(v) => std::slice::from_ref(v),
    }
}

/// `node_names` of the scorer.
fn node_names(node: &NodeView<'_>) -> HashSet<String> {
    let mut names: Vec<&Value> = [node.get("label"), node.get("name")]
        .into_iter()
        .flatten()
        .collect();
    for key in [
        "aliases",
        "names",
        "alias",
        "name_en",
        "label_en",
        "english",
        "name_ar",
        "label_ar",
        "canonical",
    ] {
        names.extend(as_list(node.attr(key)));
    }
    names
        .into_iter()
        .filter(|v| truthy(v))
        .map(|v| norm(&py_str(v)))
        .collect()
}

// ----------------------------------------------------------------- scoring

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    misses: Vec<Value>,
    extras: Vec<Value>,
}

impl Tally {
    fn row(&self) -> Figure {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (tp + fn_)
        } else {
            0.0
        };
        let f = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Figure {
            tp: self.tp,
            fp: self.fp,
            fn_: self.fn_,
            precision: round3(p),
            recall: round3(r),
            f1: round3(f),
        }
    }

    fn misses(&self) -> Misses {
        Misses {
            missed: self.misses.clone(),
            extra: self.extras.clone(),
        }
    }
}

/// Node index → gold key, type by type.
type Mapping = Vec<Option<String>>;

struct Ctx<'g, 'a> {
    graph: &'g PyGraph<'a>,
    gold: &'g Gold,
    mapping: Mapping,
}

impl Ctx<'_, '_> {
    /// `mapping.get(id)`.
    fn map(&self, id: &str) -> Option<&str> {
        self.graph
            .index
            .get(id)
            .and_then(|&i| self.mapping[i].as_deref())
    }
}

fn map_entities(graph: &PyGraph<'_>, gold: &Gold) -> Mapping {
    let gnames: Vec<HashSet<String>> = gold
        .entity
        .iter()
        .map(|e| e.names.iter().map(|n| norm(n)).collect())
        .collect();
    let mut by_type: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, e) in gold.entity.iter().enumerate() {
        by_type.entry(e.entity_type.as_str()).or_default().push(k);
    }
    let mut mapping = vec![None; graph.nodes.len()];
    for (i, node) in graph.nodes.iter().enumerate() {
        let Some(candidates) = by_type.get(graph.types[i].as_str()) else {
            continue;
        };
        let names = node_names(node);
        let label = norm_value(py_or(node.get("label"), node.get("name")));
        let mut best: Option<usize> = None;
        let mut best_score = 0;
        for &k in candidates {
            let g = &gnames[k];
            let score = if g.contains(&label) {
                2
            } else if names.iter().any(|n| g.contains(n)) {
                1
            } else {
                continue;
            };
            if score > best_score {
                best = Some(k);
                best_score = score;
            }
        }
        mapping[i] = best.map(|k| gold.entity[k].key.clone());
    }
    mapping
}

/// Distinct strings in first-seen order.
fn unique<'s>(items: impl IntoIterator<Item = &'s String>) -> Vec<&'s str> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .map(String::as_str)
        .filter(|s| seen.insert(*s))
        .collect()
}

fn score_entities(ctx: &Ctx<'_, '_>, etype: &str) -> Tally {
    let mut tally = Tally::default();
    let golds: Vec<&GoldEntity> = ctx
        .gold
        .entity
        .iter()
        .filter(|e| e.entity_type == etype)
        .collect();
    let optional: HashSet<&str> = golds
        .iter()
        .filter(|e| e.optional)
        .map(|e| e.key.as_str())
        .collect();
    let required = unique(golds.iter().filter(|e| !e.optional).map(|e| &e.key));
    let mut found: HashMap<&str, usize> = HashMap::new();
    for i in ctx.graph.of_type(etype) {
        match ctx.mapping[i].as_deref() {
            None => {
                if etype == "person" && ctx.graph.is_anonymous(&ctx.graph.ids[i]) {
                    continue;
                }
                tally.fp += 1;
                tally
                    .extras
                    .push(ctx.graph.nodes[i].label().cloned().unwrap_or(Value::Null));
            }
            Some(key) if optional.contains(key) => {}
            Some(key) => *found.entry(key).or_default() += 1,
        }
    }
    for key in required {
        match found.get(key) {
            Some(&n) if n > 0 => {
                tally.tp += 1;
                if n > 1 {
                    tally.fp += n - 1;
                    tally
                        .extras
                        .push(Value::String(format!("duplicate of {key} x{n}")));
                }
            }
            _ => {
                tally.fn_ += 1;
                tally.misses.push(Value::String(key.to_string()));
            }
        }
    }
    tally
}

type Pair = (String, String);

/// `str()` of a Python tuple of two strings.
fn pair_str(p: &Pair) -> String {
    format!("({}, {})", py_repr_str(&p.0), py_repr_str(&p.1))
}

fn score_pairs(system: HashSet<Pair>, gold: HashSet<Pair>, symmetric: bool) -> Tally {
    let sort = |(a, b): Pair| if a <= b { (a, b) } else { (b, a) };
    let (system, gold): (HashSet<Pair>, HashSet<Pair>) = if symmetric {
        (
            system.into_iter().map(sort).collect(),
            gold.into_iter().map(sort).collect(),
        )
    } else {
        (system, gold)
    };
    let mut misses: Vec<String> = gold.difference(&system).map(pair_str).collect();
    let mut extras: Vec<String> = system.difference(&gold).map(pair_str).collect();
    misses.sort();
    extras.sort();
    Tally {
        tp: system.intersection(&gold).count(),
        fp: extras.len(),
        fn_: misses.len(),
        misses: misses.into_iter().map(Value::String).collect(),
        extras: extras.into_iter().map(Value::String).collect(),
    }
}

fn affiliations(
    ctx: &Ctx<'_, '_>,
    persons: &HashSet<&str>,
    states: &HashSet<&str>,
) -> HashSet<Pair> {
    let g = ctx.graph;
    let mut pairs = HashSet::new();
    for (s, e, t) in &g.edges {
        if e != "affiliated_with" {
            continue;
        }
        let Some(person) = ctx.map(s) else { continue };
        if !persons.contains(person) {
            continue;
        }
        let mut targets: Vec<&str> = vec![t.as_str()];
        let mut seen: HashSet<&str> = HashSet::from([t.as_str()]);
        let mut k = 0;
        while k < targets.len() {
            let x = targets[k];
            if g.type_of(x) == "organization" {
                for y in g.out(x, "part_of") {
                    if seen.insert(y.as_str()) {
                        targets.push(y.as_str());
                    }
                }
            }
            k += 1;
        }
        for target in targets {
            if let Some(state) = ctx.map(target) {
                if states.contains(state) && g.type_of(target) == "state" {
                    pairs.insert((person.to_string(), state.to_string()));
                }
            }
        }
    }
    pairs
}

// ----------------------------------------------------------------- meetings

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Parties,
    Participants,
    Mediators,
    Hosts,
}

/// The scorer's `ROLE_EDGES`, in its order.
const ROLES: [(&str, Role, &str); 4] = [
    ("party_to", Role::Parties, "parties"),
    ("participates_in", Role::Participants, "participants"),
    ("mediates", Role::Mediators, "mediators"),
    ("hosts", Role::Hosts, "hosts"),
];

struct MeetingView {
    label: String,
    date: String,
    place_label: Option<String>,
    places: HashSet<String>,
    roles: [HashSet<String>; 4],
}

fn meeting_view(ctx: &Ctx<'_, '_>, i: usize) -> MeetingView {
    let g = ctx.graph;
    let node = &g.nodes[i];
    let id = &g.ids[i];
    let date = node
        .attr("date")
        .filter(|v| truthy(v))
        .map(py_str)
        .unwrap_or_default();
    let place_label = node
        .attr("place")
        .filter(|v| truthy(v))
        .map(|v| norm(&py_str(v)));
    let places = g
        .out(id, "held_in")
        .iter()
        .filter_map(|t| ctx.map(t))
        .filter(|k| !k.is_empty())
        .map(String::from)
        .collect();
    let roles = ROLES.map(|(etype, _, _)| {
        g.into(id, etype)
            .iter()
            .map(|s| match ctx.map(s) {
                Some(k) => k.to_string(),
                None => format!("?{}", py_str_opt(g.node(s).and_then(|n| n.label()))),
            })
            .collect()
    });
    MeetingView {
        label: py_str_opt(node.label()),
        date,
        place_label,
        places,
        roles,
    }
}

/// `dates_compatible`: `Some(true)` when the dates agree as far as both go,
/// `Some(false)` when they contradict, `None` when one is unknown. An `X` in the
/// system date stands for an unknown digit.
fn dates_compatible(sys_date: &str, gold_date: &str, may_lack_year: bool) -> Option<bool> {
    if sys_date.is_empty() || gold_date.is_empty() {
        return None;
    }
    let sys: Vec<char> = sys_date.chars().take(10).collect();
    let gold: Vec<char> = gold_date.chars().collect();
    let agree = |a: &[char], b: &[char]| {
        a.iter()
            .zip(b)
            .all(|(x, y)| x == y || *x == 'X' || *x == 'x')
    };
    if agree(&sys, &gold) {
        return Some(true);
    }
    if may_lack_year && sys.len() > 4 && gold.len() > 4 {
        return Some(agree(&sys[4..], &gold[4..]));
    }
    Some(false)
}

fn meeting_score(
    view: &MeetingView,
    gm: &GoldMeeting,
    gold_names: &HashMap<&str, HashSet<String>>,
) -> usize {
    let d = dates_compatible(&view.date, gm.date_str(), gm.date_may_lack_year);
    if d == Some(false) {
        return 0;
    }
    let place = gm.place_str();
    let place_ok = !place.is_empty()
        && (view.places.contains(place)
            || view.place_label.as_ref().is_some_and(|pl| {
                gold_names
                    .get(place)
                    .is_some_and(|names| names.contains(pl))
            }));
    let gold_parties: HashSet<&str> = gm.parties.iter().map(String::as_str).collect();
    let parties = view.roles[0]
        .iter()
        .filter(|k| gold_parties.contains(k.as_str()))
        .count();
    let gold_people: HashSet<&str> = gm
        .participants
        .iter()
        .chain(&gm.optional_participants)
        .map(String::as_str)
        .collect();
    let people = view.roles[1]
        .iter()
        .filter(|k| gold_people.contains(k.as_str()))
        .count();
    let score = 2 * usize::from(d == Some(true)) + 2 * usize::from(place_ok) + parties + people;
    if gm.date_str().is_empty() && place.is_empty() {
        return if parties + people >= 2 { score } else { 0 };
    }
    if d != Some(true) && !place_ok {
        return 0;
    }
    if score >= 3 {
        score
    } else {
        0
    }
}

fn score_meetings(ctx: &Ctx<'_, '_>) -> (Tally, Tally) {
    let gold = ctx.gold;
    let mut gold_names: HashMap<&str, HashSet<String>> = HashMap::new();
    for e in &gold.entity {
        gold_names.insert(e.key.as_str(), e.names.iter().map(|n| norm(n)).collect());
    }
    let views: Vec<MeetingView> = ctx
        .graph
        .of_type("meeting")
        .into_iter()
        .map(|i| meeting_view(ctx, i))
        .collect();
    let gms = &gold.meeting;
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, view) in views.iter().enumerate() {
        for (j, gm) in gms.iter().enumerate() {
            let s = meeting_score(view, gm, &gold_names);
            if s > 0 {
                candidates.push((s, i, j));
            }
        }
    }
    // key (not optional, s, -i, -j), reverse: required first, best fit first, then the
    // earlier node, then the earlier gold talks.
    candidates.sort_by(|a, b| {
        let ka = (!gms[a.2].optional, a.0);
        let kb = (!gms[b.2].optional, b.0);
        kb.cmp(&ka).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    let mut assigned_view: HashMap<usize, usize> = HashMap::new();
    let mut assigned_gold: HashSet<usize> = HashSet::new();
    for &(_, i, j) in &candidates {
        if assigned_view.contains_key(&i) || assigned_gold.contains(&j) {
            continue;
        }
        assigned_view.insert(i, j);
        assigned_gold.insert(j);
    }
    let mut best: HashMap<usize, [usize; 2]> = HashMap::new();
    for &(s, i, j) in &candidates {
        let k = usize::from(gms[j].optional);
        let b = best.entry(i).or_default();
        b[k] = b[k].max(s);
    }
    let (mut meetings, mut roles) = (Tally::default(), Tally::default());
    for (i, view) in views.iter().enumerate() {
        let Some(&j) = assigned_view.get(&i) else {
            let [req, opt] = best.get(&i).copied().unwrap_or_default();
            if opt > req {
                continue;
            }
            meetings.fp += 1;
            let dup = if req > 0 { " duplicate" } else { "" };
            meetings.extras.push(Value::String(format!(
                "{} ({}){dup}",
                view.label, view.date
            )));
            continue;
        };
        let gm = &gms[j];
        if gm.optional {
            continue;
        }
        meetings.tp += 1;
        for (k, &(_, role, name)) in ROLES.iter().enumerate() {
            if role == Role::Hosts && gm.hosts.is_none() {
                continue;
            }
            let want: BTreeSet<&str> = gm.role(role).iter().map(String::as_str).collect();
            let optional: HashSet<&str> =
                gm.optional_role(role).iter().map(String::as_str).collect();
            let got: BTreeSet<&str> = view.roles[k]
                .iter()
                .map(String::as_str)
                .filter(|m| !optional.contains(m))
                .collect();
            roles.tp += got.intersection(&want).count();
            for m in want.difference(&got) {
                roles.fn_ += 1;
                roles
                    .misses
                    .push(Value::String(format!("{}:{name}:{m}", gm.key)));
            }
            for m in got.difference(&want) {
                roles.fp += 1;
                roles
                    .extras
                    .push(Value::String(format!("{}:{name}:{m}", gm.key)));
            }
        }
    }
    for (j, gm) in gms.iter().enumerate() {
        if !assigned_gold.contains(&j) && !gm.optional {
            meetings.fn_ += 1;
            meetings.misses.push(Value::String(gm.key.clone()));
            for (_, role, _) in ROLES {
                roles.fn_ += gm.role(role).len();
            }
        }
    }
    (meetings, roles)
}

// ----------------------------------------------------------------- claims

fn claim_text(node: &NodeView<'_>) -> String {
    let parts = [
        node.attr("text"),
        node.attr("quote"),
        node.attr("content"),
        node.get("label"),
    ];
    let joined: Vec<String> = parts
        .into_iter()
        .flatten()
        .filter(|v| truthy(v))
        .map(py_str)
        .collect();
    norm(&joined.join(" "))
}

struct ClaimScores {
    figure: Figure,
    wrong_speaker: usize,
    reported_by: ReportedBy,
    misses: Misses,
}

fn score_claims(ctx: &Ctx<'_, '_>) -> ClaimScores {
    let g = ctx.graph;
    let gcs = &ctx.gold.claim;
    let says: Vec<String> = gcs.iter().map(|gc| norm(&gc.says)).collect();
    let mut claims = Tally::default();
    let mut reported = ReportedBy::default();
    // (node id, speakers and outlets, text, outlets)
    let mut sys_claims: Vec<(&str, HashSet<String>, String, HashSet<String>)> = Vec::new();
    for i in g.of_type("claim") {
        let id = g.ids[i].as_str();
        let mut speakers: HashSet<String> = HashSet::new();
        for s in g.into(id, "said") {
            speakers.insert(ctx.map(s).unwrap_or("?").to_string());
            if g.is_anonymous(s) {
                speakers.insert("anon".to_string());
            }
        }
        let outlets: HashSet<String> = g
            .out(id, "reported_by")
            .iter()
            .map(|t| ctx.map(t).unwrap_or("?").to_string())
            .collect();
        speakers.extend(outlets.iter().cloned());
        sys_claims.push((id, speakers, claim_text(&g.nodes[i]), outlets));
    }
    sys_claims.sort_by(|a, b| {
        char_len(&a.2)
            .cmp(&char_len(&b.2))
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| a.0.cmp(b.0))
    });
    let mut matched_gold: HashSet<usize> = HashSet::new();
    let mut wrong_speaker = 0;
    for (_, speakers, text, outlets) in &sys_claims {
        let len = char_len(text);
        if len > MAX_CLAIM_CHARS {
            claims.fp += 1;
            claims.extras.push(Value::String(format!(
                "too long ({len} chars): {}",
                char_prefix(text, 60)
            )));
            continue;
        }
        let (mut hits, mut hit_optional, mut wrong) = (Vec::new(), false, false);
        for (j, gc) in gcs.iter().enumerate() {
            if !text.contains(says[j].as_str()) {
                continue;
            }
            if !gc.speaker.keys().iter().any(|k| speakers.contains(k)) {
                wrong = wrong || !gc.optional;
                continue;
            }
            if gc.optional {
                hit_optional = true;
            } else {
                hits.push(j);
            }
        }
        let new: Vec<usize> = hits
            .iter()
            .copied()
            .filter(|j| !matched_gold.contains(j))
            .collect();
        for &j in &new {
            matched_gold.insert(j);
            if let Some(outlet) = gcs[j].reported_by.as_deref().filter(|o| !o.is_empty()) {
                reported.of += 1;
                if outlets.contains(outlet) {
                    reported.correct += 1;
                }
            }
        }
        if !new.is_empty() {
            claims.tp += 1;
        } else if !hits.is_empty() {
            claims.fp += 1;
            claims.extras.push(Value::String(format!(
                "duplicate: {}",
                char_prefix(text, 60)
            )));
        } else if !hit_optional {
            claims.fp += 1;
            wrong_speaker += usize::from(wrong);
            let prefix = if wrong { "wrong speaker: " } else { "" };
            claims
                .extras
                .push(Value::String(format!("{prefix}{}", char_prefix(text, 80))));
        }
    }
    for (j, gc) in gcs.iter().enumerate() {
        if !gc.optional && !matched_gold.contains(&j) {
            claims.fn_ += 1;
            claims.misses.push(Value::String(format!(
                "{}: {}",
                gc.speaker.py_str(),
                gc.says
            )));
        }
    }
    let mut figure = claims.row();
    let recall_tp = matched_gold.len();
    let p = if claims.tp + claims.fp > 0 {
        claims.tp as f64 / (claims.tp + claims.fp) as f64
    } else {
        0.0
    };
    let r = if recall_tp + claims.fn_ > 0 {
        recall_tp as f64 / (recall_tp + claims.fn_) as f64
    } else {
        0.0
    };
    figure.precision = round3(p);
    figure.recall = round3(r);
    figure.f1 = if p + r != 0.0 {
        round3(2.0 * p * r / (p + r))
    } else {
        0.0
    };
    ClaimScores {
        figure,
        wrong_speaker,
        reported_by: reported,
        misses: claims.misses(),
    }
}

// ----------------------------------------------------------------- score

/// Scores a graph (its JSON, read leniently) against a gold annotation, with the
/// figures of `shared/eval/score.py`.
///
/// ```
/// use wasit::eval::{score, Gold};
/// let gold = Gold::parse(r#"
/// [[entity]]
/// key = "albusaidi"
/// type = "person"
/// names = ["بدر البوسعيدي"]
/// [[entity]]
/// key = "oman"
/// type = "state"
/// names = ["عمان", "سلطنة عمان"]
/// [[affiliation]]
/// person = "albusaidi"
/// state = "oman"
/// "#).unwrap();
/// // «وزير الخارجية العُماني بدر البوسعيدي»: one person, his state, the tie between them.
/// let graph = serde_json::json!({
///     "nodes": [
///         {"id": "p1", "type": "person", "label": "بدر البوسعيدي"},
///         {"id": "s1", "type": "state", "label": "سلطنة عُمان"},
///         {"id": "o1", "type": "organization", "label": "وزارة الخارجية العمانية"}
///     ],
///     "edges": [
///         {"source": "p1", "target": "o1", "type": "affiliated_with"},
///         {"source": "o1", "target": "s1", "type": "part_of"}
///     ]
/// });
/// let scores = score(&graph, &gold).unwrap();
/// assert_eq!(scores.person.f1, 1.0);
/// assert_eq!(scores.affiliation.tp, 1);
/// assert_eq!(scores.organization.fp, 1);
/// assert_eq!(scores.mission_score, 0.5);
/// ```
pub fn score(graph: &Value, gold: &Gold) -> Result<Scores, EvalError> {
    let graph = PyGraph::new(graph)?;
    let mapping = map_entities(&graph, gold);
    let ctx = Ctx {
        graph: &graph,
        gold,
        mapping,
    };
    let mut s = Scores::default();
    let entity = |etype: &str| {
        let t = score_entities(&ctx, etype);
        (t.row(), t.misses())
    };
    (s.person, s.details.person) = entity("person");
    (s.state, s.details.state) = entity("state");
    (s.organization, s.details.organization) = entity("organization");
    (s.place, s.details.place) = entity("place");

    let keys_of = |t: &str| -> HashSet<&str> {
        gold.entity
            .iter()
            .filter(|e| e.entity_type == t)
            .map(|e| e.key.as_str())
            .collect()
    };
    let (persons, states) = (keys_of("person"), keys_of("state"));
    let gold_aff: HashSet<Pair> = gold
        .affiliation
        .iter()
        .map(|a| (a.person.clone(), a.state.clone()))
        .collect();
    let optional: HashSet<&str> = gold
        .entity
        .iter()
        .filter(|e| e.optional)
        .map(|e| e.key.as_str())
        .collect();
    let sys_aff: HashSet<Pair> = affiliations(&ctx, &persons, &states)
        .into_iter()
        .filter(|p| {
            gold_aff.contains(p)
                || !(optional.contains(p.0.as_str()) || optional.contains(p.1.as_str()))
        })
        .collect();
    let t = score_pairs(sys_aff, gold_aff, false);
    (s.affiliation, s.details.affiliation) = (t.row(), t.misses());

    let kin_sys: HashSet<Pair> = graph
        .edges
        .iter()
        .filter(|(_, e, _)| e == "relative_of")
        .filter_map(|(a, _, b)| Some((ctx.map(a)?.to_string(), ctx.map(b)?.to_string())))
        .collect();
    let kin_gold: HashSet<Pair> = gold
        .kinship
        .iter()
        .map(|k| (k.person.clone(), k.relative.clone()))
        .collect();
    s.kinship = score_pairs(kin_sys, kin_gold, true).row();

    let (meetings, roles) = score_meetings(&ctx);
    (s.meeting, s.details.meeting) = (meetings.row(), meetings.misses());
    (s.meeting_role, s.details.meeting_role) = (roles.row(), roles.misses());

    let claims = score_claims(&ctx);
    s.claim = claims.figure;
    s.wrong_speaker = claims.wrong_speaker;
    s.reported_by = claims.reported_by;
    s.details.claim = claims.misses;

    let sum = HEADLINE
        .iter()
        .filter_map(|k| s.figure(k))
        .fold(0.0, |acc, f| acc + f.f1);
    s.mission_score = round3(sum / HEADLINE.len() as f64);
    Ok(s)
}

// ----------------------------------------------------------------- output

/// The scores as a table, exactly as `score.py` prints it (`details`: `--details`).
///
/// ```
/// let text = wasit::eval::format_table(&wasit::eval::Scores::default(), false);
/// assert!(text.starts_with("figure              P      R     F1    tp    fp    fn\n"));
/// assert!(text.ends_with("mission score 0.000\n"));
/// ```
pub fn format_table(scores: &Scores, details: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<14}{:>7}{:>7}{:>7}{:>6}{:>6}{:>6}",
        "figure", "P", "R", "F1", "tp", "fp", "fn"
    );
    for (key, f) in scores.figures() {
        let _ = writeln!(
            out,
            "{key:<14}{:>7.3}{:>7.3}{:>7.3}{:>6}{:>6}{:>6}",
            f.precision, f.recall, f.f1, f.tp, f.fp, f.fn_
        );
    }
    let rb = scores.reported_by;
    let _ = writeln!(
        out,
        "reported_by   {}/{} claims name the right outlet",
        rb.correct, rb.of
    );
    let _ = writeln!(
        out,
        "claims with the right words but the wrong speaker: {}",
        scores.wrong_speaker
    );
    if details {
        for (key, d) in scores.details.iter() {
            if !d.missed.is_empty() {
                let items: Vec<String> = d.missed.iter().map(py_str).collect();
                let _ = writeln!(out, "\nmissed {key}: {}", items.join("; "));
            }
            if !d.extra.is_empty() {
                let items: Vec<String> = d.extra.iter().take(40).map(py_str).collect();
                let _ = writeln!(out, "extra {key}: {}", items.join("; "));
            }
        }
    }
    let _ = writeln!(out, "mission score {:.3}", scores.mission_score);
    out
}

fn figure_json(f: &Figure) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("tp".into(), f.tp.into());
    m.insert("fp".into(), f.fp.into());
    m.insert("fn".into(), f.fn_.into());
    m.insert("precision".into(), float(f.precision));
    m.insert("recall".into(), float(f.recall));
    m.insert("f1".into(), float(f.f1));
    m
}

fn float(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// The scores as `score.py --json` structures them: `{"results": {...}}`, with
/// `"details"` when asked.
pub fn to_json_value(scores: &Scores, details: bool) -> Value {
    let mut results = Map::new();
    for (key, f) in scores.figures() {
        let mut row = figure_json(f);
        if key == "claim" {
            row.insert("wrong_speaker".into(), scores.wrong_speaker.into());
        }
        results.insert(key.into(), Value::Object(row));
    }
    let mut rb = Map::new();
    rb.insert("correct".into(), scores.reported_by.correct.into());
    rb.insert("of".into(), scores.reported_by.of.into());
    results.insert("reported_by".into(), Value::Object(rb));
    results.insert("mission_score".into(), float(scores.mission_score));
    let mut out = Map::new();
    out.insert("results".into(), Value::Object(results));
    if details {
        let mut d = Map::new();
        for (key, m) in scores.details.iter() {
            let mut entry = Map::new();
            entry.insert("missed".into(), Value::Array(m.missed.clone()));
            entry.insert("extra".into(), Value::Array(m.extra.clone()));
            d.insert(key.into(), Value::Object(entry));
        }
        out.insert("details".into(), Value::Object(d));
    }
    Value::Object(out)
}

/// The scores as JSON text, byte for byte what `score.py --json` prints
/// (`json.dumps(…, ensure_ascii=False, indent=1)` and a newline).
///
/// ```
/// let text = wasit::eval::format_json(&wasit::eval::Scores::default(), false);
/// assert!(text.starts_with("{\n \"results\": {\n  \"person\": {\n   \"tp\": 0,"));
/// assert!(text.contains("\"precision\": 0.0,"));
/// ```
pub fn format_json(scores: &Scores, details: bool) -> String {
    let mut out = String::new();
    dump_python_json(&to_json_value(scores, details), 0, &mut out);
    out.push('\n');
    out
}

/// `json.dumps(value, ensure_ascii=False, indent=1)`.
fn dump_python_json(v: &Value, level: usize, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if n.is_f64() {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if x.is_nan() {
                    out.push_str("NaN");
                } else if x.is_infinite() {
                    out.push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
                } else {
                    out.push_str(&py_float_repr(x));
                }
            } else {
                out.push_str(&n.to_string());
            }
        }
        Value::String(s) => dump_python_str(s, out),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(o) if o.is_empty() => out.push_str("{}"),
        Value::Array(a) => {
            out.push('[');
            for (k, item) in a.iter().enumerate() {
                out.push_str(if k == 0 { "\n" } else { ",\n" });
                out.push_str(&" ".repeat(level + 1));
                dump_python_json(item, level + 1, out);
            }
            out.push('\n');
            out.push_str(&" ".repeat(level));
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (k, (key, item)) in o.iter().enumerate() {
                out.push_str(if k == 0 { "\n" } else { ",\n" });
                out.push_str(&" ".repeat(level + 1));
                dump_python_str(key, out);
                out.push_str(": ");
                dump_python_json(item, level + 1, out);
            }
            out.push('\n');
            out.push_str(&" ".repeat(level));
            out.push('}');
        }
    }
}

/// A JSON string as Python's encoder writes it with `ensure_ascii=False`.
fn dump_python_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gold() -> Gold {
        Gold::parse(
            r#"
[[entity]]
key = "araghchi"
type = "person"
names = ["عباس عراقجي", "عراقجي"]
[[entity]]
key = "witkoff"
type = "person"
names = ["ستيف ويتكوف", "ويتكوف"]
[[entity]]
key = "shah"
type = "person"
names = ["الشاه"]
optional = true
[[entity]]
key = "anon"
type = "person"
names = ["مصدر دبلوماسي"]
optional = true
[[entity]]
key = "iran"
type = "state"
names = ["إيران", "طهران"]
[[entity]]
key = "usa"
type = "state"
names = ["الولايات المتحدة", "واشنطن"]
[[entity]]
key = "oman"
type = "state"
names = ["عمان", "سلطنة عمان"]
[[entity]]
key = "muscat"
type = "place"
names = ["مسقط"]
[[entity]]
key = "reuters"
type = "organization"
names = ["رويترز"]
[[affiliation]]
person = "araghchi"
state = "iran"
[[affiliation]]
person = "witkoff"
state = "usa"
[[meeting]]
key = "muscat-talks"
place = "muscat"
date = 2026-02-06
parties = ["usa", "iran"]
mediators = ["oman"]
participants = ["araghchi", "witkoff"]
[[meeting]]
key = "earlier"
date = "2025"
parties = ["usa", "iran"]
optional = true
[[claim]]
speaker = "araghchi"
says = "الأجواء كانت إيجابية"
reported_by = "reuters"
[[claim]]
speaker = ["anon", "reuters"]
says = "انتهت الجولة"
"#,
        )
        .unwrap()
    }

    fn node(id: &str, t: &str, label: &str) -> Value {
        json!({"id": id, "type": t, "label": label})
    }

    fn edge(s: &str, t: &str, e: &str) -> Value {
        json!({"source": s, "target": t, "type": e})
    }

    #[test]
    fn norm_folds_like_the_scorer() {
        assert_eq!(norm("إيرانُ"), "ايران");
        assert_eq!(norm("  «أمريكا»،  و-إيران "), "امريكا و ايران");
        assert_eq!(norm("ABC Ü"), "abc ü");
        // Unlike fold_key, the scorer keeps Arabic-Indic digits and invisible marks.
        assert_eq!(norm("٢٠٢٦"), "٢٠٢٦");
        assert_eq!(norm("a\u{200f}b"), "a\u{200f}b");
        // Python splits on \x1c..\x1f.
        assert_eq!(norm("a\u{1c}b"), "a b");
        assert_eq!(norm("ﻻ"), "لا");
    }

    #[test]
    fn python_values() {
        assert_eq!(py_str(&json!(null)), "None");
        assert_eq!(py_str(&json!(true)), "True");
        assert_eq!(py_str(&json!(5)), "5");
        assert_eq!(py_str(&json!(1.0)), "1.0");
        assert_eq!(py_str(&json!(["a", 1, null])), "['a', 1, None]");
        assert_eq!(py_str(&json!({"k": "it's"})), "{'k': \"it's\"}");
        assert_eq!(py_repr_str("a\\b'\"\n"), "'a\\\\b\\'\"\\n'");
        assert_eq!(py_float_repr(1e16), "1e+16");
        assert_eq!(py_float_repr(1.5e-5), "1.5e-05");
        assert_eq!(py_float_repr(0.0001), "0.0001");
        assert_eq!(py_float_repr(123.25), "123.25");
        assert_eq!(py_float_repr(1e15), "1000000000000000.0");
        assert_eq!(py_float_repr(-2.5), "-2.5");
        assert!(
            !truthy(&json!(0))
                && !truthy(&json!(""))
                && !truthy(&json!([]))
                && truthy(&json!("false"))
        );
    }

    #[test]
    fn round_is_half_even_on_the_exact_value() {
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.1875), 0.188);
        assert_eq!(round3(2.0 / 3.0), 0.667);
        assert_eq!(round3(0.6665), 0.666);
    }

    #[test]
    fn dates() {
        assert_eq!(
            dates_compatible("2026-02-06", "2026-02-06", false),
            Some(true)
        );
        assert_eq!(dates_compatible("2026-02", "2026-02-06", false), Some(true));
        assert_eq!(
            dates_compatible("XXXX-05-08", "2023-05-08", false),
            Some(true)
        );
        assert_eq!(
            dates_compatible("2024-05-08", "2023-05-08", true),
            Some(true)
        );
        assert_eq!(
            dates_compatible("2024-05-08", "2023-05-08", false),
            Some(false)
        );
        assert_eq!(dates_compatible("", "2023", false), None);
        assert_eq!(
            dates_compatible("2026-02-06T10:00", "2026-02-06", false),
            Some(true)
        );
    }

    #[test]
    fn toml_dates_read_as_python_prints_them() {
        let g = gold();
        assert_eq!(g.meeting[0].date_str(), "2026-02-06");
        let g = Gold::parse("[[meeting]]\nkey = \"k\"\ndate = 2026-02-06T10:30:00Z\n").unwrap();
        assert_eq!(g.meeting[0].date_str(), "2026-02-06 10:30:00+00:00");
    }

    #[test]
    fn malformed_gold_is_an_error() {
        assert!(matches!(
            Gold::parse("[[entity]]\nkey = \"k\"\n"),
            Err(EvalError::Gold(_))
        ));
        assert!(matches!(
            Gold::parse("[[claim]]\nspeaker = 3\nsays = \"x\"\n"),
            Err(EvalError::Gold(_))
        ));
        assert!(matches!(
            Gold::parse("not = = toml"),
            Err(EvalError::Gold(_))
        ));
    }

    #[test]
    fn malformed_graphs_are_errors_not_panics() {
        let g = gold();
        for bad in [
            json!([]),
            json!("x"),
            json!({"nodes": [{"type": "person"}]}),
            json!({"nodes": 5}),
            json!({"nodes": ["a"]}),
            json!({"edges": [{"source": "a"}]}),
            json!({"nodes": [{"id": "a", "attrs": "text"}]}),
            json!({"edges": null}),
        ] {
            assert!(matches!(score(&bad, &g), Err(EvalError::Graph(_))), "{bad}");
        }
        for odd in [
            json!({}),
            json!({"nodes": {}, "edges": ""}),
            json!({"graph": {"nodes": [{"id": 1, "kind": "PER", "name": "عراقجي"}]}}),
            json!({"nodes": [{"id": "a", "attrs": [["text", "x"], "ab"]}]}),
            json!({"nodes": [{"id": null, "type": ["x"], "label": {"a": 1}, "aliases": [null, 3, ["x"]]}]}),
        ] {
            assert!(score(&odd, &g).is_ok(), "{odd}");
        }
    }

    #[test]
    fn entities_duplicates_optional_and_anonymous() {
        let graph = json!({"nodes": [
            node("a", "person", "عباس عراقجي"),
            node("b", "person", "عراقجي"),
            node("c", "person", "الشاه"),
            {"id": "d", "type": "person", "label": "مسؤول أمريكي", "attrs": {"anonymous": true}},
            node("e", "person", "فلان"),
            {"id": "f", "kind": "country", "name": "إيران"},
        ]});
        let s = score(&graph, &gold()).unwrap();
        assert_eq!((s.person.tp, s.person.fp, s.person.fn_), (1, 2, 1));
        assert_eq!(
            s.details.person.extra,
            vec![json!("فلان"), json!("duplicate of araghchi x2")]
        );
        assert_eq!(s.details.person.missed, vec![json!("witkoff")]);
        assert_eq!((s.state.tp, s.state.fp, s.state.fn_), (1, 0, 2));
    }

    #[test]
    fn label_match_beats_alias_match() {
        let g = Gold::parse(
            "[[entity]]\nkey = \"a\"\ntype = \"state\"\nnames = [\"x\"]\n\
             [[entity]]\nkey = \"b\"\ntype = \"state\"\nnames = [\"y\"]\n",
        )
        .unwrap();
        let graph =
            json!({"nodes": [{"id": "n", "type": "state", "label": "y", "aliases": ["x"]}]});
        let s = score(&graph, &g).unwrap();
        assert_eq!(s.details.state.missed, vec![json!("a")]);
    }

    #[test]
    fn affiliation_through_part_of_chains() {
        let graph = json!({"nodes": [
            node("p", "person", "عراقجي"), node("o1", "organization", "الخارجية"),
            node("o2", "organization", "الحكومة"), node("s", "state", "طهران"),
            node("w", "person", "ويتكوف"), node("sh", "person", "الشاه"),
        ], "edges": [
            edge("p", "o1", "affiliated_with"), edge("o1", "o2", "part_of"), edge("o2", "s", "part_of"),
            edge("o2", "o1", "part_of"), edge("w", "s", "affiliated_with"), edge("sh", "s", "affiliated_with"),
        ]});
        let s = score(&graph, &gold()).unwrap();
        assert_eq!(
            (s.affiliation.tp, s.affiliation.fp, s.affiliation.fn_),
            (1, 1, 1)
        );
        assert_eq!(
            s.details.affiliation.extra,
            vec![json!("('witkoff', 'iran')")]
        );
        assert_eq!(
            s.details.affiliation.missed,
            vec![json!("('witkoff', 'usa')")]
        );
    }

    #[test]
    fn meetings_roles_and_duplicates() {
        let graph = json!({"nodes": [
            {"id": "m1", "type": "meeting", "label": "محادثات مسقط", "attrs": {"date": "2026-02-06"}},
            {"id": "m2", "type": "meeting", "label": "جولة مسقط", "attrs": {"date": "2026-02", "place": "مسقط"}},
            {"id": "m3", "type": "meeting", "label": "محادثات 2025", "attrs": {"date": "2025"}},
            node("p", "place", "مسقط"), node("us", "state", "واشنطن"), node("ir", "state", "إيران"),
            node("om", "state", "عمان"), node("a", "person", "عراقجي"),
        ], "edges": [
            edge("m1", "p", "held_in"), edge("us", "m1", "party_to"), edge("ir", "m1", "party_to"),
            edge("om", "m1", "hosts"), edge("om", "m1", "party_to"), edge("a", "m1", "participates_in"),
            edge("us", "m3", "party_to"), edge("ir", "m3", "party_to"),
        ]});
        let s = score(&graph, &gold()).unwrap();
        assert_eq!((s.meeting.tp, s.meeting.fp, s.meeting.fn_), (1, 1, 0));
        assert_eq!(
            s.details.meeting.extra,
            vec![json!("جولة مسقط (2026-02) duplicate")]
        );
        // parties usa, iran (+oman extra), participants araghchi (witkoff missed),
        // mediators oman missed, hosts not annotated.
        assert_eq!(
            (s.meeting_role.tp, s.meeting_role.fp, s.meeting_role.fn_),
            (3, 1, 2)
        );
    }

    #[test]
    fn meeting_tie_break_prefers_the_earlier_node() {
        let graph = json!({"nodes": [
            {"id": "m1", "type": "meeting", "label": "a", "attrs": {"date": "2026-02-06", "place": "مسقط"}},
            {"id": "m2", "type": "meeting", "label": "b", "attrs": {"date": "2026-02-06", "place": "مسقط"}},
        ]});
        let s = score(&graph, &gold()).unwrap();
        assert_eq!(
            s.details.meeting.extra,
            vec![json!("b (2026-02-06) duplicate")]
        );
    }

    #[test]
    fn claims_outlets_duplicates_wrong_speakers_and_length() {
        let long = "كلام ".repeat(120) + "الأجواء كانت إيجابية";
        let graph = json!({"nodes": [
            node("a", "person", "عراقجي"), node("w", "person", "ويتكوف"), node("r", "organization", "رويترز"),
            {"id": "c1", "type": "claim", "label": "قال عراقجي", "attrs": {"text": "إن الأجواء كانت إيجابية جدا"}},
            {"id": "c2", "type": "claim", "attrs": {"text": "الأجواء كانت إيجابية"}},
            {"id": "c3", "type": "claim", "attrs": {"text": "انتهت الجولة"}},
            {"id": "c4", "type": "claim", "attrs": {"text": "انتهت الجولة اليوم"}},
            {"id": "c5", "type": "claim", "attrs": {"text": long}},
        ], "edges": [
            edge("a", "c1", "said"), edge("c1", "r", "reported_by"), edge("a", "c2", "said"),
            edge("w", "c3", "said"), edge("c4", "r", "reported_by"), edge("a", "c5", "said"),
        ]});
        let s = score(&graph, &gold()).unwrap();
        // c2 (shortest) matches first; c1 is then a duplicate; c3 has the wrong speaker;
        // c4 is reported by the outlet that is an accepted speaker; c5 is too long.
        assert_eq!((s.claim.tp, s.claim.fp, s.claim.fn_), (2, 3, 0));
        assert_eq!(s.wrong_speaker, 1);
        assert_eq!(s.reported_by, ReportedBy { correct: 0, of: 1 });
        assert_eq!(s.claim.precision, 0.4);
        assert_eq!(s.claim.recall, 1.0);
        let extra: Vec<String> = s.details.claim.extra.iter().map(py_str).collect();
        assert!(extra[0].starts_with("wrong speaker: "), "{extra:?}");
        assert!(extra[1].starts_with("duplicate: "), "{extra:?}");
        assert!(extra[2].starts_with("too long ("), "{extra:?}");
    }

    #[test]
    fn kinship_is_symmetric() {
        let g = Gold::parse(
            "[[entity]]\nkey = \"a\"\ntype = \"person\"\nnames = [\"x\"]\n\
             [[entity]]\nkey = \"b\"\ntype = \"person\"\nnames = [\"y\"]\n\
             [[kinship]]\nperson = \"b\"\nrelative = \"a\"\n",
        )
        .unwrap();
        let graph = json!({"nodes": [node("1", "person", "x"), node("2", "person", "y")],
                           "edges": [edge("1", "2", "relative_of")]});
        assert_eq!(score(&graph, &g).unwrap().kinship.tp, 1);
    }

    #[test]
    fn json_and_table_layout() {
        let graph =
            json!({"nodes": [node("a", "person", "عراقجي"), {"id": "x", "type": "person"}]});
        let s = score(&graph, &gold()).unwrap();
        let text = format_json(&s, true);
        let claim = "  \"claim\": {\n   \"tp\": 0,\n   \"fp\": 0,\n   \"fn\": 2,\n   \"precision\": 0.0,\n   \
                     \"recall\": 0.0,\n   \"f1\": 0.0,\n   \"wrong_speaker\": 0\n  },";
        assert!(text.contains(claim), "{text}");
        assert!(text.contains("\"extra\": [\n    null\n   ]"), "{text}");
        assert!(text.contains("\"missed\": []"), "{text}");
        let table = format_table(&s, true);
        assert!(
            table.contains("person          0.500  0.500  0.500     1     1     1\n"),
            "{table}"
        );
        assert!(table.contains("\nextra person: None\n"), "{table}");
    }
}
