//! Between meetings: private notes kept beside the session, the presenter's take-away,
//! next steps that come back, and the professional-learning report, read from real
//! archive files (and through the `crit` binary where users meet them).

use std::path::{Path, PathBuf};
use std::time::Duration;

use critical_friends::app::{self, Effect, Model, Msg, Screen};
use critical_friends::archive::{self, actions, beside, read, report, takeaway};
use critical_friends::protocol::Library;
use critical_friends::session::{Now, Session, Status};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::support::*;

/// Moves `s` on to step `to` (0-based), a few minutes per step.
fn go_to(s: &mut Session, now: &mut Now, to: usize) {
    while s.current() < to {
        *now = now.after(Duration::from_secs(300));
        s.next(now.at);
    }
}

/// A finished Tuning session started at `start`, with feedback, a reflection, two next
/// steps (one named to Pat) and a private note.
fn tuning(dir: &Path, start: &str, presenter: &str) -> (PathBuf, Session) {
    let p = builtin("tuning");
    let mut r = roster(&p, &["Ana", "Ben", "Cy"]);
    for (role, names) in &mut r.people {
        if role == "presenter" {
            *names = vec![presenter.to_string()];
        }
    }
    r.question = "How do I get students to *cite* evidence?".into();
    r.restated = Some("What makes evidence stick?".into());
    let mut now = at(start);
    let mut s = Session::start(p, r, now);
    go_to(&mut s, &mut now, 2);
    s.add_note("question", "How long did they have?", now);
    go_to(&mut s, &mut now, 4);
    s.add_note("warm", "The rubric is *clear* | precise", now);
    s.add_note("cool", "I wonder about #grade_7 [x] <b>bold</b>", now);
    s.add_note("private", "Ben seemed tired today; check in", now);
    go_to(&mut s, &mut now, 5);
    s.add_note("idea", "I will model one citation first", now);
    s.add_note("action", "Try a revision conference next week", now);
    s.add_note(
        "action",
        &format!("{presenter}: share the rubric with the team"),
        now,
    );
    go_to(&mut s, &mut now, 6);
    now = now.after(Duration::from_secs(120));
    s.finish(Status::Complete, now);
    (save(dir, &s, now), s)
}

fn crit(dir: &Path, args: &[&str]) -> (i32, String, String) {
    output_of(crit_command(dir, dir).args(args))
}

/// One csv line's fields (RFC 4180 quoting, no line breaks inside fields here).
fn csv_row(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// The text of each heading of a markdown page, with its level, as a reader sees it.
fn headings(md: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The text of each list item, as a reader sees it (lines joined with spaces).
fn items(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut text = String::new();
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Item) => {
                depth += 1;
                text.clear();
            }
            Event::End(TagEnd::Item) => {
                depth -= 1;
                out.push(text.trim().to_string());
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) if depth > 0 => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push(' '),
            Event::TaskListMarker(done) if depth > 0 => {
                text.push_str(if done { "[x] " } else { "[ ] " })
            }
            _ => {}
        }
    }
    out
}

