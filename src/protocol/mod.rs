//! Protocol files: the data model, reading and checking a `.toml` file, and the library
//! of protocols gathered from the built-ins, the user folder and `--protocols`.
//!
//! This module knows nothing of terminals or sessions; it turns text into [`Protocol`]s
//! or into [`Problem`]s that say exactly where a file is wrong. The checks are in
//! `parse.rs` (the file, roles, blocks) and `parse_step.rs` (a step and its minutes),
//! read with the shared `diagnostics` checker; what an id may be is in `ids.rs`.

use serde::{Deserialize, Serialize};

use crate::words::steps as w;

mod ids;
mod library;
mod parse;
mod parse_step;
mod template;

/// A problem in a protocol file (the shared diagnostics' type, named here for callers).
pub use crate::diagnostics::Problem;
pub use ids::{MAX_ID_LEN, id_problem, valid_id};
pub use library::{Library, Origin, Skipped, Source, builtin_files};
pub use parse::parse_protocol;
pub use template::template;

/// The folder inside the archive whose protocols the whole network shares.
pub const SHARED_FOLDER: &str = "protocols";

/// One protocol, as its file describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Protocol {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub source: String,
    pub tags: Vec<String>,
    /// In the order the file declares them: the setup form asks in this order.
    pub roles: Vec<Role>,
    /// Note kinds the file adds to the built-in ones.
    pub note_kinds: Vec<NoteKind>,
    pub steps: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub label: String,
    /// Several people fill this role (participants).
    pub many: bool,
    /// How many people to assume when estimating times before names are known.
    pub typical: u32,
    /// The setup form does not insist on names for this role (Microlabs asks for the
    /// room's names only if the facilitator wants them recorded).
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteKind {
    pub id: String,
    pub label: String,
}

/// A step's time: `minutes = 10` plans and allows 10; `minutes = [10, 15]` plans 10 and
/// allows stretching to 15.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Minutes {
    pub planned: f64,
    pub max: f64,
}

impl Minutes {
    pub fn is_range(&self) -> bool {
        self.max > self.planned
    }
    pub fn planned_secs(&self) -> u32 {
        to_secs(self.planned)
    }
    pub fn max_secs(&self) -> u32 {
        to_secs(self.max)
    }
}

fn to_secs(minutes: f64) -> u32 {
    (minutes * 60.0).round().clamp(1.0, u32::MAX as f64) as u32
}

/// A top-level entry of `[[steps]]`: a step, or a block of steps that repeats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    Step(Step),
    Block(Block),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    /// For a go-round (`turns`), the time of each turn.
    pub minutes: Minutes,
    pub speakers: Vec<String>,
    pub silent: Vec<String>,
    pub guide: String,
    pub stems: Vec<String>,
    pub notes: Vec<String>,
    /// A go-round: one timed turn for each person of this role.
    pub turns: Option<String>,
    /// A go-round of numbered places ("Person 1", "Person 2", …) instead of named people:
    /// the same turns run in every small group at once (`turns = 3`).
    #[serde(default)]
    pub seats: Option<u32>,
    /// The source gives no time for this step: the minutes are the tool's estimate.
    pub estimated: bool,
    /// The minutes come from a published adaptation, not from the original text.
    #[serde(default)]
    pub adapted: bool,
    /// Keeps its minutes when the plan is squeezed to fit an end time.
    pub protected: bool,
    /// The shortest time the published text allows (per turn in a go-round).
    #[serde(default)]
    pub min_minutes: Option<f64>,
    /// The longest time the published text allows (per turn in a go-round).
    #[serde(default)]
    pub max_minutes: Option<f64>,
    /// The source implies the `silent` roles' silence without stating it.
    #[serde(default)]
    pub silence_implied: bool,
    /// An open step: people speak when moved to, once each, and nobody is called on.
    #[serde(default)]
    pub open: bool,
    /// The step runs in small groups, all at once ("pairs", "triads").
    #[serde(default)]
    pub groups: Option<String>,
}

