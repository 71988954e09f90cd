//! The rows of each lexicon file and their TSV parsing. Files are UTF-8,
//! tab-separated, `#` starts a comment line, list fields are `|`-separated.

use std::fmt;

use crate::text::fold_key;

/// A lexicon file that cannot be read, naming the file and line (`file:line: what`),
/// or the file alone when the problem is the whole file (`file: cannot read: …`).
#[derive(Debug, thiserror::Error)]
pub struct LexiconError {
    /// The file (or embedded data name).
    pub file: String,
    /// 1-based line; 0 when no line is at fault (the file cannot be read).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

/// A state: `id name_en names nisbas capitals capital_en`.
#[derive(Clone, Debug, Default)]
pub struct StateRow {
    /// ISO 3166-1 alpha-2.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Arabic names, the first canonical.
    pub names: Vec<String>,
    /// Masculine singular nisbas.
    pub nisbas: Vec<String>,
    /// Arabic capital names.
    pub capitals: Vec<String>,
    /// English name of the capital.
    pub capital_en: String,
}

/// A place: `id name_en names state`.
#[derive(Clone, Debug, Default)]
pub struct PlaceRow {
    /// Slug.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Arabic names.
    pub names: Vec<String>,
    /// ISO code of the state it lies in.
    pub state: Option<String>,
}

/// Kinds of organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgKind {
    /// News agencies, papers, channels, sites, platforms.
    Media,
    /// International and regional bodies.
    Intl,
    /// Movements, parties, armed groups.
    Movement,
    /// Seats of government and state bodies.
    Government,
    /// Companies.
    Company,
}

/// An organization: `id kind state name_en names`.
#[derive(Clone, Debug)]
pub struct OrgRow {
    /// Slug.
    pub id: String,
    /// Kind.
    pub kind: OrgKind,
    /// ISO code of the state it is part of.
    pub state: Option<String>,
    /// English name.
    pub name_en: String,
    /// Arabic names.
    pub names: Vec<String>,
}

/// A portfolio ministry pattern: `id name_en ministry construct minister`.
#[derive(Clone, Debug, Default)]
pub struct MinistryRow {
    /// Slug (`foreign`).
    pub id: String,
    /// English name (`Foreign Ministry`).
    pub name_en: String,
    /// Definite forms (وزارة الخارجية).
    pub ministry: Vec<String>,
    /// Construct forms (وزارة خارجية).
    pub construct: Vec<String>,
    /// Minister and spokesperson titles of this ministry.
    pub minister: Vec<String>,
}

/// Kinds of title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleKind {
    /// A post in a state or organization.
    Post,
    /// Head of state or government.
    Head,
    /// Envoys, negotiators, ambassadors.
    Envoy,
    /// Spokespeople.
    Spokes,
    /// Ranks and honorifics.
    Honorific,
    /// Kinship.
    Kin,
}

/// A title: `phrase role_en kind variants`.
#[derive(Clone, Debug)]
pub struct TitleRow {
    /// The phrase.
    pub phrase: String,
    /// English role.
    pub role_en: String,
    /// Kind.
    pub kind: TitleKind,
    /// Ministry index when the title is a minister's (filled in when loading).
    pub ministry: Option<u32>,
}

/// Kinds of attribution cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A finite speech verb.
    Verb,
    /// An adverbial participle (مضيفا).
    Participle,
    /// A source preposition (بحسب، نقلا عن).
    Source,
    /// A medium frame (في بيان).
    Frame,
}

/// A speech cue: `cue lemma medium kind`.
#[derive(Clone, Debug)]
pub struct CueRow {
    /// Surface form.
    pub cue: String,
    /// Base verb.
    pub lemma: String,
    /// statement, interview, post, briefing, report, or empty.
    pub medium: String,
    /// Kind.
    pub kind: CueKind,
}

/// An anonymous source head: `head number role_en`.
#[derive(Clone, Debug)]
pub struct AnonRow {
    /// The head noun phrase.
    pub head: String,
    /// Plural?
    pub plural: bool,
    /// English role.
    pub role_en: String,
}

