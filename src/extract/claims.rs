//! Stage 6: claims.
use super::dates::Dates;
use super::entities::Entities;
use super::names::People;
use super::{Analysis, ClaimFact, MeetingFact, PersonFact, RelationFact};

/// Claims found in a document, with the anonymous sources they created.
#[derive(Debug, Default)]
pub struct Claims {
    /// Claims.
    pub claims: Vec<ClaimFact>,
    /// Anonymous persons.
    pub anonymous: Vec<PersonFact>,
    /// Their affiliations.
    pub relations: Vec<RelationFact>,
}

/// Finds claims.
pub fn find(_an: &Analysis, _ents: &Entities, _people: &People, _dates: &Dates, _meetings: &[MeetingFact]) -> Claims {
    Claims::default()
}
