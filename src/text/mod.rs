//! The text layer: folding (the only place spelling rules live), tokens with
//! clitic analysis, and sentences. Nothing here knows about lexicons or graphs.

pub mod fold;
pub mod sentences;
pub mod tokens;

pub use fold::{fold_key, fuller_form, Folded};
pub use sentences::sentences;
pub use tokens::{strip_clitics, Token, Tokens};
