//! The public-figures base: people the news is full of (heads of state and
//! government, ministers, envoys, heads of international bodies and movements),
//! each with the posts they held and when. `data/people/*.tsv`, embedded at build
//! time; a user file starts with `# kind: people`.
//!
//! A row is one term of one post: `id wikidata name_en name_ar variants short org
//! post_ar start end`. The base finds these people by their full names and, when
//! unambiguous, by the short forms the press uses alone (لافروف، أردوغان), and says
//! whom they served **as of a document's date**: a minister is his state's
//! minister only for his term.
//!
//! ```
//! use wasit::lexicon::Figures;
//! let base = Figures::parse("t.tsv", "sergey-lavrov\t\tSergey Lavrov\tسيرغي لافروف\tسيرجي لافروف\tلافروف\tRU\tوزير الخارجية\t2004-03-09\t\n").unwrap();
//! let f = &base.list[0];
//! assert_eq!(f.name_en, "Sergey Lavrov");
//! assert_eq!(base.terms_at(0, Some("2015-06-01"))[0].org, "RU");
//! ```

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::tables::LexiconError;
use crate::text::fold_key;
use crate::text::tokens::{has_article, is_clitic_prefix, is_word_char, Tokens};

/// One post held for a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// ISO code of the state, or an organization id (`un`, `hamas`).
    pub org: String,
    /// The post as the press names it (وزير الخارجية).
    pub post: String,
    /// First day, as `yyyymmdd`.
    pub start: u32,
    /// Last day, as `yyyymmdd` (99991231 while in office).
    pub end: u32,
}

/// A public figure.
#[derive(Clone, Debug, Default)]
pub struct Figure {
    /// Stable id (English slug).
    pub id: String,
    /// Wikidata QID, when known.
    pub wikidata: String,
    /// English name.
    pub name_en: String,
    /// Arabic name as the press writes it most.
    pub name_ar: String,
    /// Full-name spellings (the first is `name_ar`).
    pub names: Vec<String>,
    /// Short forms used alone (surnames).
    pub short: Vec<String>,
    /// Posts held.
    pub terms: Vec<Term>,
}

/// A figure found in a folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureHit {
    /// Start of the token, clitics included (folded bytes).
    pub token_start: usize,
    /// Start of the name, after clitics.
    pub start: usize,
    /// End of the name.
    pub end: usize,
    /// The figure (index into `Figures::list`).
    pub figure: u32,
    /// Found by a short form alone.
    pub short: bool,
}

/// The base and an automaton over every folded name form.
#[derive(Debug, Default)]
pub struct Figures {
    /// The figures.
    pub list: Vec<Figure>,
    /// Per pattern: the figures it names and whether it is a short form.
    patterns: Vec<(Vec<u32>, bool)>,
    automaton: Option<AhoCorasick>,
}

/// `yyyy`, `yyyy-mm` or `yyyy-mm-dd` as the first (`end = false`) or last day.
pub fn date_key(s: &str, end: bool) -> Option<u32> {
    let mut parts = s.trim().split('-');
    let y: u32 = parts.next()?.parse().ok()?;
    let m: Option<u32> = parts.next().map(|p| p.parse().ok()).unwrap_or(None);
    let d: Option<u32> = parts.next().map(|p| p.parse().ok()).unwrap_or(None);
    if !(1000..=9999).contains(&y) || m.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    let m = m.unwrap_or(if end { 12 } else { 1 });
    let d = d.unwrap_or(if end { 31 } else { 1 });
    (1..=31).contains(&d).then_some(y * 10000 + m * 100 + d)
}

