//! Extraction rules as data: token patterns over the analysed text, the lexicon
//! entries and the entities found so far, each rule with an id and the real
//! sentences it must read (`data/rules/*.toml`, embedded at build time; a user file
//! starts with `# kind: rules`). Rules are validated when loaded: an error names
//! the file and the rule id.
//!
//! A pattern is a list of elements, each matching one token (`word`, `stem`, `cue`),
//! one entity mention (`ent`: a state, organization, person…), or a gap of tokens.
//! Token elements take a quantifier (`op = "?" | "*" | "+"`), an `ent` element only
//! `+` (a list: روسيا وتركيا وإيران); `capture` names the role the matched entity plays.
//!
//! ```
//! use wasit::lexicon::RuleSet;
//! let rules = RuleSet::parse("r.toml", r#"
//! [[rule]]
//! id = "meeting.mediator.carries_messages"
//! stage = "meeting"
//! pattern = [{stem = ["نقلت"]}, {ent = "side", capture = "mediator"}, {stem = ["رسائل"]}]
//! examples = [{text = "ونقلت سلطنة عمان رسائل بين الوفدين.", mediators = ["state:OM"]}]
//! "#).unwrap();
//! assert_eq!(rules.rules[0].id, "meeting.mediator.carries_messages");
//! ```

use std::collections::HashMap;

use serde::Deserialize;

use super::tables::LexiconError;
use crate::text::fold_key;

/// The stage that reads a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Meetings: sides, delegates, go-betweens, hosts.
    Meeting,
}

/// What an entity element accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntKind {
    /// A state named (not only implied by a city).
    State,
    /// An organization.
    Organization,
    /// A state or an organization: a side of talks.
    Side,
    /// A person.
    Person,
    /// A side or a person.
    Actor,
    /// A city or venue.
    Place,
}

/// The role a captured entity plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Carries messages, brokers the talks.
    Mediator,
    /// Receives the talks on its soil, chairs them.
    Host,
    /// A side in the talks.
    Party,
    /// A delegate.
    Participant,
    /// Where the talks are held.
    Place,
}

/// A quantifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
pub enum Op {
    /// Exactly once.
    #[default]
    #[serde(rename = "1")]
    One,
    /// Zero or once.
    #[serde(rename = "?")]
    Optional,
    /// Zero or more (at most 8).
    #[serde(rename = "*")]
    Star,
    /// Once or more (at most 8).
    #[serde(rename = "+")]
    Plus,
}

/// One element of a pattern, as written in a rule file.
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Element {
    /// The token is one of these words (folded on load; clitics included).
    #[serde(default)]
    pub word: Vec<String>,
    /// The token, after its proclitics (و ف ب ل ك ال), is one of these.
    #[serde(default)]
    pub stem: Vec<String>,
    /// The token is covered by a lexicon entry of this kind: an event-cue kind
    /// (meeting, mediate, host, status, participate), `speech` or `title`.
    pub cue: Option<String>,
    /// An entity mention of this kind starts at the token; it is consumed whole.
    pub ent: Option<EntKind>,
    /// Any tokens, between `[min, max]` of them.
    pub gap: Option<[usize; 2]>,
    /// Quantifier of a token element.
    #[serde(default)]
    pub op: Op,
    /// The role of the entity matched here.
    pub capture: Option<Role>,
}

/// An example: a real sentence and the facts the rule must give on it.
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The sentence, as published.
    pub text: String,
    /// Publication date of the example's article, when its dates matter.
    pub date: Option<String>,
    /// Expected go-betweens: entity ids (`state:OM`) or person names.
    #[serde(default)]
    pub mediators: Vec<String>,
    /// Expected hosts.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Expected sides.
    #[serde(default)]
    pub parties: Vec<String>,
    /// Expected delegates.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Where the example comes from (an article of tests/news, a url).
    pub source: Option<String>,
}

/// What a rule sets on the talks besides its captures.
#[derive(Clone, Debug, Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Sets {
    /// direct or indirect.
    pub format: Option<String>,
    /// held, planned, postponed, cancelled.
    pub status: Option<String>,
    /// The sentence reports talks even without a talks word.
    #[serde(default)]
    pub talks: bool,
}

/// A rule.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id: `stage.role.shape`.
    pub id: String,
    /// The stage that reads it.
    pub stage: Stage,
    /// What the rule reads, in words.
    #[serde(default)]
    pub doc: String,
    /// The pattern.
    pub pattern: Vec<Element>,
    /// Tokens may be separated by clause punctuation (، : ؛) inside the match.
    #[serde(default)]
    pub cross_clauses: bool,
    /// Attributes set when it matches.
    #[serde(default)]
    pub sets: Sets,
    /// Real sentences and their facts.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Who added it and when.
    #[serde(default)]
    pub added: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rule: Vec<Rule>,
}

