//! A running session: the protocol expanded for these people, its clock, and its notes.
//!
//! Pure logic. Time is always passed in ([`Now`]): nothing here reads a clock, so a test
//! runs a 90-minute protocol in microseconds.

mod earlier;
mod fit;
mod notes;
mod plan;
mod run;

pub use earlier::EarlierStep;
pub use fit::{FitPlan, FitStep, MAX_FRACTION, MIN_FRACTION, fit};
pub use notes::{ALWAYS_OFFERED, PRIVATE, action_owner, offered_kinds};
pub use plan::{
    MAX_GROUP_CHARS, MAX_PEOPLE, Party, PlannedStep, Roster, Round, expand, planned_total_secs,
};
pub use run::{Advance, Countdown, Note, Now, Position, SavedSession, Session, Status, StepRecord};