fn list(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

impl Figures {
    /// Parses rows (see the module docs); errors name the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Figures, LexiconError> {
        let mut base = Figures::default();
        base.add(file, text)?;
        Ok(base)
    }

    /// Adds the rows of one file.
    pub fn add(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        let mut index: HashMap<String, usize> = self
            .list
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        for (n, line) in text.lines().enumerate() {
            let err = |message: String| LexiconError {
                file: file.to_string(),
                line: n + 1,
                message,
            };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(err(format!(
                    "expected 10 tab-separated columns (id wikidata name_en name_ar variants short org post_ar start end), found {}",
                    cols.len()
                )));
            }
            let id = cols[0].trim();
            if id.is_empty() || cols[3].trim().is_empty() || cols[6].trim().is_empty() {
                return Err(err("id, name_ar and org must not be empty".into()));
            }
            let start = if cols[8].trim().is_empty() {
                10000101
            } else {
                date_key(cols[8], false)
                    .ok_or_else(|| err(format!("bad start date {:?}", cols[8])))?
            };
            let end = if cols[9].trim().is_empty() {
                99991231
            } else {
                date_key(cols[9], true).ok_or_else(|| err(format!("bad end date {:?}", cols[9])))?
            };
            if end < start {
                return Err(err(format!(
                    "term ends ({}) before it starts ({})",
                    cols[9], cols[8]
                )));
            }
            let term = Term {
                org: cols[6].trim().to_string(),
                post: cols[7].trim().to_string(),
                start,
                end,
            };
            let i = *index.entry(id.to_string()).or_insert_with(|| {
                self.list.push(Figure {
                    id: id.to_string(),
                    name_en: cols[2].trim().to_string(),
                    name_ar: cols[3].trim().to_string(),
                    ..Figure::default()
                });
                self.list.len() - 1
            });
            let f = &mut self.list[i];
            if f.wikidata.is_empty() {
                f.wikidata = cols[1].trim().to_string();
            }
            for name in std::iter::once(cols[3].trim().to_string()).chain(list(cols[4])) {
                if !f.names.contains(&name) {
                    f.names.push(name);
                }
            }
            for s in list(cols[5]) {
                if !f.short.contains(&s) {
                    f.short.push(s);
                }
            }
            if !f.terms.contains(&term) {
                f.terms.push(term);
            }
        }
        Ok(())
    }

    /// Compiles the automaton. `reserved` holds folded forms that are other lexicon
    /// entries (given names, titles, states…): a short form among them, or one of
    /// under four letters, is never used alone.
    pub fn compile(&mut self, reserved: &HashSet<String>) {
        let mut map: HashMap<String, (Vec<u32>, bool)> = HashMap::new();
        for (i, f) in self.list.iter().enumerate() {
            for n in &f.names {
                let key = fold_key(n);
                if key.chars().count() < 3 {
                    continue;
                }
                let e = map.entry(key).or_insert((Vec::new(), false));
                e.1 = false;
                if !e.0.contains(&(i as u32)) {
                    e.0.push(i as u32);
                }
            }
        }
        for (i, f) in self.list.iter().enumerate() {
            for s in &f.short {
                let key = fold_key(s);
                let bare = key.strip_prefix("ال").unwrap_or(&key);
                if key.chars().count() < 4 || reserved.contains(&key) || reserved.contains(bare) {
                    continue;
                }
                let e = map.entry(key).or_insert((Vec::new(), true));
                if !e.0.contains(&(i as u32)) {
                    e.0.push(i as u32);
                }
            }
        }
        let mut keys: Vec<(String, (Vec<u32>, bool))> = map.into_iter().collect();
        keys.sort();
        self.patterns = keys.iter().map(|(_, v)| v.clone()).collect();
        self.automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(keys.iter().map(|(k, _)| k))
            .ok()
            .or_else(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(keys.iter().map(|(k, _)| k))
                    .ok()
            });
    }

    /// True when the base holds no one.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The terms of figure `i` that hold on `date` (ISO, possibly partial); when
    /// none does, the term nearest in time (a former president still belongs to his
    /// state); with no date, the latest term.
    pub fn terms_at(&self, i: usize, date: Option<&str>) -> Vec<&Term> {
        let f = &self.list[i];
        let range = date.and_then(|d| Some((date_key(d, false)?, date_key(d, true)?)));
        let Some((a, b)) = range else {
            return f.terms.iter().max_by_key(|t| t.start).into_iter().collect();
        };
        let active: Vec<&Term> = f
            .terms
            .iter()
            .filter(|t| t.start <= b && a <= t.end)
            .collect();
        if !active.is_empty() {
            return active;
        }
        let distance = |t: &Term| -> u32 {
            if t.end < a {
                a - t.end
            } else {
                t.start.saturating_sub(b)
            }
        };
        f.terms
            .iter()
            .min_by_key(|t| distance(t))
            .into_iter()
            .collect()
    }

    /// True when figure `i` holds a post on `date`.
    fn active(&self, i: u32, date: Option<&str>) -> bool {
        let Some((a, b)) = date.and_then(|d| Some((date_key(d, false)?, date_key(d, true)?)))
        else {
            return false;
        };
        self.list[i as usize]
            .terms
            .iter()
            .any(|t| t.start <= b && a <= t.end)
    }

    /// Every figure named in a folded text, on token or clitic boundaries; a form
    /// that names several figures counts only when exactly one of them is in office
    /// on `date`. Overlaps resolve longest first, then earliest.
    pub fn find(&self, folded: &str, tokens: &Tokens, date: Option<&str>) -> Vec<FigureHit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut cands: Vec<FigureHit> = Vec::new();
        for m in ac.find_overlapping_iter(folded) {
            let (start, end) = (m.start(), m.end());
            if folded[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let Some(ti) = tokens.at(start) else { continue };
            let token_start = tokens.list[ti].start;
            let prefix = &folded[token_start..start];
            if !is_clitic_prefix(prefix) || has_article(prefix) {
                continue;
            }
            let (who, short) = &self.patterns[m.pattern().as_usize()];
            let figure = if who.len() == 1 {
                who[0]
            } else {
                let on: Vec<u32> = who
                    .iter()
                    .copied()
                    .filter(|&w| self.active(w, date))
                    .collect();
                match on[..] {
                    [one] => one,
                    _ => continue,
                }
            };
            cands.push(FigureHit {
                token_start,
                start,
                end,
                figure,
                short: *short,
            });
        }
        cands.sort_by_key(|h| (std::cmp::Reverse(h.end - h.token_start), h.start));
        let mut out: Vec<FigureHit> = Vec::new();
        for h in cands {
            if !out
                .iter()
                .any(|k| k.token_start < h.end && h.token_start < k.end)
            {
                out.push(h);
            }
        }
        out.sort_by_key(|h| h.start);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Folded;

    const ROWS: &str = "bill-clinton\t\tBill Clinton\tبيل كلينتون\t\tكلينتون\tUS\tالرئيس\t1993-01-20\t2001-01-20\n\
hillary-clinton\t\tHillary Clinton\tهيلاري كلينتون\t\tكلينتون\tUS\tوزيرة الخارجية\t2009-01-21\t2013-02-01\n\
sergey-lavrov\t\tSergey Lavrov\tسيرغي لافروف\tسيرجي لافروف\tلافروف\tRU\tوزير الخارجية\t2004-03-09\t\n";

    fn names(text: &str, date: Option<&str>) -> Vec<(String, bool)> {
        let mut base = Figures::parse("t", ROWS).unwrap();
        base.compile(&HashSet::new());
        let f = Folded::new(text);
        let t = Tokens::new(&f.text);
        base.find(&f.text, &t, date)
            .into_iter()
            .map(|h| (base.list[h.figure as usize].id.clone(), h.short))
            .collect()
    }

    #[test]
    fn full_names_short_forms_and_clitics() {
        assert_eq!(
            names("والتقى سيرجي لافروف نظيره، وقال لافروف إن", None),
            [
                ("sergey-lavrov".to_string(), false),
                ("sergey-lavrov".to_string(), true)
            ]
        );
        assert_eq!(names("ولافروف", None), [("sergey-lavrov".to_string(), true)]);
        assert!(names("اللافروفي", None).is_empty());
    }

    #[test]
    fn a_shared_short_form_needs_the_date() {
        assert_eq!(
            names("قالت كلينتون", Some("2011-05-02"))[0].0,
            "hillary-clinton"
        );
        assert_eq!(names("قال كلينتون", Some("1998"))[0].0, "bill-clinton");
        assert!(names("قال كلينتون", Some("2020")).is_empty());
    }

    #[test]
    fn terms_as_of_a_date() {
        let base = Figures::parse("t", ROWS).unwrap();
        assert_eq!(base.terms_at(1, Some("2010-01"))[0].post, "وزيرة الخارجية");
        // Out of office: the nearest term still says whom she served.
        assert_eq!(base.terms_at(1, Some("2020"))[0].org, "US");
        assert_eq!(date_key("2013-02", true), Some(20130231));
        assert!(Figures::parse("t", "a\tb\n")
            .unwrap_err()
            .to_string()
            .starts_with("t:1:"));
        assert!(Figures::parse("t", "x\t\tX\tاكس\t\t\tUS\tالرئيس\t2010\t2005\n").is_err());
    }
}
