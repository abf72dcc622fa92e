//! Planning a fit to the end time for a 200-step protocol: the pure `fit` in each of its
//! regimes, and `Session::propose_fit` on a session of a generated 200-step protocol.

mod common;

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveTime;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use critical_friends::protocol::parse_protocol;
use critical_friends::session::{FitStep, Session, fit};

const STEPS: usize = 200;

/// 200 steps of 1 to 10 minutes: some with ranges, some stretched or cut with `+`/`-`,
/// some protected, and the first one running with time already spent.
fn fit_steps() -> Vec<FitStep> {
    (0..STEPS)
        .map(|i| {
            let planned = 60 * (1 + (i % 10) as u32);
            let mut s = FitStep::new(planned);
            if i % 3 == 0 {
                s.max_secs = planned + planned * 3 / 10;
            }
            if i % 7 == 0 {
                s.current_secs = planned + 60;
            } else if i % 11 == 0 {
                s.current_secs = planned - 30;
            }
            s.protected = i % 25 == 24;
            if i == 0 {
                s.floor_secs = planned / 2;
            }
            s
        })
        .collect()
}

/// A protocol file with 200 steps, every twentieth a go-round, every twenty-fifth
/// protected, every third with a range.
fn protocol_text() -> String {
    let mut t = String::from(
        "id = \"long\"\nname = \"Long protocol\"\nsummary = \"200 steps.\"\n\n[roles]\n\
         facilitator = { label = \"Facilitator\" }\n\
         participant = { label = \"Participants\", many = true, typical = 5 }\n",
    );
    for i in 0..STEPS {
        let minutes = 1 + i % 6;
        let _ = write!(t, "\n[[steps]]\nname = \"Step {i}\"\n");
        if i % 20 == 10 {
            let _ = writeln!(t, "turns = \"participant\"\nminutes = 1");
        } else if i % 3 == 0 {
            let _ = writeln!(t, "minutes = [{minutes}, {}]", minutes + 2);
        } else {
            let _ = writeln!(t, "minutes = {minutes}");
        }
        if i % 25 == 24 {
            let _ = writeln!(t, "protected = true");
        }
        let _ = writeln!(t, "speakers = [\"all\"]\nguide = \"Talk about step {i}.\"");
    }
    t
}

fn plan_fit(c: &mut Criterion) {
    let steps = fit_steps();
    let planned: u64 = steps.iter().map(|s| u64::from(s.planned_secs)).sum();
    let mut group = c.benchmark_group("fit_200_steps");
    // Available time as a share of the planned total, one per regime of the ladder.
    let regimes = [
        ("impossible", 20),
        ("shrink", 70),
        ("take_back", 101),
        ("stretch_range", 110),
        ("stretch", 140),
        ("loosest", 300),
    ];
    for (name, percent) in regimes {
        let available = planned * percent / 100;
        let plan = fit(&steps, available);
        match name {
            "impossible" => assert!(plan.late_by_secs() > 0, "{name}"),
            "loosest" => assert!(plan.late_by_secs() < 0, "{name}"),
            _ => assert!(plan.ends_on_time(), "{name}"),
        }
        group.bench_with_input(BenchmarkId::new("fit", name), &available, |b, &a| {
            b.iter(|| fit(black_box(&steps), a))
        });
    }

    let text = protocol_text();
    let protocol = parse_protocol(&text, "long.toml", "long").unwrap();
    let mut roster = common::roster(&protocol, "Grade 7 team", &["Ana", "Ben", "Cy"]);
    // Started 14:00, nearly 12 hours planned, ending at midnight: a shrink.
    roster.end_by = Some(NaiveTime::from_hms_opt(0, 0, 0).unwrap());
    let mut now = common::start_now();
    let session = Session::start(protocol, roster, now);
    assert!(session.plan.len() >= STEPS, "{} steps", session.plan.len());
    now = now.after(Duration::from_secs(90));
    group.bench_function("propose_fit_session", |b| {
        b.iter(|| black_box(&session).propose_fit(now).unwrap())
    });
    let plan = session.propose_fit(now).unwrap();
    assert_eq!(plan.secs.len(), session.plan.len());
    assert!(plan.ends_on_time());
    // Applying it (on a fresh copy each time: once applied, the next fit has nothing to do).
    group.bench_function("apply_fit_session", |b| {
        b.iter_batched_ref(
            || session.clone(),
            |s| s.apply_fit(black_box(&plan)),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, plan_fit);
criterion_main!(benches);
