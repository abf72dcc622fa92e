//! A shared archive on git: syncing an archive of 10,000 sessions when one new session
//! goes each way (target: under 2 s, git's own speed plus crit's).
//!
//! Set-up (not measured): a bare repository as the network's remote, school A with
//! 10,000 sessions shared with `init` and `sync`, school B a `clone` of it. Each
//! measured round: A records a session and syncs (not measured), B records one, and B's
//! sync is timed: it brings A's session in and sends its own out.
//!
//! Needs `git` on PATH.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use critical_friends::archive::share;

const SESSIONS: usize = 10_000;

fn finished_session(dir: &Path, school: &str, n: usize) {
    let name = format!("2026-12-01-0900-tuning-{school}-{n}.md");
    let text = format!(
        "---\nprotocol: \"Tuning Protocol\"\nprotocol_id: \"tuning\"\ngroup: \"{school}\"\n\
         date: 2026-12-01\nstatus: complete\n---\n\n# Tuning Protocol — {school}\n\n- note {n}\n"
    );
    std::fs::write(dir.join(name), text).unwrap();
}

fn sync(dir: &Path) -> share::SyncReport {
    share::sync(dir, &share::SyncOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn sync_one_each_way(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("remote.git");
    let status = std::process::Command::new("git")
        .args(["init", "-q", "--bare"])
        .arg(&remote)
        .status()
        .expect("this benchmark needs git on PATH");
    assert!(status.success());
    let remote = remote.display().to_string();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    common::fill_archive(&a, SESSIONS);
    let started = Instant::now();
    share::init(&a, Some(&remote)).unwrap();
    sync(&a);
    share::clone(&remote, &b, false, false).unwrap();
    // A long-lived archive is packed (git's own automatic gc does it in the background);
    // pack now, so that gc does not run during the measurement.
    for dir in [&a, &b] {
        let packed = std::process::Command::new("git")
            .args(["gc", "-q"])
            .current_dir(dir)
            .status()
            .unwrap();
        assert!(packed.success());
    }
    println!(
        "set-up: {SESSIONS} sessions shared and cloned in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("share_10000_sessions");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut n = 0;
    group.bench_function("sync_one_new_session_each_way", |bench| {
        bench.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                finished_session(&a, "school-a", n);
                sync(&a);
                finished_session(&b, "school-b", n);
                let t = Instant::now();
                let report = sync(&b);
                total += t.elapsed();
                assert_eq!(
                    (report.incoming.sessions, report.outgoing.sessions),
                    (1, 1),
                    "{}",
                    report.message()
                );
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, sync_one_each_way);
criterion_main!(benches);
