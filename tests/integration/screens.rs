//! Whole screens, driven by real key events through `update` and drawn into a
//! `TestBackend`, at 80×24 and 120×40. Every snapshot was read when accepted.

use std::path::PathBuf;

use critical_friends::app::{Effect, Model, Msg, Record, Screen, Settings, update};
use critical_friends::protocol::Library;
use critical_friends::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use crate::support::*;

pub(crate) fn settings(color: bool) -> Settings {
    Settings {
        archive_dir: PathBuf::from("/archive"),
        fallback_dir: PathBuf::from("/tmp/crit-rescue"),
        bell: true,
        warning: true,
        auto_advance: false,
        color,
        default_group: None,
        default_names: Vec::new(),
        live_file: None,
        site: None,
        sync_after_session: false,
        tags: Vec::new(),
    }
}

pub(crate) struct App {
    pub(crate) model: Model,
    pub(crate) clock: FakeClock,
    pub(crate) effects: Vec<Effect>,
    /// What the journal was told (kept apart: most tests look at the other effects).
    pub(crate) journal: Vec<Effect>,
}

impl App {
    pub(crate) fn new() -> App {
        // Loaded once for every test (reading and checking the files is most of the cost
        // of a new app): each app gets its own copy.
        static VALID: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
        App::with_library(
            VALID
                .get_or_init(|| Library::load(None, &[fixtures().join("protocols/valid")]).unwrap())
                .clone(),
        )
    }

    /// An app on the picker of `library`.
    pub(crate) fn with_library(library: Library) -> App {
        let clock = FakeClock::new();
        App {
            model: Model::new(library, settings(true), clock.now),
            clock,
            effects: Vec::new(),
            journal: Vec::new(),
        }
    }

    pub(crate) fn send(&mut self, msg: Msg) -> &mut App {
        let mut effects = update(&mut self.model, msg, self.clock.now);
        let opened: Vec<_> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::OpenArchive { dir, name, .. } => Some(dir.join(name)),
                _ => None,
            })
            .collect();
        for path in opened {
            // Stand in for the runtime: the archive opens where it was asked to.
            let msg = Msg::ArchiveOpened {
                path,
                problem: None,
            };
            effects.extend(update(&mut self.model, msg, self.clock.now));
        }
        let (journal, others): (Vec<_>, Vec<_>) = effects
            .into_iter()
            .partition(|e| matches!(e, Effect::Journal(_)));
        self.journal.extend(journal);
        self.effects.extend(others);
        self
    }

    pub(crate) fn key(&mut self, code: KeyCode) -> &mut App {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    pub(crate) fn alt(&mut self, code: KeyCode) -> &mut App {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::ALT)))
    }

    pub(crate) fn ctrl(&mut self, c: char) -> &mut App {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )))
    }

    pub(crate) fn type_text(&mut self, text: &str) -> &mut App {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    pub(crate) fn wait(&mut self, secs: u64) -> &mut App {
        self.clock.advance(secs);
        self.send(Msg::Tick)
    }

    /// The rows of the screen drawn at `w`×`h`, as text.
    pub(crate) fn rows(&self, w: u16, h: u16) -> Vec<String> {
        let t = self.draw(w, h);
        let buf = t.backend().buffer();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect()
    }

    pub(crate) fn draw(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(&self.model, f)).unwrap();
        t
    }

    /// Moves the picker's selection to protocol `id`.
    pub(crate) fn pick(&mut self, id: &str) -> &mut App {
        let index = self
            .model
            .library
            .protocols
            .iter()
            .position(|s| s.protocol.id == id)
            .unwrap();
        for _ in 0..index {
            self.key(KeyCode::Down);
        }
        self
    }

    /// Picks `id` in the picker and fills the setup form.
    pub(crate) fn start(&mut self, id: &str, participants: &str) -> &mut App {
        self.pick(id);
        self.key(KeyCode::Enter);
        self.type_text("Grade 7 team").key(KeyCode::Enter);
        self.type_text("Sam").key(KeyCode::Enter);
        self.type_text("Pat").key(KeyCode::Enter);
        self.type_text(participants).key(KeyCode::Enter);
        self.type_text("How do I deepen student thinking?")
            .key(KeyCode::Enter);
        self.key(KeyCode::Enter)
    }

    pub(crate) fn run(&self) -> &critical_friends::app::Run {
        match &self.model.screen {
            Screen::Run(r) => r,
            _ => panic!("not on the run screen"),
        }
    }
}

macro_rules! snap {
    ($name:expr, $app:expr) => {
        insta::assert_snapshot!(concat!($name, "_80x24"), $app.draw(80, 24).backend());
        insta::assert_snapshot!(concat!($name, "_120x40"), $app.draw(120, 40).backend());
    };
}

#[test]
fn picker() {
    let app = App::new();
    snap!("picker", app);
}

