//! The recorder's control over the notes, driven by real key events through `update`:
//! choosing, editing and deleting notes, scrolling to every one, the kinds each step
//! offers, and the archive following every change.

use critical_friends::app::{Effect, Mode, Screen};
use critical_friends::protocol::Library;
use critical_friends::session::{ALWAYS_OFFERED, expand};
use ratatui::crossterm::event::KeyCode;

use crate::screens::App;
use crate::support::*;

/// The markdown of the last save.
fn last_saved(app: &App) -> String {
    app.effects
        .iter()
        .rev()
        .find_map(|e| match e {
            Effect::Save { contents, .. } | Effect::OpenArchive { contents, .. } => {
                Some(contents.clone())
            }
            _ => None,
        })
        .expect("the session was saved")
}

fn saves(app: &App) -> usize {
    app.effects
        .iter()
        .filter(|e| matches!(e, Effect::Save { .. } | Effect::OpenArchive { .. }))
        .count()
}

fn screen(app: &App, w: u16, h: u16) -> String {
    format!("{:?}", app.draw(w, h).backend())
}

fn texts(app: &App) -> Vec<String> {
    app.run()
        .session
        .notes
        .iter()
        .map(|n| n.text.clone())
        .collect()
}

/// The quick Tuning with notes `first`, `second` and `third` in its first step.
fn three_notes() -> App {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('i'));
    for t in ["first", "second", "third"] {
        app.type_text(t).key(KeyCode::Enter);
    }
    app.key(KeyCode::Esc);
    app
}

fn backspace(app: &mut App, n: usize) {
    for _ in 0..n {
        app.key(KeyCode::Backspace);
    }
}

#[test]
fn an_edit_saves_the_note_in_place_with_its_time_and_the_archive_follows() {
    let mut app = three_notes();
    let before = app.run().session.notes[1].clone();
    app.wait(2);
    // ↑ from the newest chooses the one before it; e opens it in the note box.
    app.key(KeyCode::Up).key(KeyCode::Char('e'));
    let run = app.run();
    assert_eq!(run.mode, Mode::Note);
    assert_eq!(run.note.lines(), ["second"]);
    assert_eq!(
        run.current_kind(),
        "question",
        "the box opens on the note's kind"
    );
    assert!(screen(&app, 80, 24).contains("Edit note 2 of 3 · kind: Question (Tab changes)"));
    backspace(&mut app, 6);
    app.type_text("second, fixed")
        .key(KeyCode::Tab)
        .key(KeyCode::Enter);

    let run = app.run();
    assert_eq!(run.mode, Mode::Timer);
    assert_eq!(texts(&app), ["first", "second, fixed", "third"]);
    let edited = &app.run().session.notes[1];
    assert_eq!(edited.kind, "note");
    assert_eq!((edited.at, edited.step), (before.at, before.step));
    let doc = last_saved(&app);
    assert!(doc.contains("- second, fixed *(14:00)*"), "{doc}");
    assert!(!doc.contains("- second *("), "{doc}");
}

#[test]
fn esc_from_an_edit_keeps_the_note_and_gives_back_what_was_being_typed() {
    let mut app = three_notes();
    // A note half typed, left in the box.
    app.key(KeyCode::Char('i')).type_text("half a thought");
    app.key(KeyCode::Esc);
    let saved = saves(&app);
    // Nothing chosen: e edits the newest.
    app.key(KeyCode::Char('e'));
    assert_eq!(app.run().note.lines(), ["third"]);
    backspace(&mut app, 5);
    app.type_text("gone?").key(KeyCode::Esc);
    assert_eq!(texts(&app), ["first", "second", "third"]);
    assert_eq!(saves(&app), saved, "nothing changed, nothing to save");
    let run = app.run();
    assert_eq!(run.mode, Mode::Timer);
    assert_eq!(run.note.lines(), ["half a thought"]);
    // The half-typed note is still there to finish.
    app.key(KeyCode::Char('i'))
        .type_text(", finished")
        .key(KeyCode::Enter);
    assert_eq!(texts(&app)[3], "half a thought, finished");
}