#[test]
fn private_notes_stay_out_of_the_file_the_takeaway_and_the_report_and_go_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, session) = tuning(dir.path(), "2026-11-05T14:00:00+01:00", "Pat");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(!md.contains("Ben seemed tired"), "{md}");
    assert!(md.contains("The rubric is"), "the other notes are there");

    // Its own file, beside the session, written by the runtime with the save.
    let private = beside::render_private(&session).unwrap();
    assert!(private.contains("Ben seemed tired today; check in"));
    let mut files = critical_friends::runtime::Files::default();
    let reply = files.perform(Effect::Save {
        path: path.clone(),
        fallback: dir.path().join("rescue"),
        contents: md.clone(),
        private: Some(private.clone()),
        record: app::Record::Finished,
    });
    assert_eq!(reply, Some(Msg::Saved(path.clone())));
    let beside_path = dir
        .path()
        .join("2026-11-05-1400-tuning-grade-7-team.private.md");
    assert_eq!(beside::private_path(&path), beside_path);
    assert_eq!(std::fs::read_to_string(&beside_path).unwrap(), private);

    // Not a session: the listing passes it over.
    let listing = archive::list(dir.path()).unwrap();
    assert_eq!(listing.entries.len(), 1);
    assert!(listing.unreadable.is_empty());

    // Once the last private note is deleted, its file goes too.
    let save_with = |private: Option<String>| {
        critical_friends::runtime::Files::default().perform(Effect::Save {
            path: path.clone(),
            fallback: dir.path().join("rescue"),
            contents: md.clone(),
            private,
            record: app::Record::Finished,
        })
    };
    assert_eq!(save_with(None), Some(Msg::Saved(path.clone())));
    assert!(!beside_path.exists());
    save_with(Some(private.clone()));
    assert!(beside_path.exists());

    // Not in the take-away, the actions, the report in any form.
    let file = read::read(&path).unwrap().unwrap();
    let page = takeaway::render(&file, None, None).unwrap();
    assert!(!page.contains("Ben seemed"), "{page}");
    let (found, _) = actions::collect(dir.path(), &actions::Filter::default()).unwrap();
    assert!(!format!("{found:?}").contains("Ben seemed"));
    let built = report::build(dir.path(), &report::Filter::default()).unwrap();
    for text in [
        built.to_markdown(),
        built.to_csv(),
        built.to_json().to_string(),
        actions::to_json(&found).to_string(),
    ] {
        assert!(!text.contains("Ben seemed"), "{text}");
    }
}

#[test]
fn typed_text_reads_back_exactly_through_unescape() {
    let hostile = [
        "# not a heading",
        "a | b | c",
        "*star* and _under_ and `tick`",
        "<b>bold</b> & [x] done [[wiki]]",
        "see https://example.com/a_b?c=1&d=*2*",
        "- dash first",
        "1. numbered",
        "  two leading spaces",
        "back\\slash at the end\\",
        "{{ liquid }} %% hidden %% $math$ ~strike~ !bang ^sup",
    ];
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    for _ in 0..4 {
        clock.advance(300);
        s.next(clock.now.at);
    }
    for text in hostile {
        s.add_note("warm", text, clock.now);
    }
    s.add_note("cool", "first line\n  second | line\nthird", clock.now);
    let md = archive::render(&s, clock.now);
    let file = read::parse(Path::new("s.md"), &md).unwrap().unwrap();
    let step = &file.steps[4];
    assert_eq!(step.name, "Warm and cool feedback");
    let warm = &step.kinds[0].1;
    assert_eq!(warm, &hostile.map(String::from).to_vec());
    assert_eq!(step.kinds[1].1, vec!["first line\n  second | line\nthird"]);
    for line in hostile {
        assert_eq!(read::unescape(&critical_friends::markup::line(line)), line);
    }
}

