//! Keys in the dialogs over the timer: help, deleting a note, the fitted plan, the
//! end-time box and the restated question. (Ending is in [`super::run`]: it leaves the
//! run screen.)

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{save, single_line_input};
use crate::app::keymap::{self, Confirm, Entry, FitAction};
use crate::app::{Effect, Mode, Run};
use crate::session::{Now, Session};
use crate::words::screen as w;

/// Any of help's keys closes it; Ctrl+C asks about ending.
pub(super) fn help(run: &mut Run, key: KeyEvent) -> Vec<Effect> {
    match keymap::action(keymap::HELP, &key) {
        Some(Confirm::End) => run.mode = Mode::ConfirmEnd,
        Some(_) => run.mode = Mode::Timer,
        None => {}
    }
    Vec::new()
}

/// `y` deletes the note `d` chose; the choice stays on the same place in the list.
pub(super) fn confirm_delete(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    match keymap::action(keymap::CONFIRM_DELETE, &key) {
        Some(Confirm::Yes) => {
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
            run.flash = Some(w::NOTE_DELETED.into());
            save(run, now)
        }
        Some(Confirm::No) => {
            run.deleting = None;
            run.mode = Mode::Timer;
            Vec::new()
        }
        Some(Confirm::End) => {
            run.deleting = None;
            run.mode = Mode::ConfirmEnd;
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Over the fitted plan: `y` applies it (worked out again for the time left now).
pub(super) fn fit(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    match keymap::action(keymap::FIT, &key) {
        Some(FitAction::Apply) => {
            let current = run.session.current();
            if let Some((from, _)) = &run.fit
                && *from != current
            {
                // The session moved on while the plan was shown: plan again from here.
                run.fit = run.session.propose_fit(now).map(|plan| (current, plan));
                run.flash = Some(w::FIT_STEP_CHANGED.into());
                return Vec::new();
            }
            // The plan shown was worked out when `f` was pressed; time has passed since,
            // so the same rules are applied to the time left now.
            let fresh = run.session.propose_fit(now);
            if let (Some(plan), Some(_)) = (fresh, run.fit.take()) {
                run.session.apply_fit(&plan);
                run.flash = Some(match plan.late_by_secs() {
                    0 => w::FIT_APPLIED.to_string(),
                    late => w::fit_applied_late(&crate::times::lateness(late)),
                });
            }
            run.mode = Mode::Timer;
            save(run, now)
        }
        Some(FitAction::ChangeEnd) => {
            run.end_input = end_time_box(&run.session);
            run.mode = Mode::EndTime;
            Vec::new()
        }
        Some(FitAction::Keep) => {
            run.fit = None;
            run.mode = Mode::Timer;
            Vec::new()
        }
        None => Vec::new(),
    }
}

pub(super) fn end_time_box(session: &Session) -> TextArea<'static> {
    let current = session
        .roster
        .end_by
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let mut input = TextArea::new(vec![current]);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input.set_placeholder_text(w::END_TIME_PLACEHOLDER);
    input
}

/// Typing the restated question: Enter records it (the original stays in the archive).
pub(super) fn restate(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    match keymap::action(keymap::RESTATE, &key) {
        Some(Entry::Cancel) => run.mode = Mode::Timer,
        Some(Entry::Accept) => {
            let text = run.restate_input.lines().join(" ").trim().to_string();
            run.mode = Mode::Timer;
            if !text.is_empty() {
                // Restating it back to the original wording takes the restatement away.
                let restated = (text != run.session.roster.question).then_some(text);
                if restated != run.session.roster.restated {
                    run.session.roster.restated = restated;
                    run.flash = Some(w::RESTATED.into());
                    return save(run, now);
                }
            }
        }
        Some(Entry::End) => run.mode = Mode::ConfirmEnd,
        None => {
            single_line_input(&mut run.restate_input, key);
        }
    }
    Vec::new()
}

/// Typing the end time: Enter sets it and proposes a fitted plan.
pub(super) fn end_time(run: &mut Run, key: KeyEvent, now: Now) -> Vec<Effect> {
    match keymap::action(keymap::END_TIME, &key) {
        Some(Entry::Cancel) => run.mode = Mode::Timer,
        Some(Entry::Accept) => {
            let typed = run.end_input.lines().join("");
            match crate::times::parse_end_time(&typed) {
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
                None => run.flash = Some(w::not_a_time(typed.trim())),
            }
        }
        Some(Entry::End) => run.mode = Mode::ConfirmEnd,
        None => {
            single_line_input(&mut run.end_input, key);
        }
    }
    Vec::new()
}
