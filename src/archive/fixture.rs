//! Sample archives for the archive's own tests: real session files, rendered as crit
//! writes them, beside files crit must skip or report.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::DateTime;

use crate::protocol::Library;
use crate::session::{Now, Roster, Session, Status};

use super::ArchiveEntry;

pub(crate) fn now(rfc3339: &str) -> Now {
    Now {
        at: Instant::now(),
        wall: DateTime::parse_from_rfc3339(rfc3339).unwrap(),
    }
}

pub(crate) struct Spec<'a> {
    pub(crate) protocol: &'a str,
    pub(crate) group: &'a str,
    pub(crate) presenter: &'a str,
    pub(crate) question: &'a str,
    pub(crate) start: &'a str,
    pub(crate) notes: &'a [(&'a str, &'a str)],
    pub(crate) finish: Option<Status>,
}

/// Writes a real session file, as crit renders it, and returns its path.
pub(crate) fn write_session(dir: &Path, s: Spec) -> PathBuf {
    let protocol = Library::builtin()
        .find(s.protocol)
        .unwrap()
        .protocol
        .clone();
    let roster = Roster {
        group: s.group.into(),
        people: vec![
            ("facilitator".into(), vec!["Fay".into()]),
            ("presenter".into(), vec![s.presenter.into()]),
            ("participant".into(), vec!["Pat".into(), "Quinn".into()]),
        ],
        question: s.question.into(),
        ..Roster::default()
    };
    let start = now(s.start);
    let mut session = Session::start(protocol, roster, start);
    for (i, (kind, text)) in s.notes.iter().enumerate() {
        session.add_note(kind, text, start.after(Duration::from_secs(60 * i as u64)));
    }
    let end = start.after(Duration::from_secs(3600));
    if let Some(status) = s.finish {
        session.finish(status, end);
    }
    let path = dir.join(crate::archive::file_name(
        session.started,
        s.protocol,
        s.group,
    ));
    fs::write(&path, crate::archive::render(&session, end)).unwrap();
    path
}

pub(crate) const OBSIDIAN: &str = "---
title: Tuning Protocol — Science
protocol: Tuning Protocol
protocol_id: tuning
group: Science
date: 2026-11-21
start: 2026-11-21T08:30:00+00:00
end: 2026-11-21T09:30:00+00:00
status: complete
roles:
  facilitator:
    - Fay
  presenter:
    - Rosa Díaz
  participant:
    - Pat
    - Quinn
question: How do we grade lab reports fairly?
planned_minutes: 60
actual_minutes: 58.5
tags:
  - cfg
aliases: []
---

# Tuning Protocol — Science

- Lab reports need a shared RUBRIC *(09:01)*
";

pub(crate) struct Archive {
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) path: PathBuf,
    pub(crate) grade7_complete: PathBuf,
    pub(crate) grade7_in_progress: PathBuf,
    pub(crate) tokyo_in_progress: PathBuf,
    pub(crate) obsidian: PathBuf,
    pub(crate) broken: PathBuf,
    pub(crate) unclosed: PathBuf,
}

pub(crate) fn archive() -> Archive {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let grade7_complete = write_session(
        &path,
        Spec {
            protocol: "tuning",
            group: "Grade 7 Team",
            presenter: "Ana",
            question: "Does the essay rubric reward thinking?",
            start: "2026-11-20T14:05:00+01:00",
            notes: &[
                ("warm", "Clear criteria"),
                ("cool", "What about the Übung column?"),
                ("action", "Revise rubric_v2 by *Friday*"),
            ],
            finish: Some(Status::Complete),
        },
    );
    // Latest instant of all (14:00 UTC on the 23rd), though its local time is earlier
    // than the Tokyo session's.
    let grade7_in_progress = write_session(
        &path,
        Spec {
            protocol: "consultancy",
            group: "grade 7 team",
            presenter: "Bo",
            question: "How do I get quiet students talking?",
            start: "2026-11-23T09:00:00-05:00",
            notes: &[("note", "Try think-pair-share")],
            finish: None,
        },
    );
    // 01:00 UTC on the 23rd.
    let tokyo_in_progress = write_session(
        &path,
        Spec {
            protocol: "tuning",
            group: "Tokyo",
            presenter: "Kenji",
            question: "",
            start: "2026-11-23T10:00:00+09:00",
            notes: &[],
            finish: None,
        },
    );
    let obsidian = path.join("2026-11-21-0830-tuning-science.md");
    fs::write(&obsidian, OBSIDIAN).unwrap();
    let broken = path.join("broken.md");
    fs::write(
        &broken,
        "---\nprotocol: \"Tuning\ngroup: [unclosed\n---\n\nrubric\n",
    )
    .unwrap();
    let unclosed = path.join("unclosed.md");
    fs::write(&unclosed, "---\nprotocol: Tuning\n\nrubric forever\n").unwrap();
    fs::write(
        path.join("README.md"),
        "# My archive\n\nrubric notes here\n",
    )
    .unwrap();
    fs::write(
        path.join("other-note.md"),
        "---\ntags: [personal]\n---\n\nrubric\n",
    )
    .unwrap();
    fs::write(
        path.join("notes.txt"),
        "---\nprotocol: Tuning\n---\nrubric\n",
    )
    .unwrap();
    fs::write(path.join(".hidden.md.tmp"), "---\nprotocol: x\n---\n").unwrap();
    fs::create_dir(path.join("sub.md")).unwrap();
    Archive {
        _dir: dir,
        path,
        grade7_complete,
        grade7_in_progress,
        tokyo_in_progress,
        obsidian,
        broken,
        unclosed,
    }
}

pub(crate) fn paths(entries: &[ArchiveEntry]) -> Vec<&Path> {
    entries.iter().map(|e| e.path.as_path()).collect()
}
