//! The markdown archive: its shape (a reviewed snapshot), and that standard parsers read
//! it back with the same structure whatever the notes say.

use critical_friends::archive::{render, yaml_string};
use critical_friends::session::{Session, Status};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

use crate::support::*;

/// A short Tuning session with a few notes of each kind.
fn sample() -> (Session, FakeClock) {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    clock.advance(9 * 60 + 40);
    s.add_note("note", "Norms: be kind, be specific.", clock.now);
    s.next(clock.now.at);
    clock.advance(21 * 60);
    s.add_note("question", "What does the rubric reward?", clock.now);
    s.next(clock.now.at);
    clock.advance(4 * 60);
    s.next(clock.now.at);
    clock.advance(2 * 60);
    s.next(clock.now.at);
    clock.advance(60);
    s.add_note("warm", "The launch question hooks students.", clock.now);
    s.add_note(
        "cool",
        "I wonder whether the timeline allows revision.\nMaybe a checkpoint in week 2?",
        clock.now,
    );
    clock.advance(14 * 60);
    s.next(clock.now.at);
    clock.advance(15 * 60);
    s.next(clock.now.at);
    clock.advance(10 * 60);
    s.add_note(
        "action",
        "Pat shares the revised rubric by Friday.",
        clock.now,
    );
    s.finish(Status::Complete, clock.now);
    (s, clock)
}

#[test]
fn a_finished_session_reads_well() {
    let (s, clock) = sample();
    insta::assert_snapshot!(render(&s, clock.now));
}

fn front_matter(doc: &str) -> Yaml {
    let rest = doc.strip_prefix("---\n").expect("front matter first");
    let end = rest.find("\n---\n").expect("front matter closed");
    YamlLoader::load_from_str(&rest[..end])
        .expect("valid YAML")
        .remove(0)
}

#[test]
fn front_matter_parses_as_yaml_with_every_field() {
    let (s, clock) = sample();
    let y = front_matter(&render(&s, clock.now));
    assert_eq!(y["protocol"].as_str(), Some("Tuning Protocol"));
    assert_eq!(y["protocol_id"].as_str(), Some("tuning"));
    assert_eq!(y["group"].as_str(), Some("Grade 7 team"));
    assert_eq!(y["date"].as_str(), Some("2026-11-23"));
    assert_eq!(y["start"].as_str(), Some("2026-11-23T14:00:00+01:00"));
    assert!(y["end"].as_str().unwrap().starts_with("2026-11-23T15:"));
    assert_eq!(y["status"].as_str(), Some("complete"));
    assert_eq!(y["roles"]["participant"][1].as_str(), Some("Ben"));
    assert_eq!(y["roles"]["presenter"][0].as_str(), Some("Pat"));
    assert_eq!(
        y["question"].as_str(),
        Some("How do I deepen student thinking?")
    );
    assert_eq!(y["planned_minutes"].as_i64(), Some(77));
    assert!(y["actual_minutes"].as_f64().is_some() || y["actual_minutes"].as_i64().is_some());
}

/// The document's skeleton as a CommonMark parser sees it.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    headings: Vec<(HeadingLevel, String)>,
    tables: usize,
    table_rows: usize,
    list_items: usize,
    html: usize,
    code: usize,
    links: usize,
    text: String,
}

fn shape(doc: &str) -> Shape {
    let body = doc.splitn(3, "---\n").nth(2).unwrap();
    let mut s = Shape::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(body, opts) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => s.headings.extend(heading.take()),
            Event::Start(Tag::Table(_)) => s.tables += 1,
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => s.table_rows += 1,
            Event::Start(Tag::Item) => s.list_items += 1,
            Event::Html(_) | Event::InlineHtml(_) => s.html += 1,
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => s.code += 1,
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => s.links += 1,
            Event::Text(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                s.text.push_str(&t);
                s.text.push('\n');
            }
            Event::SoftBreak | Event::HardBreak => s.text.push('\n'),
            _ => {}
        }
    }
    s
}

const HOSTILE: &[&str] = &[
    "# Not a heading",
    "---",
    "| not | a | table |\n|---|---|---|",
    "```rust\nnot code\n```",
    "<script>alert('x')</script>",
    "[click](javascript:alert(1)) and ![img](x.png)",
    "    four spaces are not code",
    "1. not a list\n- nor this\n> nor a quote",
    "line one\n\nline three after a blank\n===",
    "emoji 🎉 and right-to-left שלום مرحبا",
    "control \u{1b}[2J\u{7} chars\u{0}",
    "*bold?* _em?_ ~~strike?~~ `code?` \\ backslash & &amp; entity",
    ": a definition?\n+ plus list\n* star list",
    "{{ site.title }} and {% raw %} unclosed, 50%% done %% hidden?",
    "a) pandoc list\niv. roman\n(@) example",
];

