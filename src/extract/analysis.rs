//! Stage 1: the analysed document: folded text with its offset map, tokens,
//! sentences, lexicon hits (one automaton pass) and the boilerplate mask.

use crate::lexicon::{Entry, FigureHit, Hit, Lexicon};
use crate::model::{Document, Span};
use crate::text::{Folded, Tokens};

use super::{boilerplate, dates};

/// A document analysed for the extractors. Offsets are folded bytes unless said.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The lexicons.
    pub lex: &'a Lexicon,
    /// Folded text and map back to the original.
    pub folded: Folded,
    /// Tokens of the folded text.
    pub tokens: Tokens,
    /// Lexicon hits outside boilerplate, in order.
    pub hits: Vec<Hit>,
    /// For each token, the hit covering it.
    pub token_hit: Vec<Option<u32>>,
    /// Sentences (folded byte ranges) outside boilerplate.
    pub sentences: Vec<(usize, usize)>,
    /// The document's date: its metadata, else a dateline in the text.
    pub doc_date: Option<String>,
    /// Public figures named in the text (the people base), outside boilerplate.
    pub figures: Vec<FigureHit>,
    /// Words the document also uses with the article (الاتفاق → اتفاق): common
    /// nouns and adjectives, not names.
    pub common: std::collections::HashSet<String>,
}

impl<'a> Analysis<'a> {
    /// Analyses a document.
    pub fn new(doc: &'a Document, lex: &'a Lexicon) -> Analysis<'a> {
        let folded = Folded::new(&doc.text);
        let tokens = Tokens::new(&folded.text);
        let skip = boilerplate::mask(&folded.text);
        let in_skip = |at: usize| skip.iter().any(|&(a, b)| a <= at && at < b);
        let hits: Vec<Hit> = lex
            .find(&folded.text, &tokens)
            .into_iter()
            .filter(|h| !in_skip(h.start))
            .collect();
        let mut token_hit = vec![None; tokens.list.len()];
        for (hi, h) in hits.iter().enumerate() {
            let first = tokens.first_from(h.token_start);
            let mut ti = first;
            while ti < tokens.list.len() && tokens.list[ti].start < h.end {
                token_hit[ti] = Some(hi as u32);
                ti += 1;
            }
        }
        let sentences = crate::text::sentences(&folded.text)
            .into_iter()
            .filter(|&(a, _)| !in_skip(a))
            .collect();
        let doc_date = doc
            .meta
            .date
            .clone()
            .or_else(|| dates::dateline(&folded.text));
        let figures = lex
            .figures
            .find(&folded.text, &tokens, doc_date.as_deref())
            .into_iter()
            .filter(|h| !in_skip(h.start))
            .collect();
        let common = tokens
            .list
            .iter()
            .filter_map(|t| {
                let w = t.text(&folded.text);
                let stem = w
                    .strip_prefix("وال")
                    .or_else(|| w.strip_prefix("ال"))
                    .or_else(|| w.strip_prefix("بال"))
                    .or_else(|| w.strip_prefix("لل"))?;
                (stem.chars().count() >= 3).then(|| stem.to_string())
            })
            .collect();
        Analysis {
            doc,
            lex,
            folded,
            tokens,
            hits,
            token_hit,
            sentences,
            doc_date,
            figures,
            common,
        }
    }

    /// The original span of folded bytes `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        self.folded.span(a, b)
    }

    /// The original text of folded bytes `[a, b)`, trimmed.
    pub fn orig(&self, a: usize, b: usize) -> &'a str {
        let s = self.folded.span(a, b);
        self.doc.text[s].trim()
    }

    /// The folded text of token `i`.
    pub fn tok(&self, i: usize) -> &str {
        self.tokens
            .list
            .get(i)
            .map(|t| t.text(&self.folded.text))
            .unwrap_or("")
    }

    /// The hit covering token `i`.
    pub fn hit_at(&self, i: usize) -> Option<&Hit> {
        self.token_hit
            .get(i)
            .copied()
            .flatten()
            .map(|h| &self.hits[h as usize])
    }

    /// True when token `i` is covered by a hit with an entry matching `pred`.
    pub fn token_is(&self, i: usize, pred: impl Fn(&Entry) -> bool) -> bool {
        self.hit_at(i).is_some_and(|h| h.entries.iter().any(pred))
    }

    /// The folded text between two tokens' edges (what separates them).
    pub fn gap(&self, left: usize, right: usize) -> &str {
        match (self.tokens.list.get(left), self.tokens.list.get(right)) {
            (Some(a), Some(b)) if a.end <= b.start => &self.folded.text[a.end..b.start],
            _ => "",
        }
    }

    /// Index of the sentence holding folded byte `at`.
    pub fn sentence_of(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|&(_, e)| e <= at);
        (i < self.sentences.len() && self.sentences[i].0 <= at).then_some(i)
    }
}
