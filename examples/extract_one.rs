//! Prints what wasit extracts from one article: people with their aliases,
//! relations, meetings and claims. `cargo run --example extract_one -- FILE [DATE]`.

use wasit::extract::{extract, Ref};
use wasit::lexicon::Lexicon;
use wasit::model::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extract_one FILE [DATE]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = Document::new(path.clone(), text);
    doc.meta.date = args.next();
    let facts = extract(&doc, Lexicon::embedded());
    let name = |r: &Ref| match r {
        Ref::Id(id) => id.clone(),
        Ref::Person(p) => facts
            .persons
            .get(*p)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    };
    println!("date: {:?}", facts.date);
    for p in &facts.persons {
        println!(
            "person: {} {:?}{}",
            p.name,
            p.aliases,
            if p.anonymous { " (anonymous)" } else { "" }
        );
    }
    for e in &facts.entities {
        println!(
            "entity: {} {}{}",
            e.id,
            e.label,
            if e.weak { " (weak)" } else { "" }
        );
    }
    for r in &facts.relations {
        println!(
            "relation: {} -{}-> {} {:?}",
            name(&r.source),
            r.edge_type,
            name(&r.target),
            r.attrs
        );
    }
    for m in &facts.meetings {
        println!(
            "meeting: {:?} {} places={:?} parties={:?} participants={:?} mediators={:?} hosts={:?} status={:?} format={:?} round={:?}",
            m.date,
            m.kind,
            m.places.iter().map(name).collect::<Vec<_>>(),
            m.parties.iter().map(name).collect::<Vec<_>>(),
            m.participants.iter().map(|(p, r)| format!("{}:{r}", name(p))).collect::<Vec<_>>(),
            m.mediators.iter().map(name).collect::<Vec<_>>(),
            m.hosts.iter().map(name).collect::<Vec<_>>(),
            m.status,
            m.format,
            m.round
        );
    }
    for c in &facts.claims {
        println!(
            "claim: [{}] {} <{}> via {:?}",
            c.speakers.iter().map(name).collect::<Vec<_>>().join(", "),
            c.text,
            c.cue,
            c.outlet.as_ref().map(name)
        );
    }
}
