//! The markdown archive: its shape (a reviewed snapshot), and that standard parsers read
//! it back with the same structure whatever the notes say.

use critical_friends::app::SaveProblem;
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
    assert_eq!(y["date"].as_str(), Some("2026-11-23T14:00:00+01:00"));
    assert_eq!(y["start"].as_str(), Some("2026-11-23T14:00:00+01:00"));
    assert!(y["end"].as_str().unwrap().starts_with("2026-11-23T15:"));
    assert_eq!(y["status"].as_str(), Some("complete"));
    assert_eq!(y["roles"]["participant"][1].as_str(), Some("Ben"));
    assert_eq!(y["roles"]["presenter"][0].as_str(), Some("Pat"));
    assert_eq!(
        y["question"].as_str(),
        Some("How do I deepen student thinking?")
    );
    // Always decimals, so every reader types them alike.
    assert_eq!(y["planned_minutes"].as_f64(), Some(77.0));
    assert_eq!(y["actual_minutes"].as_f64(), Some(76.7));
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
    // The runtime says which folder refused the file, and why, as data.
    let SaveProblem::Folder { dir, error } = &problem else {
        panic!("expected the archive folder's refusal: {problem:?}")
    };
    assert_eq!(dir, &blocker.join("archive"));
    assert!(!error.text.is_empty(), "{error:?}");
    assert!(problem.describe().contains("not-a-folder"), "{problem:?}");
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
    assert!(
        matches!(&problem, SaveProblem::File { path, .. } if path == &blocker.join("archive/s.md")),
        "{problem:?}"
    );
    assert!(problem.describe().contains("Cannot save"), "{problem:?}");
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
    let Some(Msg::ArchiveFailed {
        archive,
        fallback,
        error,
    }) = perform(nowhere)
    else {
        panic!("expected a failure")
    };
    assert!(
        matches!(&archive, SaveProblem::Folder { dir, .. } if dir == &blocker.join("a")),
        "{archive:?}"
    );
    assert_eq!(fallback, blocker.join("b"));
    assert_eq!(error.kind, std::io::ErrorKind::NotADirectory, "{error:?}");
}

/// Private notes that cannot be written beside the session's file: the file stays, the
/// runtime says which file failed, and the screen says so (the notes are still there).
#[test]
fn unwritable_private_notes_are_reported_as_data_and_worded_by_the_app() {
    use critical_friends::app::{Effect, Msg, Record};
    use critical_friends::archive::beside::private_path;
    use critical_friends::runtime::Files;
    let mut files = Files::default();
    let tmp = tempfile::tempdir().unwrap();
    let session = tmp.path().join("s.md");
    // A folder where the private notes go: no file can be written there.
    std::fs::create_dir(private_path(&session)).unwrap();
    let open = Effect::OpenArchive {
        dir: tmp.path().to_path_buf(),
        fallback: tmp.path().join("rescue"),
        name: "s.md".into(),
        contents: "# notes\n".into(),
        private: Some("# Private notes\n".into()),
        record: Record::Finished,
    };
    let Some(Msg::ArchiveOpened {
        path,
        problem: Some(problem),
    }) = files.perform(open)
    else {
        panic!("expected the file, with a problem")
    };
    assert_eq!(path, session);
    assert!(
        matches!(&problem, SaveProblem::Private { path, .. } if path == &private_path(&session)),
        "{problem:?}"
    );
    let mut app = crate::screens::App::new();
    app.start("quick-tuning", "Ana");
    app.send(Msg::ArchiveOpened {
        path: path.clone(),
        problem: Some(problem),
    });
    let saving = &app.run().saving;
    assert_eq!(saving.path.as_deref(), Some(session.as_path()));
    let said = saving.problem.clone().unwrap_or_default();
    assert!(
        said.starts_with("Cannot save the private notes in ") && said.contains("s.private"),
        "{said}"
    );

    // A later save: the same failure, reported the same way, and nothing moves.
    let save = Effect::Save {
        path: session.clone(),
        fallback: tmp.path().join("rescue"),
        contents: "# notes\n- one more\n".into(),
        private: Some("# Private notes\n- two\n".into()),
        record: Record::Finished,
    };
    let Some(Msg::SaveFailed {
        problem: SaveProblem::Private { .. },
        moved_to: None,
    }) = files.perform(save)
    else {
        panic!("expected the private notes' failure")
    };
    assert_eq!(
        std::fs::read_to_string(&session).unwrap(),
        "# notes\n- one more\n"
    );
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
    for raw in ["{{", "{%", "%%", "\n\n  a) ", "\n\n  iv. "] {
        assert!(
            !body.contains(raw),
            "{raw:?} reached the file unescaped:\n{body}"
        );
    }
    // Character references, which every reader shows as the character (a backslash
    // before `{` or `%` would not stop Liquid, and kramdown would show it).
    assert!(body.contains("&#123;\\{ site.title }}"), "{body}");
    assert!(body.contains("50&#37;% done"), "{body}");
    assert!(
        body.contains("a\\) first") && body.contains("iv\\. fourth"),
        "{body}"
    );
}

