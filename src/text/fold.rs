//! Folding Arabic (and Latin) text to a matching form, with a map back to the
//! original byte offsets so that folding never moves a span.
//!
//! The folding is the one `shared/eval/README.md` lists: NFKC, diacritics and
//! tatweel removed, أ/إ/آ/ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Persian ک ی ھ → ك ي ه,
//! lower case; plus Arabic-Indic and Persian digits → ASCII digits, and the
//! invisible joiners and direction marks removed.

use unicode_normalization::UnicodeNormalization;

use crate::model::Span;

/// True for the marks folding removes: harakat, Quranic marks, superscript alef,
/// tatweel, and invisible format characters (ZWNJ, ZWJ, LRM, RLM, isolates).
pub fn is_removed(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}'
        | '\u{0640}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

/// Folds one character (already NFKC-normalized) to its matching form; `None` drops it.
pub fn fold_char(c: char) -> Option<char> {
    if is_removed(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ة' | 'ھ' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06f0}'..='\u{06f9}' => char::from(b'0' + (c as u32 - 0x06f0) as u8),
        '\u{00a0}' | '\u{2002}'..='\u{200a}' | '\u{3000}' => ' ',
        c if c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
        c => c,
    })
}

/// A folded copy of a text and the map from each folded byte back to the original.
///
/// ```
/// use wasit::text::Folded;
/// let text = "وزيرُ الخارجيّة العُماني";
/// let folded = Folded::new(text);
/// assert_eq!(folded.text, "وزير الخارجيه العماني");
/// let at = folded.text.find("العماني").unwrap();
/// let span = folded.span(at, at + "العماني".len());
/// assert_eq!(&text[span], "العُماني");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the original byte offset of the character it came
    /// from; one more entry at the end holding the original length.
    starts: Vec<u32>,
}

/// The folding of every character below U+0800 (Latin, Greek, Cyrillic, Hebrew,
/// Arabic and its supplement), computed once from [`fold_one`]: 0 for a character
/// dropped, [`SLOW`] for one whose NFKC form is more than one character, else the
/// folded character. Spares building an NFKC iterator per character.
fn table() -> &'static [u32; TABLE] {
    static T: std::sync::OnceLock<Box<[u32; TABLE]>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([SLOW; TABLE]);
        for (u, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(u as u32) else {
                continue;
            };
            let mut out = Vec::new();
            fold_one(c, |f| out.push(f));
            *slot = match out.as_slice() {
                [] => 0,
                [f] if *f != '\0' => *f as u32,
                _ => SLOW,
            };
        }
        t
    })
}

const TABLE: usize = 0x800;
const SLOW: u32 = u32::MAX;

/// Folds one character of the original text (NFKC first: presentation forms and
/// ligatures expand), giving each folded character to `push`.
fn fold_one(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else if is_removed(c) {
    } else {
        let mut one = [0u8; 4];
        for n in c.encode_utf8(&mut one).nfkc() {
            if let Some(f) = fold_char(n) {
                push(f);
            }
        }
    }
}

/// Folds `original`, giving each folded character with the original byte offset
/// of the character it came from. The hot loop of reading (issue 14): ASCII and
/// two-byte characters (all of Arabic) are folded from their bytes through
/// [`table`]; anything else goes through NFKC ([`fold_one`]).
#[inline]
fn fold_each(original: &str, mut push: impl FnMut(usize, char)) {
    let table = table();
    let bytes = original.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            push(at, b.to_ascii_lowercase() as char);
            at += 1;
            continue;
        }
        // A two-byte character: 110xxxxx 10xxxxxx (the str is valid UTF-8).
        if b & 0xe0 == 0xc0 {
            let f = table[((b as usize & 0x1f) << 6) | (bytes[at + 1] as usize & 0x3f)];
            if f != SLOW {
                if let Some(c) = char::from_u32(f).filter(|&c| c != '\0') {
                    push(at, c);
                }
                at += 2;
                continue;
            }
        }
        let c = original[at..].chars().next().unwrap_or('\0');
        fold_one(c, |f| push(at, f));
        at += c.len_utf8();
    }
}

/// The folded text alone, with no map back to the original.
pub fn fold_text(original: &str) -> String {
    let mut text = String::with_capacity(original.len());
    fold_each(original, |_, f| text.push(f));
    text
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len() + 1);
        fold_each(original, |at, f| {
            text.push(f);
            starts.extend(std::iter::repeat_n(at as u32, f.len_utf8()));
        });
        starts.push(original.len() as u32);
        Folded { text, starts }
    }

    /// The original span of folded bytes `[start, end)`. Removed marks that follow
    /// the last character (a trailing ḍamma) are included.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.starts.get(start).copied().unwrap_or(0) as usize;
        let e = self.starts.get(end).copied().unwrap_or(0) as usize;
        Span::new(s, e.max(s))
    }

    /// The original offset of folded byte `at`.
    pub fn orig(&self, at: usize) -> usize {
        self.starts.get(at).copied().unwrap_or(0) as usize
    }

    /// The folded byte offset of original byte `at` (the first folded byte at or after it).
    pub fn folded_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| (s as usize) < at)
    }
}