#[test]
fn setup_form() {
    let mut app = App::new();
    app.pick("tuning");
    app.key(KeyCode::Enter)
        .type_text("Grade 7 team")
        .key(KeyCode::Enter)
        .type_text("Sam");
    snap!("setup", app);
    // Starting with a role left empty names the field to fill.
    app.ctrl('s');
    assert!(matches!(app.model.screen, Screen::Setup(_)));
    let t = app.draw(80, 24);
    assert!(format!("{:?}", t.backend()).contains("Who is the presenter? Type a name."));
}

#[test]
fn run_screen_at_the_start_of_tuning() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben, Cy");
    assert_eq!(
        app.run().session.roster.names("participant"),
        ["Ana", "Ben", "Cy"]
    );
    assert!(app.effects.iter().any(|e| matches!(e, Effect::OpenArchive { name, .. } if name == "2026-11-23-1400-tuning-grade-7-team.md")));
    app.wait(95);
    snap!("run_start", app);
}

#[test]
fn run_screen_in_feedback_with_the_presenter_silent_and_a_note_being_typed() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben, Cy");
    for _ in 0..4 {
        app.key(KeyCode::Char('n'));
    }
    app.wait(30);
    // The box opens on the step's first kind (warm), and Tab goes on to cool.
    app.key(KeyCode::Char('i'))
        .type_text("Strong hook")
        .key(KeyCode::Enter);
    app.key(KeyCode::Tab).type_text("What about revision time?");
    let run = app.run();
    assert_eq!(run.session.notes.len(), 1);
    assert_eq!(run.session.notes[0].kind, "warm");
    assert_eq!(run.current_kind(), "cool");
    let screen = format!("{:?}", app.draw(80, 24).backend());
    assert!(
        screen.contains("Pat (Presenter): silent — listen and take notes"),
        "{screen}"
    );
    snap!("run_feedback_note", app);
}

#[test]
fn typing_never_triggers_commands_and_the_timer_keeps_running() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben");
    app.key(KeyCode::Char('i'))
        .type_text("q n p + - b f ? space")
        .wait(5);
    let run = app.run();
    assert_eq!(run.session.current(), 0);
    assert!(!run.session.is_paused());
    assert!(!run.projector);
    assert_eq!(run.note.lines().join(""), "q n p + - b f ? space");
    assert_eq!(run.session.actual_secs(0, app.clock.now.at), 5);
    app.alt(KeyCode::Enter)
        .type_text("second line")
        .key(KeyCode::Enter);
    assert_eq!(
        app.run().session.notes[0].text,
        "q n p + - b f ? space\nsecond line"
    );
    assert!(
        app.effects.iter().any(
            |e| matches!(e, Effect::Save { contents, .. } if contents.contains("second line"))
        ),
        "saved at once"
    );
    app.key(KeyCode::Esc).key(KeyCode::Char('n'));
    assert_eq!(
        app.run().session.current(),
        1,
        "after Esc, keys are commands again"
    );
}

#[test]
fn overtime_is_distinct_and_rings_once() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.effects.clear();
    app.wait(6);
    assert_eq!(app.effects, vec![Effect::Bell]);
    app.wait(5);
    assert_eq!(app.effects, vec![Effect::Bell], "one bell only");
    assert_eq!(app.run().session.current(), 0, "never advances on its own");
    snap!("run_overtime", app);
}

#[test]
fn go_round_shows_whose_turn_and_who_is_next() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben, Cy");
    app.key(KeyCode::Char('n'))
        .key(KeyCode::Char('n'))
        .key(KeyCode::Char('n'));
    app.wait(1);
    snap!("run_go_round", app);
}

#[test]
fn help_and_end_confirmation_then_summary() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('?'));
    snap!("run_help", app);
    app.key(KeyCode::Esc).key(KeyCode::Char('q'));
    snap!("run_confirm_end", app);
    app.key(KeyCode::Char('n'));
    assert!(matches!(app.model.screen, Screen::Run(_)), "n keeps going");
    for _ in 0..5 {
        app.wait(3).key(KeyCode::Char('n'));
    }
    app.ctrl('c').key(KeyCode::Char('y'));
    assert!(matches!(app.model.screen, Screen::Summary(_)));
    snap!("summary", app);
    assert!(
        matches!(app.effects.last(), Some(Effect::Save { contents, .. }) if contents.contains("status: complete"))
    );
    app.key(KeyCode::Char('q'));
    assert!(app.model.quit);
}

