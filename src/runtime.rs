//! The one impure loop: it owns the terminal, reads the clock and the keyboard, listens
//! for the signals that end a session, and carries out the effects `update` asks for.

use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{Effect, Model, Msg, Screen, update};
use crate::archive;
use crate::session::Now;

/// Reads the clock: the only place the program does.
pub fn now() -> Now {
    Now {
        at: Instant::now(),
        wall: chrono::Local::now().fixed_offset(),
    }
}

/// The longest the loop sleeps without looking at the signal flag.
const SIGNAL_CHECK: Duration = Duration::from_secs(1);

/// Restores the terminal when dropped, on every way out of the loop.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Runs the app until the user quits. `effects` are carried out first (a session started
/// from the command line opens its archive file).
pub fn run(mut model: Model, effects: Vec<Effect>) -> io::Result<Model> {
    let terminate = Arc::new(AtomicBool::new(false));
    watch_signals(&terminate);
    // `try_init` also installs a panic hook that restores the terminal before the message.
    let mut terminal = ratatui::try_init()?;
    let guard = TerminalGuard;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    perform_all(&mut model, effects);
    let input = Input::start();
    let result = catch_unwind(AssertUnwindSafe(|| -> io::Result<()> {
        // Set after a tick that changed nothing visible: the next pass skips drawing.
        let mut unchanged = false;
        let mut face = model.clock_face();
        loop {
            if terminate.load(Ordering::Relaxed) || !io::stdin().is_terminal() {
                let effects = update(&mut model, Msg::Terminate, now());
                perform_all(&mut model, effects);
            }
            if model.quit {
                // The terminal may be gone already (a closed window): drawing is best effort.
                let _ = terminal.draw(|frame| crate::ui::view(&model, frame));
                return Ok(());
            }
            if deliver_shared(&mut model) {
                unchanged = false;
            }
            if !unchanged {
                terminal.draw(|frame| crate::ui::view(&model, frame))?;
            }
            let wait = model
                .next_wake(Instant::now())
                .unwrap_or(SIGNAL_CHECK)
                .min(SIGNAL_CHECK);
            let msg = match input.next(wait)? {
                None => Msg::Tick,
                Some(Event::Key(key)) => Msg::Key(key),
                Some(Event::Paste(text)) => Msg::Paste(text),
                Some(Event::Resize(..)) => Msg::Resize,
                Some(_) => continue,
            };
            let tick = msg == Msg::Tick;
            let effects = update(&mut model, msg, now());
            let acted = !effects.is_empty();
            perform_all(&mut model, effects);
            let new_face = model.clock_face();
            unchanged = tick && !acted && new_face == face;
            face = new_face;
        }
    }));
    drop(guard);
    // Whatever happened, this process no longer has the session open.
    if let Screen::Run(run) = &model.screen
        && let Some(path) = &run.saving.path
    {
        archive::release(path);
    }
    match result {
        Ok(outcome) => {
            if outcome.is_err() {
                // The terminal went away (a closed window): keep what the session has, and
                // say where, in case anyone still reads this output.
                let saved = emergency_save(&model);
                if !saved.is_empty() {
                    eprintln!("crit lost its terminal.{saved}");
                }
            }
            outcome.map(|_| model)
        }
        Err(panic) => {
            let saved = emergency_save(&model);
            eprintln!("crit stopped because of a bug.{saved}");
            std::panic::resume_unwind(panic)
        }
    }
}

/// Terminal events, read on a thread of their own.
///
/// The loop waits on a channel with a timeout instead of calling `event::poll` itself:
/// when the terminal disappears, crossterm's reader can spin without returning
/// (crossterm-rs/crossterm#793), and the loop must still wake to save and exit.
struct Input {
    events: mpsc::Receiver<io::Result<Event>>,
}

impl Input {
    fn start() -> Input {
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if tx.send(event).is_err() || failed {
                    break;
                }
            }
        });
        Input { events }
    }

    /// The next event, or `None` if `wait` passes first.
    fn next(&self, wait: Duration) -> io::Result<Option<Event>> {
        match self.events.recv_timeout(wait) {
            Ok(event) => event.map(Some),
            Err(mpsc::RecvTimeoutError::Timeout) => Ok(None),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(io::Error::other("the keyboard stopped answering"))
            }
        }
    }
}

