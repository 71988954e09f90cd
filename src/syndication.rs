//! Syndicated copies: the same wire story republished by many sites. A document
//! whose folded words are the same as an earlier one's, or nearly (their word
//! 5-grams overlap by [`NEAR`] or more, estimated by MinHash with banded
//! candidates, so the cost stays linear in the corpus), is a copy: its facts are
//! the original's, so it adds a source, not facts.
//!
//! ```
//! use wasit::model::Document;
//! use wasit::syndication::copies;
//! let story = "وصل وزير الخارجية العماني بدر البوسعيدي إلى طهران اليوم الأحد في زيارة رسمية يلتقي خلالها كبار المسؤولين الإيرانيين لبحث العلاقات الثنائية والتطورات الإقليمية";
//! let docs = [
//!     Document::new("a.txt", story),
//!     Document::new("b.txt", format!("مسقط - العمانية: {story}.")),
//!     Document::new("c.txt", "أعلنت قطر استضافة جولة جديدة من المحادثات بين الطرفين الأسبوع المقبل في الدوحة"),
//! ];
//! assert_eq!(copies(&docs), [None, Some(0), None]);
//! ```

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::model::Document;
use crate::text::Folded;

/// Share of word 5-grams two documents must have in common to be one story.
pub const NEAR: f64 = 0.8;

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash functions: BANDS bands of ROWS rows.
const BANDS: usize = 16;
const ROWS: usize = 4;
const HASHES: usize = BANDS * ROWS;

fn mix(mut x: u64) -> u64 {
    // splitmix64: a fixed, well-spread permutation of u64.
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// A document's fingerprint: the hash of all its folded words, and the MinHash
/// signature of its word 5-grams (`None` when it has too few words for one). It is
/// all that finding copies needs, so documents extracted apart (`wasit extract` on
/// shards) are told copies of each other at the merge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Print {
    exact: u64,
    sketch: Option<Vec<u64>>,
}

/// The fingerprint of a document.
pub fn print(doc: &Document) -> Print {
    let folded = Folded::new(&doc.text);
    let words: Vec<&str> = folded
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let exact = hash_of(&words);
    if words.len() < SHINGLE * 4 {
        return Print {
            exact,
            sketch: None,
        };
    }
    let mut sketch = vec![u64::MAX; HASHES];
    for gram in words.windows(SHINGLE) {
        let h = hash_of(gram);
        for (k, slot) in sketch.iter_mut().enumerate() {
            let v = mix(h ^ mix(k as u64));
            if v < *slot {
                *slot = v;
            }
        }
    }
    Print {
        exact,
        sketch: Some(sketch),
    }
}

/// For each document, the index of the earlier document it copies, if any.
pub fn copies(docs: &[Document]) -> Vec<Option<usize>> {
    use rayon::prelude::*;
    let prints: Vec<Print> = docs.par_iter().map(print).collect();
    copies_of(&prints)
}

/// For each fingerprint, the index of the earlier one it copies, if any: the
/// documents' order decides which of two copies is the original.
pub fn copies_of(prints: &[Print]) -> Vec<Option<usize>> {
    let mut exact: HashMap<u64, usize> = HashMap::new();
    let mut bands: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    let mut out = vec![None; prints.len()];
    for (i, p) in prints.iter().enumerate() {
        if let Some(&o) = exact.get(&p.exact) {
            out[i] = Some(o);
            continue;
        }
        exact.insert(p.exact, i);
        let Some(sk) = p.sketch.as_deref().filter(|s| s.len() == HASHES) else {
            continue;
        };
        let keys: Vec<(usize, u64)> = (0..BANDS)
            .map(|b| (b, hash_of(&sk[b * ROWS..(b + 1) * ROWS])))
            .collect();
        // The earliest original whose signature agrees on NEAR of its hashes.
        let mut best: Option<usize> = None;
        for key in &keys {
            for &o in bands.get(key).into_iter().flatten() {
                if best.is_some_and(|b| b <= o) {
                    continue;
                }
                let Some(other) = prints[o].sketch.as_deref() else {
                    continue;
                };
                let same = sk.iter().zip(other).filter(|(a, b)| a == b).count();
                if same as f64 >= NEAR * HASHES as f64 {
                    best = Some(o);
                }
            }
        }
        match best {
            Some(o) => out[i] = Some(o),
            None => {
                for key in keys {
                    bands.entry(key).or_default().push(i);
                }
            }
        }
    }
    out
}
