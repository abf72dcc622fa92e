//! Loading protocol files: the valid fixtures load, each invalid one gives exactly the
//! messages in its `.expected` file, one bad file never stops the rest, and no input
//! makes the loader panic.

use std::fs;

use critical_friends::protocol::{Entry, Library, Origin, Repeat, builtin_files, parse_protocol};
use proptest::prelude::*;

use crate::support::fixtures;

#[test]
fn every_valid_fixture_loads() {
    let dir = fixtures().join("protocols/valid");
    let lib = Library::load(None, &[dir]).unwrap();
    assert!(lib.skipped.is_empty(), "{:?}", lib.skipped);
    let quick = lib.find("quick-tuning").expect("fixture loaded");
    assert_eq!(quick.origin, Origin::Named);
    assert!(quick.path.ends_with("quick-tuning.toml"));
}

#[test]
fn every_invalid_fixture_reports_exactly_its_expected_messages() {
    let dir = fixtures().join("protocols/invalid");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let expected = fs::read_to_string(path.with_extension("expected")).unwrap();
        let problems = parse_protocol(&text, &name, &stem).expect_err(&name);
        let got: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let want: Vec<&str> = expected.lines().collect();
        assert_eq!(got, want, "messages for {name}");
        checked += 1;
    }
    assert!(checked >= 12, "all invalid fixtures were checked");
}

#[test]
fn one_broken_file_is_skipped_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixtures().join("protocols/valid/quick-tuning.toml"),
        dir.path().join("quick-tuning.toml"),
    )
    .unwrap();
    fs::write(
        dir.path().join("broken.toml"),
        "name = \"Broken\"\n[[steps]]\nname = \"x\"\nminuts = 5\n",
    )
    .unwrap();
    fs::write(dir.path().join("latin1.toml"), b"name = \"Caf\xe9\"\n").unwrap();
    let lib = Library::load(None, &[dir.path().to_path_buf()]).unwrap();
    assert!(lib.find("quick-tuning").is_some());
    assert!(lib.find("tuning").is_some(), "built-ins still load");
    let skipped: Vec<String> = lib
        .skipped
        .iter()
        .flat_map(|s| s.problems.iter().map(|p| p.to_string()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped.iter().any(|m| {
        m.ends_with("broken.toml:4:1: unknown key `minuts` in a step; did you mean `minutes`?")
    }));
    assert!(
        skipped
            .iter()
            .any(|m| m.contains("latin1.toml:1:1: this file is not UTF-8 text"))
    );
}

#[test]
fn later_folders_override_built_ins_by_id_and_duplicates_name_both_files() {
    let user = tempfile::tempdir().unwrap();
    let named = tempfile::tempdir().unwrap();
    let mine =
        "id = \"tuning\"\nname = \"Our Tuning\"\n[[steps]]\nname = \"All of it\"\nminutes = 30\n";
    fs::write(user.path().join("tuning.toml"), mine).unwrap();
    fs::write(
        named.path().join("a.toml"),
        mine.replace("Our Tuning", "Named Tuning"),
    )
    .unwrap();
    fs::write(
        named.path().join("b.toml"),
        mine.replace("Our Tuning", "Second"),
    )
    .unwrap();
    let lib = Library::load(Some(user.path()), &[named.path().to_path_buf()]).unwrap();
    let tuning = lib.find("tuning").unwrap();
    assert_eq!(
        tuning.protocol.name, "Named Tuning",
        "--protocols wins over the user folder"
    );
    assert!(tuning.replaces.as_deref().unwrap().ends_with("tuning.toml"));
    let dup = &lib.skipped[0].problems[0].message;
    assert!(
        dup.contains("id `tuning` is also used by") && dup.contains("a.toml"),
        "{dup}"
    );
    assert!(lib.skipped[0].path.ends_with("b.toml"));
}

#[test]
fn a_named_folder_that_does_not_exist_is_an_error() {
    let err = Library::load(None, &["/no/such/folder".into()]).unwrap_err();
    assert!(
        err.contains("/no/such/folder") && err.contains("--protocols"),
        "{err}"
    );
}

