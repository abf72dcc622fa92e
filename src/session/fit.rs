//! Fitting the remaining steps into the time left before the end time.
//!
//! [`fit`] is a pure function: it takes the remaining steps (as [`FitStep`]s, in seconds)
//! and the seconds available until the end time, and proposes a new allowance for each
//! step. It reads no clock and changes nothing; the caller shows the proposal and applies
//! it only when the user confirms.
//!
//! # Rules
//!
//! Every step has a least and a most it can be given ([`FitStep::bounds`]):
//!
//! - A **protected** step (the debrief, say) keeps its planned time: least = most =
//!   planned, or the step's floor if that is larger.
//! - Any other step gets at least [`MIN_FRACTION`] (one half) of its planned time, and
//!   never less than its floor (for the running step, the time already spent in it); at
//!   most the larger of [`MAX_FRACTION`] (one and a half) times its planned time and the
//!   top of its range (`minutes = [a, b]` plans `a` and may stretch to `b`).
//! - **Published limits** come before those rules: a step whose source gives a shortest
//!   time (`min_minutes`) never gets less, and one whose source gives a longest time
//!   (`max_minutes`) never gets more, with time to spare or too little. Only the floor
//!   beats a published longest time: time already spent cannot be given back.
//!
//! The plan starts from each step's allowance now (planned plus any `+`/`-` changes) and
//! moves as little as it must:
//!
//! - **Too little time:** first take back any stretching above planned time (each
//!   stretched step gives back in proportion to its stretch), then shrink the unprotected
//!   steps proportionally to their planned time (all lowered to a common fraction of
//!   planned, none below its least). If even the least of every step does not fit, the
//!   plan is the tightest one (every step at its least) and ends late.
//! - **Spare time:** first stretch steps toward the top of their ranges, each in
//!   proportion to its room (a step cut below its planned time counts its way back to
//!   planned as room), then stretch the unprotected steps proportionally to their planned
//!   time (all raised to a common fraction of planned), up to their most. If even that
//!   does not fill the time, the plan is the loosest one and ends early.
//! - Allowances are whole seconds. Whenever the time available lies between the tightest
//!   and the loosest plan, the plan's total is exactly the time available: rounding
//!   remainders go one second at a time to the steps with the largest fractional share,
//!   the earlier step first on a tie.
//! - If the allowances now already add up to the time available, they are the plan.

/// No unprotected step is shrunk below this fraction of its planned time.
pub const MIN_FRACTION: f64 = 0.5;
/// Proportional stretching stops at this fraction of planned time (or the range's top,
/// if that is larger).
pub const MAX_FRACTION: f64 = 1.5;

/// One remaining step as the planner sees it. All times are seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FitStep {
    /// The file's planned time for this step (the bottom of its range).
    pub planned_secs: u32,
    /// The top of the step's range; equal to `planned_secs` when it has none. A value
    /// below `planned_secs` is read as `planned_secs`.
    pub max_secs: u32,
    /// The step's allowance now: planned plus any `+`/`-` changes.
    pub current_secs: u32,
    /// The step cannot be given less than this (for the running step, the time already
    /// spent in it).
    pub floor_secs: u32,
    /// Keeps its planned time whatever the fit.
    pub protected: bool,
    /// The shortest time the published protocol allows for this step, if it gives one.
    pub published_min_secs: Option<u32>,
    /// The longest time the published protocol allows for this step, if it gives one.
    pub published_max_secs: Option<u32>,
}

impl FitStep {
    /// A step at its planned time, with no range, floor, or protection.
    pub fn new(planned_secs: u32) -> FitStep {
        FitStep {
            planned_secs,
            max_secs: planned_secs,
            current_secs: planned_secs,
            floor_secs: 0,
            protected: false,
            published_min_secs: None,
            published_max_secs: None,
        }
    }

    /// The least and the most [`fit`] may give this step, in seconds.
    pub fn bounds(&self) -> (u32, u32) {
        let planned = self.planned_secs;
        let floor = self.floor_secs;
        if self.protected {
            let keep = planned.max(floor);
            return (keep, keep);
        }
        let mut least =
            fraction_ceil(planned, MIN_FRACTION).max(self.published_min_secs.unwrap_or(0));
        let mut most = self
            .max_secs
            .max(planned)
            .max(fraction_floor(planned, MAX_FRACTION));
        if let Some(cap) = self.published_max_secs {
            most = most.min(cap);
            least = least.min(cap);
        }
        // Time already spent cannot be given back: the floor wins over everything.
        let least = least.max(floor);
        (least, most.max(least))
    }
}