#[test]
fn an_edit_emptied_is_refused_and_an_edit_open_at_the_end_is_kept() {
    let mut app = three_notes();
    app.key(KeyCode::Char('e'));
    backspace(&mut app, 5);
    app.key(KeyCode::Enter);
    assert_eq!(app.run().mode, Mode::Note, "the box stays open");
    assert!(screen(&app, 80, 24).contains("A note cannot be empty"));
    assert_eq!(texts(&app), ["first", "second", "third"]);
    // Typed into the edit, then the session ends: the change is kept, never a copy.
    app.type_text("third, as ended");
    app.ctrl('c').key(KeyCode::Char('y'));
    assert!(matches!(app.model.screen, Screen::Summary(_)));
    let doc = last_saved(&app);
    assert!(doc.contains("- third, as ended"), "{doc}");
    assert!(!doc.contains("- third *("), "{doc}");
}

#[test]
fn delete_asks_first_and_the_archive_loses_only_that_note() {
    let mut app = three_notes();
    app.key(KeyCode::Up)
        .key(KeyCode::Up)
        .key(KeyCode::Char('d'));
    assert_eq!(app.run().mode, Mode::ConfirmDelete);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Delete this note? y/n"), "{shown}");
    assert!(shown.contains("[Question] first"), "{shown}");
    // n keeps it.
    app.key(KeyCode::Char('n'));
    assert_eq!(texts(&app), ["first", "second", "third"]);
    app.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert_eq!(texts(&app), ["second", "third"]);
    let doc = last_saved(&app);
    assert!(!doc.contains("- first"), "{doc}");
    assert!(doc.contains("- second") && doc.contains("- third"), "{doc}");
    // The choice stays at the top of the list: d, y again deletes "second".
    app.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert_eq!(texts(&app), ["third"]);
    app.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert!(texts(&app).is_empty());
    app.key(KeyCode::Char('d'));
    assert_eq!(app.run().mode, Mode::Timer);
    assert!(screen(&app, 80, 24).contains("This step has no notes to delete."));
}

#[test]
fn going_back_a_step_makes_its_notes_editable() {
    let mut app = three_notes();
    app.key(KeyCode::Char('n'));
    app.key(KeyCode::Char('i'))
        .type_text("warmly")
        .key(KeyCode::Enter);
    app.key(KeyCode::Esc);
    assert_eq!(app.run().session.notes[3].kind, "warm");
    app.key(KeyCode::Char('p'));
    assert_eq!(app.run().session.current(), 0);
    app.key(KeyCode::Up).key(KeyCode::Char('e'));
    assert_eq!(app.run().note.lines(), ["second"]);
    app.type_text("!").key(KeyCode::Enter);
    assert_eq!(texts(&app), ["first", "second!", "third", "warmly"]);
}

#[test]
fn at_80x24_every_note_of_a_long_step_can_be_reached() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('i'));
    for i in 1..=12 {
        app.type_text(&format!("note number {i:02}"))
            .key(KeyCode::Enter);
    }
    app.key(KeyCode::Esc);
    let first = screen(&app, 80, 24);
    assert!(first.contains("Notes for this step (12)"), "{first}");
    assert!(
        first.contains("note number 12"),
        "the newest shows: {first}"
    );
    assert!(first.contains("↑ 10 more"), "{first}");
    // The title names the keys that reach the notes.
    assert!(first.contains("↑/↓ select note"), "{first}");
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..12 {
        app.key(KeyCode::Up);
        let shown = screen(&app, 80, 24);
        for i in 1..=12 {
            if shown.contains(&format!("note number {i:02}")) {
                seen.insert(i);
            }
        }
    }
    assert_eq!(seen.len(), 12, "every note was on screen: {seen:?}");
    let top = screen(&app, 80, 24);
    assert!(top.contains("▶[Question] note number 01"), "{top}");
    assert!(top.contains("↓ 10 more"), "{top}");
    assert!(!top.contains("↑ "), "{top}");
    // ↓ back down to the newest, and no further.
    for _ in 0..20 {
        app.key(KeyCode::Down);
    }
    assert!(screen(&app, 80, 24).contains("▶[Question] note number 12"));
    insta::assert_snapshot!("notes_scrolled_80x24", {
        app.key(KeyCode::Up).key(KeyCode::Up).key(KeyCode::Up);
        app.draw(80, 24).backend().to_string()
    });
}

