//! Stage 2: states, places and organizations from lexicon hits.
//!
//! A capital standing for its government (طهران ترفض، رسائل بين واشنطن وطهران) is a
//! mention of the state; a city where something happens (في مسقط، إلى روما،
//! العاصمة العمانية مسقط) is a place, which implies its state. عمان is Oman unless
//! the context says Amman (العاصمة الأردنية عمان، عمان الأردنية). Ministries are
//! built by pattern: وزارة الخارجية + nisba (or وزارة خارجية + state) → that
//! state's ministry, part_of the state.

use std::collections::BTreeMap;

use crate::lexicon::{Entry, Lexicon};
use crate::model::{EdgeType, NodeType};

use super::{Analysis, EntityFact, Ref, RelationFact};

/// How an entity was named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// By its name (إيران، رويترز).
    Name,
    /// By a nisba adjective (الإيراني).
    Nisba,
    /// By its capital standing for its government (طهران).
    Capital,
    /// As the state of a city named as a place.
    Implied,
    /// A place.
    Place,
}

/// One mention of a lexicon entity.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Stable id.
    pub id: String,
    /// Node type.
    pub node_type: NodeType,
    /// Folded start (after clitics).
    pub start: usize,
    /// Folded end.
    pub end: usize,
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// How it was named.
    pub via: Via,
    /// The state index for states, nisbas and capitals.
    pub state: Option<u32>,
    /// The clitics before it.
    pub prefix_len: usize,
    /// Named where something happens (في مسقط، بالدوحة، إلى روما).
    pub locative: bool,
}

/// The text of a mention as a name: an organization keeps the article it was
/// written with (التلفزيون الصيني المركزي, للتلفزيون → التلفزيون …), which the lexicon
/// match leaves out as a clitic.
fn surface_with_article(an: &Analysis, m: &Mention) -> String {
    let bare = an.orig(m.start, m.end);
    if m.node_type != NodeType::Organization {
        return bare.to_string();
    }
    let before = &an.folded.text[..m.start];
    if before.ends_with("لل") {
        format!("ال{bare}")
    } else if before.ends_with("ال") {
        an.orig(m.start - "ال".len(), m.end).to_string()
    } else {
        bare.to_string()
    }
}

/// The kind of the lexicon organization `id` (media, international, movement …).
pub fn org_kind(lex: &crate::lexicon::Lexicon, id: &str) -> Option<crate::lexicon::OrgKind> {
    id.strip_prefix("org:")
        .and_then(|slug| lex.org_by_id(slug))
        .map(|o| o.kind)
}

/// True when `id` is a news outlet of the lexicon (a source of claims, never a
/// side of talks).
pub fn is_media(lex: &crate::lexicon::Lexicon, id: &str) -> bool {
    org_kind(lex, id) == Some(crate::lexicon::OrgKind::Media)
}

/// The entities of one document.
#[derive(Debug, Default)]
pub struct Entities {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// part_of relations of organizations.
    pub relations: Vec<RelationFact>,
    /// Per id: (type, label, name_en).
    info: BTreeMap<String, (NodeType, String, String)>,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The id of a state node.
pub fn state_id(lex: &Lexicon, s: u32) -> String {
    format!("state:{}", lex.states[s as usize].id)
}

/// The id of a capital as a place.
pub fn capital_place_id(lex: &Lexicon, s: u32) -> String {
    format!("place:{}", slug(&lex.states[s as usize].capital_en))
}

/// Tokens that put a capital in the role of a place.
const LOCATIVE: &[&str] = &[
    "في",
    "الي",
    "داخل",
    "قرب",
    "بمدينه",
    "مدينه",
    "العاصمه",
    "عاصمه",
    "وصل",
    "وصول",
    "غادر",
    "من",
    // The city visited is where one is (وخلال زيارته الدوحة، استقبل …: n66).
    "زيارته",
    "زيارتها",
    "زار",
    "زارت",
    "يزور",
    "تزور",
];

impl Entities {
    fn note_state(&mut self, lex: &Lexicon, s: u32) {
        let st = &lex.states[s as usize];
        self.note(
            &state_id(lex, s),
            NodeType::State,
            &st.names[0],
            &st.name_en,
        );
    }

    /// Records an organization of a state (a ministry, a seat of government).
    fn part_of(&mut self, lex: &Lexicon, org: &str, s: u32, span: crate::model::Span) {
        self.note_state(lex, s);
        self.relations.push(RelationFact {
            source: Ref::Id(org.to_string()),
            edge_type: EdgeType::PartOf,
            target: Ref::Id(state_id(lex, s)),
            attrs: BTreeMap::new(),
            span,
        });
    }

