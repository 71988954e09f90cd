//! Time spent in each extraction stage on the seeds repeated (a profiling aid):
//! `cargo run --release --example stages`.
use std::time::Instant;

use wasit::extract::{analysis::Analysis, claims, dates, entities, meetings, names};
use wasit::lexicon::Lexicon;
use wasit::model::Document;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    for dir in ["seeds", "tests/dev"] {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            if e.path().extension().is_some_and(|x| x == "txt") {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    docs.push(Document::new("d", t));
                }
            }
        }
    }
    let lex = Lexicon::embedded();
    let mut t = [0f64; 6];
    for _ in 0..200 {
        for d in &docs {
            let s = Instant::now();
            let an = Analysis::new(d, lex);
            t[0] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let ents = entities::find(&an);
            t[1] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let people = names::find(&an, &ents);
            t[2] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let ds = dates::find(&an);
            t[3] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let ms = meetings::find(&an, &ents, &people, &ds);
            t[4] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let _ = claims::find(&an, &ents, &people, &ms);
            t[5] += s.elapsed().as_secs_f64();
        }
    }
    for (name, secs) in [
        "analysis", "entities", "names", "dates", "meetings", "claims",
    ]
    .iter()
    .zip(t)
    {
        println!("{name:10} {secs:7.3} s");
    }
}