#[test]
fn an_unwritable_archive_is_shown_on_the_run_screen() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.send(Msg::SaveFailed {
        problem: critical_friends::app::SaveProblem::File {
            path: "/archive/x.md".into(),
            error: io_failure(std::io::ErrorKind::PermissionDenied, "Permission denied"),
        },
        moved_to: Some("/tmp/crit-rescue/x.md".into()),
    });
    let screen = format!("{:?}", app.draw(80, 24).backend());
    assert!(
        screen.contains("Permission denied") && screen.contains("/tmp/crit-rescue/x.md"),
        "{screen}"
    );
    assert_eq!(
        app.run().saving.path.as_deref(),
        Some(std::path::Path::new("/tmp/crit-rescue/x.md"))
    );
}

/// Notes saved nowhere get one warning, whether the first file or a later save failed.
#[test]
fn notes_saved_nowhere_get_one_warning_whichever_save_failed() {
    const WARNING: &str = ". Notes are kept on screen; do not close crit.";
    let mut later = App::new();
    later.start("quick-tuning", "Ana");
    later.send(Msg::SaveFailed {
        problem: critical_friends::app::SaveProblem::File {
            path: "/tmp/crit-rescue/x.md".into(),
            error: io_failure(std::io::ErrorKind::StorageFull, "disk full"),
        },
        moved_to: None,
    });
    let mut first = App::new();
    first.start("quick-tuning", "Ana");
    first.send(archive_failed_disk_full());
    for app in [&later, &first] {
        let problem = app.run().saving.problem.clone().unwrap_or_default();
        assert!(problem.ends_with(WARNING), "{problem}");
        assert_eq!(problem.matches("do not close crit").count(), 1, "{problem}");
        assert!(app.run().saving.unsaved);
    }
}

#[test]
fn projector_view() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben, Cy");
    app.key(KeyCode::Char('n')).wait(65).key(KeyCode::Char('b'));
    snap!("projector", app);
}

/// The projector's line of keys says what space does now: "resume" while paused.
#[test]
fn the_projector_keys_say_resume_while_paused() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben, Cy");
    app.key(KeyCode::Char('b'));
    let running = format!("{:?}", app.draw(80, 24).backend());
    assert!(running.contains("space pause"), "{running}");
    app.key(KeyCode::Char(' '));
    let paused = format!("{:?}", app.draw(80, 24).backend());
    assert!(
        paused.contains("space resume") && !paused.contains("space pause"),
        "{paused}"
    );
}

#[test]
fn no_color_draws_without_colour() {
    let mut app = App::new();
    app.model.settings = settings(false);
    app.start("quick-tuning", "Ana, Ben");
    app.wait(8);
    let t = app.draw(80, 24);
    let buf = t.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // Overtime is still unmistakable: reversed text that says so.
    let over = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(over > 0);
    assert!(format!("{:?}", t.backend()).contains("OVER TIME"));
}

#[test]
fn no_screen_panics_at_any_size() {
    let mut app = App::new();
    // The sizes where layouts switch, and the extremes; the property test below covers
    // the sizes in between at random.
    let sizes = [
        (1, 1),
        (1, 100),
        (300, 1),
        (300, 100),
        (39, 9),
        (40, 10),
        (59, 19),
        (60, 20),
        (79, 23),
        (80, 24),
        (89, 27),
        (90, 28),
        (119, 39),
        (120, 40),
    ];
    let check = |app: &App| {
        for (w, h) in &sizes {
            app.draw(*w, *h);
        }
    };
    check(&app);
    app.key(KeyCode::Enter);
    check(&app);
    app.key(KeyCode::Esc);
    app.start("quick-tuning", "Ana, Ben, Cy");
    check(&app);
    app.key(KeyCode::Char('i')).type_text("note");
    check(&app);
    app.key(KeyCode::Esc).key(KeyCode::Char('b'));
    check(&app);
    app.key(KeyCode::Char('b')).key(KeyCode::Char('?'));
    check(&app);
    app.key(KeyCode::Esc)
        .key(KeyCode::Char('q'))
        .key(KeyCode::Char('y'));
    check(&app);
}

#[test]
fn fit_asks_for_an_end_time_then_proposes_and_applies_on_y() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben, Cy");
    app.wait(60).key(KeyCode::Char('f'));
    assert_eq!(app.run().mode, critical_friends::app::Mode::EndTime);
    app.type_text("15:00").key(KeyCode::Enter);
    assert_eq!(app.run().mode, critical_friends::app::Mode::Fit);
    snap!("run_fit", app);
    app.key(KeyCode::Char('y'));
    let run = app.run();
    assert_eq!(
        run.session
            .projected_end(app.clock.now)
            .format("%H:%M")
            .to_string(),
        "15:00"
    );
    assert!(app.effects.iter().any(
        |e| matches!(e, Effect::Save { contents, .. } if contents.contains("end_by: \"15:00\""))
    ));
    // `n` leaves the plan as it was.
    app.key(KeyCode::Char('f'));
    let before = app.run().session.allowance_secs(2);
    app.key(KeyCode::Char('n'));
    assert_eq!(app.run().session.allowance_secs(2), before);
}

