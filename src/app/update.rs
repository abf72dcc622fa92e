//! `update`: how each message changes the model, and which effects follow.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::keymap::{self, Action};
use super::{
    Effect, Live, Mode, Model, Msg, Picker, Prefill, Run, Saving, Screen, Setup, Summary,
    new_note_box,
};
use crate::archive;
use crate::protocol::Protocol;
use crate::session::{Advance, Now, Roster, Session, Status};

/// Applies `msg`, which happened at `now`, and returns what the runtime must do.
pub fn update(model: &mut Model, msg: Msg, now: Now) -> Vec<Effect> {
    model.now = now;
    let mut effects = handle(model, msg, now);
    effects.extend(check_clock(model));
    effects.extend(publish(model, now));
    effects
}

/// Keeps the public view for `crit mirror` in step with the session: written when what
/// the room sees changes, removed when the session is over.
fn publish(model: &mut Model, now: Now) -> Option<Effect> {
    let path = model.settings.live_file.clone()?;
    match &model.screen {
        Screen::Run(run) => {
            let live = Live::from_session(&run.session, now);
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
            Vec::new()
        }
        Msg::ResumeLoaded { path, saved } => match saved.and_then(|s| Session::resume(*s, now)) {
            Ok(session) => resume_session(model, session, path),
            Err(problem) => {
                model.resume_offer = None;
                model.status = Some(format!("Cannot resume: {problem}"));
                Vec::new()
            }
        },
        Msg::Terminate => terminate(model),
        Msg::SaveFailed { problem, moved_to } => {
            let Some(saving) = saving_mut(model) else {
                return Vec::new();
            };
            saving.unsaved = moved_to.is_none();
            saving.problem = Some(match &moved_to {
                Some(p) => format!("{problem}. Saving to {} instead.", p.display()),
                None => format!("{problem}. Notes are kept on screen; do not close crit."),
            });
            if moved_to.is_some() {
                saving.path = moved_to;
            }
            Vec::new()
        }
    }
}

/// Starts a session now: the run screen, and the effect that creates its archive file.
pub fn start_session(model: &mut Model, protocol: Protocol, roster: Roster) -> Vec<Effect> {
    let mut roster = roster;
    roster.tags.extend(model.settings.tags.iter().cloned());
    let session = Session::start(protocol, roster, model.now);
    let settings = &model.settings;
    let mut run = Run::new(
        session,
        settings.archive_dir.clone(),
        settings.fallback_dir.clone(),
    );
    run.projector = model.start_in_projector;
    let effects = save(&mut run, model.now);
    model.screen = Screen::Run(Box::new(run));
    effects
}

/// Continues a session saved in `path`: the run screen, and a save that records it.
pub fn resume_session(
    model: &mut Model,
    session: Session,
    path: std::path::PathBuf,
) -> Vec<Effect> {
    let settings = &model.settings;
    let mut run = Run::new(
        session,
        settings.archive_dir.clone(),
        settings.fallback_dir.clone(),
    );
    run.saving.path = Some(path);
    run.flash = Some("Resumed where the session stopped.".into());
    let effects = save(&mut run, model.now);
    model.came_from_picker = false;
    model.resume_offer = None;
    model.screen = Screen::Run(Box::new(run));
    effects
}

