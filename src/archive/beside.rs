//! The files crit writes beside a session's file, under its name: the private notes
//! (`NAME.private.md`, which stay on this computer) and the presenter's take-away
//! (`NAME.takeaway.md`). Neither is a session: the archive's listing passes them over.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::Timelike;

use crate::session::{PRIVATE, Session};

/// The end of a private notes file's name.
pub const PRIVATE_SUFFIX: &str = ".private.md";
/// The end of a take-away file's name.
pub const TAKEAWAY_SUFFIX: &str = ".takeaway.md";

/// `2026-11-23-1400-tuning.md` → `2026-11-23-1400-tuning.private.md`.
pub fn private_path(session: &Path) -> PathBuf {
    beside(session, PRIVATE_SUFFIX)
}

/// `2026-11-23-1400-tuning.md` → `2026-11-23-1400-tuning.takeaway.md`.
pub fn takeaway_path(session: &Path) -> PathBuf {
    beside(session, TAKEAWAY_SUFFIX)
}

fn beside(session: &Path, suffix: &str) -> PathBuf {
    let name = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(&name);
    session.with_file_name(format!("{stem}{suffix}"))
}

/// Whether a file name is one crit writes beside a session (never a session itself).
pub fn is_beside_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(PRIVATE_SUFFIX) || lower.ends_with(TAKEAWAY_SUFFIX)
}

/// How many private notes the session has.
pub fn private_count(session: &Session) -> usize {
    session.notes.iter().filter(|n| n.kind == PRIVATE).count()
}

/// The private notes file for `session`, or `None` when it has no private notes. Plain
/// markdown with no front matter: a page for the person who typed them, not a session.
pub fn render_private(session: &Session) -> Option<String> {
    if private_count(session) == 0 {
        return None;
    }
    let esc = crate::markup::inline;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Private notes: {} — {}\n",
        esc(&session.protocol.name),
        esc(&session.roster.group)
    );
    let _ = writeln!(
        out,
        "{} · these notes stay on this computer: they are not in the session's file, \
         its take-away or any report, and a shared archive never shares them.\n",
        session.started.format("%-d %B %Y, %H:%M")
    );
    for (i, step) in session.plan.iter().enumerate() {
        let notes: Vec<_> = session.notes_of(i).filter(|n| n.kind == PRIVATE).collect();
        if notes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}. {}\n", i + 1, esc(&step.full_name()));
        for note in notes {
            let lines: Vec<String> = note.text.trim_end().lines().map(esc).collect();
            let _ = writeln!(
                out,
                "- {} *({:02}:{:02})*",
                lines.join("\\\n  "),
                note.at.hour(),
                note.at.minute()
            );
        }
        out.push('\n');
    }
    Some(out)
}

/// The session without its private notes: what everything shared is made from.
pub fn without_private(session: &Session) -> Option<Session> {
    if private_count(session) == 0 {
        return None;
    }
    let mut public = session.clone();
    public.notes.retain(|n| n.kind != PRIVATE);
    Some(public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_beside_a_session_are_named_from_it_and_are_not_sessions() {
        let md = Path::new("/a/2026-11-23-1400-tuning-grade-7.md");
        assert_eq!(
            private_path(md),
            Path::new("/a/2026-11-23-1400-tuning-grade-7.private.md")
        );
        assert_eq!(
            takeaway_path(md),
            Path::new("/a/2026-11-23-1400-tuning-grade-7.takeaway.md")
        );
        assert!(is_beside_file("x.private.md"));
        assert!(is_beside_file("x.TAKEAWAY.md"));
        assert!(!is_beside_file("2026-11-23-1400-tuning-grade-7.md"));
    }
}
