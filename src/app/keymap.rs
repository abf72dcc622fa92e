//! Every key the app answers to, in one table per mode. The footer and the help screen
//! are drawn from these same tables, so what they say can never drift from what the keys
//! do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for in the timer view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    TogglePause,
    Next,
    Previous,
    Extend,
    Shorten,
    OpenNote,
    /// `↑` an earlier note of this step, `↓` a later one.
    SelectNote,
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

/// One line of the key table: the keys, what they are called on screen, and what they do.
pub struct Binding<A: 'static> {
    pub codes: &'static [KeyCode],
    pub keys: &'static str,
    pub label: &'static str,
    pub action: A,
    /// Shown in the footer while there is room, most needed (lowest) first; `None`: only
    /// in the help screen (which lists every binding).
    pub footer: Option<u8>,
}

pub const TIMER: &[Binding<Action>] = &[
    Binding {
        codes: &[KeyCode::Char(' ')],
        keys: "space",
        label: "pause",
        action: Action::TogglePause,
        footer: Some(4),
    },
    Binding {
        codes: &[KeyCode::Char('n'), KeyCode::Right],
        keys: "n/→",
        label: "next",
        action: Action::Next,
        footer: Some(5),
    },
    Binding {
        codes: &[KeyCode::Char('p'), KeyCode::Left],
        keys: "p/←",
        label: "back",
        action: Action::Previous,
        footer: Some(6),
    },
    Binding {
        codes: &[KeyCode::Char('+'), KeyCode::Char('=')],
        keys: "+",
        label: "more time",
        action: Action::Extend,
        footer: Some(7),
    },
    Binding {
        codes: &[KeyCode::Char('-'), KeyCode::Char('_')],
        keys: "-",
        label: "less time",
        action: Action::Shorten,
        footer: Some(8),
    },
    Binding {
        codes: &[KeyCode::Char('i'), KeyCode::Enter],
        keys: "i/Enter",
        label: "note",
        action: Action::OpenNote,
        footer: Some(3),
    },
    Binding {
        codes: &[KeyCode::Up, KeyCode::Down],
        keys: "↑/↓",
        label: "select note",
        action: Action::SelectNote,
        footer: Some(11),
    },
    Binding {
        codes: &[KeyCode::Char('e')],
        keys: "e",
        label: "edit",
        action: Action::EditNote,
        footer: Some(9),
    },
    Binding {
        codes: &[KeyCode::Char('d')],
        keys: "d",
        label: "delete",
        action: Action::DeleteNote,
        footer: Some(10),
    },
    Binding {
        codes: &[KeyCode::Char('f')],
        keys: "f",
        label: "fit to end time",
        action: Action::Fit,
        footer: None,
    },
    Binding {
        codes: &[KeyCode::Char('b')],
        keys: "b",
        label: "projector view on/off",
        action: Action::Projector,
        footer: None,
    },
    Binding {
        codes: &[KeyCode::Char('r')],
        keys: "r",
        label: "restate the question",
        action: Action::Restate,
        footer: None,
    },
    Binding {
        codes: &[KeyCode::Char('a')],
        keys: "a",
        label: "count the time away",
        action: Action::CountAway,
        footer: None,
    },
    Binding {
        codes: &[KeyCode::Char('?')],
        keys: "?",
        label: "help",
        action: Action::Help,
        footer: Some(2),
    },
    Binding {
        codes: &[KeyCode::Char('q')],
        keys: "q",
        label: "end",
        action: Action::End,
        footer: Some(1),
    },
];

/// The note box's keys, for the footer and help (handled in `update`, since everything
/// else typed there is text).
pub const NOTE: &[(&str, &str)] = &[
    ("Enter", "save note"),
    ("Alt+Enter", "new line"),
    ("Tab", "kind"),
    ("Esc", "back to timer keys"),
];

/// The note box while it holds a saved note being edited.
pub const NOTE_EDIT: &[(&str, &str)] = &[
    ("Enter", "save the change"),
    ("Alt+Enter", "new line"),
    ("Tab", "kind"),
    ("Esc", "leave the note as it was"),
];

pub const CONFIRM: &[(&str, &str)] = &[("y", "end and save"), ("n/Esc", "keep going")];

pub const FIT: &[(&str, &str)] = &[
    ("y", "use this plan"),
    ("e", "change end time"),
    ("n/Esc", "keep the plan as it is"),
];

pub const END_TIME: &[(&str, &str)] = &[("Enter", "fit to this time"), ("Esc", "cancel")];

pub const RESTATE: &[(&str, &str)] =
    &[("Enter", "record the restated question"), ("Esc", "cancel")];