#[test]
fn the_mirror_follows_the_session_and_never_shows_notes() {
    use critical_friends::runtime::{Files, read_live};
    let mut files = Files::default();
    let dir = tempfile::tempdir().unwrap();
    let live_file = dir.path().join("live.json");
    let mut app = App::new();
    app.model.settings.live_file = Some(live_file.clone());
    // The mirror asks the session's lock whether it still runs: hold it, as crit would.
    app.model.settings.archive_dir = dir.path().to_path_buf();
    let mut sync = |app: &mut App| {
        for e in app.effects.drain(..) {
            if matches!(e, Effect::Publish { .. } | Effect::Unpublish(_)) {
                files.perform(e);
            }
        }
    };
    app.start("tuning", "Ana, Ben");
    sync(&mut app);
    let session = dir.path().join("2026-11-23-1400-tuning-grade-7-team.md");
    assert!(
        read_live(&live_file).is_none(),
        "nobody holds the session yet"
    );
    let held = critical_friends::archive::acquire(&session).unwrap();
    let live = read_live(&live_file).expect("published at the start");
    assert_eq!(
        (live.step, live.step_name.as_str(), live.paused),
        (1, "Introduction", false)
    );
    app.key(KeyCode::Char('i'))
        .type_text("A private note")
        .key(KeyCode::Enter)
        .key(KeyCode::Esc);
    app.key(KeyCode::Char('n'))
        .key(KeyCode::Char(' '))
        .key(KeyCode::Char('+'));
    sync(&mut app);
    let live = read_live(&live_file).unwrap();
    assert_eq!(
        (live.step, live.paused, live.allowance_ms),
        (2, true, 21 * 60 * 1000)
    );
    assert_eq!(live.silent, vec!["Ana, Ben (Participants)".to_string()]);
    let text = std::fs::read_to_string(&live_file).unwrap();
    assert!(
        !text.contains("A private note"),
        "notes never reach the public view"
    );
    // Ticks that change nothing a person did write nothing.
    app.wait(5);
    assert!(
        !app.effects
            .iter()
            .any(|e| matches!(e, Effect::Publish { .. }))
    );
    // The mirror draws it; at the end of the session the view is taken down.
    let theme = critical_friends::ui::Theme {
        color: true,
        warning: true,
    };
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| critical_friends::ui::mirror_view(f, Some(&live), live.written_at, &theme))
        .unwrap();
    insta::assert_snapshot!("mirror_80x24", t.backend());
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| critical_friends::ui::mirror_view(f, Some(&live), live.written_at, &theme))
        .unwrap();
    insta::assert_snapshot!("mirror_120x40", t.backend());
    app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    sync(&mut app);
    assert!(!live_file.exists());
    t.draw(|f| critical_friends::ui::mirror_view(f, None, live.written_at, &theme))
        .unwrap();
    assert!(format!("{:?}", t.backend()).contains("No session is running."));
    drop(held);
}

#[test]
fn the_mirror_counts_down_from_when_the_view_was_written() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana");
    let live = critical_friends::app::Live::from_session(&app.run().session, app.clock.now);
    let later = live.written_at + chrono::Duration::seconds(4);
    assert_eq!(live.countdown_at(later).shown_secs(), 2);
    let later = live.written_at + chrono::Duration::seconds(9);
    let c = live.countdown_at(later);
    assert!(c.is_over());
    assert_eq!(c.shown_secs(), 3);
    let paused = critical_friends::app::Live {
        paused: true,
        ..live
    };
    assert_eq!(
        paused.countdown_at(later).shown_secs(),
        6,
        "a paused clock does not move"
    );
}

#[test]
fn the_question_stays_in_view_and_a_restatement_is_archived_beside_it() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben");
    app.key(KeyCode::Char('n')).key(KeyCode::Char('n'));
    let screen = format!("{:?}", app.draw(80, 24).backend());
    assert!(
        screen.contains("? Question: How do I deepen student thinking?"),
        "{screen}"
    );
    app.key(KeyCode::Char('r'));
    assert_eq!(app.run().mode, critical_friends::app::Mode::Restate);
    // The box starts with the question, to edit; paste and typing go into it.
    for _ in 0.."How do I deepen student thinking?".len() {
        app.key(KeyCode::Backspace);
    }
    app.send(Msg::Paste("How can my questions push students".into()));
    app.type_text(" past recall?").key(KeyCode::Enter);
    let run = app.run();
    assert_eq!(
        run.session.roster.restated.as_deref(),
        Some("How can my questions push students past recall?")
    );
    assert_eq!(
        run.session.roster.question, "How do I deepen student thinking?",
        "the original is kept"
    );
    let screen = format!("{:?}", app.draw(80, 24).backend());
    assert!(
        screen.contains("? Restated question: How can my questions push students past recall?"),
        "{screen}"
    );
    let Some(Effect::Save { contents, .. }) = app.effects.last() else {
        panic!("saved")
    };
    assert!(contents.contains("question: \"How do I deepen student thinking?\""));
    assert!(
        contents.contains("restated_question: \"How can my questions push students past recall?\"")
    );
    assert!(
        contents
            .contains("## Restated question\n\n> How can my questions push students past recall?")
    );
}