// ---- Reading as typed in every reader (issue 10) ----

const DOC_URL: &str = "https://docs.google.com/document/d/1A_b-C/edit#heading=h.abc";

/// Notes with everything people type that readers could misread, each with the text a
/// reader must show.
const AS_TYPED: &[&str] = &[
    "See https://docs.google.com/document/d/1A_b-C/edit#heading=h.abc for the draft.",
    "Rubric draft: https://example.org/rubric_v2\nthen revise it (see https://example.org/a_(b)).",
    "Read [the plan](https://example.org/plan_v2) and <https://example.org/a_b>",
    "R&D and Q&A: 50% done, 2^10 cases, a~b, costs $5, &amp; is typed, x_y_z",
    "@Ana will follow up; mail ana@school.org",
    "[ ] not a checkbox",
    "[x] nor this one",
    "Ask Ana #followup about [[Grade 7 Rubric]]",
    "# heading?\n#tag at a line start",
    "a->b, <<quote>> and a `tick`",
    "no image from ![pixel](https://example.org/p.png)",
];

/// A Tuning session whose notes are `AS_TYPED`, with markup in the group and question.
fn every_case() -> (Session, FakeClock) {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    s.roster.group = "*core* <b>team</b> @Ana".into();
    s.roster.question = "Is *this* <b>bold</b>?".into();
    for text in AS_TYPED {
        clock.advance(30);
        s.add_note("note", text, clock.now);
    }
    s.add_note(
        "action",
        "[ ] Ana checks https://example.org/x_y",
        clock.now,
    );
    s.finish(Status::Complete, clock.now);
    (s, clock)
}

fn body_of(doc: &str) -> &str {
    doc.splitn(3, "---\n").nth(2).unwrap()
}

fn gfm() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS
}

/// Each list item's text as a CommonMark reader shows it (paragraphs joined by line
/// breaks), with its links, and whether it has a checkbox.
#[derive(Debug, Default)]
struct Item {
    text: String,
    links: Vec<String>,
    wikilinks: Vec<String>,
    checkbox: bool,
}

