//! `Document`: one article, owning its original text and its metadata.

use serde::{Deserialize, Serialize};

/// Metadata of a document, from a manifest, a JSON Lines row or the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Publication date, ISO 8601, possibly partial (`2023-06`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the article came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet that published it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Its title, when given apart from the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// One article: an id (its path relative to the folder given, or its JSON Lines
/// `id`), the original text that every span points into, and metadata.
///
/// ```
/// use wasit::model::Document;
/// let doc = Document::new("a.txt", "وصل الوفد إلى مسقط");
/// assert_eq!(doc.id, "a.txt");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Stable id: the merge key of evidence.
    pub id: String,
    /// The original text, never modified.
    pub text: String,
    /// Metadata.
    pub meta: DocMeta,
}

impl Document {
    /// A document with no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            meta: DocMeta::default(),
        }
    }
}
