//! Sentence boundaries: full stops, question and exclamation marks (Arabic and
//! Latin) and line breaks. Returns byte ranges into whatever text it is given.

/// The sentences of a text as half-open byte ranges, trimmed of white space;
/// empty ones are dropped.
///
/// ```
/// use wasit::text::sentences;
/// let text = "وصل الوفد. هل انتهت المحادثات؟\nنعم";
/// let s: Vec<&str> = sentences(text).into_iter().map(|(a, b)| &text[a..b]).collect();
/// assert_eq!(s, ["وصل الوفد.", "هل انتهت المحادثات؟", "نعم"]);
/// // A stop glued to the next word by an aggregator; an abbreviation is no stop.
/// let text = "مع أيمن الصفدي وزير الخارجية.وتناول الاتصال القضية. وقال د.محمد إن";
/// assert_eq!(sentences(text).len(), 3);
/// ```
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Inside a quotation a full stop does not end the sentence (a quote of two
    // sentences is one statement); a line break always does.
    let mut quote_depth = 0usize;
    let mut straight_open = false;
    for (i, c) in text.char_indices() {
        match c {
            '«' | '“' => quote_depth += 1,
            '»' | '”' => quote_depth = quote_depth.saturating_sub(1),
            '"' => straight_open = !straight_open,
            '\n' => {
                quote_depth = 0;
                straight_open = false;
            }
            _ => {}
        }
        let quoted = quote_depth > 0 || straight_open;
        let end = match c {
            '\n' => Some(i),
            '.' | '!' | '?' | '؟' if quoted => None,
            '.' | '!' | '?' | '؟' => {
                // A dot between digits (3.5) or after a single letter (د.) is no boundary.
                let next = text[i + c.len_utf8()..].chars().next();
                let prev = text[..i].chars().next_back();
                let inside_number = c == '.'
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit());
                let glued = matches!(next, Some(n) if !n.is_whitespace() && !"\"'»”)".contains(n));
                // "… وشؤون المغتربين.وتناول الاتصال …" (fresh3/n67): a full stop that an
                // aggregator glued to the next Arabic word still ends a sentence after
                // a word of three letters or more (د.محمد، أ.ف.ب are abbreviations).
                let arabic = |ch: char| ('\u{0621}'..='\u{064a}').contains(&ch);
                let word_before = text[..i].chars().rev().take_while(|ch| arabic(*ch)).count();
                let glued_sentence = c == '.' && next.is_some_and(arabic) && word_before >= 3;
                (!inside_number && (!glued || glued_sentence)).then_some(i + c.len_utf8())
            }
            _ => None,
        };
        if let Some(e) = end {
            push_trimmed(text, start, e, &mut out);
            start = e;
        }
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((start + lead, end - trail));
    }
}
