//! Drawing one run-screen frame into a `TestBackend`, with 10 and with 10,000 notes in
//! the current step (the notes panel's worst case). Target: under 1 ms with 10,000 notes.

mod common;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use critical_friends::app::{Model, Screen, Settings, start_session};
use critical_friends::protocol::Library;
use critical_friends::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A model on the run screen whose session has `notes` notes in its current step.
fn run_model(notes: usize) -> Model {
    let (session, now) = common::session_with_notes(notes);
    let settings = Settings::new(PathBuf::from("/archive"), PathBuf::from("/rescue"));
    let mut model = Model::new(Library::builtin(), settings, now);
    let protocol = session.protocol.clone();
    let roster = session.roster.clone();
    start_session(&mut model, protocol, roster);
    let Screen::Run(run) = &mut model.screen else {
        panic!("start_session did not open the run screen");
    };
    run.session = session;
    model
}

fn run_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("run_frame");
    for notes in [10, 10_000] {
        let model = run_model(notes);
        for (w, h) in [(120, 40), (80, 24)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            let id = BenchmarkId::new(format!("{w}x{h}"), format!("{notes}_notes"));
            group.bench_with_input(id, &model, |b, model| {
                b.iter(|| {
                    terminal.draw(|f| view(black_box(model), f)).unwrap();
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, run_frame);
criterion_main!(benches);