#[test]
fn escape_sequences_in_protocol_text_are_drawn_as_symbols() {
    let clock = FakeClock::new();
    let lib = Library::load(None, &[fixtures().join("protocols/hostile")]).unwrap();
    let mut app = App {
        model: Model::new(lib, settings(true), clock.now),
        clock,
        effects: Vec::new(),
        journal: Vec::new(),
    };
    let dangerous = |app: &App| {
        let t = app.draw(100, 30);
        t.backend().buffer().content().iter().any(|c| {
            c.symbol()
                .chars()
                .any(|ch| ch.is_control() || ch == '\u{202e}')
        })
    };
    app.pick("evil");
    assert!(!dangerous(&app), "picker");
    app.key(KeyCode::Enter)
        .type_text("G")
        .key(KeyCode::Enter)
        .type_text("P\u{1b}[2J")
        .key(KeyCode::Enter);
    assert!(!dangerous(&app), "setup");
    app.key(KeyCode::Enter).key(KeyCode::Enter);
    assert!(matches!(app.model.screen, Screen::Run(_)));
    assert!(!dangerous(&app), "run screen");
    app.key(KeyCode::Char('i'))
        .type_text("note \u{1b}[31m red")
        .key(KeyCode::Enter);
    assert!(!dangerous(&app), "notes");
    app.key(KeyCode::Esc).key(KeyCode::Char('b'));
    assert!(!dangerous(&app), "projector");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

    /// Any size from 1×1 to 300×100, any screen and overlay: drawing never panics.
    #[test]
    fn drawing_never_panics_at_any_size(w in 1u16..=300, h in 1u16..=100, screen in 0usize..9) {
        let mut app = App::new();
        match screen {
            0 => {}
            1 => { app.key(KeyCode::Enter); }
            _ => {
                app.start("quick-tuning", "Ana, Ben, Cy");
                match screen {
                    3 => { app.key(KeyCode::Char('i')).type_text("a note\nwith lines"); }
                    4 => { app.key(KeyCode::Char('b')); }
                    5 => { app.key(KeyCode::Char('?')); }
                    6 => { app.key(KeyCode::Char('f')).type_text("23:59").key(KeyCode::Enter); }
                    7 => { app.key(KeyCode::Char('r')); }
                    8 => { app.key(KeyCode::Char('q')).key(KeyCode::Char('y')); }
                    _ => { app.key(KeyCode::Char('n')).key(KeyCode::Char('n')).wait(100); }
                }
            }
        }
        app.draw(w, h);
    }
}

#[test]
fn auto_advance_moves_on_only_when_turned_on() {
    let mut app = App::new();
    app.model.settings.auto_advance = true;
    app.model.settings.bell = false;
    app.start("quick-tuning", "Ana, Ben");
    app.effects.clear();
    app.wait(7);
    assert_eq!(
        app.run().session.current(),
        1,
        "time up moves on when auto-advance is on"
    );
    assert!(
        !app.effects.contains(&Effect::Bell),
        "the bell can be turned off"
    );
    assert!(
        app.effects.iter().any(|e| matches!(e, Effect::Save { .. })),
        "the step change is saved"
    );
}

#[test]
fn a_long_summary_scrolls() {
    let mut app = App::new();
    app.pick("final-word");
    // Final Word asks for a facilitator and participants only.
    app.key(KeyCode::Enter)
        .type_text("Book club")
        .key(KeyCode::Enter)
        .type_text("Sam")
        .key(KeyCode::Enter);
    app.type_text("Ana, Ben, Cy, Dee, Eve, Fay")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    assert_eq!(app.run().session.plan.len(), 20);
    for _ in 0..40 {
        app.key(KeyCode::Char('n'));
    }
    app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    let first = format!("{:?}", app.draw(80, 24).backend());
    assert!(
        first.contains("↑/↓ scroll") && !first.contains("Debrief"),
        "{first}"
    );
    for _ in 0..30 {
        app.key(KeyCode::Down);
    }
    let last = format!("{:?}", app.draw(80, 24).backend());
    assert!(last.contains("Debrief"), "{last}");
    assert!(
        last.contains("R6 Responses (Fay)"),
        "the step comes first, then whose round: {last}"
    );
}

