//! What resuming costs per note: one line appended to the journal (and synced), whatever
//! the number of notes. Target: the note at 10,000 costs no more than twice the note at
//! 10. (The markdown file itself is rewritten after every note too; that cost grows with
//! the session and is measured in `archive`.)

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use critical_friends::archive::Journal;
use critical_friends::archive::journal::Entry;

fn note(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal_one_note");
    for notes in [10, 10_000] {
        let (mut session, now) = common::session_with_notes(notes);
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("session.md");
        std::fs::write(&md, "").unwrap();
        let mut journal = Journal::begin(&md, &session.saved(now)).unwrap();
        session.take_note_changes();
        let kind = common::current_kind(&session);
        group.bench_function(format!("at_{notes}_notes"), |b| {
            b.iter(|| {
                session.add_note(&kind, black_box("one more thing the group said"), now);
                let (from, notes) = session.take_note_changes().unwrap();
                let entries = [
                    Entry::Notes { from, notes },
                    Entry::Pos(Box::new(session.position(now))),
                ];
                journal.append(black_box(&entries)).unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, note);
criterion_main!(benches);
