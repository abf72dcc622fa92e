//! The key tables of the screens around a session: the protocol picker (with its filter
//! and the skipped-files pop-up), the setup form and the summary.

use ratatui::crossterm::event::KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up,
};

use super::{Binding, CTRL_C, Key, bind};
use crate::words::screen as w;

/// What a key asks for in the protocol picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerAction {
    Up,
    Down,
    First,
    Last,
    Pick,
    Filter,
    Resume,
    Skipped,
    Quit,
    /// While finding: a character of what to find.
    Type,
    /// While finding: the last character off.
    Erase,
    /// While finding: stop, and show every protocol again.
    Clear,
}

/// The picker. Resume and skipped files are in the footer only when there is one.
pub const PICKER: &[Binding<PickerAction>] = &[
    bind(&[Key::plain(Up)], "↑/↓", w::KEY_CHOOSE, PickerAction::Up).rank(3),
    bind(&[Key::plain(Down)], "↓", w::KEY_DOWN, PickerAction::Down).unlisted(),
    bind(&[Key::ch('k')], "k", w::KEY_UP, PickerAction::Up),
    bind(&[Key::ch('j')], "j", w::KEY_DOWN, PickerAction::Down),
    bind(
        &[Key::plain(Home)],
        "Home/End",
        w::KEY_FIRST_LAST,
        PickerAction::First,
    ),
    bind(
        &[Key::plain(End)],
        "End",
        w::KEY_FIRST_LAST,
        PickerAction::Last,
    )
    .unlisted(),
    bind(
        &[Key::plain(Enter)],
        "Enter",
        w::KEY_SET_UP,
        PickerAction::Pick,
    )
    .rank(2),
    bind(&[Key::ch('/')], "/", w::KEY_FIND, PickerAction::Filter).rank(4),
    bind(&[Key::ch('r')], "r", w::KEY_RESUME, PickerAction::Resume).rank(5),
    bind(&[Key::ch('s')], "s", w::KEY_SKIPPED, PickerAction::Skipped).rank(6),
    bind(
        &[Key::ch('q'), Key::plain(Esc)],
        "q",
        w::KEY_QUIT,
        PickerAction::Quit,
    )
    .rank(1),
    bind(CTRL_C, "Ctrl+C", w::KEY_QUIT, PickerAction::Quit).unlisted(),
];

/// The picker while a filter is typed: characters are what to find.
pub const PICKER_FILTER: &[Binding<PickerAction>] = &[
    bind(
        &[Key::Typed],
        w::KEYS_TYPED,
        w::KEY_TYPE_TO_FIND,
        PickerAction::Type,
    )
    .rank(1),
    bind(&[Key::plain(Up)], "↑/↓", w::KEY_CHOOSE, PickerAction::Up).rank(2),
    bind(&[Key::plain(Down)], "↓", w::KEY_DOWN, PickerAction::Down).unlisted(),
    bind(
        &[Key::plain(Enter)],
        "Enter",
        w::KEY_SET_UP,
        PickerAction::Pick,
    )
    .rank(3),
    bind(&[Key::any(Esc)], "Esc", w::KEY_CLEAR, PickerAction::Clear).rank(0),
    bind(
        &[Key::any(Backspace)],
        "Backspace",
        w::KEY_ERASE,
        PickerAction::Erase,
    ),
    bind(
        &[Key::plain(Home)],
        "Home",
        w::KEY_FIRST_LAST,
        PickerAction::First,
    ),
    bind(
        &[Key::plain(End)],
        "End",
        w::KEY_FIRST_LAST,
        PickerAction::Last,
    ),
    bind(CTRL_C, "Ctrl+C", w::KEY_QUIT, PickerAction::Quit).unlisted(),
];

/// The pop-up listing skipped files: it is in front, and nothing behind it moves.
pub const SKIPPED: &[Binding<PickerAction>] = &[
    bind(
        &[Key::any(Esc), Key::any_ch('s'), Key::any(Enter)],
        "Esc/s",
        w::KEY_CLOSE,
        PickerAction::Skipped,
    )
    .rank(0),
    bind(CTRL_C, "Ctrl+C", w::KEY_QUIT, PickerAction::Quit).unlisted(),
];

/// What a key asks for in the setup form (anything else is typed in the field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupAction {
    /// Enter: the next field, or on the last one, start.
    Enter,
    NextField,
    PreviousField,
    Start,
    /// Back to the picker (or out, when the session came from `crit run`).
    Leave,
    Quit,
}

/// The setup form, opened from the picker: Esc goes back to it. Its switch is "on the
/// last field": Enter then starts.
pub const SETUP: &[Binding<SetupAction>] = &setup(w::KEY_BACK);
/// The setup form of `crit run`: there is nothing to go back to, so Esc quits.
pub const SETUP_FROM_RUN: &[Binding<SetupAction>] = &setup(w::KEY_QUIT);

