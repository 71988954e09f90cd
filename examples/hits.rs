//! Prints the lexicon hits of a text (a debugging aid): `cargo run --example hits -- FILE`.
use wasit::lexicon::Lexicon;
use wasit::text::{Folded, Tokens};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: hits FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let f = Folded::new(&text);
    let lex = Lexicon::embedded();
    for h in lex.find(&f.text, &Tokens::new(&f.text)) {
        println!("{:?} {:?}", &f.text[h.token_start..h.end], h.entries);
    }
}
