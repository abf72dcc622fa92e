//! The command line, run as a user would.

use std::process::Command;

use crate::support::fixtures;

fn crit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crit"))
        .args(args)
        .env_remove("CRIT_PROTOCOLS")
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("crit-test-config-none"),
        )
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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

fn crit_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crit"));
    cmd.args(args)
        .env_remove("CRIT_PROTOCOLS")
        .env_remove("CRIT_ARCHIVE")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("crit-test-config-none"),
        );
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_archive_folder_follows_flag_then_environment_then_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "archive = \"/from/config\"\nbell = false\n").unwrap();
    let c = config.to_str().unwrap();
    let (_, out, _) = crit_env(&["archive", "path", "--config", c], &[]);
    assert_eq!(out.trim(), "/from/config");
    let (_, out, _) = crit_env(
        &["archive", "path", "--config", c],
        &[("CRIT_ARCHIVE", "/from/env")],
    );
    assert_eq!(out.trim(), "/from/env");
    let (_, out, _) = crit_env(
        &["archive", "path", "--config", c, "--archive", "/from/flag"],
        &[("CRIT_ARCHIVE", "/from/env")],
    );
    assert_eq!(out.trim(), "/from/flag");
}

#[test]
fn an_explicit_config_that_fails_is_an_error_and_the_default_only_warns() {
    let (code, _, err) = crit_env(
        &["archive", "path", "--config", "/no/such/config.toml"],
        &[],
    );
    assert_eq!(code, 1);
    assert!(err.contains("/no/such/config.toml"), "{err}");

    let home = tempfile::tempdir().unwrap();
    let conf_dir = home.path().join("crit");
    std::fs::create_dir_all(&conf_dir).unwrap();
    std::fs::write(conf_dir.join("config.toml"), "bel = false\n").unwrap();
    let (code, out, err) = crit_env(
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
    let (code, out, _) = crit_env(
        &["config", "path"],
        &[("XDG_CONFIG_HOME", home.path().to_str().unwrap())],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        home.path().join("crit/config.toml").display().to_string()
    );
    let (code, example, _) = crit_env(&["config", "example"], &[]);
    assert_eq!(code, 0);
    let file = home.path().join("example.toml");
    std::fs::write(&file, example).unwrap();
    let (code, _, err) = crit_env(
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
        critical_friends::app::parse_end_time("16:30")
            .unwrap()
            .to_string(),
        "16:30:00"
    );
    assert_eq!(
        critical_friends::app::parse_end_time("9:05")
            .unwrap()
            .to_string(),
        "09:05:00"
    );
    assert_eq!(
        critical_friends::app::parse_end_time("1630")
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
