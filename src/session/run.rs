//! A running session: where it stands (step, turn, pause), moving between steps and
//! turns, and the time spent in each step.
//!
//! Each step banks the time spent in it; the running step adds `now - running_since`.
//! Nothing is subtracted per tick, so the display cannot drift from real elapsed time.
//! Its notes are in `notes`, its saved form in `saved`, fitting it to an end time in
//! `fitting`.

use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::clock::{Countdown, Now};
use super::notes::Note;
use super::plan::{PlannedStep, Roster};
use crate::protocol::Protocol;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    InProgress,
    Complete,
    Abandoned,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::InProgress => "in-progress",
            Status::Complete => "complete",
            Status::Abandoned => "abandoned",
        }
    }
}

/// Time spent in one step, and how far it was extended or shortened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    pub elapsed: Duration,
    pub adjust_secs: i64,
    pub visited: bool,
    /// In a go-round whose plan was fitted to an end time: each turn's new length.
    #[serde(default)]
    pub turn_secs: Option<u32>,
    /// In a go-round: the time each person has used of their turn, so going back to
    /// someone continues their turn rather than starting it again.
    #[serde(default)]
    pub turns_used_ms: Vec<u64>,
}

/// What `next` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    NextTurn,
    NextStep,
    /// Already at the last step (and last turn): nothing changed.
    AtEnd,
}

/// Where the current go-round turn stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Turn {
    pub(super) index: usize,
    /// The step's elapsed time when this turn began.
    pub(super) started_at: Duration,
    pub(super) adjust_secs: i64,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub protocol: Protocol,
    pub roster: Roster,
    pub plan: Vec<PlannedStep>,
    pub started: DateTime<FixedOffset>,
    pub ended: Option<DateTime<FixedOffset>>,
    pub status: Status,
    pub notes: Vec<Note>,
    /// The school or team recording it (the `site` setting), kept in the front matter.
    pub site: Option<String>,
    /// Open next steps from the presenter's earlier sessions with this group.
    pub earlier: Vec<super::EarlierStep>,
    pub(super) records: Vec<StepRecord>,
    pub(super) current: usize,
    pub(super) turn: Turn,
    /// `None` while paused.
    pub(super) running_since: Option<Instant>,
    /// The bell has rung for the current countdown.
    pub(super) rang: bool,
    /// The lowest index of `notes` changed since the journal last took them (see
    /// [`Session::take_note_changes`]). Whatever changes notes calls `notes_changed`.
    pub(super) notes_dirty_from: Option<usize>,
}

impl Session {
    /// Starts the first step, running, at `now`.
    pub fn start(protocol: Protocol, roster: Roster, now: Now) -> Session {
        let plan = super::plan::expand(&protocol, &roster);
        let mut records = vec![StepRecord::default(); plan.len()];
        if let Some(first) = records.first_mut() {
            first.visited = true;
        }
        Session {
            protocol,
            roster,
            plan,
            started: now.wall,
            ended: None,
            status: Status::InProgress,
            notes: Vec::new(),
            site: None,
            earlier: Vec::new(),
            records,
            current: 0,
            turn: Turn::default(),
            running_since: Some(now.at),
            rang: false,
            notes_dirty_from: None,
        }
    }

    pub fn current(&self) -> usize {
        self.current
    }

    pub fn step(&self) -> &PlannedStep {
        &self.plan[self.current]
    }

    pub fn records(&self) -> &[StepRecord] {
        &self.records
    }

    pub fn is_paused(&self) -> bool {
        self.running_since.is_none()
    }

    pub fn is_last_step(&self) -> bool {
        self.current + 1 == self.plan.len()
    }

    /// In a go-round: the index of the current turn and whose it is.
    pub fn turn(&self) -> Option<(usize, &str)> {
        let step = self.step();
        step.turns
            .get(self.turn.index)
            .map(|name| (self.turn.index, name.as_str()))
    }

    /// In a go-round: whose turn comes next in this step.
    pub fn next_in_turn(&self) -> Option<&str> {
        self.step()
            .turns
            .get(self.turn.index + 1)
            .map(String::as_str)
    }