#[test]
fn notes_saved_nowhere_are_retried_and_never_dropped_silently() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana");
    // Neither the archive nor the fallback could be written.
    app.send(archive_failed_disk_full());
    // The user is told that the notes exist only on screen, in the one wording.
    assert_eq!(
        app.run().saving.problem.as_deref(),
        Some(
            "Cannot save in /archive: disk full; nor in /tmp/crit-rescue: disk full. \
             Notes are kept on screen; do not close crit."
        )
    );
    assert!(app.run().saving.unsaved);
    if let Screen::Run(run) = &mut app.model.screen {
        run.saving = critical_friends::app::Saving {
            path: None,
            problem: Some("disk full".into()),
            unsaved: true,
        };
    }
    app.effects.clear();
    app.key(KeyCode::Char('i'))
        .type_text("keep me")
        .key(KeyCode::Enter);
    assert!(
        app.effects.iter().any(
            |e| matches!(e, Effect::OpenArchive { contents, .. } if contents.contains("keep me"))
        ),
        "every save tries to create the file again: {:?}",
        app.effects
    );
    app.key(KeyCode::Esc)
        .key(KeyCode::Char('q'))
        .key(KeyCode::Char('y'));
    assert!(matches!(app.model.screen, Screen::Summary(_)));
    // Without a file, q asks again before quitting; s tries once more.
    if let Screen::Summary(s) = &mut app.model.screen {
        s.saving = critical_friends::app::Saving {
            path: None,
            problem: Some("disk full".into()),
            unsaved: true,
        };
    }
    app.key(KeyCode::Char('q'));
    assert!(!app.model.quit, "the first q only warns");
    assert!(format!("{:?}", app.draw(80, 24).backend()).contains("saved nowhere"));
    app.effects.clear();
    app.key(KeyCode::Char('s'));
    assert!(
        matches!(app.effects.as_slice(), [Effect::OpenArchive { contents, record: Record::Finished, .. }] if contents.contains("keep me"))
    );
    app.key(KeyCode::Char('q'));
    assert!(app.model.quit);
}

#[test]
fn auto_advance_waits_while_a_dialog_is_open() {
    let mut app = App::new();
    app.model.settings.auto_advance = true;
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('f'))
        .type_text("23:59")
        .key(KeyCode::Enter);
    assert_eq!(app.run().mode, critical_friends::app::Mode::Fit);
    app.wait(30);
    assert_eq!(
        app.run().session.current(),
        0,
        "no step change under the fit dialog"
    );
    app.draw(80, 24);
    app.key(KeyCode::Char('y'));
    assert_eq!(app.run().session.current(), 0);
}

#[test]
fn a_paused_clock_gives_nothing_new_to_draw() {
    let mut app = App::new();
    assert_eq!(
        app.model.clock_face(),
        None,
        "the picker never changes by itself"
    );
    app.start("tuning", "Ana, Ben");
    let running = app.model.clock_face();
    app.wait(1);
    assert_ne!(
        app.model.clock_face(),
        running,
        "a running countdown changes every second"
    );
    app.key(KeyCode::Char(' '));
    let paused = app.model.clock_face();
    app.wait(1);
    app.wait(1);
    assert_eq!(
        app.model.clock_face(),
        paused,
        "paused, seconds pass with nothing to redraw"
    );
}

#[test]
fn the_projector_digits_grow_to_fill_a_big_screen() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben");
    app.key(KeyCode::Char('b'));
    // The digits are above the cues (the question below them is in large type too).
    let rows_with_digits = |w: u16, h: u16| {
        let t = app.draw(w, h);
        let buf = t.backend().buffer();
        let row = |y: u16| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>();
        let cues = (0..h).find(|&y| row(y).contains("Speak:")).unwrap_or(h);
        (0..cues).filter(|&y| row(y).contains('█')).count()
    };
    assert_eq!(rows_with_digits(80, 24), 7, "one cell per pixel at 80×24");
    let big = rows_with_digits(160, 48);
    assert!(big >= 14, "twice the size on a 160×48 screen: {big} rows");
    let huge = rows_with_digits(300, 100);
    assert!(huge >= 42, "and more on a wall screen: {huge} rows");
}

#[test]
fn a_name_in_two_roles_is_pointed_out_once() {
    let mut app = App::new();
    app.pick("tuning");
    app.key(KeyCode::Enter)
        .type_text("G")
        .key(KeyCode::Enter)
        .type_text("Sam")
        .key(KeyCode::Enter);
    app.type_text("Pat")
        .key(KeyCode::Enter)
        .type_text("Ana, pat")
        .key(KeyCode::Enter);
    app.key(KeyCode::Enter).key(KeyCode::Enter);
    assert!(
        matches!(app.model.screen, Screen::Setup(_)),
        "not started yet"
    );
    let screen = format!("{:?}", app.draw(100, 24).backend());
    assert!(
        screen.contains("Pat is named as Presenter and among Participants"),
        "{screen}"
    );
    app.key(KeyCode::Enter);
    assert!(
        matches!(app.model.screen, Screen::Run(_)),
        "a second Enter starts"
    );
}

