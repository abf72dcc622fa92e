//! The note box: typing a note, saving it, changing a saved note, and keeping what was
//! typed when the session stops.

use ratatui::crossterm::event::KeyEvent;

use super::save;
use crate::app::keymap::{self, NoteAction};
use crate::app::{Editing, Effect, Mode, Run, new_note_box};
use crate::session::Now;
use crate::words::screen as w;

/// A key in the note box: a command from its table, or text.
pub(super) fn key(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    match keymap::action(keymap::NOTE, &key) {
        Some(NoteAction::End) => run.mode = Mode::ConfirmEnd,
        Some(NoteAction::Leave) => {
            // Leaving an edit keeps the note as it was.
            end_edit(run);
            run.mode = Mode::Timer;
        }
        Some(NoteAction::NewLine) => run.note.insert_newline(),
        Some(NoteAction::Save) if run.editing.is_some() => return save_edit(run, now),
        Some(NoteAction::Save) => return save_note(run, now),
        Some(NoteAction::NextKind) => {
            let kinds = run.kinds().len().max(1);
            run.note_kind = (run.note_kind + 1) % kinds;
        }
        Some(NoteAction::PreviousKind) => {
            let kinds = run.kinds().len().max(1);
            run.note_kind = (run.note_kind + kinds - 1) % kinds;
        }
        None => {
            run.note.input(key);
        }
    }
    Vec::new()
}

/// Saves the note box's text as a note of the chosen kind, and the file with it.
fn save_note(run: &mut Run, now: Now) -> Vec<Effect> {
    if commit_draft(run, now) {
        save(run, now)
    } else {
        Vec::new()
    }
}

/// Turns the text in the note box, if any, into a note. True if there was one.
pub(super) fn commit_draft(run: &mut Run, now: Now) -> bool {
    let text = run.note.lines().join("\n");
    if text.trim().is_empty() {
        return false;
    }
    let kind = run.current_kind();
    run.session.add_note(&kind, text.trim_end(), now);
    run.note = new_note_box();
    // The new note is the newest: it is the current one.
    run.selected_note = None;
    true
}

/// Opens saved note `index` in the note box. What was typed there is put aside and comes
/// back when the edit ends.
pub(super) fn start_edit(run: &mut Run, index: usize) {
    let Some(note) = run.session.notes.get(index) else {
        return;
    };
    let mut input = new_note_box();
    input.insert_str(&note.text);
    let kind = note.kind.clone();
    let box_before = std::mem::replace(&mut run.note, input);
    let draft = (!box_before.is_empty()).then_some((box_before, run.note_kind));
    run.editing = Some(Editing { index, draft });
    run.note_kind = run.kinds().iter().position(|k| *k == kind).unwrap_or(0);
    run.mode = Mode::Note;
}

/// Ends an edit without changing the note: the box gets back what was typed before.
fn end_edit(run: &mut Run) {
    let Some(edit) = run.editing.take() else {
        return;
    };
    let (draft, kind) = edit.draft.unwrap_or_else(|| (new_note_box(), 0));
    run.note = draft;
    run.note_kind = kind;
}

/// `Enter` on an edit: the note takes the box's text and kind, keeping its time.
fn save_edit(run: &mut Run, now: Now) -> Vec<Effect> {
    let Some(index) = run.editing.as_ref().map(|e| e.index) else {
        return Vec::new();
    };
    let text = run.note.lines().join("\n");
    if text.trim().is_empty() {
        run.flash = Some(w::note_empty(
            keymap::key_for(keymap::NOTE, NoteAction::Leave),
            keymap::key_for(keymap::TIMER, keymap::Action::DeleteNote),
        ));
        return Vec::new();
    }
    let kind = run.current_kind();
    let changed = run.session.edit_note(index, &kind, &text);
    end_edit(run);
    run.mode = Mode::Timer;
    if changed {
        run.flash = Some(w::NOTE_CHANGED.into());
        save(run, now)
    } else {
        Vec::new()
    }
}

/// Before the session stops: an edit in progress is kept as typed (unless emptied), and
/// then whatever was in the box before it becomes a note too.
pub(super) fn finish_typing(run: &mut Run, now: Now) {
    if let Some(index) = run.editing.as_ref().map(|e| e.index) {
        let text = run.note.lines().join("\n");
        let kind = run.current_kind();
        run.session.edit_note(index, &kind, &text);
        end_edit(run);
    }
    commit_draft(run, now);
}