fn items(doc: &str) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut depth = 0;
    let mut in_wikilink = false;
    for event in Parser::new_ext(body_of(doc), gfm()) {
        match event {
            Event::Start(Tag::Item) => {
                depth += 1;
                out.push(Item::default());
            }
            Event::End(TagEnd::Item) => depth -= 1,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if depth > 0 => {
                if matches!(link_type, pulldown_cmark::LinkType::WikiLink { .. }) {
                    in_wikilink = true;
                    out.last_mut().unwrap().wikilinks.push(dest_url.to_string());
                } else {
                    out.last_mut().unwrap().links.push(dest_url.to_string());
                }
            }
            // Obsidian's embeds, `![[Page]]`.
            Event::Start(Tag::Image {
                link_type: pulldown_cmark::LinkType::WikiLink { .. },
                ..
            }) if depth > 0 => {
                in_wikilink = true;
                out.last_mut().unwrap().text.push('!');
            }
            Event::Start(Tag::Image { dest_url, .. }) => panic!("an image of {dest_url} in\n{doc}"),
            Event::End(TagEnd::Link | TagEnd::Image) => in_wikilink = false,
            Event::TaskListMarker(_) if depth > 0 => out.last_mut().unwrap().checkbox = true,
            Event::Text(t) | Event::Code(t) if depth > 0 => {
                let item = out.last_mut().unwrap();
                if in_wikilink {
                    let _ = write!(item.text, "[[{t}]]");
                } else {
                    item.text.push_str(&t);
                }
            }
            Event::End(TagEnd::Paragraph) if depth > 0 => out.last_mut().unwrap().text.push('\n'),
            Event::SoftBreak | Event::HardBreak if depth > 0 => {
                out.last_mut().unwrap().text.push('\n')
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{doc}"),
            _ => {}
        }
    }
    out
}

use std::fmt::Write as _;

#[test]
fn every_reader_shows_notes_as_typed_with_exact_links() {
    let (s, clock) = every_case();
    let doc = render(&s, clock.now);
    let items = items(&doc);
    let notes: Vec<&Item> = items.iter().filter(|i| i.text.contains('(')).collect();
    for typed in AS_TYPED {
        let item = items
            .iter()
            .find(|i| {
                // A link shows its text; an autolink its URL.
                let shown = typed
                    .replace("[the plan](https://example.org/plan_v2)", "the plan")
                    .replace("<https://example.org/a_b>", "https://example.org/a_b");
                // `[ ] ` at a line's start is written with no-break spaces (pandoc).
                i.text
                    .trim_end()
                    .rsplit_once(" (")
                    .is_some_and(|(t, _)| t.replace('\u{a0}', " ") == shown)
            })
            .unwrap_or_else(|| panic!("{typed:?} does not read as typed:\n{notes:#?}\n{doc}"));
        assert!(!item.checkbox, "{typed:?} became a checkbox");
    }
    let links = |needle: &str| -> Vec<String> {
        items
            .iter()
            .find(|i| i.text.contains(needle))
            .unwrap()
            .links
            .clone()
    };
    assert_eq!(links("for the draft"), vec![DOC_URL.to_string()]);
    // A URL at the end of a line keeps its link and the line break; a `)` closing the
    // sentence is not part of the URL, a balanced one is.
    assert_eq!(
        links("Rubric draft"),
        vec![
            "https://example.org/rubric_v2".to_string(),
            "https://example.org/a_(b)".to_string()
        ]
    );
    assert_eq!(
        links("Read the plan"),
        vec![
            "https://example.org/plan_v2".to_string(),
            "https://example.org/a_b".to_string()
        ]
    );
    // Only the URL links; the image markup around it is text.
    assert_eq!(links("no image from"), ["https://example.org/p.png"]);
    let tags = items.iter().find(|i| i.text.contains("#followup")).unwrap();
    assert_eq!(tags.wikilinks, vec!["Grade 7 Rubric".to_string()]);
    assert!(
        doc.contains("Ask Ana #followup about [[Grade 7 Rubric]]"),
        "{doc}"
    );
    // Only the Next steps list has checkboxes, and its link stays exact too.
    let boxes: Vec<&Item> = items.iter().filter(|i| i.checkbox).collect();
    assert_eq!(boxes.len(), 1, "{boxes:#?}");
    assert!(
        boxes[0]
            .text
            .replace('\u{a0}', " ")
            .starts_with("[ ] Ana checks https://example.org/x_y"),
        "{:?}",
        boxes[0]
    );
    assert_eq!(boxes[0].links, vec!["https://example.org/x_y".to_string()]);
    // The headings: a `#` that would start one is neutralised.
    let headings = shape(&doc).headings;
    assert!(
        !headings
            .iter()
            .any(|(_, t)| t.contains("heading?") || t.contains("tag at")),
        "{headings:?}"
    );
}

