//! The saved form of a session ([`SavedSession`], [`Position`]): what is written down
//! so a session killed at any moment can be continued, and continuing it.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::clock::Now;
use super::notes::Note;
use super::plan::{PlannedStep, Roster};
use super::run::{Session, Status, StepRecord, Turn};
use crate::protocol::Protocol;
use crate::words::archive as words;

/// Everything needed to continue a session after the program was killed: written in
/// whole when the session's file is created (and when it is resumed), then brought up to
/// date by the journal beside it (see `archive::journal`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSession {
    pub version: u32,
    pub protocol: Protocol,
    pub plan: Vec<PlannedStep>,
    pub started: DateTime<FixedOffset>,
    pub notes: Vec<Note>,
    /// Where the session stands; small, so the journal can write it after every change.
    #[serde(flatten)]
    pub position: Position,
    /// Which journal continues this state (the first line of that journal names it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
}

/// The part of a saved session that changes as it runs, notes aside: small, whatever the
/// number of notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub roster: Roster,
    pub ended: Option<DateTime<FixedOffset>>,
    pub status: Status,
    pub records: Vec<StepRecord>,
    pub current: usize,
    pub turn_index: usize,
    pub turn_started_ms: u64,
    pub turn_adjust_secs: i64,
    pub paused: bool,
    pub rang: bool,
    pub saved_at: DateTime<FixedOffset>,
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<super::EarlierStep>,
}

const SAVED_VERSION: u32 = 1;

/// No step runs longer than this: a saved number past it is damage, not a session.
const LONGEST_SECS: u64 = 7 * 24 * 3600;

impl Session {
    /// The session as of `now`, ready to be written down.
    pub fn saved(&self, now: Now) -> SavedSession {
        SavedSession {
            version: SAVED_VERSION,
            protocol: self.protocol.clone(),
            plan: self.plan.clone(),
            started: self.started,
            notes: self.notes.clone(),
            position: self.position(now),
            journal: None,
        }
    }

    /// Where the session stands at `now` (everything saved but the plan and the notes).
    pub fn position(&self, now: Now) -> Position {
        let mut records = self.records.clone();
        if let Some(r) = records.get_mut(self.current) {
            r.elapsed = self.elapsed(self.current, now.at);
        }
        Position {
            roster: self.roster.clone(),
            ended: self.ended,
            status: self.status,
            records,
            current: self.current,
            turn_index: self.turn.index,
            turn_started_ms: u64::try_from(self.turn.started_at.as_millis()).unwrap_or(u64::MAX),
            turn_adjust_secs: self.turn.adjust_secs,
            paused: self.is_paused(),
            rang: self.rang,
            saved_at: now.wall,
            site: self.site.clone(),
            earlier: self.earlier.clone(),
        }
    }

    /// Continues a saved session at `now`, at the step, turn and time it was in. The time
    /// the program was not running is not counted. It resumes paused if it was paused.
    pub fn resume(saved: SavedSession, now: Now) -> Result<Session, String> {
        if saved.version != SAVED_VERSION {
            return Err(words::saved_by_another_version(saved.version));
        }
        let p = saved.position;
        if saved.plan.is_empty()
            || p.records.len() != saved.plan.len()
            || p.current >= saved.plan.len()
        {
            return Err(words::STATE_STEPS_DO_NOT_MATCH.into());
        }
        check_range(&p)?;
        let turns = saved.plan[p.current].turns.len();
        let turn_index = if turns == 0 {
            0
        } else {
            p.turn_index.min(turns - 1)
        };
        let mut notes = saved.notes;
        notes.retain(|n| n.step < saved.plan.len());
        Ok(Session {
            protocol: saved.protocol,
            roster: p.roster,
            plan: saved.plan,
            started: saved.started,
            ended: None,
            status: Status::InProgress,
            notes,
            site: p.site,
            earlier: p.earlier,
            records: p.records,
            current: p.current,
            turn: Turn {
                index: turn_index,
                started_at: Duration::from_millis(p.turn_started_ms),
                adjust_secs: p.turn_adjust_secs,
            },
            running_since: if p.paused { None } else { Some(now.at) },
            rang: p.rang,
            notes_dirty_from: None,
        })
    }
}

/// Refuses times no session could have taken (a damaged or crafted file), so the clock
/// arithmetic after a resume can never overflow.
fn check_range(p: &Position) -> Result<(), String> {
    let longest_ms = LONGEST_SECS * 1000;
    let secs_ok = |s: i64| s.unsigned_abs() <= LONGEST_SECS;
    let fine = p.records.iter().all(|r| {
        r.elapsed.as_secs() <= LONGEST_SECS
            && secs_ok(r.adjust_secs)
            && r.turn_secs.is_none_or(|t| u64::from(t) <= LONGEST_SECS)
            && r.turns_used_ms.iter().all(|&ms| ms <= longest_ms)
    }) && p.turn_started_ms <= longest_ms
        && secs_ok(p.turn_adjust_secs);
    if fine {
        Ok(())
    } else {
        Err(words::STATE_TIME_OUT_OF_RANGE.into())
    }
}
