//! Any string goes through every stage without a panic (a property test with a
//! deterministic generator over an alphabet rich in Arabic, marks and punctuation).

use wasit::extract::extract;
use wasit::lexicon::Lexicon;
use wasit::model::Document;

const ALPHABET: &[&str] = &[
    "ال",
    "و",
    "ب",
    "ل",
    "قال",
    " ",
    " ",
    "،",
    ".",
    "«",
    "»",
    "\"",
    ":",
    "\n",
    "عمان",
    "إيران",
    "وزير الخارجية",
    "محمد",
    "بن",
    "آل",
    "ُ",
    "ّ",
    "ـ",
    "٢٠٢٦",
    "6",
    "فبراير",
    "الجمعة",
    "محادثات",
    "بوساطة",
    "أن",
    "مصدر",
    "بحسب",
    "x",
    "\u{200f}",
    "ﻻ",
    "ى",
    "ة",
    "😀",
    "\u{0}",
    "بين",
    "الولايات المتحدة",
    "مسقط",
    "المقبل",
    "31",
    "ﷺ",
    "رئيس",
    "الشيخ",
];

#[test]
fn any_string_never_panics() {
    let lex = Lexicon::embedded();
    let mut seed: u64 = 0x5eed;
    for round in 0..1500 {
        let mut text = String::new();
        let len = (round % 60) + 1;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(ALPHABET[(seed % ALPHABET.len() as u64) as usize]);
        }
        let doc = Document::new("p.txt", text);
        let facts = extract(&doc, lex);
        for p in &facts.persons {
            for s in &p.spans {
                assert!(
                    doc.text.get(s.start..s.end).is_some(),
                    "span off char boundary"
                );
            }
        }
        let _ = wasit::graph::build(&[facts], Default::default());
    }
}

/// Regression (issue 11): a title followed by the ligature ﷺ, which folds to four
/// words that all map back to one character, made a person with an empty name and
/// panicked in `graph::people` (`forms[0]` on an empty list).
#[test]
fn title_before_ligature_makes_no_empty_person() {
    let lex = Lexicon::embedded();
    for text in [
        "قال رئيس ﷺ",
        "وقال الشيخ ﷺ إن المحادثات كانت بناءة.",
        "قال رئيس ﷺ إن الوفد وصل إلى مسقط، وقال الشيخ ﷺ إن الجولة المقبلة في روما.",
        "ﷺ",
        "الشيخ ﷺ ﷺ",
    ] {
        let doc = Document::new("p.txt", text);
        let facts = extract(&doc, lex);
        for p in &facts.persons {
            assert!(
                p.anonymous || !p.name.trim().is_empty(),
                "a person with an empty name in {text:?}: {p:?}"
            );
        }
        let g = wasit::graph::build(&[facts], Default::default());
        assert!(!g.to_json().is_empty());
    }
}