/// What kramdown (Jekyll, GitHub Pages) reads as an escape: `ESCAPED_CHARS` in
/// kramdown 2.4's `lib/kramdown/parser/kramdown/escaped_chars.rb`,
/// `/\\([\\.*_+`<>()\[\]{}#!:|"'\$=-])/`. After anything else it shows the backslash.
const KRAMDOWN_ESCAPES: &str = "\\.*_+`<>()[]{}#!:|\"'$=-";

/// Every backslash escape in `body` is one kramdown and CommonMark both read as an
/// escape, and every `&` starts a character reference that every reader decodes, or
/// nothing at all.
fn escapes_are_portable(body: &str) -> Result<(), String> {
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                let next = chars.get(i + 1).copied();
                match next {
                    Some(n) if KRAMDOWN_ESCAPES.contains(n) && n.is_ascii_punctuation() => i += 2,
                    _ => return Err(format!("a backslash kramdown would show before {next:?}")),
                }
                continue;
            }
            '&' => {
                let rest: String = chars[i..].iter().take(12).collect();
                let reference = rest.starts_with("&amp;")
                    || (rest.starts_with("&#")
                        && rest[2..].split(';').next().is_some_and(|d| {
                            !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
                        })
                        && rest.contains(';'));
                let looks_like_entity = {
                    let after: String = rest[1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                        .collect();
                    !after.is_empty() && rest[1 + after.len()..].starts_with(';')
                };
                if looks_like_entity && !reference {
                    return Err(format!("{rest:?} would be read as an entity"));
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[test]
fn escapes_are_ones_kramdown_and_commonmark_both_read() {
    // The check itself catches what kramdown would show.
    assert!(escapes_are_portable("R\\&D").is_err());
    assert!(escapes_are_portable("50\\%").is_err());
    assert!(escapes_are_portable("2\\^10").is_err());
    assert!(escapes_are_portable("&amp; &#94; \\* \\_ R&D").is_ok());
    assert!(escapes_are_portable("&copy;").is_err());

    let (s, clock) = every_case();
    let doc = render(&s, clock.now);
    let body = body_of(&doc);
    escapes_are_portable(body).unwrap_or_else(|e| panic!("{e}\n{body}"));
    // pandoc's rules, which work after escapes are read: a citation is an `@` after a
    // non-word character, a checkbox is an item starting with `[ ] ` or `[x] `.
    let chars: Vec<char> = body.chars().collect();
    for (i, w) in chars.windows(2).enumerate() {
        let after_word = i > 0 && chars[i - 1].is_alphanumeric();
        assert!(
            !(w[0] == '@' && !after_word && w[1].is_alphanumeric()),
            "a pandoc citation:\n{body}"
        );
    }
    for line in body.lines() {
        let item = line
            .strip_prefix("- [ ] ")
            .or(line.strip_prefix("- "))
            .unwrap_or("");
        let shown = critical_friends::markup::plain(item);
        for task in ["[ ] ", "[x] ", "[X] "] {
            assert!(!shown.starts_with(task), "a pandoc checkbox: {line:?}");
        }
    }
    // Text that needs no escaping is written exactly as typed.
    for plain in [
        "R&D and Q&A: 50% done, 2^10 cases, a~b",
        "x_y_z",
        "ana@school.org",
        "a->b",
    ] {
        assert!(body.contains(plain), "{plain:?} not as typed:\n{body}");
    }
    for text in HOSTILE {
        let (mut s, clock) = sample();
        s.notes[1].text = text.to_string();
        let doc = render(&s, clock.now);
        escapes_are_portable(body_of(&doc)).unwrap_or_else(|e| panic!("{text:?}: {e}\n{doc}"));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

    /// Whatever is typed, no escape is one kramdown would show, and a CommonMark reader
    /// shows the note's text exactly as typed.
    #[test]
    fn any_note_reads_back_as_typed(
        note in "([#>*_`|~^@%{}$\\-=+:\\[\\]()!<>&;\\\\ 0-9a-zA-Zé☕]|---|```|&amp;|https://x\\.org/a_b|\\[\\[Page\\]\\]){1,40}",
    ) {
        let (mut s, clock) = sample();
        s.notes[1].text = note.clone();
        let doc = render(&s, clock.now);
        let body = body_of(&doc);
        if let Err(e) = escapes_are_portable(body) {
            proptest::prop_assert!(false, "{}\n{}", e, body);
        }
        let item = &items(&doc)[1];
        let shown = item.text.trim_end().rsplit_once(" (").map(|(t, _)| t.to_string()).unwrap_or_default();
        // Leading spaces become no-break spaces; `<url>` typed as a link shows as the
        // link it made; the rest is exact.
        let mut expected = note.trim().to_string();
        for url in &item.links {
            expected = expected.replace(&format!("<{url}>"), url);
        }
        let shown = shown.replace('\u{a0}', " ");
        proptest::prop_assert_eq!(shown.trim(), expected.as_str(), "{}", body);
    }
}

/// Found by the property test above: a typed `<url>` is a link, shown without its brackets.
#[test]
fn a_typed_autolink_reads_back_as_its_link() {
    let (mut s, clock) = sample();
    s.notes[1].text = "<https://x.org/a_b>".into();
    let doc = render(&s, clock.now);
    let item = &items(&doc)[1];
    assert_eq!(item.links, ["https://x.org/a_b"], "{doc}");
    assert!(item.text.starts_with("https://x.org/a_b ("), "{doc}");
}

#[test]
fn front_matter_has_what_note_tools_use() {
    let (s, clock) = every_case();
    let doc = render(&s, clock.now);
    let y = front_matter(&doc);
    let list = |key: &str| -> Vec<String> {
        y[key]
            .as_vec()
            .unwrap_or_else(|| panic!("{key} is not a list:\n{doc}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(list("attendees"), ["Sam", "Pat", "Ana", "Ben", "Cy"]);
    assert_eq!(list("presenters"), ["Pat"]);
    // The protocol's own tags, one word each.
    assert_eq!(
        list("tags"),
        ["student-work", "teacher-work", "feedback", "warm-and-cool"]
    );
    // The title, with markup turned into look-alikes (pandoc reads `title` as markdown);
    // the group itself stays exactly as typed.
    let title = y["title"].as_str().unwrap();
    assert_eq!(title, "Tuning Protocol — ∗core∗ ‹b›team‹/b› ＠Ana");
    assert_eq!(list("aliases"), [title]);
    assert_eq!(y["group"].as_str(), Some("*core* <b>team</b> @Ana"));
    // A date with its offset: Jekyll and Hugo do not take it for a future post.
    assert_eq!(y["date"].as_str(), Some("2026-11-23T14:00:00+01:00"));
    for key in ["planned_minutes", "actual_minutes"] {
        let line = doc.lines().find(|l| l.starts_with(key)).unwrap();
        let value = line.split_once(": ").unwrap().1;
        assert!(
            value.contains('.') && value.parse::<f64>().is_ok(),
            "{line}"
        );
        assert!(y[key].as_f64().is_some(), "{key} reads as a decimal");
    }
}

#[test]
fn extra_tags_from_the_config_follow_the_protocols() {
    let (mut s, clock) = sample();
    s.roster.tags = vec!["grade 7".into(), "feedback".into(), "#cfg".into()];
    let doc = render(&s, clock.now);
    let y = front_matter(&doc);
    let tags: Vec<&str> = y["tags"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(
        tags,
        [
            "student-work",
            "teacher-work",
            "feedback",
            "warm-and-cool",
            "grade-7",
            "cfg"
        ]
    );
}

#[test]
fn every_rounds_presenter_is_a_presenter_and_an_attendee() {
    let clock = FakeClock::new();
    for id in ["final-word", "success-analysis"] {
        let p = builtin(id);
        let r = roster(&p, &["Ana", "Ben", "Cy"]);
        let s = Session::start(p, r, clock.now);
        let y = front_matter(&render(&s, clock.now));
        let names = |key: &str| -> Vec<String> {
            y[key]
                .as_vec()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(names("presenters"), ["Ana", "Ben", "Cy"], "{id}");
        for who in ["Ana", "Ben", "Cy"] {
            assert!(names("attendees").contains(&who.to_string()), "{id}");
        }
    }
}

#[test]
fn markup_in_the_group_and_question_is_not_markup_in_the_title() {
    let (s, clock) = every_case();
    let doc = render(&s, clock.now);
    let title = front_matter(&doc)["title"].as_str().unwrap().to_string();
    // What pandoc makes of the title: plain text, no emphasis, no HTML, no citation.
    for event in Parser::new_ext(&title, gfm()) {
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) | Event::Text(_) => {}
            other => panic!("{other:?} from the title {title:?}"),
        }
    }
    assert!(
        !title.contains(['*', '<', '>', '@', '_', '`', '[', '\\']),
        "{title}"
    );
    // The heading in the body shows it as typed.
    let headings = shape(&doc).headings;
    assert_eq!(headings[0].1, "Tuning Protocol — *core* <b>team</b> @Ana");
}

#[test]
fn the_record_shows_the_plan_the_plan_as_changed_and_the_actual_time() {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    // The group gives the introduction a minute more, and takes 10:30 of its 11:00.
    s.adjust(60, clock.now.at);
    clock.advance(10 * 60 + 30);
    s.next(clock.now.at);
    clock.advance(20 * 60);
    s.finish(Status::Abandoned, clock.now);
    let doc = render(&s, clock.now);
    assert!(
        doc.contains("| 1 | Introduction | 10:00 | 11:00 | 10:30 | -0:30 |"),
        "{doc}"
    );
    assert!(
        doc.contains("| 2 | Presentation of the work | 20:00 |  | 20:00 | 0:00 |"),
        "{doc}"
    );
    assert!(
        doc.contains("| | **Total** | **1:17:00** | **1:18:00** | **30:30** | **-0:30** |"),
        "{doc}"
    );
    assert!(
        doc.contains("*Planned 10:00 · changed to 11:00 · actual 10:30*"),
        "{doc}"
    );
    assert!(
        doc.contains("Planned 1:17:00 · changed to 1:18:00 · actual 30:30"),
        "{doc}"
    );
    // People read "ended early"; the front matter keeps `abandoned`.
    assert!(doc.contains("· ended early\n"), "{doc}");
    assert_eq!(front_matter(&doc)["status"].as_str(), Some("abandoned"));
}

#[test]
fn every_case_reads_well() {
    let (s, clock) = every_case();
    insta::assert_snapshot!(render(&s, clock.now));
}

#[test]
fn handouts_start_with_front_matter_and_link_their_sources_exactly() {
    use critical_friends::handout::handout;
    let p = builtin("final-word");
    let md = handout(&p);
    let y = front_matter(&md);
    assert_eq!(y["title"].as_str(), Some(p.name.as_str()));
    assert_eq!(y["protocol_id"].as_str(), Some("final-word"));
    assert_eq!(y["source"].as_str(), Some(p.source.as_str()));
    let links: Vec<String> = Parser::new_ext(body_of(&md), gfm())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        [
            "http://www.nsrfharmony.org/free-resources/protocols/a-z",
            "https://www.schoolreforminitiative.org/protocols/"
        ]
    );
    // No line relies on trailing spaces for its break, and no escape shows in kramdown.
    assert!(!md.lines().any(|l| l.ends_with(' ')), "{md}");
    escapes_are_portable(body_of(&md)).unwrap_or_else(|e| panic!("{e}\n{md}"));
}

// ---- `crit archive list` and `search` ----

/// Runs crit with its archive in `archive` and its rescue folder under `data`.
fn crit_archive(
    args: &[&str],
    archive: &std::path::Path,
    data: &std::path::Path,
) -> (i32, String, String) {
    output_of(
        crit_command(archive, data)
            .env("XDG_DATA_HOME", data)
            .args(args),
    )
}

#[test]
fn listing_an_empty_or_missing_archive_as_json_prints_an_empty_array() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for archive in [empty.clone(), tmp.path().join("missing")] {
        let (code, out, err) = crit_archive(&["archive", "list", "--json"], &archive, tmp.path());
        assert_eq!((code, out.as_str()), (0, "[]\n"), "{archive:?}: {err}");
        let (code, out, err) = crit_archive(&["archive", "list"], &archive, tmp.path());
        assert_eq!((code, out.as_str()), (0, ""), "{err}");
        assert!(err.contains("no sessions yet"), "{err}");
    }
    // One session is still an array.
    save_in(&empty, "one.md", "Solo", &[], Status::Complete);
    let (_, out, _) = crit_archive(&["archive", "list", "--json"], &empty, tmp.path());
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{out}");
    assert_eq!(json[0]["status"], "complete");
}

#[test]
fn the_list_fits_80_columns_even_with_wide_names_and_says_ended_early() {
    use unicode_width::UnicodeWidthStr;
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    save_in(
        &archive,
        "a.md",
        "七年級數學教師專業學習社群協作小組",
        &[],
        Status::Abandoned,
    );
    save_in(
        &archive,
        "b.md",
        "Grade 7 team with a very long name indeed, longer than any column",
        &[],
        Status::Complete,
    );
    let (code, out, err) = crit_archive(&["archive", "list"], &archive, tmp.path());
    assert_eq!(code, 0, "{err}");
    for line in out.lines() {
        assert!(
            line.width() <= 80,
            "{} columns: {line:?}\n{out}",
            line.width()
        );
    }
    let header = out.lines().next().unwrap();
    assert!(
        header.starts_with("DATE") && header.ends_with("STATUS"),
        "{out}"
    );
    assert!(
        out.contains("ended early") && !out.contains("abandoned"),
        "{out}"
    );
    assert!(out.contains("七年級") && out.contains('…'), "{out}");
    assert!(!out.contains("a.md"), "no paths without --paths:\n{out}");
    // The columns line up, counted in cells.
    let status_at: Vec<usize> = out
        .lines()
        .skip(1)
        .map(|l| {
            let i = l.rfind("  ").unwrap() + 2;
            l[..i].width()
        })
        .collect();
    assert!(status_at.windows(2).all(|w| w[0] == w[1]), "{out}");
    let (_, out, _) = crit_archive(&["archive", "list", "--paths"], &archive, tmp.path());
    assert!(
        out.contains(&archive.join("a.md").display().to_string()),
        "{out}"
    );
    let (_, out, _) = crit_archive(&["archive", "list", "--json"], &archive, tmp.path());
    assert!(out.contains("\"status\": \"abandoned\""), "{out}");
}

#[test]
fn search_shows_the_session_the_step_and_the_note_as_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    save_in(
        &archive,
        "s.md",
        "Grade 7 team",
        &[
            "Check *rubric_v2* at https://example.org/a_b\n# then share it",
            "nothing here",
        ],
        Status::Complete,
    );
    let (code, out, err) = crit_archive(&["archive", "search", "RUBRIC_v2"], &archive, tmp.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "2026-11-23 14:00 · Grade 7 team · Tuning Protocol · s.md\n  \
         1. Introduction › Notes: Check *rubric_v2* at https://example.org/a_b\n    \
         # then share it\n"
    );
    // The question is shown once, not as front matter and quote lines.
    let (_, out, _) = crit_archive(&["archive", "search", "deepen"], &archive, tmp.path());
    assert_eq!(out.matches("deepen").count(), 1, "{out}");
    assert!(
        out.contains("  Focusing question: How do I deepen student thinking?"),
        "{out}"
    );
    let (code, _, err) = crit_archive(&["archive", "search", "zebra"], &archive, tmp.path());
    assert_eq!(code, 1);
    assert!(err.contains("nothing matches"), "{err}");
}

#[test]
fn list_and_search_include_the_rescue_folder_and_skip_an_alias_bomb() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let rescue = tmp.path().join("crit/rescue");
    save_in(
        &archive,
        "kept.md",
        "Archived",
        &["in the archive"],
        Status::Complete,
    );
    save_in(
        &rescue,
        "rescued.md",
        "Rescued",
        &["saved in the rescue folder"],
        Status::Complete,
    );
    let mut bomb = String::from(
        "---\nprotocol: Tuning\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n",
    );
    for (n, prev) in ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{n}: &{n} [{}]\n",
            vec![format!("*{prev}"); 10].join(",")
        ));
    }
    bomb.push_str("---\n\n- saved too\n");
    // A file name that would move the cursor and clear the screen if printed raw.
    let evil = "bomb\u{1b}[2J.md";
    std::fs::write(archive.join(evil), bomb).unwrap();

    let (code, out, err) = crit_archive(&["archive", "list"], &archive, tmp.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Archived") && out.contains("Rescued"), "{out}");
    assert!(err.contains("skipped") && err.contains("aliases"), "{err}");
    assert!(
        !err.contains('\u{1b}') && err.contains("bomb␛[2J.md"),
        "{err:?}"
    );
    let (code, out, err) = crit_archive(&["archive", "search", "saved"], &archive, tmp.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("saved in the rescue folder"), "{out}");
    assert!(!out.contains("saved too"), "{out}");
    assert!(
        !err.contains('\u{1b}') && err.contains("aliases"),
        "{err:?}"
    );
    // Every reader of the archive skips it the same way: next steps, the report, the
    // take-away (each under a memory limit, so a failure cannot take the machine down).
    let bomb_file = archive.join(evil);
    for args in [
        vec!["archive", "actions"],
        vec!["archive", "report"],
        vec!["archive", "takeaway", bomb_file.to_str().unwrap()],
    ] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1000000; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_crit"))
            .args(&args)
            .env_remove("CRIT_PROTOCOLS")
            .env("CRIT_ARCHIVE", &archive)
            .env("XDG_DATA_HOME", tmp.path())
            .env("HOME", tmp.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.code().is_some(), "{args:?}: killed: {err}");
        assert!(err.contains("aliases"), "{args:?}: {err}");
    }
}