#[test]
fn every_step_of_every_builtin_offers_its_own_kinds_then_the_common_ones() {
    let lib = Library::builtin();
    for source in &lib.protocols {
        let p = &source.protocol;
        let plan = expand(p, &roster(p, &["Ana", "Ben", "Cy"]));
        let steps: Vec<_> = p.all_steps().collect();
        for planned in &plan {
            let step = steps
                .iter()
                .find(|(_, s)| s.name == planned.name)
                .map(|(_, s)| *s)
                .unwrap();
            let kinds = &planned.note_kinds;
            // The file's kinds first, in its order: the box opens on the first.
            let mut declared: Vec<&String> = Vec::new();
            for k in &step.notes {
                if !declared.contains(&k) {
                    declared.push(k);
                }
            }
            assert_eq!(
                kinds.iter().take(declared.len()).collect::<Vec<_>>(),
                declared,
                "{}: {}",
                p.id,
                planned.name
            );
            for common in ALWAYS_OFFERED {
                assert_eq!(
                    kinds.iter().filter(|k| *k == common).count(),
                    1,
                    "{}: {} offers {common} once: {kinds:?}",
                    p.id,
                    planned.name
                );
            }
            if let Some(first) = step.notes.first() {
                assert_eq!(&kinds[0], first);
            } else {
                assert_eq!(kinds[0], "note");
            }
        }
    }
    // Where people ask questions the box opens on Question; in warm feedback on Warm.
    let tuning = builtin("tuning");
    let plan = expand(&tuning, &roster(&tuning, &["Ana", "Ben"]));
    let first_kind = |name: &str| {
        plan.iter()
            .find(|s| s.name == name)
            .map(|s| s.note_kinds[0].clone())
            .unwrap()
    };
    assert_eq!(first_kind("Clarifying questions"), "question");
    assert_eq!(first_kind("Warm and cool feedback"), "warm");
    // And a debrief offers action, so "Sam: draft the survey" lands in Next steps.
    assert!(
        plan.last()
            .unwrap()
            .note_kinds
            .contains(&"action".to_string())
    );
}

#[test]
fn the_note_box_opens_on_the_steps_first_kind_and_tab_reaches_private() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('i'));
    assert_eq!(app.run().current_kind(), "question");
    // question, note, idea, action, private.
    for _ in 0..4 {
        app.key(KeyCode::Tab);
    }
    assert_eq!(app.run().current_kind(), "private");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("New note · kind: Private: stays on this computer (Tab changes)"),
        "{shown}"
    );
    app.type_text("I am tired today").key(KeyCode::Enter);
    assert_eq!(app.run().session.notes[0].kind, "private");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("[Private] I am tired today"), "{shown}");
    // Tab goes round to the first kind again.
    app.key(KeyCode::Tab);
    assert_eq!(app.run().current_kind(), "question");
}

#[test]
fn an_action_that_names_a_person_shows_its_owner_in_next_steps() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    // Presentation, feedback, the go-round's two turns, then the debrief.
    for _ in 0..4 {
        app.key(KeyCode::Char('n'));
    }
    assert_eq!(app.run().session.step().name, "Debrief");
    app.key(KeyCode::Char('i'));
    assert_eq!(app.run().current_kind(), "action");
    app.type_text("Pat: add a why box by Friday")
        .key(KeyCode::Enter);
    app.type_text("Someone: order more paper")
        .key(KeyCode::Enter);
    let doc = last_saved(&app);
    let next = doc.split("## Next steps").nth(1).unwrap();
    assert!(
        next.contains("- [ ] **Pat**: add a why box by Friday *(Debrief)*"),
        "{next}"
    );
    assert!(
        next.contains("- [ ] Someone: order more paper *(Debrief)*"),
        "{next}"
    );
}

#[test]
fn the_run_screen_keeps_q_and_help_on_its_key_line_at_every_size() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    for (w, h) in [
        (59, 19),
        (60, 20),
        (61, 21),
        (70, 22),
        (80, 24),
        (100, 30),
        (120, 40),
    ] {
        let lines = app.rows(w, h);
        let keys = lines.last().unwrap();
        assert!(
            keys.contains("q end") && keys.contains("? help"),
            "{w}×{h}: {keys:?}"
        );
        // The header keeps the group's name (cut with … only when it must be).
        if w >= 60 {
            assert!(lines[0].contains("Grade 7 team"), "{w}×{h}: {:?}", lines[0]);
        }
    }
    // Paused, the same key says resume.
    app.key(KeyCode::Char(' '));
    assert!(app.rows(80, 24).last().unwrap().contains("space resume"));
}

