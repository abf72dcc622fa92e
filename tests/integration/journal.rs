//! The journal beside a running session: what resuming reads back, line by line, through
//! the same `update` and runtime the program uses.

use std::io::Write;

use critical_friends::app::{Effect, Model, Msg, Record, Screen, Settings, update};
use critical_friends::archive::journal::{self, Entry};
use critical_friends::protocol::Library;
use critical_friends::runtime::Files;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::*;

/// The app and the runtime's files, with a clock that only moves when told.
struct Harness {
    model: Model,
    files: Files,
    clock: FakeClock,
    dir: tempfile::TempDir,
}

impl Harness {
    fn start() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let clock = FakeClock::new();
        let settings = Settings::new(dir.path().join("archive"), dir.path().join("rescue"));
        let mut model = Model::new(Library::builtin(), settings, clock.now);
        let p = builtin("tuning");
        let r = roster(&p, &["Ana", "Ben"]);
        let effects = critical_friends::app::start_session(&mut model, p, r);
        let mut h = Harness {
            model,
            files: Files::default(),
            clock,
            dir,
        };
        h.perform(effects);
        h
    }

    fn perform(&mut self, effects: Vec<Effect>) {
        carry_out(
            &mut self.model,
            &mut self.files,
            effects,
            self.clock.now,
            |_| {},
        );
    }

    fn send(&mut self, msg: Msg) -> &mut Harness {
        let effects = update(&mut self.model, msg, self.clock.now);
        self.perform(effects);
        self
    }

    fn key(&mut self, code: KeyCode) -> &mut Harness {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn text(&mut self, s: &str) -> &mut Harness {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn wait(&mut self, secs: u64) -> &mut Harness {
        for _ in 0..secs {
            self.clock.advance(1);
            self.send(Msg::Tick);
        }
        self
    }

    fn path(&self) -> std::path::PathBuf {
        match &self.model.screen {
            Screen::Run(run) => run.saving.path.clone().unwrap(),
            _ => panic!("not running"),
        }
    }

    fn journal_lines(&self) -> usize {
        std::fs::read_to_string(journal::journal_path(&self.path()))
            .unwrap()
            .lines()
            .count()
    }
}

#[test]
fn a_kill_at_any_moment_gives_back_notes_clock_step_and_draft() {
    let mut h = Harness::start();
    h.wait(30)
        .key(KeyCode::Char('i'))
        .text("first note")
        .key(KeyCode::Enter)
        .key(KeyCode::Esc)
        .key(KeyCode::Char('n'))
        .wait(42)
        .key(KeyCode::Char('i'))
        .text("typed, not saved");
    h.wait(1);
    // The process dies here: nothing more is written.
    let path = h.path();
    let back = journal::load(&path).unwrap();
    let p = &back.saved.position;
    assert_eq!(p.current, 1, "the step");
    assert_eq!(p.records[0].elapsed.as_secs(), 30);
    assert_eq!(
        p.records[1].elapsed.as_secs(),
        43,
        "the clock, to the second"
    );
    assert_eq!(back.saved.notes.len(), 1);
    assert_eq!(back.saved.notes[0].text, "first note");
    // The draft, with the kind the box was on (this step's first kind).
    let kind = match &h.model.screen {
        Screen::Run(run) => run.current_kind().to_string(),
        _ => unreachable!(),
    };
    assert_eq!(back.draft, Some((kind, "typed, not saved".to_string())));
    assert_eq!(back.hand_edits, None);
}

#[test]
fn a_note_costs_one_line_however_many_there_are() {
    let mut h = Harness::start();
    h.key(KeyCode::Char('i'));
    for i in 0..50 {
        h.text(&format!("note {i}")).key(KeyCode::Enter);
    }
    let before = h.journal_lines();
    let size = std::fs::metadata(journal::journal_path(&h.path()))
        .unwrap()
        .len();
    h.text("note 50").key(KeyCode::Enter);
    let grew = std::fs::metadata(journal::journal_path(&h.path()))
        .unwrap()
        .len()
        - size;
    // The note, where the session stands, the (now empty) draft, the markdown's stamp.
    assert!(h.journal_lines() - before <= 4);
    assert!(
        grew < 4096,
        "one note's worth, not the session's: {grew} bytes"
    );
    assert_eq!(journal::load(&h.path()).unwrap().saved.notes.len(), 51);
}

#[test]
fn a_line_cut_short_by_a_kill_is_skipped() {
    let mut h = Harness::start();
    h.key(KeyCode::Char('i')).text("kept").key(KeyCode::Enter);
    let path = h.path();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(journal::journal_path(&path))
        .unwrap();
    f.write_all(br#"{"k":"notes","from":0,"notes":[{"st"#)
        .unwrap();
    let back = journal::load(&path).unwrap();
    assert_eq!(back.saved.notes.len(), 1);
    assert_eq!(back.saved.notes[0].text, "kept");
}

#[test]
fn a_resume_starts_a_new_journal_and_never_replays_an_old_one() {
    let mut h = Harness::start();
    h.key(KeyCode::Char('i'))
        .text("one")
        .key(KeyCode::Enter)
        .text("two")
        .key(KeyCode::Enter);
    let path = h.path();
    let old_journal = std::fs::read_to_string(journal::journal_path(&path)).unwrap();
    // Resume in a new "process".
    let mut files = Files::default();
    drop(std::mem::take(&mut h.files));
    let back = files.resume(&path).unwrap();
    let mut model = Model::new(
        Library::builtin(),
        Settings::new(h.dir.path().join("archive"), h.dir.path().join("rescue")),
        h.clock.now,
    );
    let effects = critical_friends::app::resume_session(&mut model, back, path.clone()).unwrap();
    assert!(matches!(
        effects.as_slice(),
        [Effect::Save {
            record: Record::Running {
                snapshot: Some(_),
                ..
            },
            ..
        }]
    ));
    for e in effects {
        files.perform(e);
    }
    // Had the old journal been replayed onto the new state, the notes would be doubled.
    let fresh = std::fs::read_to_string(journal::journal_path(&path)).unwrap();
    assert_ne!(fresh, old_journal);
    let back = journal::load(&path).unwrap();
    assert_eq!(back.saved.notes.len(), 2);
    // An old journal put back beside the new state names an older state: ignored.
    std::fs::write(journal::journal_path(&path), old_journal).unwrap();
    assert_eq!(journal::load(&path).unwrap().saved.notes.len(), 2);
}

#[test]
fn a_finished_session_leaves_nothing_to_resume() {
    let mut h = Harness::start();
    let path = h.path();
    h.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    assert!(!journal::journal_path(&path).exists());
    assert!(!critical_friends::archive::state_path(&path).exists());
    assert!(!critical_friends::archive::lock_path(&path).exists());
    let err = journal::load(&path).unwrap_err();
    assert!(err.contains("finished session"), "{err}");
}

#[test]
fn entries_read_back_as_written() {
    let e = Entry::Draft {
        kind: "warm".into(),
        text: "a\nb \"quoted\"".into(),
    };
    let line = serde_json::to_string(&e).unwrap();
    assert!(!line.contains('\n'), "one line each");
    assert_eq!(serde_json::from_str::<Entry>(&line).unwrap(), e);
}

#[test]
fn a_session_paused_when_crit_closed_offers_no_time_away_to_count() {
    for paused in [false, true] {
        let mut h = Harness::start();
        h.wait(5);
        if paused {
            h.key(KeyCode::Char(' '));
        }
        let path = h.path();
        drop(std::mem::take(&mut h.files));
        let back = journal::load(&path).unwrap();
        h.clock.advance(120);
        let mut model = Model::new(
            Library::builtin(),
            Settings::new(h.dir.path().join("archive"), h.dir.path().join("rescue")),
            h.clock.now,
        );
        critical_friends::app::resume_session(&mut model, back, path).unwrap();
        let Screen::Run(run) = &model.screen else {
            panic!("running")
        };
        assert_eq!(run.away.is_some(), !paused, "paused: {paused}");
    }
}

/// Puts a folder where the session's markdown file is, so writing the markdown fails,
/// and a plain file where the rescue folder would be, so there is nowhere else to go.
/// Returns the path and the markdown as it was (what a crash mid-save leaves).
fn markdown_unwritable(h: &Harness) -> (std::path::PathBuf, String) {
    let path = h.path();
    let before = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("in the way"), "").unwrap();
    std::fs::write(h.dir.path().join("rescue"), "not a folder").unwrap();
    (path, before)
}

/// The markdown put back as it was before the failed write.
fn put_back(path: &std::path::Path, before: &str) {
    std::fs::remove_dir_all(path).unwrap();
    std::fs::write(path, before).unwrap();
}

/// While a session runs, the journal is written before the markdown: a note that never
/// reached the markdown (here, because it cannot be written) is still what a resume
/// gives back. Swapping the two writes would lose it.
#[test]
fn a_running_session_writes_the_journal_before_the_markdown() {
    let mut h = Harness::start();
    h.key(KeyCode::Char('i'))
        .text("saved everywhere")
        .key(KeyCode::Enter);
    let (path, before) = markdown_unwritable(&h);
    h.text("only in the journal").key(KeyCode::Enter);
    assert!(path.is_dir(), "the markdown could not be written");
    put_back(&path, &before);
    assert!(!before.contains("only in the journal"));
    let back = journal::load(&path).unwrap();
    let texts: Vec<&str> = back.saved.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["saved everywhere", "only in the journal"]);
}

/// When a session ends, the markdown is written first and only then do the journal and
/// the state go: an ending whose markdown cannot be written leaves the session resumable.
#[test]
fn an_ending_removes_the_journal_only_after_the_markdown_is_written() {
    let mut h = Harness::start();
    h.key(KeyCode::Char('i'))
        .text("a note before the end")
        .key(KeyCode::Enter)
        .key(KeyCode::Esc);
    let (path, before) = markdown_unwritable(&h);
    h.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    assert!(journal::journal_path(&path).exists(), "the journal stays");
    assert!(critical_friends::archive::state_path(&path).exists());
    put_back(&path, &before);
    let back = journal::load(&path).unwrap();
    assert_eq!(back.saved.notes[0].text, "a note before the end");
}