const ENTER_KEYS: &[Key] = &[Key::any(Enter)];
const NEXT_FIELD_KEYS: &[Key] = &[Key::any(Tab), Key::any(Down)];
const PREVIOUS_FIELD_KEYS: &[Key] = &[Key::any(BackTab), Key::any(Up)];
const START_KEYS: &[Key] = &[Key::ctrl('s')];
const ESC_KEYS: &[Key] = &[Key::any(Esc)];

/// The setup form's keys, with what Esc does (`esc`).
const fn setup(esc: &'static str) -> [Binding<SetupAction>; 6] {
    [
        bind(ENTER_KEYS, "Enter", w::KEY_NEXT_FIELD, SetupAction::Enter)
            .on(w::KEY_START)
            .rank(1),
        bind(
            NEXT_FIELD_KEYS,
            "Tab/↓",
            w::KEY_NEXT_SHORT,
            SetupAction::NextField,
        )
        .rank(2),
        bind(
            PREVIOUS_FIELD_KEYS,
            "Shift+Tab/↑",
            w::KEY_BACK,
            SetupAction::PreviousField,
        )
        .rank(3),
        bind(START_KEYS, "Ctrl+S", w::KEY_START, SetupAction::Start).rank(4),
        bind(ESC_KEYS, "Esc", esc, SetupAction::Leave).rank(0),
        bind(CTRL_C, "Ctrl+C", w::KEY_QUIT, SetupAction::Quit).unlisted(),
    ]
}

/// What a key asks for on the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryAction {
    Quit,
    TrySave,
    Takeaway,
    Down,
    Up,
    PageDown,
    PageUp,
}

const QUIT: &[Key] = &[
    Key::any_ch('q'),
    Key::any(Enter),
    Key::any(Esc),
    Key::ctrl('c'),
    Key::ctrl('C'),
];

/// The summary while the notes are saved nowhere: quitting asks twice.
pub const SUMMARY_UNSAVED: &[Binding<SummaryAction>] = &[
    bind(
        &[Key::any_ch('s')],
        "s",
        w::KEY_TRY_SAVING,
        SummaryAction::TrySave,
    )
    .rank(1),
    bind(QUIT, "q", w::KEY_QUIT, SummaryAction::Quit).rank(0),
    bind(SCROLL_DOWN, "↓", w::KEY_DOWN, SummaryAction::Down),
    bind(SCROLL_UP, "↑", w::KEY_UP, SummaryAction::Up),
    bind(
        &[Key::any(PageDown)],
        "PgDn",
        w::KEY_DOWN,
        SummaryAction::PageDown,
    ),
    bind(
        &[Key::any(PageUp)],
        "PgUp",
        w::KEY_UP,
        SummaryAction::PageUp,
    ),
];

/// The summary of a saved session.
pub const SUMMARY_SAVED: &[Binding<SummaryAction>] = &[
    bind(
        &[Key::any_ch('t')],
        "t",
        w::KEY_TAKEAWAY,
        SummaryAction::Takeaway,
    )
    .rank(1),
    bind(QUIT, "q/Enter", w::KEY_QUIT, SummaryAction::Quit).rank(0),
    bind(SCROLL_DOWN, "↓", w::KEY_DOWN, SummaryAction::Down),
    bind(SCROLL_UP, "↑", w::KEY_UP, SummaryAction::Up),
    bind(
        &[Key::any(PageDown)],
        "PgDn",
        w::KEY_DOWN,
        SummaryAction::PageDown,
    ),
    bind(
        &[Key::any(PageUp)],
        "PgUp",
        w::KEY_UP,
        SummaryAction::PageUp,
    ),
];

/// What a key asks for in `crit mirror`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MirrorAction {
    Quit,
}

/// `crit mirror`: its one line of keys says how to leave.
pub const MIRROR: &[Binding<MirrorAction>] = &[bind(
    &[
        Key::any_ch('q'),
        Key::any(Esc),
        Key::ctrl('c'),
        Key::ctrl('C'),
    ],
    "q",
    w::KEY_QUIT_MIRROR,
    MirrorAction::Quit,
)
.rank(0)];

/// The mirror's line of keys, from its table ("q quits the mirror").
pub fn mirror_hint() -> String {
    let hints: Vec<String> = super::footer_hints(MIRROR, false)
        .iter()
        .map(|h| format!("{} {}", h.short, h.label))
        .collect();
    hints.join(" · ")
}

const SCROLL_DOWN: &[Key] = &[Key::any(Down), Key::any_ch('j')];
const SCROLL_UP: &[Key] = &[Key::any(Up), Key::any_ch('k')];
