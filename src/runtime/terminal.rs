//! The terminal: taken with raw mode, the alternate screen and marked pastes; given back
//! on every way out (a quit, a panic, a signal, a closed window) without ever printing
//! in a way that could panic; and given to the shell and taken again around Ctrl+Z.

use std::io;

use ratatui::crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;

/// Restores the terminal when dropped, on every way out of the loop.
pub(super) struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave_terminal();
    }
}

/// Gives the terminal back. Never `ratatui::restore`: it prints its failure with
/// `eprintln!`, which panics when the window is gone, and a panic there aborts.
pub(super) fn leave_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    );
    let _ = ratatui::try_restore();
}

/// Takes the terminal (raw mode, the alternate screen, pastes marked), with a panic hook
/// that gives it back before the message, and a terminal that prints nothing on drop.
pub(super) fn init_terminal() -> io::Result<ratatui::DefaultTerminal> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_terminal();
        previous(info);
    }));
    enter_terminal();
    repaint()
}

/// Lets go of the terminal object without its drop, which prints (and so panics) when
/// showing the cursor fails on a window that is gone. `leave_terminal` shows the cursor.
pub(super) fn forget_terminal(terminal: ratatui::DefaultTerminal) {
    std::mem::forget(terminal);
}

/// Takes the terminal again after the program was suspended (Ctrl+Z, then `fg`): the
/// shell put it back in its line mode meanwhile.
pub(super) fn enter_terminal() {
    use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
    let _ = enable_raw_mode();
    let _ = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste);
}

/// Ctrl+Z, or SIGTSTP: give the terminal back to the shell, stop, and take it again when
/// continued (`fg`).
pub(super) fn suspend() {
    leave_terminal();
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    }
    enter_terminal();
}

/// A blank screen and a terminal that draws every cell on its next frame. (Not
/// `Terminal::clear`: it asks the terminal where the cursor is, and the keyboard thread
/// would take the answer.)
pub(super) fn repaint() -> io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::terminal::{Clear, ClearType};
    execute!(io::stdout(), Clear(ClearType::All))?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}

pub(super) fn is_ctrl_z(key: &KeyEvent) -> bool {
    cfg!(unix)
        && key.kind == KeyEventKind::Press
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z' | 'Z'))
}
