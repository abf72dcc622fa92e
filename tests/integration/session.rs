//! The session clock and notes, driven by a fake clock: whole protocols in microseconds.

use critical_friends::session::{Advance, Session, Status};

use crate::support::*;

#[test]
fn a_whole_tuning_protocol_runs_with_actual_times() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    let planned: Vec<u32> = s.plan.iter().map(|p| p.planned_secs).collect();
    assert_eq!(
        planned.iter().sum::<u32>(),
        77 * 60,
        "Tuning plans 77 minutes"
    );
    // Each step runs 30 s longer than planned.
    for (i, secs) in planned.iter().enumerate() {
        clock.advance(u64::from(*secs) + 30);
        if i + 1 < planned.len() {
            assert_eq!(s.next(clock.now.at), Advance::NextStep);
        }
    }
    assert_eq!(
        s.next(clock.now.at),
        Advance::AtEnd,
        "the last step does not advance"
    );
    s.finish(Status::Complete, clock.now);
    for (i, secs) in planned.iter().enumerate() {
        assert_eq!(
            s.actual_secs(i, clock.now.at),
            u64::from(*secs) + 30,
            "step {i}"
        );
    }
    assert_eq!(s.total_actual_secs(clock.now.at), 77 * 60 + 30 * 7);
    assert_eq!(s.status, Status::Complete);
    assert_eq!(s.ended, Some(clock.now.wall));
}

#[test]
fn the_countdown_counts_down_then_up_as_overtime() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    let c = s.countdown(clock.now.at);
    assert_eq!(c.shown_secs(), 600);
    assert!(!c.is_over() && !c.is_warning());
    clock.advance_ms(540_500);
    let c = s.countdown(clock.now.at);
    assert_eq!(c.shown_secs(), 60, "59.5 s left shows as 1:00");
    assert!(c.is_warning(), "the last minute is flagged");
    clock.advance_ms(59_500);
    assert!(s.countdown(clock.now.at).is_over());
    assert!(s.tick(clock.now.at), "time up rings once");
    clock.advance(75);
    let c = s.countdown(clock.now.at);
    assert!(c.is_over());
    assert_eq!(c.shown_secs(), 75, "overtime counts up");
    assert!(!s.tick(clock.now.at), "and only once");
    assert_eq!(s.current(), 0, "time up never advances on its own");
}

#[test]
fn pausing_stops_the_clock_and_the_display_never_drifts() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    clock.advance(100);
    s.toggle_pause(clock.now.at);
    assert!(s.is_paused());
    clock.advance(3600);
    assert_eq!(
        s.actual_secs(0, clock.now.at),
        100,
        "an hour paused costs nothing"
    );
    s.toggle_pause(clock.now.at);
    // Ten thousand ticks a few ms apart: the clock is computed, never accumulated.
    for _ in 0..10_000 {
        clock.advance_ms(7);
        s.tick(clock.now.at);
    }
    assert_eq!(s.elapsed(0, clock.now.at).as_millis(), 100_000 + 70_000);
}

#[test]
fn extending_and_shortening_change_this_step_only() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    s.adjust(60, clock.now.at);
    s.adjust(60, clock.now.at);
    assert_eq!(s.countdown(clock.now.at).shown_secs(), 12 * 60);
    s.adjust(-60, clock.now.at);
    assert_eq!(s.allowance_secs(0), 11 * 60);
    assert_eq!(s.allowance_secs(1), 20 * 60);
    // Shortening stops at one minute: to end a step sooner, move on.
    for _ in 0..30 {
        s.adjust(-60, clock.now.at);
    }
    assert_eq!(s.allowance_secs(0), 60);
    assert!(!s.tick(clock.now.at));
    clock.advance(61);
    assert!(s.tick(clock.now.at), "time up rings");
    // Extending out of overtime re-arms the bell.
    s.adjust(60, clock.now.at);
    assert!(!s.tick(clock.now.at));
    clock.advance(60);
    assert!(s.tick(clock.now.at));
}

