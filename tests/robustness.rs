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