/// The proposed allowance for each remaining step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FitPlan {
    /// Seconds for each step, in the order given to [`fit`].
    pub secs: Vec<u32>,
    /// The sum of `secs`.
    pub total_secs: u64,
    /// The time that was available.
    pub available_secs: u64,
}

impl FitPlan {
    /// The plan uses exactly the time available.
    pub fn ends_on_time(&self) -> bool {
        self.total_secs == self.available_secs
    }

    /// How many seconds past the end time the plan runs; negative when it ends early.
    pub fn late_by_secs(&self) -> i64 {
        let diff = i128::from(self.total_secs) - i128::from(self.available_secs);
        diff.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }
}

/// Propose allowances for `steps` that add up to `available_secs`, following the rules
/// in the [module documentation](self).
pub fn fit(steps: &[FitStep], available_secs: u64) -> FitPlan {
    let ladder = Ladder::new(steps);
    let secs = ladder.solve(available_secs);
    let total_secs = secs.iter().map(|&s| u64::from(s)).sum();
    FitPlan {
        secs,
        total_secs,
        available_secs,
    }
}

/// `ceil(secs * fraction)`, within `u32`.
fn fraction_ceil(secs: u32, fraction: f64) -> u32 {
    (f64::from(secs) * fraction).ceil().min(f64::from(u32::MAX)) as u32
}

/// `floor(secs * fraction)`, within `u32`.
fn fraction_floor(secs: u32, fraction: f64) -> u32 {
    (f64::from(secs) * fraction)
        .floor()
        .min(f64::from(u32::MAX)) as u32
}

/// The plans the fit moves along, tightest to loosest. Each rung is at least the one
/// before it, step by step, so the total grows rung by rung.
struct Ladder {
    /// Planned seconds, the weight for proportional scaling.
    planned: Vec<f64>,
    /// Every step at its least.
    least: Vec<u64>,
    /// Stretching above planned taken back.
    unstretched: Vec<u64>,
    /// The allowances now, within bounds.
    current: Vec<u64>,
    /// Stretched to the top of the ranges.
    ranged: Vec<u64>,
    /// Every step at its most.
    most: Vec<u64>,
}

impl Ladder {
    fn new(steps: &[FitStep]) -> Ladder {
        let n = steps.len();
        let mut ladder = Ladder {
            planned: Vec::with_capacity(n),
            least: Vec::with_capacity(n),
            unstretched: Vec::with_capacity(n),
            current: Vec::with_capacity(n),
            ranged: Vec::with_capacity(n),
            most: Vec::with_capacity(n),
        };
        for step in steps {
            let (least, most) = step.bounds();
            let (least, most) = (u64::from(least), u64::from(most));
            let planned = u64::from(step.planned_secs.max(step.floor_secs)).clamp(least, most);
            let current = u64::from(step.current_secs).clamp(least, most);
            let range_top = if step.protected {
                least
            } else {
                u64::from(step.max_secs.max(step.planned_secs)).clamp(least, most)
            };
            ladder.planned.push(f64::from(step.planned_secs));
            ladder.least.push(least);
            ladder.unstretched.push(current.min(planned));
            ladder.current.push(current);
            ladder.ranged.push(current.max(range_top));
            ladder.most.push(most);
        }
        ladder
    }

    fn solve(&self, available: u64) -> Vec<u32> {
        let stages: [(&[u64], &[u64], Shape); 4] = [
            // Shrink: all lowered to a common fraction of planned.
            (
                &self.least,
                &self.unstretched,
                Shape::Fraction(MIN_FRACTION, 1.0),
            ),
            // Take back stretching, in proportion to it.
            (&self.unstretched, &self.current, Shape::Linear),
            // Stretch within ranges, in proportion to the room.
            (&self.current, &self.ranged, Shape::Linear),
            // Stretch: all raised to a common fraction of planned.
            (
                &self.ranged,
                &self.most,
                Shape::Fraction(MIN_FRACTION, MAX_FRACTION),
            ),
        ];
        let chosen = if available <= sum(&self.least) {
            self.least.clone()
        } else {
            stages
                .iter()
                .find(|(_, upper, _)| available <= sum(upper))
                .map(|&(lower, upper, shape)| {
                    if available == sum(upper) {
                        upper.to_vec()
                    } else {
                        spread(lower, upper, available, |i, s| match shape {
                            Shape::Linear => lower[i] as f64 + s * (upper[i] - lower[i]) as f64,
                            Shape::Fraction(from, to) => self.planned[i] * (from + s * (to - from)),
                        })
                    }
                })
                .unwrap_or_else(|| self.most.clone())
        };
        // Every value is at most a step's most, which is a u32.
        chosen
            .into_iter()
            .map(|s| u32::try_from(s).unwrap_or(u32::MAX))
            .collect()
    }
}

