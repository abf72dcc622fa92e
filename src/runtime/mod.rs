//! The one impure loop: it owns the terminal, reads the clock and the keyboard, listens
//! for the signals that end or suspend a session, and carries out the effects `update`
//! asks for, holding the running session's lock and journal while it does.
//!
//! - [`files`]: what the running session holds on disk (lock, journal, markdown, the
//!   files beside it) and how each effect is carried out;
//! - `input`: the keyboard thread (pastes told from typing) and the signal thread;
//! - `terminal`: taking the terminal, giving it back on every way out, Ctrl+Z;
//! - `mirror`: `crit mirror`.

mod files;
mod input;
mod mirror;
mod terminal;

use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;

use crate::app::{Effect, Model, Msg, Screen, update};
use crate::session::Now;
use crate::words::screen as w;

pub use files::{Files, finished_syncs};
use input::{Incoming, Signal, read_terminal, watch_signals};
pub use mirror::{mirror, read_live};
use terminal::{
    TerminalGuard, enter_terminal, forget_terminal, init_terminal, is_ctrl_z, repaint, suspend,
};

/// Reads the clock: the only place the program does.
pub fn now() -> Now {
    let at = Instant::now();
    let utc = chrono::Utc::now();
    Now {
        at,
        wall: utc.with_timezone(&local_offset(&utc)),
    }
}

/// The local time zone's offset at `utc`. Asking the system for it reads the zone file
/// (`/etc/localtime`) each time, so it is asked again only when the minute changes: a
/// change of zone or of summer time shows within a minute, and a tick costs no file I/O.
fn local_offset(utc: &chrono::DateTime<chrono::Utc>) -> chrono::FixedOffset {
    use chrono::{Offset, TimeZone};
    static KNOWN: std::sync::Mutex<Option<(i64, chrono::FixedOffset)>> =
        std::sync::Mutex::new(None);
    let minute = utc.timestamp().div_euclid(60);
    let ask = || {
        chrono::Local
            .offset_from_utc_datetime(&utc.naive_utc())
            .fix()
    };
    let Ok(mut known) = KNOWN.lock() else {
        return ask();
    };
    match *known {
        Some((m, offset)) if m == minute => offset,
        _ => {
            let offset = ask();
            *known = Some((minute, offset));
            offset
        }
    }
}

/// The longest the loop sleeps without looking at the terminal.
pub(super) const SIGNAL_CHECK: Duration = Duration::from_secs(1);

/// Writes a line for whoever still reads the terminal or its log. Never panics: after the
/// window closed, there is nobody to tell, and a print must not turn a clean exit into
/// an abort.
pub fn say(to_stderr: bool, message: &str) {
    let written = if to_stderr {
        writeln!(io::stderr(), "{message}")
    } else {
        writeln!(io::stdout(), "{message}")
    };
    let _ = written;
}

