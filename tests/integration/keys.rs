//! Every key a footer shows does something. For each screen and dialog: the footer drawn
//! is the one its key table gives, and every key of every hint in it, sent as a real key
//! event through `update` from that same state, changes what is on screen, quits, or asks
//! the runtime for something.

use std::path::PathBuf;

use critical_friends::app::keymap::{self, Hint};
use critical_friends::app::{Mode, Msg, Screen};
use critical_friends::protocol::Library;
use ratatui::crossterm::event::KeyCode;

use crate::screens::App;
use crate::support::*;

const W: u16 = 120;
const H: u16 = 40;

/// The screen at a usual size, where every footer fits whole.
fn rows(app: &App) -> Vec<String> {
    app.rows(W, H)
}

/// What can be seen of a key's work: the screen, the text in the boxes (a new line
/// shows no new character), whether crit quits, and what the runtime was asked to do.
fn observed(app: &App) -> (Vec<String>, Vec<String>, bool, usize) {
    let boxes = match &app.model.screen {
        Screen::Run(r) => [&r.note, &r.end_input, &r.restate_input]
            .iter()
            .flat_map(|b| b.lines().iter().cloned())
            .collect(),
        Screen::Setup(s) => s
            .fields
            .iter()
            .map(|f| f.input.lines().join("\n"))
            .collect(),
        _ => Vec::new(),
    };
    (
        // Smaller than the footer check's: cheaper, and a change shows here too.
        app.rows(80, 24),
        boxes,
        app.model.quit,
        app.effects.len() + app.journal.len(),
    )
}

/// The footer as the table gives it, drawn the way the footer draws it.
fn table_footer(hints: &[Hint], projector: bool) -> String {
    if projector {
        let parts: Vec<String> = hints
            .iter()
            .map(|h| format!("{} {}", h.short, h.label))
            .collect();
        return parts.join(" · ");
    }
    let ranked: Vec<(&str, &str, u8)> = hints.iter().map(|h| (h.short, h.label, h.rank)).collect();
    let shown: Vec<String> = critical_friends::ui::fit_hints(&ranked, W as usize)
        .iter()
        .map(|(k, l)| format!("{k} {l}"))
        .collect();
    shown.join("  ")
}

/// The footer of `make()`'s state is drawn from its table, and each of its keys works.
fn every_footer_key_works(name: &str, make: impl Fn() -> App) {
    let app = make();
    let projector = matches!(&app.model.screen, Screen::Run(r) if r.projector);
    let hints = keymap::footer(&app.model);
    assert!(!hints.is_empty(), "{name}: no footer");
    let expected = table_footer(&hints, projector);
    let drawn = rows(&app);
    assert!(
        drawn
            .iter()
            .any(|r| r.trim() == expected || projector && r.contains(&expected)),
        "{name}: the footer drawn is not the table's\nwanted: {expected}\n{}",
        drawn.join("\n")
    );
    each_key_works(name, make, &hints);
}

/// Each key of `hints`, sent to a fresh `make()`, changes something.
fn each_key_works(name: &str, make: impl Fn() -> App, hints: &[Hint]) {
    // Every key starts from the same state: what it looks like is worked out once.
    let before = observed(&make());
    for hint in hints {
        for key in hint.keys {
            let mut app = make();
            app.send(Msg::Key(key.event()));
            assert_ne!(
                before,
                observed(&app),
                "{name}: the footer shows `{} {}`, but {key:?} does nothing",
                hint.short,
                hint.label
            );
        }
    }
}

/// The picker with something to resume and files it skipped.
fn picker_with_everything() -> App {
    let dirs = [
        fixtures().join("protocols/valid"),
        fixtures().join("protocols/invalid"),
    ];
    let mut app = App::with_library(Library::load(None, &dirs).unwrap());
    assert!(!app.model.library.skipped.is_empty());
    app.model.resume_offer = Some((PathBuf::from("/archive/x.md"), "Tuning, step 3".into()));
    app
}

/// Tuning's feedback step (warm and cool notes), two minutes in.
fn feedback() -> App {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben, Cy");
    for _ in 0..4 {
        app.key(KeyCode::Char('n'));
    }
    app.wait(120);
    app
}

/// Feedback with two notes written.
fn with_notes() -> App {
    let mut app = feedback();
    app.key(KeyCode::Char('i')).type_text("Strong hook");
    app.key(KeyCode::Enter).key(KeyCode::Char('i'));
    app.type_text("Clear rubric").key(KeyCode::Enter);
    app.key(KeyCode::Esc);
    assert_eq!(app.run().step_notes().len(), 2);
    app
}

fn mode(app: &App) -> Mode {
    app.run().mode
}

#[test]
fn the_picker_and_its_filter_and_pop_up() {
    every_footer_key_works("picker", App::new);
    every_footer_key_works("picker with resume and skipped", picker_with_everything);
    every_footer_key_works("picker filter", || {
        let mut app = App::new();
        app.key(KeyCode::Char('/')).type_text("t");
        app
    });
    every_footer_key_works("skipped files", || {
        let mut app = picker_with_everything();
        app.key(KeyCode::Char('s'));
        app
    });
}

