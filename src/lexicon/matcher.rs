//! Building the lexicon automaton and finding hits in a folded text.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::people::Figures;
use super::rules::RuleSet;
use super::tables::{self, *};
use super::Entry;
use crate::text::fold_key;
use crate::text::tokens::{has_article, is_clitic_prefix, Tokens};

/// Whether a pattern wants the article in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Article {
    /// The form has the article (الولايات المتحدة): the text must have it.
    Required,
    /// The form has none (إيران، مالي): the text must have none, so المالي is not Mali.
    Forbidden,
    /// Either (nisbas, titles, cues).
    Any,
}

/// A lexicon hit in a folded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Start of the token, clitics included (folded bytes).
    pub token_start: usize,
    /// Start of the matched form, after clitics.
    pub start: usize,
    /// End of the match.
    pub end: usize,
    /// True when the article (ال or لل) stands before the form.
    pub article: bool,
    /// The entries the form stands for (several for homographs such as عمان).
    pub entries: Vec<Entry>,
}

impl Hit {
    /// The title this hit stands for, if any.
    pub fn title(&self) -> Option<u32> {
        self.entries.iter().find_map(|e| {
            if let Entry::Title(t) = e {
                Some(*t)
            } else {
                None
            }
        })
    }
}

/// All lexicons, and the automaton over their folded patterns.
///
/// ```
/// use wasit::lexicon::{Entry, Lexicon};
/// use wasit::text::{Folded, Tokens};
/// let lex = Lexicon::embedded();
/// let text = Folded::new("رسائل بين واشنطن والإيرانيين حول صاروخ باليستي");
/// let hits = lex.find(&text.text, &Tokens::new(&text.text));
/// let states: Vec<&str> = hits.iter()
///     .filter(|h| h.entries.iter().any(|e| matches!(e, Entry::Capital(_) | Entry::Nisba(_))))
///     .map(|h| &text.text[h.start..h.end]).collect();
/// assert_eq!(states, ["واشنطن", "ايرانيين"]);
/// ```
#[derive(Debug)]
pub struct Lexicon {
    /// States.
    pub states: Vec<StateRow>,
    /// Places.
    pub places: Vec<PlaceRow>,
    /// Organizations.
    pub orgs: Vec<OrgRow>,
    /// Ministry patterns.
    pub ministries: Vec<MinistryRow>,
    /// Titles and posts.
    pub titles: Vec<TitleRow>,
    /// Attribution cues.
    pub cues: Vec<CueRow>,
    /// Anonymous source heads.
    pub anons: Vec<AnonRow>,
    /// Meeting cues.
    pub event_cues: Vec<EventCueRow>,
    /// The public-figures base (empty when turned off).
    pub figures: Figures,
    /// Extraction rules (token patterns with their examples).
    pub rules: RuleSet,
    state_index: HashMap<String, u32>,
    org_index: HashMap<String, u32>,
    automaton: AhoCorasick,
    patterns: Vec<Vec<(Entry, Article)>>,
    keys: Vec<String>,
}

/// The embedded data files: (kind, file name, text).
const EMBEDDED: &[(&str, &str, &str)] = &[
    (
        "states",
        "data/states.tsv",
        include_str!("../../data/states.tsv"),
    ),
    (
        "places",
        "data/places.tsv",
        include_str!("../../data/places.tsv"),
    ),
    (
        "organizations",
        "data/organizations.tsv",
        include_str!("../../data/organizations.tsv"),
    ),
    (
        "ministries",
        "data/ministries.tsv",
        include_str!("../../data/ministries.tsv"),
    ),
    (
        "titles",
        "data/titles.tsv",
        include_str!("../../data/titles.tsv"),
    ),
    (
        "speech_cues",
        "data/speech_cues.tsv",
        include_str!("../../data/speech_cues.tsv"),
    ),
    (
        "anonymous",
        "data/anonymous.tsv",
        include_str!("../../data/anonymous.tsv"),
    ),
    (
        "given_names",
        "data/given_names.tsv",
        include_str!("../../data/given_names.tsv"),
    ),
    (
        "event_cues",
        "data/event_cues.tsv",
        include_str!("../../data/event_cues.tsv"),
    ),
];

