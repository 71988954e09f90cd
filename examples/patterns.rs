//! Prints the folded patterns of the embedded lexicon, one a line: the patterns
//! file of the ripgrep baseline in `examples/bench.sh`.
//!
//! `cargo run --release --example patterns > patterns.txt`

use std::io::Write;

fn main() {
    let lex = wasit::lexicon::Lexicon::embedded();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in lex.pattern_keys() {
        if writeln!(out, "{p}").is_err() {
            return;
        }
    }
}