#[test]
fn hostile_notes_never_change_the_structure() {
    let (plain, clock) = sample();
    let baseline = shape(&render(&plain, clock.now));
    for text in HOSTILE {
        let (mut s, clock) = sample();
        s.notes[1].text = text.to_string();
        let doc = render(&s, clock.now);
        let got = shape(&doc);
        assert_eq!(
            got.headings, baseline.headings,
            "headings changed by {text:?}\n{doc}"
        );
        assert_eq!(got.tables, baseline.tables, "tables changed by {text:?}");
        assert_eq!(
            got.table_rows, baseline.table_rows,
            "rows changed by {text:?}"
        );
        assert_eq!(
            got.list_items, baseline.list_items,
            "list items changed by {text:?}"
        );
        assert_eq!(
            (got.html, got.code, got.links),
            (0, 0, 0),
            "markup from {text:?}\n{doc}"
        );
        // The words survive as readable text.
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
        {
            assert!(got.text.contains(word), "{word:?} of {text:?} lost");
        }
        front_matter(&doc);
    }
}

#[test]
fn hostile_names_and_questions_keep_the_front_matter_valid() {
    for text in HOSTILE.iter().chain(&[
        "\"quoted\" 'single' key: value",
        "- list\n- item",
        "\u{85}\u{2028}\u{feff}\u{fffe}",
    ]) {
        let (mut s, clock) = sample();
        s.roster.group = text.to_string();
        s.roster.question = text.to_string();
        s.roster.people[2].1 = vec![text.to_string(), "Ben".into()];
        let doc = render(&s, clock.now);
        let y = front_matter(&doc);
        assert_eq!(y["group"].as_str(), Some(*text), "group {text:?}");
        assert_eq!(y["question"].as_str(), Some(*text));
        assert_eq!(y["roles"]["participant"][0].as_str(), Some(*text));
        let got = shape(&doc);
        assert_eq!(
            got.headings.len(),
            shape(&render(&sample().0, clock.now)).headings.len(),
            "{text:?}\n{doc}"
        );
        assert_eq!(
            (got.html, got.code, got.links),
            (0, 0, 0),
            "{text:?}\n{doc}"
        );
    }
}

#[test]
fn yaml_strings_round_trip() {
    for s in [
        "plain",
        "a \"quote\" and \\ backslash",
        "tab\there\nnewline",
        "\u{1}\u{7f}\u{9b}",
        "😀 עברית",
    ] {
        let doc = format!("v: {}", yaml_string(s));
        let y = YamlLoader::load_from_str(&doc).unwrap();
        assert_eq!(y[0]["v"].as_str(), Some(s));
    }
}

#[test]
fn next_steps_gather_the_action_notes() {
    let (s, clock) = sample();
    let doc = render(&s, clock.now);
    let next = doc.split("## Next steps").nth(1).unwrap();
    assert!(
        next.contains("- [ ] Pat shares the revised rubric by Friday. *(Debrief)*"),
        "{next}"
    );
}

#[test]
fn an_in_progress_session_says_so() {
    let clock = FakeClock::new();
    let s = tuning_session(&clock);
    let doc = render(&s, clock.now);
    let y = front_matter(&doc);
    assert_eq!(y["status"].as_str(), Some("in-progress"));
    assert!(y["end"].is_null());
}

#[test]
fn an_unwritable_archive_folder_falls_back_and_says_where() {
    use critical_friends::app::{Effect, Msg, Record};
    use critical_friends::runtime::Files;
    let mut files = Files::default();
    let mut perform = |e| files.perform(e);
    let clock = FakeClock::new();
    let running = Record::Running {
        snapshot: Some(Box::new(tuning_session(&clock).saved(clock.now))),
        entries: Vec::new(),
    };
    let tmp = tempfile::tempdir().unwrap();
    // A file where the folder should be: no user, root included, can write there.
    let blocker = tmp.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let fallback = tmp.path().join("rescue");
    let open = Effect::OpenArchive {
        dir: blocker.join("archive"),
        fallback: fallback.clone(),
        name: "s.md".into(),
        contents: "# notes\n".into(),
        private: None,
        record: running,
    };
    let Some(Msg::ArchiveOpened {
        path,
        problem: Some(problem),
    }) = perform(open)
    else {
        panic!("expected a fallback")
    };
    assert_eq!(path, fallback.join("s.md"));
    assert!(
        problem.contains("not-a-folder")
            && problem.contains(&fallback.join("s.md").display().to_string()),
        "{problem}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# notes\n");

    // A later save that fails moves the whole session to the fallback, notes included.
    let save = Effect::Save {
        path: blocker.join("archive/s.md"),
        fallback: fallback.clone(),
        contents: "# notes\n- one more\n".into(),
        private: Some("# Private notes\n".into()),
        record: Record::Running {
            snapshot: None,
            entries: Vec::new(),
        },
    };
    let Some(Msg::SaveFailed {
        moved_to: Some(moved),
        problem,
    }) = perform(save)
    else {
        panic!("expected a move")
    };
    assert!(problem.contains("Cannot save"), "{problem}");
    assert_eq!(
        std::fs::read_to_string(&moved).unwrap(),
        "# notes\n- one more\n"
    );
    // The private notes go with it, beside the moved file.
    assert_eq!(
        std::fs::read_to_string(critical_friends::archive::beside::private_path(&moved)).unwrap(),
        "# Private notes\n"
    );

    // With nowhere to write at all, the user is told to keep crit open.
    let nowhere = Effect::OpenArchive {
        dir: blocker.join("a"),
        fallback: blocker.join("b"),
        name: "s.md".into(),
        contents: String::new(),
        private: None,
        record: Record::Finished,
    };
    let Some(Msg::ArchiveFailed(problem)) = perform(nowhere) else {
        panic!("expected a failure")
    };
    assert!(problem.contains("do not close crit"), "{problem}");
}