/// `crit mirror`: shows the public view of the session running on this computer, read
/// from `path` once a second (and at each second of its countdown), until a key quits.
pub fn mirror(path: &Path, theme: crate::ui::Theme) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    let input = Input::start();
    let terminate = Arc::new(AtomicBool::new(false));
    watch_signals(&terminate);
    loop {
        if terminate.load(Ordering::Relaxed) || !io::stdin().is_terminal() {
            return Ok(());
        }
        let when = now();
        let live = read_live(path);
        terminal.draw(|frame| crate::ui::mirror_view(frame, live.as_ref(), when.wall, &theme))?;
        let wait = match &live {
            Some(l) if !l.paused => l
                .countdown_at(when.wall)
                .until_next_change()
                .min(SIGNAL_CHECK),
            _ => SIGNAL_CHECK,
        };
        if let Some(Event::Key(key)) = input.next(wait)?
            && key.kind == event::KeyEventKind::Press
            && (matches!(key.code, event::KeyCode::Char('q') | event::KeyCode::Esc)
                || crate::app::keymap::is_ctrl_c(&key))
        {
            return Ok(());
        }
    }
}

/// The public view in `path`, if a session that is still running wrote it.
pub fn read_live(path: &Path) -> Option<crate::app::Live> {
    let text = std::fs::read_to_string(path).ok()?;
    let live: crate::app::Live = serde_json::from_str(&text).ok()?;
    archive::process_alive(live.pid).then_some(live)
}

/// After a failure: saves the running session as it stands, if there is one, and says where.
fn emergency_save(model: &Model) -> String {
    let Screen::Run(run) = &model.screen else {
        return String::new();
    };
    let Some(path) = &run.saving.path else {
        return " The session had not been saved yet.".into();
    };
    let when = now();
    let attempt = catch_unwind(AssertUnwindSafe(|| {
        let contents = archive::render(&run.session, when);
        let state = serde_json::to_string(&run.session.saved(when)).unwrap_or_default();
        write_session(path, &contents, Some(&state))
    }));
    match attempt {
        Ok(Ok(())) => format!(
            " The session was saved in {}; `crit resume` continues it.",
            path.display()
        ),
        _ => format!(
            " Notes up to the last one entered are in {}.",
            path.display()
        ),
    }
}

/// SIGTERM and SIGHUP (the terminal window closed) set the flag; the loop then saves and
/// stops cleanly. Ctrl+C arrives as a key in raw mode and asks first.
#[cfg(unix)]
fn watch_signals(flag: &Arc<AtomicBool>) {
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Without the handler the default (exit) still happens; notes already saved stay saved.
        let _ = signal_hook::flag::register(signal, Arc::clone(flag));
    }
}

#[cfg(not(unix))]
fn watch_signals(_flag: &Arc<AtomicBool>) {}

/// Carries out effects; what they report goes back through `update` at once.
fn perform_all(model: &mut Model, effects: Vec<Effect>) {
    let mut queue = effects;
    while !queue.is_empty() {
        let mut replies = Vec::new();
        for effect in queue {
            if let Some(msg) = perform(effect) {
                replies.push(msg);
            }
        }
        queue = replies
            .into_iter()
            .flat_map(|msg| update(model, msg, now()))
            .collect();
    }
}

/// Carries out one effect; returns a message if the model must hear how it went.
pub fn perform(effect: Effect) -> Option<Msg> {
    match effect {
        Effect::OpenArchive {
            dir,
            fallback,
            name,
            contents,
            state,
        } => Some(open_archive(
            &dir,
            &fallback,
            &name,
            &contents,
            state.as_deref(),
        )),
        Effect::Save {
            path,
            fallback,
            contents,
            state,
        } => Some(save(&path, &fallback, &contents, state.as_deref())),
        Effect::LoadResume(path) => {
            let saved = archive::claim(&path)
                .and_then(|_| archive::read_state(&path))
                .map(Box::new);
            if saved.is_err() {
                archive::release(&path);
            }
            Some(Msg::ResumeLoaded { path, saved })
        }
        Effect::Publish { path, mut live } => {
            live.pid = std::process::id();
            // The mirror is a convenience: if its file cannot be written, the session goes on.
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = archive::save_atomic(&path, &serde_json::to_string(&live).unwrap_or_default());
            None
        }
        Effect::Unpublish(path) => {
            let _ = std::fs::remove_file(path);
            None
        }
        Effect::Share { path, sync } => share(path, sync),
        Effect::Bell => {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07").and_then(|_| out.flush());
            None
        }
        Effect::Quit => None,
    }
}

