//! Writing the session down: its file at every change (what `crit resume` needs beside
//! it, as a snapshot or journal entries), the journal's once-a-second clock, and the last
//! save when the terminal goes away.

use super::note::finish_typing;
use super::run_mut;
use crate::app::{Effect, Model, Record, Run, Screen};
use crate::archive::{self, journal::Entry};
use crate::session::{Now, Status};

/// Writes the session down: its file, and (while it runs) the state `crit resume` needs.
/// If the file could not be created yet, creating it is tried again.
pub(super) fn save(run: &mut Run, now: Now) -> Vec<Effect> {
    run.last_save = Some(now.at);
    let record = record(run, now);
    let s = &run.session;
    let contents = archive::render(s, now);
    let private = archive::beside::render_private(s);
    let fallback = run.fallback_dir.clone();
    match &run.saving.path {
        Some(path) => vec![Effect::Save {
            path: path.clone(),
            fallback,
            contents,
            private,
            record,
        }],
        None => vec![Effect::OpenArchive {
            dir: run.archive_dir.clone(),
            fallback,
            name: archive::file_name(s.started, &s.protocol.id, &s.roster.group),
            contents,
            private,
            record,
        }],
    }
}

/// What resuming needs of this save: the whole session when a new starting point is due,
/// else only what changed (the notes that changed, where the session stands, the draft).
pub(super) fn record(run: &mut Run, now: Now) -> Record {
    if run.session.status != Status::InProgress {
        return Record::Finished;
    }
    let draft = draft_entry(run);
    let s = &mut run.session;
    let changed = s.take_note_changes();
    if run.journal.snapshot_due || run.saving.path.is_none() {
        run.journal.snapshot_due = false;
        run.journal.last_tick = Some(now.at);
        return Record::Running {
            snapshot: Some(Box::new(s.saved(now))),
            entries: draft.into_iter().collect(),
        };
    }
    let mut entries = Vec::new();
    if let Some((from, notes)) = changed {
        entries.push(Entry::Notes { from, notes });
    }
    entries.push(Entry::Pos(Box::new(s.position(now))));
    entries.extend(draft);
    run.journal.last_tick = Some(now.at);
    Record::Running {
        snapshot: None,
        entries,
    }
}

/// The note being typed, if it changed since the journal last had it.
fn draft_entry(run: &mut Run) -> Option<Entry> {
    // While a saved note is being edited, the box holds that note, not a draft: the
    // journal keeps the draft that was put aside (the note itself is safe as it was).
    if run.editing.is_some() {
        return None;
    }
    let draft = (run.current_kind().to_string(), run.note.lines().join("\n"));
    if draft.1.trim().is_empty() && run.journal.draft.1.is_empty() || draft == run.journal.draft {
        return None;
    }
    let (kind, text) = if draft.1.trim().is_empty() {
        (draft.0, String::new())
    } else {
        draft
    };
    run.journal.draft = (kind.clone(), text.clone());
    Some(Entry::Draft { kind, text })
}

/// Between saves, the journal hears the running step's clock and the note being typed
/// once a second, so a kill loses at most about a second of either.
pub(super) fn journal_clock(model: &mut Model) -> Option<Effect> {
    let now = model.now;
    let run = run_mut(model)?;
    let journal = &run.journal;
    let quiet = run.saving.path.is_none()
        || run.session.status != Status::InProgress
        || journal.snapshot_due
        || journal
            .last_tick
            .is_some_and(|t| now.at.saturating_duration_since(t) < JOURNAL_EVERY);
    if quiet {
        return None;
    }
    run.journal.last_tick = Some(now.at);
    let mut entries = Vec::new();
    if !run.session.is_paused() {
        let s = &run.session;
        let e = s.elapsed(s.current(), now.at).as_millis();
        entries.push(Entry::Tick {
            e: u64::try_from(e).unwrap_or(u64::MAX),
            w: now.wall,
        });
    }
    entries.extend(draft_entry(run));
    (!entries.is_empty()).then_some(Effect::Journal(entries))
}

/// How often the journal hears the clock and the draft.
const JOURNAL_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The terminal is closing: keep a typed draft as a note, save, and quit. The session
/// stays in progress, so `crit resume` continues it.
pub(super) fn terminate(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    model.quit = true;
    let Screen::Run(run) = &mut model.screen else {
        return Vec::new();
    };
    finish_typing(run, now);
    let mut effects = save(run, now);
    if let (Some(path), Some(_)) = (&model.settings.live_file, model.published.take()) {
        effects.push(Effect::Unpublish(path.clone()));
    }
    effects
}
