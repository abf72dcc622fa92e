//! `update`: how each message changes the model, and which effects follow. A key goes to
//! the screen in front (one file each: [`picker`], [`setup`], [`run`] with its
//! [`dialogs`] and [`note`] box, [`summary`]), which finds its action in that screen's
//! key table ([`super::keymap`]). Starting and resuming are in [`start`]; writing the
//! session down (saves, the journal) in [`saving`].

mod dialogs;
mod note;
mod picker;
mod run;
mod saving;
mod setup;
mod start;
mod summary;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{Effect, Live, Mode, Model, Msg, Run, SaveProblem, Saving, Screen};
use crate::session::{Advance, Now, Status};
use crate::words::screen as w;
use saving::{journal_clock, save, terminate};
pub use start::{resume_session, start_session};

/// Applies `msg`, which happened at `now`, and returns what the runtime must do.
pub fn update(model: &mut Model, msg: Msg, now: Now) -> Vec<Effect> {
    model.now = now;
    let step_before = run_mut(model).map(|r| r.session.current());
    let mut effects = handle(model, msg, now);
    effects.extend(check_clock(model));
    effects.extend(journal_clock(model));
    if let Some(run) = run_mut(model)
        && step_before.is_some_and(|s| s != run.session.current())
    {
        // Another step's notes are shown: the newest is current again.
        run.selected_note = None;
    }
    effects.extend(publish(model, now));
    effects
}

/// Keeps the public view for `crit mirror` in step with the session: written when what
/// the room sees changes, removed when the session is over.
fn publish(model: &mut Model, now: Now) -> Option<Effect> {
    let path = model.settings.live_file.clone()?;
    match &model.screen {
        Screen::Run(run) => {
            let mut live = Live::from_session(&run.session, now);
            live.session = run.saving.path.clone();
            if model
                .published
                .as_ref()
                .is_some_and(|p| p.same_state(&live))
            {
                return None;
            }
            model.published = Some(live.clone());
            Some(Effect::Publish {
                path,
                live: Box::new(live),
            })
        }
        _ => model.published.take().map(|_| Effect::Unpublish(path)),
    }
}

fn handle(model: &mut Model, msg: Msg, now: Now) -> Vec<Effect> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
        Msg::Key(key) => on_key(model, key),
        Msg::Paste(text) => on_paste(model, &text),
        // The clock is checked after every message (`check_clock`), a tick included.
        Msg::Tick | Msg::Resize => Vec::new(),
        Msg::ArchiveOpened { path, problem } => {
            if let Some(saving) = saving_mut(model) {
                let problem = problem.map(|p| match &p {
                    // The archive folder refused the file: it went to the fallback.
                    SaveProblem::Folder { .. } => w::saving_instead(&p.describe(), &path),
                    _ => p.describe(),
                });
                *saving = Saving {
                    path: Some(path),
                    problem,
                    unsaved: false,
                };
            }
            Vec::new()
        }
        Msg::ArchiveFailed {
            archive,
            fallback,
            error,
        } => {
            if let Some(saving) = saving_mut(model) {
                let nowhere = w::nor_in(&archive.describe(), &fallback, &error.text);
                saving.problem = Some(w::kept_on_screen(&nowhere));
                saving.unsaved = true;
            }
            snapshot_due(model);
            Vec::new()
        }
        Msg::JournalFailed => {
            snapshot_due(model);
            Vec::new()
        }
        Msg::Saved(path) => {
            // The disk is writable again: the warning no longer holds.
            if let Some(saving) = saving_mut(model)
                && saving.path.as_ref() == Some(&path)
                && saving.unsaved
            {
                saving.problem = None;
                saving.unsaved = false;
            }
            // The finished session is on disk: a shared archive commits it (and syncs).
            match &mut model.screen {
                Screen::Summary(s) if !s.share_asked && s.saving.path.as_ref() == Some(&path) => {
                    s.share_asked = true;
                    vec![Effect::Share {
                        path,
                        sync: model.settings.sync_after_session,
                    }]
                }
                _ => Vec::new(),
            }
        }
        Msg::ResumeLoaded { path, saved } => {
            match saved.and_then(|s| resume_session(model, *s, path)) {
                Ok(effects) => effects,
                Err(problem) => {
                    model.resume_offer = None;
                    model.status = Some(w::cannot_resume(&problem));
                    Vec::new()
                }
            }
        }
        Msg::Terminate => terminate(model),
        Msg::TakeawayWritten(result) => {
            if let Screen::Summary(summary) = &mut model.screen {
                summary.takeaway = Some(result.map_err(|problem| problem.describe()));
            }
            Vec::new()
        }
        Msg::Earlier(steps) => match run_mut(model) {
            // Shown on the first step; the file links where each came from.
            Some(run) if !steps.is_empty() && run.session.earlier != steps => {
                run.session.earlier = steps;
                run.journal.snapshot_due = true;
                save(run, now)
            }
            _ => Vec::new(),
        },
        Msg::Shared(outcome) => {
            if let Screen::Summary(summary) = &mut model.screen {
                summary.shared = Some(outcome);
            }
            Vec::new()
        }
        Msg::SaveFailed { problem, moved_to } => {
            let Some(saving) = saving_mut(model) else {
                return Vec::new();
            };
            saving.unsaved = moved_to.is_none();
            saving.problem = Some(match &moved_to {
                Some(p) => w::saving_instead(&problem.describe(), p),
                None => w::kept_on_screen(&problem.describe()),
            });
            let moved = moved_to.is_some();
            if moved {
                saving.path = moved_to;
            }
            snapshot_due(model);
            // The session now lives in the rescue folder: give it what resuming needs there
            // at once, rather than at the next note.
            match run_mut(model) {
                Some(run) if moved && run.session.status == Status::InProgress => save(run, now),
                _ => Vec::new(),
            }
        }
    }
}