#[test]
fn repeated_rounds_are_grouped_under_their_presenter() {
    let mut clock = FakeClock::new();
    let p = builtin("final-word");
    let r = roster(&p, &["Ana", "Ben", "Cy"]);
    let mut s = Session::start(p, r, clock.now);
    // Through the reading step into round 2 (Ben presents), one note on his passage.
    while s.step().round.as_ref().is_none_or(|r| r.index < 2) {
        clock.advance(30);
        s.next(clock.now.at);
    }
    s.add_note("note", "Ben's passage on feedback loops", clock.now);
    s.finish(Status::Abandoned, clock.now);
    let doc = render(&s, clock.now);
    let round2 = doc.find("## Round 2 of 3 — Ben presents").expect(&doc);
    let note = doc.find("Ben's passage on feedback loops").unwrap();
    let round3 = doc.find("## Round 3 of 3 — Cy presents").unwrap();
    assert!(round2 < note && note < round3, "{doc}");
    let headings = shape(&doc).headings;
    assert!(
        headings
            .iter()
            .any(|(l, t)| *l == HeadingLevel::H3 && t.contains("Presenter shares")),
        "{headings:?}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

    /// Whatever is typed (markdown syntax, several lines, control characters, any script),
    /// a CommonMark parser sees the same headings, lists and tables, the typed words
    /// survive, and the front matter stays valid YAML with the same values.
    #[test]
    fn arbitrary_text_never_changes_the_structure(
        note in "([#>*_`|~\\-=+:\\[\\]()!<>&\\\\\n\t 0-9a-zA-Zé☕ש\u{1b}\u{7}\u{0}\u{85}\u{2028}]|---|```|    ){0,60}",
        name in "[^\u{0}]{0,30}",
    ) {
        let (plain, clock) = sample();
        let baseline = shape(&render(&plain, clock.now));
        let (mut s, clock) = sample();
        s.notes[1].text = note.clone();
        s.roster.group = name.clone();
        s.roster.people[1].1 = vec![name.clone()];
        let doc = render(&s, clock.now);
        let got = shape(&doc);
        proptest::prop_assert_eq!(&got.headings.len(), &baseline.headings.len(), "{}", doc);
        proptest::prop_assert_eq!(got.tables, baseline.tables);
        proptest::prop_assert_eq!(got.table_rows, baseline.table_rows);
        proptest::prop_assert_eq!(got.list_items, baseline.list_items);
        proptest::prop_assert_eq!((got.html, got.code, got.links), (0, 0, 0));
        for word in note.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 2) {
            proptest::prop_assert!(got.text.contains(word), "{:?} lost from {:?}", word, note);
        }
        let y = front_matter(&doc);
        proptest::prop_assert_eq!(y["group"].as_str(), Some(name.as_str()));
        proptest::prop_assert_eq!(y["roles"]["presenter"][0].as_str(), Some(name.as_str()));
    }
}

#[test]
fn liquid_obsidian_and_pandoc_syntax_stay_plain_text() {
    let (mut s, clock) = sample();
    s.notes[1].text = "{{ site.title }} {% raw %} 50%% done\na) first\niv. fourth".into();
    let doc = render(&s, clock.now);
    let body = doc.splitn(3, "---\n").nth(2).unwrap();
    for raw in ["{{", "{%", "%%", "\n  a) ", "\n  iv. "] {
        assert!(
            !body.contains(raw),
            "{raw:?} reached the file unescaped:\n{body}"
        );
    }
    assert!(body.contains("\\{\\{ site.title \\}\\}"), "{body}");
    assert!(
        body.contains("a\\) first") && body.contains("iv\\. fourth"),
        "{body}"
    );
}
