//! The public-figures base (data/people/*.tsv) is well formed: ten columns, dates in
//! order, every state or body it names defined by the lexicons, one person per id, no
//! row twice, and no two spellings of one row that fold to the same key.

use std::collections::{BTreeMap, BTreeSet, HashSet};

fn data(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first column of a lexicon file's rows.
fn ids(path: &str) -> HashSet<String> {
    data(path)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

/// A date of the base: YYYY, YYYY-MM or YYYY-MM-DD.
fn is_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    matches!(parts.len(), 1..=3)
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// Bodies the base names that data/organizations.tsv does not define yet: their people
/// are found and labelled, but get no affiliation until the body has a row. The list
/// may only shrink.
const AWAITING_A_ROW: &[&str] = &[];

#[test]
fn the_people_base_is_well_formed() {
    let mut known = ids("data/states.tsv");
    known.extend(ids("data/organizations.tsv"));
    known.extend(ids("data/ministries.tsv"));
    let mut problems = Vec::new();
    let mut rows = 0;
    let mut names_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut seen_rows = HashSet::new();
    let mut unknown_bodies = BTreeSet::new();
    let files: Vec<(String, String)> = ["arab", "west", "asia_africa", "intl"]
        .iter()
        .map(|f| {
            let path = format!("data/people/{f}.tsv");
            let text = data(&path);
            (path, text)
        })
        .collect();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            rows += 1;
            let at = format!("{path}:{}", n + 1);
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != 10 {
                problems.push(format!("{at}: {} columns, not 10", c.len()));
                continue;
            }
            let (id, name_en, name_ar, org, start, end) = (c[0], c[2], c[3], c[6], c[8], c[9]);
            if id.is_empty() || name_ar.is_empty() || post_missing(c[7]) {
                problems.push(format!("{at}: id, Arabic name or post missing"));
            }
            for d in [start, end].into_iter().filter(|d| !d.is_empty()) {
                if !is_date(d) {
                    problems.push(format!("{at}: bad date {d:?}"));
                }
            }
            // Partial dates compare on what both give (2025-01 … 2025 is in order).
            let common = start.len().min(end.len());
            if !start.is_empty() && !end.is_empty() && start[..common] > end[..common] {
                problems.push(format!("{at}: starts {start} after it ends {end}"));
            }
            if !known.contains(org) && !AWAITING_A_ROW.contains(&org) {
                unknown_bodies.insert(format!("{at}: {org}"));
            }
            if !seen_rows.insert((id, org, c[7], start)) {
                problems.push(format!("{at}: the same term of {id} twice"));
            }
            names_of
                .entry(id.to_string())
                .or_default()
                .insert(name_en.to_string());
            let mut keys = HashSet::new();
            for form in std::iter::once(name_ar)
                .chain(c[4].split('|'))
                .filter(|f| !f.is_empty())
            {
                if !keys.insert(wasit::text::fold_key(form)) {
                    problems.push(format!(
                        "{at}: {form:?} folds like another spelling of the row"
                    ));
                }
            }
        }
    }
    for (id, names) in &names_of {
        if names.len() > 1 {
            problems.push(format!("{id}: one id for several people {names:?}"));
        }
    }
    assert!(rows >= 3000, "only {rows} people rows");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        unknown_bodies.is_empty(),
        "bodies no lexicon defines:\n{}",
        unknown_bodies.into_iter().collect::<Vec<_>>().join("\n")
    );
}

fn post_missing(post: &str) -> bool {
    post.trim().is_empty()
}
