//! The text layer: folding (the only place spelling rules live), tokens with
//! clitic analysis, and sentences. Nothing here knows about lexicons or graphs.

pub mod fold;
pub mod sentences;
pub mod tokens;

pub use fold::{fold_key, fuller_form, Folded};
pub use sentences::sentences;
pub use tokens::{strip_clitics, Token, Tokens};

/// A word list of `data/words/`: one word per line, `#` comments, folded when loaded
/// so that no rule spells a folded form.
pub fn word_set(text: &str) -> std::collections::HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold_key)
        .collect()
}