#[test]
fn the_takeaway_of_a_tuning_session_has_question_feedback_reflection_and_next_steps() {
    let dir = tempfile::tempdir().unwrap();
    let (path, session) = tuning(dir.path(), "2026-11-05T14:00:00+01:00", "Pat");
    let file = read::read(&path).unwrap().unwrap();
    let reflection = takeaway::reflection_steps(&session.protocol);
    assert_eq!(reflection, vec!["Presenter reflection".to_string()]);
    let page = takeaway::render(&file, Some(&reflection), None).unwrap();
    insta::assert_snapshot!("takeaway_tuning", page);

    let heads: Vec<String> = headings(&page).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        heads,
        [
            "Take-away: Tuning Protocol — Grade 7 team",
            "Focusing question",
            "Restated question",
            "What the group offered",
            "Questions",
            "Warm feedback",
            "Cool feedback",
            "The presenter's reflection",
            "Next steps"
        ]
        .map(String::from)
    );
    assert!(!page.contains("Timing"));
    let listed = items(&page);
    assert!(listed.contains(&"I wonder about #grade_7 [x] <b>bold</b>".to_string()));
    assert!(listed.contains(&"I will model one citation first".to_string()));
    assert!(listed.contains(&"[ ] Try a revision conference next week".to_string()));
    assert!(listed.contains(&"[ ] Pat: share the rubric with the team".to_string()));

    // Through the command: the most recent session, printed, or written with --output.
    let (code, out, err) = crit(dir.path(), &["archive", "takeaway"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, page);
    let target = dir.path().join("for-pat.md");
    let (code, _, err) = crit(
        dir.path(),
        &["archive", "takeaway", "--output", target.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(target).unwrap(), page);
}

#[test]
fn the_takeaway_of_a_final_word_session_has_a_section_per_round_or_one_presenters_round() {
    let dir = tempfile::tempdir().unwrap();
    let p = builtin("final-word");
    let r = roster(&p, &["Ana", "Ben", "Cy"]);
    let mut now = at("2026-11-12T15:30:00+00:00");
    let mut s = Session::start(p, r, now);
    s.add_note("quote", "Page 12: the gap is in the asking", now);
    for (round, who) in ["Ana", "Ben", "Cy"].iter().enumerate() {
        let first = 1 + round * 3;
        go_to(&mut s, &mut now, first);
        s.add_note("quote", &format!("{who}'s passage"), now);
        go_to(&mut s, &mut now, first + 1);
        s.add_note("note", &format!("A response to {who}"), now);
        go_to(&mut s, &mut now, first + 2);
        s.add_note("note", &format!("{who} has the final word"), now);
        s.add_note(
            "action",
            &format!("{who}: reread chapter {}", round + 2),
            now,
        );
    }
    let last = s.plan.len() - 1;
    go_to(&mut s, &mut now, last);
    s.finish(Status::Complete, now);
    let path = save(dir.path(), &s, now);
    let file = read::read(&path).unwrap().unwrap();
    let reflection = takeaway::reflection_steps(&s.protocol);
    assert_eq!(reflection, vec!["The final word".to_string()]);
    let page = takeaway::render(&file, Some(&reflection), None).unwrap();
    insta::assert_snapshot!("takeaway_final_word", page);
    let heads: Vec<String> = headings(&page)
        .into_iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        heads,
        [
            "Focusing question",
            "The whole group",
            "Ana's round",
            "Ben's round",
            "Cy's round",
            "Next steps"
        ]
        .map(String::from)
    );

    let (code, ben, err) = crit(
        dir.path(),
        &[
            "archive",
            "takeaway",
            path.to_str().unwrap(),
            "--presenter",
            "ben",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        ben.contains("## Ben's round") && !ben.contains("Ana's round"),
        "{ben}"
    );
    assert!(ben.contains("Ben has the final word"));
    assert!(
        ben.contains("reread chapter 3") && !ben.contains("chapter 2"),
        "{ben}"
    );
    let (code, _, err) = crit(
        dir.path(),
        &[
            "archive",
            "takeaway",
            path.to_str().unwrap(),
            "--presenter",
            "Zed",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("nobody called Zed presented"), "{err}");
}

#[test]
fn actions_are_open_until_ticked_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = tuning(dir.path(), "2026-11-05T14:00:00+01:00", "Pat");
    tuning(dir.path(), "2026-12-03T14:00:00+01:00", "Ana");
    let all = |filter: actions::Filter| actions::collect(dir.path(), &filter).unwrap().0;
    assert_eq!(all(actions::Filter::default()).len(), 4);
    let pats = all(actions::Filter {
        person: Some("PAT".into()),
        done: Some(false),
        ..Default::default()
    });
    assert_eq!(
        pats.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
        [
            "Try a revision conference next week",
            "share the rubric with the team"
        ]
    );
    assert_eq!(pats[1].owner.as_deref(), Some("Pat"));

    // Ticked in an editor: done.
    let md = std::fs::read_to_string(&first).unwrap();
    let ticked = md.replacen("- [ ] Try a revision", "- [x] Try a revision", 1);
    assert_ne!(md, ticked);
    std::fs::write(&first, ticked).unwrap();
    let done = all(actions::Filter {
        done: Some(true),
        ..Default::default()
    });
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].text, "Try a revision conference next week");
    assert_eq!(done[0].date, "2026-11-05");

    let (code, out, err) = crit(dir.path(), &["archive", "actions", "--open", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert!(json.as_array().unwrap().iter().all(|a| a["done"] == false));
    // A file edited by hand until it no longer reads is skipped and named; the rest counts.
    std::fs::write(
        dir.path().join("2026-12-10-x.md"),
        "---\ngroup: [unclosed\n---\n",
    )
    .unwrap();
    let (code, out, err) = crit(dir.path(), &["archive", "actions", "--done"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("skipped") && err.contains("2026-12-10-x.md"),
        "{err}"
    );
    assert!(
        out.starts_with("[x] 2026-11-05 · Grade 7 team · Try a revision"),
        "{out}"
    );
}

#[test]
fn a_presenters_open_next_steps_come_back_on_the_first_step_and_the_file_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = tuning(dir.path(), "2026-11-05T14:00:00+01:00", "Pat");
    // Ticked: it does not come back.
    let md = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, md.replacen("- [ ] **Pat**", "- [x] **Pat**", 1)).unwrap();
    // Another presenter's session in the same group: not Pat's.
    tuning(dir.path(), "2026-11-19T14:00:00+01:00", "Ana");

    let mut settings = crate::screens::settings(false);
    settings.archive_dir = dir.path().to_path_buf();
    let clock = FakeClock::new();
    let mut model = Model::new(Library::builtin(), settings, clock.now);
    let p = builtin("tuning");
    let r = roster(&p, &["Ana", "Ben", "Cy"]);
    let effects = app::start_session(&mut model, p, r);
    let load = effects
        .into_iter()
        .find(|e| matches!(e, Effect::LoadEarlier { .. }))
        .expect("the start asks for earlier next steps");
    let mut files = critical_friends::runtime::Files::default();
    let Some(Msg::Earlier(earlier)) = files.perform(load) else {
        panic!("expected the earlier next steps")
    };
    assert_eq!(earlier.len(), 1, "{earlier:?}");
    assert_eq!(
        earlier[0].line(),
        "From 5 Nov (Tuning Protocol): Try a revision conference next week"
    );
    let effects = app::update(&mut model, Msg::Earlier(earlier), clock.now);
    let contents = effects
        .iter()
        .find_map(|e| match e {
            Effect::OpenArchive { contents, .. } | Effect::Save { contents, .. } => {
                Some(contents.clone())
            }
            _ => None,
        })
        .expect("the file is saved with them");
    assert!(
        contents.contains("## Earlier next steps")
            && contents.contains("(<2026-11-05-1400-tuning-grade-7-team.md>)"),
        "{contents}"
    );

    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| critical_friends::ui::view(&model, f)).unwrap();
    let screen = screen_text(&t);
    assert!(screen.contains("Open next steps:"), "{screen}");
    assert!(screen.contains("From 5 Nov (Tuning Protocol): Try a revision"));
    assert!(matches!(model.screen, Screen::Run(_)));
}