#[test]
fn a_long_group_name_is_cut_with_an_ellipsis_in_the_header() {
    let mut app = App::new();
    app.pick("quick-tuning");
    app.key(KeyCode::Enter)
        .type_text("The very long named grade seven humanities and science team")
        .key(KeyCode::Enter);
    app.type_text("Sam").key(KeyCode::Enter);
    app.type_text("Pat").key(KeyCode::Enter);
    app.type_text("Ana, Ben").key(KeyCode::Enter);
    app.key(KeyCode::Enter).key(KeyCode::Enter);
    let top = app.rows(60, 20)[0].clone();
    assert!(top.starts_with("The very long named"), "{top:?}");
    assert!(top.contains('…'), "{top:?}");
    assert!(top.contains("ends"), "{top:?}");
}

#[test]
fn the_room_sees_the_question_and_then_the_restated_one() {
    let mut app = App::new();
    app.model.settings.live_file = Some(std::path::PathBuf::from("/run/crit-live.json"));
    app.start("tuning", "Ana, Ben");
    let published = |app: &App| {
        app.effects
            .iter()
            .rev()
            .find_map(|e| match e {
                Effect::Publish { live, .. } => Some(live.question.clone()),
                _ => None,
            })
            .expect("the public view was written")
    };
    assert_eq!(
        published(&app).as_deref(),
        Some("How do I deepen student thinking?")
    );
    // On a small projector window the question is in plain type below the cues.
    app.key(KeyCode::Char('b'));
    let small = app.rows(60, 20);
    let cues = small.iter().position(|l| l.contains("Speak:")).unwrap();
    let below = small[cues + 1..].join(" ");
    assert!(below.contains("How do I deepen student"), "{small:#?}");
    // Restated, the room sees the new wording.
    app.key(KeyCode::Char('r'));
    for _ in 0.."How do I deepen student thinking?".len() {
        app.key(KeyCode::Backspace);
    }
    app.type_text("How can students lead the thinking?")
        .key(KeyCode::Enter);
    assert_eq!(
        published(&app).as_deref(),
        Some("How can students lead the thinking?")
    );
    let small = app.rows(60, 20).join(" ");
    assert!(small.contains("How can students lead"), "{small}");
    // The mirror draws the same view from the file's contents.
    let Screen::Run(run) = &app.model.screen else {
        panic!("running")
    };
    let live = critical_friends::app::Live::from_session(&run.session, app.clock.now);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 20)).unwrap();
    let theme = critical_friends::ui::Theme {
        color: false,
        warning: true,
    };
    t.draw(|f| critical_friends::ui::mirror_view(f, Some(&live), app.clock.now.wall, &theme))
        .unwrap();
    assert!(format!("{:?}", t.backend()).contains("How can students lead"));
}

#[test]
fn on_a_large_screen_the_question_grows_with_the_room_left() {
    let mut app = App::new();
    app.start("tuning", "Ana, Ben");
    app.key(KeyCode::Char('b'));
    let question_rows = |app: &App, w: u16, h: u16| {
        let lines = app.rows(w, h);
        let cues = lines.iter().position(|l| l.contains("Speak:")).unwrap();
        lines[cues + 1..]
            .iter()
            .filter(|l| l.chars().any(|c| ('▀'..='▟').contains(&c)))
            .count()
    };
    // A long question in quarter-cell type on 120×40; a short one in whole cells on a
    // wall screen.
    let long = question_rows(&app, 120, 40);
    assert!((4..=8).contains(&long), "{long} rows");
    app.key(KeyCode::Char('r'));
    for _ in 0.."How do I deepen student thinking?".len() {
        app.key(KeyCode::Backspace);
    }
    app.type_text("Is it fair?").key(KeyCode::Enter);
    let short = question_rows(&app, 300, 100);
    assert!(short >= 7, "{short} rows");
}

#[test]
fn a_long_note_wraps_in_the_notes_panel_and_is_read_whole() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    let long = "Second note, this one is much longer than the width of the notes panel at \
                eighty columns so it should wrap onto a second line END";
    app.key(KeyCode::Char('i'))
        .type_text(long)
        .key(KeyCode::Enter)
        .key(KeyCode::Esc);
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = app.rows(w, h).join(" ");
        let words = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("onto a second line END"), "{w}x{h}: {shown}");
    }
}

#[test]
fn a_long_focusing_question_is_read_whole_at_80x24() {
    let mut app = App::new();
    app.pick("quick-tuning").key(KeyCode::Enter);
    app.type_text("Grade 7 team").key(KeyCode::Enter);
    app.type_text("Sam").key(KeyCode::Enter);
    app.type_text("Pat").key(KeyCode::Enter);
    app.type_text("Ana, Ben").key(KeyCode::Enter);
    app.type_text("What would make this rubric clearer for students who struggle with reading?")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    let words = app
        .rows(80, 24)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("students who struggle with reading?"),
        "{words}"
    );
}