/// A meeting-related cue: `cue kind value`.
#[derive(Clone, Debug)]
pub struct EventCueRow {
    /// Surface form.
    pub cue: String,
    /// meeting, mediate, host, status, format, round, party.
    pub kind: String,
    /// The value it sets (held, planned, indirect, 4, call…).
    pub value: String,
}

pub(crate) fn list(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn opt(field: &str) -> Option<String> {
    let f = field.trim();
    (!f.is_empty()).then(|| f.to_string())
}

/// The columns of one kind of lexicon file: how many there are (`min`–`max`), and
/// which must hold something that folds to a word (an id, a name): a row without
/// them would be read and add nothing.
pub(crate) struct Shape {
    min: usize,
    max: usize,
    required: &'static [(usize, &'static str)],
}

const STATES: Shape = Shape {
    min: 6,
    max: 6,
    required: &[(0, "id"), (2, "names")],
};
const PLACES: Shape = Shape {
    min: 3,
    max: 4,
    required: &[(0, "id"), (2, "names")],
};
const ORGS: Shape = Shape {
    min: 5,
    max: 5,
    required: &[(0, "id"), (4, "names")],
};
const MINISTRIES: Shape = Shape {
    min: 5,
    max: 5,
    required: &[(0, "id"), (2, "ministry")],
};
const TITLES: Shape = Shape {
    min: 3,
    max: 4,
    required: &[(0, "phrase")],
};
const CUES: Shape = Shape {
    min: 4,
    max: 4,
    required: &[(0, "cue")],
};
const ANON: Shape = Shape {
    min: 2,
    max: 3,
    required: &[(0, "head")],
};
const GIVEN: Shape = Shape {
    min: 1,
    max: 2,
    required: &[(0, "name")],
};
const EVENT_CUES: Shape = Shape {
    min: 3,
    max: 3,
    required: &[(0, "cue"), (1, "kind")],
};

/// The kinds of event cue the meeting extractor reads (`data/event_cues.tsv`).
const EVENT_KINDS: &[&str] = &[
    "meeting",
    "mediate",
    "host",
    "status",
    "format",
    "round",
    "participate",
    "apart",
    "prelude",
];

/// Iterates the data rows of a TSV text as (line number, fields), checking each
/// against the columns of its kind.
pub(crate) fn rows<'a>(
    file: &'a str,
    text: &'a str,
    shape: &'a Shape,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), LexiconError>> + 'a {
    text.lines().enumerate().filter_map(move |(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let n = fields.len();
        if n < shape.min || n > shape.max {
            let want = if shape.min == shape.max {
                format!("{}", shape.min)
            } else {
                format!("{} to {}", shape.min, shape.max)
            };
            return Some(Err(bad(
                file,
                i + 1,
                format!("expected {want} tab-separated fields, found {n}"),
            )));
        }
        for &(col, name) in shape.required {
            if list(fields[col]).iter().all(|v| fold_key(v).is_empty()) {
                return Some(Err(bad(
                    file,
                    i + 1,
                    format!("field {} ({name}) is empty", col + 1),
                )));
            }
        }
        Some(Ok((i + 1, fields)))
    })
}

fn bad(file: &str, line: usize, message: impl fmt::Display) -> LexiconError {
    LexiconError {
        file: file.to_string(),
        line,
        message: message.to_string(),
    }
}

pub(crate) fn parse_states(file: &str, text: &str) -> Result<Vec<StateRow>, LexiconError> {
    rows(file, text, &STATES)
        .map(|r| {
            let (_, f) = r?;
            Ok(StateRow {
                id: f[0].trim().to_string(),
                name_en: f[1].trim().to_string(),
                names: list(f[2]),
                nisbas: list(f[3]),
                capitals: list(f[4]),
                capital_en: f[5].trim().to_string(),
            })
        })
        .collect()
}

pub(crate) fn parse_places(file: &str, text: &str) -> Result<Vec<PlaceRow>, LexiconError> {
    rows(file, text, &PLACES)
        .map(|r| {
            let (_, f) = r?;
            Ok(PlaceRow {
                id: f[0].trim().to_string(),
                name_en: f[1].trim().to_string(),
                names: list(f[2]),
                state: f.get(3).and_then(|s| opt(s)),
            })
        })
        .collect()
}