    /// Time spent in step `i` so far.
    pub fn elapsed(&self, i: usize, now: Instant) -> Duration {
        let banked = self.records.get(i).map(|r| r.elapsed).unwrap_or_default();
        match self.running_since {
            Some(since) if i == self.current => banked + now.saturating_duration_since(since),
            _ => banked,
        }
    }

    /// The time allowed for step `i`: planned plus extensions, never below zero.
    pub fn allowance_secs(&self, i: usize) -> i64 {
        let planned = self
            .plan
            .get(i)
            .map(|s| i64::from(s.planned_secs))
            .unwrap_or(0);
        (planned + self.records.get(i).map(|r| r.adjust_secs).unwrap_or(0)).max(0)
    }

    /// The step's own countdown (for a go-round, the whole step).
    pub fn step_countdown(&self, now: Instant) -> Countdown {
        let elapsed_ms = self.elapsed(self.current, now).as_millis() as i64;
        let allowance_ms = self.allowance_secs(self.current) * 1000;
        Countdown {
            remaining_ms: allowance_ms - elapsed_ms,
            allowance_ms,
            elapsed_ms,
        }
    }

    /// The countdown people watch: the turn's in a go-round, otherwise the step's.
    pub fn countdown(&self, now: Instant) -> Countdown {
        match self.step().per_turn {
            Some(_) => {
                let per_turn = self.turn_secs(self.current);
                let elapsed = self
                    .elapsed(self.current, now)
                    .saturating_sub(self.turn.started_at);
                let elapsed_ms = elapsed.as_millis() as i64;
                let allowance_ms = (i64::from(per_turn) + self.turn.adjust_secs).max(0) * 1000;
                Countdown {
                    remaining_ms: allowance_ms - elapsed_ms,
                    allowance_ms,
                    elapsed_ms,
                }
            }
            None => self.step_countdown(now),
        }
    }

    pub fn toggle_pause(&mut self, now: Instant) {
        match self.running_since {
            Some(since) => {
                self.records[self.current].elapsed += now.saturating_duration_since(since);
                self.running_since = None;
            }
            None => self.running_since = Some(now),
        }
    }

    /// Checks the clock: returns true exactly once when the visible countdown reaches zero.
    pub fn tick(&mut self, now: Instant) -> bool {
        if self.status != Status::InProgress || self.rang || !self.countdown(now).is_over() {
            return false;
        }
        self.rang = true;
        true
    }

    /// Next person in a go-round, otherwise the next step.
    pub fn next(&mut self, now: Instant) -> Advance {
        if self.turn.index + 1 < self.step().turns.len() {
            self.switch_turn(self.turn.index + 1, now);
            return Advance::NextTurn;
        }
        if self.is_last_step() {
            return Advance::AtEnd;
        }
        self.go_to(self.current + 1, false, now);
        Advance::NextStep
    }

    /// Previous person in a go-round, otherwise the previous step. False at the start.
    pub fn previous(&mut self, now: Instant) -> bool {
        if self.turn.index > 0 {
            self.switch_turn(self.turn.index - 1, now);
            return true;
        }
        if self.current == 0 {
            return false;
        }
        self.go_to(self.current - 1, true, now);
        true
    }

    /// Moves to another person's turn in this go-round, remembering how much of their
    /// turn the person leaving has used, and continuing the new person's turn where it
    /// stopped.
    fn switch_turn(&mut self, to: usize, now: Instant) {
        let elapsed = self.elapsed(self.current, now);
        self.remember_turn(elapsed);
        let used = self.records[self.current]
            .turns_used_ms
            .get(to)
            .copied()
            .unwrap_or(0);
        self.turn = Turn {
            index: to,
            started_at: elapsed.saturating_sub(Duration::from_millis(used)),
            adjust_secs: 0,
        };
        // A turn that was already over when we left it does not ring again.
        self.rang = self.countdown(now).is_over();
    }