    fn note(&mut self, id: &str, t: NodeType, label: &str, en: &str) {
        self.info
            .entry(id.to_string())
            .or_insert_with(|| (t, label.to_string(), en.to_string()));
    }

    /// The mention covering token `i`.
    pub fn at_token(&self, i: usize) -> Option<&Mention> {
        let k = self.mentions.partition_point(|m| m.last < i);
        self.mentions.get(k).filter(|m| m.first <= i)
    }

    /// Mentions whose first token lies in `[a, b)`.
    pub fn in_tokens(&self, a: usize, b: usize) -> impl Iterator<Item = &Mention> {
        let k = self.mentions.partition_point(|m| m.first < a);
        self.mentions[k..].iter().take_while(move |m| m.first < b)
    }

    /// "البلاد" (the country) before token `i`: the state of the nearest earlier
    /// mention that names a state or belongs to one (التلفزيون الإيراني), cities and
    /// places aside.
    pub fn country_before(&self, i: usize) -> Option<u32> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.first < i && !matches!(m.via, Via::Implied | Via::Place))
            .find_map(|m| m.state)
    }

    /// The last kingdom named before token `i` (for "المملكة" alone: "سفير المملكة في
    /// بكين" after "وزير الخارجية السعودي"): a state one of whose names is المملكة ….
    pub fn kingdom_before(&self, lex: &Lexicon, i: usize) -> Option<u32> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.first < i && !matches!(m.via, Via::Implied | Via::Place))
            .filter_map(|m| m.state)
            .find(|&s| {
                lex.states[s as usize]
                    .names
                    .iter()
                    .any(|n| crate::text::fold_key(n).starts_with("المملكه "))
            })
    }

    /// The label of an entity id.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.info.get(id).map(|(_, l, _)| l.as_str())
    }

    /// The facts for the graph: one per id, with surface forms and evidence.
    pub fn facts(&self, an: &Analysis) -> Vec<EntityFact> {
        let mut by_id: BTreeMap<&str, EntityFact> = BTreeMap::new();
        for m in &self.mentions {
            let Some((t, label, en)) = self.info.get(&m.id) else {
                continue;
            };
            let f = by_id.entry(&m.id).or_insert_with(|| EntityFact {
                id: m.id.clone(),
                node_type: *t,
                label: label.clone(),
                name_en: en.clone(),
                aliases: Vec::new(),
                spans: Vec::new(),
                weak: true,
            });
            if matches!(m.via, Via::Name | Via::Capital | Via::Place) {
                f.weak = false;
                let surface = surface_with_article(an, m);
                if !f.aliases.contains(&surface) && surface != f.label {
                    f.aliases.push(surface);
                }
            }
            f.spans.push(an.span(m.start, m.end));
        }
        // Entities only named by edges' ends (part_of targets) still need a node.
        for r in &self.relations {
            if let Ref::Id(id) = &r.target {
                if let Some((t, label, en)) = self.info.get(id) {
                    by_id.entry(id).or_insert_with(|| EntityFact {
                        id: id.clone(),
                        node_type: *t,
                        label: label.clone(),
                        name_en: en.clone(),
                        aliases: Vec::new(),
                        spans: Vec::new(),
                        weak: true,
                    });
                }
            }
        }
        by_id.into_values().collect()
    }
}

fn prev_tok<'a>(an: &'a Analysis, i: usize) -> &'a str {
    if i == 0 {
        ""
    } else {
        an.tok(i - 1)
    }
}

