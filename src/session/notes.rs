//! Notes: what a note can be (the kinds a step offers, who an action belongs to), and
//! the session's notes as the group takes, finds, edits and deletes them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::clock::Now;
use super::run::Session;

/// The kind of a note that stays on this computer: it is shown to the recorder and kept
/// out of everything shared.
pub const PRIVATE: &str = "private";

/// The kinds every step offers after the ones its file lists.
pub const ALWAYS_OFFERED: [&str; 5] = ["note", "question", "idea", "action", PRIVATE];

/// The kinds a step offers: the ones its file lists first (the note box opens on the
/// first of them), then `note`, `question`, `idea`, `action` and `private`, each once.
pub fn offered_kinds(declared: &[String]) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::with_capacity(declared.len() + ALWAYS_OFFERED.len());
    let always = ALWAYS_OFFERED.iter().map(|k| k.to_string());
    for kind in declared.iter().cloned().chain(always) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// The owner of an action that starts with a person's name and a colon ("Pat: add a why
/// box by Friday" gives `("Pat", "add a why box by Friday")`). The name must be one of
/// `names` (any case, as typed in the note); anything else has no owner.
pub fn action_owner<'a, S: AsRef<str>>(text: &'a str, names: &[S]) -> Option<(&'a str, &'a str)> {
    let (head, rest) = text.split_once(':')?;
    let owner = head.trim();
    let rest = rest.trim();
    if owner.is_empty() || rest.is_empty() {
        return None;
    }
    let known = names
        .iter()
        .any(|n| n.as_ref().trim().to_lowercase() == owner.to_lowercase());
    known.then_some((owner, rest))
}

/// One note, as the group typed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Index into the session's plan.
    pub step: usize,
    /// Whose turn it was, in a go-round.
    pub turn: Option<String>,
    pub kind: String,
    pub text: String,
    pub at: DateTime<FixedOffset>,
}

impl Session {
    pub fn add_note(&mut self, kind: &str, text: &str, now: Now) {
        let turn = self.turn().map(|(_, name)| name.to_string());
        self.notes.push(Note {
            step: self.current,
            turn,
            kind: kind.to_string(),
            text: text.to_string(),
            at: now.wall,
        });
        self.notes_changed(self.notes.len() - 1);
    }

    /// Records that notes from index `from` on were added, changed or removed, so the
    /// next journal entry carries them.
    pub fn notes_changed(&mut self, from: usize) {
        self.notes_dirty_from = Some(self.notes_dirty_from.map_or(from, |f| f.min(from)));
    }

    /// The notes changed since the last call: the index they start at and the notes from
    /// there on (the notes before `from` are as they were). Adding a note costs one note,
    /// however many there are.
    pub fn take_note_changes(&mut self) -> Option<(usize, Vec<Note>)> {
        let from = self.notes_dirty_from.take()?.min(self.notes.len());
        Some((from, self.notes[from..].to_vec()))
    }

    /// Where the `nth` note of step `step` (in the order taken) is in [`Session::notes`].
    pub fn note_index(&self, step: usize, nth: usize) -> Option<usize> {
        self.notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.step == step)
            .nth(nth)
            .map(|(i, _)| i)
    }

    /// Changes note `index` in place: its kind and text, keeping its step, turn and
    /// time. Text that is only blank is refused (a note is deleted, never emptied).
    /// True if the note changed.
    pub fn edit_note(&mut self, index: usize, kind: &str, text: &str) -> bool {
        let text = text.trim_end();
        let Some(note) = self.notes.get_mut(index) else {
            return false;
        };
        if text.trim().is_empty() || (note.kind == kind && note.text == text) {
            return false;
        }
        note.kind = kind.to_string();
        note.text = text.to_string();
        self.notes_changed(index);
        true
    }

    /// Removes note `index` and gives it back (`None` if there is no such note).
    pub fn delete_note(&mut self, index: usize) -> Option<Note> {
        let gone = (index < self.notes.len()).then(|| self.notes.remove(index));
        if gone.is_some() {
            self.notes_changed(index);
        }
        gone
    }

    /// Notes of step `i`, in the order they were taken.
    pub fn notes_of(&self, i: usize) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| n.step == i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_step_offers_its_own_kinds_first_then_the_common_ones() {
        assert_eq!(
            offered_kinds(&strings(&["warm", "cool", "hard"])),
            strings(&[
                "warm", "cool", "hard", "note", "question", "idea", "action", "private"
            ])
        );
        // A kind the file lists that is also a common one is offered once, where the
        // file put it.
        assert_eq!(
            offered_kinds(&strings(&["question"])),
            strings(&["question", "note", "idea", "action", "private"])
        );
        assert_eq!(
            offered_kinds(&[]),
            strings(&["note", "question", "idea", "action", "private"])
        );
    }

    #[test]
    fn an_action_that_names_someone_of_the_session_has_an_owner() {
        let names = ["Pat", "Ana María", "Sam"];
        assert_eq!(
            action_owner("Pat: add a why box by Friday", &names),
            Some(("Pat", "add a why box by Friday"))
        );
        assert_eq!(
            action_owner("  ana maría :  draft the survey", &names),
            Some(("ana maría", "draft the survey"))
        );
        // Not a name of the session, nothing after the colon, no colon.
        assert_eq!(action_owner("Note: check the rubric", &names), None);
        assert_eq!(action_owner("Pat:", &names), None);
        assert_eq!(action_owner("Pat to draft the survey", &names), None);
        assert_eq!(action_owner(": nobody", &names), None);
        assert_eq!(
            action_owner("Pat: at 10:30, send it", &names),
            Some(("Pat", "at 10:30, send it"))
        );
    }
}

