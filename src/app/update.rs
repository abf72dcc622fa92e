//! `update`: how each message changes the model, and which effects follow.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::keymap::{self, Action};
use super::{
    Effect, Live, Mode, Model, Msg, Picker, Prefill, Record, Run, Saving, Screen, Setup, Summary,
    new_note_box,
};
use crate::archive::{self, Resumed, journal::Entry};
use crate::protocol::Protocol;
use crate::session::{Advance, Now, Roster, Session, Status};

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
                *saving = Saving {
                    path: Some(path),
                    problem,
                    unsaved: false,
                };
            }
            Vec::new()
        }
        Msg::ArchiveFailed(problem) => {
            if let Some(saving) = saving_mut(model) {
                saving.problem = Some(problem);
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
                    model.status = Some(format!("Cannot resume: {problem}"));
                    Vec::new()
                }
            }
        }
        Msg::Terminate => terminate(model),
        Msg::TakeawayWritten(result) => {
            if let Screen::Summary(summary) = &mut model.screen {
                summary.takeaway = Some(result);
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
                Some(p) => format!("{problem}. Saving to {} instead.", p.display()),
                None => format!("{problem}. Notes are kept on screen; do not close crit."),
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

/// Starts a session now: the run screen, and the effect that creates its archive file.
pub fn start_session(model: &mut Model, protocol: Protocol, roster: Roster) -> Vec<Effect> {
    let mut roster = roster;
    roster.tags.extend(model.settings.tags.iter().cloned());
    let mut session = Session::start(protocol, roster, model.now);
    let settings = &model.settings;
    session.site = settings.site.clone();
    let mut run = Run::new(
        session,
        settings.archive_dir.clone(),
        settings.fallback_dir.clone(),
    );
    run.projector = model.start_in_projector;
    let mut effects = save(&mut run, model.now);
    // The presenter's open next steps from earlier sessions come back (found by the
    // runtime: reading the archive is I/O).
    let presenters = run.session.roster.names("presenter").to_vec();
    if !presenters.is_empty() && !run.session.roster.group.trim().is_empty() {
        effects.push(Effect::LoadEarlier {
            dir: model.settings.archive_dir.clone(),
            group: run.session.roster.group.clone(),
            presenters,
        });
    }
    model.screen = Screen::Run(Box::new(run));
    effects
}

/// Continues the session read back from `path`: the run screen at the step and time it
/// was in, the note that was being typed back in the note box, and a save that records it.
/// The time crit was closed is said on screen, and `a` counts it in the step.
pub fn resume_session(
    model: &mut Model,
    resumed: Resumed,
    path: std::path::PathBuf,
) -> Result<Vec<Effect>, String> {
    let now = model.now;
    let session = Session::resume(resumed.saved, now)?;
    let settings = &model.settings;
    let mut run = Run::new(
        session,
        settings.archive_dir.clone(),
        settings.fallback_dir.clone(),
    );
    run.saving.path = Some(path);
    let away = (now.wall - resumed.last_seen).to_std().unwrap_or_default();
    let mut flash = String::from("Resumed where the session stopped.");
    // A paused clock lost nothing while crit was closed: there is nothing to count.
    if !away.is_zero() && !run.session.is_paused() {
        // Said in whole seconds, rounded up: "closed for 0:01" rather than nothing.
        let secs = away.as_secs() + u64::from(away.subsec_nanos() > 0);
        run.away = Some((std::time::Duration::from_secs(secs), run.session.current()));
    }
    if let Some((kind, text)) = resumed.draft {
        if let Some(i) = run
            .session
            .step()
            .note_kinds
            .iter()
            .position(|k| *k == kind)
        {
            run.note_kind = i;
        }
        run.note.insert_str(&text);
        run.journal.draft = (kind, text);
        flash.push_str(" The note you were typing is back in the note box (i).");
    }
    if let Some(copy) = resumed.hand_edits {
        flash.push_str(&format!(
            " The file had been edited by hand: those edits are kept in {}.",
            copy.display()
        ));
    }
    run.flash = Some(flash);
    let effects = save(&mut run, now);
    model.came_from_picker = false;
    model.resume_offer = None;
    model.screen = Screen::Run(Box::new(run));
    Ok(effects)
}

fn snapshot_due(model: &mut Model) {
    if let Some(run) = run_mut(model) {
        run.journal.snapshot_due = true;
    }
}

fn saving_mut(model: &mut Model) -> Option<&mut Saving> {
    match &mut model.screen {
        Screen::Run(run) => Some(&mut run.saving),
        Screen::Summary(s) => Some(&mut s.saving),
        _ => None,
    }
}

fn run_mut(model: &mut Model) -> Option<&mut Run> {
    match &mut model.screen {
        Screen::Run(run) => Some(run),
        _ => None,
    }
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    match &mut model.screen {
        Screen::Picker(_) => picker_key(model, key),
        Screen::Setup(_) => setup_key(model, key),
        Screen::Run(_) => run_key(model, key),
        Screen::Summary(summary) => {
            let last = summary.session.plan.len().saturating_sub(1);
            let unsaved = summary.saving.path.is_none() || summary.saving.unsaved;
            let quitting = matches!(key.code, KeyCode::Char('q') | KeyCode::Enter | KeyCode::Esc)
                || keymap::is_ctrl_c(&key);
            match key.code {
                // Quitting with notes saved nowhere needs a second press.
                _ if quitting && unsaved && !summary.quit_warned => summary.quit_warned = true,
                _ if quitting => {
                    model.quit = true;
                    return Vec::new();
                }
                KeyCode::Char('s') if unsaved => {
                    let s = &summary.session;
                    let contents = archive::render(s, model.now);
                    let private = archive::beside::render_private(s);
                    let fallback = model.settings.fallback_dir.clone();
                    return vec![match &summary.saving.path {
                        Some(path) => Effect::Save {
                            path: path.clone(),
                            fallback,
                            contents,
                            private,
                            record: Record::Finished,
                        },
                        None => Effect::OpenArchive {
                            dir: model.settings.archive_dir.clone(),
                            fallback,
                            name: archive::file_name(s.started, &s.protocol.id, &s.roster.group),
                            contents,
                            private,
                            record: Record::Finished,
                        },
                    }];
                }
                // The presenter's take-away, written beside the saved session.
                KeyCode::Char('t') if !unsaved => {
                    if let Some(path) = summary.saving.path.clone() {
                        let reflection =
                            archive::takeaway::reflection_steps(&summary.session.protocol);
                        return vec![Effect::Takeaway {
                            session: path,
                            reflection,
                        }];
                    }
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    summary.scroll = (summary.scroll + 1).min(last)
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    summary.scroll = summary.scroll.saturating_sub(1)
                }
                KeyCode::PageDown => summary.scroll = (summary.scroll + 10).min(last),
                KeyCode::PageUp => summary.scroll = summary.scroll.saturating_sub(10),
                _ => {}
            }
            Vec::new()
        }
    }
}

fn picker_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Screen::Picker(picker) = &mut model.screen else {
        return Vec::new();
    };
    if picker.show_skipped {
        // The pop-up is in front: Esc (or s) closes it, and nothing behind it moves.
        if matches!(key.code, KeyCode::Esc | KeyCode::Char('s') | KeyCode::Enter) {
            picker.show_skipped = false;
        } else if keymap::is_ctrl_c(&key) {
            model.quit = true;
            return Vec::new();
        }
        return Vec::new();
    }
    if picker.filter.is_some() && filter_key(picker, &model.library, key) {
        return Vec::new();
    }
    let Some(action) = keymap::picker_action(&key) else {
        return Vec::new();
    };
    let visible = picker.visible(&model.library);
    let position = visible.iter().position(|&i| i == picker.selected);
    let last = visible.len().saturating_sub(1);
    let go = |to: usize| visible.get(to).copied();
    use keymap::PickerAction as P;
    let moved = match action {
        // Up from the first goes round to the last, and down from the last to the first.
        P::Up => go(match position {
            Some(0) | None => last,
            Some(p) => p - 1,
        }),
        P::Down => go(match position {
            Some(p) if p < last => p + 1,
            _ => 0,
        }),
        P::First => go(0),
        P::Last => go(last),
        P::Filter => {
            picker.filter = Some(String::new());
            None
        }
        P::Skipped => {
            picker.show_skipped = !model.library.skipped.is_empty();
            None
        }
        P::Resume => {
            if let Some((path, _)) = &model.resume_offer {
                return vec![Effect::LoadResume(path.clone())];
            }
            None
        }
        P::Pick => {
            open_setup(model);
            return Vec::new();
        }
        P::Quit => {
            model.quit = true;
            return Vec::new();
        }
    };
    if let Some(i) = moved {
        picker.selected = i;
    }
    Vec::new()
}

/// A key while the picker's filter is being typed: text narrows the list, Esc clears
/// it. False for the keys the picker handles as usual (moving, Enter).
fn filter_key(picker: &mut Picker, library: &crate::protocol::Library, key: KeyEvent) -> bool {
    let Some(filter) = picker.filter.as_mut() else {
        return false;
    };
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => picker.filter = None,
        KeyCode::Backspace => {
            filter.pop();
        }
        KeyCode::Char(c) if plain => filter.push(c),
        _ => return false,
    }
    // Keep the choice on a protocol that is still shown.
    let visible = picker.visible(library);
    if !visible.contains(&picker.selected)
        && let Some(&first) = visible.first()
    {
        picker.selected = first;
    }
    true
}

