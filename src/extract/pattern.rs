//! The rule engine: runs the token patterns of [`crate::lexicon::RuleSet`] over
//! one sentence of an analysed document, with the entities and people found so
//! far. A rule is tried only at tokens that can start it (its first word or stem,
//! or any token carrying a cue or an entity), so the cost stays linear in the text.
//! Overlapping matches of one rule keep the earliest.
//!
//! ```
//! use wasit::extract::{entities, names, pattern, Analysis};
//! use wasit::lexicon::{Lexicon, Role, Stage};
//! use wasit::model::Document;
//! let doc = Document::new("a.txt", "أن وزير الخارجية العماني، يوسف بن علوي، حمل رسالتين هامتين من لندن وواشنطن إلى طهران.");
//! let lex = Lexicon::embedded();
//! let an = Analysis::new(&doc, lex);
//! let ents = entities::find(&an);
//! let people = names::find(&an, &ents);
//! let found = pattern::find(&an, &ents, &people, Stage::Meeting, 0, an.tokens.list.len());
//! assert_eq!(lex.rules.rules[found[0].rule].id, "meeting.mediator.carries_messages");
//! assert_eq!(found[0].captures[0].role, Role::Mediator);
//! ```

use crate::lexicon::{Element, EntKind, Entry, Op, Role, Stage};
use crate::model::NodeType;
use crate::text::strip_clitics;

use super::entities::{Entities, Via};
use super::names::People;
use super::Analysis;

/// An entity a rule captured, by the token its mention starts at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capture {
    /// Its role.
    pub role: Role,
    /// First token of the mention.
    pub token: usize,
    /// The mention is a person's (else a state's, organization's or place's).
    pub person: bool,
}

/// A match of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMatch {
    /// Index of the rule in the lexicon's rule set.
    pub rule: usize,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// What it captured.
    pub captures: Vec<Capture>,
}

struct Run<'a> {
    an: &'a Analysis<'a>,
    ents: &'a Entities,
    people: &'a People,
    pattern: &'a [Element],
    cross: bool,
    /// One past the sentence's last token.
    last: usize,
    start: usize,
}

/// Clause punctuation between two adjacent tokens.
fn clause_break(an: &Analysis, a: usize) -> bool {
    an.gap(a, a + 1)
        .contains(['،', ',', '.', ':', '؛', '\n', '(', ')', '«', '»', '"'])
}

impl Run<'_> {
    /// True when token `j` may follow what was consumed before it.
    fn joins(&self, j: usize) -> bool {
        self.cross || j == self.start || !clause_break(self.an, j - 1)
    }

    fn token_fits(&self, e: &Element, j: usize) -> bool {
        let t = self.an.tok(j);
        if !e.word.is_empty() {
            return e.word.iter().any(|w| w == t);
        }
        if !e.stem.is_empty() {
            return strip_clitics(t)
                .iter()
                .any(|(_, s)| e.stem.iter().any(|w| w == s));
        }
        let Some(cue) = &e.cue else { return false };
        self.an.hit_at(j).is_some_and(|h| {
            h.entries.iter().any(|en| match en {
                Entry::EventCue(c) => self.an.lex.event_cues[*c as usize].kind.as_str() == cue,
                Entry::Cue(_) => cue == "speech",
                Entry::Title(_) => cue == "title",
                _ => false,
            })
        })
    }

    /// The mention of kind `k` starting at token `j`: (one past its last token, is a person).
    fn entity_at(&self, k: EntKind, j: usize) -> Option<(usize, bool)> {
        let person = || {
            self.people
                .at_token(j)
                .filter(|p| p.first == j)
                .map(|p| (p.last + 1, true))
        };
        let entity = |ok: &dyn Fn(NodeType) -> bool| {
            self.ents
                .at_token(j)
                .filter(|m| m.first == j && m.via != Via::Implied && ok(m.node_type))
                .filter(|m| self.people.at_token(m.first).is_none())
                .map(|m| (m.last + 1, false))
        };
        let side = |t: NodeType| matches!(t, NodeType::State | NodeType::Organization);
        match k {
            EntKind::Person => person(),
            EntKind::State => entity(&|t| t == NodeType::State),
            EntKind::Organization => entity(&|t| t == NodeType::Organization),
            EntKind::Side => entity(&side),
            EntKind::Place => entity(&|t| t == NodeType::Place),
            EntKind::Actor => person().or_else(|| entity(&side)),
        }
    }

    /// Matches elements `k..` from token `j`; returns one past the last token.
    fn step(&self, k: usize, j: usize, caps: &mut Vec<Capture>) -> Option<usize> {
        let Some(e) = self.pattern.get(k) else {
            return Some(j);
        };
        if let Some([lo, hi]) = e.gap {
            for n in lo..=hi {
                if j + n > self.last || (j..j + n).any(|t| !self.joins(t)) {
                    break;
                }
                if let Some(end) = self.step(k + 1, j + n, caps) {
                    return Some(end);
                }
            }
            return None;
        }
        if let Some(kind) = e.ent {
            if j >= self.last || !self.joins(j) {
                return None;
            }
            // One entity, or with `+` a list of them (روسيا وتركيا وإيران), longest first.
            let mut run = vec![(j, self.entity_at(kind, j)?)];
            while e.op == Op::Plus && run.len() < 8 {
                let next = run.last().map_or(j, |&(_, (end, _))| end);
                if next >= self.last || !self.joins(next) {
                    break;
                }
                match self.entity_at(kind, next) {
                    Some(m) => run.push((next, m)),
                    None => break,
                }
            }
            for n in (1..=run.len()).rev() {
                let mark = caps.len();
                if let Some(role) = e.capture {
                    caps.extend(run[..n].iter().map(|&(token, (_, person))| Capture {
                        role,
                        token,
                        person,
                    }));
                }
                if let Some(got) = self.step(k + 1, run[n - 1].1 .0, caps) {
                    return Some(got);
                }
                caps.truncate(mark);
            }
            return None;
        }
        let (min, max) = match e.op {
            Op::One => (1, 1),
            Op::Optional => (0, 1),
            Op::Star => (0, 8),
            Op::Plus => (1, 8),
        };
        let mut run = 0;
        while run < max && j + run < self.last && self.joins(j + run) && self.token_fits(e, j + run)
        {
            run += 1;
        }
        (min..=run)
            .rev()
            .find_map(|n| self.step(k + 1, j + n, caps))
    }
}

/// Every match of the rules of `stage` in the tokens `[first, last)` (one sentence).
pub fn find(
    an: &Analysis,
    ents: &Entities,
    people: &People,
    stage: Stage,
    first: usize,
    last: usize,
) -> Vec<RuleMatch> {
    let rules = &an.lex.rules;
    let mut out: Vec<RuleMatch> = Vec::new();
    for i in first..last {
        let t = an.tok(i);
        let readings: Vec<&str> = strip_clitics(t).into_iter().map(|(_, s)| s).collect();
        for r in rules.candidates(&readings) {
            let rule = &rules.rules[r];
            if rule.stage != stage || out.iter().any(|m| m.rule == r && i < m.end) {
                continue;
            }
            let run = Run {
                an,
                ents,
                people,
                pattern: &rule.pattern,
                cross: rule.cross_clauses,
                last,
                start: i,
            };
            let mut caps = Vec::new();
            if let Some(end) = run.step(0, i, &mut caps) {
                out.push(RuleMatch {
                    rule: r,
                    first: i,
                    end,
                    captures: caps,
                });
            }
        }
    }
    out
}
