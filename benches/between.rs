//! Between meetings over a generated archive of 10,000 sessions (target: each under
//! 200 ms): listing every next step (`crit archive actions`), building the
//! professional-learning report (`crit archive report`), and finding a presenter's open
//! next steps when a session starts.

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use critical_friends::archive::{actions, report};

const SESSIONS: usize = 10_000;

fn between(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    common::fill_archive(dir.path(), SESSIONS);
    let (all, unreadable) = actions::collect(dir.path(), &actions::Filter::default()).unwrap();
    assert!(unreadable.is_empty(), "{unreadable:?}");
    let built = report::build(dir.path(), &report::Filter::default()).unwrap();
    assert!(!built.rows.is_empty());
    println!(
        "archive of {SESSIONS} sessions: {} actions, {} report rows",
        all.len(),
        built.rows.len()
    );

    let mut group = c.benchmark_group("between_10000_sessions");
    // Each iteration reads thousands of files: fewer, longer samples.
    group.sample_size(10);
    group.bench_function("actions", |b| {
        b.iter(|| actions::collect(black_box(dir.path()), &actions::Filter::default()).unwrap())
    });
    group.bench_function("actions_open_of_a_person", |b| {
        let filter = actions::Filter {
            person: Some("Pat".into()),
            done: Some(false),
            ..Default::default()
        };
        b.iter(|| actions::collect(black_box(dir.path()), &filter).unwrap())
    });
    group.bench_function("report", |b| {
        b.iter(|| report::build(black_box(dir.path()), &report::Filter::default()).unwrap())
    });
    group.bench_function("report_one_person_md", |b| {
        let filter = report::Filter {
            person: Some("ana".into()),
            ..Default::default()
        };
        b.iter(|| {
            report::build(black_box(dir.path()), &filter)
                .unwrap()
                .to_markdown()
        })
    });
    // What starting a session adds: the presenter's open next steps in their group.
    group.bench_function("earlier_next_steps_at_start", |b| {
        b.iter(|| actions::earlier_for(black_box(dir.path()), "Maths", &["Pat".to_string()]))
    });
    group.finish();
}

criterion_group!(benches, between);
criterion_main!(benches);
