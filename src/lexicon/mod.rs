//! Lexicons: the data files under `data/` (embedded at build time) and the
//! user's own (`--lexicon FILE`), compiled into one Aho-Corasick automaton over
//! folded patterns. One pass over a document's folded text finds every entry;
//! a hit counts only on token or clitic boundaries.
//!
//! Every row has a stable id that is the merge key across documents
//! (`state:IR`, `org:reuters`, `place:geneva`).

mod matcher;
mod people;
mod rules;
mod tables;

pub use matcher::{Hit, Lexicon};
pub use people::{date_key, Figure, FigureHit, Figures, Term};
pub use rules::{Element, EntKind, Example, Op, Role, Rule, RuleSet, Sets, Stage};
pub use tables::{
    AnonRow, CueKind, CueRow, LexiconError, MinistryRow, OrgKind, OrgRow, PlaceRow, StateRow,
    TitleKind, TitleRow,
};

/// What a lexicon pattern stands for; the index points into the lexicon's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// A state's name (إيران، سلطنة عمان).
    StateName(u32),
    /// A state's nisba adjective in any form (الإيراني، الإيرانية، الإيرانيين).
    Nisba(u32),
    /// A state's capital (طهران): the government, or the city.
    Capital(u32),
    /// A city, venue or region.
    Place(u32),
    /// An organization.
    Org(u32),
    /// A ministry head word (وزارة الخارجية), completed by a nisba or state after it.
    Ministry(u32),
    /// A ministry in construct form (وزارة خارجية), followed by a state name.
    MinistryConstruct(u32),
    /// A title or post (وزير الخارجية، المبعوث الخاص، صهر).
    Title(u32),
    /// An attribution cue (قال، بحسب، في بيان).
    Cue(u32),
    /// The head of an anonymous source (مصدر، مسؤول، دبلوماسي).
    Anon(u32),
    /// A given name.
    GivenName,
    /// A meeting, status, format, mediation or hosting cue word.
    EventCue(u32),
}
