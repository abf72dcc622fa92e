//! A running session: the protocol expanded for these people, its clock, and its notes.
//!
//! Pure logic. Time is always passed in ([`Now`]): nothing here reads a clock, so a test
//! runs a 90-minute protocol in microseconds.

mod clock;
mod earlier;
mod fit;
mod fitting;
mod notes;
mod plan;
mod run;
mod saved;

pub use clock::{Countdown, Now};
pub use earlier::EarlierStep;
pub use fit::{FitPlan, FitStep, MAX_FRACTION, MIN_FRACTION, fit};
pub use notes::{ALWAYS_OFFERED, Note, PRIVATE, action_owner, offered_kinds};
pub use plan::{
    MAX_GROUP_CHARS, MAX_PEOPLE, Party, PlannedStep, Roster, Round, expand, planned_total_secs,
};
pub use run::{Advance, Session, Status, StepRecord};
pub use saved::{Position, SavedSession};