#[test]
fn the_embedded_list_matches_the_protocols_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("protocols");
    let mut on_disk: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = builtin_files().iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        embedded, on_disk,
        "add new files in protocols/ to BUILTIN in src/protocol/library.rs"
    );
    for (name, text) in builtin_files() {
        assert_eq!(
            fs::read_to_string(format!("{}/protocols/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap(),
            *text
        );
    }
}

#[test]
fn every_built_in_loads_with_a_source() {
    let lib = Library::builtin();
    assert!(lib.skipped.is_empty(), "{:?}", lib.skipped);
    assert_eq!(lib.protocols.len(), builtin_files().len());
    for s in &lib.protocols {
        assert!(
            !s.protocol.source.is_empty(),
            "{} has a source",
            s.protocol.id
        );
        assert!(
            !s.protocol.summary.is_empty(),
            "{} has a summary",
            s.protocol.id
        );
        assert_eq!(s.origin, Origin::BuiltIn);
    }
}

#[test]
fn repeats_and_ranges_parse() {
    let text = r#"
name = "Final Word"
[roles]
participant = { label = "Participants", many = true, typical = 5 }
[[steps]]
name = "Rounds"
repeat = "participant"
[[steps.steps]]
name = "Share"
minutes = [2, 3]
speakers = ["presenter"]
[[steps.steps]]
name = "Respond"
turns = "participant"
minutes = 1
silent = ["presenter"]
"#;
    let p = parse_protocol(text, "fw.toml", "fw").unwrap();
    let Entry::Block(b) = &p.steps[0] else {
        panic!("a block")
    };
    assert_eq!(b.repeat, Repeat::EachOf("participant".into()));
    assert_eq!(b.as_role, "presenter");
    assert_eq!(b.steps[0].minutes.planned_secs(), 120);
    assert_eq!(b.steps[0].minutes.max_secs(), 180);
    assert_eq!(p.roles[0].typical, 5);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Arbitrary text never panics the loader; it loads or gives located problems.
    #[test]
    fn no_text_panics_the_loader(text in "\\PC{0,400}") {
        if let Err(problems) = parse_protocol(&text, "x.toml", "x") {
            prop_assert!(!problems.is_empty());
            for p in problems { prop_assert!(p.line >= 1 && p.column >= 1); }
        }
    }

    /// Mutations of a real protocol (bytes cut, keys and values swapped) never panic.
    #[test]
    fn mangled_protocols_never_panic(cut in 0usize..3000, insert in "[\\[\\]=\"a-z0-9\\n., -]{0,20}") {
        let (_, original) = builtin_files()[0];
        let at = original.char_indices().map(|(i, _)| i).nth(cut % original.chars().count()).unwrap_or(0);
        let mangled = format!("{}{}{}", &original[..at], insert, &original[at..]);
        let _ = parse_protocol(&mangled, "x.toml", "x");
    }
}

#[test]
fn the_readme_format_example_loads() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\nid = \"final-word-short\"")
        .expect("example in README")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let p =
        parse_protocol(&readme[start..end], "README.md", "x").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(p.id, "final-word-short");
    assert_eq!(p.steps.len(), 3);
}

#[test]
fn the_template_loads_and_shows_every_key() {
    let text = critical_friends::protocol::template("our-protocol");
    let p = parse_protocol(&text, "our-protocol.toml", "our-protocol")
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(p.id, "our-protocol");
    let keys = [
        "id",
        "name",
        "summary",
        "source",
        "tags",
        "[roles]",
        "label",
        "many",
        "typical",
        "[note_kinds]",
        "[[steps]]",
        "minutes",
        "speakers",
        "silent",
        "guide",
        "stems",
        "notes",
        "turns",
        "estimated",
        "adapted",
        "protected",
        "min_minutes",
        "max_minutes",
        "silence_implied",
        "open",
        "groups",
        "optional",
        "repeat",
        "as",
        "rotate",
        "[[steps.steps]]",
    ];
    for key in keys {
        assert!(
            text.contains(&format!("{key} =")) || text.contains(key),
            "the template shows `{key}`"
        );
    }
    assert!(text.contains("rotate = "), "rotate is shown with its value");
}

