//! The command line, run as a user would.

use std::process::Command;

use crate::support::{crit_with, fixtures};

fn crit(args: &[&str]) -> (i32, String, String) {
    crit_with(args, &[])
}

#[test]
fn validate_reports_every_problem_and_exits_1() {
    let file = fixtures().join("protocols/invalid/undeclared-role.toml");
    let (code, out, err) = crit(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        out.lines().all(|l| l.starts_with(file.to_str().unwrap())),
        "{out}"
    );
    assert!(
        out.contains(
            ":11:11: role `presentor` is not declared in [roles]; did you mean `presenter`?"
        ),
        "{out}"
    );
    assert!(err.contains("1 of 1 file(s) have problems"));
}

#[test]
fn validate_accepts_every_built_in() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("protocols");
    let files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = crit(&args);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn list_shows_built_ins_and_where_they_come_from() {
    let (code, out, _) = crit(&["list"]);
    assert_eq!(code, 0);
    let tuning = out
        .lines()
        .find(|l| l.starts_with("tuning "))
        .expect("tuning listed");
    assert!(
        tuning.contains("Tuning Protocol")
            && tuning.contains("77")
            && tuning.contains("built-in:tuning.toml"),
        "{tuning}"
    );
}

#[test]
fn list_json_is_machine_readable() {
    let valid = fixtures().join("protocols/valid");
    let (code, out, _) = crit(&["list", "--json", "--protocols", valid.to_str().unwrap()]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let quick = doc["protocols"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "quick-tuning")
        .unwrap();
    assert_eq!(quick["name"], "Quick Tuning (test)");
    assert!(
        quick["file"]
            .as_str()
            .unwrap()
            .ends_with("quick-tuning.toml")
    );
    assert!(
        (quick["total_minutes"].as_f64().unwrap() - 0.5).abs() < 0.01,
        "3 steps of 6 s, and a go-round of 3 s for a typical 4 participants"
    );
}

#[test]
fn show_prints_a_handout() {
    let (code, out, _) = crit(&["show", "tuning"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("---\ntitle: \"Tuning Protocol\"\nprotocol_id: \"tuning\"\n"),
        "{out}"
    );
    assert!(out.contains("\n---\n\n# Tuning Protocol\n"), "{out}");
    assert!(out.contains("Warm and cool feedback"));
    assert!(out.contains("**Silent:**"));
}

#[test]
fn unknown_protocols_get_a_suggestion() {
    let (code, _, err) = crit(&["show", "tunning"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("there is no protocol `tunning`. Did you mean `tuning`?"),
        "{err}"
    );
}

#[test]
fn run_rejects_roles_the_protocol_lacks() {
    let (code, _, err) = crit(&["run", "chalk-talk", "--presenter", "Pat"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`chalk-talk` has no role `presenter`"),
        "{err}"
    );
}

#[test]
fn bad_end_times_are_usage_errors() {
    let (code, _, err) = crit(&["run", "tuning", "--end", "half past four"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a time"), "{err}");
}

#[test]
fn new_writes_a_template_that_validates() {
    let (code, out, _) = crit(&["new", "our-tuning", "--stdout"]);
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("our-tuning.toml");
    std::fs::write(&file, &out).unwrap();
    let (code, out, err) = crit(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn version_and_help_work() {
    assert_eq!(crit(&["--version"]).0, 0);
    let (code, out, _) = crit(&["run", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--participants"));
}

#[test]
fn the_archive_folder_follows_flag_then_environment_then_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "archive = \"/from/config\"\nbell = false\n").unwrap();
    let c = config.to_str().unwrap();
    let (_, out, _) = crit_with(&["archive", "path", "--config", c], &[]);
    assert_eq!(out.trim(), "/from/config");
    let (_, out, _) = crit_with(
        &["archive", "path", "--config", c],
        &[("CRIT_ARCHIVE", "/from/env")],
    );
    assert_eq!(out.trim(), "/from/env");
    let (_, out, _) = crit_with(
        &["archive", "path", "--config", c, "--archive", "/from/flag"],
        &[("CRIT_ARCHIVE", "/from/env")],
    );
    assert_eq!(out.trim(), "/from/flag");
}

#[test]
fn an_explicit_config_that_fails_is_an_error_and_the_default_only_warns() {
    let (code, _, err) = crit_with(
        &["archive", "path", "--config", "/no/such/config.toml"],
        &[],
    );
    assert_eq!(code, 1);
    assert!(err.contains("/no/such/config.toml"), "{err}");

    let home = tempfile::tempdir().unwrap();
    let conf_dir = home.path().join("crit");
    std::fs::create_dir_all(&conf_dir).unwrap();
    std::fs::write(conf_dir.join("config.toml"), "bel = false\n").unwrap();
    let (code, out, err) = crit_with(
        &["archive", "path"],
        &[("XDG_CONFIG_HOME", home.path().to_str().unwrap())],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.trim().is_empty());
    assert!(
        err.contains("config.toml:1:1: unknown setting `bel`")
            && err.contains("did you mean `bell`?"),
        "{err}"
    );
}

#[test]
fn config_path_and_example() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, _) = crit_with(
        &["config", "path"],
        &[("XDG_CONFIG_HOME", home.path().to_str().unwrap())],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        home.path().join("crit/config.toml").display().to_string()
    );
    let (code, example, _) = crit_with(&["config", "example"], &[]);
    assert_eq!(code, 0);
    let file = home.path().join("example.toml");
    std::fs::write(&file, example).unwrap();
    let (code, _, err) = crit_with(
        &["archive", "path", "--config", file.to_str().unwrap()],
        &[("HOME", "/home/someone")],
    );
    assert_eq!(code, 0, "the example loads: {err}");
}

#[test]
fn escape_sequences_in_protocol_files_never_reach_the_terminal() {
    let hostile = fixtures().join("protocols/hostile");
    let dir = hostile.to_str().unwrap();
    for args in [
        vec!["list", "--protocols", dir],
        vec!["show", "evil", "--protocols", dir],
        vec!["list", "--json", "--protocols", dir],
    ] {
        let (code, out, err) = crit(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !out.contains(bad) && !err.contains(bad),
                "{args:?} printed {bad:?}: {out}"
            );
        }
    }
    let (_, out, _) = crit(&["show", "evil", "--protocols", dir]);
    assert!(
        out.contains("Evil ␛\\[2J"),
        "the text is still there, visibly: {out}"
    );
}

#[test]
fn completions_and_the_manual_come_from_the_command_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = crit(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(
            out.contains("crit") && out.contains("mirror") && out.contains("participants"),
            "{shell}: {out}"
        );
    }
    let (code, out, _) = crit(&["man"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(".TH crit") && out.contains("validate"),
        "{out}"
    );
}

#[test]
fn the_readme_shows_the_config_example_as_crit_prints_it() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n# crit's settings")
        .expect("config example in README")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    assert_eq!(&readme[start..end], critical_friends::config::EXAMPLE);
}

#[test]
fn end_times_need_two_digit_minutes() {
    for bad in ["16:3", "9:5", "25:99", "4pm"] {
        let (code, _, err) = crit(&["run", "tuning", "--end", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
    }
    assert_eq!(
        critical_friends::times::parse_end_time("16:30")
            .unwrap()
            .to_string(),
        "16:30:00"
    );
    assert_eq!(
        critical_friends::times::parse_end_time("9:05")
            .unwrap()
            .to_string(),
        "09:05:00"
    );
    assert_eq!(
        critical_friends::times::parse_end_time("1630")
            .unwrap()
            .to_string(),
        "16:30:00"
    );
}

#[test]
fn screens_outside_a_terminal_say_so_plainly() {
    let (code, _, err) = crit(&[
        "run",
        "tuning",
        "--group",
        "G",
        "--facilitator",
        "F",
        "--presenter",
        "P",
        "--participants",
        "A",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("needs a terminal window"), "{err}");
}

#[test]
fn resume_explains_what_cannot_be_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = crit(&["resume", dir.path().join("gone.md").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("there is no session file"), "{err}");
    let done = dir.path().join("done.md");
    std::fs::write(
        &done,
        "---\nprotocol: \"Tuning Protocol\"\nstatus: complete\n---\n# x\n",
    )
    .unwrap();
    let (code, _, err) = crit(&["resume", done.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("is a finished session: there is nothing to resume"),
        "{err}"
    );
    let (code, _, err) = crit(&["resume", "--archive", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("there is no unfinished session"), "{err}");
}

#[test]
fn a_refused_resume_leaves_no_lock_behind() {
    let dir = tempfile::tempdir().unwrap();
    let done = dir.path().join("done.md");
    std::fs::write(
        &done,
        "---\nprotocol: \"Tuning Protocol\"\nstatus: complete\n---\n",
    )
    .unwrap();
    for file in [done.clone(), dir.path().join("missing.md")] {
        let (code, _, _) = crit(&["resume", file.to_str().unwrap()]);
        assert_eq!(code, 1);
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("done.md")]);
}

#[test]
fn show_an_id_beside_a_folder_of_that_name_shows_the_built_in() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tuning")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crit"))
        .args(["show", "tuning"])
        .current_dir(dir.path())
        .env_remove("CRIT_PROTOCOLS")
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Tuning Protocol"), "{text}");
}

/// `crit validate` checks files with the library's own loader: for the same files it says
/// exactly what `crit list` says when it skips them, file by file, and a file it cannot
/// read at all is named without a position.
#[test]
fn validate_and_the_library_say_the_same_about_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let tuning = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("protocols/tuning.toml"),
    )
    .unwrap();
    let path = |name: &str| dir.path().join(name).display().to_string();
    std::fs::write(path("a.toml"), &tuning).unwrap();
    std::fs::write(path("b.toml"), &tuning).unwrap();
    std::fs::write(path("bad.toml"), "id = \"x\"\n").unwrap();
    std::fs::write(path("bin.toml"), b"\xff\xfe").unwrap();
    let (a, b, bad, bin) = (
        path("a.toml"),
        path("b.toml"),
        path("bad.toml"),
        path("bin.toml"),
    );
    let problems = [
        format!("{b}:1:1: id `tuning` is also used by {a}; give one of them another `id`"),
        format!(
            "{bad}:1:1: missing `name`: add a line like `name = \"Tuning Protocol\"` at the top"
        ),
        format!(
            "{bad}:1:1: no steps: add at least one `[[steps]]` table with a `name` and `minutes`"
        ),
        format!("{bin}:1:1: this file is not UTF-8 text; save it as UTF-8 in your editor"),
    ];
    let missing = path("missing.toml");
    let (code, out, err) = crit(&["validate", &a, &b, &bad, &bin, &missing]);
    assert_eq!(code, 1);
    let mut lines: Vec<&str> = out.lines().collect();
    let last = lines.pop().unwrap();
    assert_eq!(lines, problems, "{out}");
    assert!(
        last.starts_with(&format!("{missing}: cannot read this file: ")),
        "{last}"
    );
    assert_eq!(err, "4 of 5 file(s) have problems\n");

    let (code, _, err) = crit(&["list", "--protocols", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    let skipped: Vec<String> = problems.iter().map(|p| format!("skipped: {p}")).collect();
    assert_eq!(err.lines().collect::<Vec<_>>(), skipped, "{err}");

    assert_eq!(
        crit(&["validate", &a]),
        (0, "1 file(s) OK\n".into(), String::new())
    );
}

// Starting the screen: the model is built in one place, `app::init`, for the picker,
// `crit run` and `crit resume`.

mod init {
    use std::path::PathBuf;

    use critical_friends::app::{self, Effect, Prefill, Screen, Settings, Start};
    use critical_friends::archive::Resumed;
    use critical_friends::protocol::Library;

    use crate::support::{FakeClock, builtin, tuning_session};

    fn settings() -> Settings {
        Settings::new(PathBuf::from("/archive"), PathBuf::from("/rescue"))
    }

    #[test]
    fn the_picker_offers_the_unfinished_session() {
        let offer = (PathBuf::from("/archive/s.md"), "Tuning · G".to_string());
        let start = Start::Picker {
            resume_offer: Some(offer.clone()),
        };
        let now = FakeClock::new().now;
        let (model, effects) = app::init(Library::builtin(), settings(), now, start).unwrap();
        assert!(matches!(model.screen, Screen::Picker(_)));
        assert_eq!(model.resume_offer, Some(offer));
        assert!(model.came_from_picker && !model.start_in_projector);
        assert!(effects.is_empty());
    }

    #[test]
    fn run_with_everyone_named_starts_the_session_and_saves_it() {
        let protocol = builtin("tuning");
        let prefill = Prefill {
            group: Some("G".into()),
            roles: vec![
                ("facilitator".into(), vec!["Sam".into()]),
                ("presenter".into(), vec!["Pat".into()]),
                ("participant".into(), vec!["Ana".into(), "Ben".into()]),
            ],
            question: None,
            end_by: None,
        };
        let start = Start::Run {
            protocol,
            prefill,
            projector: true,
        };
        let now = FakeClock::new().now;
        let (model, effects) = app::init(Library::builtin(), settings(), now, start).unwrap();
        let Screen::Run(run) = &model.screen else {
            panic!("not the run screen")
        };
        assert!(run.projector, "--projector opens the projector view");
        assert_eq!(run.session.roster.names("participant"), ["Ana", "Ben"]);
        assert!(
            !model.came_from_picker,
            "leaving setup does not go to the picker"
        );
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::OpenArchive { dir, .. } if dir.as_path() == std::path::Path::new("/archive"))),
            "the session's file is written at once"
        );
    }

    #[test]
    fn run_with_names_missing_opens_the_setup_form() {
        let start = Start::Run {
            protocol: builtin("tuning"),
            prefill: Prefill::default(),
            projector: false,
        };
        let now = FakeClock::new().now;
        let (mut model, effects) = app::init(Library::builtin(), settings(), now, start).unwrap();
        assert!(matches!(model.screen, Screen::Setup(_)));
        assert!(!model.came_from_picker);
        assert!(effects.is_empty());
        // There is no picker to go back to: the footer says that Esc quits, and it does.
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        t.draw(|f| critical_friends::ui::view(&model, f)).unwrap();
        let shown = format!("{:?}", t.backend());
        assert!(
            shown.contains("Esc quit") && !shown.contains("Esc back"),
            "{shown}"
        );
        let esc =
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Esc);
        app::update(&mut model, app::Msg::Key(esc), now);
        assert!(model.quit, "Esc quits a setup form of `crit run`");
    }

    #[test]
    fn resume_continues_the_saved_session_with_its_draft() {
        let mut clock = FakeClock::new();
        let session = tuning_session(&clock);
        let saved = session.saved(clock.advance(30));
        let resumed = Resumed {
            saved,
            draft: Some(("note".into(), "half a thought".into())),
            last_seen: clock.now.wall,
            hand_edits: None,
        };
        let path = PathBuf::from("/archive/s.md");
        let start = Start::Resume {
            resumed,
            path: path.clone(),
        };
        let now = clock.advance(5);
        let (model, _) = app::init(Library::builtin(), settings(), now, start).unwrap();
        let Screen::Run(run) = &model.screen else {
            panic!("not the run screen")
        };
        assert_eq!(run.saving.path.as_ref(), Some(&path));
        assert_eq!(run.note.lines().join("\n"), "half a thought");
    }
}