#[test]
fn going_back_keeps_times_and_notes() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    s.add_note("note", "intro note", clock.now);
    clock.advance(300);
    s.next(clock.now.at);
    clock.advance(60);
    s.add_note("note", "presentation note", clock.now);
    assert!(s.previous(clock.now.at));
    assert_eq!(s.current(), 0);
    clock.advance(30);
    assert_eq!(
        s.actual_secs(0, clock.now.at),
        330,
        "time in a revisited step adds up"
    );
    assert_eq!(s.actual_secs(1, clock.now.at), 60);
    assert_eq!(s.notes.len(), 2);
    assert_eq!(s.notes_of(1).next().unwrap().text, "presentation note");
    assert!(!s.previous(clock.now.at), "nothing before the first step");
}

#[test]
fn revisiting_a_step_that_ran_over_does_not_ring_again() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    clock.advance(700);
    assert!(s.tick(clock.now.at));
    s.next(clock.now.at);
    s.previous(clock.now.at);
    clock.advance(1);
    assert!(!s.tick(clock.now.at));
}

#[test]
fn go_rounds_give_each_person_a_timed_turn() {
    let mut clock = FakeClock::new();
    let mut s = at_quick_go_round(&clock);
    assert_eq!(s.step().planned_secs, 9, "3 turns of 3 s");
    assert_eq!(s.turn(), Some((0, "Ana")));
    assert_eq!(s.next_in_turn(), Some("Ben"));
    clock.advance(2);
    assert_eq!(s.countdown(clock.now.at).shown_secs(), 1);
    clock.advance(2);
    assert!(s.tick(clock.now.at), "each turn rings when it is up");
    s.add_note("note", "Ana's point", clock.now);
    assert_eq!(s.next(clock.now.at), Advance::NextTurn);
    assert_eq!(s.turn(), Some((1, "Ben")));
    assert_eq!(s.countdown(clock.now.at).shown_secs(), 3, "a fresh turn");
    assert!(!s.tick(clock.now.at));
    s.next(clock.now.at);
    assert_eq!(s.turn(), Some((2, "Cy")));
    assert_eq!(s.next_in_turn(), None);
    assert_eq!(s.next(clock.now.at), Advance::NextStep);
    assert_eq!(s.notes[0].turn.as_deref(), Some("Ana"));
    // Going back into a go-round lands on its last person.
    s.previous(clock.now.at);
    assert_eq!(s.turn(), Some((2, "Cy")));
    s.previous(clock.now.at);
    assert_eq!(s.turn(), Some((1, "Ben")));
}

#[test]
fn projected_end_follows_overruns_and_the_end_time() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    let planned_end = s.target_end();
    assert_eq!(planned_end, clock.now.wall + chrono::Duration::minutes(77));
    assert_eq!(s.projected_end(clock.now), planned_end);
    clock.advance(14 * 60); // the 10-minute introduction runs 4 minutes over
    assert_eq!((s.projected_end(clock.now) - planned_end).num_minutes(), 4);
    s.roster.end_by = chrono::NaiveTime::from_hms_opt(15, 30, 0);
    assert_eq!(s.target_end().format("%H:%M").to_string(), "15:30");
}

#[test]
fn time_is_exact_over_a_long_session() {
    let mut clock = FakeClock::new();
    let mut s: Session = tuning_session(&clock);
    // Three hours in one step, ticked every second.
    for _ in 0..3 * 3600 {
        clock.advance(1);
        s.tick(clock.now.at);
    }
    assert_eq!(s.actual_secs(0, clock.now.at), 3 * 3600);
    assert_eq!(s.countdown(clock.now.at).shown_secs(), 3 * 3600 - 600);
}

