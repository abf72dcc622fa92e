//! Who is in the room: a group name or a list of names too big to make a session is
//! refused at setup, in the form and from `crit run`'s flags, with a message.

use std::process::Command;

use critical_friends::app::Screen;
use ratatui::crossterm::event::KeyCode;

use crate::screens::App;
use crate::support::fixtures;

fn names(n: usize) -> String {
    (1..=n)
        .map(|i| format!("P{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The setup form for the quick Tuning, with `group` and `participants` filled in.
fn form(group: &str, participants: &str) -> App {
    let mut app = App::new();
    app.pick("quick-tuning");
    app.key(KeyCode::Enter);
    // Pasting is how a long text arrives; it fills the focused field.
    app.send(critical_friends::app::Msg::Paste(group.into()));
    app.key(KeyCode::Enter);
    app.type_text("Sam").key(KeyCode::Enter);
    app.type_text("Pat").key(KeyCode::Enter);
    app.send(critical_friends::app::Msg::Paste(participants.into()));
    app.key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    app
}

fn setup_error(app: &App) -> Option<String> {
    match &app.model.screen {
        Screen::Setup(s) => s.error.clone(),
        _ => None,
    }
}

#[test]
fn fifteen_hundred_participants_are_refused_in_the_form() {
    let app = form("Grade 7 team", &names(1500));
    let error = setup_error(&app).expect("still on the setup form, with a message");
    assert!(error.contains("1502 names were given"), "{error}");
    assert!(error.contains("at most 1000"), "{error}");
    // A thousand is still a session.
    let app = form("Grade 7 team", &names(998));
    assert!(matches!(app.model.screen, Screen::Run(_)));
}

#[test]
fn a_huge_group_name_is_refused_in_the_form() {
    let app = form(&"g".repeat(1_100_000), "Ana, Ben");
    let error = setup_error(&app).expect("still on the setup form, with a message");
    assert!(
        error.contains("The group name is 1100000 characters long"),
        "{error}"
    );
    if let Screen::Setup(s) = &app.model.screen {
        assert_eq!(s.focus, 0, "the group's field is the one to fix");
    }
}

fn crit_run(group: &str, participants: &str) -> (i32, String) {
    let archive = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crit"))
        .args(["run", "quick-tuning", "--protocols"])
        .arg(fixtures().join("protocols/valid"))
        .arg("--archive")
        .arg(archive.path())
        .args([
            "--group",
            group,
            "--facilitator",
            "Sam",
            "--presenter",
            "Pat",
        ])
        .args(["--participants", participants])
        .env_remove("CRIT_PROTOCOLS")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("crit-test-config-none"),
        )
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read_dir(archive.path()).unwrap().count(),
        0,
        "nothing was written"
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn crit_run_refuses_too_many_participants_and_a_huge_group_name() {
    let (code, err) = crit_run("Grade 7 team", &names(1500));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("1502 names were given"), "{err}");
    // Linux takes one argument of up to 128 KiB: long enough to show the check.
    let (code, err) = crit_run(&"g".repeat(100_000), "Ana, Ben");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("The group name is 100000 characters long"),
        "{err}"
    );
}
