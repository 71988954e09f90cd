//! wasit (وسيط, "mediator") reads Arabic news about diplomacy and builds a knowledge
//! graph of who met whom, who mediated, who represents which state, and who said what.
//!
//! Data flows one way: text → [`text`] (folding, tokens, sentences) → [`lexicon`]
//! mentions → [`extract`] (entities, affiliations, meetings, claims) → [`graph`]
//! (one graph across documents) → [`export`] (JSON, DOT, and more). [`explore`]
//! asks questions of a built graph; [`eval`] scores one against a gold annotation.
#![warn(missing_docs)]

pub mod eval;
pub mod explore;
pub mod export;
pub mod extract;
pub mod facts;
pub mod graph;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod syndication;
pub mod text;