#[test]
fn the_projector_shows_a_pause_in_overtime() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.wait(10).key(KeyCode::Char(' ')).key(KeyCode::Char('b'));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("OVER TIME") && shown.contains("PAUSED"),
        "{shown}"
    );
}

#[test]
fn a_paste_in_the_picker_finds_and_never_acts_as_keys() {
    let mut app = App::new();
    // "q" would quit, "j" move: as a paste they are text to find.
    app.send(critical_friends::app::Msg::Paste("quick".into()));
    assert!(!app.model.quit);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Find: quick"), "{shown}");
    assert!(shown.contains("Quick Tuning (test)"), "{shown}");
}

#[test]
fn the_summary_counts_the_notes_in_the_file_and_the_private_ones_apart() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('i'))
        .type_text("shared")
        .key(KeyCode::Enter);
    // Tab round to the private kind, then a private note.
    for _ in 0..12 {
        if app.run().current_kind() == "private" {
            break;
        }
        app.key(KeyCode::Tab);
    }
    app.type_text("mine only")
        .key(KeyCode::Enter)
        .key(KeyCode::Esc);
    app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("1 note · planned"), "{shown}");
    assert!(shown.contains("1 private note"), "{shown}");
}

/// At 80×24 the lines under the summary's table grow to hold what they say: where the
/// session, its private notes and its take-away went and what sharing did, each path
/// whole (before, five fixed rows cut off the take-away's path).
#[test]
fn the_summary_shows_every_path_whole_at_80x24() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    let dir = "/home/teacher/Documents/Critical Friends/Grade 7 humanities team";
    let session = format!("{dir}/2026-12-03-1135-quick-tuning-grade-7-humanities-team.md");
    let takeaway =
        format!("{dir}/2026-12-03-1135-quick-tuning-grade-7-humanities-team.takeaway.md");
    if let Screen::Summary(s) = &mut app.model.screen {
        s.saving.path = Some(session.clone().into());
        s.takeaway = Some(Ok(takeaway.clone().into()));
        s.shared = Some(critical_friends::archive::share::Outcome::ok(
            "Committed to the shared archive. git does not know who you are, so crit commits \
             as \"crit\"; to sign your own name, run `git config --global user.name`.",
        ));
    } else {
        panic!("not on the summary");
    }
    // Joined as read: a path wrapped at one of its spaces reads on across the break.
    let shown = app
        .rows(80, 24)
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join(" ");
    for path in [&session, &takeaway] {
        assert!(
            shown.contains(path.as_str()),
            "{path} cut off:\n{}",
            app.rows(80, 24).join("\n")
        );
    }
    assert!(shown.contains("user.name"));
    // The timing table keeps its place.
    assert!(shown.contains("Presentation"));
}

/// Private notes of a session saved nowhere are said to be on screen only, not "in
/// nowhere yet".
#[test]
fn private_notes_saved_nowhere_are_said_to_be_on_screen_only() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    let now = app.clock.now;
    if let Screen::Summary(s) = &mut app.model.screen {
        s.session
            .add_note(critical_friends::session::PRIVATE, "only mine", now);
        s.saving.path = None;
    } else {
        panic!("not on the summary");
    }
    let shown = app.rows(80, 24).join("\n");
    assert!(
        shown.contains("1 private note (not in the session's file), kept on screen until"),
        "{shown}"
    );
    assert!(!shown.contains("nowhere yet"), "{shown}");
}

/// When the last save failed everywhere, the summary says where the session was *last*
/// saved, above why the latest save failed; a session moved to the rescue folder is
/// simply saved there.
#[test]
fn the_summary_says_last_saved_only_when_the_latest_save_failed() {
    let mut app = App::new();
    app.start("quick-tuning", "Ana, Ben");
    app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    for (unsaved, expected, refused) in [
        (true, "Last saved to /rescue/s.md", "Saved to"),
        (false, "Saved to /rescue/s.md", "Last saved"),
    ] {
        if let Screen::Summary(s) = &mut app.model.screen {
            s.saving = critical_friends::app::Saving {
                path: Some("/rescue/s.md".into()),
                problem: Some("Cannot save /rescue/s.md: disk full.".into()),
                unsaved,
            };
        }
        let shown = app.rows(80, 24).join("\n");
        assert!(shown.contains(expected), "{shown}");
        assert!(!shown.lines().any(|l| l.starts_with(refused)), "{shown}");
    }
}
