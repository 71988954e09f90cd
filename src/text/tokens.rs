//! Tokens and clitics. A token is a maximal run of letters and digits in the
//! folded text; Arabic proclitics (و ف ب ل ك and the article ال/لل, and their
//! chains such as وبال، فلل، وللـ) are analysed so that a lexicon hit counts only
//! on a token or clitic boundary: "بالي" is never found inside "باليستي".

/// True for characters that make up words: letters (any script), digits and marks.
pub fn is_word_char(c: char) -> bool {
    // Arabic letters and ASCII first: the common case, without Unicode tables.
    if ('\u{0621}'..='\u{064a}').contains(&c) || c.is_ascii_alphanumeric() {
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    c.is_alphanumeric()
        || ('\u{0610}'..='\u{061a}').contains(&c)
        || ('\u{064b}'..='\u{065f}').contains(&c)
}

/// Every proclitic chain accepted before a stem, in folded form, longest first.
const PREFIXES: &[&str] = &[
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "وب", "ول",
    "وك", "فب", "فل", "فك", "ال", "و", "ف", "ب", "ل", "ك",
];

/// True when `s` (folded) is a chain of proclitics that may stand before a stem.
///
/// ```
/// use wasit::text::tokens::is_clitic_prefix;
/// assert!(is_clitic_prefix("وبال"));
/// assert!(is_clitic_prefix(""));
/// assert!(!is_clitic_prefix("بالي"));
/// ```
pub fn is_clitic_prefix(s: &str) -> bool {
    s.is_empty() || PREFIXES.contains(&s)
}

/// True when the chain ends in the article (ال or لل).
pub fn has_article(prefix: &str) -> bool {
    prefix.ends_with("ال") || prefix.ends_with("لل")
}

/// A folded phrase without the article of its first word (الامير → امير), a bare
/// two-letter word kept as it is.
pub fn without_article(key: &str) -> &str {
    key.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(key)
}

/// A folded phrase with the article off every word: the key of a post, so that
/// the construct state and the definite form are one post (وزير دفاع باكستان،
/// وزير الدفاع الباكستاني).
///
/// ```
/// use wasit::text::without_articles;
/// assert_eq!(without_articles("وزير الدفاع"), without_articles("وزير دفاع"));
/// assert_eq!(without_articles("الامين العام"), "امين عام");
/// ```
pub fn without_articles(key: &str) -> String {
    key.split(' ')
        .map(without_article)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The readings of a folded word as (proclitics, stem), the bare word first.
/// A stem keeps at least two letters.
///
/// ```
/// use wasit::text::strip_clitics;
/// let r = strip_clitics("والايراني");
/// assert!(r.contains(&("وال", "ايراني")));
/// assert_eq!(strip_clitics("لطهران")[1], ("ل", "طهران"));
/// ```
pub fn strip_clitics(word: &str) -> Vec<(&str, &str)> {
    let mut out = vec![("", word)];
    for p in PREFIXES.iter().rev() {
        if let Some(stem) = word.strip_prefix(p) {
            if stem.chars().count() >= 2 {
                out.push((&word[..p.len()], stem));
            }
        }
    }
    out.sort_by_key(|(p, _)| p.len());
    out
}

/// A token: a byte range into the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First folded byte.
    pub start: usize,
    /// One past the last folded byte.
    pub end: usize,
}

impl Token {
    /// Its text within the folded text.
    pub fn text<'a>(&self, folded: &'a str) -> &'a str {
        &folded[self.start..self.end]
    }
}

/// The tokens of a folded text, in order, with lookups by byte offset.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    /// The tokens.
    pub list: Vec<Token>,
}

impl Tokens {
    /// Splits a folded text into tokens.
    ///
    /// ```
    /// use wasit::text::Tokens;
    /// let text = "قال بقائي: المحادثات انتهت.";
    /// let t = Tokens::new(text);
    /// let words: Vec<&str> = t.list.iter().map(|k| k.text(text)).collect();
    /// assert_eq!(words, ["قال", "بقائي", "المحادثات", "انتهت"]);
    /// ```
    pub fn new(folded: &str) -> Tokens {
        let mut list = Vec::new();
        let mut start = None;
        for (i, c) in folded.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    list.push(Token { start: s, end: i });
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            list.push(Token {
                start: s,
                end: folded.len(),
            });
        }
        Tokens { list }
    }

    /// Index of the token containing folded byte `at`, if any.
    pub fn at(&self, at: usize) -> Option<usize> {
        let i = self.list.partition_point(|t| t.end <= at);
        (i < self.list.len() && self.list[i].start <= at).then_some(i)
    }

    /// Index of the first token starting at or after `at`.
    pub fn first_from(&self, at: usize) -> usize {
        self.list.partition_point(|t| t.start < at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_common_clitic_chains() {
        for (word, prefix, stem) in [
            ("والايراني", "وال", "ايراني"),
            ("لطهران", "ل", "طهران"),
            ("بواشنطن", "ب", "واشنطن"),
            ("فللولايات", "فلل", "ولايات"),
            ("وبالقاهره", "وبال", "قاهره"),
        ] {
            assert!(strip_clitics(word).contains(&(prefix, stem)), "{word}");
        }
    }

    #[test]
    fn token_lookup() {
        let text = "في مسقط، اليوم";
        let t = Tokens::new(text);
        assert_eq!(t.list.len(), 3);
        assert_eq!(t.at(text.find("سقط").unwrap()), Some(1));
        assert_eq!(t.at(text.find('،').unwrap()), None);
    }
}