#[test]
fn fitting_to_an_end_time_rescales_the_rest_and_keeps_the_debrief() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    assert!(s.propose_fit(clock.now).is_none(), "no end time, no fit");
    // 14:00 start, 77 planned minutes, but the meeting must end at 15:00.
    s.roster.end_by = chrono::NaiveTime::from_hms_opt(15, 0, 0);
    clock.advance(120);
    let plan = s.propose_fit(clock.now).unwrap();
    assert!(plan.ends_on_time());
    assert_eq!(plan.secs.len(), 7);
    assert_eq!(*plan.secs.last().unwrap(), 600, "the debrief is protected");
    assert!(
        plan.secs[0] >= 120,
        "the running step keeps what it has used"
    );
    s.apply_fit(&plan);
    assert_eq!(
        s.projected_end(clock.now).format("%H:%M").to_string(),
        "15:00"
    );
    assert_eq!(s.allowance_secs(6), 600);
    // The projected end follows the new plan live: running over makes it late again.
    clock.advance(u64::from(plan.secs[0]));
    assert_eq!(
        (s.projected_end(clock.now) - s.target_end()).num_minutes(),
        2
    );
}

#[test]
fn a_fitted_go_round_shares_its_time_equally() {
    let mut clock = FakeClock::new();
    let mut s = at_quick_go_round(&clock);
    // Twenty seconds for two steps of 9 s and 6 s: everything stretches.
    s.roster.end_by = Some((clock.now.wall + chrono::Duration::seconds(20)).time());
    let plan = s.propose_fit(clock.now).unwrap();
    s.apply_fit(&plan);
    let turn = s.turn_secs(2);
    assert!(turn > 3, "each turn got longer: {turn}");
    assert_eq!(
        turn,
        plan.secs[0] / 3,
        "the three turns share the step equally"
    );
    assert_eq!(s.countdown(clock.now.at).shown_secs(), u64::from(turn));
    clock.advance(u64::from(turn));
    assert!(s.tick(clock.now.at), "the fitted turn's end rings");
}

#[test]
fn a_saved_session_resumes_where_it_stopped() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    clock.advance(300);
    s.next(clock.now.at);
    clock.advance(90);
    s.add_note("question", "Before the crash", clock.now);
    s.adjust(60, clock.now.at);
    let saved: critical_friends::session::SavedSession =
        serde_json::from_str(&serde_json::to_string(&s.saved(clock.now)).unwrap()).unwrap();
    // Ten minutes pass while the program is dead; they are not counted.
    clock.advance(600);
    let resumed = Session::resume(saved, clock.now).unwrap();
    assert_eq!(resumed.current(), 1);
    assert_eq!(resumed.actual_secs(0, clock.now.at), 300);
    assert_eq!(resumed.actual_secs(1, clock.now.at), 90);
    assert_eq!(
        resumed.countdown(clock.now.at).shown_secs(),
        21 * 60 - 90,
        "the time that step had left"
    );
    assert_eq!(resumed.notes, s.notes);
    assert!(!resumed.is_paused());
}

#[test]
fn going_back_to_a_person_continues_their_turn() {
    let mut clock = FakeClock::new();
    let p = builtin("final-word");
    let r = roster(&p, &["Ana", "Ben", "Cy"]);
    let mut s = Session::start(p, r, clock.now);
    while !s.step().is_go_round() {
        s.next(clock.now.at);
    }
    let (_, first) = s.turn().map(|(i, n)| (i, n.to_string())).unwrap();
    clock.advance(8);
    s.next(clock.now.at);
    clock.advance(5);
    s.previous(clock.now.at);
    assert_eq!(s.turn().unwrap().1, first);
    assert_eq!(
        s.countdown(clock.now.at).shown_secs(),
        60 - 8,
        "the first person's 8 s are still used"
    );
    clock.advance(2);
    s.next(clock.now.at);
    assert_eq!(
        s.countdown(clock.now.at).shown_secs(),
        60 - 5,
        "and the second person's 5 s"
    );
    // Leaving the step and coming back lands on the last person, with their time.
    s.next(clock.now.at);
    s.previous(clock.now.at);
    assert_eq!(s.countdown(clock.now.at).shown_secs(), 55);
}