pub(super) fn snapshot_due(model: &mut Model) {
    if let Some(run) = run_mut(model) {
        run.journal.snapshot_due = true;
    }
}

pub(super) fn saving_mut(model: &mut Model) -> Option<&mut Saving> {
    match &mut model.screen {
        Screen::Run(run) => Some(&mut run.saving),
        Screen::Summary(s) => Some(&mut s.saving),
        _ => None,
    }
}

pub(super) fn run_mut(model: &mut Model) -> Option<&mut Run> {
    match &mut model.screen {
        Screen::Run(run) => Some(run),
        _ => None,
    }
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    match &model.screen {
        Screen::Picker(_) => picker::key(model, key),
        Screen::Setup(_) => setup::key(model, key),
        Screen::Run(_) => run::key(model, key),
        Screen::Summary(_) => summary::key(model, key),
    }
}

fn on_paste(model: &mut Model, text: &str) -> Vec<Effect> {
    match &mut model.screen {
        // Pasted text in the picker is something to find, never a string of keys.
        Screen::Picker(picker) if !picker.show_skipped => {
            let line = crate::text::typed(text).replace(['\n', '\t'], " ");
            picker
                .filter
                .get_or_insert_with(String::new)
                .push_str(line.trim_end());
            let visible = picker.visible(&model.library);
            if !visible.contains(&picker.selected)
                && let Some(&first) = visible.first()
            {
                picker.selected = first;
            }
        }
        Screen::Run(run) if matches!(run.mode, Mode::Timer | Mode::Note) => {
            // Pasted text is always note text, never a string of commands.
            run.mode = Mode::Note;
            run.note.insert_str(crate::text::typed(text));
        }
        Screen::Run(run) if run.mode == Mode::Restate => {
            run.restate_input
                .insert_str(text.replace(['\r', '\n'], " "));
        }
        Screen::Run(run) if run.mode == Mode::EndTime => {
            run.end_input.insert_str(text.trim());
        }
        Screen::Setup(setup) => {
            let line = text.replace(['\r', '\n'], " ");
            let field: &mut TextArea<'static> = &mut setup.fields[setup.focus].input;
            field.insert_str(line);
        }
        _ => {}
    }
    Vec::new()
}

/// Checks the clock after every message: the bell once when time is up (and, if turned
/// on, moving to the next step, but never while a dialog is open), and a save at least
/// once a minute so a crash loses little time.
fn check_clock(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    let (bell, auto) = (model.settings.bell, model.settings.auto_advance);
    let Some(run) = run_mut(model) else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    if run.session.tick(now.at) {
        if bell {
            effects.push(Effect::Bell);
        }
        if auto
            && matches!(run.mode, Mode::Timer | Mode::Note)
            && run.session.next(now.at) == Advance::NextStep
        {
            // An edit keeps its note's kind; a new note starts on the new step's first.
            if run.editing.is_none() {
                run.note_kind = 0;
            }
            return [effects, save(run, now)].concat();
        }
    }
    let stale = run
        .last_save
        .is_none_or(|t| now.at.saturating_duration_since(t) >= SAVE_EVERY);
    if stale && !run.session.is_paused() {
        effects.extend(save(run, now));
    }
    effects
}

/// While the clock runs, the session is saved at least this often.
const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Typing in a one-line box: everything but the keys that would start a new line.
pub(super) fn single_line_input(input: &mut TextArea<'static>, key: KeyEvent) {
    let new_line = key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('m' | 'j'));
    if !new_line {
        input.input(key);
    }
}
