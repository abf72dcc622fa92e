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
    assert!(checked >= 8, "all invalid fixtures were checked");
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
        "protected",
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
    assert!(
        text.contains("rotate = true"),
        "rotate is shown with its value"
    );
}
