//! `crit mirror`: the public view of the session running on this computer, in a second
//! terminal.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::mpsc;

use ratatui::crossterm::event::{Event, KeyEventKind};

use super::input::{Incoming, Signal, read_terminal, watch_signals};
use super::terminal::{
    TerminalGuard, enter_terminal, forget_terminal, init_terminal, is_ctrl_z, repaint, suspend,
};
use super::{SIGNAL_CHECK, now};
use crate::app::{Live, keymap};

/// `crit mirror`: shows the public view of the session running on this computer (the
/// newest, if several run), read from its live file once a second (and at each second
/// of its countdown), until a key or a signal quits.
pub fn mirror(live: &crate::app::live::LiveSource, theme: crate::ui::Theme) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    watch_signals(&tx);
    let mut terminal = init_terminal()?;
    let _guard = TerminalGuard;
    read_terminal(tx);
    let outcome = mirror_loop(&mut terminal, live, &theme, &rx);
    forget_terminal(terminal);
    outcome
}

fn mirror_loop(
    terminal: &mut ratatui::DefaultTerminal,
    live: &crate::app::live::LiveSource,
    theme: &crate::ui::Theme,
    rx: &mpsc::Receiver<Incoming>,
) -> io::Result<()> {
    loop {
        if !io::stdin().is_terminal() {
            return Ok(());
        }
        let when = now();
        let shown = live.read();
        terminal.draw(|frame| crate::ui::mirror_view(frame, shown.as_ref(), when.wall, theme))?;
        let wait = match &shown {
            Some(l) if !l.paused => l
                .countdown_at(when.wall)
                .until_next_change()
                .min(SIGNAL_CHECK),
            _ => SIGNAL_CHECK,
        };
        match rx.recv_timeout(wait) {
            Ok(incoming) if quits(&incoming) => return Ok(()),
            Ok(Incoming::Signal(Signal::Terminate)) | Ok(Incoming::Failed(_)) => return Ok(()),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            Ok(Incoming::Signal(Signal::Suspend)) => {
                suspend();
                forget_terminal(std::mem::replace(terminal, repaint()?));
            }
            Ok(Incoming::Event(Event::Key(key))) if is_ctrl_z(&key) => {
                suspend();
                forget_terminal(std::mem::replace(terminal, repaint()?));
            }
            Ok(Incoming::Signal(Signal::Continued)) => {
                enter_terminal();
                forget_terminal(std::mem::replace(terminal, repaint()?));
            }
            _ => {}
        }
    }
}

/// Whether what arrived is a key of the mirror's table that quits. A paste (marked by the
/// terminal or told by its speed) is text, never keys: pasting "quiet" does not quit.
fn quits(incoming: &Incoming) -> bool {
    match incoming {
        Incoming::Event(Event::Key(key)) => {
            key.kind == KeyEventKind::Press
                && keymap::action(keymap::MIRROR, key) == Some(keymap::MirrorAction::Quit)
        }
        _ => false,
    }
}

/// The public view in `path`, if a session that is still running wrote it.
pub fn read_live(path: &Path) -> Option<Live> {
    crate::app::live::read(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventState, KeyModifiers};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Incoming {
        Incoming::Event(Event::Key(KeyEvent::new(code, modifiers)))
    }

    #[test]
    fn the_mirror_quits_on_the_keys_of_its_table_and_never_on_a_paste() {
        for b in keymap::MIRROR {
            for k in b.keys {
                assert!(
                    quits(&Incoming::Event(Event::Key(k.event()))),
                    "{k:?} quits"
                );
            }
        }
        assert!(quits(&press(KeyCode::Char('q'), KeyModifiers::NONE)));
        assert!(quits(&press(KeyCode::Esc, KeyModifiers::NONE)));
        assert!(quits(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        // Pasted text holding a 'q', told by its speed or marked by the terminal.
        assert!(!quits(&Incoming::Burst("quiet day, yes.".into())));
        assert!(!quits(&Incoming::Burst("qq".into())));
        assert!(!quits(&Incoming::Event(Event::Paste("q".into()))));
        // Other keys, and a q let go, do nothing.
        assert!(!quits(&press(KeyCode::Char('x'), KeyModifiers::NONE)));
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
            ..KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)
        };
        assert!(!quits(&Incoming::Event(Event::Key(release))));
    }
}