/// Opens the setup form for the protocol chosen in the picker (if the filter shows it).
fn open_setup(model: &mut Model) {
    let Screen::Picker(picker) = &model.screen else {
        return;
    };
    if !picker.visible(&model.library).contains(&picker.selected) {
        return;
    }
    if let Some(source) = model.library.protocols.get(picker.selected) {
        let settings = &model.settings;
        let defaults = Prefill::from_defaults(
            &source.protocol,
            settings.default_group.as_deref(),
            &settings.default_names,
        );
        let setup = Setup::new(source.protocol.clone(), &defaults);
        model.came_from_picker = true;
        model.screen = Screen::Setup(Box::new(setup));
    }
}

fn setup_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Screen::Setup(setup) = &mut model.screen else {
        return Vec::new();
    };
    let start = |setup: &mut Setup| setup.roster().map(|r| (setup.protocol.clone(), r));
    match key.code {
        KeyCode::Esc => {
            if model.came_from_picker {
                let selected = model
                    .library
                    .protocols
                    .iter()
                    .position(|s| s.protocol.id == setup.protocol.id)
                    .unwrap_or(0);
                model.screen = Screen::Picker(Picker {
                    selected,
                    ..Picker::default()
                });
            } else {
                model.quit = true;
                return Vec::new();
            }
        }
        _ if keymap::is_ctrl_c(&key) => {
            model.quit = true;
            return Vec::new();
        }
        KeyCode::Tab | KeyCode::Down => setup.next_field(),
        KeyCode::BackTab | KeyCode::Up => setup.previous_field(),
        KeyCode::Enter if !setup.on_last_field() => {
            setup.error = None;
            setup.next_field();
        }
        KeyCode::Enter | KeyCode::Char('s')
            if key.code == KeyCode::Enter || key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            match start(setup) {
                Ok((protocol, roster)) => {
                    let overlap = super::setup::name_in_two_roles(&protocol, &roster);
                    match overlap {
                        Some(warning) if !setup.overlap_shown => {
                            setup.overlap_shown = true;
                            setup.error = Some(warning);
                        }
                        _ => return start_session(model, protocol, roster),
                    }
                }
                Err(problem) => setup.error = Some(problem),
            }
        }
        _ => {
            setup.error = None;
            // Single-line fields: keys that would add a line are ignored.
            single_line_input(&mut setup.fields[setup.focus].input, key);
        }
    }
    Vec::new()
}