#[test]
fn tags_from_the_config_reach_every_session_started() {
    use critical_friends::app::{Model, Screen, Settings, start_session};
    use critical_friends::protocol::Library;
    let clock = FakeClock::new();
    let mut settings = Settings::new("/archive".into(), "/rescue".into());
    settings.tags = vec!["cfg".into(), "grade 7".into()];
    let mut model = Model::new(Library::builtin(), settings, clock.now);
    let p = builtin("tuning");
    let r = roster(&p, &["Ana"]);
    start_session(&mut model, p, r);
    let Screen::Run(run) = &model.screen else {
        panic!("the session runs")
    };
    let y = front_matter(&render(&run.session, clock.now));
    let tags: Vec<&str> = y["tags"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags[tags.len() - 2..], ["cfg", "grade-7"]);
}

#[test]
fn the_summary_screen_shows_the_plan_as_changed_and_ended_early() {
    use critical_friends::app::{Model, Saving, Screen, Settings, Summary};
    use critical_friends::protocol::Library;
    use ratatui::{Terminal, backend::TestBackend};
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    s.adjust(60, clock.now.at);
    clock.advance(10 * 60 + 30);
    s.finish(Status::Abandoned, clock.now);
    let mut model = Model::new(
        Library::builtin(),
        Settings::new("/archive".into(), "/rescue".into()),
        clock.now,
    );
    model.screen = Screen::Summary(Box::new(Summary {
        session: s,
        saving: Saving::default(),
        scroll: 0,
        quit_warned: false,
        shared: None,
        share_asked: false,
        takeaway: None,
    }));
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| critical_friends::ui::view(&model, f)).unwrap();
    let screen = screen_text(&t);
    assert!(
        screen.contains("planned 1:17:00 · changed to 1:18:00 · actual 10:30"),
        "{screen}"
    );
    assert!(screen.contains("ended early"), "{screen}");
}