/// Folds a string to a comparison key: the folding above, punctuation turned into
/// spaces, spaces collapsed. It is the same key as `norm` in `shared/eval/score.py`.
///
/// ```
/// use wasit::text::fold_key;
/// assert_eq!(fold_key("إسماعيل  بقائي"), "اسماعيل بقايي");
/// assert_eq!(fold_key("«عُمان»"), "عمان");
/// ```
pub fn fold_key(s: &str) -> String {
    let folded = fold_text(s);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| c.is_whitespace() || is_key_punct(c)) {
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

/// The punctuation that `fold_key` turns into spaces (the scorer's set).
pub fn is_key_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '«'
            | '»'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '.'
            | ','
            | ':'
            | ';'
            | '!'
            | '?'
            | '،'
            | '؛'
            | '؟'
            | '-'
            | '–'
            | '—'
            | '_'
            | '/'
            | '\\'
            | '|'
            | '*'
            | '…'
    )
}

/// A looser key for transliterated names: long vowels inside the word dropped, so
/// that ترامب and ترمب, or ويتكوف and ويتكف, compare equal. Only for comparing names
/// already found, never for finding them.
///
/// ```
/// use wasit::text::fold::skeleton;
/// assert_eq!(skeleton("ترامب"), skeleton("ترمب"));
/// assert_ne!(skeleton("بايدن"), skeleton("بدر"));
/// ```
pub fn skeleton(s: &str) -> String {
    skeleton_folded(&fold_key(s))
}

/// [`skeleton`] of a string already folded by [`fold_key`] (a token of a folded
/// text): no second folding pass.
pub fn skeleton_folded(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    skeleton_into(key, &mut out);
    out
}

/// [`skeleton_folded`] written into `out` (cleared first), so that a loop over
/// tokens reuses one buffer.
pub fn skeleton_into(key: &str, out: &mut String) {
    out.clear();
    // عبد المنعم and عبدالمنعم are one name (a single token has no space: skip).
    let joined;
    let key = if key.contains(' ') {
        joined = key.replace("عبد ", "عبد");
        joined.as_str()
    } else {
        key
    };
    for word in key.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        for (i, (at, c)) in word.char_indices().enumerate() {
            let inner = i > 0 && at + c.len_utf8() < word.len();
            if inner && c == 'ا' {
                continue;
            }
            // Doubled letters of a transliteration (دانييل / دانيل).
            if out.ends_with(c) && i > 0 {
                continue;
            }
            out.push(c);
        }
    }
}

/// True when `long` is a fuller form of the name `short`: more words, the same first
/// and last word once folded.
///
/// ```
/// use wasit::text::fuller_form;
/// assert!(fuller_form("بدر بن حمود البوسعيدي", "بدر البوسعيدي"));
/// assert!(!fuller_form("دونالد ترامب جرى", "دونالد ترامب"));
/// ```
pub fn fuller_form(long: &str, short: &str) -> bool {
    let (l, s) = (fold_key(long), fold_key(short));
    let (lw, sw): (Vec<&str>, Vec<&str>) = (l.split(' ').collect(), s.split(' ').collect());
    lw.len() > sw.len() && sw.len() >= 2 && lw.first() == sw.first() && lw.last() == sw.last()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table's fast path folds every character as NFKC + `fold_char` does.
    #[test]
    fn fast_path_folds_every_character_like_the_slow_path() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let mut slow = String::new();
            fold_one(c, |f| slow.push(f));
            let s = c.to_string();
            assert_eq!(fold_text(&s), slow, "U+{:04X}", c as u32);
            assert_eq!(Folded::new(&s).text, slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn key_punctuation_is_the_scorers_set() {
        let set = "\"'«»“”‘’()[]{}<>.,:;!?،؛؟-–—_/\\|*…";
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(is_key_punct(c), set.contains(c), "U+{:04X}", c as u32);
        }
    }

    macro_rules! t {
        ($name:ident, $input:expr, $folded:expr) => {
            #[test]
            fn $name() {
                assert_eq!(Folded::new($input).text, $folded);
            }
        };
    }

    t!(hamza_forms, "أإآٱ", "اااا");
    t!(
        alef_maqsura_and_ta_marbuta,
        "مصطفى القاهرة",
        "مصطفي القاهره"
    );
    t!(waw_ya_hamza, "مؤتمر رئيس", "موتمر رييس");
    t!(diacritics_removed, "عُمَانُ", "عمان");
    t!(tatweel_removed, "مسـقـط", "مسقط");
    t!(persian_letters, "کی", "كي");
    t!(arabic_indic_digits, "٢٠٢٦ ۲۰۲۵", "2026 2025");
    t!(latin_lowercase, "Axios AP", "axios ap");
    t!(presentation_forms, "ﻻ", "لا");
    t!(invisible_marks, "a\u{200f}b\u{2067}c\u{2069}", "abc");

    #[test]
    fn spans_map_back_to_original() {
        let text = "قال وزيرُ الخارجيـة «عراقجي»";
        let f = Folded::new(text);
        for word in ["وزير", "الخارجيه", "عراقجي"] {
            let at = f.text.find(word).unwrap();
            let span = f.span(at, at + word.len());
            assert_eq!(fold_key(&text[span]), word);
        }
        assert_eq!(f.folded_at(text.len()), f.text.len());
    }

    #[test]
    fn keys_match_the_scorer() {
        assert_eq!(fold_key(" الرئيس  دونالد  ترامب، "), "الرييس دونالد ترامب");
        assert_eq!(fold_key("نور-نيوز"), "نور نيوز");
    }
}