#[test]
fn the_setup_form() {
    let setup = || {
        let mut app = App::new();
        app.pick("tuning").key(KeyCode::Enter);
        app.type_text("Grade 7 team").key(KeyCode::Enter);
        app
    };
    every_footer_key_works("setup, the first field", || {
        let mut app = App::new();
        app.pick("tuning").key(KeyCode::Enter);
        app
    });
    every_footer_key_works("setup, a middle field", setup);
    every_footer_key_works("setup, the last field", || {
        let mut app = setup();
        app.type_text("Sam").key(KeyCode::Enter);
        app.type_text("Pat").key(KeyCode::Enter);
        app.type_text("Ana, Ben").key(KeyCode::Enter);
        app.key(KeyCode::Enter);
        let Screen::Setup(s) = &app.model.screen else {
            panic!("setup");
        };
        assert!(s.on_last_field());
        app
    });
    every_footer_key_works("setup of `crit run`, where Esc quits", || {
        let mut app = App::new();
        app.pick("tuning").key(KeyCode::Enter);
        app.model.came_from_picker = false;
        app
    });
}

#[test]
fn the_timer_view_running_paused_and_projected() {
    every_footer_key_works("timer", with_notes);
    every_footer_key_works("timer, paused", || {
        let mut app = with_notes();
        app.key(KeyCode::Char(' '));
        assert!(app.run().session.is_paused());
        app
    });
    every_footer_key_works("projector", || {
        let mut app = feedback();
        app.key(KeyCode::Char('b'));
        app
    });
    every_footer_key_works("projector, paused", || {
        let mut app = feedback();
        app.key(KeyCode::Char('b')).key(KeyCode::Char(' '));
        assert!(app.run().session.is_paused());
        app
    });
    // A dialog over the projector view: its line names the dialog's keys.
    every_footer_key_works("projector, confirm end", || {
        let mut app = feedback();
        app.key(KeyCode::Char('b')).key(KeyCode::Char('q'));
        app
    });
}

#[test]
fn the_note_box_new_and_editing() {
    every_footer_key_works("note box", || {
        let mut app = feedback();
        app.key(KeyCode::Char('i')).type_text("Strong hook");
        assert_eq!(mode(&app), Mode::Note);
        app
    });
    every_footer_key_works("note box, editing", || {
        let mut app = with_notes();
        app.key(KeyCode::Char('e')).type_text(" indeed");
        assert!(app.run().editing.is_some());
        app
    });
}

#[test]
fn the_dialogs_over_the_timer() {
    every_footer_key_works("help", || {
        let mut app = feedback();
        app.key(KeyCode::Char('?'));
        app
    });
    every_footer_key_works("confirm end", || {
        let mut app = feedback();
        app.key(KeyCode::Char('q'));
        assert_eq!(mode(&app), Mode::ConfirmEnd);
        app
    });
    every_footer_key_works("confirm delete", || {
        let mut app = with_notes();
        app.key(KeyCode::Char('d'));
        assert_eq!(mode(&app), Mode::ConfirmDelete);
        app
    });
    every_footer_key_works("end time", || {
        let mut app = feedback();
        app.key(KeyCode::Char('f')).type_text("16:30");
        assert_eq!(mode(&app), Mode::EndTime);
        app
    });
    every_footer_key_works("fit", || {
        let mut app = feedback();
        app.key(KeyCode::Char('f'))
            .type_text("14:30")
            .key(KeyCode::Enter);
        assert_eq!(mode(&app), Mode::Fit);
        app
    });
    every_footer_key_works("restate", || {
        let mut app = feedback();
        app.key(KeyCode::Char('r'))
            .type_text("How do I get them talking?");
        assert_eq!(mode(&app), Mode::Restate);
        app
    });
}

#[test]
fn the_summary_saved_and_saved_nowhere() {
    let ended = || {
        let mut app = feedback();
        app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
        assert!(matches!(app.model.screen, Screen::Summary(_)));
        app
    };
    every_footer_key_works("summary", ended);
    every_footer_key_works("summary, saved nowhere", || {
        let mut app = ended();
        app.send(archive_failed_disk_full());
        app
    });
}

/// The check above catches a footer naming a key that does nothing: on the summary of a
/// saved session, the other table's `s` (try saving again) does nothing.
#[test]
#[should_panic(expected = "does nothing")]
fn a_footer_key_that_does_nothing_is_caught() {
    let saved_summary = || {
        let mut app = feedback();
        app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
        app
    };
    let wrong = keymap::footer_hints(keymap::SUMMARY_UNSAVED, false);
    each_key_works("saved summary, unsaved footer", saved_summary, &wrong);
}

/// `crit mirror` has one key line, drawn from its table, and every key in it quits
/// (the runtime's loop acts on the action; the PTY test sends `q`).
#[test]
fn the_mirror_line_is_its_table() {
    let hint = keymap::mirror_hint();
    assert_eq!(hint, "q quits the mirror");
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(W, H)).unwrap();
    let theme = critical_friends::ui::Theme {
        color: false,
        warning: true,
    };
    let wall = FakeClock::new().now.wall;
    t.draw(|f| critical_friends::ui::mirror_view(f, None, wall, &theme))
        .unwrap();
    assert!(format!("{:?}", t.backend()).contains(&hint));
    for b in keymap::MIRROR {
        for k in b.keys {
            assert_eq!(
                keymap::action(keymap::MIRROR, &k.event()),
                Some(keymap::MirrorAction::Quit)
            );
        }
    }
}
