//! Every rule's examples: the rule must match its sentence and capture the
//! entities the example lists in their roles. A failure names the rule id.

use wasit::extract::{entities, names, pattern, Analysis};
use wasit::lexicon::{Example, Lexicon, Role, Stage};
use wasit::model::Document;

fn check(lex: &Lexicon, rule: usize, ex: &Example) -> Result<(), String> {
    let mut doc = Document::new("example.txt", ex.text.clone());
    doc.meta.date = ex.date.clone();
    let an = Analysis::new(&doc, lex);
    let ents = entities::find(&an);
    let people = names::find(&an, &ents);
    let mut fired = false;
    let mut got: Vec<(Role, Vec<String>)> = Vec::new();
    for &(s, e) in &an.sentences {
        let (a, b) = (an.tokens.first_from(s), an.tokens.first_from(e));
        for m in pattern::find(&an, &ents, &people, Stage::Meeting, a, b) {
            if m.rule != rule {
                continue;
            }
            fired = true;
            for c in m.captures {
                let names = if c.person {
                    let p = &people.persons[people.at_token(c.token).unwrap().person];
                    std::iter::once(p.name.clone())
                        .chain(p.aliases.clone())
                        .collect()
                } else {
                    let m = ents.at_token(c.token).unwrap();
                    let mut v = vec![m.id.clone()];
                    v.extend(
                        m.state
                            .map(|s| format!("state:{}", lex.states[s as usize].id)),
                    );
                    v
                };
                got.push((c.role, names));
            }
        }
    }
    if !fired {
        return Err("the pattern does not match".into());
    }
    let mut lost = Vec::new();
    for (role, want) in [
        (Role::Mediator, &ex.mediators),
        (Role::Host, &ex.hosts),
        (Role::Party, &ex.parties),
        (Role::Participant, &ex.participants),
    ] {
        for w in want {
            if !got.iter().any(|(r, n)| *r == role && n.contains(w)) {
                lost.push(format!("{role:?} {w}"));
            }
        }
    }
    if lost.is_empty() {
        Ok(())
    } else {
        Err(format!("missing {lost:?}; captured {got:?}"))
    }
}

#[test]
fn every_rule_gives_its_examples() {
    for lex in [
        Lexicon::embedded(),
        &Lexicon::with_options(&[], false).unwrap(),
    ] {
        let mut failures = Vec::new();
        for (i, rule) in lex.rules.rules.iter().enumerate() {
            for ex in &rule.examples {
                if let Err(e) = check(lex, i, ex) {
                    failures.push(format!("{}: {e}\n    {}", rule.id, ex.text));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "rules failing their examples:\n{}",
            failures.join("\n")
        );
    }
}

#[test]
fn a_bad_rule_is_refused_naming_file_and_rule() {
    let bad = r#"
[[rule]]
id = "meeting.host.bad"
stage = "meeting"
pattern = [{ gap = [0, 2] }, { ent = "side", capture = "host" }]
examples = [{ text = "استضافت قطر المحادثات." }]
"#;
    let e = wasit::lexicon::RuleSet::parse("mine.toml", bad)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("mine.toml:3:"), "{e}");
    assert!(
        e.contains("meeting.host.bad") && e.contains("first element"),
        "{e}"
    );
    let no_example = bad.replace(r#"examples = [{ text = "استضافت قطر المحادثات." }]"#, "");
    let e = wasit::lexicon::RuleSet::parse("mine.toml", &no_example)
        .unwrap_err()
        .to_string();
    assert!(e.contains("no example"), "{e}");
    let unknown = r#"
[[rule]]
id = "x"
stage = "meeting"
pattern = [{ stem = ["قال"], colour = "red" }]
examples = [{ text = "قال" }]
"#;
    let e = wasit::lexicon::RuleSet::parse("u.toml", unknown)
        .unwrap_err()
        .to_string();
    assert!(e.contains("colour"), "{e}");
}

#[test]
fn a_user_rule_file_extends_the_embedded_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        r#"# kind: rules
[[rule]]
id = "meeting.mediator.user_facilitated"
stage = "meeting"
pattern = [{ stem = ["سهلت", "يسهل"] }, { ent = "side", capture = "mediator" }, { stem = ["المحادثات"] }]
sets = { talks = true }
examples = [{ text = "وسهلت النرويج المحادثات بين الطرفين.", mediators = ["state:NO"] }]
"#,
    )
    .unwrap();
    let lex = Lexicon::with_files(&[path.as_path()]).unwrap();
    let i = lex
        .rules
        .rules
        .iter()
        .position(|r| r.id == "meeting.mediator.user_facilitated")
        .unwrap();
    check(&lex, i, &lex.rules.rules[i].examples[0]).unwrap();
}

/// The README's command: the seeds with the example rule file of `examples/rules/`,
/// and a sentence of its kind, which the rule makes a mediation.
#[test]
fn the_readme_rule_file_builds_with_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("oslo.txt");
    std::fs::write(
        &doc,
        "انطلقت في أوسلو الأحد 3 مارس 2024 المحادثات بين كولومبيا وفنزويلا. وسهلت النرويج المحادثات بين الطرفين.",
    )
    .unwrap();
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_wasit"))
        .current_dir(&root)
        .args(["build", "seeds"])
        .arg(&doc)
        .args([
            "--lexicon",
            "examples/rules/facilitated.toml",
            "--render",
            "none",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
    let mediates = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["type"] == "mediates" && e["source"] == "state:NO");
    assert!(mediates, "no mediates edge from Norway");
}
