//! The clock as the session sees it: a moment passed in ([`Now`]; nothing here reads a
//! clock) and what the visible countdown shows ([`Countdown`]).

use std::time::Duration;
use std::time::Instant;

use chrono::{DateTime, FixedOffset};

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