/// The embedded rule files: (file name, text).
const RULES: &[(&str, &str)] = &[(
    "data/rules/meetings.toml",
    include_str!("../../data/rules/meetings.toml"),
)];

/// The embedded public-figures base: (file name, text).
const PEOPLE: &[(&str, &str)] = &[
    (
        "data/people/arab.tsv",
        include_str!("../../data/people/arab.tsv"),
    ),
    (
        "data/people/west.tsv",
        include_str!("../../data/people/west.tsv"),
    ),
    (
        "data/people/asia_africa.tsv",
        include_str!("../../data/people/asia_africa.tsv"),
    ),
    (
        "data/people/intl.tsv",
        include_str!("../../data/people/intl.tsv"),
    ),
];

#[derive(Default)]
struct Sources {
    states: Vec<StateRow>,
    places: Vec<PlaceRow>,
    orgs: Vec<OrgRow>,
    ministries: Vec<MinistryRow>,
    titles: Vec<(TitleRow, Vec<String>)>,
    cues: Vec<CueRow>,
    anons: Vec<AnonRow>,
    given: Vec<String>,
    event_cues: Vec<EventCueRow>,
    figures: Figures,
    rules: RuleSet,
}

impl Sources {
    /// A user's file: its first line names its kind.
    fn add_user(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        let kind = text
            .lines()
            .next()
            .and_then(|l| l.trim().strip_prefix('#'))
            .and_then(|l| l.trim().strip_prefix("kind:"))
            .map(|k| k.trim().to_string())
            .ok_or_else(|| LexiconError {
                file: file.to_string(),
                line: 1,
                message: "the first line must be `# kind: states|places|organizations|…`".into(),
            })?;
        self.add(&kind, file, text)
    }

    fn add(&mut self, kind: &str, file: &str, text: &str) -> Result<(), LexiconError> {
        match kind {
            "states" => self.states.extend(tables::parse_states(file, text)?),
            "places" => self.places.extend(tables::parse_places(file, text)?),
            "organizations" => self.orgs.extend(tables::parse_orgs(file, text)?),
            "ministries" => self.ministries.extend(tables::parse_ministries(file, text)?),
            "titles" => self.titles.extend(tables::parse_titles(file, text)?),
            "speech_cues" => self.cues.extend(tables::parse_cues(file, text)?),
            "anonymous" => self.anons.extend(tables::parse_anon(file, text)?),
            "given_names" => self.given.extend(tables::parse_given(file, text)?),
            "event_cues" => self.event_cues.extend(tables::parse_event_cues(file, text)?),
            "people" => self.figures.add(file, text)?,
            "rules" => self.rules.add(file, text)?,
            other => {
                return Err(LexiconError {
                    file: file.to_string(),
                    line: 1,
                    message: format!(
                        "unknown lexicon kind {other:?} (states, places, organizations, ministries, titles, \
                         speech_cues, anonymous, given_names, event_cues, people, rules)"
                    ),
                })
            }
        }
        Ok(())
    }
}

