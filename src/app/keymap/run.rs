//! The key tables of the run screen: the timer view, the note box, and each dialog that
//! opens over them (help, ending, deleting a note, fitting to the end time, the end-time
//! box, restating the question).

use ratatui::crossterm::event::KeyCode::{BackTab, Down, Enter, Esc, Left, Right, Tab, Up};

use super::{Binding, CTRL_C, Key, bind};
use crate::words::screen as w;

/// What a key asks for in the timer view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    TogglePause,
    Next,
    Previous,
    Extend,
    Shorten,
    OpenNote,
    /// `↑`: an earlier note of this step.
    NoteUp,
    /// `↓`: a later note of this step.
    NoteDown,
    EditNote,
    DeleteNote,
    Fit,
    Projector,
    Restate,
    Help,
    End,
    /// After a resume: count the time crit was closed in the step.
    CountAway,
}

/// The timer view. Its switch is "paused": space then says "resume".
pub const TIMER: &[Binding<Action>] = &[
    bind(&[Key::ch(' ')], "space", w::KEY_PAUSE, Action::TogglePause)
        .on(w::KEY_RESUME)
        .rank(4),
    bind(
        &[Key::ch('n'), Key::plain(Right)],
        "n/→",
        w::KEY_NEXT,
        Action::Next,
    )
    .short("n")
    .rank(5),
    bind(
        &[Key::ch('p'), Key::plain(Left)],
        "p/←",
        w::KEY_BACK,
        Action::Previous,
    )
    .short("p")
    .rank(6),
    bind(
        &[Key::ch('+'), Key::ch('=')],
        "+",
        w::KEY_MORE_TIME,
        Action::Extend,
    )
    .rank(7),
    bind(
        &[Key::ch('-'), Key::ch('_')],
        "-",
        w::KEY_LESS_TIME,
        Action::Shorten,
    )
    .rank(8),
    bind(
        &[Key::ch('i'), Key::plain(Enter)],
        "i/Enter",
        w::KEY_NOTE,
        Action::OpenNote,
    )
    .short("i")
    .rank(3),
    bind(&[Key::plain(Up)], "↑/↓", w::KEY_SELECT_NOTE, Action::NoteUp).rank(11),
    bind(
        &[Key::plain(Down)],
        "↓",
        w::KEY_SELECT_NOTE,
        Action::NoteDown,
    )
    .unlisted(),
    bind(&[Key::ch('e')], "e", w::KEY_EDIT, Action::EditNote).rank(9),
    bind(&[Key::ch('d')], "d", w::KEY_DELETE, Action::DeleteNote).rank(10),
    bind(&[Key::ch('f')], "f", w::KEY_FIT, Action::Fit),
    bind(&[Key::ch('b')], "b", w::KEY_PROJECTOR, Action::Projector),
    bind(&[Key::ch('r')], "r", w::KEY_RESTATE, Action::Restate),
    bind(&[Key::ch('a')], "a", w::KEY_COUNT_AWAY, Action::CountAway),
    bind(&[Key::ch('?')], "?", w::KEY_HELP, Action::Help).rank(2),
    bind(&[Key::ch('q')], "q", w::KEY_END, Action::End).rank(1),
    bind(CTRL_C, "Ctrl+C", w::KEY_END_ASKS, Action::End),
];

/// The keys the projector view mentions.
pub const PROJECTOR: &[Action] = &[
    Action::Projector,
    Action::TogglePause,
    Action::Next,
    Action::End,
];

/// The keys the notes panel's title mentions when the step has notes.
pub const NOTES: &[Action] = &[
    Action::OpenNote,
    Action::NoteUp,
    Action::EditNote,
    Action::DeleteNote,
];

/// What a key asks for in the note box (anything else typed there is note text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteAction {
    Save,
    NewLine,
    NextKind,
    PreviousKind,
    /// Back to the timer keys (an edit is left as it was).
    Leave,
    End,
}