#[test]
fn the_template_reads_as_the_screen_behaves() {
    let text = critical_friends::protocol::template("our-protocol");
    let p = parse_protocol(&text, "our-protocol.toml", "our-protocol").unwrap();
    // Its rounds call the round's person the presenter, as published protocols do.
    let block = p
        .steps
        .iter()
        .find_map(|e| match e {
            Entry::Block(b) => Some(b),
            Entry::Step(_) => None,
        })
        .expect("the template shows a repeated block");
    assert_eq!(block.as_role, "presenter");
    assert!(text.contains("as = \"presenter\""));
    assert!(!text.contains("round-presenter"), "no invented wording");
    // Silent roles are named on screen, not drawn in large type.
    assert!(!text.contains("large type"), "{text}");
    assert!(text.contains("silent — listen and take notes"));
    // Every new key is shown in use.
    let all: Vec<_> = p.all_steps().map(|(_, s)| s).collect();
    assert!(all.iter().any(|s| s.max_minutes.is_some()));
    assert!(all.iter().any(|s| s.min_minutes.is_some()));
    assert!(all.iter().any(|s| s.open));
    assert!(all.iter().any(|s| s.groups.is_some() && s.seats == Some(2)));
    assert!(all.iter().any(|s| s.silence_implied));
    assert!(p.roles.iter().any(|r| r.optional));
}

#[test]
fn the_new_keys_parse() {
    let path = fixtures().join("protocols/valid/triads.toml");
    let text = fs::read_to_string(&path).unwrap();
    let p = parse_protocol(&text, "triads.toml", "triads").unwrap();
    assert!(p.role("room").unwrap().optional);
    assert!(!p.role("facilitator").unwrap().optional);
    let steps: Vec<_> = p.all_steps().map(|(_, s)| s).collect();
    assert!(steps[0].open && steps[0].adapted && !steps[0].estimated);
    assert_eq!(steps[0].time_origin(), Some("from an adaptation"));
    let turns = steps[1];
    assert_eq!(turns.seats, Some(3));
    assert_eq!(turns.turns, None);
    assert_eq!(turns.groups.as_deref(), Some("triads"));
    assert_eq!(
        (turns.min_minutes, turns.max_minutes),
        (Some(1.0), Some(2.0))
    );
    assert_eq!(
        turns.limits_text().as_deref(),
        Some("at least 1 and at most 2 min")
    );
    assert!(steps[2].silence_implied);
    assert_eq!(steps[2].time_origin(), Some("estimate"));
    // Two questions of three two-minute turns, and the other steps: the total the
    // picker shows counts places, not the (optional) names.
    assert_eq!(p.typical_total_secs(), (2 + 2 * 3 * 2 + 5) * 60);
}

/// Runs the `crit` binary with no user configuration.
fn crit(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crit"))
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
fn validate_says_ok_on_stdout() {
    let file = fixtures().join("protocols/valid/triads.toml");
    let (code, out, err) = crit(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "1 file(s) OK\n");
    assert!(!err.contains("OK"), "{err}");
}

#[test]
fn naming_a_role_in_a_protocol_without_roles_says_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quiet.toml");
    fs::write(
        &file,
        "name = \"Quiet\"\n[[steps]]\nname = \"Write\"\nminutes = 5\nsilent = [\"all\"]\n",
    )
    .unwrap();
    let (code, _, err) = crit(&["run", file.to_str().unwrap(), "--presenter", "Pat"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`quiet` has no role `presenter`: it declares no roles"),
        "{err}"
    );
    assert!(!err.contains("its roles are: ."), "{err}");
}

#[test]
fn new_says_when_an_id_is_too_long() {
    let long = "a".repeat(70);
    let (code, out, err) = crit(&["new", &long, "--stdout"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("is 70 characters long; an id may have at most 64"),
        "{err}"
    );
}

#[test]
fn the_readme_small_groups_example_loads() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n[[steps]]\nname = \"Speaking turns\"")
        .expect("small-groups example in README")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let text = format!("name = \"Example\"\n{}", &readme[start..end]);
    let p = parse_protocol(&text, "README.md", "x").unwrap_or_else(|e| panic!("{e:?}"));
    let steps: Vec<_> = p.all_steps().map(|(_, s)| s).collect();
    assert_eq!(steps[0].seats, Some(3));
    assert!(steps[1].open);
}
