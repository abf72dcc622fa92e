//! Data the benchmarks share: a fixed clock, rosters, sessions with many notes, and an
//! archive folder of rendered sessions. Each bench uses only part of it.
#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::DateTime;
use critical_friends::archive;
use critical_friends::protocol::{Library, Protocol};
use critical_friends::session::{Now, Roster, Session, Status};

/// A fixed starting moment (the wall clock) with a real `Instant`.
pub fn start_now() -> Now {
    Now {
        at: Instant::now(),
        wall: DateTime::parse_from_rfc3339("2026-11-23T14:00:00+01:00").unwrap(),
    }
}

pub fn builtin(id: &str) -> Protocol {
    Library::builtin()
        .find(id)
        .unwrap_or_else(|| panic!("no built-in {id}"))
        .protocol
        .clone()
}

/// Names for every role: one person for single roles, `participants` for the others.
pub fn roster(protocol: &Protocol, group: &str, participants: &[&str]) -> Roster {
    let people = protocol
        .roles
        .iter()
        .map(|r| {
            let names: Vec<String> = if r.many {
                participants.iter().map(|s| s.to_string()).collect()
            } else {
                vec![match r.id.as_str() {
                    "facilitator" => "Sam".to_string(),
                    "presenter" => "Pat".to_string(),
                    other => format!("{other}-person"),
                }]
            };
            (r.id.clone(), names)
        })
        .collect();
    Roster {
        group: group.into(),
        people,
        question: "How do I deepen student thinking about evidence?".into(),
        ..Roster::default()
    }
}

/// The note kind a note in the session's current step would get.
pub fn current_kind(session: &Session) -> String {
    session
        .step()
        .note_kinds
        .first()
        .cloned()
        .unwrap_or_else(|| "note".into())
}

/// Note text of varied length, some with markdown that needs escaping.
pub fn note_text(i: usize) -> String {
    match i % 4 {
        0 => format!("Note {i}: students cite *evidence* from the text_{i}"),
        1 => format!("Warm: the rubric is clear about what counts as a strong claim ({i})."),
        2 => format!(
            "Cool: I wonder how the #{i} prompt would read to someone who missed the first \
             lesson, and whether the model answer gives too much away."
        ),
        _ => format!("Line one of note {i}\nline two | with a pipe"),
    }
}

/// A tuning session moved to its third step (a step with note kinds), with `notes`
/// notes all in that step: the worst case for the notes panel. Returns the session and
/// the time after the last note.
pub fn session_with_notes(notes: usize) -> (Session, Now) {
    let p = builtin("tuning");
    let r = roster(&p, "Grade 7 team", &["Ana", "Ben", "Cy", "Dee", "Eli"]);
    let mut now = start_now();
    let mut s = Session::start(p, r, now);
    for _ in 0..2 {
        now = now.after(Duration::from_secs(300));
        s.next(now.at);
    }
    let kind = current_kind(&s);
    for i in 0..notes {
        now = now.after(Duration::from_millis(100));
        s.add_note(&kind, &note_text(i), now);
    }
    (s, now)
}

/// Fills `dir` with `count` archive files rendered from real sessions: every built-in
/// protocol, a dozen groups, a few notes each in several steps, most complete, some
/// abandoned or still in progress. Written plainly (no fsync): this is set-up.
pub fn fill_archive(dir: &Path, count: usize) {
    let lib = Library::builtin();
    let protocols: Vec<Protocol> = lib.protocols.iter().map(|s| s.protocol.clone()).collect();
    let groups = [
        "Grade 7 team",
        "Grade 8 team",
        "Science department",
        "Maths",
        "English faculty",
        "New teachers",
        "Leadership",
        "Year 10 tutors",
        "Équipe de français",
        "Arts & music",
        "PE",
        "Library staff",
    ];
    let people = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay"];
    let base = start_now();
    for i in 0..count {
        let p = protocols[i % protocols.len()].clone();
        let group = groups[(i / protocols.len()) % groups.len()];
        let participants = &people[..3 + i % 4];
        let r = roster(&p, group, participants);
        // A new session every 37 minutes: distinct file names, spread over two years.
        let mut now = base.after(Duration::from_secs(37 * 60 * i as u64));
        let mut s = Session::start(p, r, now);
        let steps = 1 + i % 5;
        for step in 0..steps {
            for n in 0..(1 + (i + step) % 3) {
                now = now.after(Duration::from_secs(40));
                let kind = current_kind(&s);
                s.add_note(&kind, &note_text(i * 7 + n), now);
            }
            now = now.after(Duration::from_secs(240));
            s.next(now.at);
        }
        match i % 10 {
            0 => {}
            1 => s.finish(Status::Abandoned, now),
            _ => s.finish(Status::Complete, now),
        }
        let name = archive::file_name(s.started, &s.protocol.id, &s.roster.group);
        std::fs::write(dir.join(name), archive::render(&s, now)).unwrap();
    }
}
