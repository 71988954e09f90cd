//! The text layer: folding (the only place spelling rules live), tokens with
//! clitic analysis, and sentences. Nothing here knows about lexicons or graphs.

pub mod fold;
pub mod sentences;
pub mod tokens;

pub use fold::{fold_key, fuller_form, Folded};
pub use sentences::sentences;
pub use tokens::{strip_clitics, without_article, without_articles, Token, Tokens};

/// A word list of `data/words/`: one word per line, `#` comments, folded when first
/// used so that no rule spells a folded form. Built once (lookups run per token).
pub struct WordList {
    text: &'static str,
    set: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl WordList {
    /// A list over the text of a word file (usually `include_str!`).
    pub const fn new(text: &'static str) -> WordList {
        WordList {
            text,
            set: std::sync::OnceLock::new(),
        }
    }

    /// True when the folded word `t` is in the list.
    pub fn contains(&self, t: &str) -> bool {
        self.set
            .get_or_init(|| {
                self.text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(fold_key)
                    .collect()
            })
            .contains(t)
    }
}