fn run_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let now = model.now;
    let Screen::Run(run) = &mut model.screen else {
        return Vec::new();
    };
    run.flash = None;
    match run.mode {
        Mode::Help => {
            if matches!(
                key.code,
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter
            ) {
                run.mode = Mode::Timer;
            } else if keymap::is_ctrl_c(&key) {
                run.mode = Mode::ConfirmEnd;
            }
            Vec::new()
        }
        Mode::ConfirmEnd => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => end_session(model),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                run.mode = if run.note.is_empty() && run.editing.is_none() {
                    Mode::Timer
                } else {
                    Mode::Note
                };
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::ConfirmDelete => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                run.mode = Mode::Timer;
                let Some(index) = run.deleting.take() else {
                    return Vec::new();
                };
                if run.session.delete_note(index).is_none() {
                    return Vec::new();
                }
                // The choice stays on the same place in the list (the next note up).
                let left = run.step_notes().len();
                run.selected_note = match (run.selected_note, left) {
                    (_, 0) | (None, _) => None,
                    (Some(k), _) => Some(k.saturating_sub(1).min(left - 1)),
                };
                run.flash = Some("The note is deleted.".into());
                save(run, now)
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                run.deleting = None;
                run.mode = Mode::Timer;
                Vec::new()
            }
            _ if keymap::is_ctrl_c(&key) => {
                run.deleting = None;
                run.mode = Mode::ConfirmEnd;
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::Note => note_key(run, key, now),
        Mode::EndTime => end_time_key(run, key, now),
        Mode::Restate => restate_key(run, key, now),
        Mode::Fit => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                let current = run.session.current();
                if let Some((from, _)) = &run.fit
                    && *from != current
                {
                    // The session moved on while the plan was shown: plan again from here.
                    run.fit = run.session.propose_fit(now).map(|plan| (current, plan));
                    run.flash = Some("The step changed, so here is a new plan.".into());
                    return Vec::new();
                }
                // The plan shown was worked out when `f` was pressed; time has passed since,
                // so the same rules are applied to the time left now.
                let fresh = run.session.propose_fit(now);
                if let (Some(plan), Some(_)) = (fresh, run.fit.take()) {
                    run.session.apply_fit(&plan);
                    run.flash = Some(match plan.late_by_secs() {
                        0 => "The remaining steps now fit the end time.".to_string(),
                        late => format!(
                            "New plan applied: it ends {} (as close as the steps allow).",
                            crate::text::lateness(late)
                        ),
                    });
                }
                run.mode = Mode::Timer;
                save(run, now)
            }
            KeyCode::Char('e') => {
                run.end_input = end_time_box(&run.session);
                run.mode = Mode::EndTime;
                Vec::new()
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                run.fit = None;
                run.mode = Mode::Timer;
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::Timer => match keymap::timer_action(&key) {
            Some(action) => timer_action(model, action, key.code),
            None => Vec::new(),
        },
    }
}