fn open_archive(
    dir: &Path,
    fallback: &Path,
    name: &str,
    contents: &str,
    state: Option<&str>,
) -> Msg {
    let create = |d: &Path| {
        let path = archive::create_unique(d, name)?;
        // A file this process has just created cannot be held by another crit.
        let _ = archive::claim(&path);
        write_session(&path, contents, state)?;
        Ok::<_, io::Error>(path)
    };
    match create(dir) {
        Ok(path) => Msg::ArchiveOpened {
            path,
            problem: None,
        },
        Err(e) => {
            let problem = format!("Cannot save in {}: {e}", dir.display());
            match create(fallback) {
                Ok(path) => Msg::ArchiveOpened {
                    problem: Some(format!("{problem}. Saving to {} instead.", path.display())),
                    path,
                },
                Err(e2) => Msg::ArchiveFailed(format!(
                    "{problem}; nor in {}: {e2}. Notes are kept on screen only: do not close crit.",
                    fallback.display()
                )),
            }
        }
    }
}

/// Writes a session's markdown and its resumable state. While it runs, the state is
/// written first, so it is never older than the markdown; once it is over, the markdown
/// is written first and only then is the state removed.
fn write_session(path: &Path, contents: &str, state: Option<&str>) -> io::Result<()> {
    let state_path = archive::state_path(path);
    match state {
        Some(state) => {
            archive::save_atomic(&state_path, state)?;
            archive::save_atomic(path, contents)
        }
        None => {
            archive::save_atomic(path, contents)?;
            archive::release(path);
            match std::fs::remove_file(&state_path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        }
    }
}

fn save(path: &Path, fallback: &Path, contents: &str, state: Option<&str>) -> Msg {
    let Err(e) = write_session(path, contents, state) else {
        return Msg::Saved(path.to_path_buf());
    };
    let problem = format!("Cannot save {}: {e}", path.display());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session.md".into());
    let moved_to = archive::create_unique(fallback, &name)
        .and_then(|p| write_session(&p, contents, state).map(|_| p))
        .ok();
    if let Some(new) = &moved_to {
        // The session lives on in the fallback: a stale state must not be resumed.
        let _ = std::fs::remove_file(archive::state_path(path));
        archive::release(path);
        let _ = archive::claim(new);
    }
    Msg::SaveFailed { problem, moved_to }
}

// ---- Sharing a finished session (a shared archive: see `archive::share`) ----

/// Outcomes of syncs that ran on a background thread, waiting for the loop to show them.
static SHARED: std::sync::Mutex<Vec<archive::share::Outcome>> = std::sync::Mutex::new(Vec::new());

/// Commits the finished session at once (local, fast); with `sync`, syncs on a thread of
/// its own, bounded in time, whose outcome the loop shows when it arrives. Quitting never
/// waits for it: what was committed stays committed, and the next sync finishes the rest.
fn share(path: std::path::PathBuf, sync: bool) -> Option<Msg> {
    let committed = archive::share::after_finish(&path)?;
    if sync && committed.ok {
        std::thread::spawn(move || {
            if let Some(outcome) = archive::share::after_session_sync(&path)
                && let Ok(mut waiting) = SHARED.lock()
            {
                waiting.push(outcome);
            }
        });
        return Some(Msg::Shared(archive::share::Outcome {
            ok: true,
            message: format!("{} Syncing with the network…", committed.message),
            syncing: true,
        }));
    }
    Some(Msg::Shared(committed))
}

/// The outcomes of background syncs that finished since the last call.
pub fn finished_syncs() -> Vec<archive::share::Outcome> {
    match SHARED.lock() {
        Ok(mut waiting) => waiting.drain(..).collect(),
        Err(_) => Vec::new(),
    }
}

/// Hands the model the outcomes of background syncs; whether there were any.
fn deliver_shared(model: &mut Model) -> bool {
    let arrived = finished_syncs();
    let any = !arrived.is_empty();
    for outcome in arrived {
        let effects = update(model, Msg::Shared(outcome), now());
        perform_all(model, effects);
    }
    any
}
