//! `config.toml`: each valid fixture reads as exactly the settings in its `.expected`
//! file (the settings as Rust prints them), each invalid one gives exactly the messages in
//! its `.expected` file; an explicit file that fails is an error, the default one only
//! warns and the defaults are used.

use std::fs;
use std::path::Path;

use critical_friends::config::{ConfigSource, FileConfig, load, parse_config};

use crate::support::fixtures;

/// Each `.toml` in `folder` with its name and the text of its `.expected` file.
fn cases(folder: &str) -> Vec<(String, String, String)> {
    let dir = fixtures().join("config").join(folder);
    let mut cases = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let expected = fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|e| panic!("{name} needs a .expected file: {e}"));
        cases.push((name, text, expected));
    }
    cases.sort();
    cases
}

#[test]
fn every_valid_fixture_reads_as_its_expected_settings() {
    let mut wrong = Vec::new();
    let cases = cases("valid");
    for (name, text, expected) in &cases {
        match parse_config(text, name) {
            Ok(config) => {
                let got = format!("{config:#?}\n");
                if got != *expected {
                    wrong.push(format!("{name}: read as\n{got}"));
                }
            }
            Err(problems) => wrong.push(format!("{name}: {problems:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(cases.len() >= 12, "all valid fixtures were checked");
}

#[test]
fn every_invalid_fixture_reports_exactly_its_expected_messages() {
    let cases = cases("invalid");
    for (name, text, expected) in &cases {
        let problems = parse_config(text, name).expect_err(name);
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let want: Vec<&str> = expected.lines().collect();
        assert_eq!(got, want, "messages for {name}");
    }
    assert!(cases.len() >= 12, "all invalid fixtures were checked");
}

#[test]
fn every_fixture_has_its_expected_file_and_no_expected_file_is_left_over() {
    for folder in ["valid", "invalid"] {
        let dir = fixtures().join("config").join(folder);
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let other = match path.extension().and_then(|e| e.to_str()) {
                Some("toml") => "expected",
                Some("expected") => "toml",
                _ => panic!("{} is neither .toml nor .expected", path.display()),
            };
            assert!(
                path.with_extension(other).is_file(),
                "{} has no .{other} beside it",
                path.display()
            );
        }
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn explicit_missing_file_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let err = load(ConfigSource::Explicit(&path)).unwrap_err();
    assert_eq!(
        err,
        format!(
            "{}: cannot read the config file: there is no such file",
            shown(&path)
        )
    );
}

#[test]
fn explicit_broken_file_is_an_error_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "bel = false\ntheme = 1\n").unwrap();
    let err = load(ConfigSource::Explicit(&path)).unwrap_err();
    let shown = shown(&path);
    assert_eq!(
        err,
        format!(
            "{shown}:1:1: unknown setting `bel`; did you mean `bell`?\n\
             {shown}:2:9: `theme` must be text in quotes, found integer"
        )
    );
}

#[test]
fn explicit_good_file_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "bell = false\n").unwrap();
    let (c, warnings) = load(ConfigSource::Explicit(&path)).unwrap();
    assert_eq!(c.bell, Some(false));
    assert!(warnings.is_empty());
}

#[test]
fn explicit_folder_is_an_error_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(ConfigSource::Explicit(dir.path())).unwrap_err();
    assert!(err.starts_with(&shown(dir.path())), "{err}");
    assert!(err.contains("cannot read the config file: "), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn default_missing_file_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    assert_eq!(
        load(ConfigSource::Default(Some(&path))),
        Ok((FileConfig::default(), vec![]))
    );
    assert_eq!(
        load(ConfigSource::Default(None)),
        Ok((FileConfig::default(), vec![]))
    );
}

#[test]
fn default_broken_file_warns_and_uses_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "bell = false\nbel = false\n").unwrap();
    let (c, warnings) = load(ConfigSource::Default(Some(&path))).unwrap();
    assert_eq!(c, FileConfig::default());
    let shown = shown(&path);
    assert_eq!(
        warnings,
        [
            format!("{shown}:2:1: unknown setting `bel`; did you mean `bell`?"),
            format!(
                "{shown}: because of this problem, crit ignores this config file and uses its default settings"
            ),
        ]
    );
    fs::write(&path, "bel = false\ntheme = 1\n").unwrap();
    let (_, warnings) = load(ConfigSource::Default(Some(&path))).unwrap();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings[2].contains("because of these problems"),
        "{warnings:?}"
    );
}

#[test]
fn default_unreadable_file_warns() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be cannot be read as a file.
    let (c, warnings) = load(ConfigSource::Default(Some(dir.path()))).unwrap();
    assert_eq!(c, FileConfig::default());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(&format!(
            "{}: cannot read the config file (",
            shown(dir.path())
        )),
        "{warnings:?}"
    );
    assert!(
        warnings[0].ends_with("), so crit uses its default settings"),
        "{warnings:?}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, b"group = \"Caf\xe9\"\n").unwrap();
    let err = load(ConfigSource::Explicit(&path)).unwrap_err();
    assert_eq!(
        err,
        format!(
            "{}: cannot read the config file: it is not UTF-8 text",
            shown(&path)
        )
    );
}