fn state_json(session: &Session, now: Now) -> String {
    // Serialising plain data to a string cannot fail; an empty state only loses resume.
    serde_json::to_string(&session.saved(now)).unwrap_or_default()
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
                    return vec![Effect::Quit];
                }
                KeyCode::Char('s') if unsaved => {
                    let s = &summary.session;
                    let contents = archive::render(s, model.now);
                    let fallback = model.settings.fallback_dir.clone();
                    return vec![match &summary.saving.path {
                        Some(path) => Effect::Save {
                            path: path.clone(),
                            fallback,
                            contents,
                            state: None,
                        },
                        None => Effect::OpenArchive {
                            dir: model.settings.archive_dir.clone(),
                            fallback,
                            name: archive::file_name(s.started, &s.protocol.id, &s.roster.group),
                            contents,
                            state: None,
                        },
                    }];
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
    let count = model.library.protocols.len();
    let Screen::Picker(picker) = &mut model.screen else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => picker.selected = picker.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            picker.selected = (picker.selected + 1).min(count.saturating_sub(1))
        }
        KeyCode::Home => picker.selected = 0,
        KeyCode::End => picker.selected = count.saturating_sub(1),
        KeyCode::Char('s') => picker.show_skipped = !picker.show_skipped,
        KeyCode::Char('r') => {
            if let Some((path, _)) = &model.resume_offer {
                return vec![Effect::LoadResume(path.clone())];
            }
        }
        KeyCode::Enter => {
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
        KeyCode::Char('q') | KeyCode::Esc => {
            model.quit = true;
            return vec![Effect::Quit];
        }
        _ if keymap::is_ctrl_c(&key) => {
            model.quit = true;
            return vec![Effect::Quit];
        }
        _ => {}
    }
    Vec::new()
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
                    show_skipped: false,
                });
            } else {
                model.quit = true;
                return vec![Effect::Quit];
            }
        }
        _ if keymap::is_ctrl_c(&key) => {
            model.quit = true;
            return vec![Effect::Quit];
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
                run.mode = if run.note.is_empty() {
                    Mode::Timer
                } else {
                    Mode::Note
                };
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
            Some(action) => timer_action(model, action),
            None => Vec::new(),
        },
    }
}

fn note_key(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        _ if keymap::is_ctrl_c(&key) => run.mode = Mode::ConfirmEnd,
        KeyCode::Esc => run.mode = Mode::Timer,
        KeyCode::Enter if alt || key.modifiers.contains(KeyModifiers::SHIFT) => {
            run.note.insert_newline()
        }
        KeyCode::Enter => return save_note(run, now),
        KeyCode::Tab => {
            let kinds = run.session.step().note_kinds.len().max(1);
            run.note_kind = (run.note_kind + 1) % kinds;
        }
        KeyCode::BackTab => {
            let kinds = run.session.step().note_kinds.len().max(1);
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
    let kind = run.current_kind().to_string();
    run.session.add_note(&kind, text.trim_end(), now);
    run.note = new_note_box();
    true
}

/// Writes the session down: its file, and (while it runs) the state `crit resume` needs.
/// If the file could not be created yet, creating it is tried again.
fn save(run: &mut Run, now: Now) -> Vec<Effect> {
    run.last_save = Some(now.at);
    let s = &run.session;
    let contents = archive::render(s, now);
    let state = (s.status == Status::InProgress).then(|| state_json(s, now));
    let fallback = run.fallback_dir.clone();
    match &run.saving.path {
        Some(path) => vec![Effect::Save {
            path: path.clone(),
            fallback,
            contents,
            state,
        }],
        None => vec![Effect::OpenArchive {
            dir: run.archive_dir.clone(),
            fallback,
            name: archive::file_name(s.started, &s.protocol.id, &s.roster.group),
            contents,
            state,
        }],
    }
}

/// The terminal is closing: keep a typed draft as a note, save, and quit. The session
/// stays in progress, so `crit resume` continues it.
fn terminate(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    model.quit = true;
    let Screen::Run(run) = &mut model.screen else {
        return vec![Effect::Quit];
    };
    commit_draft(run, now);
    let mut effects = save(run, now);
    if let (Some(path), Some(_)) = (&model.settings.live_file, model.published.take()) {
        effects.push(Effect::Unpublish(path.clone()));
    }
    effects.push(Effect::Quit);
    effects
}

fn timer_action(model: &mut Model, action: Action) -> Vec<Effect> {
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
    commit_draft(&mut run, now);
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
    }));
    effects
}

fn on_paste(model: &mut Model, text: &str) -> Vec<Effect> {
    match &mut model.screen {
        Screen::Run(run) if matches!(run.mode, Mode::Timer | Mode::Note) => {
            // Pasted text is always note text, never a string of commands.
            run.mode = Mode::Note;
            run.note
                .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
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
            run.note_kind = 0;
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