/// The note box. Its switch is "editing a saved note".
pub const NOTE: &[Binding<NoteAction>] = &[
    bind(
        &[Key::any(Enter)],
        "Enter",
        w::KEY_SAVE_NOTE,
        NoteAction::Save,
    )
    .on(w::KEY_SAVE_CHANGE)
    .rank(1),
    bind(
        &[Key::alt(Enter), Key::shift(Enter)],
        "Alt+Enter",
        w::KEY_NEW_LINE,
        NoteAction::NewLine,
    )
    .rank(2),
    bind(&[Key::any(Tab)], "Tab", w::KEY_KIND, NoteAction::NextKind).rank(3),
    bind(
        &[Key::any(BackTab)],
        "Shift+Tab",
        w::KEY_KIND,
        NoteAction::PreviousKind,
    )
    .unlisted(),
    bind(
        &[Key::any(Esc)],
        "Esc",
        w::KEY_LEAVE_NOTE,
        NoteAction::Leave,
    )
    .on(w::KEY_LEAVE_EDIT)
    .rank(0),
    bind(CTRL_C, "Ctrl+C", w::KEY_END_ASKS, NoteAction::End).unlisted(),
];

/// What a key asks for in a yes-or-no dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Yes,
    No,
    /// Ctrl+C: ask about ending instead.
    End,
}

const YES: &[Key] = &[Key::any_ch('y'), Key::any_ch('Y')];
const NO: &[Key] = &[Key::any_ch('n'), Key::any_ch('N'), Key::any(Esc)];

/// Asking before the session ends.
pub const CONFIRM_END: &[Binding<Confirm>] = &[
    bind(YES, "y", w::KEY_END_AND_SAVE, Confirm::Yes).rank(1),
    bind(NO, "n/Esc", w::KEY_KEEP_GOING, Confirm::No).rank(0),
];

/// Asking before a note is deleted.
pub const CONFIRM_DELETE: &[Binding<Confirm>] = &[
    bind(YES, "y", w::KEY_DELETE_NOTE, Confirm::Yes).rank(1),
    bind(NO, "n/Esc", w::KEY_KEEP_IT, Confirm::No).rank(0),
    bind(CTRL_C, "Ctrl+C", w::KEY_END_ASKS, Confirm::End).unlisted(),
];

/// What a key asks for over the fitted plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitAction {
    Apply,
    ChangeEnd,
    Keep,
}

pub const FIT: &[Binding<FitAction>] = &[
    bind(YES, "y", w::KEY_USE_PLAN, FitAction::Apply).rank(1),
    bind(
        &[Key::any_ch('e')],
        "e",
        w::KEY_CHANGE_END,
        FitAction::ChangeEnd,
    )
    .rank(2),
    bind(NO, "n/Esc", w::KEY_KEEP_PLAN, FitAction::Keep).rank(0),
];

/// What a key asks for in a one-line box over the timer (anything else is text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Accept,
    Cancel,
    End,
}

/// The end-time box.
pub const END_TIME: &[Binding<Entry>] = &[
    bind(
        &[Key::any(Enter)],
        "Enter",
        w::KEY_FIT_TO_TIME,
        Entry::Accept,
    )
    .rank(1),
    bind(&[Key::any(Esc)], "Esc", w::KEY_CANCEL, Entry::Cancel).rank(0),
    bind(CTRL_C, "Ctrl+C", w::KEY_END_ASKS, Entry::End).unlisted(),
];

/// The restated question's box.
pub const RESTATE: &[Binding<Entry>] = &[
    bind(
        &[Key::any(Enter)],
        "Enter",
        w::KEY_RECORD_RESTATED,
        Entry::Accept,
    )
    .rank(1),
    bind(&[Key::any(Esc)], "Esc", w::KEY_CANCEL, Entry::Cancel).rank(0),
    bind(CTRL_C, "Ctrl+C", w::KEY_END_ASKS, Entry::End).unlisted(),
];

/// The help screen: any of its keys closes it.
pub const HELP: &[Binding<Confirm>] = &[
    bind(
        &[
            Key::any(Esc),
            Key::any_ch('?'),
            Key::any_ch('q'),
            Key::any(Enter),
        ],
        "Esc/?",
        w::KEY_CLOSE_HELP,
        Confirm::No,
    )
    .rank(0),
    bind(CTRL_C, "Ctrl+C", w::KEY_END_ASKS, Confirm::End).unlisted(),
];
