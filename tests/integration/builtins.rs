//! The built-in library against the published protocols: step order, minutes, who speaks,
//! who is silent, repeats, and the `crit show` handout.
//!
//! The expectations come from the research notes the built-ins were written from. Each
//! figure there is marked S (read in a source), E (an estimate) or A (from a published
//! adaptation). S times must appear exactly and carry no label; E times must be flagged
//! `estimated` and A times `adapted`. The minutes of E and A steps are pinned too, so a
//! change to any built-in's timing is a deliberate act that updates this file.

use critical_friends::handout::{binder, handout};
use critical_friends::protocol::{
    EVERYONE, Entry, Library, Protocol, Repeat, builtin_files, parse_protocol,
};
use critical_friends::session::{PlannedStep, Roster, Session, expand};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use critical_friends::app::{Prefill, Setup};
use critical_friends::protocol::Step;

use crate::support::{FakeClock, builtin, roster};

const IDS: [&str; 22] = [
    "tuning",
    "consultancy",
    "student-consultancy",
    "cac",
    "success-analysis",
    "final-word",
    "chalk-talk",
    "peeling-the-onion",
    "atlas-data",
    "microlabs",
    "charrette",
    "issaquah",
    "descriptive-review",
    "norms",
    "text-rendering",
    "four-as",
    "save-the-last-word",
    "compass-points",
    "atlas-student-work",
    "connections",
    "constructivist-listening",
    "block-party",
];

/// Participant names used for groups of up to ten; the presenter (a single role) is
/// "Pat" and the facilitator "Sam" (see `support::roster`).
const NAMES: [&str; 10] = [
    "Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo",
];

/// How the notes mark a step's time.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// Read in a source: exact, and carries no label.
    S,
    /// An estimate: `estimated = true`, "(estimate)".
    E,
    /// From a published adaptation: `adapted = true`, "(from an adaptation)".
    A,
}
use Mark::{A, E, S};

/// One expected step: a word of its name (lower case), planned and longest minutes (per
/// turn for a go-round), and how the notes mark the time.
type Row = (&'static str, f64, f64, Mark);

/// The protocol's steps, blocks flattened in file order, must match `rows` one for one.
fn check_steps(id: &str, rows: &[Row]) -> Protocol {
    let p = builtin(id);
    let steps: Vec<_> = p.all_steps().map(|(_, s)| s).collect();
    let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        steps.len(),
        rows.len(),
        "{id}: number of steps; the file has {names:?}"
    );
    for (i, (step, &(word, planned, max, mark))) in steps.iter().zip(rows).enumerate() {
        let n = i + 1;
        assert!(
            step.name.to_lowercase().contains(word),
            "{id} step {n}: expected a step about `{word}`, found {:?}; steps in order: {names:?}",
            step.name
        );
        assert_eq!(
            (step.minutes.planned, step.minutes.max),
            (planned, max),
            "{id} step {n} {:?}: minutes (planned, longest)",
            step.name
        );
        assert_eq!(
            (step.estimated, step.adapted),
            (mark == E, mark == A),
            "{id} step {n} {:?}: the notes mark its time {mark:?} (estimated, adapted)",
            step.name
        );
    }
    p
}

/// A group with the first `n` names as the protocol's many-person roles.
fn group(p: &Protocol, n: usize) -> Roster {
    roster(p, &NAMES[..n])
}

fn set(r: &mut Roster, role: &str, names: &[&str]) {
    let entry = r
        .people
        .iter_mut()
        .find(|(id, _)| id == role)
        .unwrap_or_else(|| panic!("no role {role}"));
    entry.1 = names.iter().map(|s| s.to_string()).collect();
}

fn mins(secs: u32) -> f64 {
    f64::from(secs) / 60.0
}

/// The expanded plan's planned and longest totals, in minutes.
fn assert_total(id: &str, plan: &[PlannedStep], planned: f64, max: f64) {
    let p: u32 = plan.iter().map(|s| s.planned_secs).sum();
    let m: u32 = plan.iter().map(|s| s.max_secs).sum();
    assert_eq!(
        (mins(p), mins(m)),
        (planned, max),
        "{id}: total minutes (planned, longest)"
    );
}

/// The one planned step whose name contains `word`.
fn one<'a>(plan: &'a [PlannedStep], word: &str) -> &'a PlannedStep {
    let found: Vec<_> = plan
        .iter()
        .filter(|s| s.name.to_lowercase().contains(word))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "exactly one step about `{word}` in {:?}",
        plan.iter().map(|s| &s.name).collect::<Vec<_>>()
    );
    found[0]
}

/// Every planned step whose name contains `word` (one per round in a repeated block).
fn each<'a>(plan: &'a [PlannedStep], word: &str) -> Vec<&'a PlannedStep> {
    plan.iter()
        .filter(|s| s.name.to_lowercase().contains(word))
        .collect()
}

fn is_silent(step: &PlannedStep, who: &str) -> bool {
    step.silent
        .iter()
        .any(|p| p.role == EVERYONE || p.names.iter().any(|n| n == who))
}

fn is_speaker(step: &PlannedStep, who: &str) -> bool {
    step.speakers
        .iter()
        .any(|p| p.role == EVERYONE || p.names.iter().any(|n| n == who))
        || step.turns.iter().any(|n| n == who)
}

fn assert_silent(step: &PlannedStep, who: &[&str]) {
    for w in who {
        assert!(
            is_silent(step, w),
            "{w} must be silent in {:?}; silent: {:?}",
            step.full_name(),
            step.silent
        );
        assert!(
            !is_speaker(step, w),
            "{w} is silent in {:?} so must not be a speaker; speakers: {:?}, turns: {:?}",
            step.full_name(),
            step.speakers,
            step.turns
        );
    }
}

fn assert_speaks(step: &PlannedStep, who: &[&str]) {
    for w in who {
        assert!(
            is_speaker(step, w),
            "{w} must speak in {:?}; speakers: {:?}, turns: {:?}",
            step.full_name(),
            step.speakers,
            step.turns
        );
        assert!(
            !is_silent(step, w),
            "{w} speaks in {:?} so must not be silenced; silent: {:?}",
            step.full_name(),
            step.silent
        );
    }
}

// ---------------------------------------------------------------------------------------
// The library as a whole

#[test]
fn every_built_in_file_validates_and_all_twenty_two_are_there() {
    for (file, text) in builtin_files() {
        let stem = file.trim_end_matches(".toml");
        let p = parse_protocol(text, file, stem)
            .unwrap_or_else(|problems| panic!("{file} does not validate: {problems:?}"));
        assert_eq!(p.id, stem, "{file}: id matches the file name");
    }
    let lib = Library::builtin();
    assert!(lib.skipped.is_empty(), "{:?}", lib.skipped);
    let mut ids: Vec<&str> = lib
        .protocols
        .iter()
        .map(|s| s.protocol.id.as_str())
        .collect();
    ids.sort_unstable();
    let mut want = IDS.to_vec();
    want.sort_unstable();
    assert_eq!(ids, want);
}

