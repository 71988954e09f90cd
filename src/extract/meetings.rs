//! Stage 5: meetings.
use super::dates::Dates;
use super::entities::Entities;
use super::names::People;
use super::{Analysis, MeetingFact};

/// Finds meetings.
pub fn find(_an: &Analysis, _ents: &Entities, _people: &People, _dates: &Dates) -> Vec<MeetingFact> {
    Vec::new()
}
