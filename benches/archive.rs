//! The archive: rendering and atomically saving a 10,000-note session (target: saving
//! under 10 ms), and listing and searching a folder of 10,000 sessions (target: listing
//! under 200 ms).

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use critical_friends::archive;

const NOTES: usize = 10_000;
const SESSIONS: usize = 10_000;

fn save_session(c: &mut Criterion) {
    let (mut session, now) = common::session_with_notes(NOTES);
    session.finish(critical_friends::session::Status::Complete, now);
    let dir = tempfile::tempdir().unwrap();
    let name = archive::file_name(session.started, &session.protocol.id, &session.roster.group);
    let path = archive::create_unique(dir.path(), &name).unwrap();
    let text = archive::render(&session, now);

    let mut group = c.benchmark_group("archive_10000_notes");
    group.bench_function("render", |b| {
        b.iter(|| archive::render(black_box(&session), now))
    });
    group.bench_function("save_atomic", |b| {
        b.iter(|| archive::save_atomic(&path, black_box(&text)).unwrap())
    });
    group.bench_function("render_and_save", |b| {
        b.iter(|| {
            let text = archive::render(black_box(&session), now);
            archive::save_atomic(&path, &text).unwrap();
        })
    });
    group.finish();
}

fn archive_folder(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    common::fill_archive(dir.path(), SESSIONS);
    let listing = archive::list(dir.path()).unwrap();
    assert_eq!(listing.entries.len(), SESSIONS, "every session is listed");
    assert!(listing.unreadable.is_empty(), "{:?}", listing.unreadable);

    let mut group = c.benchmark_group("archive_10000_sessions");
    // Each iteration reads thousands of files: fewer, longer samples.
    group.sample_size(10);
    group.bench_function("list", |b| {
        b.iter(|| archive::list(black_box(dir.path())).unwrap())
    });
    // A word in the front matter of a twelfth of the sessions.
    group.bench_function("search_group", |b| {
        b.iter(|| archive::search(black_box(dir.path()), "science").unwrap())
    });
    // A note found in a single file.
    group.bench_function("search_rare", |b| {
        b.iter(|| archive::search(black_box(dir.path()), "the text_6993").unwrap())
    });
    // Nothing matches: every line of every file is read.
    group.bench_function("search_none", |b| {
        b.iter(|| archive::search(black_box(dir.path()), "zebra crossing").unwrap())
    });
    group.finish();
}

criterion_group!(benches, save_session, archive_folder);
criterion_main!(benches);