/// Finds the entity mentions of a document.
pub fn find(an: &Analysis) -> Entities {
    let lex = an.lex;
    let mut ents = Entities::default();
    let text = &an.folded.text;
    let mut skip_until = 0;
    for (hi, h) in an.hits.iter().enumerate() {
        if hi < skip_until {
            continue;
        }
        let first = an.tokens.first_from(h.token_start);
        let mut last = first;
        while last + 1 < an.tokens.list.len() && an.tokens.list[last + 1].start < h.end {
            last += 1;
        }
        let prefix = &text[h.token_start..h.start];
        let locative = prefix.ends_with('ب')
            || prefix.contains("بال")
            || LOCATIVE.contains(&prev_tok(an, first))
            || (first >= 2 && matches!(prev_tok(an, first - 1), "العاصمه" | "عاصمه"));
        let mk = |id: String, t: NodeType, via: Via, state: Option<u32>| Mention {
            id,
            node_type: t,
            start: h.start,
            end: h.end,
            first,
            last,
            via,
            state,
            prefix_len: prefix.len(),
            locative,
        };
        // A mention of a state (by name, nisba, capital, or implied by a city).
        let push_state = |ents: &mut Entities, s: u32, via: Via| {
            let st = &lex.states[s as usize];
            ents.note(
                &state_id(lex, s),
                NodeType::State,
                &st.names[0],
                &st.name_en,
            );
            ents.mentions
                .push(mk(state_id(lex, s), NodeType::State, via, Some(s)));
        };
        // A state's capital as the place named (في طهران، في العاصمة الكازاخستانية).
        let push_capital = |ents: &mut Entities, s: u32| {
            let st = &lex.states[s as usize];
            let pid = capital_place_id(lex, s);
            ents.note(&pid, NodeType::Place, &st.capitals[0], &st.capital_en);
            ents.mentions
                .push(mk(pid, NodeType::Place, Via::Place, Some(s)));
            push_state(ents, s, Via::Implied);
        };
        let next_nisba = |state: u32| {
            an.hits.get(hi + 1).is_some_and(|n| {
                an.tokens.first_from(n.token_start) == last + 1
                    && n.entries.contains(&Entry::Nisba(state))
            })
        };
        // Homographs: a capital that is also a state's name (عمان).
        let capital = h.entries.iter().find_map(|e| {
            if let Entry::Capital(s) = e {
                Some(*s)
            } else {
                None
            }
        });
        let name = h.entries.iter().find_map(|e| {
            if let Entry::StateName(s) = e {
                Some(*s)
            } else {
                None
            }
        });
        let mut amman_capital = false;
        if let (Some(c), Some(_)) = (capital, name) {
            // "عمّان" with its shadda is Amman (Oman is عُمان), and so is "العاصمة عمان"
            // (Oman's capital is Muscat): tests/news/fresh3/n68.
            let shadda = an.orig(h.start, h.end).contains('\u{0651}');
            let the_capital = prev_tok(an, first) == "العاصمه";
            let amman = next_nisba(c)
                || shadda
                || the_capital
                || (first >= 2 && prev_tok(an, first - 1).starts_with("العاصم") && {
                    let p = an.hit_at(first - 1);
                    p.is_some_and(|p| p.entries.contains(&Entry::Nisba(c)))
                });
            if !amman {
                let s = name.unwrap_or(c);
                push_state(&mut ents, s, Via::Name);
                continue;
            }
            amman_capital = true;
        }
        for e in &h.entries {
            match *e {
                // The capital read, not the homograph state (عمّان is not عُمان).
                Entry::StateName(_) if amman_capital => {}
                Entry::StateName(s) => {
                    push_state(&mut ents, s, Via::Name);
                }
                // في العاصمة الكازاخستانية: the capital of the adjective's state, a place.
                Entry::Nisba(s)
                    if text[h.start..h.end].ends_with('ه')
                        && matches!(
                            prev_tok(an, first),
                            "العاصمه" | "بالعاصمه" | "والعاصمه" | "للعاصمه"
                        ) =>
                {
                    push_capital(&mut ents, s);
                }
                Entry::Nisba(s) => {
                    push_state(&mut ents, s, Via::Nisba);
                }
                Entry::Capital(s) => {
                    if locative {
                        push_capital(&mut ents, s);
                    } else {
                        push_state(&mut ents, s, Via::Capital);
                    }
                }
                Entry::Place(p) => {
                    let row = &lex.places[p as usize];
                    let pid = format!("place:{}", row.id);
                    ents.note(&pid, NodeType::Place, &row.names[0], &row.name_en);
                    let state = row.state.as_deref().and_then(|c| lex.state_by_code(c));
                    ents.mentions
                        .push(mk(pid, NodeType::Place, Via::Place, state));
                    if let Some(s) = state {
                        push_state(&mut ents, s, Via::Implied);
                    }
                }
                Entry::Org(o) => {
                    let row = &lex.orgs[o as usize];
                    let oid = format!("org:{}", row.id);
                    ents.note(&oid, NodeType::Organization, &row.names[0], &row.name_en);
                    let org_state = row.state.as_deref().and_then(|c| lex.state_by_code(c));
                    ents.mentions.push(mk(
                        oid.clone(),
                        NodeType::Organization,
                        Via::Name,
                        org_state,
                    ));
                    if let Some(s) = org_state {
                        ents.part_of(lex, &oid, s, an.span(h.start, h.end));
                    }
                }
                Entry::Ministry(m) | Entry::MinistryConstruct(m) => {
                    // The state: a nisba right after (الإيرانية), a state name after the
                    // construct form (خارجية إيران), or البلاد → the last state named before.
                    let next = an
                        .hits
                        .get(hi + 1)
                        .filter(|n| an.tokens.first_from(n.token_start) == last + 1);
                    let mut state = next.and_then(|n| {
                        n.entries.iter().find_map(|e| match e {
                            // The adjective agrees with وزارة (feminine): الخارجية
                            // الإيرانية is the ministry, وزير الخارجية الإيراني the minister.
                            Entry::Nisba(s)
                                if matches!(h.entries[0], Entry::Ministry(_))
                                    && an.folded.text[n.start..n.end].ends_with('ه') =>
                            {
                                Some(*s)
                            }
                            Entry::StateName(s) | Entry::Capital(s)
                                if matches!(h.entries[0], Entry::MinistryConstruct(_)) =>
                            {
                                Some(*s)
                            }
                            _ => None,
                        })
                    });
                    let mut end = if state.is_some() {
                        next.map(|n| n.end).unwrap_or(h.end)
                    } else {
                        h.end
                    };
                    if state.is_some() {
                        skip_until = hi + 2;
                    }
                    if state.is_none() && matches!(an.tok(last + 1), "البلاد" | "بلاده" | "بلادها")
                    {
                        state = ents.country_before(first);
                        end = an.tokens.list[last + 1].end;
                    }
                    let Some(s) = state else { continue };
                    let row = &lex.ministries[m as usize];
                    let st = &lex.states[s as usize];
                    let oid = format!("org:{}-ministry:{}", row.id, st.id);
                    let nisba = st
                        .nisbas
                        .first()
                        .map(|n| format!(" ال{n}ة"))
                        .unwrap_or_else(|| format!(" {}", st.names[0]));
                    let label = format!(
                        "{}{}",
                        row.ministry.first().cloned().unwrap_or_default(),
                        nisba
                    );
                    ents.note(
                        &oid,
                        NodeType::Organization,
                        &label,
                        &format!("{} ({})", row.name_en, st.name_en),
                    );
                    let mut mention = mk(oid.clone(), NodeType::Organization, Via::Name, Some(s));
                    mention.end = end;
                    mention.last = an.tokens.first_from(end).saturating_sub(1).max(last);
                    ents.mentions.push(mention);
                    ents.part_of(lex, &oid, s, an.span(h.start, end));
                }
                _ => {}
            }
        }
    }
    ents.mentions.sort_by_key(|m| (m.first, m.start));
    ents
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;
    use crate::model::{Document, NodeType};

    // n54 (Al-Quds Al-Arabi, Astana 22): "the Kazakh capital" is Astana, a place.
    #[test]
    fn the_capital_named_by_its_adjective_is_a_place() {
        let doc = Document::new(
            "t.txt",
            "انطلق أمس الاثنين الاجتماع الدولي الثاني والعشرين حول سوريا في العاصمة الكازاخستانية.",
        );
        let an = crate::extract::Analysis::new(&doc, Lexicon::embedded());
        let ents = super::find(&an);
        let places: Vec<&str> = ents
            .mentions
            .iter()
            .filter(|m| m.node_type == NodeType::Place)
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(places, ["place:astana"], "{:?}", ents.mentions);
    }

    // tests/news/fresh3/n68 (Al-Ghadeer, 2023-05-01): "عمّان" with its shadda, and "العاصمة
    // عمان", are Amman; "سلطنة عمان" and a bare "عمان" stay Oman.
    #[test]
    fn amman_by_its_shadda_or_as_the_capital() {
        let states = |text: &str| -> Vec<String> {
            let doc = Document::new("t.txt", text);
            let an = crate::extract::Analysis::new(&doc, Lexicon::embedded());
            let ents = super::find(&an);
            ents.mentions
                .iter()
                .filter(|m| m.node_type == NodeType::State)
                .map(|m| m.id.clone())
                .collect()
        };
        assert_eq!(
            states("انطلقت في العاصمة عمّان أعمال الاجتماع."),
            ["state:JO"]
        );
        assert_eq!(
            states("ووصل إلى مكان انعقاد الاجتماع في عمّان الوزير."),
            ["state:JO"]
        );
        assert_eq!(states("وقالت سلطنة عمان إن المحادثات بناءة."), ["state:OM"]);
        assert_eq!(states("وتستضيف عمان المحادثات."), ["state:OM"]);
    }
}