#[test]
fn fitting_never_ends_the_running_step_on_the_spot() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    clock.advance(15 * 60); // 5 minutes over in a 10-minute step
    s.roster.end_by = Some((clock.now.wall + chrono::Duration::minutes(20)).time());
    let plan = s.propose_fit(clock.now).unwrap();
    s.apply_fit(&plan);
    let c = s.countdown(clock.now.at);
    assert!(!c.is_over(), "a minute to wrap up: {c:?}");
    assert_eq!(c.shown_secs(), 60);
    assert!(
        plan.late_by_secs() > 0,
        "20 minutes cannot hold the rest, and the plan says so"
    );
}

#[test]
fn fitting_mid_go_round_leaves_the_later_turns_what_is_left() {
    let mut clock = FakeClock::new();
    let p = builtin("final-word");
    let r = roster(&p, &["Ana", "Ben", "Cy", "Dee"]);
    let mut s = Session::start(p, r, clock.now);
    while !s.step().is_go_round() {
        s.next(clock.now.at);
    }
    // Three one-minute turns; the first runs 90 s over.
    clock.advance(150);
    s.next(clock.now.at);
    let at = s.current();
    s.roster.end_by = Some((clock.now.wall + chrono::Duration::minutes(60)).time());
    let plan = s.propose_fit(clock.now).unwrap();
    s.apply_fit(&plan);
    assert_eq!(s.current(), at);
    // The projection straight after applying agrees with the plan.
    let late = (s.projected_end(clock.now) - s.target_end()).num_seconds();
    assert!(
        (late - plan.late_by_secs()).abs() <= 2,
        "projection {late} s vs plan {} s",
        plan.late_by_secs()
    );
    // Ben and Cy share what the step has left after Ana's 150 s.
    let left = i64::from(plan.secs[0]) - 150;
    assert_eq!(i64::from(s.turn_secs(at)), left / 2);
}

#[test]
fn fitting_after_going_back_counts_the_time_already_used() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    clock.advance(600);
    s.next(clock.now.at);
    clock.advance(300);
    s.previous(clock.now.at);
    // Set the end time to exactly where the session is projected to end: nothing to fit.
    let projected = s.projected_end(clock.now);
    s.roster.end_by = Some(projected.time());
    let plan = s.propose_fit(clock.now).unwrap();
    assert!(plan.late_by_secs().abs() <= 60, "{}", plan.late_by_secs());
    assert_eq!(
        *plan.secs.last().unwrap(),
        600,
        "the debrief is not squeezed"
    );
    // Only the running step's minute of wrap-up is found elsewhere: the 5 minutes the
    // presentation used before going back are not taken from it again.
    assert!(
        plan.secs[1] >= 19 * 60,
        "the presentation keeps about its 20 minutes: {}",
        plan.secs[1]
    );
}

#[test]
fn the_clock_is_exact_whatever_the_ticks() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    // Uneven ticks, long gaps with none: the countdown follows real time, not tick counts.
    let mut total = 0u64;
    for i in 0..5_000u64 {
        let step = (i * 7919) % 997 + 1;
        total += step;
        clock.advance_ms(step);
        if i % 3 == 0 {
            s.tick(clock.now.at);
        }
    }
    clock.advance_ms(123_456);
    total += 123_456;
    assert_eq!(s.elapsed(0, clock.now.at).as_millis() as u64, total);
    assert_eq!(
        s.countdown(clock.now.at).remaining_ms,
        600_000 - total as i64
    );
}

/// A quick-tuning session with Ana, Ben and Cy, at the start of its go-round.
fn at_quick_go_round(clock: &FakeClock) -> Session {
    let p = fixture_protocol("quick-tuning");
    let r = roster(&p, &["Ana", "Ben", "Cy"]);
    let mut s = Session::start(p, r, clock.now);
    s.next(clock.now.at);
    s.next(clock.now.at);
    assert!(s.step().is_go_round());
    s
}