pub fn timer_action(key: &KeyEvent) -> Option<Action> {
    if is_ctrl_c(key) {
        return Some(Action::End);
    }
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    TIMER
        .iter()
        .find(|b| b.codes.contains(&key.code))
        .map(|b| b.action)
}

pub fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C'))
}

/// A key hint for a footer: the key, what it does, and how much it is needed (the lowest
/// rank is the last to go when the line is short of room).
pub type Hint = (&'static str, &'static str, u8);

/// The footer hints for the timer view, in table order: the first key of each binding
/// (help lists all), ranked. While paused, space says "resume".
pub fn timer_hints(paused: bool) -> Vec<Hint> {
    TIMER
        .iter()
        .filter_map(|b| {
            let rank = b.footer?;
            let label = if paused && b.action == Action::TogglePause {
                "resume"
            } else {
                b.label
            };
            Some((first_key(b), label, rank))
        })
        .collect()
}

fn first_key<A>(b: &Binding<A>) -> &'static str {
    // "↑/↓" is one hint for two keys; elsewhere the first key stands for the others.
    if b.keys == "↑/↓" {
        b.keys
    } else {
        b.keys.split('/').next().unwrap_or(b.keys)
    }
}

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
    Action::SelectNote,
    Action::EditNote,
    Action::DeleteNote,
];

/// Footer hints for these actions, in this order, from the key table.
pub fn hints_for(actions: &[Action]) -> Vec<(&'static str, &'static str)> {
    actions
        .iter()
        .filter_map(|a| TIMER.iter().find(|b| b.action == *a))
        .map(|b| (first_key(b), b.label))
        .collect()
}

/// Asking before a note is deleted.
pub const DELETE: &[(&str, &str)] = &[("y", "delete the note"), ("n/Esc", "keep it")];

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
}

pub const PICKER: &[Binding<PickerAction>] = &[
    Binding {
        codes: &[KeyCode::Up, KeyCode::Down],
        keys: "↑/↓",
        label: "choose",
        action: PickerAction::Up,
        footer: Some(3),
    },
    Binding {
        codes: &[KeyCode::Char('k')],
        keys: "k",
        label: "up",
        action: PickerAction::Up,
        footer: None,
    },
    Binding {
        codes: &[KeyCode::Char('j')],
        keys: "j",
        label: "down",
        action: PickerAction::Down,
        footer: None,
    },
    Binding {
        codes: &[KeyCode::Home, KeyCode::End],
        keys: "Home/End",
        label: "first / last",
        action: PickerAction::First,
        footer: None,
    },
    Binding {
        codes: &[KeyCode::Enter],
        keys: "Enter",
        label: "set up session",
        action: PickerAction::Pick,
        footer: Some(2),
    },
    Binding {
        codes: &[KeyCode::Char('/')],
        keys: "/",
        label: "find",
        action: PickerAction::Filter,
        footer: Some(4),
    },
    Binding {
        codes: &[KeyCode::Char('r')],
        keys: "r",
        label: "resume",
        action: PickerAction::Resume,
        footer: Some(5),
    },
    Binding {
        codes: &[KeyCode::Char('s')],
        keys: "s",
        label: "skipped files",
        action: PickerAction::Skipped,
        footer: Some(6),
    },
    Binding {
        codes: &[KeyCode::Char('q'), KeyCode::Esc],
        keys: "q",
        label: "quit",
        action: PickerAction::Quit,
        footer: Some(1),
    },
];

/// The picker's action for `key`. `↓` and `End` share a binding with `↑` and `Home` (one
/// hint each), so they are told apart here.
pub fn picker_action(key: &KeyEvent) -> Option<PickerAction> {
    if is_ctrl_c(key) {
        return Some(PickerAction::Quit);
    }
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Down => return Some(PickerAction::Down),
        KeyCode::End => return Some(PickerAction::Last),
        _ => {}
    }
    PICKER
        .iter()
        .find(|b| b.codes.contains(&key.code))
        .map(|b| b.action)
}

/// The picker's footer: `available` says which actions can be used now (resume, skipped).
pub fn picker_hints(available: impl Fn(PickerAction) -> bool) -> Vec<Hint> {
    PICKER
        .iter()
        .filter(|b| available(b.action))
        .filter_map(|b| Some((b.keys, b.label, b.footer?)))
        .collect()
}

/// While typing a filter in the picker.
pub const PICKER_FILTER: &[(&str, &str)] = &[
    ("type", "to find by name, id or tag"),
    ("↑/↓", "choose"),
    ("Enter", "set up session"),
    ("Esc", "clear"),
];

/// The keys for the pop-up listing skipped files.
pub const SKIPPED: &[(&str, &str)] = &[("Esc/s", "close")];
