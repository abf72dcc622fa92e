//! Everything the loop waits for: terminal events read on a thread of their own (with
//! pastes told from typing), and signals, each forwarded as it comes so the loop wakes
//! at once.

use std::io;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

/// Everything the loop waits for, from the keyboard thread and the signal thread.
pub(super) enum Incoming {
    Event(Event),
    /// Printable keys that arrived together, faster than anyone types: a paste from a
    /// terminal that does not mark pastes.
    Burst(String),
    Signal(Signal),
    Failed(io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signal {
    /// SIGINT, SIGQUIT, SIGTERM, SIGHUP, or the console window closing.
    Terminate,
    /// SIGTSTP.
    #[cfg_attr(not(unix), expect(dead_code, reason = "job control is Unix only"))]
    Suspend,
    /// SIGCONT: the shell may have changed the terminal while we were stopped.
    #[cfg_attr(not(unix), expect(dead_code, reason = "job control is Unix only"))]
    Continued,
}

/// The fewest printable keys, arriving in one read, that are taken as a paste: two,
/// since nobody types two keys within a millisecond ("qy" pasted must not end a session).
const BURST: usize = 2;

/// How long the keyboard thread waits for the rest of a paste once one has begun.
const BURST_GAP: Duration = Duration::from_millis(15);

/// Terminal events, read on a thread of their own.
///
/// The loop waits on a channel with a timeout instead of calling `event::poll` itself:
/// when the terminal disappears, crossterm's reader can spin without returning
/// (crossterm-rs/crossterm#793), and the loop must still wake to save and exit.
///
/// Everything already waiting is read at once. A run of printable keys that arrived
/// together (no person types three keys within a millisecond) is a paste from a terminal
/// that does not mark pastes: it goes to the note box as text, never to the timer keys.
pub(super) fn read_terminal(tx: mpsc::Sender<Incoming>) {
    std::thread::spawn(move || {
        loop {
            let mut batch = match event::read() {
                Ok(e) => vec![e],
                Err(e) => {
                    let _ = tx.send(Incoming::Failed(e));
                    return;
                }
            };
            // What is already waiting. (Not `Duration::ZERO`: crossterm's terminal reader
            // then returns at once without looking at what it has already read.)
            let mut gap = Duration::from_millis(1);
            while event::poll(gap).unwrap_or(false) {
                match event::read() {
                    Ok(e) => batch.push(e),
                    Err(_) => break,
                }
                // Once a paste has begun, its next piece may be a moment behind.
                if text_keys(&batch) >= BURST {
                    gap = BURST_GAP;
                }
            }
            for item in bursts(batch) {
                if tx.send(item).is_err() {
                    return;
                }
            }
        }
    });
}

/// The text a key types, if it only types text.
fn typed(event: &Event) -> Option<char> {
    let Event::Key(key) = event else { return None };
    if key.kind == KeyEventKind::Release
        || key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Char(c) => Some(c),
        KeyCode::Enter => Some('\n'),
        KeyCode::Tab => Some('\t'),
        _ => None,
    }
}

fn text_keys(batch: &[Event]) -> usize {
    batch.iter().filter(|e| typed(e).is_some()).count()
}

/// Splits what arrived together into events and pasted text: runs of at least `BURST`
/// text keys become one paste.
fn bursts(batch: Vec<Event>) -> Vec<Incoming> {
    let mut out = Vec::new();
    let mut run: Vec<Event> = Vec::new();
    let flush = |run: &mut Vec<Event>, out: &mut Vec<Incoming>| {
        if run.len() >= BURST {
            out.push(Incoming::Burst(run.iter().filter_map(typed).collect()));
        } else {
            out.extend(run.drain(..).map(Incoming::Event));
        }
        run.clear();
    };
    for event in batch {
        // Key releases (terminals that report them) neither break nor join a run.
        if matches!(&event, Event::Key(k) if k.kind == KeyEventKind::Release) {
            continue;
        }
        if typed(&event).is_some() {
            run.push(event);
        } else {
            flush(&mut run, &mut out);
            out.push(Incoming::Event(event));
        }
    }
    flush(&mut run, &mut out);
    out
}

/// SIGINT, SIGQUIT, SIGTERM and SIGHUP (the terminal window closed) end the session
/// cleanly: saved, the terminal restored, the lock and the live view released. SIGTSTP
/// suspends it properly. (Ctrl+C in the window arrives as a key in raw mode, and asks
/// first.) A signal wakes the loop at once.
#[cfg(unix)]
pub(super) fn watch_signals(tx: &mpsc::Sender<Incoming>) {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    // Without the handler the default (exit) still happens; notes already saved stay saved.
    let Ok(mut signals) =
        signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT])
    else {
        return;
    };
    let tx = tx.clone();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let what = match signal {
                SIGTSTP => Signal::Suspend,
                SIGCONT => Signal::Continued,
                _ => Signal::Terminate,
            };
            if tx.send(Incoming::Signal(what)).is_err() {
                return;
            }
        }
    });
}

/// Closing the console window (or Ctrl+Break, or logging off) ends the session cleanly, as
/// SIGHUP does on Unix. Windows ends the process soon after the handler returns, so the
/// handler waits a moment for the save.
#[cfg(windows)]
pub(super) fn watch_signals(tx: &mpsc::Sender<Incoming>) {
    let tx = std::sync::Mutex::new(tx.clone());
    let _ = ctrlc::set_handler(move || {
        if let Ok(tx) = tx.lock() {
            let _ = tx.send(Incoming::Signal(Signal::Terminate));
        }
        std::thread::sleep(Duration::from_secs(2));
    });
}

#[cfg(not(any(unix, windows)))]
pub(super) fn watch_signals(_tx: &mpsc::Sender<Incoming>) {}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn keys_that_arrive_together_are_a_paste_and_single_keys_stay_keys() {
        let paste: Vec<Event> = "quiet day, yes.".chars().map(key).collect();
        let out = bursts(paste);
        assert!(matches!(&out[..], [Incoming::Burst(t)] if t == "quiet day, yes."));
        let out = bursts(vec![key('q'), key('y')]);
        assert!(matches!(&out[..], [Incoming::Burst(t)] if t == "qy"));
        let out = bursts(vec![key('q')]);
        assert!(matches!(&out[..], [Incoming::Event(_)]));
        // A paste followed by an arrow key: both kept, in order.
        let mut mixed: Vec<Event> = "abc\r".chars().map(key).collect();
        mixed.pop();
        mixed.push(Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        )));
        mixed.push(Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)));
        let out = bursts(mixed);
        assert!(matches!(&out[..], [Incoming::Burst(t), Incoming::Event(_)] if t == "abc\n"));
    }
}