    fn remember_turn(&mut self, elapsed: Duration) {
        if self.step().per_turn.is_none() {
            return;
        }
        let used = elapsed.saturating_sub(self.turn.started_at).as_millis() as u64;
        let index = self.turn.index;
        let record = &mut self.records[self.current];
        if record.turns_used_ms.len() <= index {
            record.turns_used_ms.resize(index + 1, 0);
        }
        record.turns_used_ms[index] = used;
    }

    fn go_to(&mut self, index: usize, at_last_turn: bool, now: Instant) {
        let elapsed = self.elapsed(self.current, now);
        self.remember_turn(elapsed);
        self.records[self.current].elapsed = elapsed;
        if self.running_since.is_some() {
            self.running_since = Some(now);
        }
        self.current = index;
        self.records[index].visited = true;
        let turns = self.plan[index].turns.len();
        let index_in_step = if at_last_turn {
            turns.saturating_sub(1)
        } else {
            0
        };
        let used = self.records[index]
            .turns_used_ms
            .get(index_in_step)
            .copied()
            .unwrap_or(0);
        self.turn = Turn {
            index: index_in_step,
            started_at: self.records[index]
                .elapsed
                .saturating_sub(Duration::from_millis(used)),
            adjust_secs: 0,
        };
        // Coming back to a step that is already over time must not ring again.
        self.rang = self.countdown(now).is_over();
    }

    /// One minute more (`delta_secs = 60`) or less (`-60`) for this step, or this turn.
    /// Shortening stops at a minute (or the planned time, if that is shorter): to end a
    /// step sooner, move on with `next`.
    pub fn adjust(&mut self, delta_secs: i64, now: Instant) {
        let planned = i64::from(self.step().planned_secs);
        let floor = planned.min(60) - planned;
        let record = &mut self.records[self.current];
        record.adjust_secs = (record.adjust_secs + delta_secs).max(floor.min(record.adjust_secs));
        if self.step().per_turn.is_some() {
            let per_turn = i64::from(self.turn_secs(self.current));
            let floor = per_turn.min(60) - per_turn;
            self.turn.adjust_secs =
                (self.turn.adjust_secs + delta_secs).max(floor.min(self.turn.adjust_secs));
        }
        if !self.countdown(now).is_over() {
            self.rang = false;
        }
    }

    /// Counts `away` (time the program was not running) as spent in the current step.
    pub fn count_time_away(&mut self, away: Duration) {
        if let Some(r) = self.records.get_mut(self.current) {
            r.elapsed = r.elapsed.saturating_add(away);
        }
    }

    /// Stops the clock and marks the session complete (or abandoned).
    pub fn finish(&mut self, status: Status, now: Now) {
        if self.running_since.is_some() {
            self.toggle_pause(now.at);
        }
        self.status = status;
        self.ended = Some(now.wall);
    }

    /// Whole seconds spent in step `i`, as the timing tables show them.
    pub fn actual_secs(&self, i: usize, now: Instant) -> u64 {
        self.elapsed(i, now).as_secs()
    }

    /// Total whole seconds spent in steps so far: the sum of the steps' actual times.
    pub fn total_actual_secs(&self, now: Instant) -> u64 {
        (0..self.plan.len()).map(|i| self.actual_secs(i, now)).sum()
    }

    /// The total the session now runs to: each step's planned time with its changes
    /// (`+`/`-`, a fitted plan).
    pub fn allowed_total_secs(&self) -> u64 {
        (0..self.plan.len())
            .map(|i| self.allowance_secs(i).max(0) as u64)
            .sum()
    }

    pub fn planned_total_secs(&self) -> u64 {
        self.plan.iter().map(|s| u64::from(s.planned_secs)).sum()
    }

    /// The length of each turn of go-round `i`: planned, or as fitted to the end time.
    pub fn turn_secs(&self, i: usize) -> u32 {
        let planned = self
            .plan
            .get(i)
            .and_then(|s| s.per_turn)
            .map(|(p, _)| p)
            .unwrap_or(0);
        self.records
            .get(i)
            .and_then(|r| r.turn_secs)
            .unwrap_or(planned)
    }
}
