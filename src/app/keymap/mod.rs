//! Every key the app answers to, as one table of [`Binding`]s per screen and dialog.
//! `update` finds the action for a key in the table of what is in front, and the footer
//! and the help screen are drawn from the same table, so what they say can never drift
//! from what the keys do. The tables themselves are in [`run`] (the timer view, the note
//! box and the dialogs over them) and [`screens`] (picker, setup, summary).
//!
//! In a text box the table holds the command keys (Enter, Esc, Tab, Ctrl+…); anything
//! else typed there is text, and is handled as text.

mod front;
mod run;
mod screens;

pub use front::*;
pub use run::*;
pub use screens::*;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Which modifiers a [`Key`] needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mods {
    /// Neither Ctrl nor Alt (Shift is part of the character: `?`, `Y`).
    Plain,
    /// Whatever is held down.
    Any,
    Ctrl,
    Alt,
    Shift,
}

/// One key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode, Mods),
    /// Any character typed without Ctrl or Alt (a filter being typed).
    Typed,
}

impl Key {
    pub const fn ch(c: char) -> Key {
        Key::Code(KeyCode::Char(c), Mods::Plain)
    }
    pub const fn plain(code: KeyCode) -> Key {
        Key::Code(code, Mods::Plain)
    }
    pub const fn any(code: KeyCode) -> Key {
        Key::Code(code, Mods::Any)
    }
    pub const fn any_ch(c: char) -> Key {
        Key::Code(KeyCode::Char(c), Mods::Any)
    }
    pub const fn ctrl(c: char) -> Key {
        Key::Code(KeyCode::Char(c), Mods::Ctrl)
    }
    pub const fn alt(code: KeyCode) -> Key {
        Key::Code(code, Mods::Alt)
    }
    pub const fn shift(code: KeyCode) -> Key {
        Key::Code(code, Mods::Shift)
    }

    /// Whether `event` is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let held = event.modifiers;
        let ctrl_or_alt = held.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match *self {
            Key::Typed => matches!(event.code, KeyCode::Char(_)) && !ctrl_or_alt,
            Key::Code(code, mods) => {
                code == event.code
                    && match mods {
                        Mods::Plain => !ctrl_or_alt,
                        Mods::Any => true,
                        Mods::Ctrl => held.contains(KeyModifiers::CONTROL),
                        Mods::Alt => held.contains(KeyModifiers::ALT),
                        Mods::Shift => held.contains(KeyModifiers::SHIFT),
                    }
            }
        }
    }

    /// A key event this key answers to, as a terminal would send it (a letter for
    /// [`Key::Typed`]).
    pub fn event(&self) -> KeyEvent {
        let (code, mods) = match *self {
            Key::Typed => (KeyCode::Char('a'), Mods::Plain),
            Key::Code(code, mods) => (code, mods),
        };
        let held = match mods {
            Mods::Plain | Mods::Any => KeyModifiers::NONE,
            Mods::Ctrl => KeyModifiers::CONTROL,
            Mods::Alt => KeyModifiers::ALT,
            Mods::Shift => KeyModifiers::SHIFT,
        };
        KeyEvent::new(code, held)
    }
}

/// One line of a key table: the keys, how they are written on screen, what they do.
#[derive(Debug)]
pub struct Binding<A: 'static> {
    pub keys: &'static [Key],
    /// The keys as the help screen writes them ("n/→").
    pub shows: &'static str,
    /// The keys as the footer writes them, where shorter ("n").
    pub short: &'static str,
    pub label: &'static str,
    /// The label while the screen's switch is on (space says "resume" while paused).
    pub label_on: Option<&'static str>,
    pub action: A,
    /// Shown in the footer while there is room, most needed (lowest) first; `None`: not
    /// in the footer.
    pub footer: Option<u8>,
    /// Listed in the help screen (a key that shares another binding's hint is not).
    pub listed: bool,
}

/// A binding of `keys`, written `shows`, that does `action`: not in the footer, listed
/// in help.
pub const fn bind<A: Copy>(
    keys: &'static [Key],
    shows: &'static str,
    label: &'static str,
    action: A,
) -> Binding<A> {
    Binding {
        keys,
        shows,
        short: shows,
        label,
        label_on: None,
        action,
        footer: None,
        listed: true,
    }
}

impl<A: Copy> Binding<A> {
    /// In the footer, with this rank (0 is the last to go).
    pub const fn rank(mut self, rank: u8) -> Binding<A> {
        self.footer = Some(rank);
        self
    }
    /// The footer writes the keys this way.
    pub const fn short(mut self, short: &'static str) -> Binding<A> {
        self.short = short;
        self
    }
    /// The label while the screen's switch is on.
    pub const fn on(mut self, label: &'static str) -> Binding<A> {
        self.label_on = Some(label);
        self
    }
    /// Works, but is not listed in help (a second key of a hint shown elsewhere).
    pub const fn unlisted(mut self) -> Binding<A> {
        self.listed = false;
        self
    }

    pub fn label(&self, switch: bool) -> &'static str {
        match self.label_on {
            Some(on) if switch => on,
            _ => self.label,
        }
    }
}