/// How the steps move between two rungs of the ladder, for a parameter in 0..=1.
#[derive(Clone, Copy)]
enum Shape {
    /// Each step moves from its lower to its upper value in proportion to the gap.
    Linear,
    /// Each step is the fraction (going from the first value to the second) of its
    /// planned time, held within its lower and upper values.
    Fraction(f64, f64),
}

fn sum(secs: &[u64]) -> u64 {
    secs.iter().fold(0u64, |a, &s| a.saturating_add(s))
}

/// Whole seconds between `lower` and `upper` (step by step) adding up to `target`, which
/// lies between their sums: the position along `shape` (each step's real value for a
/// parameter in 0..=1, clamped to its bounds) whose total is `target`, rounded down, and
/// the remainder handed out a second at a time by largest fractional part.
fn spread(
    lower: &[u64],
    upper: &[u64],
    target: u64,
    shape: impl Fn(usize, f64) -> f64,
) -> Vec<u64> {
    let value = |i: usize, s: f64| shape(i, s).clamp(lower[i] as f64, upper[i] as f64);
    let total = |s: f64| (0..lower.len()).map(|i| value(i, s)).sum::<f64>();

    // The shape's total grows with the parameter: bisect for the target.
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..64 {
        let mid = (lo + hi) / 2.0;
        if total(mid) < target as f64 {
            lo = mid;
        } else {
            hi = mid;
        }
    }

    let real: Vec<f64> = (0..lower.len()).map(|i| value(i, hi)).collect();
    let mut secs: Vec<u64> = real
        .iter()
        .enumerate()
        .map(|(i, x)| (x.floor() as u64).clamp(lower[i], upper[i]))
        .collect();
    let fraction = |i: usize| real[i] - real[i].floor();

    let mut order: Vec<usize> = (0..secs.len()).collect();
    let have = sum(&secs);
    if have < target {
        // Largest fractional part first; the earlier step on a tie.
        order.sort_by(|&a, &b| fraction(b).total_cmp(&fraction(a)).then(a.cmp(&b)));
        let mut missing = target - have;
        while missing > 0 {
            let before = missing;
            for &i in &order {
                if missing > 0 && secs[i] < upper[i] {
                    secs[i] += 1;
                    missing -= 1;
                }
            }
            if missing == before {
                break;
            }
        }
    } else if have > target {
        // Smallest fractional part first; the later step on a tie.
        order.sort_by(|&a, &b| fraction(a).total_cmp(&fraction(b)).then(b.cmp(&a)));
        let mut extra = have - target;
        while extra > 0 {
            let before = extra;
            for &i in &order {
                if extra > 0 && secs[i] > lower[i] {
                    secs[i] -= 1;
                    extra -= 1;
                }
            }
            if extra == before {
                break;
            }
        }
    }
    secs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn step(planned: u32) -> FitStep {
        FitStep::new(planned)
    }

    fn ranged(planned: u32, max: u32) -> FitStep {
        FitStep {
            max_secs: max,
            ..FitStep::new(planned)
        }
    }

    fn protected(planned: u32) -> FitStep {
        FitStep {
            protected: true,
            ..FitStep::new(planned)
        }
    }

    fn now(mut s: FitStep, current: u32) -> FitStep {
        s.current_secs = current;
        s
    }

    fn floored(mut s: FitStep, floor: u32) -> FitStep {
        s.floor_secs = floor;
        s
    }

    #[test]
    fn empty_list_does_not_panic() {
        let plan = fit(&[], 0);
        assert!(plan.secs.is_empty());
        assert!(plan.ends_on_time());
        assert_eq!(plan.late_by_secs(), 0);

        let plan = fit(&[], 600);
        assert_eq!(plan.total_secs, 0);
        assert!(!plan.ends_on_time());
        assert_eq!(plan.late_by_secs(), -600);
    }

    #[test]
    fn zero_time_gives_the_tightest_plan() {
        let plan = fit(&[step(600), protected(300), step(301)], 0);
        assert_eq!(plan.secs, vec![300, 300, 151]);
        assert_eq!(plan.late_by_secs(), 751);
        assert!(!plan.ends_on_time());
    }

    #[test]
    fn on_time_already_changes_nothing() {
        let steps = [now(ranged(600, 900), 720), now(step(600), 540), step(300)];
        let plan = fit(&steps, 720 + 540 + 300);
        assert_eq!(plan.secs, vec![720, 540, 300]);
        assert!(plan.ends_on_time());
    }

    #[test]
    fn protected_step_keeps_its_planned_time() {
        let plan = fit(&[protected(600), step(600), step(600)], 1500);
        assert_eq!(plan.secs, vec![600, 450, 450]);

        let plan = fit(&[protected(600), step(600)], 2400);
        assert_eq!(plan.secs, vec![600, 900]);
        assert_eq!(plan.late_by_secs(), -900);
    }

    #[test]
    fn protected_step_keeps_minutes_even_when_extended_now() {
        let plan = fit(&[now(protected(600), 900), step(600)], 1200);
        assert_eq!(plan.secs, vec![600, 600]);
    }

    #[test]
    fn stretching_is_taken_back_before_shrinking() {
        // 300 s over: the stretched step gives it all back before anyone is cut.
        let steps = [now(ranged(600, 900), 900), step(600)];
        assert_eq!(fit(&steps, 1400).secs, vec![800, 600]);
        assert_eq!(fit(&steps, 1200).secs, vec![600, 600]);
        // Stretching is taken back in proportion to it.
        let steps = [now(step(600), 800), now(step(600), 700)];
        assert_eq!(fit(&steps, 1350).secs, vec![700, 650]);
    }

    #[test]
    fn shrinking_is_proportional_to_planned_time() {
        assert_eq!(fit(&[step(600), step(1200)], 1350).secs, vec![450, 900]);
    }

    #[test]
    fn a_step_already_cut_waits_for_the_others() {
        // The first step is already at 60%: the second comes down to meet it first.
        let steps = [now(step(1000), 600), step(1000)];
        assert_eq!(fit(&steps, 1400).secs, vec![600, 800]);
        assert_eq!(fit(&steps, 1100).secs, vec![550, 550]);
    }

    #[test]
    fn never_below_half_of_planned() {
        let plan = fit(&[step(600), step(600)], 100);
        assert_eq!(plan.secs, vec![300, 300]);
        assert_eq!(plan.late_by_secs(), 500);
    }

    #[test]
    fn never_below_the_floor() {
        // The running step has had 500 s of its 600 already.
        let steps = [floored(step(600), 500), step(600)];
        assert_eq!(fit(&steps, 800).secs, vec![500, 300]);
        assert_eq!(fit(&steps, 0).secs, vec![500, 300]);
        // A floor above planned holds even for a protected step.
        let steps = [floored(protected(600), 700), step(600)];
        assert_eq!(fit(&steps, 1000).secs, vec![700, 300]);
    }

    #[test]
    fn spare_time_goes_to_ranges_first() {
        let steps = [ranged(600, 900), step(600), ranged(300, 600)];
        assert_eq!(fit(&steps, 1800).secs, vec![750, 600, 450]);
        assert_eq!(fit(&steps, 2100).secs, vec![900, 600, 600]);
    }

    #[test]
    fn then_spare_time_is_proportional() {
        let steps = [ranged(600, 900), step(600)];
        assert_eq!(fit(&steps, 1650).secs, vec![900, 750]);
        // The ranged step is at 150% already; the other catches up, then both grow
        // only as far as their most.
        let plan = fit(&steps, 2100);
        assert_eq!(plan.secs, vec![900, 900]);
        assert_eq!(plan.late_by_secs(), -300);
        // Proportional to planned: 300 s over 400 + 200 planned.
        assert_eq!(fit(&[step(400), step(200)], 750).secs, vec![500, 250]);
    }

    #[test]
    fn a_range_above_max_fraction_is_the_ceiling() {
        let plan = fit(&[ranged(300, 1200)], 3000);
        assert_eq!(plan.secs, vec![1200]);
    }

    #[test]
    fn spare_time_restores_a_cut_step() {
        let steps = [now(step(600), 480), step(600)];
        assert_eq!(fit(&steps, 1200).secs, vec![600, 600]);
    }

    #[test]
    fn max_below_planned_reads_as_planned() {
        let s = ranged(600, 100);
        assert_eq!(s.bounds(), (300, 900));
        assert_eq!(fit(&[s, step(600)], 1500).secs, vec![750, 750]);
    }

    fn limited(planned: u32, least: Option<u32>, most: Option<u32>) -> FitStep {
        FitStep {
            published_min_secs: least,
            published_max_secs: most,
            ..FitStep::new(planned)
        }
    }

    #[test]
    fn spare_time_never_passes_a_published_longest_time() {
        // Tuning's clarifying questions: 5 minutes at most, whatever time is spare.
        let steps = [limited(300, None, Some(300)), step(600)];
        let plan = fit(&steps, 3000);
        assert_eq!(plan.secs, vec![300, 900]);
        assert_eq!(plan.late_by_secs(), -1800);
        // The pause "2–3 minutes maximum": its range reaches 180 and no further.
        let pause = FitStep {
            max_secs: 180,
            ..limited(120, None, Some(180))
        };
        assert_eq!(fit(&[pause, step(600)], 2000).secs, vec![180, 900]);
    }

    #[test]
    fn too_little_time_never_cuts_below_a_published_shortest_time() {
        let steps = [limited(600, Some(540), None), step(600)];
        let plan = fit(&steps, 600);
        assert_eq!(plan.secs, vec![540, 300]);
        assert_eq!(plan.late_by_secs(), 240);
        // Between the bounds the plan still lands exactly.
        assert_eq!(fit(&steps, 1000).secs.iter().sum::<u32>(), 1000);
        assert!(fit(&steps, 1000).secs[0] >= 540);
    }

    #[test]
    fn a_published_limit_replaces_the_half_and_one_and_a_half_rules() {
        // Final Word responses: "up to 1 minute" each; four turns, four minutes at most.
        let s = limited(240, None, Some(240));
        assert_eq!(s.bounds(), (120, 240));
        let s = limited(240, Some(60), None);
        assert_eq!(s.bounds(), (120, 360));
        let s = limited(240, Some(200), Some(240));
        assert_eq!(s.bounds(), (200, 240));
    }

    #[test]
    fn only_time_already_spent_passes_a_published_longest_time() {
        let running = FitStep {
            floor_secs: 330,
            ..limited(300, None, Some(300))
        };
        assert_eq!(running.bounds(), (330, 330));
        assert_eq!(fit(&[running, step(600)], 5000).secs, vec![330, 900]);
    }

    #[test]
    fn rounding_lands_exactly_and_deterministically() {
        let plan = fit(&[step(100), step(100), step(100)], 200);
        assert_eq!(plan.secs, vec![67, 67, 66]);
        assert!(plan.ends_on_time());
        let plan = fit(&[step(100), step(100), step(100)], 400);
        assert_eq!(plan.secs, vec![134, 133, 133]);
        let plan = fit(&[ranged(100, 200), ranged(100, 200), ranged(100, 200)], 301);
        assert_eq!(plan.secs, vec![101, 100, 100]);
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let steps = [ranged(u32::MAX, u32::MAX), now(step(u32::MAX), 0)];
        let plan = fit(&steps, u64::MAX);
        assert_eq!(plan.secs, vec![u32::MAX, u32::MAX]);
        assert!(plan.late_by_secs() < 0);
        let plan = fit(&steps, 0);
        assert_eq!(plan.late_by_secs(), plan.total_secs as i64);
    }

    // ---- properties ----

    fn arb_step() -> impl Strategy<Value = FitStep> {
        (
            1u32..7200,
            prop_oneof![Just(0u32), 1u32..7200],
            prop_oneof![Just(0i64), -3600i64..3600],
            prop_oneof![3 => Just(0u32), 1 => 0u32..9000],
            proptest::bool::weighted(0.2),
            // Published limits, as a file may give them: a shortest time at or below
            // planned, a longest at or above it (a fraction of planned, 0 = none).
            prop_oneof![2 => Just(0.0f64), 1 => 0.1f64..1.0],
            prop_oneof![2 => Just(0.0f64), 1 => 1.0f64..2.0],
        )
            .prop_map(
                |(planned, room, change, floor, protected, min_frac, max_frac)| {
                    let limit = |f: f64| (f > 0.0).then(|| (f64::from(planned) * f) as u32);
                    let published_max_secs = limit(max_frac).map(|m| m.max(planned));
                    FitStep {
                        planned_secs: planned,
                        // A range never passes the published longest time (files are
                        // checked for that).
                        max_secs: published_max_secs
                            .map_or(planned + room, |m| (planned + room).min(m)),
                        current_secs: (i64::from(planned) + change).max(0) as u32,
                        floor_secs: floor,
                        protected,
                        published_min_secs: limit(min_frac).map(|m| m.min(planned)),
                        published_max_secs,
                    }
                },
            )
    }

    /// Steps, and a time available: anywhere up to twice the loosest total, or near the
    /// allowances now (where taking back and range stretching happen).
    fn arb_case() -> impl Strategy<Value = (Vec<FitStep>, u64)> {
        prop::collection::vec(arb_step(), 0..40).prop_flat_map(|steps| {
            let most: u64 = steps.iter().map(|s| u64::from(s.bounds().1)).sum();
            let now: u64 = steps.iter().map(current).sum();
            let available = prop_oneof![0..=most * 2 + 1, now * 3 / 4..=now * 5 / 4 + 1];
            (Just(steps), available)
        })
    }

    /// A step off its lower bound never has a larger share of its planned time than a
    /// step off its upper bound (give or take a second of rounding).
    fn common_fraction(
        steps: &[FitStep],
        secs: &[u32],
        lower: impl Fn(&FitStep) -> u64,
        upper: impl Fn(&FitStep) -> u64,
    ) -> Result<(), TestCaseError> {
        for (a, &x) in steps.iter().zip(secs) {
            for (b, &y) in steps.iter().zip(secs) {
                let (x, y) = (u64::from(x), u64::from(y));
                if x > lower(a) && y < upper(b) {
                    let (pa, pb) = (u64::from(a.planned_secs), u64::from(b.planned_secs));
                    prop_assert!(
                        (x - 1) * pb <= (y + 1) * pa,
                        "{x}/{pa} above {y}/{pb}: {a:?} {b:?}"
                    );
                }
            }
        }
        Ok(())
    }

    fn bounds(s: &FitStep) -> (u64, u64) {
        let planned = u64::from(s.planned_secs);
        let floor = u64::from(s.floor_secs);
        if s.protected {
            return (planned.max(floor), planned.max(floor));
        }
        let shortest = s.published_min_secs.map_or(0, u64::from);
        let longest = s.published_max_secs.map_or(u64::MAX, u64::from);
        let least = planned.div_ceil(2).max(shortest).min(longest).max(floor);
        let most = u64::from(s.max_secs)
            .max(planned + planned / 2)
            .min(longest)
            .max(least);
        (least, most)
    }

    fn current(s: &FitStep) -> u64 {
        let (lo, hi) = bounds(s);
        u64::from(s.current_secs).clamp(lo, hi)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn plan_is_well_formed((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            prop_assert_eq!(plan.secs.len(), steps.len());
            prop_assert_eq!(plan.total_secs, plan.secs.iter().map(|&s| u64::from(s)).sum::<u64>());
            prop_assert_eq!(plan.available_secs, available);
            prop_assert_eq!(plan.late_by_secs(), plan.total_secs as i64 - available as i64);
        }

        #[test]
        fn each_step_within_its_bounds((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            for (s, &secs) in steps.iter().zip(&plan.secs) {
                let (lo, hi) = bounds(s);
                prop_assert_eq!(s.bounds(), (lo as u32, hi as u32));
                prop_assert!(lo <= u64::from(secs) && u64::from(secs) <= hi,
                    "{secs} outside {lo}..={hi} for {s:?}");
                if s.protected {
                    prop_assert_eq!(secs, s.planned_secs.max(s.floor_secs));
                }
            }
        }

        #[test]
        fn ends_on_time_when_bounds_allow((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            let least: u64 = steps.iter().map(|s| bounds(s).0).sum();
            let most: u64 = steps.iter().map(|s| bounds(s).1).sum();
            if least <= available && available <= most {
                prop_assert!(plan.ends_on_time());
                prop_assert_eq!(plan.total_secs, available);
            } else if available < least {
                let tightest: Vec<u32> = steps.iter().map(|s| bounds(s).0 as u32).collect();
                prop_assert_eq!(&plan.secs, &tightest);
                prop_assert!(plan.late_by_secs() > 0);
            } else {
                let loosest: Vec<u32> = steps.iter().map(|s| bounds(s).1 as u32).collect();
                prop_assert_eq!(&plan.secs, &loosest);
                prop_assert!(plan.late_by_secs() < 0);
            }
        }

        #[test]
        fn ranges_are_used_before_proportional_stretch((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            let now: u64 = steps.iter().map(current).sum();
            let ranged: u64 = steps
                .iter()
                .map(|s| if s.protected { current(s) } else {
                    current(s).max(u64::from(s.max_secs.max(s.planned_secs)).min(bounds(s).1))
                })
                .sum();
            if now <= available && available <= ranged {
                for (s, &secs) in steps.iter().zip(&plan.secs) {
                    let secs = u64::from(secs);
                    prop_assert!(secs >= current(s), "{secs} cut below now for {s:?}");
                    if !s.protected {
                        let top = current(s).max(u64::from(s.max_secs.max(s.planned_secs)));
                        prop_assert!(secs <= top, "{secs} above range top {top} for {s:?}");
                    }
                }
            }
        }

        #[test]
        fn stretching_is_taken_back_before_cutting((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            let unstretched = |s: &FitStep| {
                current(s).min(u64::from(s.planned_secs.max(s.floor_secs)))
            };
            let now: u64 = steps.iter().map(current).sum();
            let taken_back: u64 = steps.iter().map(unstretched).sum();
            if taken_back <= available && available <= now {
                for (s, &secs) in steps.iter().zip(&plan.secs) {
                    let secs = u64::from(secs);
                    prop_assert!(secs <= current(s), "{secs} stretched above now for {s:?}");
                    prop_assert!(secs >= unstretched(s), "{secs} cut below planned for {s:?}");
                }
            }
        }

        #[test]
        fn shrinking_is_proportional((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            let unstretched = |s: &FitStep| {
                current(s).min(u64::from(s.planned_secs.max(s.floor_secs)))
            };
            let least: u64 = steps.iter().map(|s| bounds(s).0).sum();
            let taken_back: u64 = steps.iter().map(unstretched).sum();
            if least < available && available < taken_back {
                common_fraction(&steps, &plan.secs, |s| bounds(s).0, unstretched)?;
            }
        }

        #[test]
        fn stretching_beyond_ranges_is_proportional((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            let ranged = |s: &FitStep| if s.protected { current(s) } else {
                current(s).max(u64::from(s.max_secs.max(s.planned_secs)).min(bounds(s).1))
            };
            let top: u64 = steps.iter().map(ranged).sum();
            let most: u64 = steps.iter().map(|s| bounds(s).1).sum();
            if top < available && available < most {
                common_fraction(&steps, &plan.secs, ranged, |s| bounds(s).1)?;
            }
        }

        #[test]
        fn published_limits_are_never_crossed((steps, available) in arb_case()) {
            let plan = fit(&steps, available);
            for (s, &secs) in steps.iter().zip(&plan.secs) {
                if s.protected {
                    continue;
                }
                let spent = s.floor_secs;
                if let Some(most) = s.published_max_secs {
                    prop_assert!(secs <= most.max(spent),
                        "{secs} past the published longest {most} for {s:?}");
                }
                if let Some(least) = s.published_min_secs {
                    prop_assert!(secs >= least,
                        "{secs} below the published shortest {least} for {s:?}");
                }
            }
        }

        #[test]
        fn more_time_never_ends_later((steps, available) in arb_case(), more in 0u64..3600) {
            let a = fit(&steps, available);
            let b = fit(&steps, available + more);
            prop_assert!(b.total_secs >= a.total_secs);
        }

        #[test]
        fn fitting_is_deterministic((steps, available) in arb_case()) {
            prop_assert_eq!(fit(&steps, available), fit(&steps, available));
        }
    }
}
