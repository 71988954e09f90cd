//! The text layer: folding, tokens, clitics, sentences, and lexicon hits on any
//! string. Checks that every token and every hit maps back to the original text on
//! character boundaries and folds back to what was matched.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasit::lexicon::Lexicon;
use wasit::text::{fold, sentences, strip_clitics, Folded, Tokens};
use wasit_fuzz::{check_folded_span, text_of, MAX_INPUT};

fuzz_target!(|data: &[u8]| {
    let text = text_of(&data[..data.len().min(MAX_INPUT)]);
    let folded = Folded::new(&text);
    assert_eq!(folded.text, fold::fold_text(&text), "two foldings differ");
    let tokens = Tokens::new(&folded.text);
    let mut last = 0;
    for t in &tokens.list {
        assert!(last <= t.start && t.start < t.end, "tokens out of order");
        last = t.end;
        check_folded_span(&text, &folded, t.start, t.end, "token");
        for (prefix, stem) in strip_clitics(t.text(&folded.text)) {
            assert_eq!(
                format!("{prefix}{stem}"),
                t.text(&folded.text),
                "clitic reading is not a split of the word"
            );
        }
    }
    for hit in Lexicon::embedded().find(&folded.text, &tokens) {
        assert!(hit.token_start <= hit.start && hit.start < hit.end);
        check_folded_span(&text, &folded, hit.start, hit.end, "lexicon hit");
    }
    for source in [text.as_str(), folded.text.as_str()] {
        let mut last = 0;
        for (a, b) in sentences(source) {
            assert!(last <= a && a < b && b <= source.len(), "sentence {a}..{b}");
            assert!(source.is_char_boundary(a) && source.is_char_boundary(b));
            last = b;
        }
    }
    let key = wasit::text::fold_key(&text);
    assert!(!key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "));
    let _ = fold::skeleton(&text);
});