/// The action `event` asks for in `table`. A binding that names its modifiers wins over
/// one that takes the key with any (Alt+Enter is a new line where Enter saves).
pub fn action<A: Copy>(table: &[Binding<A>], event: &KeyEvent) -> Option<A> {
    let found = |specific: bool| {
        table.iter().find(|b| {
            b.keys.iter().any(|k| {
                let any = matches!(k, Key::Code(_, Mods::Any));
                any != specific && k.matches(event)
            })
        })
    };
    found(true).or_else(|| found(false)).map(|b| b.action)
}

/// The footer hints of `table` in table order, with the labels for `switch`, leaving
/// out the actions `available` says cannot be used now.
pub fn hints<A: Copy>(
    table: &[Binding<A>],
    switch: bool,
    available: impl Fn(A) -> bool,
) -> Vec<Hint> {
    table
        .iter()
        .filter(|b| available(b.action))
        .filter_map(|b| {
            Some(Hint {
                keys: b.keys,
                short: b.short,
                label: b.label(switch),
                rank: b.footer?,
            })
        })
        .collect()
}

/// The footer hints of `table` when everything in it can be used.
pub fn footer_hints<A: Copy>(table: &[Binding<A>], switch: bool) -> Vec<Hint> {
    hints(table, switch, |_| true)
}

/// What the help screen lists of `table`: keys and label.
pub fn help_rows<A: Copy>(table: &[Binding<A>]) -> Vec<(&'static str, &'static str)> {
    table
        .iter()
        .filter(|b| b.listed)
        .map(|b| (b.shows, b.label))
        .collect()
}

/// Footer-style hints (short keys, label) for these actions, in this order.
pub fn hints_for<A: Copy + PartialEq>(
    table: &[Binding<A>],
    actions: &[A],
) -> Vec<(&'static str, &'static str)> {
    actions
        .iter()
        .filter_map(|a| table.iter().find(|b| b.action == *a))
        .map(|b| (b.short, b.label))
        .collect()
}

/// How the footer writes the key for `action` in `table`, for a sentence that names it
/// ("press q to end").
pub fn key_for<A: Copy + PartialEq>(table: &[Binding<A>], action: A) -> &'static str {
    table
        .iter()
        .find(|b| b.action == action)
        .map_or("?", |b| b.short)
}

/// The first of the keys the footer writes for `action` ("n" of "n/Esc").
pub fn first_key_for<A: Copy + PartialEq>(table: &[Binding<A>], action: A) -> &'static str {
    let short = key_for(table, action);
    short.split('/').next().unwrap_or(short)
}

/// The keys for `action` as a sentence says them ("Esc or ?" for "Esc/?").
pub fn keys_said<A: Copy + PartialEq>(table: &[Binding<A>], action: A) -> String {
    table.iter().find(|b| b.action == action).map_or_else(
        || "?".to_string(),
        |b| b.shows.replace('/', crate::words::screen::KEYS_OR),
    )
}

/// Ctrl+C, which every screen answers (it never quits without asking while a session
/// runs).
pub const CTRL_C: &[Key] = &[Key::ctrl('c'), Key::ctrl('C')];

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn a_key_with_named_modifiers_wins_over_any() {
        use ratatui::crossterm::event::KeyCode::Enter;
        let enter = ev(Enter, KeyModifiers::NONE);
        let alt = ev(Enter, KeyModifiers::ALT);
        let ctrl = ev(Enter, KeyModifiers::CONTROL);
        assert_eq!(action(NOTE, &enter), Some(NoteAction::Save));
        assert_eq!(action(NOTE, &alt), Some(NoteAction::NewLine));
        assert_eq!(
            action(NOTE, &ev(Enter, KeyModifiers::SHIFT)),
            Some(NoteAction::NewLine)
        );
        assert_eq!(action(NOTE, &ctrl), Some(NoteAction::Save));
    }

    #[test]
    fn plain_keys_take_shift_but_not_ctrl_or_alt() {
        let q = KeyCode::Char('?');
        assert_eq!(
            action(TIMER, &ev(q, KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(action(TIMER, &ev(q, KeyModifiers::ALT)), None);
        assert_eq!(
            action(TIMER, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::End)
        );
    }

    #[test]
    fn every_key_event_finds_its_own_binding() {
        fn check<A: Copy + PartialEq + std::fmt::Debug>(table: &[Binding<A>]) {
            for b in table {
                for k in b.keys {
                    assert_eq!(action(table, &k.event()), Some(b.action), "{k:?}");
                }
            }
        }
        check(TIMER);
        check(NOTE);
        check(CONFIRM_END);
        check(CONFIRM_DELETE);
        check(FIT);
        check(END_TIME);
        check(RESTATE);
        check(HELP);
        check(PICKER);
        check(PICKER_FILTER);
        check(SKIPPED);
        check(SETUP);
        check(SETUP_FROM_RUN);
        check(SUMMARY_UNSAVED);
        check(SUMMARY_SAVED);
        check(MIRROR);
    }
}