/// The feminine and plural forms of a masculine singular nisba (folded).
fn nisba_forms(m: &str) -> Vec<String> {
    let mut out = vec![m.to_string()];
    for suffix in ["ه", "ون", "ين", "ان", "تان", "تين", "ات"] {
        // Multi-word nisbas (كوري جنوبي) inflect both words.
        let words: Vec<&str> = m.split(' ').collect();
        out.push(
            words
                .iter()
                .map(|w| format!("{w}{suffix}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    out
}

/// A name of several words, each after the first with its article, written without
/// its spaces, as pages copied by aggregators often have it (الأممالمتحدة,
/// الولاياتالمتحدة: tests/news/fresh2/n63, tests/news/dev/n06).
///
/// الأمم المتحدة gives الاممالمتحده, جامعة الدول العربية gives جامعهالدولالعربيه, and
/// حركة حماس nothing (its second word has no article). Tested in `extract::names`.
fn squashed(name: &str) -> Option<String> {
    let key = fold_key(name);
    let words: Vec<&str> = key.split(' ').collect();
    (words.len() >= 2 && words[1..].iter().all(|w| w.starts_with("ال"))).then(|| words.concat())
}

type PatternMap = HashMap<String, Vec<(Entry, Article)>>;

fn add_pattern(map: &mut PatternMap, phrase: &str, entry: Entry, article: Article) {
    let key = fold_key(phrase);
    if key.is_empty() {
        return;
    }
    let (key, article) = match key.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => (
            rest.to_string(),
            if article == Article::Any {
                Article::Any
            } else {
                Article::Required
            },
        ),
        _ => (key, article),
    };
    let list = map.entry(key).or_default();
    if !list.iter().any(|(e, _)| *e == entry) {
        list.push((entry, article));
    }
}

impl Lexicon {
    /// The embedded lexicons, compiled once per process.
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::with_files(&[]).expect("embedded lexicons are valid"))
    }

    /// The embedded lexicons plus the user's files. A user file names its kind on
    /// its first line: `# kind: states` (or places, organizations, ministries,
    /// titles, speech_cues, anonymous, given_names, event_cues) and has the columns
    /// of the embedded file of that kind.
    pub fn with_files(files: &[&Path]) -> Result<Lexicon, LexiconError> {
        Lexicon::with_options(files, true)
    }

    /// [`Lexicon::with_files`], with the embedded public-figures base only when
    /// `people` is true (a user's `# kind: people` file is always read).
    pub fn with_options(files: &[&Path], people: bool) -> Result<Lexicon, LexiconError> {
        let mut texts: Vec<(String, String)> = Vec::new();
        for path in files {
            let file = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
                file: file.clone(),
                line: 0,
                message: format!("cannot read: {e}"),
            })?;
            texts.push((file, text));
        }
        let texts: Vec<(&str, &str)> = texts
            .iter()
            .map(|(f, t)| (f.as_str(), t.as_str()))
            .collect();
        Lexicon::with_texts(&texts, people)
    }

    /// [`Lexicon::with_options`] over texts already read: `(file name, text)` pairs,
    /// each a user lexicon file (its first line names its kind). The file name is
    /// only used in errors.
    ///
    /// ```
    /// use wasit::lexicon::Lexicon;
    /// let bad = "# kind: places\nplace:x\tX\n";
    /// let err = Lexicon::with_texts(&[("mine.tsv", bad)], false).err().unwrap();
    /// assert_eq!((err.file.as_str(), err.line), ("mine.tsv", 2));
    /// ```
    pub fn with_texts(texts: &[(&str, &str)], people: bool) -> Result<Lexicon, LexiconError> {
        let mut src = Sources::default();
        for (kind, file, text) in EMBEDDED {
            src.add(kind, file, text)?;
        }
        for (file, text) in RULES {
            src.add("rules", file, text)?;
        }
        if people {
            for (file, text) in PEOPLE {
                src.add("people", file, text)?;
            }
        }
        for (file, text) in texts {
            src.add_user(file, text)?;
        }
        Ok(Lexicon::compile(src))
    }

    /// Reads a user lexicon file's text as [`Lexicon::with_texts`] does, without
    /// compiling a lexicon: the same errors, at a fraction of the cost (`wasit`'s
    /// lexicon fuzz target checks every input so, and compiles some).
    ///
    /// ```
    /// use wasit::lexicon::Lexicon;
    /// assert!(Lexicon::check_text("mine.tsv", "# kind: places\nplace:x\tX\tمكان\n").is_ok());
    /// assert_eq!(Lexicon::check_text("mine.tsv", "places\n").unwrap_err().line, 1);
    /// ```
    pub fn check_text(file: &str, text: &str) -> Result<(), LexiconError> {
        Sources::default().add_user(file, text)
    }

    fn compile(src: Sources) -> Lexicon {
        let mut map: PatternMap = HashMap::new();
        let mut state_index = HashMap::new();
        let src_org_index: HashMap<String, u32> = src
            .orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i as u32))
            .collect();
        for (i, s) in src.states.iter().enumerate() {
            let i = i as u32;
            state_index.insert(s.id.clone(), i);
            for n in &s.names {
                add_pattern(&mut map, n, Entry::StateName(i), Article::Forbidden);
                if let Some(sq) = squashed(n) {
                    add_pattern(&mut map, &sq, Entry::StateName(i), Article::Forbidden);
                }
            }
            for n in &s.nisbas {
                for form in nisba_forms(&fold_key(n)) {
                    add_pattern(&mut map, &form, Entry::Nisba(i), Article::Any);
                }
            }
            for c in &s.capitals {
                add_pattern(&mut map, c, Entry::Capital(i), Article::Forbidden);
            }
        }
        for (i, p) in src.places.iter().enumerate() {
            for n in &p.names {
                add_pattern(&mut map, n, Entry::Place(i as u32), Article::Forbidden);
            }
        }
        for (i, o) in src.orgs.iter().enumerate() {
            for n in &o.names {
                add_pattern(&mut map, n, Entry::Org(i as u32), Article::Forbidden);
                if let Some(sq) = squashed(n) {
                    add_pattern(&mut map, &sq, Entry::Org(i as u32), Article::Forbidden);
                }
            }
        }
        let mut titles: Vec<TitleRow> = Vec::new();
        for (i, m) in src.ministries.iter().enumerate() {
            for n in &m.ministry {
                add_pattern(&mut map, n, Entry::Ministry(i as u32), Article::Any);
            }
            for n in &m.construct {
                add_pattern(
                    &mut map,
                    n,
                    Entry::MinistryConstruct(i as u32),
                    Article::Any,
                );
            }
        }
        for (row, variants) in src.titles {
            let t = titles.len() as u32;
            add_pattern(&mut map, &row.phrase, Entry::Title(t), Article::Any);
            for v in &variants {
                add_pattern(&mut map, v, Entry::Title(t), Article::Any);
            }
            titles.push(row);
        }
        // Minister and spokesperson titles of a ministry are titles tied to it.
        for (mi, m) in src.ministries.iter().enumerate() {
            for phrase in &m.minister {
                let key = fold_key(phrase);
                let existing = map
                    .get(key.strip_prefix("ال").unwrap_or(&key))
                    .and_then(|l| {
                        l.iter().find_map(|(e, _)| {
                            if let Entry::Title(t) = e {
                                Some(*t)
                            } else {
                                None
                            }
                        })
                    });
                match existing {
                    Some(t) if titles[t as usize].ministry.is_none() => {
                        titles[t as usize].ministry = Some(mi as u32)
                    }
                    Some(_) => {}
                    None => {
                        let t = titles.len() as u32;
                        let spokes = key.contains("متحدث") || key.contains("ناطق");
                        titles.push(TitleRow {
                            phrase: phrase.clone(),
                            role_en: if spokes {
                                format!("{} spokesperson", m.name_en)
                            } else {
                                m.name_en.replace("Ministry", "minister").to_lowercase()
                            },
                            kind: if spokes {
                                TitleKind::Spokes
                            } else {
                                TitleKind::Post
                            },
                            ministry: Some(mi as u32),
                        });
                        add_pattern(&mut map, phrase, Entry::Title(t), Article::Any);
                    }
                }
            }
        }
        for (i, c) in src.cues.iter().enumerate() {
            add_pattern(&mut map, &c.cue, Entry::Cue(i as u32), Article::Forbidden);
        }
        for (i, a) in src.anons.iter().enumerate() {
            add_pattern(&mut map, &a.head, Entry::Anon(i as u32), Article::Any);
        }
        for g in &src.given {
            add_pattern(&mut map, g, Entry::GivenName, Article::Forbidden);
        }
        for (i, c) in src.event_cues.iter().enumerate() {
            add_pattern(&mut map, &c.cue, Entry::EventCue(i as u32), Article::Any);
            // A plural talks noun with a possessive (مباحثاته، مفاوضاتها): the same cue.
            let key = fold_key(&c.cue);
            if c.kind == "meeting" && !key.contains(' ') && key.ends_with("ات") {
                for suffix in ["ها", "هما", "هم", "نا"] {
                    let form = format!("{}{suffix}", key.strip_prefix("ال").unwrap_or(&key));
                    add_pattern(&mut map, &form, Entry::EventCue(i as u32), Article::Any);
                }
            }
        }
        let mut keys: Vec<String> = map.keys().cloned().collect();
        keys.sort();
        let patterns: Vec<Vec<(Entry, Article)>> = keys.iter().map(|k| map[k].clone()).collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)
            .or_else(|_| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&keys)
            })
            .expect("lexicon automaton");
        let mut figures = src.figures;
        let reserved: std::collections::HashSet<String> = keys.iter().cloned().collect();
        figures.compile(&reserved);
        Lexicon {
            states: src.states,
            places: src.places,
            orgs: src.orgs,
            ministries: src.ministries,
            titles,
            cues: src.cues,
            anons: src.anons,
            event_cues: src.event_cues,
            figures,
            rules: src.rules,
            state_index,
            org_index: src_org_index,
            automaton,
            patterns,
            keys,
        }
    }

    /// The organization with this slug (`reuters`).
    pub fn org_by_id(&self, slug: &str) -> Option<&OrgRow> {
        self.org_index.get(slug).map(|&i| &self.orgs[i as usize])
    }

    /// Index of the state with this ISO code.
    pub fn state_by_code(&self, code: &str) -> Option<u32> {
        self.state_index.get(code).copied()
    }

    /// The folded patterns of the automaton (one per distinct form), e.g. to give
    /// a baseline tool the same lexicon.
    pub fn pattern_keys(&self) -> &[String] {
        &self.keys
    }

    /// Number of patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every hit in a folded text, in one automaton pass: only hits on token or
    /// clitic boundaries whose article agrees with the form; where hits overlap, the
    /// longest wins, then the earliest.
    pub fn find(&self, folded: &str, tokens: &Tokens) -> Vec<Hit> {
        let mut cands: Vec<Hit> = Vec::new();
        for m in self.automaton.find_overlapping_iter(folded) {
            let (start, end) = (m.start(), m.end());
            // The match must end a token…
            if folded[end..]
                .chars()
                .next()
                .is_some_and(crate::text::tokens::is_word_char)
            {
                continue;
            }
            // …and start one, after a chain of proclitics.
            let Some(ti) = tokens.at(start) else { continue };
            let token_start = tokens.list[ti].start;
            let prefix = &folded[token_start..start];
            if !is_clitic_prefix(prefix) {
                continue;
            }
            let article = has_article(prefix);
            let entries: Vec<Entry> = self.patterns[m.pattern().as_usize()]
                .iter()
                .filter(|(_, a)| match a {
                    Article::Any => true,
                    Article::Required => article,
                    Article::Forbidden => !article,
                })
                .map(|(e, _)| *e)
                .collect();
            if entries.is_empty() {
                continue;
            }
            cands.push(Hit {
                token_start,
                start,
                end,
                article,
                entries,
            });
        }
        // Longest first, then earliest; keep hits that overlap nothing kept.
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by_key(|&i| {
            (
                std::cmp::Reverse(cands[i].end - cands[i].token_start),
                cands[i].start,
            )
        });
        let mut taken = vec![false; folded.len()];
        let mut keep = vec![false; cands.len()];
        for i in order {
            let (s, e) = (cands[i].token_start, cands[i].end);
            if !taken[s..e].iter().any(|&t| t) {
                taken[s..e].iter_mut().for_each(|t| *t = true);
                keep[i] = true;
            }
        }
        // A title that embeds an entity (كبير موظفي البيت الأبيض) keeps the entity
        // inside it too, so the post's organization or state is known.
        let titles: Vec<(usize, usize)> = cands
            .iter()
            .zip(&keep)
            .filter(|(h, k)| **k && h.entries.iter().any(|e| matches!(e, Entry::Title(_))))
            .map(|(h, _)| (h.token_start, h.end))
            .collect();
        let mut inner = vec![false; folded.len()];
        let mut by_len: Vec<usize> = (0..cands.len()).collect();
        by_len.sort_by_key(|&i| {
            (
                std::cmp::Reverse(cands[i].end - cands[i].start),
                cands[i].start,
            )
        });
        for i in by_len {
            let h = &cands[i];
            let entity = h.entries.iter().any(|e| {
                matches!(
                    e,
                    Entry::Org(_)
                        | Entry::StateName(_)
                        | Entry::Capital(_)
                        | Entry::Nisba(_)
                        | Entry::Ministry(_)
                )
            });
            if keep[i] || !entity {
                continue;
            }
            let nested = titles.iter().any(|&(a, b)| a < h.token_start && h.end <= b);
            if nested && !inner[h.token_start..h.end].iter().any(|&t| t) {
                inner[h.token_start..h.end]
                    .iter_mut()
                    .for_each(|t| *t = true);
                keep[i] = true;
            }
        }
        let mut out: Vec<Hit> = cands
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(h, _)| h)
            .collect();
        out.sort_by_key(|h| h.start);
        out
    }
}
