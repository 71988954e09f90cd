//! Person identity across documents.

use std::collections::HashMap;

use crate::extract::DocFacts;
use crate::text::fold::skeleton;

fn words(s: &str) -> Vec<String> {
    skeleton(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

fn slug(name: &str) -> String {
    crate::text::fold_key(name).replace(' ', "_")
}

/// Assigns a global id to every (document, person) pair. Full names first (longest
/// first): a name joins a known person when its skeleton is equal, or when first
/// and last names agree (بدر البوسعيدي / بدر بن حمود البوسعيدي); a surname alone
/// joins the one person with that surname, else it stays its own.
pub fn resolve(facts: &[&DocFacts]) -> HashMap<(usize, usize), String> {
    let mut out = HashMap::new();
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (d, f) in facts.iter().enumerate() {
        for (p, person) in f.persons.iter().enumerate() {
            if person.anonymous {
                out.insert(
                    (d, p),
                    format!("person:anon:{}:{}", f.doc, slug(&person.description)),
                );
            } else {
                order.push((d, p));
            }
        }
    }
    // The sort key folds the name once per person, not once per comparison.
    let mut keyed: Vec<(std::cmp::Reverse<usize>, usize, usize)> = order
        .iter()
        .map(|&(d, p)| {
            (
                std::cmp::Reverse(words(&facts[d].persons[p].name).len()),
                d,
                p,
            )
        })
        .collect();
    keyed.sort_unstable();
    let order = keyed.into_iter().map(|(_, d, p)| (d, p));
    // Known people: id and all their name forms as word lists.
    let mut known: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    // A public figure is one person whatever the spelling (ترامب، ترمب).
    let mut by_figure: HashMap<&str, usize> = HashMap::new();
    // Every test below needs the last words to agree: the known people by the last
    // word of each of their forms, so a name is compared only with those (issue 14:
    // comparing each mention with every person was quadratic).
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    for (d, p) in order {
        let person = &facts[d].persons[p];
        if let Some(&idx) = by_figure.get(person.figure.as_str()) {
            out.insert((d, p), known[idx].0.clone());
            continue;
        }
        let mut forms: Vec<Vec<String>> = vec![words(&person.name)];
        forms.extend(person.aliases.iter().map(|a| words(a)));
        forms.retain(|f| !f.is_empty());
        // A person with no name to compare (extraction never makes one) gets no id:
        // no node, and the edges to it are dropped.
        let Some(full) = forms.first().cloned() else {
            continue;
        };
        let mut candidates: Vec<usize> = full
            .last()
            .and_then(|w| by_last.get(w))
            .cloned()
            .unwrap_or_default();
        candidates.sort_unstable();
        candidates.dedup();
        let matches: Vec<usize> = candidates
            .into_iter()
            .map(|i| (i, &known[i]))
            .filter(|(_, (_, kforms))| {
                kforms.iter().any(|k| {
                    k == &full
                        || (full.len() >= 2
                            && k.len() >= 2
                            && k[0] == full[0]
                            && k.last() == full.last())
                        || (full.len() == 1 && k.last() == full.last())
                        || (k.len() == 1 && full.last() == k.last() && full.len() >= 2)
                })
            })
            .map(|(i, _)| i)
            .collect();
        let idx = if matches.len() == 1 {
            matches[0]
        } else if let Some(&i) = matches
            .iter()
            .find(|&&i| known[i].1.iter().any(|k| k == &full))
        {
            i
        } else {
            known.push((format!("person:{}", slug(&person.name)), Vec::new()));
            known.len() - 1
        };
        for f in forms {
            if !known[idx].1.contains(&f) {
                if let Some(w) = f.last() {
                    let list = by_last.entry(w.clone()).or_default();
                    if list.last() != Some(&idx) {
                        list.push(idx);
                    }
                }
                known[idx].1.push(f);
            }
        }
        if !person.figure.is_empty() {
            by_figure.insert(person.figure.as_str(), idx);
        }
        out.insert((d, p), known[idx].0.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::PersonFact;

    /// Regression (issue 11): a person whose name has no letters (a name found
    /// inside the folding of ﷺ) panicked on `forms[0]`; now it gets no id.
    #[test]
    fn person_with_empty_name_gets_no_id_and_no_panic() {
        let facts = DocFacts {
            doc: "a.txt".into(),
            persons: vec![
                PersonFact::default(),
                PersonFact {
                    name: "بدر البوسعيدي".into(),
                    ..PersonFact::default()
                },
            ],
            ..DocFacts::default()
        };
        let ids = resolve(&[&facts]);
        assert_eq!(ids.get(&(0, 0)), None);
        assert_eq!(
            ids.get(&(0, 1)).map(String::as_str),
            Some("person:بدر_البوسعيدي")
        );
    }
}