#[cfg(test)]
mod session_notes {
    use std::time::{Duration, Instant};

    use chrono::DateTime;

    use super::*;
    use crate::protocol::{Entry, Minutes, Protocol, Step};
    use crate::session::{Now, Roster};

    fn now() -> Now {
        Now {
            at: Instant::now(),
            wall: DateTime::parse_from_rfc3339("2026-11-23T14:00:00+01:00").unwrap_or_default(),
        }
    }

    fn step(name: &str) -> Entry {
        Entry::Step(Step {
            name: name.into(),
            minutes: Minutes {
                planned: 5.0,
                max: 5.0,
            },
            speakers: Vec::new(),
            silent: Vec::new(),
            guide: String::new(),
            stems: Vec::new(),
            notes: Vec::new(),
            turns: None,
            seats: None,
            estimated: false,
            adapted: false,
            protected: false,
            min_minutes: None,
            max_minutes: None,
            silence_implied: false,
            open: false,
            groups: None,
        })
    }

    fn session() -> Session {
        let protocol = Protocol {
            id: "two".into(),
            name: "Two steps".into(),
            summary: String::new(),
            source: String::new(),
            tags: Vec::new(),
            roles: Vec::new(),
            note_kinds: Vec::new(),
            steps: vec![step("One"), step("Two")],
        };
        Session::start(protocol, Roster::default(), now())
    }

    /// Notes "a" and "c" in step 0, "b" in step 1, a minute apart.
    fn with_notes() -> Session {
        let mut s = session();
        let t = now();
        s.add_note("note", "a", t);
        s.next(t.at);
        s.add_note("note", "b", t.after(Duration::from_secs(60)));
        s.previous(t.at);
        s.add_note("idea", "c", t.after(Duration::from_secs(120)));
        s
    }

    #[test]
    fn the_notes_of_a_step_are_found_in_the_order_taken() {
        let s = with_notes();
        assert_eq!(s.note_index(0, 0), Some(0));
        assert_eq!(s.note_index(0, 1), Some(2));
        assert_eq!(s.note_index(1, 0), Some(1));
        assert_eq!(s.note_index(1, 1), None);
    }

    #[test]
    fn an_edit_changes_text_and_kind_and_keeps_the_time_and_step() {
        let mut s = with_notes();
        let before = s.notes[2].clone();
        assert!(s.edit_note(2, "action", "Pat: try it\n"));
        let after = &s.notes[2];
        assert_eq!(
            (after.kind.as_str(), after.text.as_str()),
            ("action", "Pat: try it")
        );
        assert_eq!(
            (after.at, after.step, &after.turn),
            (before.at, before.step, &before.turn)
        );
        assert_eq!(s.notes.len(), 3);
    }

    #[test]
    fn an_edit_to_nothing_or_to_the_same_leaves_the_note() {
        let mut s = with_notes();
        let before = s.notes.clone();
        assert!(!s.edit_note(0, "note", "  \n "));
        assert!(!s.edit_note(0, "note", "a"));
        assert!(!s.edit_note(9, "note", "x"));
        assert_eq!(s.notes, before);
    }

    #[test]
    fn deleting_removes_one_note_and_keeps_the_others_in_order() {
        let mut s = with_notes();
        let gone = s.delete_note(0).map(|n| n.text);
        assert_eq!(gone.as_deref(), Some("a"));
        let texts: Vec<_> = s.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["b", "c"]);
        assert_eq!(s.delete_note(5), None);
        assert_eq!(s.notes.len(), 2);
    }
}
