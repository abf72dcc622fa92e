//! Searching an archive: every note, focusing question and set of names that holds a
//! text, shown as typed (markdown escapes undone), newest session first.

use std::cmp::Reverse;
use std::fs;
use std::io::{self, BufReader};
use std::path::Path;

use super::entry::{ArchiveEntry, Unreadable, entry_from};
use super::listing::{files_in, par_map};
use crate::markup;
use crate::words::archive as words;

/// Something in a session that matched a search: a note, the focusing question, or the
/// session's names, shown as typed (no markdown escapes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub entry: ArchiveEntry,
    /// Where it is: a step (`5. Warm and cool feedback › Cool feedback`), `Next steps`,
    /// `Focusing question`; `None` for the session's group, protocol or people.
    pub place: Option<String>,
    /// The note or text as typed (several lines if it was typed so).
    pub text: String,
}

/// Every note, focusing question and set of names in the sessions of `dir` that contains
/// `text`, ignoring case (Unicode lowercase), each as typed: markdown escapes do not
/// count (`grade_7` finds `grade\_7`). Newest sessions first; within a session, the
/// question, then the names, then notes in the file's order. Empty `text` finds nothing.
/// Returns the hits and the files that could not be read.
pub fn search(dir: &Path, text: &str) -> io::Result<(Vec<SearchHit>, Vec<Unreadable>)> {
    search_folders(&[dir], text)
}

/// A session and what matched in it.
type Found = (ArchiveEntry, Vec<(Option<String>, String)>);

/// [`search`] over several folders, as [`list_folders`] reads them.
pub fn search_folders(dirs: &[&Path], text: &str) -> io::Result<(Vec<SearchHit>, Vec<Unreadable>)> {
    let files = files_in(dirs)?;
    let needle = text.to_lowercase();
    // Each file is read once, whole: its entry from the front matter, then its notes.
    let read = par_map(&files, |path| -> Result<Option<Found>, String> {
        let bytes = fs::read(path).map_err(|e| words::cannot_read(&e))?;
        let Some(entry) = entry_from(path, BufReader::new(bytes.as_slice()))? else {
            return Ok(None);
        };
        let hits = if needle.is_empty() {
            Vec::new()
        } else {
            matches_in(&entry, &String::from_utf8_lossy(&bytes), &needle)
        };
        Ok(Some((entry, hits)))
    });
    let mut sessions: Vec<Found> = Vec::new();
    let mut unreadable = Vec::new();
    for (path, result) in files.into_iter().zip(read) {
        match result {
            Ok(Some(found)) => sessions.push(found),
            Ok(None) => {}
            Err(why) => unreadable.push((path, why)),
        }
    }
    sessions.sort_by_cached_key(|(e, _)| Reverse(e.sort_key()));
    unreadable.sort();
    let hits = sessions
        .into_iter()
        .flat_map(|(entry, found)| {
            found.into_iter().map(move |(place, text)| SearchHit {
                entry: entry.clone(),
                place,
                text,
            })
        })
        .collect();
    Ok((hits, unreadable))
}

/// The (place, text as typed) of everything in `entry`'s session that contains `needle`
/// (already lowercase): the focusing question once, the names, each note.
fn matches_in(entry: &ArchiveEntry, contents: &str, needle: &str) -> Vec<(Option<String>, String)> {
    if !may_contain(contents, needle) {
        return Vec::new();
    }
    let has = |s: &str| s.to_lowercase().contains(needle);
    let mut found = Vec::new();
    if has(&entry.question) {
        found.push((
            Some(words::FOCUSING_QUESTION.to_string()),
            entry.question.clone(),
        ));
    }
    let mut details = Vec::new();
    if has(&entry.group) {
        details.push(words::search_group(&entry.group));
    }
    if has(&entry.protocol) {
        details.push(entry.protocol.clone());
    }
    let people: Vec<&String> = entry.attendees.iter().filter(|n| has(n)).collect();
    if !people.is_empty() {
        let names: Vec<&str> = people.iter().map(|s| s.as_str()).collect();
        details.push(words::search_people(&names.join(", ")));
    }
    if !details.is_empty() {
        found.push((None, details.join(" · ")));
    }
    for (place, text) in notes_of(contents) {
        if has(&text) {
            found.push((place, text));
        }
    }
    found
}

/// Whether `contents` may hold `needle` (lowercase) anywhere, ignoring case, escapes and
/// character references. Most files of a search hold nothing: this is made to say so
/// quickly, without copying the text.
fn may_contain(contents: &str, needle: &str) -> bool {
    let bytes = contents.as_bytes();
    let plainly = if needle.is_ascii() {
        contains_ascii_ci(bytes, needle.as_bytes())
    } else {
        contents.to_lowercase().contains(needle)
    };
    if plainly {
        return true;
    }
    // Only punctuation and spaces can hide behind an escape, a character reference or a
    // no-break space; the needle's ASCII words are written as typed, so each must be there.
    let may_hide = needle.chars().any(|c| c.is_ascii_punctuation() || c == ' ');
    may_hide
        && needle
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| contains_ascii_ci(bytes, w.as_bytes()))
        && markup::plain(&contents.to_lowercase())
            .replace('\u{a0}', " ")
            .contains(needle)
}

