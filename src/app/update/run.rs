//! Keys on the run screen: the timer view's actions, and which table answers while the
//! note box or a dialog is open.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::summary::end_session;
use super::{dialogs, note, save};
use crate::app::keymap::{self, Action, Confirm};
use crate::app::{Effect, Mode, Model, Screen};
use crate::session::Advance;
use crate::words::screen as w;

pub(super) fn key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let now = model.now;
    let Screen::Run(run) = &mut model.screen else {
        return Vec::new();
    };
    run.flash = None;
    match run.mode {
        Mode::Help => dialogs::help(run, key),
        Mode::ConfirmEnd => match keymap::action(keymap::CONFIRM_END, &key) {
            Some(Confirm::Yes) => end_session(model),
            Some(Confirm::No) => {
                run.mode = if run.note.is_empty() && run.editing.is_none() {
                    Mode::Timer
                } else {
                    Mode::Note
                };
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::ConfirmDelete => dialogs::confirm_delete(run, key, now),
        Mode::Note => note::key(run, key, now),
        Mode::EndTime => dialogs::end_time(run, key, now),
        Mode::Restate => dialogs::restate(run, key, now),
        Mode::Fit => dialogs::fit(run, key, now),
        Mode::Timer => match keymap::action(keymap::TIMER, &key) {
            Some(action) => timer_action(model, action),
            None => Vec::new(),
        },
    }
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
                run.flash = Some(w::at_last_step(keymap::key_for(keymap::TIMER, Action::End)));
            }
        },
        Action::Previous => {
            let step = session.current();
            if !session.previous(now.at) {
                run.flash = Some(w::AT_FIRST_STEP.into());
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
                run.flash = Some(w::at_shortest(keymap::key_for(keymap::TIMER, Action::Next)));
                return Vec::new();
            }
            return save(run, now);
        }
        Action::OpenNote => run.mode = Mode::Note,
        Action::NoteUp | Action::NoteDown => {
            let count = run.step_notes().len();
            match count.checked_sub(1) {
                None => run.flash = Some(w::NO_NOTES_YET.into()),
                Some(last) => {
                    let at = run.selected_note.unwrap_or(last).min(last);
                    run.selected_note = Some(if action == Action::NoteUp {
                        at.saturating_sub(1)
                    } else {
                        (at + 1).min(last)
                    });
                }
            }
        }
        Action::EditNote => match run.chosen_note() {
            Some(index) => note::start_edit(run, index),
            None => run.flash = Some(w::NO_NOTES_TO_EDIT.into()),
        },
        Action::DeleteNote => match run.chosen_note() {
            Some(index) => {
                run.deleting = Some(index);
                run.mode = Mode::ConfirmDelete;
            }
            None => run.flash = Some(w::NO_NOTES_TO_DELETE.into()),
        },
        Action::Fit => match session.propose_fit(now) {
            Some(plan) => {
                run.fit = Some((session.current(), plan));
                run.mode = Mode::Fit;
            }
            None => {
                run.end_input = dialogs::end_time_box(session);
                run.mode = Mode::EndTime;
            }
        },
        Action::Projector => run.projector = !run.projector,
        Action::Restate => {
            // An empty box: the question as it stands is shown above it, to retype freely.
            let mut input = TextArea::default();
            input.set_placeholder_text(w::RESTATE_PLACEHOLDER);
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
                run.flash = Some(w::away_counted(&crate::times::clock(away.as_secs())));
                return save(run, now);
            }
        }
    }
    Vec::new()
}
