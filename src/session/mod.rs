//! A running session: the protocol expanded for these people, its clock, and its notes.
//!
//! Pure logic. Time is always passed in ([`Now`]): nothing here reads a clock, so a test
//! runs a 90-minute protocol in microseconds.

mod plan;
mod run;

pub use plan::{Party, PlannedStep, Roster, Round, expand, planned_total_secs};
pub use run::{Advance, Countdown, Note, Now, Session, Status, StepRecord};