/// Whether `haystack` contains `needle` (ASCII, lowercase), ignoring ASCII case.
fn contains_ascii_ci(haystack: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let upper = first.to_ascii_uppercase();
    haystack
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == first || b == upper)
        .any(|(i, _)| {
            haystack
                .get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
}

/// The notes in a session's markdown, each with the step (and kind) it is under, as
/// typed. Sections that repeat the front matter (the question, the timing table, the
/// people) are left out; a line crit did not write (added in an editor) counts as a note
/// of its section.
fn notes_of(contents: &str) -> Vec<(Option<String>, String)> {
    let mut lines = contents.lines();
    // Past the front matter.
    if lines
        .next()
        .is_some_and(|l| l.trim_start_matches('\u{feff}').trim_end() == "---")
    {
        for line in lines.by_ref() {
            if matches!(line.trim_end(), "---" | "...") {
                break;
            }
        }
    }
    let mut notes: Vec<(Option<String>, String)> = Vec::new();
    let (mut round, mut step, mut kind): (Option<String>, Option<String>, Option<String>) =
        (None, None, None);
    // Lines under the title (date, times, people) and in the sections that repeat the
    // front matter are skipped; list items never are.
    let mut skipping = false;
    let mut open: Option<Vec<String>> = None;
    let place = |round: &Option<String>, step: &Option<String>, kind: &Option<String>| {
        let parts: Vec<&str> = [round, step, kind]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" › "))
    };
    let close = |open: &mut Option<Vec<String>>,
                 notes: &mut Vec<(Option<String>, String)>,
                 at: Option<String>| {
        if let Some(paragraphs) = open.take() {
            notes.push((at, note_text(&paragraphs)));
        }
    };
    for line in lines {
        let here = place(&round, &step, &kind);
        if let Some(heading) = line.strip_prefix('#') {
            close(&mut open, &mut notes, here);
            let level = 1 + heading.chars().take_while(|c| *c == '#').count();
            let title = markup::plain(heading.trim_start_matches('#').trim());
            skipping = false;
            match (level, title.as_str()) {
                (1, _) => skipping = true,
                (2, t)
                    if [
                        words::FOCUSING_QUESTION,
                        words::RESTATED_QUESTION,
                        words::TIMING,
                    ]
                    .contains(&t) =>
                {
                    skipping = true;
                }
                (2, t) if t == words::NEXT_STEPS => (round, step, kind) = (None, Some(title), None),
                (2, t)
                    if t.split_once(". ")
                        .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())) =>
                {
                    (round, step, kind) = (None, Some(title), None);
                }
                (2, _) => (round, step, kind) = (Some(title), None, None),
                (3, t)
                    if t.split_once(". ")
                        .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())) =>
                {
                    (step, kind) = (Some(title), None);
                }
                _ => kind = Some(title),
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(item) = line.strip_prefix("- ") {
            close(&mut open, &mut notes, here);
            let item = item.strip_prefix("[ ] ").unwrap_or(item);
            open = Some(vec![item.to_string()]);
        } else if let (Some(paragraphs), Some(more)) = (open.as_mut(), line.strip_prefix("  ")) {
            paragraphs.push(more.to_string());
        } else if skipping {
            close(&mut open, &mut notes, here);
        } else {
            close(&mut open, &mut notes, here.clone());
            // crit's own lines between notes are not notes.
            let own = line == words::NO_NOTES
                || line == words::NO_ACTIONS
                || (line
                    .strip_prefix('*')
                    .is_some_and(|l| l.starts_with(words::PLANNED_PREFIX))
                    && line.ends_with('*'));
            if !own {
                notes.push((here, markup::plain(line)));
            }
        }
    }
    close(&mut open, &mut notes, place(&round, &step, &kind));
    notes
}

