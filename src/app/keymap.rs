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
    /// Shown in the footer (all bindings are in the help screen).
    pub footer: bool,
}

pub const TIMER: &[Binding<Action>] = &[
    Binding {
        codes: &[KeyCode::Char(' ')],
        keys: "space",
        label: "pause",
        action: Action::TogglePause,
        footer: true,
    },
    Binding {
        codes: &[KeyCode::Char('n'), KeyCode::Right],
        keys: "n/→",
        label: "next",
        action: Action::Next,
        footer: true,
    },
    Binding {
        codes: &[KeyCode::Char('p'), KeyCode::Left],
        keys: "p/←",
        label: "back",
        action: Action::Previous,
        footer: true,
    },
    Binding {
        codes: &[KeyCode::Char('+'), KeyCode::Char('=')],
        keys: "+",
        label: "more time",
        action: Action::Extend,
        footer: true,
    },
    Binding {
        codes: &[KeyCode::Char('-'), KeyCode::Char('_')],
        keys: "-",
        label: "less time",
        action: Action::Shorten,
        footer: true,
    },
    Binding {
        codes: &[KeyCode::Char('i'), KeyCode::Enter],
        keys: "i/Enter",
        label: "note",
        action: Action::OpenNote,
        footer: true,
    },
    Binding {
        codes: &[KeyCode::Char('f')],
        keys: "f",
        label: "fit to end time",
        action: Action::Fit,
        footer: false,
    },
    Binding {
        codes: &[KeyCode::Char('b')],
        keys: "b",
        label: "projector view on/off",
        action: Action::Projector,
        footer: false,
    },
    Binding {
        codes: &[KeyCode::Char('r')],
        keys: "r",
        label: "restate the question",
        action: Action::Restate,
        footer: false,
    },
    Binding {
        codes: &[KeyCode::Char('a')],
        keys: "a",
        label: "count time away (after a resume)",
        action: Action::CountAway,
        footer: false,
    },
    Binding {
        codes: &[KeyCode::Char('?')],
        keys: "?",
        label: "help",
        action: Action::Help,
        footer: true,
    },
    Binding {
        codes: &[KeyCode::Char('q')],
        keys: "q",
        label: "end",
        action: Action::End,
        footer: true,
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

/// The footer hints for the timer view: the first key of each binding (help lists all).
pub fn timer_hints() -> Vec<(&'static str, &'static str)> {
    TIMER
        .iter()
        .filter(|b| b.footer)
        .map(|b| (b.keys.split('/').next().unwrap_or(b.keys), b.label))
        .collect()
}

/// The timer keys to show when there is little room, most needed first.
pub const COMPACT: &[Action] = &[
    Action::End,
    Action::Help,
    Action::OpenNote,
    Action::TogglePause,
    Action::Next,
];

/// The keys the projector view mentions.
pub const PROJECTOR: &[Action] = &[
    Action::Projector,
    Action::TogglePause,
    Action::Next,
    Action::End,
];

/// Footer hints for these actions, in this order, from the key table.
pub fn hints_for(actions: &[Action]) -> Vec<(&'static str, &'static str)> {
    actions
        .iter()
        .filter_map(|a| TIMER.iter().find(|b| b.action == *a))
        .map(|b| (b.keys.split('/').next().unwrap_or(b.keys), b.label))
        .collect()
}