#[test]
fn a_fit_applied_after_reading_it_for_a_while_uses_the_time_left_then() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben");
    app.wait(11 * 60); // the 10-minute introduction is a minute over
    app.key(KeyCode::Char('f'))
        .type_text("15:00")
        .key(KeyCode::Enter);
    app.wait(90); // the plan is read and discussed for a minute and a half
    app.key(KeyCode::Char('y'));
    let c = app.run().session.countdown(app.clock.now.at);
    assert!(
        !c.is_over(),
        "the running step still has its wrap-up: {c:?}"
    );
    let screen = format!("{:?}", app.draw(80, 24).backend());
    assert!(
        !screen.contains("may stretch"),
        "a step without a range never says it may stretch: {screen}"
    );
}

#[test]
fn shortening_stops_at_a_minute_and_the_header_counts_changes() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben");
    let header = |app: &App| {
        format!("{:?}", app.draw(120, 40).backend())
            .lines()
            .nth(3)
            .unwrap_or("")
            .to_string()
    };
    assert!(header(&app).contains("0:00 of 1:17:00"), "{}", header(&app));
    app.key(KeyCode::Char('+'));
    assert!(
        header(&app).contains("of 1:18:00"),
        "the header follows +: {}",
        header(&app)
    );
    for _ in 0..12 {
        app.key(KeyCode::Char('-'));
    }
    assert_eq!(app.run().session.allowance_secs(0), 60);
    assert_eq!(
        app.run().flash.as_deref(),
        Some("A step keeps at least a minute: press n to move on.")
    );
}

#[test]
fn long_names_wrap_instead_of_disappearing() {
    let mut app = App::new();
    app.start(
        "tuning",
        "Anastasia Papadopoulou-Vlachou, Dmitri Alexandrovich Konstantinopolsky",
    );
    app.key(KeyCode::Char('n'));
    let screen = format!("{:?}", app.draw(80, 24).backend());
    for word in [
        "Anastasia",
        "Papadopoulou-Vlachou",
        "Konstantinopolsky",
        "listen and take notes",
    ] {
        assert!(screen.contains(word), "{word} is on screen:\n{screen}");
    }
}

#[test]
fn odd_characters_in_notes_leave_nothing_stray_on_screen() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    let odd = "line\u{2028}separated\u{2029}paragraph \u{feff}bom \u{fffe}\u{ffff} end";
    // Typed (as a paste) and saved, then shown in the notes panel and the note box.
    app.key(KeyCode::Char('i'));
    app.send(Msg::Paste(odd.into()));
    let in_box = app.draw(80, 24);
    app.key(KeyCode::Enter).key(KeyCode::Esc);
    let in_panel = app.draw(80, 24);
    for t in [in_box, in_panel] {
        for cell in t.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(|c| matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                )),
                "{:?} drawn",
                cell.symbol()
            );
        }
    }
    let Screen::Run(run) = &app.model.screen else {
        panic!("running")
    };
    assert_eq!(
        run.session.notes[0].text,
        "line\nseparated\nparagraph bom \u{fffd}\u{fffd} end"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 40, ..Default::default() })]

    /// Realistic and wide rosters at 80×24: who is silent is read to its end, and the
    /// steps panel's times stay in their column whatever the names' widths.
    #[test]
    fn wide_names_keep_the_silent_line_and_the_time_column(
        names in proptest::collection::vec(
            proptest::prop_oneof![
                "[A-Z][a-z]{3,10} [A-Z][a-z]{5,14}",
                "[\u{5c71}\u{7530}\u{592a}\u{90ce}\u{82b1}\u{5b50}]{2,6}",
            ],
            2..7,
        ),
        presenter in proptest::prop_oneof!["[A-Z][a-z]{3,12}", "[\u{5c71}\u{7530}\u{592a}\u{90ce}]{2,5}"],
    ) {
        use critical_friends::session::Roster;
        let clock = FakeClock::new();
        for id in ["tuning", "final-word"] {
            let protocol = builtin(id);
            let people = protocol
                .roles
                .iter()
                .map(|r| {
                    let who = if r.many { names.clone() } else if r.id == "presenter" { vec![presenter.clone()] } else { vec!["Sam".to_string()] };
                    (r.id.clone(), who)
                })
                .collect();
            let roster = Roster { group: "Team".into(), people, question: "Q?".into(), end_by: None, restated: None, tags: Vec::new() };
            let mut model = Model::new(Library::builtin(), settings(true), clock.now);
            critical_friends::app::start_session(&mut model, protocol, roster);
            let mut app = App { model, clock: FakeClock::new(), effects: Vec::new(), journal: Vec::new() };
            // Into the first step where someone must be silent.
            for _ in 0..8 {
                let t = app.draw(80, 24);
                let rows: Vec<String> = (0..24)
                    .map(|y| (0..80).map(|x| t.backend().buffer()[(x, y)].symbol().to_string()).collect())
                    .collect();
                let text = rows.join("\n");
                // Read as a person reads it: wrapped lines join with a space.
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if words.contains("): silent —") {
                    proptest::prop_assert!(words.contains("silent — listen and take notes"), "{}", text);
                }
                // Rows of the steps panel end with a time right before the border.
                for row in &rows {
                    // The steps panel is right of the guide ("││" between them).
                    let Some((_, steps)) = row.split_once("││") else { continue };
                    let inner = steps.strip_suffix('│').unwrap_or(steps).trim_end();
                    if let Some(last) = inner.chars().last() {
                        proptest::prop_assert!(last.is_ascii_digit(), "{}", row);
                    }
                }
                app.key(KeyCode::Char('n'));
            }
        }
    }
}

