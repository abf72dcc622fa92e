//! The clock and notes of a running session.
//!
//! Each step banks the time spent in it; the running step adds `now - running_since`.
//! Nothing is subtracted per tick, so the display cannot drift from real elapsed time.

use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::fit::{FitPlan, FitStep};
use super::plan::{PlannedStep, Roster};
use crate::protocol::Protocol;

/// A moment, as the runtime read it: monotonic for timing, wall time for the archive.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub at: Instant,
    pub wall: DateTime<FixedOffset>,
}

impl Now {
    /// The same moment moved on by `d` (for tests and for projecting ahead).
    pub fn after(&self, d: Duration) -> Now {
        let wall =
            self.wall + chrono::Duration::from_std(d).unwrap_or_else(|_| chrono::Duration::zero());
        Now {
            at: self.at + d,
            wall,
        }
    }
}

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

/// One note, as the group typed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Index into the session's plan.
    pub step: usize,
    /// Whose turn it was, in a go-round.
    pub turn: Option<String>,
    pub kind: String,
    pub text: String,
    pub at: DateTime<FixedOffset>,
}

/// What the visible countdown shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    /// Milliseconds left; negative when over time.
    pub remaining_ms: i64,
    pub allowance_ms: i64,
    pub elapsed_ms: i64,
}

impl Countdown {
    pub fn is_over(&self) -> bool {
        self.remaining_ms <= 0
    }
    /// The last minute before time is up.
    pub fn is_warning(&self) -> bool {
        !self.is_over() && self.remaining_ms <= 60_000
    }
    /// Whole seconds to show: counting down (rounded up) or, when over, counting up.
    pub fn shown_secs(&self) -> u64 {
        if self.remaining_ms > 0 {
            (self.remaining_ms as u64).div_ceil(1000)
        } else {
            (-self.remaining_ms) as u64 / 1000
        }
    }
    /// How far through the allowance we are, 0.0 to 1.0.
    pub fn ratio(&self) -> f64 {
        if self.allowance_ms <= 0 {
            1.0
        } else {
            (self.elapsed_ms as f64 / self.allowance_ms as f64).clamp(0.0, 1.0)
        }
    }
    /// Time until the shown seconds next change.
    pub fn until_next_change(&self) -> Duration {
        let into = if self.remaining_ms > 0 {
            match self.remaining_ms % 1000 {
                0 => 1000,
                r => r,
            }
        } else {
            1000 - (-self.remaining_ms) % 1000
        };
        Duration::from_millis(into as u64)
    }
}