#[test]
fn the_report_adds_up_the_sessions_minutes_per_person_and_role_in_md_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let (_, a) = tuning(dir.path(), "2026-11-05T14:00:00+01:00", "Pat");
    let (_, b) = tuning(dir.path(), "2026-12-03T14:00:00+01:00", "Ána");
    // Edited by hand into something that no longer parses: skipped, said, the rest counts.
    std::fs::write(
        dir.path().join("2026-12-10-broken.md"),
        "---\nprotocol: \"Tuning\nno end\n",
    )
    .unwrap();
    let minutes = |s: &Session| {
        let md = archive::render(s, at("2027-01-01T00:00:00+00:00"));
        let line = md
            .lines()
            .find(|l| l.starts_with("actual_minutes: "))
            .unwrap();
        line["actual_minutes: ".len()..].parse::<f64>().unwrap()
    };
    let built = report::build(dir.path(), &report::Filter::default()).unwrap();
    assert_eq!(built.unreadable.len(), 1);
    let ana = built
        .totals()
        .into_iter()
        .find(|t| t.person == "Ana")
        .unwrap();
    // Ana took part in both and (as "Ána") presented the second: one person.
    assert_eq!(ana.sessions, 2);
    assert!((ana.minutes - (minutes(&a) + minutes(&b))).abs() < 1e-9);
    assert_eq!(
        ana.parts
            .iter()
            .map(|(p, n, _)| (p.as_str(), *n))
            .collect::<Vec<_>>(),
        [("presented", 1), ("took part", 2)]
    );

    let (code, out, err) = crit(dir.path(), &["archive", "report", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("skipped") && err.contains("2026-12-10-broken.md"),
        "{err}"
    );
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("person,date,group,protocol,roles,minutes,file")
    );
    let rows: Vec<Vec<String>> = lines.map(csv_row).collect();
    assert!(rows.iter().all(|r| r.len() == 7), "{out}");
    assert!(rows.iter().any(|r| r[4] == "presented, took part"), "{out}");
    let csv_total: f64 = rows
        .iter()
        .filter(|r| r[0] == "Sam")
        .map(|r| r[5].parse::<f64>().unwrap())
        .sum();
    assert!((csv_total - (minutes(&a) + minutes(&b))).abs() < 1e-9);

    let (code, out, _) = crit(
        dir.path(),
        &["archive", "report", "--format", "json", "--person", "sam"],
    );
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(json["totals"][0]["roles"][0]["role"], "facilitated");

    let (code, out, _) = crit(
        dir.path(),
        &[
            "archive",
            "report",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-31",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("2026-12-03") && !out.contains("2026-11-05"),
        "{out}"
    );

    let (code, out, err) = crit(dir.path(), &["archive", "report", "--person", "Zed"]);
    assert_eq!(code, 0);
    assert!(!out.contains("| Zed"));
    assert!(err.contains("no sessions found for Zed"), "{err}");

    let (code, _, err) = crit(dir.path(), &["archive", "report", "--from", "5/11/2026"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--from `5/11/2026`: write the date as YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn names_one_letter_apart_in_a_group_are_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    tuning(dir.path(), "2026-11-05T14:00:00+01:00", "Anna");
    let (code, out, err) = crit(dir.path(), &["archive", "report"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("Anna and Ana differ by one letter")
            || err.contains("Ana and Anna differ by one letter"),
        "{err}"
    );
    assert!(out.contains("## Names to check"), "{out}");
}

#[test]
fn the_summary_counts_private_notes_and_t_writes_the_takeaway_beside_the_session() {
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let mut app = crate::screens::App::new();
    app.model.settings.archive_dir = dir.path().to_path_buf();
    app.start("quick-tuning", "Ana, Ben");
    let now = app.clock.now;
    if let Screen::Run(run) = &mut app.model.screen {
        run.session.add_note("private", "Ask Ben how he is", now);
        run.session.add_note("action", "Pat: try the rubric", now);
    }
    app.ctrl('c').key(KeyCode::Char('y'));
    let Some(Effect::Save {
        path,
        contents,
        private: Some(private),
        ..
    }) = app.effects.last().cloned()
    else {
        panic!(
            "the last save carries the private notes: {:?}",
            app.effects.last()
        )
    };
    assert!(!contents.contains("Ask Ben") && private.contains("Ask Ben how he is"));
    let mut files = critical_friends::runtime::Files::default();
    let saved = files.perform(app.effects.last().cloned().unwrap());
    assert_eq!(saved, Some(Msg::Saved(path.clone())));
    assert!(beside::private_path(&path).is_file());

    let screen = |app: &crate::screens::App| screen_text(&app.draw(120, 40));
    let shown = screen(&app);
    assert!(
        shown.contains("1 private note (not in the session's file) in "),
        "{shown}"
    );
    assert!(shown.contains(".private.md"));

    app.key(KeyCode::Char('t'));
    let Some(effect @ Effect::Takeaway { .. }) = app.effects.last().cloned() else {
        panic!("t asks for the take-away")
    };
    let target = beside::takeaway_path(&path);
    // A folder where the take-away goes: the runtime says what failed, where, as data,
    // and the summary words it.
    std::fs::create_dir(&target).unwrap();
    let Some(Msg::TakeawayWritten(Err(problem))) = files.perform(effect.clone()) else {
        panic!("a take-away that cannot be written is reported")
    };
    assert!(
        matches!(&problem, critical_friends::app::TakeawayProblem::Write { path, .. } if path == &target),
        "{problem:?}"
    );
    app.send(Msg::TakeawayWritten(Err(problem)));
    let failed = screen(&app);
    assert!(
        failed.contains("Cannot write the take-away: cannot write "),
        "{failed}"
    );
    std::fs::remove_dir(&target).unwrap();
    let reply = files.perform(effect).unwrap();
    assert_eq!(reply, Msg::TakeawayWritten(Ok(target.clone())));
    let page = std::fs::read_to_string(&target).unwrap();
    assert!(
        page.contains("**Pat**: try the rubric") && !page.contains("Ask Ben"),
        "{page}"
    );
    app.send(reply);
    assert!(screen(&app).contains("Take-away written to"));
    // Neither file beside it is a session.
    assert_eq!(archive::list(dir.path()).unwrap().entries.len(), 1);
}

/// A protocol from a folder named with `--protocols` tells the take-away which step is the
/// presenter's reflection, as a built-in does, even when the step's name does not say so.
#[test]
fn the_takeaway_knows_the_reflection_of_a_protocol_from_the_protocols_flag() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ours");
    std::fs::create_dir_all(&folder).unwrap();
    let source = r#"
name = "Home-grown feedback"

[roles]
facilitator = { label = "Facilitator" }
presenter = { label = "Presenter" }
participant = { label = "Participants", many = true }

[[steps]]
name = "The work"
minutes = 5
speakers = ["presenter"]

[[steps]]
name = "Feedback"
minutes = 5
speakers = ["participant"]
silent = ["presenter"]
notes = ["warm", "cool"]

[[steps]]
name = "Pat's turn"
minutes = 5
speakers = ["presenter"]
"#;
    let file = folder.join("home-grown.toml");
    std::fs::write(&file, source).unwrap();
    let p = critical_friends::protocol::parse_protocol(
        source,
        &file.display().to_string(),
        "home-grown",
    )
    .unwrap();
    let mut clock = FakeClock::new();
    let mut s = Session::start(p.clone(), roster(&p, &["Ana", "Ben"]), clock.now);
    s.next(clock.now.at);
    s.add_note("warm", "The rubric is clear.", clock.now);
    s.next(clock.now.at);
    s.add_note("note", "I will try the rubric on Monday.", clock.now);
    clock.advance(60);
    s.finish(Status::Complete, clock.now);
    save(dir.path(), &s, clock.now);

    let reflection = "The presenter's reflection";
    let (code, out, err) = crit(
        dir.path(),
        &[
            "--protocols",
            folder.to_str().unwrap(),
            "archive",
            "takeaway",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(reflection), "{out}");
    // Without the folder the protocol is unknown, and the step's name does not say it is
    // a reflection.
    let (code, out, err) = crit(dir.path(), &["archive", "takeaway"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains(reflection), "{out}");
}