#[test]
fn pause_more_and_less_time_and_each_running_minute_save_the_session() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben");
    let saves = |app: &mut App| {
        let n = app
            .effects
            .iter()
            .filter(|e| matches!(e, Effect::Save { .. }))
            .count();
        app.effects.clear();
        n
    };
    saves(&mut app);
    for key in [' ', ' ', '+', '-'] {
        app.key(KeyCode::Char(key));
        assert_eq!(saves(&mut app), 1, "{key:?} saves");
    }
    // A minute of running clock saves once, with no key at all.
    app.wait(59);
    assert_eq!(saves(&mut app), 0);
    app.wait(1);
    assert_eq!(saves(&mut app), 1, "once a minute");
}

#[test]
fn what_resuming_reads_is_written_before_the_markdown() {
    // The journal line of a note reaches the disk before the markdown that shows it, so
    // a kill between the two never leaves a note on screen and in the file that resuming
    // would lose.
    let dir = tempfile::tempdir().unwrap();
    let mut files = critical_friends::runtime::Files::default();
    let mut app = App::new();
    app.model.settings.archive_dir = dir.path().to_path_buf();
    app.start("tuning", "Ana, Ben");
    // Create the file for real, then save a note through the runtime.
    let clock = app.clock.now;
    let mut model_effects = std::mem::take(&mut app.effects);
    model_effects.retain(|e| matches!(e, Effect::OpenArchive { .. }));
    let mut opened = None;
    for e in model_effects {
        if let Some(Msg::ArchiveOpened { path, .. }) = files.perform(e) {
            opened = Some(path);
        }
    }
    let path = opened.expect("opened");
    critical_friends::app::update(
        &mut app.model,
        Msg::ArchiveOpened {
            path: path.clone(),
            problem: None,
        },
        clock,
    );
    app.key(KeyCode::Char('i'))
        .type_text("ordered")
        .key(KeyCode::Enter);
    let save = app
        .effects
        .iter()
        .rev()
        .find(|e| matches!(e, Effect::Save { .. }))
        .cloned()
        .unwrap();
    files.perform(save);
    let journal = critical_friends::archive::journal::journal_path(&path);
    let modified = |p: &std::path::Path| std::fs::metadata(p).unwrap().modified().unwrap();
    assert!(
        std::fs::read_to_string(&journal)
            .unwrap()
            .contains("ordered")
    );
    assert!(std::fs::read_to_string(&path).unwrap().contains("ordered"));
    // The journal's last line is crit's note of the markdown it wrote, after the write.
    let last = std::fs::read_to_string(&journal).unwrap();
    assert!(
        last.trim_end()
            .lines()
            .last()
            .unwrap()
            .contains("\"k\":\"md\""),
        "{last}"
    );
    assert!(modified(&journal) >= modified(&path));
}

#[test]
fn the_run_screen_says_where_a_time_or_a_silence_comes_from() {
    let clock = FakeClock::new();
    for (id, label) in [
        ("chalk-talk", "Time from an adaptation"),
        ("atlas-data", "The silence is implied by the source"),
    ] {
        let protocol = builtin(id);
        let roster = roster(&protocol, &["Ana", "Ben"]);
        let mut model = Model::new(Library::builtin(), settings(true), clock.now);
        critical_friends::app::start_session(&mut model, protocol, roster);
        let mut app = App {
            model,
            clock: FakeClock::new(),
            effects: Vec::new(),
            journal: Vec::new(),
        };
        let mut seen = false;
        for _ in 0..12 {
            let shown = format!("{:?}", app.draw(120, 40).backend());
            let step = &app.run().session.step().clone();
            let expected = if label.starts_with("Time") {
                step.adapted && !step.estimated
            } else {
                step.silence_implied
            };
            assert_eq!(shown.contains(label), expected, "{id}: {}", step.name);
            seen |= expected;
            app.key(KeyCode::Char('n'));
        }
        assert!(seen, "{id} has such a step");
    }
}
