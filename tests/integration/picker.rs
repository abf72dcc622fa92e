//! The picker finds (`/` filters by name, id and tags), moves round its list, and keeps
//! its lines whole at 80 columns; the setup form keeps its hints and `Esc back` at 60.

use std::path::PathBuf;

use critical_friends::app::Screen;
use critical_friends::protocol::Library;
use ratatui::crossterm::event::KeyCode;

use crate::screens::App;
use crate::support::*;

fn selected_id(app: &App) -> String {
    let Screen::Picker(p) = &app.model.screen else {
        panic!("not on the picker");
    };
    app.model.library.protocols[p.selected].protocol.id.clone()
}

fn visible_ids(app: &App) -> Vec<String> {
    let Screen::Picker(p) = &app.model.screen else {
        panic!("not on the picker");
    };
    p.visible(&app.model.library)
        .into_iter()
        .map(|i| app.model.library.protocols[i].protocol.id.clone())
        .collect()
}

#[test]
fn slash_filters_by_name_id_and_tag_as_you_type_and_enter_picks() {
    let mut app = App::with_library(Library::builtin());
    let all = visible_ids(&app).len();
    app.key(KeyCode::Char('/')).type_text("onion");
    assert_eq!(visible_ids(&app), ["peeling-the-onion"]);
    assert_eq!(selected_id(&app), "peeling-the-onion");
    let shown = app.rows(80, 24).join("\n");
    assert!(shown.contains("Find: onion"), "{shown}");
    assert!(shown.contains(&format!("1 of {all} protocols")), "{shown}");
    // Letters that are keys elsewhere (q, s, r) are text while finding.
    for _ in 0..5 {
        app.key(KeyCode::Backspace);
    }
    app.type_text("warm and cool");
    assert_eq!(
        visible_ids(&app),
        ["student-consultancy", "tuning"],
        "by tag"
    );
    app.key(KeyCode::Down);
    assert_eq!(selected_id(&app), "tuning");
    app.key(KeyCode::Enter);
    let Screen::Setup(setup) = &app.model.screen else {
        panic!("Enter picks the chosen protocol");
    };
    assert_eq!(setup.protocol.id, "tuning");

    // By id, and with nothing found Enter does nothing.
    let mut app = App::with_library(Library::builtin());
    app.key(KeyCode::Char('/')).type_text("cac");
    assert_eq!(visible_ids(&app), ["cac"]);
    app.type_text("zzz");
    assert!(visible_ids(&app).is_empty());
    assert!(app.rows(80, 24).join("\n").contains("No protocol matches"));
    app.key(KeyCode::Enter);
    assert!(matches!(app.model.screen, Screen::Picker(_)));
}

#[test]
fn esc_clears_the_filter_and_a_second_esc_quits() {
    let mut app = App::with_library(Library::builtin());
    let all = visible_ids(&app).len();
    app.key(KeyCode::Char('/')).type_text("tuning");
    assert!(visible_ids(&app).len() < all);
    app.key(KeyCode::Down);
    let chosen = selected_id(&app);
    app.key(KeyCode::Esc);
    assert_eq!(visible_ids(&app).len(), all);
    assert!(!app.model.quit);
    // The choice made while filtering stays.
    assert_eq!(selected_id(&app), chosen);
    app.key(KeyCode::Esc);
    assert!(app.model.quit);
}

#[test]
fn home_end_and_moving_past_either_end_wrap_round() {
    let mut app = App::with_library(Library::builtin());
    let ids = visible_ids(&app);
    let (first, last) = (ids[0].clone(), ids[ids.len() - 1].clone());
    app.key(KeyCode::Up);
    assert_eq!(
        selected_id(&app),
        last,
        "up from the first goes to the last"
    );
    app.key(KeyCode::Down);
    assert_eq!(
        selected_id(&app),
        first,
        "down from the last goes to the first"
    );
    app.key(KeyCode::End);
    assert_eq!(selected_id(&app), last);
    app.key(KeyCode::Home);
    assert_eq!(selected_id(&app), first);
}

#[test]
fn esc_on_the_skipped_files_pop_up_closes_it_and_does_not_quit() {
    let dir = fixtures().join("protocols/invalid");
    let lib = Library::load(None, &[dir]).unwrap();
    assert!(!lib.skipped.is_empty());
    let mut app = App::with_library(lib);
    app.key(KeyCode::Char('s'));
    let shown = app.rows(80, 24).join("\n");
    assert!(shown.contains("Skipped files · Esc closes"), "{shown}");
    app.key(KeyCode::Esc);
    assert!(!app.model.quit);
    let Screen::Picker(p) = &app.model.screen else {
        panic!("still the picker");
    };
    assert!(!p.show_skipped);
}

#[test]
fn at_80_columns_every_name_and_the_resume_line_fit() {
    let mut app = App::with_library(Library::builtin());
    app.model.resume_offer = Some((
        PathBuf::from("/archive/x.md"),
        "Student Consultants: Project Tuning · The very long named humanities team · \
         step 3 of 9, 23 Nov 14:00"
            .into(),
    ));
    let shown = app.rows(80, 24);
    // Each name is whole when the list has scrolled to it.
    let names: Vec<String> = app
        .model
        .library
        .protocols
        .iter()
        .map(|s| s.protocol.name.clone())
        .collect();
    for name in &names {
        let text = app.rows(80, 24).join("\n");
        assert!(text.contains(name.as_str()), "{name} is cut:\n{text}");
        app.key(KeyCode::Down);
    }
    app.key(KeyCode::Home);
    let resume = shown
        .iter()
        .find(|l| l.starts_with("Unfinished session:"))
        .unwrap();
    assert!(resume.trim_end().ends_with("r resumes it"), "{resume:?}");
    assert!(resume.contains('…'), "{resume:?}");
    insta::assert_snapshot!("picker_builtins_80x24", app.draw(80, 24).backend());
}

#[test]
fn the_setup_form_at_60_columns_shows_its_hints_whole_and_keeps_esc_back() {
    let mut app = App::new();
    app.pick("quick-tuning");
    app.key(KeyCode::Enter);
    let shown = app.rows(60, 20);
    let text = shown.join("\n");
    for hint in [
        "Who is meeting, e.g. Grade 7 team",
        "Names, separated by commas",
        "The question or dilemma (optional)",
        "HH:MM, optional",
    ] {
        assert!(text.contains(hint), "{hint} is cut:\n{text}");
    }
    assert!(shown.last().unwrap().contains("Esc back"), "{text}");
    insta::assert_snapshot!("setup_60x20", app.draw(60, 20).backend());
}