fn note_key(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        _ if keymap::is_ctrl_c(&key) => run.mode = Mode::ConfirmEnd,
        KeyCode::Esc => {
            // Leaving an edit keeps the note as it was.
            end_edit(run);
            run.mode = Mode::Timer;
        }
        KeyCode::Enter if alt || key.modifiers.contains(KeyModifiers::SHIFT) => {
            run.note.insert_newline()
        }
        KeyCode::Enter if run.editing.is_some() => return save_edit(run, now),
        KeyCode::Enter => return save_note(run, now),
        KeyCode::Tab => {
            let kinds = run.kinds().len().max(1);
            run.note_kind = (run.note_kind + 1) % kinds;
        }
        KeyCode::BackTab => {
            let kinds = run.kinds().len().max(1);
            run.note_kind = (run.note_kind + kinds - 1) % kinds;
        }
        _ => {
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
fn commit_draft(run: &mut Run, now: Now) -> bool {
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
fn start_edit(run: &mut Run, index: usize) {
    let Some(note) = run.session.notes.get(index) else {
        return;
    };
    let mut input = new_note_box();
    input.insert_str(&note.text);
    let kind = note.kind.clone();
    let box_before = std::mem::replace(&mut run.note, input);
    let draft = (!box_before.is_empty()).then_some((box_before, run.note_kind));
    run.editing = Some(super::Editing { index, draft });
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
        run.flash = Some("A note cannot be empty: Esc keeps it as it was, d deletes it.".into());
        return Vec::new();
    }
    let kind = run.current_kind();
    let changed = run.session.edit_note(index, &kind, &text);
    end_edit(run);
    run.mode = Mode::Timer;
    if changed {
        run.flash = Some("The note is changed.".into());
        save(run, now)
    } else {
        Vec::new()
    }
}

/// Before the session stops: an edit in progress is kept as typed (unless emptied), and
/// then whatever was in the box before it becomes a note too.
fn finish_typing(run: &mut Run, now: Now) {
    if let Some(index) = run.editing.as_ref().map(|e| e.index) {
        let text = run.note.lines().join("\n");
        let kind = run.current_kind();
        run.session.edit_note(index, &kind, &text);
        end_edit(run);
    }
    commit_draft(run, now);
}

/// Writes the session down: its file, and (while it runs) the state `crit resume` needs.
/// If the file could not be created yet, creating it is tried again.
fn save(run: &mut Run, now: Now) -> Vec<Effect> {
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
fn record(run: &mut Run, now: Now) -> Record {
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
fn journal_clock(model: &mut Model) -> Option<Effect> {
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
fn terminate(model: &mut Model) -> Vec<Effect> {
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

fn timer_action(model: &mut Model, action: Action, code: KeyCode) -> Vec<Effect> {
    let now = model.now;
    let Screen::Run(run) = &mut model.screen else {
        return Vec::new();
    };
    let session = &mut run.session;
    match action {
        Action::TogglePause => {
            session.toggle_pause(now.at);
            return save(run, now);
        }
        Action::Next => match session.next(now.at) {
            Advance::NextStep => {
                run.note_kind = 0;
                return save(run, now);
            }
            Advance::NextTurn => return save(run, now),
            Advance::AtEnd => {
                run.flash = Some("This is the last step. Press q to end the session.".into());
            }
        },
        Action::Previous => {
            let step = session.current();
            if !session.previous(now.at) {
                run.flash = Some("This is the first step.".into());
            } else {
                if session.current() != step {
                    run.note_kind = 0;
                }
                return save(run, now);
            }
        }
        Action::Extend => {
            session.adjust(60, now.at);
            return save(run, now);
        }
        Action::Shorten => {
            let before = session.countdown(now.at).allowance_ms;
            session.adjust(-60, now.at);
            if session.countdown(now.at).allowance_ms == before {
                run.flash = Some("A step keeps at least a minute: press n to move on.".into());
                return Vec::new();
            }
            return save(run, now);
        }
        Action::OpenNote => run.mode = Mode::Note,
        Action::SelectNote => {
            let count = run.step_notes().len();
            match count.checked_sub(1) {
                None => run.flash = Some("This step has no notes yet.".into()),
                Some(last) => {
                    let at = run.selected_note.unwrap_or(last).min(last);
                    run.selected_note = Some(if code == KeyCode::Up {
                        at.saturating_sub(1)
                    } else {
                        (at + 1).min(last)
                    });
                }
            }
        }
        Action::EditNote => match run.chosen_note() {
            Some(index) => start_edit(run, index),
            None => run.flash = Some("This step has no notes to edit.".into()),
        },
        Action::DeleteNote => match run.chosen_note() {
            Some(index) => {
                run.deleting = Some(index);
                run.mode = Mode::ConfirmDelete;
            }
            None => run.flash = Some("This step has no notes to delete.".into()),
        },
        Action::Fit => match session.propose_fit(now) {
            Some(plan) => {
                run.fit = Some((session.current(), plan));
                run.mode = Mode::Fit;
            }
            None => {
                run.end_input = end_time_box(session);
                run.mode = Mode::EndTime;
            }
        },
        Action::Projector => run.projector = !run.projector,
        Action::Restate => {
            // An empty box: the question as it stands is shown above it, to retype freely.
            let mut input = TextArea::default();
            input.set_placeholder_text("Type the question as the presenter now puts it");
            input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            run.restate_input = input;
            run.mode = Mode::Restate;
        }
        Action::Help => run.mode = Mode::Help,
        Action::End => run.mode = Mode::ConfirmEnd,
        Action::CountAway => {
            if let Some((away, step)) = run.away.take()
                && step == session.current()
            {
                session.count_time_away(away);
                run.flash = Some(format!(
                    "The {} crit was closed now counts in this step.",
                    crate::text::clock(away.as_secs())
                ));
                return save(run, now);
            }
        }
    }
    Vec::new()
}

fn end_time_box(session: &Session) -> TextArea<'static> {
    let current = session
        .roster
        .end_by
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let mut input = TextArea::new(vec![current]);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input.set_placeholder_text("HH:MM, like 16:30");
    input
}

/// Typing the restated question: Enter records it (the original stays in the archive).
fn restate_key(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => run.mode = Mode::Timer,
        KeyCode::Enter => {
            let text = run.restate_input.lines().join(" ").trim().to_string();
            run.mode = Mode::Timer;
            if !text.is_empty() {
                // Restating it back to the original wording takes the restatement away.
                let restated = (text != run.session.roster.question).then_some(text);
                if restated != run.session.roster.restated {
                    run.session.roster.restated = restated;
                    run.flash = Some("The restated question is recorded.".into());
                    return save(run, now);
                }
            }
        }
        _ if keymap::is_ctrl_c(&key) => run.mode = Mode::ConfirmEnd,
        _ => {
            single_line_input(&mut run.restate_input, key);
        }
    }
    Vec::new()
}

/// Typing the end time: Enter sets it and proposes a fitted plan.
fn end_time_key(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => run.mode = Mode::Timer,
        KeyCode::Enter => {
            let typed = run.end_input.lines().join("");
            match super::parse_end_time(&typed) {
                Some(end) => {
                    run.session.roster.end_by = Some(end);
                    let current = run.session.current();
                    run.fit = run.session.propose_fit(now).map(|plan| (current, plan));
                    run.mode = if run.fit.is_some() {
                        Mode::Fit
                    } else {
                        Mode::Timer
                    };
                    return save(run, now);
                }
                None => {
                    run.flash = Some(format!(
                        "“{}” is not a time: type it as HH:MM, like 16:30.",
                        typed.trim()
                    ))
                }
            }
        }
        _ if keymap::is_ctrl_c(&key) => run.mode = Mode::ConfirmEnd,
        _ => {
            single_line_input(&mut run.end_input, key);
        }
    }
    Vec::new()
}

/// Ends the session: a typed but unsaved note is kept, the file is saved as complete
/// (or abandoned, if steps were never reached), and the summary opens.
fn end_session(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    let screen = std::mem::replace(&mut model.screen, Screen::Picker(Picker::default()));
    let Screen::Run(mut run) = screen else {
        model.screen = screen;
        return Vec::new();
    };
    finish_typing(&mut run, now);
    let reached_end = run.session.is_last_step();
    run.session.finish(
        if reached_end {
            Status::Complete
        } else {
            Status::Abandoned
        },
        now,
    );
    let effects = save(&mut run, now);
    model.screen = Screen::Summary(Box::new(Summary {
        session: run.session,
        saving: run.saving,
        quit_warned: false,
        scroll: 0,
        shared: None,
        share_asked: false,
        takeaway: None,
    }));
    effects
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
fn single_line_input(input: &mut TextArea<'static>, key: KeyEvent) {
    let new_line = key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('m' | 'j'));
    if !new_line {
        input.input(key);
    }
}