/// A note's paragraphs as typed: unescaped, one per line, without the time crit adds.
fn note_text(paragraphs: &[String]) -> String {
    let mut lines: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    if let Some(last) = lines.last_mut()
        && last.ends_with(")*")
        && let Some(at) = last.rfind(" *(")
    {
        last.truncate(at);
    }
    // No-break spaces stand for typed spaces at a line's start (and around `[ ]`).
    lines
        .iter()
        .map(|l| markup::plain(l).replace('\u{a0}', " "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::archive::fixture::{Spec, archive, write_session};
    use crate::archive::list_folders;
    use crate::session::Status;

    #[test]
    fn search_finds_a_note_ignoring_case_in_its_session_only() {
        let a = archive();
        let (hits, unreadable) = search(&a.path, "übung COLUMN").unwrap();
        assert_eq!(unreadable.len(), 2);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry.path, a.grade7_complete);
        assert_eq!(hits[0].text, "What about the Übung column?");
        assert_eq!(
            hits[0].place.as_deref(),
            Some("1. Introduction › Cool feedback")
        );
    }

    #[test]
    fn search_shows_notes_as_typed_through_markdown_escapes() {
        let a = archive();
        let (hits, _) = search(&a.path, "by *friday*").unwrap();
        // The note under its step, and again under "Next steps".
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(hits.iter().all(|h| h.entry.path == a.grade7_complete));
        assert!(
            hits.iter()
                .all(|h| h.text == "Revise rubric_v2 by *Friday*"),
            "{hits:?}"
        );
        assert_eq!(hits[1].place.as_deref(), Some("Next steps"));
        let raw = fs::read_to_string(&a.grade7_complete).unwrap();
        assert!(
            raw.contains("by \\*Friday\\*"),
            "escaped in the file:\n{raw}"
        );
    }

    #[test]
    fn search_finds_names_and_the_question_once_newest_session_first() {
        let a = archive();
        let (hits, _) = search(&a.path, "kenji").unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry.path, a.tokyo_in_progress);
        assert_eq!(
            (hits[0].place.as_deref(), hits[0].text.as_str()),
            (None, "with Kenji")
        );

        let (hits, _) = search(&a.path, "rosa díaz").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.path, a.obsidian);

        // The question is in the front matter and the body: one hit.
        let (hits, _) = search(&a.path, "QUIET STUDENTS").unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry.path, a.grade7_in_progress);
        assert_eq!(hits[0].place.as_deref(), Some("Focusing question"));
        assert_eq!(hits[0].text, "How do I get quiet students talking?");

        // "rubric" is in two sessions (and in files that are not sessions, which are not
        // searched): newest session first.
        let (hits, _) = search(&a.path, "Rubric").unwrap();
        let sessions: Vec<&Path> = hits.iter().map(|h| h.entry.path.as_path()).collect();
        let first_old = sessions
            .iter()
            .position(|p| *p == a.grade7_complete)
            .unwrap();
        assert!(sessions[..first_old].iter().all(|p| *p == a.obsidian));
        assert!(
            sessions[first_old..]
                .iter()
                .all(|p| *p == a.grade7_complete)
        );
        assert!(first_old > 0);
        assert_eq!(hits[0].text, "Lab reports need a shared RUBRIC");
        assert!(search(&a.path, "").unwrap().0.is_empty());
        // The timing table and crit's own lines are not notes.
        assert!(search(&a.path, "planned").unwrap().0.is_empty());
        // Nor are the lines crit writes where there is nothing to note: the reader finds
        // them by the words the writer used.
        for own in [words::NO_NOTES, words::NO_ACTIONS, words::NOT_RUN] {
            assert!(search(&a.path, own).unwrap().0.is_empty(), "{own}");
        }
    }

    #[test]
    fn the_quick_check_finds_text_behind_case_and_escapes_only() {
        assert!(contains_ascii_ci(b"A Science lab", b"science"));
        assert!(!contains_ascii_ci(b"A Scien", b"science"));
        assert!(may_contain("costs \\$5 \\*now\\*", "$5 *now*"));
        assert!(may_contain("&#64;Ana will", "@ana"));
        assert!(may_contain("Übung", "übung"));
        assert!(!may_contain("costs \\$5 later", "$5 *now*"));
        assert!(!may_contain("zebra", "crossing"));
    }

    #[test]
    fn list_and_search_read_several_folders_and_skip_a_missing_one() {
        let a = archive();
        let rescue = tempfile::tempdir().unwrap();
        let saved = write_session(
            rescue.path(),
            Spec {
                protocol: "tuning",
                group: "Rescued",
                presenter: "Ria",
                question: "",
                start: "2026-11-22T10:00:00+01:00",
                notes: &[("note", "kept safe in the rescue folder")],
                finish: Some(Status::Complete),
            },
        );
        let listing = list_folders(&[&a.path, rescue.path()]).unwrap();
        assert!(listing.entries.iter().any(|e| e.path == saved));
        assert_eq!(listing.entries.len(), 5);
        let (hits, _) = search_folders(&[&a.path, rescue.path()], "rescue folder").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.path, saved);
        // The same folder twice is read once; a missing one is skipped, unless all are.
        assert_eq!(list_folders(&[&a.path, &a.path]).unwrap().entries.len(), 4);
        let gone = a.path.join("gone");
        assert_eq!(
            list_folders(&[&gone, rescue.path()]).unwrap().entries.len(),
            1
        );
        let err = list_folders(&[&gone, &gone.join("x")]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