/// Every rule, indexed by the words that can start a match.
#[derive(Debug, Default)]
pub struct RuleSet {
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// Folded first word or stem → rules starting with it.
    by_word: HashMap<String, Vec<usize>>,
    /// Rules whose first element is a cue or an entity: tried at every such token.
    by_kind: Vec<usize>,
}

const CUES: &[&str] = &[
    "meeting",
    "mediate",
    "host",
    "status",
    "participate",
    "speech",
    "title",
];

fn check(rule: &Rule) -> Result<(), String> {
    if rule.id.trim().is_empty() {
        return Err("a rule has no id".into());
    }
    if rule.examples.is_empty() {
        return Err("no example: every rule carries at least one real sentence".into());
    }
    let Some(first) = rule.pattern.first() else {
        return Err("empty pattern".into());
    };
    if first.gap.is_some() || first.op != Op::One && first.op != Op::Plus {
        return Err("the first element must match (no gap, no ? or *)".into());
    }
    for (k, e) in rule.pattern.iter().enumerate() {
        let kinds = [
            !e.word.is_empty(),
            !e.stem.is_empty(),
            e.cue.is_some(),
            e.ent.is_some(),
            e.gap.is_some(),
        ];
        if kinds.iter().filter(|&&b| b).count() != 1 {
            return Err(format!(
                "element {}: give exactly one of word, stem, cue, ent, gap",
                k + 1
            ));
        }
        if let Some(c) = &e.cue {
            if !CUES.contains(&c.as_str()) {
                return Err(format!(
                    "element {}: unknown cue {c:?} (one of {CUES:?})",
                    k + 1
                ));
            }
        }
        if let Some([a, b]) = e.gap {
            if a > b || b > 12 {
                return Err(format!(
                    "element {}: gap [{a}, {b}] (want min ≤ max ≤ 12)",
                    k + 1
                ));
            }
        }
        if e.capture.is_some() && e.ent.is_none() {
            return Err(format!("element {}: only an ent element captures", k + 1));
        }
        if e.ent.is_some() && !matches!(e.op, Op::One | Op::Plus) {
            return Err(format!(
                "element {}: an ent element takes no quantifier but + (a list)",
                k + 1
            ));
        }
    }
    for (field, v) in [("format", &rule.sets.format), ("status", &rule.sets.status)] {
        let ok: &[&str] = if field == "format" {
            &["direct", "indirect"]
        } else {
            &["held", "planned", "postponed", "cancelled"]
        };
        if let Some(v) = v {
            if !ok.contains(&v.as_str()) {
                return Err(format!("sets.{field} = {v:?} (one of {ok:?})"));
            }
        }
    }
    Ok(())
}

impl RuleSet {
    /// Parses one rule file.
    pub fn parse(file: &str, text: &str) -> Result<RuleSet, LexiconError> {
        let mut set = RuleSet::default();
        set.add(file, text)?;
        Ok(set)
    }

    /// Adds the rules of one file; word sets are folded here, once.
    pub fn add(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        let parsed: File = toml::from_str(text).map_err(|e| LexiconError {
            file: file.to_string(),
            line: e
                .span()
                .map(|s| text[..s.start].matches('\n').count() + 1)
                .unwrap_or(1),
            message: e.message().to_string(),
        })?;
        for mut rule in parsed.rule {
            let line = text
                .find(&format!("\"{}\"", rule.id))
                .map(|at| text[..at].matches('\n').count() + 1)
                .unwrap_or(1);
            let err = |message: String| LexiconError {
                file: file.to_string(),
                line,
                message: format!("rule {:?}: {message}", rule.id),
            };
            check(&rule).map_err(err)?;
            if self.rules.iter().any(|r| r.id == rule.id) {
                return Err(err("a rule with this id exists already".into()));
            }
            for e in &mut rule.pattern {
                e.word = e.word.iter().map(|w| fold_key(w)).collect();
                e.stem = e.stem.iter().map(|w| fold_key(w)).collect();
            }
            let i = self.rules.len();
            let first = &rule.pattern[0];
            if first.word.is_empty() && first.stem.is_empty() {
                self.by_kind.push(i);
            }
            for w in first.word.iter().chain(&first.stem) {
                self.by_word.entry(w.clone()).or_default().push(i);
            }
            self.rules.push(rule);
        }
        Ok(())
    }

    /// Rules that may start at a token with these readings (the token itself and
    /// its stems), plus those that start with a cue or an entity.
    pub fn candidates(&self, readings: &[&str]) -> Vec<usize> {
        let mut out: Vec<usize> = readings
            .iter()
            .filter_map(|r| self.by_word.get(*r))
            .flatten()
            .copied()
            .chain(self.by_kind.iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
