//! The end time: when the session will end at this pace, when it should end, and
//! fitting the remaining steps into the time left (the rules are in `fit`; this is the
//! glue between them and the running session).

use std::time::Instant;

use chrono::{DateTime, FixedOffset};

use super::clock::Now;
use super::fit::{FitPlan, FitStep};
use super::run::Session;

impl Session {
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
}