/// Runs the app until the user quits. `effects` are carried out first (a session started
/// from the command line opens its archive file); `files` holds a session already taken
/// (by `crit resume`).
pub fn run(mut model: Model, effects: Vec<Effect>, mut files: Files) -> io::Result<Model> {
    let (tx, rx) = mpsc::channel();
    watch_signals(&tx);
    let mut terminal = init_terminal()?;
    let guard = TerminalGuard;
    perform_all(&mut model, &mut files, effects);
    read_terminal(tx);
    let result = catch_unwind(AssertUnwindSafe(|| -> io::Result<()> {
        // Set after a tick that changed nothing visible: the next pass skips drawing.
        let mut unchanged = false;
        let mut face = model.clock_face();
        loop {
            if !io::stdin().is_terminal() {
                let effects = update(&mut model, Msg::Terminate, now());
                perform_all(&mut model, &mut files, effects);
            }
            if model.quit {
                // The terminal may be gone already (a closed window): drawing is best effort.
                let _ = terminal.draw(|frame| crate::ui::view(&model, frame));
                return Ok(());
            }
            if deliver_shared(&mut model, &mut files) {
                unchanged = false;
            }
            if !unchanged {
                terminal.draw(|frame| crate::ui::view(&model, frame))?;
            }
            let wait = model
                .next_wake(Instant::now())
                .unwrap_or(SIGNAL_CHECK)
                .min(SIGNAL_CHECK);
            let msg = match rx.recv_timeout(wait) {
                Err(mpsc::RecvTimeoutError::Timeout) => Msg::Tick,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(io::Error::other(w::KEYBOARD_GONE));
                }
                Ok(Incoming::Failed(e)) => return Err(e),
                Ok(Incoming::Signal(Signal::Terminate)) => Msg::Terminate,
                Ok(Incoming::Signal(Signal::Suspend)) => {
                    suspend();
                    forget_terminal(std::mem::replace(&mut terminal, repaint()?));
                    Msg::Resize
                }
                Ok(Incoming::Event(Event::Key(key))) if is_ctrl_z(&key) => {
                    suspend();
                    forget_terminal(std::mem::replace(&mut terminal, repaint()?));
                    Msg::Resize
                }
                Ok(Incoming::Signal(Signal::Continued)) => {
                    // Stopped from outside (SIGSTOP): take the terminal back all the same.
                    enter_terminal();
                    forget_terminal(std::mem::replace(&mut terminal, repaint()?));
                    Msg::Resize
                }
                Ok(Incoming::Burst(text)) => Msg::Paste(text),
                Ok(Incoming::Event(Event::Key(key))) => Msg::Key(key),
                Ok(Incoming::Event(Event::Paste(text))) => Msg::Paste(text),
                Ok(Incoming::Event(Event::Resize(..))) => Msg::Resize,
                Ok(Incoming::Event(_)) => continue,
            };
            let tick = msg == Msg::Tick;
            let effects = update(&mut model, msg, now());
            let acted = !effects.is_empty();
            perform_all(&mut model, &mut files, effects);
            let new_face = model.clock_face();
            unchanged = tick && !acted && new_face == face;
            face = new_face;
        }
    }));
    forget_terminal(terminal);
    drop(guard);
    match result {
        Ok(Ok(())) => {
            files.release();
            Ok(model)
        }
        Ok(Err(e)) => {
            // The terminal went away (a closed window): keep what the session has, and
            // say where, in case anyone still reads this output.
            let rescue = emergency_save(&mut model, &mut files);
            files.release();
            if let Some(rescue) = rescue {
                say(true, &w::lost_terminal(&rescue.words()));
            }
            Err(e)
        }
        Err(panic) => {
            let rescue = emergency_save(&mut model, &mut files);
            files.release();
            let saved = rescue.map(|r| r.words()).unwrap_or_default();
            say(true, &w::stopped_by_bug(&saved));
            std::panic::resume_unwind(panic)
        }
    }
}

/// What became of a running session when crit had to stop.
#[derive(Debug, Clone, PartialEq)]
enum Rescue {
    /// Saved whole, with what `crit resume` needs.
    Saved(std::path::PathBuf),
    /// The last save failed: the file has the notes up to the last one entered.
    UpToLastNote(std::path::PathBuf),
    /// The session had no file yet.
    NotSaved,
}

impl Rescue {
    /// How it is told, after "crit lost its terminal." and the like.
    fn words(&self) -> String {
        match self {
            Rescue::Saved(path) => w::rescued_in(path),
            Rescue::UpToLastNote(path) => w::notes_up_to_last_in(path),
            Rescue::NotSaved => w::NOT_SAVED_YET.into(),
        }
    }
}

/// After a failure: saves the running session as it stands (the note being typed
/// included), if there is one, and says what became of it.
fn emergency_save(model: &mut Model, files: &mut Files) -> Option<Rescue> {
    if !matches!(model.screen, Screen::Run(_)) {
        return None;
    }
    let attempt = catch_unwind(AssertUnwindSafe(|| {
        let effects = update(model, Msg::Terminate, now());
        let mut saved = false;
        for effect in effects {
            if let Some(Msg::Saved(_)) = files.perform(effect) {
                saved = true;
            }
        }
        saved
    }));
    match (attempt, files.session()) {
        (Ok(true), Some(path)) => Some(Rescue::Saved(path.to_path_buf())),
        (_, Some(path)) => Some(Rescue::UpToLastNote(path.to_path_buf())),
        (_, None) => Some(Rescue::NotSaved),
    }
}

/// Carries out effects; what they report goes back through `update` at once.
fn perform_all(model: &mut Model, files: &mut Files, effects: Vec<Effect>) {
    let mut queue = effects;
    while !queue.is_empty() {
        let mut replies = Vec::new();
        for effect in queue {
            if let Some(msg) = files.perform(effect) {
                replies.push(msg);
            }
        }
        queue = replies
            .into_iter()
            .flat_map(|msg| update(model, msg, now()))
            .collect();
    }
}

/// Hands the model the outcomes of background syncs; whether there were any.
fn deliver_shared(model: &mut Model, files: &mut Files) -> bool {
    let arrived = finished_syncs();
    let any = !arrived.is_empty();
    for outcome in arrived {
        let effects = update(model, Msg::Shared(outcome), now());
        perform_all(model, files, effects);
    }
    any
}