impl Step {
    /// How the step's time is known, in the words the handout and screen use.
    pub fn time_origin(&self) -> Option<&'static str> {
        if self.estimated {
            Some(w::TIME_ESTIMATE)
        } else if self.adapted {
            Some(w::TIME_ADAPTED)
        } else {
            None
        }
    }

    /// "at most 5 min", "at least 1 min", "1–2 min by the source": the published limits.
    pub fn limits_text(&self) -> Option<String> {
        let m = |v: Option<f64>| v.map(crate::times::minutes);
        w::limits(
            m(self.min_minutes).as_deref(),
            m(self.max_minutes).as_deref(),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub name: String,
    pub guide: String,
    pub repeat: Repeat,
    /// Inside a per-person block, the role id that names the round's person.
    pub as_role: String,
    /// Each round's go-rounds start one person later.
    pub rotate: bool,
    /// What a round is called on screen ("Question 2 of 3").
    pub label: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Repeat {
    /// Once for each person of this role, who presents in that round.
    EachOf(String),
    Times(u32),
}

/// The reserved role name that means everyone present.
pub const EVERYONE: &str = "all";

/// The note kinds every step offers or may offer, with their labels.
pub const BUILTIN_NOTE_KINDS: [(&str, &str); 7] = [
    ("note", w::NOTE),
    ("question", w::QUESTION),
    ("warm", w::WARM),
    ("cool", w::COOL),
    ("hard", w::HARD),
    ("idea", w::IDEA),
    ("action", w::ACTION),
];

impl Protocol {
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The label of a note kind, built-in or declared by this file.
    pub fn note_label(&self, kind: &str) -> String {
        BUILTIN_NOTE_KINDS
            .iter()
            .find(|(id, _)| *id == kind)
            .map(|(_, label)| (*label).to_string())
            .or_else(|| {
                self.note_kinds
                    .iter()
                    .find(|k| k.id == kind)
                    .map(|k| k.label.clone())
            })
            .unwrap_or_else(|| crate::text::capitalise(kind))
    }

    /// The heading for a kind's notes in the archive: "Questions", "Warm feedback".
    pub fn note_heading(&self, kind: &str) -> String {
        match kind {
            "note" => w::NOTES.to_string(),
            "question" => w::QUESTIONS.to_string(),
            "idea" => w::IDEAS.to_string(),
            "action" => w::ACTIONS.to_string(),
            other => self.note_label(other),
        }
    }

    /// "5 participants": the group sizes assumed when estimating times, for each role of
    /// several people.
    pub fn typical_sizes(&self) -> Vec<String> {
        self.roles
            .iter()
            .filter(|r| r.many)
            .map(|r| w::typical_size(r.typical, &r.label))
            .collect()
    }

    /// The planned length for the typical group sizes the roles declare, in seconds:
    /// the figure `crit list` and `crit show` give before anyone is named.
    pub fn typical_total_secs(&self) -> u64 {
        let typical = |role: &str| {
            self.role(role)
                .map(|r| if r.many { r.typical.max(1) } else { 1 })
        };
        let turns = |s: &Step, round: Option<(&str, &str)>| -> u64 {
            if let Some(n) = s.seats {
                return u64::from(n);
            }
            let Some(role) = s.turns.as_deref() else {
                return 1;
            };
            let n = match round {
                Some((_, as_role)) if as_role == role => 1,
                Some((repeated, _)) if repeated == role => {
                    typical(role).unwrap_or(1).saturating_sub(1)
                }
                _ => typical(role).unwrap_or(1),
            };
            u64::from(n)
        };
        self.steps
            .iter()
            .map(|e| match e {
                Entry::Step(s) => u64::from(s.minutes.planned_secs()) * turns(s, None),
                Entry::Block(b) => {
                    let (rounds, round) = match &b.repeat {
                        Repeat::EachOf(role) => (
                            u64::from(typical(role).unwrap_or(0)),
                            Some((role.as_str(), b.as_role.as_str())),
                        ),
                        Repeat::Times(n) => (u64::from(*n), None),
                    };
                    let per_round: u64 = b
                        .steps
                        .iter()
                        .map(|s| u64::from(s.minutes.planned_secs()) * turns(s, round))
                        .sum();
                    rounds * per_round
                }
            })
            .sum()
    }

    /// Every plain step, with the block it belongs to (if any), in file order.
    pub fn all_steps(&self) -> impl Iterator<Item = (Option<&Block>, &Step)> {
        self.steps
            .iter()
            .flat_map(|e| -> Box<dyn Iterator<Item = _>> {
                match e {
                    Entry::Step(s) => Box::new(std::iter::once((None, s))),
                    Entry::Block(b) => Box::new(b.steps.iter().map(move |s| (Some(b), s))),
                }
            })
    }
}