/// What `next` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    NextTurn,
    NextStep,
    /// Already at the last step (and last turn): nothing changed.
    AtEnd,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Turn {
    index: usize,
    /// The step's elapsed time when this turn began.
    started_at: Duration,
    adjust_secs: i64,
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
    records: Vec<StepRecord>,
    current: usize,
    turn: Turn,
    /// `None` while paused.
    running_since: Option<Instant>,
    /// The bell has rung for the current countdown.
    rang: bool,
    /// The lowest index of `notes` changed since the journal last took them (see
    /// [`Session::take_note_changes`]). Whatever changes notes calls `notes_changed`.
    notes_dirty_from: Option<usize>,
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

    pub fn add_note(&mut self, kind: &str, text: &str, now: Now) {
        let turn = self.turn().map(|(_, name)| name.to_string());
        self.notes.push(Note {
            step: self.current,
            turn,
            kind: kind.to_string(),
            text: text.to_string(),
            at: now.wall,
        });
        self.notes_changed(self.notes.len() - 1);
    }

    /// Records that notes from index `from` on were added, changed or removed, so the
    /// next journal entry carries them.
    pub fn notes_changed(&mut self, from: usize) {
        self.notes_dirty_from = Some(self.notes_dirty_from.map_or(from, |f| f.min(from)));
    }

    /// The notes changed since the last call: the index they start at and the notes from
    /// there on (the notes before `from` are as they were). Adding a note costs one note,
    /// however many there are.
    pub fn take_note_changes(&mut self) -> Option<(usize, Vec<Note>)> {
        let from = self.notes_dirty_from.take()?.min(self.notes.len());
        Some((from, self.notes[from..].to_vec()))
    }

    /// Counts `away` (time the program was not running) as spent in the current step.
    pub fn count_time_away(&mut self, away: Duration) {
        if let Some(r) = self.records.get_mut(self.current) {
            r.elapsed = r.elapsed.saturating_add(away);
        }
    }

    /// Where the `nth` note of step `step` (in the order taken) is in [`Session::notes`].
    pub fn note_index(&self, step: usize, nth: usize) -> Option<usize> {
        self.notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.step == step)
            .nth(nth)
            .map(|(i, _)| i)
    }

    /// Changes note `index` in place: its kind and text, keeping its step, turn and
    /// time. Text that is only blank is refused (a note is deleted, never emptied).
    /// True if the note changed.
    pub fn edit_note(&mut self, index: usize, kind: &str, text: &str) -> bool {
        let text = text.trim_end();
        let Some(note) = self.notes.get_mut(index) else {
            return false;
        };
        if text.trim().is_empty() || (note.kind == kind && note.text == text) {
            return false;
        }
        note.kind = kind.to_string();
        note.text = text.to_string();
        self.notes_changed(index);
        true
    }

    /// Removes note `index` and gives it back (`None` if there is no such note).
    pub fn delete_note(&mut self, index: usize) -> Option<Note> {
        let gone = (index < self.notes.len()).then(|| self.notes.remove(index));
        if gone.is_some() {
            self.notes_changed(index);
        }
        gone
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

    /// Seconds still to run if every remaining step takes its allowance.
    pub fn remaining_secs(&self, now: Instant) -> u64 {
        let mut left = 0i64;
        let step = self.step();
        let countdown = self.countdown(now);
        let current_left = match step.per_turn {
            Some(_) => {
                let per_turn = self.turn_secs(self.current);
                let turns_after = step.turns.len().saturating_sub(self.turn.index + 1) as i64;
                countdown.remaining_ms.max(0) / 1000 + turns_after * i64::from(per_turn)
            }
            None => countdown.remaining_ms.max(0) / 1000,
        };
        left += current_left;
        for i in self.current + 1..self.plan.len() {
            left += (self.allowance_secs(i) - self.elapsed(i, now).as_secs() as i64).max(0);
        }
        left.max(0) as u64
    }

    /// When the session will end if every remaining step takes its allowance.
    pub fn projected_end(&self, now: Now) -> DateTime<FixedOffset> {
        now.wall + chrono::Duration::seconds(self.remaining_secs(now.at) as i64)
    }

    /// When the session should end: the end-by time if one was set, otherwise the start
    /// plus the planned total.
    pub fn target_end(&self) -> DateTime<FixedOffset> {
        if let Some(end) = self.roster.end_by {
            let date = self.started.date_naive();
            let mut target = date.and_time(end);
            if target < self.started.naive_local() {
                target += chrono::Duration::days(1);
            }
            if let Some(t) = target.and_local_timezone(*self.started.offset()).single() {
                return t;
            }
        }
        self.started + chrono::Duration::seconds(self.planned_total_secs() as i64)
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

    /// Seconds from `now` until the end-by time (`None` without one).
    pub fn secs_until_end(&self, now: Now) -> Option<i64> {
        self.roster.end_by?;
        Some((self.target_end() - now.wall).num_seconds())
    }

    /// A plan that fits the current and remaining steps into the time left before the
    /// end-by time (`None` without one). See [`super::fit`] for the rules.
    pub fn propose_fit(&self, now: Now) -> Option<FitPlan> {
        let left = self.secs_until_end(now)?;
        // Each step's allowance includes what it has used already (the running step, and
        // later ones visited before going back), so that time counts as available too.
        let spent: u64 = (self.current..self.plan.len())
            .map(|i| self.elapsed(i, now.at).as_secs())
            .sum();
        let steps: Vec<FitStep> = (self.current..self.plan.len())
            .map(|i| {
                let step = &self.plan[i];
                FitStep {
                    planned_secs: step.planned_secs,
                    max_secs: step.max_secs,
                    current_secs: self.allowance_secs(i).clamp(0, i64::from(u32::MAX)) as u32,
                    floor_secs: self.fit_floor(i, now.at),
                    protected: step.protected,
                    published_min_secs: step.published_min_secs,
                    published_max_secs: step.published_max_secs,
                }
            })
            .collect();
        let available = (left + spent as i64).max(0) as u64;
        Some(super::fit::fit(&steps, available))
    }

    /// The least a fitted plan may give step `i`: what it has used, and for the running
    /// step a short wrap-up (half its planned time, at most a minute) so that applying
    /// the plan never ends it on the spot.
    fn fit_floor(&self, i: usize, now: Instant) -> u32 {
        let used = self.elapsed(i, now).as_secs();
        let wrap_up = if i == self.current {
            u64::from(self.plan[i].planned_secs / 2).clamp(1, 60)
        } else {
            0
        };
        // The wrap-up never pushes past a published longest time; what was used, can.
        let with_wrap_up = match self.plan[i].published_max_secs {
            Some(most) => (used + wrap_up).min(u64::from(most)).max(used),
            None => used + wrap_up,
        };
        with_wrap_up.min(u64::from(u32::MAX)) as u32
    }

    /// Applies a plan from [`Session::propose_fit`] to the current and remaining steps.
    pub fn apply_fit(&mut self, plan: &FitPlan) {
        for (offset, secs) in plan.secs.iter().enumerate() {
            let i = self.current + offset;
            let Some(step) = self.plan.get(i) else { break };
            let planned = i64::from(step.planned_secs);
            let turns = step.turns.len().max(1) as u32;
            let is_go_round = step.per_turn.is_some();
            // In the running go-round, the turns still to come share what is left after
            // the turns already taken; elsewhere every turn gets an equal share.
            let (share, people) = if i == self.current {
                let used = self.turn.started_at.as_secs().min(u64::from(*secs)) as u32;
                (
                    secs - used,
                    turns.saturating_sub(self.turn.index as u32).max(1),
                )
            } else {
                (*secs, turns)
            };
            let record = &mut self.records[i];
            record.adjust_secs = i64::from(*secs) - planned;
            if is_go_round {
                record.turn_secs = Some(share / people);
            }
        }
        if self.step().per_turn.is_some() {
            self.turn.adjust_secs = 0;
        }
    }

    /// Notes of step `i`, in the order they were taken.
    pub fn notes_of(&self, i: usize) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| n.step == i)
    }
}

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
            return Err(format!(
                "it was saved by another version of crit (format {})",
                saved.version
            ));
        }
        let p = saved.position;
        if saved.plan.is_empty()
            || p.records.len() != saved.plan.len()
            || p.current >= saved.plan.len()
        {
            return Err("its saved state is damaged (steps do not match)".into());
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
        Err("its saved state is damaged (a time in it is out of range)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Entry, Minutes, Step};

    fn now() -> Now {
        Now {
            at: Instant::now(),
            wall: DateTime::parse_from_rfc3339("2026-11-23T14:00:00+01:00").unwrap_or_default(),
        }
    }

    fn step(name: &str) -> Entry {
        Entry::Step(Step {
            name: name.into(),
            minutes: Minutes {
                planned: 5.0,
                max: 5.0,
            },
            speakers: Vec::new(),
            silent: Vec::new(),
            guide: String::new(),
            stems: Vec::new(),
            notes: Vec::new(),
            turns: None,
            seats: None,
            estimated: false,
            adapted: false,
            protected: false,
            min_minutes: None,
            max_minutes: None,
            silence_implied: false,
            open: false,
            groups: None,
        })
    }

    fn session() -> Session {
        let protocol = Protocol {
            id: "two".into(),
            name: "Two steps".into(),
            summary: String::new(),
            source: String::new(),
            tags: Vec::new(),
            roles: Vec::new(),
            note_kinds: Vec::new(),
            steps: vec![step("One"), step("Two")],
        };
        Session::start(protocol, Roster::default(), now())
    }

    /// Notes "a" and "c" in step 0, "b" in step 1, a minute apart.
    fn with_notes() -> Session {
        let mut s = session();
        let t = now();
        s.add_note("note", "a", t);
        s.next(t.at);
        s.add_note("note", "b", t.after(Duration::from_secs(60)));
        s.previous(t.at);
        s.add_note("idea", "c", t.after(Duration::from_secs(120)));
        s
    }

    #[test]
    fn the_notes_of_a_step_are_found_in_the_order_taken() {
        let s = with_notes();
        assert_eq!(s.note_index(0, 0), Some(0));
        assert_eq!(s.note_index(0, 1), Some(2));
        assert_eq!(s.note_index(1, 0), Some(1));
        assert_eq!(s.note_index(1, 1), None);
    }

    #[test]
    fn an_edit_changes_text_and_kind_and_keeps_the_time_and_step() {
        let mut s = with_notes();
        let before = s.notes[2].clone();
        assert!(s.edit_note(2, "action", "Pat: try it\n"));
        let after = &s.notes[2];
        assert_eq!(
            (after.kind.as_str(), after.text.as_str()),
            ("action", "Pat: try it")
        );
        assert_eq!(
            (after.at, after.step, &after.turn),
            (before.at, before.step, &before.turn)
        );
        assert_eq!(s.notes.len(), 3);
    }

    #[test]
    fn an_edit_to_nothing_or_to_the_same_leaves_the_note() {
        let mut s = with_notes();
        let before = s.notes.clone();
        assert!(!s.edit_note(0, "note", "  \n "));
        assert!(!s.edit_note(0, "note", "a"));
        assert!(!s.edit_note(9, "note", "x"));
        assert_eq!(s.notes, before);
    }

    #[test]
    fn deleting_removes_one_note_and_keeps_the_others_in_order() {
        let mut s = with_notes();
        let gone = s.delete_note(0).map(|n| n.text);
        assert_eq!(gone.as_deref(), Some("a"));
        let texts: Vec<_> = s.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["b", "c"]);
        assert_eq!(s.delete_note(5), None);
        assert_eq!(s.notes.len(), 2);
    }
}