pub(crate) fn parse_orgs(file: &str, text: &str) -> Result<Vec<OrgRow>, LexiconError> {
    rows(file, text, &ORGS)
        .map(|r| {
            let (line, f) = r?;
            let kind = match f[1].trim() {
                "media" => OrgKind::Media,
                "intl" => OrgKind::Intl,
                "movement" => OrgKind::Movement,
                "government" => OrgKind::Government,
                "company" => OrgKind::Company,
                other => {
                    return Err(bad(
                        file,
                        line,
                        format!("unknown organization kind {other:?}"),
                    ))
                }
            };
            Ok(OrgRow {
                id: f[0].trim().to_string(),
                kind,
                state: opt(f[2]),
                name_en: f[3].trim().to_string(),
                names: list(f[4]),
            })
        })
        .collect()
}

pub(crate) fn parse_ministries(file: &str, text: &str) -> Result<Vec<MinistryRow>, LexiconError> {
    rows(file, text, &MINISTRIES)
        .map(|r| {
            let (_, f) = r?;
            Ok(MinistryRow {
                id: f[0].trim().to_string(),
                name_en: f[1].trim().to_string(),
                ministry: list(f[2]),
                construct: list(f[3]),
                minister: list(f[4]),
            })
        })
        .collect()
}

pub(crate) fn parse_titles(
    file: &str,
    text: &str,
) -> Result<Vec<(TitleRow, Vec<String>)>, LexiconError> {
    rows(file, text, &TITLES)
        .map(|r| {
            let (line, f) = r?;
            let kind = match f[2].trim() {
                "post" => TitleKind::Post,
                "head" => TitleKind::Head,
                "envoy" => TitleKind::Envoy,
                "spokes" => TitleKind::Spokes,
                "honorific" => TitleKind::Honorific,
                "kin" => TitleKind::Kin,
                other => return Err(bad(file, line, format!("unknown title kind {other:?}"))),
            };
            let variants = f.get(3).map(|v| list(v)).unwrap_or_default();
            Ok((
                TitleRow {
                    phrase: f[0].trim().to_string(),
                    role_en: f[1].trim().to_string(),
                    kind,
                    ministry: None,
                },
                variants,
            ))
        })
        .collect()
}

pub(crate) fn parse_cues(file: &str, text: &str) -> Result<Vec<CueRow>, LexiconError> {
    rows(file, text, &CUES)
        .map(|r| {
            let (line, f) = r?;
            let kind = match f[3].trim() {
                "verb" => CueKind::Verb,
                "participle" => CueKind::Participle,
                "source" => CueKind::Source,
                "frame" => CueKind::Frame,
                other => return Err(bad(file, line, format!("unknown cue kind {other:?}"))),
            };
            Ok(CueRow {
                cue: f[0].trim().to_string(),
                lemma: f[1].trim().to_string(),
                medium: f[2].trim().to_string(),
                kind,
            })
        })
        .collect()
}

pub(crate) fn parse_anon(file: &str, text: &str) -> Result<Vec<AnonRow>, LexiconError> {
    rows(file, text, &ANON)
        .map(|r| {
            let (_, f) = r?;
            Ok(AnonRow {
                head: f[0].trim().to_string(),
                plural: f[1].trim() == "pl",
                role_en: f.get(2).map(|s| s.trim().to_string()).unwrap_or_default(),
            })
        })
        .collect()
}

pub(crate) fn parse_given(file: &str, text: &str) -> Result<Vec<String>, LexiconError> {
    rows(file, text, &GIVEN)
        .map(|r| r.map(|(_, f)| f[0].trim().to_string()))
        .collect()
}

pub(crate) fn parse_event_cues(file: &str, text: &str) -> Result<Vec<EventCueRow>, LexiconError> {
    rows(file, text, &EVENT_CUES)
        .map(|r| {
            let (line, f) = r?;
            let kind = f[1].trim();
            if !EVENT_KINDS.contains(&kind) {
                return Err(bad(
                    file,
                    line,
                    format!(
                        "unknown event cue kind {kind:?} ({})",
                        EVENT_KINDS.join(", ")
                    ),
                ));
            }
            Ok(EventCueRow {
                cue: f[0].trim().to_string(),
                kind: f[1].trim().to_string(),
                value: f[2].trim().to_string(),
            })
        })
        .collect()
}