#[test]
fn every_built_in_has_a_summary_and_a_source_with_an_address() {
    for id in IDS {
        let p = builtin(id);
        assert!(!p.name.trim().is_empty(), "{id}: name");
        assert!(!p.summary.trim().is_empty(), "{id}: summary");
        assert!(!p.source.trim().is_empty(), "{id}: source");
        assert!(
            p.source.contains("http"),
            "{id}: the source says where to find the original: {:?}",
            p.source
        );
    }
}

#[test]
fn every_built_in_ends_with_a_protected_debrief() {
    for id in IDS {
        let p = builtin(id);
        match p.steps.last() {
            Some(Entry::Step(s)) => assert!(
                s.protected,
                "{id}: the closing step {:?} keeps its minutes when the plan is squeezed",
                s.name
            ),
            other => panic!("{id}: ends with a plain step, not {other:?}"),
        }
        for (_, s) in p.all_steps() {
            let name = s.name.to_lowercase();
            if name.contains("debrief") || name.contains("on the process") {
                assert!(s.protected, "{id}: {:?} is protected", s.name);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// One test per protocol: steps, minutes, marks, total, silence

#[test]
fn tuning_follows_ces() {
    let p = check_steps(
        "tuning",
        &[
            ("introduction", 10.0, 10.0, S),
            ("presentation", 20.0, 20.0, S),
            ("clarifying", 5.0, 5.0, S),
            ("pause", 2.0, 3.0, S),
            ("warm and cool", 15.0, 15.0, S),
            ("reflection", 15.0, 15.0, S),
            ("debrief", 10.0, 10.0, S),
        ],
    );
    let plan = expand(&p, &group(&p, 6));
    // CES minimums: 10 + 20 + 5 + 2 (pause, "2–3 max") + 15 + 15 + 10 = 77 planned, 78 at
    // the longest. The notes' "about 77.5" counts the pause as 2.5. No go-rounds, so the
    // total does not depend on group size.
    assert_total("tuning", &plan, 77.0, 78.0);
    let group6 = &NAMES[..6];
    let presentation = one(&plan, "presentation");
    assert_speaks(presentation, &["Pat"]);
    assert_silent(presentation, group6);
    assert_speaks(one(&plan, "clarifying"), &["Pat", "Ana"]);
    assert_silent(one(&plan, "pause"), &["Pat", "Ana", "Sam"]);
    let feedback = one(&plan, "warm and cool");
    assert_silent(feedback, &["Pat"]);
    assert_speaks(feedback, group6);
    let reflection = one(&plan, "reflection");
    assert_speaks(reflection, &["Pat"]);
    assert_silent(reflection, group6);
    assert_speaks(one(&plan, "debrief"), &["Pat", "Ana"]);

    // CES: clarifying questions "5 minutes maximum", the pause "2–3 minutes maximum".
    assert_limits(&p, "clarifying", None, Some(5.0));
    assert_limits(&p, "pause", None, Some(3.0));
    assert_eq!(one(&plan, "clarifying").published_max_secs, Some(300));
    assert_eq!(one(&plan, "pause").published_max_secs, Some(180));
    // Cool feedback is offered as questions and wonderings, never as "you should".
    let stems = &step_named(&p, "warm and cool").stems;
    assert!(stems.iter().any(|s| s.starts_with("I wonder")), "{stems:?}");
    assert!(
        stems
            .iter()
            .any(|s| s.starts_with("Have you considered") && s.ends_with('?'))
    );
    assert!(
        !stems
            .iter()
            .any(|s| s.to_lowercase().contains("you should"))
    );
    // Hard feedback needs the presenter's request and a group with trust.
    let guide = step_named(&p, "warm and cool").guide.to_lowercase();
    assert!(
        guide.contains("hard feedback only if the presenter asked for it"),
        "{guide}"
    );
    assert!(guide.contains("trust"), "{guide}");
}

/// The one step (blocks included) whose name contains `word`.
fn step_named<'a>(p: &'a Protocol, word: &str) -> &'a Step {
    let found: Vec<_> = p
        .all_steps()
        .map(|(_, s)| s)
        .filter(|s| s.name.to_lowercase().contains(word))
        .collect();
    assert_eq!(found.len(), 1, "{}: one step about `{word}`", p.id);
    found[0]
}

/// The published shortest and longest minutes the file gives a step.
fn assert_limits(p: &Protocol, word: &str, min: Option<f64>, max: Option<f64>) {
    let s = step_named(p, word);
    assert_eq!(
        (s.min_minutes, s.max_minutes),
        (min, max),
        "{}: published limits of {:?}",
        p.id,
        s.name
    );
}

#[test]
fn consultancy_follows_nsrf() {
    let p = check_steps(
        "consultancy",
        &[
            ("overview", 10.0, 10.0, S),
            ("clarifying", 5.0, 5.0, S),
            ("probing", 10.0, 10.0, S),
            ("discussion", 15.0, 15.0, S),
            ("reflection", 5.0, 5.0, E),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 5));
    // 10 (overview, NSRF's 5–10 as published limits) + 5 + 10 + 15 + 5 + 5 = 50, the
    // NSRF "Consultancy Group Process – 50 minutes"; the guide says the same total.
    assert_total("consultancy", &plan, 50.0, 50.0);
    assert_limits(&p, "overview", Some(5.0), Some(10.0));
    let said: Vec<&str> = p
        .all_steps()
        .flat_map(|(_, s)| s.guide.split(' '))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert!(said.contains(&"50."), "a guide names the total: {said:?}");
    assert!(
        !said.iter().any(|w| w.starts_with("45")),
        "no other total: {said:?}"
    );
    assert_speaks(one(&plan, "overview"), &["Pat"]);
    assert_speaks(one(&plan, "probing"), &["Pat", "Ana"]);
    let discussion = one(&plan, "discussion");
    assert_silent(discussion, &["Pat"]);
    assert_speaks(discussion, &NAMES[..5]);
    assert_speaks(one(&plan, "reflection"), &["Pat"]);
}

#[test]
fn student_consultancy_follows_hth_project_tuning() {
    let p = check_steps(
        "student-consultancy",
        &[
            ("overview", 10.0, 10.0, S),
            ("clarifying", 5.0, 5.0, S),
            ("probing", 5.0, 5.0, S),
            ("discussion", 15.0, 15.0, E),
            ("reflection", 5.0, 5.0, E),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 5));
    // HTH Project Tuning, 45 minutes: 10 + 5 + 5 (S) + 15 + 5 + 5 (E, filling the 45).
    assert_total("student-consultancy", &plan, 45.0, 45.0);
    assert_speaks(one(&plan, "overview"), &["Pat"]);
    let discussion = one(&plan, "discussion");
    assert_silent(discussion, &["Pat"]);
    assert_speaks(discussion, &NAMES[..5]);
    assert_speaks(one(&plan, "reflection"), &["Pat"]);
}

#[test]
fn cac_keeps_the_presenter_silent_until_step_five() {
    let p = check_steps(
        "cac",
        &[
            ("getting started", 10.0, 10.0, A),
            ("describing", 5.0, 5.0, A),
            ("raising questions", 5.0, 5.0, A),
            ("speculating", 5.0, 10.0, E),
            ("hearing from the presenting teacher", 5.0, 10.0, E),
            ("implications", 10.0, 10.0, E),
            ("reflecting", 5.0, 5.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 5));
    // 10 + 5 + 5 + 5 (5–10) + 5 (5–10) + 10 + 5 = 45 planned, 55 at the longest; the
    // sources give 45–75 minutes.
    assert_total("cac", &plan, 45.0, 55.0);
    for step in &plan[..4] {
        assert_silent(step, &["Pat"]);
    }
    for step in &plan[1..4] {
        assert_speaks(step, &["Ana"]);
    }
    assert_speaks(&plan[4], &["Pat"]);
    assert_speaks(&plan[5], &["Pat", "Ana"]);
}

#[test]
fn success_analysis_repeats_per_member_with_the_presenter_silent_during_analysis() {
    let p = check_steps(
        "success-analysis",
        &[
            ("pre-work", 5.0, 10.0, S),
            ("describes", 5.0, 5.0, A),
            ("clarifying", 3.0, 3.0, A),
            ("analyses", 10.0, 10.0, E),
            ("reflects", 3.0, 3.0, E),
            ("debrief", 3.0, 3.0, A),
        ],
    );
    let blocks: Vec<_> = p
        .steps
        .iter()
        .filter_map(|e| match e {
            Entry::Block(b) => Some(b),
            Entry::Step(_) => None,
        })
        .collect();
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].repeat, Repeat::EachOf("member".into()));
    assert_eq!(blocks[0].as_role, "presenter");
    assert_eq!(blocks[0].steps.len(), 4, "steps 1–4 repeat");

    let members = &NAMES[..3];
    let plan = expand(&p, &group(&p, 3));
    // A triad: pre-work 5 (5–10) + 3 rounds × (5 + 3 + 10 + 3 = 21) + debrief 3 = 71
    // planned, 76 at the longest. The notes' "about 74" takes the pre-work as 7.5.
    assert_total("success-analysis", &plan, 71.0, 76.0);
    assert_eq!(plan.len(), 1 + 3 * 4 + 1);
    assert_silent(&plan[0], members);

    let analyses = each(&plan, "analyses");
    assert_eq!(analyses.len(), 3, "one analysis per member");
    for (i, (step, presenter)) in analyses.iter().zip(members.iter().copied()).enumerate() {
        let round = step.round.as_ref().expect("in a round");
        assert_eq!(
            round.title(),
            format!("Round {} of 3 — {presenter} presents", i + 1)
        );
        assert_silent(step, &[presenter]);
        let others: Vec<&str> = members
            .iter()
            .copied()
            .filter(|m| *m != presenter)
            .collect();
        assert_speaks(step, &others);
    }
    for (step, presenter) in each(&plan, "describes").iter().zip(members.iter().copied()) {
        assert_speaks(step, &[presenter]);
    }
    for (step, presenter) in each(&plan, "reflects").iter().zip(members.iter().copied()) {
        assert_speaks(step, &[presenter]);
    }

    let four = expand(&p, &group(&p, 4));
    assert_eq!(each(&four, "analyses").len(), 4, "one round per member");
    // 5 + 4 × 21 + 3 = 92.
    assert_total("success-analysis (4)", &four, 92.0, 97.0);
}

#[test]
fn final_word_runs_a_round_for_each_participant() {
    let p = check_steps(
        "final-word",
        &[
            ("read", 5.0, 10.0, E),
            ("shares", 3.0, 3.0, S),
            ("responses", 1.0, 1.0, S),
            ("final word", 1.0, 1.0, S),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    match &p.steps[1] {
        Entry::Block(b) => {
            assert_eq!(b.repeat, Repeat::EachOf("participant".into()));
            assert_eq!(b.as_role, "presenter");
        }
        other => panic!("the rounds are a repeated block, not {other:?}"),
    }

    let five = &NAMES[..5];
    let plan = expand(&p, &group(&p, 5));
    // Five people: reading 5 (5–10) + 5 rounds × (3 + 4 responses × 1 + 1 = 8, the
    // notes' "about 8 min per round with 5 people", 40 in all) + debrief 5 = 50 planned,
    // 55 at the longest.
    assert_total("final-word", &plan, 50.0, 55.0);
    assert_eq!(plan.len(), 1 + 5 * 3 + 1);

    let responses = each(&plan, "responses");
    assert_eq!(responses.len(), 5, "five rounds");
    for (i, (step, presenter)) in responses.iter().zip(five.iter().copied()).enumerate() {
        let round = step.round.as_ref().expect("in a round");
        assert_eq!((round.index, round.total), (i + 1, 5));
        assert_eq!(round.presenter.as_deref(), Some(presenter));
        // Round the circle from the person after the presenter.
        let others: Vec<String> = (1..5).map(|k| five[(i + k) % 5].to_string()).collect();
        assert_eq!(step.turns, others, "round {}: the others go round", i + 1);
        assert_eq!(step.published_max_secs, Some(4 * 60), "up to a minute each");
        assert_eq!(step.per_turn, Some((60, 60)));
        assert_eq!(step.planned_secs, 4 * 60);
        assert_silent(step, &[presenter]);
    }
    assert_eq!(
        responses[2].turns,
        ["Dee", "Eli", "Ana", "Ben"],
        "round 3, Cy presenting: Dee, Eli, Ana, Ben"
    );
    assert_limits(&p, "shares", None, Some(3.0));
    assert_limits(&p, "responses", None, Some(1.0));
    assert_eq!(
        responses[1].round.as_ref().unwrap().title(),
        "Round 2 of 5 — Ben presents"
    );
    assert_eq!(
        responses[1].full_name(),
        "Round 2 of 5 — Ben presents: Responses"
    );
    for (step, presenter) in each(&plan, "shares").iter().zip(five.iter().copied()) {
        assert_speaks(step, &[presenter]);
        let others: Vec<&str> = five.iter().copied().filter(|n| *n != presenter).collect();
        assert_silent(step, &others);
    }
    for (step, presenter) in each(&plan, "final word").iter().zip(five.iter().copied()) {
        assert_speaks(step, &[presenter]);
    }

    // Other sizes, from the step figures: a round is 3 + (n − 1) + 1 minutes. The notes
    // quote 32 min of rounds for 4 and 48 for 6 (a flat 8 min a round); the step
    // maxima give 4 × 7 = 28 and 6 × 9 = 54.
    let four = expand(&p, &group(&p, 4));
    assert_total("final-word (4)", &four, 5.0 + 28.0 + 5.0, 10.0 + 28.0 + 5.0);
    let six = expand(&p, &group(&p, 6));
    assert_total("final-word (6)", &six, 5.0 + 54.0 + 5.0, 10.0 + 54.0 + 5.0);
}

#[test]
fn chalk_talk_is_silent() {
    let p = check_steps(
        "chalk-talk",
        &[
            ("set up", 1.0, 1.0, E),
            ("silent writing", 10.0, 20.0, A),
            ("pairs", 5.0, 5.0, A),
            ("share", 5.0, 10.0, E),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 8));
    // 1 + 10 (10–20) + 5 + 5 (5–10) + 5 = 26 planned, 41 at the longest; NSRF: 5 to 60.
    assert_total("chalk-talk", &plan, 26.0, 41.0);
    assert!(p.role("presenter").is_none(), "Chalk Talk has no presenter");
    assert_silent(one(&plan, "silent writing"), &["Sam", "Ana", "Hal"]);
}

#[test]
fn peeling_the_onion_keeps_the_presenter_silent_through_the_rounds() {
    let p = check_steps(
        "peeling-the-onion",
        &[
            ("describes", 5.0, 5.0, S),
            ("clarifying", 3.0, 3.0, S),
            ("what i heard", 0.75, 1.0, E),
            ("assumptions", 0.75, 1.0, E),
            ("questions it raises", 0.75, 1.0, E),
            ("possibilities", 0.75, 1.0, E),
            ("reflects", 5.0, 5.0, E),
            ("now what", 5.0, 5.0, A),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    let five = &NAMES[..5];
    let plan = expand(&p, &group(&p, 5));
    // Five participants: 5 + 3 + rounds 4 × 5 turns × 0.75 = 15 (the notes' rounds take
    // 15–20; at 1 min a turn they take 20) + 5 + 5 + 5 = 38 planned, 43 at the longest;
    // the SRI text says about 40.
    assert_total("peeling-the-onion", &plan, 38.0, 43.0);
    let rounds: Vec<_> = plan.iter().filter(|s| s.is_go_round()).collect();
    assert_eq!(rounds.len(), 4);
    for step in rounds {
        assert_eq!(step.turns, five.to_vec());
        assert_silent(step, &["Pat"]);
    }
    let reflects = one(&plan, "reflects");
    assert_speaks(reflects, &["Pat"]);
    assert_silent(reflects, five);
    assert_speaks(one(&plan, "now what"), &["Pat", "Ana"]);
    // The last round opens possibilities as questions, not advice.
    let stems = &step_named(&p, "possibilities").stems;
    assert!(stems.iter().any(|s| s == "What if…?"), "{stems:?}");
    assert!(stems.iter().any(|s| s.starts_with("I wonder")), "{stems:?}");
    assert!(!stems.iter().any(|s| {
        let s = s.to_lowercase();
        s.contains("you should") || s.contains("try ")
    }));
}

#[test]
fn atlas_looking_at_data_follows_sri() {
    let p = check_steps(
        "atlas-data",
        &[
            ("getting started", 5.0, 5.0, E),
            ("describing", 10.0, 10.0, S),
            ("interpreting", 10.0, 10.0, S),
            ("implications", 10.0, 10.0, S),
            ("reflecting", 10.0, 10.0, S),
        ],
    );
    let plan = expand(&p, &group(&p, 5));
    // 5 (E) + 4 × 10 (S, "about 10 minutes" each) = 45.
    assert_total("atlas-data", &plan, 45.0, 45.0);
    assert_speaks(one(&plan, "getting started"), &["Pat", "Sam"]);
    // The data provider listens through describing, interpreting and implications: the
    // source implies it (its sister protocol says so outright), and the files say which.
    for word in ["describing", "interpreting", "implications"] {
        let step = one(&plan, word);
        assert_silent(step, &["Pat"]);
        assert_speaks(step, &NAMES[..5]);
        assert!(
            step.silence_implied,
            "{word}: the silence is marked as implied"
        );
    }
    assert_speaks(one(&plan, "reflecting"), &["Pat", "Ana"]);
}

#[test]
fn microlabs_follows_one_triad_whatever_the_room() {
    let p = check_steps(
        "microlabs",
        &[
            ("reads the question", 2.0, 2.0, E),
            ("speaking turns", 2.0, 2.0, S),
            ("reflection", 10.0, 10.0, E),
        ],
    );
    match &p.steps[0] {
        Entry::Block(b) => {
            assert_eq!(b.repeat, Repeat::Times(3), "no more than 3 questions");
            assert!(b.rotate);
            assert_eq!(b.label, "Question");
        }
        other => panic!("the questions are a repeated block, not {other:?}"),
    }
    // One minute each, sometimes two: the published limits of a turn.
    assert_limits(&p, "speaking turns", Some(1.0), Some(2.0));
    let turns_step = step_named(&p, "speaking turns");
    assert_eq!(
        turns_step.seats,
        Some(3),
        "person 1, 2 and 3 of every triad"
    );
    assert_eq!(turns_step.groups.as_deref(), Some("triads"));
    // The room's names are asked for only if the facilitator wants them recorded.
    assert!(p.role("member").unwrap().optional);

    // A room of nine, of three, or with no names given at all: the same session.
    let rooms: [&[&str]; 3] = [&NAMES[..9], &NAMES[..3], &[]];
    for room in rooms {
        let plan = expand(&p, &roster(&p, room));
        // 3 questions × (2 + 3 turns × 2 = 8, "about 8 minutes per question") + 10 = 34.
        assert_total("microlabs", &plan, 34.0, 34.0);
        let turns = each(&plan, "speaking turns");
        assert_eq!(turns.len(), 3, "three questions");
        let orders: Vec<Vec<&str>> = turns
            .iter()
            .map(|s| s.turns.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            orders,
            [
                ["Person 1", "Person 2", "Person 3"],
                ["Person 2", "Person 3", "Person 1"],
                ["Person 3", "Person 1", "Person 2"]
            ],
            "1-2-3, 2-3-1, 3-1-2"
        );
        for (i, step) in turns.iter().enumerate() {
            assert_eq!(step.per_turn, Some((120, 120)));
            assert_eq!(step.published_min_secs, Some(3 * 60));
            assert_eq!(step.published_max_secs, Some(3 * 120));
            assert_eq!(
                step.round.as_ref().unwrap().title(),
                format!("Question {} of 3", i + 1)
            );
            for name in room {
                assert!(!is_speaker(step, name), "{name} is not called by name");
            }
        }
        assert_speaks(one(&plan, "reflection"), &["Sam"]);
    }

    // Setup starts the session with the group and facilitator alone.
    let prefill = Prefill {
        group: Some("Staff".into()),
        roles: vec![("facilitator".into(), vec!["Sam".into()])],
        question: None,
        end_by: None,
    };
    let roster = prefill
        .complete_roster(&p)
        .expect("no names needed for the room");
    assert!(roster.names("member").is_empty());
    let mut setup = Setup::new(p.clone(), &prefill);
    assert!(setup.roster().is_ok(), "{:?}", setup.roster().err());
    // A role that is not optional is still required.
    let tuning = builtin("tuning");
    assert!(prefill.complete_roster(&tuning).is_none());
    assert!(Setup::new(tuning, &prefill).roster().is_err());
}

#[test]
fn charrette_team_listens_while_friends_brainstorm() {
    let p = check_steps(
        "charrette",
        &[
            ("presents", 5.0, 10.0, A),
            ("clarifying", 5.0, 5.0, A),
            ("request", 2.0, 2.0, E),
            ("brainstorm", 10.0, 10.0, A),
            ("summarises", 5.0, 5.0, A),
            ("debrief", 5.0, 10.0, A),
        ],
    );
    let mut r = group(&p, 4);
    set(&mut r, "presenter", &["Pat", "Quin"]);
    let team = ["Pat", "Quin"];
    let plan = expand(&p, &r);
    // 5 (5–10) + 5 + 2 + 10 + 5 + 5 (5–10) = 32 planned, 42 at the longest; the timed
    // version totals about 35.
    assert_total("charrette", &plan, 32.0, 42.0);
    assert_speaks(one(&plan, "presents"), &team);
    assert_speaks(one(&plan, "team's request"), &team);
    let brainstorm = one(&plan, "brainstorm");
    assert_silent(brainstorm, &team);
    assert_speaks(brainstorm, &NAMES[..4]);
    assert_speaks(one(&plan, "summarises"), &team);
    assert!(
        p.source.contains("developed by Kathy Juarez")
            && p.source.contains("described by Carol Coe"),
        "{}",
        p.source
    );
}

#[test]
fn issaquah_plans_close_to_an_hour_and_says_where_the_rest_goes() {
    let p = check_steps(
        "issaquah",
        &[
            ("dilemma", 8.0, 8.0, S),
            ("clarifying", 3.0, 3.0, S),
            ("active listening", 6.0, 6.0, S),
            ("interpretive", 6.0, 7.0, E),
            ("check-in", 2.0, 2.0, A),
            ("probing", 6.0, 7.0, E),
            ("responds", 5.0, 5.0, E),
            ("suggestions", 8.0, 10.0, E),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    // NSRF: 5–10 minutes to present, 5–7 for the active listening round.
    assert_limits(&p, "dilemma", Some(5.0), Some(10.0));
    assert_limits(&p, "active listening", Some(5.0), Some(7.0));
    let plan = expand(&p, &group(&p, 10));
    // 8 + 3 + 6 + 6 + 2 + 6 + 5 + 8 + 5 = 49 planned (the notes' 47–52), 53 at the longest.
    assert_total("issaquah", &plan, 49.0, 53.0);
    // NSRF's "about 60 minutes": the guide says where the other minutes go.
    let guide = &step_named(&p, "dilemma").guide;
    assert!(
        guide.contains("60 minutes") && guide.contains("49"),
        "{guide}"
    );
    assert!(guide.contains("between steps"), "{guide}");
    for word in ["active listening", "interpretive", "suggestions"] {
        let step = one(&plan, word);
        assert_silent(step, &["Pat"]);
        assert_speaks(step, &["Ana", "Jo"]);
        assert!(step.silence_implied, "{word}: the notes infer this silence");
    }
    assert_speaks(one(&plan, "check-in"), &["Pat"]);
    assert_speaks(one(&plan, "responds"), &["Pat"]);
    assert_speaks(one(&plan, "shares the dilemma"), &["Pat"]);
}

#[test]
fn descriptive_review_takes_ninety_minutes() {
    let p = check_steps(
        "descriptive-review",
        &[
            ("introductions", 5.0, 5.0, S),
            ("description of the child", 20.0, 20.0, S),
            ("summary", 5.0, 5.0, S),
            ("other descriptions", 10.0, 10.0, S),
            ("restating", 5.0, 5.0, S),
            ("questions", 15.0, 15.0, S),
            ("pop-ups", 5.0, 5.0, S),
            ("summary", 5.0, 5.0, S),
            ("discussion", 15.0, 15.0, E),
            ("reflection", 5.0, 5.0, E),
        ],
    );
    let mut r = group(&p, 6);
    set(&mut r, "describer", &["Dot", "Eve"]);
    let plan = expand(&p, &r);
    // 5 + 20 + 5 + 10 + 5 + 15 + 5 + 5 (S) + 15 + 5 (E) = 90, the "at least 90 min".
    assert_total("descriptive-review", &plan, 90.0, 90.0);
    let description = one(&plan, "description of the child");
    assert_speaks(description, &["Pat"]);
    assert_silent(description, &["Ana", "Dot"]);
    assert_speaks(one(&plan, "other descriptions"), &["Dot", "Eve"]);
    assert_speaks(
        plan.iter().find(|s| s.name == "Questions").unwrap(),
        &["Pat", "Ana"],
    );
    let popups = one(&plan, "pop-ups");
    assert_silent(popups, &["Pat"]);
    assert_speaks(popups, &["Ana"]);
    assert!(popups.silence_implied);
}

#[test]
fn norms_follow_forming_ground_rules() {
    let p = check_steps(
        "norms",
        &[
            ("write", 3.0, 5.0, E),
            ("round robin", 10.0, 15.0, E),
            ("clarify", 5.0, 5.0, E),
            ("live by", 5.0, 5.0, E),
            ("hard", 3.0, 3.0, E),
            ("post", 1.0, 1.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 6));
    // 3 (3–5) + 10 (10–15) + 5 + 5 + 3 + 1 = 27 planned, 34 at the longest; the notes
    // estimate about 30.
    assert_total("norms", &plan, 27.0, 34.0);
    assert!(
        p.role("presenter").is_none(),
        "norm setting has no presenter"
    );
    assert_silent(one(&plan, "write"), &["Ana", "Sam"]);
    assert_speaks(one(&plan, "round robin"), &NAMES[..6]);
}

// ---------------------------------------------------------------------------------------
// The handout (`crit show`)

#[derive(Default)]
struct Handout {
    headings: Vec<(HeadingLevel, String)>,
    html: usize,
    silent_labels: usize,
}

fn read_handout(markdown: &str) -> Handout {
    let mut h = Handout::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut strong = String::new();
    let mut in_strong = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => h.headings.extend(heading.take()),
            Event::Start(Tag::Strong) => {
                in_strong = true;
                strong.clear();
            }
            Event::End(TagEnd::Strong) => {
                in_strong = false;
                if strong == "Silent:" {
                    h.silent_labels += 1;
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => h.html += 1,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
                if in_strong {
                    strong.push_str(&t);
                }
            }
            _ => {}
        }
    }
    h
}

#[test]
fn every_handout_parses_as_commonmark_with_a_heading_per_step() {
    for id in IDS {
        let p = builtin(id);
        let md = handout(&p);
        let h = read_handout(&md);
        let h1: Vec<&String> = h
            .headings
            .iter()
            .filter(|(l, _)| *l == HeadingLevel::H1)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(h1, vec![&p.name], "{id}: one H1, the protocol's name\n{md}");
        assert_eq!(h.html, 0, "{id}: no raw HTML\n{md}");

        for entry in &p.steps {
            if let Entry::Block(b) = entry {
                assert!(
                    h.headings
                        .iter()
                        .any(|(l, t)| *l == HeadingLevel::H2 && t.contains(&b.name)),
                    "{id}: a heading for the block {:?}\n{md}",
                    b.name
                );
            }
        }
        let steps: Vec<_> = p.all_steps().collect();
        for (block, step) in &steps {
            let level = if block.is_some() {
                HeadingLevel::H3
            } else {
                HeadingLevel::H2
            };
            let found: Vec<&String> = h
                .headings
                .iter()
                .filter(|(l, t)| *l == level && t.contains(&step.name))
                .map(|(_, t)| t)
                .collect();
            assert!(
                !found.is_empty(),
                "{id}: a {level:?} heading for step {:?}\n{md}",
                step.name
            );
            assert!(
                found
                    .iter()
                    .any(|t| t.contains("(estimate)") == step.estimated
                        && t.contains("(from an adaptation)") == step.adapted),
                "{id}: the heading of {:?} says \"(estimate)\" exactly when its time is one: {found:?}",
                step.name
            );
        }
        let with_silence = steps.iter().filter(|(_, s)| !s.silent.is_empty()).count();
        assert_eq!(
            h.silent_labels, with_silence,
            "{id}: a **Silent:** line for each step with silent roles\n{md}"
        );
        if with_silence > 0 {
            assert!(md.contains("**Silent:**"), "{id}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Honest labels and sources a principal can hand out

/// Hosts that copy other people's documents, or pages that no longer exist: never a source.
const REFUSED_HOSTS: [&str; 22] = [
    "scribd.com",
    "docsbay",
    "paperzz",
    "slideplayer",
    "slideshare",
    "blogspot.",
    "5y1.org",
    "fdocuments",
    "guatda.com",
    "issuu.com",
    "pdf4pro",
    "studylib",
    "wikispaces",
    "plpwiki",
    "documentine",
    "vdocuments",
    "dokumen.",
    "pdfslide",
    "docslib",
    "nowcomment",
    "yumpu",
    "coursehero",
];

/// Query keys that track a reader or a session rather than name a page.
const TRACKING: [&str; 6] = [
    "responsetoken",
    "utm_",
    "fbclid",
    "gclid",
    "sessionid",
    "scroll_to",
];

fn addresses(source: &str) -> Vec<&str> {
    source
        .split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .collect()
}

#[test]
fn every_source_names_a_publishers_page_never_a_content_farm() {
    for id in IDS {
        let p = builtin(id);
        let urls = addresses(&p.source);
        assert!(!urls.is_empty(), "{id}: the source gives an address");
        for url in urls {
            let lower = url.to_lowercase();
            for host in REFUSED_HOSTS {
                assert!(!lower.contains(host), "{id}: refused host {host} in {url}");
            }
            for key in TRACKING {
                assert!(!lower.contains(key), "{id}: tracking token {key} in {url}");
            }
        }
        // Who wrote it, or which body publishes it, is named in words too.
        let words = p.source.split(" http").next().unwrap_or_default();
        assert!(
            words.split_whitespace().count() >= 4,
            "{id}: the source names the author or publisher: {:?}",
            p.source
        );
    }
}

#[test]
fn time_labels_are_structured_and_guides_do_not_repeat_them() {
    for id in IDS {
        let p = builtin(id);
        for (_, s) in p.all_steps() {
            assert!(
                !(s.estimated && s.adapted),
                "{id} {:?}: one label at most",
                s.name
            );
            let guide = s.guide.to_lowercase();
            for phrase in [
                "estimated time",
                "time from",
                "time taken from",
                "our reading",
                "our estimate",
                "(estimate)",
            ] {
                assert!(
                    !guide.contains(phrase),
                    "{id} {:?}: the time or silence label belongs in the file's keys, not the guide: {:?}",
                    s.name,
                    s.guide
                );
            }
            if s.silence_implied {
                assert!(!s.silent.is_empty(), "{id} {:?}", s.name);
            }
        }
    }
}

#[test]
fn the_handout_labels_estimates_adaptations_limits_and_implied_silences() {
    let md = handout(&builtin("charrette"));
    assert!(
        md.contains("Clarifying questions · 5 min (from an adaptation)"),
        "{md}"
    );
    assert!(md.contains("The team's request · 2 min (estimate)"), "{md}");
    let md = handout(&builtin("tuning"));
    assert!(
        md.contains("- **Published limit:** at most 5 min\n"),
        "{md}"
    );
    assert!(
        md.contains("- **Published limit:** at most 3 min\n"),
        "{md}"
    );
    let md = handout(&builtin("microlabs"));
    assert!(
        md.contains("- **Published limit:** at least 1 and at most 2 min a turn"),
        "{md}"
    );
    assert!(
        md.contains("- **Groups:** in triads, all at the same time"),
        "{md}"
    );
    let md = handout(&builtin("atlas-data"));
    assert!(
        md.contains("- **Silent:** Data provider (implied by the source, not stated)"),
        "{md}"
    );
    let md = handout(&builtin("connections"));
    assert!(
        md.contains("- **Open:** people speak when they are moved to"),
        "{md}"
    );
}

#[test]
fn fitting_a_built_in_never_crosses_its_published_limits() {
    use chrono::{Duration, Timelike};
    let mut clock = FakeClock::new();
    for (id, spare_minutes) in [
        ("tuning", 120i64),
        ("tuning", -40),
        ("final-word", 90),
        ("microlabs", 60),
        ("microlabs", -20),
    ] {
        let p = builtin(id);
        let mut r = group(&p, 5);
        let end =
            clock.now.wall + Duration::seconds(p.typical_total_secs() as i64 + spare_minutes * 60);
        r.end_by = Some(end.time().with_second(0).unwrap_or(end.time()));
        let s = Session::start(p.clone(), r, clock.now);
        let plan = s.propose_fit(clock.now).expect("an end time");
        for (step, secs) in s.plan.iter().zip(&plan.secs) {
            if let Some(most) = step.published_max_secs {
                assert!(
                    *secs <= most,
                    "{id}: {} given {secs} s, past {most}",
                    step.name
                );
            }
            if let Some(least) = step.published_min_secs {
                assert!(
                    *secs >= least,
                    "{id}: {} given {secs} s, below {least}",
                    step.name
                );
            }
        }
        clock.advance(1);
    }
}

// ---------------------------------------------------------------------------------------
// The eight added protocols

#[test]
fn text_rendering_goes_sentence_phrase_word() {
    let p = check_steps(
        "text-rendering",
        &[
            ("read and mark", 5.0, 10.0, E),
            ("a sentence", 1.0, 1.0, E),
            ("a phrase", 0.5, 0.5, E),
            ("a word", 0.5, 0.5, E),
            ("what we heard", 10.0, 15.0, E),
            ("scribe", 5.0, 5.0, E),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    assert!(p.role("scribe").is_some(), "a scribe records the words");
    let six = &NAMES[..6];
    let plan = expand(&p, &group(&p, 6));
    // 5 (5–10) + 6 × (1 + 0.5 + 0.5) + 10 (10–15) + 5 + 5 = 37; 47 at the longest.
    assert_total("text-rendering", &plan, 37.0, 47.0);
    assert_silent(&plan[0], six);
    for step in &plan[1..4] {
        assert_eq!(step.turns, six.to_vec());
    }
    assert_speaks(one(&plan, "scribe"), &["scribe-person", "Ana"]);
}

#[test]
fn four_as_gives_five_minutes_a_person_and_ten_to_close() {
    let p = check_steps(
        "four-as",
        &[
            ("read and annotate", 10.0, 15.0, E),
            ("assumptions", 1.25, 1.25, S),
            ("agree", 1.25, 1.25, S),
            ("argue", 1.25, 1.25, S),
            ("aspire", 1.25, 1.25, S),
            ("open discussion", 7.0, 7.0, E),
            ("debrief", 3.0, 3.0, E),
        ],
    );
    for n in [4, 5, 6] {
        let plan = expand(&p, &group(&p, n));
        let rounds: u32 = plan
            .iter()
            .filter(|s| s.is_go_round())
            .map(|s| s.planned_secs)
            .sum();
        assert_eq!(rounds, 5 * 60 * n as u32, "about 5 minutes per participant");
        let closing: u32 = plan[5..].iter().map(|s| s.planned_secs).sum();
        assert_eq!(closing, 10 * 60, "10 minutes for the last two steps");
    }
    assert_silent(&expand(&p, &group(&p, 5))[0], &NAMES[..5]);
}

#[test]
fn save_the_last_word_keeps_the_presenter_quiet_until_the_end() {
    let p = check_steps(
        "save-the-last-word",
        &[
            ("reads the passage", 1.0, 1.0, E),
            ("responses", 1.0, 1.0, E),
            ("last word", 3.0, 3.0, E),
            ("debrief", 5.0, 5.0, E),
        ],
    );
    let four = &NAMES[..4];
    let plan = expand(&p, &group(&p, 4));
    // 4 rounds × (1 + 3 × 1 + 3 = 7, NWP's "about 7 minutes a round") + 5 = 33, about 30.
    assert_total("save-the-last-word", &plan, 33.0, 33.0);
    let responses = each(&plan, "responses");
    assert_eq!(responses.len(), 4);
    for (i, step) in responses.iter().enumerate() {
        let presenter = four[i];
        assert_silent(step, &[presenter]);
        let others: Vec<String> = (1..4).map(|k| four[(i + k) % 4].to_string()).collect();
        assert_eq!(step.turns, others);
    }
    for (i, step) in each(&plan, "reads the passage").iter().enumerate() {
        assert_speaks(step, &[four[i]]);
    }
    for (i, step) in each(&plan, "last word").iter().enumerate() {
        assert_speaks(step, &[four[i]]);
        let others: Vec<&str> = four.iter().copied().filter(|n| *n != four[i]).collect();
        assert_silent(step, &others);
    }
}

#[test]
fn compass_points_work_in_direction_groups() {
    let p = check_steps(
        "compass-points",
        &[
            ("introduce", 5.0, 5.0, E),
            ("five questions", 15.0, 15.0, S),
            ("reports", 10.0, 10.0, E),
            ("reflection", 10.0, 15.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 8));
    assert_total("compass-points", &plan, 40.0, 45.0);
    let groups = one(&plan, "five questions");
    assert_eq!(groups.groups.as_deref(), Some("direction groups"));
    let guide = &p.steps.iter().find_map(|e| match e {
        Entry::Step(s) if s.name.starts_with("Introduce") => Some(&s.guide),
        _ => None,
    });
    let guide = guide.expect("introduction");
    for direction in ["North", "East", "South", "West"] {
        assert!(guide.contains(direction), "{guide}");
    }
}

#[test]
fn atlas_learning_from_student_work_keeps_the_teacher_silent_until_the_end() {
    let p = check_steps(
        "atlas-student-work",
        &[
            ("getting started", 2.0, 2.0, S),
            ("describing", 10.0, 10.0, S),
            ("interpreting", 10.0, 10.0, S),
            ("implications", 10.0, 10.0, E),
            ("hearing from the presenting teacher", 5.0, 5.0, E),
            ("reflecting", 5.0, 5.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 5));
    assert_total("atlas-student-work", &plan, 42.0, 42.0);
    assert_speaks(&plan[0], &["Pat"]);
    for step in &plan[1..4] {
        assert_silent(step, &["Pat"]);
        assert_speaks(step, &NAMES[..5]);
        assert!(!step.silence_implied, "SRI states this silence");
    }
    assert_speaks(&plan[4], &["Pat"]);
    assert_silent(&plan[4], &NAMES[..5]);
    assert!(p.source.contains("trust"), "{}", p.source);
}

#[test]
fn connections_never_calls_anyone_by_name() {
    let p = check_steps(
        "connections",
        &[
            ("set up", 1.0, 1.0, E),
            ("connections", 5.0, 7.0, A),
            ("close", 1.0, 1.0, E),
        ],
    );
    let open = p.all_steps().nth(1).map(|(_, s)| s).unwrap();
    assert!(open.open, "people speak when moved");
    assert!(
        open.turns.is_none() && open.seats.is_none(),
        "not a go-round"
    );
    let plan = expand(&p, &group(&p, 10));
    let step = &plan[1];
    assert!(step.turns.is_empty());
    for party in &step.speakers {
        assert!(party.names.is_empty(), "nobody is named: {party:?}");
        assert!(
            party.describe().contains("once each"),
            "{}",
            party.describe()
        );
    }
    for name in &NAMES[..10] {
        assert!(!step.speakers.iter().any(|p| p.describe().contains(name)));
    }
}

#[test]
fn constructivist_listening_gives_equal_turns_and_says_it_is_confidential() {
    let p = check_steps(
        "constructivist-listening",
        &[
            ("guidelines", 3.0, 3.0, E),
            ("listening turns", 2.0, 2.0, S),
            ("reflect", 8.0, 8.0, E),
        ],
    );
    let plan = expand(&p, &group(&p, 10));
    // About 15 minutes (S): 3 + 2 turns × 2 + 8.
    assert_total("constructivist-listening", &plan, 15.0, 15.0);
    let turns = one(&plan, "listening turns");
    assert_eq!(
        turns.turns,
        ["Person 1", "Person 2"],
        "equal timed turns in each pair"
    );
    assert_eq!(turns.per_turn, Some((120, 120)));
    assert_eq!(turns.groups.as_deref(), Some("pairs"));
    // Confidentiality is said on screen, in the steps' guides.
    assert!(plan[0].guide.to_lowercase().contains("confidential"));
    assert!(turns.guide.to_lowercase().contains("confidential"));
}

#[test]
fn block_party_meets_three_partners() {
    let p = check_steps(
        "block-party",
        &[
            ("quote card", 3.0, 3.0, S),
            ("partner", 5.0, 5.0, S),
            ("triads", 12.0, 15.0, S),
            ("whole-group", 10.0, 12.0, S),
            ("reveal", 1.0, 1.0, S),
            ("debrief", 5.0, 5.0, S),
        ],
    );
    let plan = expand(&p, &group(&p, 10));
    // 3 + 3 × 5 + 12 (12–15) + 10 (10–12) + 1 + 5 = 46 planned, 51 at the longest; the
    // source gives 34–51 (34 without the optional triads).
    assert_total("block-party", &plan, 46.0, 51.0);
    let partners = each(&plan, "partner");
    assert_eq!(partners.len(), 3, "three different partners");
    for step in partners {
        assert_eq!(step.groups.as_deref(), Some("pairs"));
    }
    assert_silent(&plan[0], &NAMES[..10]);
}

// ---------------------------------------------------------------------------------------
// The binder (`crit show --all`, or several ids)

/// The anchor a renderer gives a heading, written out independently of the program.
fn anchor_of(heading: &str) -> String {
    let mut out = String::new();
    for c in heading.trim().to_lowercase().chars() {
        if c == ' ' {
            out.push('-');
        } else if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_binder_has_a_contents_list_that_links_to_every_protocol() {
    let lib = Library::builtin();
    let all: Vec<Protocol> = lib.protocols.iter().map(|s| s.protocol.clone()).collect();
    let with_front_matter = binder(&all);
    assert!(with_front_matter.starts_with("---\ntitle: \"Protocol binder\"\n---\n"));
    let md = with_front_matter
        .split_once("\n---\n\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    let h = read_handout(&md);
    let h1: Vec<_> = h
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H1)
        .collect();
    assert_eq!(h1.len(), 1, "one title");
    assert_eq!(h.html, 0);
    let h2: Vec<&String> = h
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(h2[0], "Contents");
    for p in &all {
        assert!(h2.contains(&&p.name), "{}: a heading of its own", p.name);
    }
    // Every link in the contents goes to a heading of the document.
    let anchors: Vec<String> = h.headings.iter().map(|(_, t)| anchor_of(t)).collect();
    let mut links = Vec::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        // The contents' links lead inside the binder (the sources link out).
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && dest_url.starts_with('#')
        {
            links.push(dest_url.to_string());
        }
    }
    assert_eq!(links.len(), all.len(), "one entry per protocol");
    for link in &links {
        let target = link.strip_prefix('#').expect("a link inside the binder");
        assert!(anchors.iter().any(|a| a == target), "{link} leads nowhere");
    }
    assert!(md.contains("[The Final Word](#the-final-word)"), "{md}");
    assert!(md.contains("[ATLAS: Looking at Data](#atlas-looking-at-data)"));
}

#[test]
fn crit_show_prints_the_binder_for_all_or_several_ids() {
    let run = |args: &[&str]| {
        let (code, out, err) = crate::support::crit_with(args, &[]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let all = run(&["show", "--all"]);
    assert!(
        all.starts_with("---\n") && all.contains("---\n\n# Protocol binder\n"),
        "{all}"
    );
    assert!(all.contains("22 protocols"));
    for id in IDS {
        assert!(all.contains(&format!("## {}\n", builtin(id).name)), "{id}");
    }
    let two = run(&["show", "tuning", "consultancy"]);
    assert!(two.contains("2 protocols"));
    assert!(
        two.contains("1. [Tuning Protocol](#tuning-protocol)"),
        "{two}"
    );
    assert!(
        two.contains("2. [Consultancy (Dilemma)](#consultancy-dilemma)"),
        "{two}"
    );
    let one = run(&["show", "tuning"]);
    assert!(
        one.starts_with("---\n") && one.contains("---\n\n# Tuning Protocol\n"),
        "one id: a single handout, front matter first"
    );
    let before_title = one.lines().take_while(|l| !l.starts_with("# "));
    assert_eq!(
        before_title.filter(|l| *l == "---").count(),
        2,
        "one front matter block"
    );
}

#[test]
fn the_total_the_library_shows_is_the_total_a_session_plans() {
    for id in IDS {
        let p = builtin(id);
        assert_eq!(
            p.typical_total_secs(),
            critical_friends::session::planned_total_secs(&p),
            "{id}: `crit list` and a session for a typical group agree"
        );
    }
}

#[test]
fn room_wide_protocols_start_without_the_rooms_names() {
    for id in [
        "microlabs",
        "constructivist-listening",
        "block-party",
        "compass-points",
        "connections",
    ] {
        let p = builtin(id);
        let prefill = Prefill {
            group: Some("Staff".into()),
            roles: vec![("facilitator".into(), vec!["Sam".into()])],
            question: None,
            end_by: None,
        };
        let roster = prefill
            .complete_roster(&p)
            .unwrap_or_else(|| panic!("{id}: starts with the facilitator alone"));
        let plan = expand(&p, &roster);
        assert!(!plan.is_empty(), "{id}");
        for step in &plan {
            for party in step.speakers.iter().chain(&step.silent) {
                assert!(!party.describe().is_empty(), "{id}: {party:?}");
            }
        }
    }
}
