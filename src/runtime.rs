//! The one impure loop: it owns the terminal, reads the clock and the keyboard, listens
//! for the signals that end or suspend a session, and carries out the effects `update`
//! asks for, holding the running session's lock and journal while it does.

use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers,
};
use ratatui::crossterm::execute;

use crate::app::{Effect, Live, Model, Msg, Record, Screen, update};
use crate::archive::{self, Journal, Resumed, SessionLock};
use crate::session::Now;

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
const SIGNAL_CHECK: Duration = Duration::from_secs(1);

/// Restores the terminal when dropped, on every way out of the loop.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave_terminal();
    }
}

/// Gives the terminal back. Never `ratatui::restore`: it prints its failure with
/// `eprintln!`, which panics when the window is gone, and a panic there aborts.
fn leave_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    );
    let _ = ratatui::try_restore();
}

/// Takes the terminal (raw mode, the alternate screen, pastes marked), with a panic hook
/// that gives it back before the message, and a terminal that prints nothing on drop.
fn init_terminal() -> io::Result<ratatui::DefaultTerminal> {
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
fn forget_terminal(terminal: ratatui::DefaultTerminal) {
    std::mem::forget(terminal);
}

/// Takes the terminal again after the program was suspended (Ctrl+Z, then `fg`): the
/// shell put it back in its line mode meanwhile.
fn enter_terminal() {
    use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
    let _ = enable_raw_mode();
    let _ = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste);
}

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

/// What this process holds for the running session: its lock (so no other crit can open
/// it) and its journal (so `crit resume` loses nothing).
#[derive(Debug, Default)]
pub struct Files {
    lock: Option<SessionLock>,
    journal: Option<Journal>,
    /// The public view file this process wrote, removed when the session ends.
    published: Option<PathBuf>,
}

impl Files {
    /// Takes the session at `md` and reads it back for a resume. Refuses a file that is
    /// not an unfinished crit session, or one another crit has open; creates nothing
    /// beside a file that is not a crit session.
    pub fn resume(&mut self, md: &Path) -> Result<Resumed, String> {
        if !archive::journal::is_session(md) {
            // Says why: missing, finished, or not crit's.
            return archive::journal::load(md)
                .and_then(|_| Err(format!("{} is not a session crit can resume", md.display())));
        }
        let lock = archive::acquire(md).map_err(|e| e.describe(md))?;
        let resumed = archive::journal::load(md)?;
        self.lock = Some(lock);
        self.journal = None;
        Ok(resumed)
    }

    /// Carries out one effect; returns a message if the model must hear how it went.
    pub fn perform(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::OpenArchive {
                dir,
                fallback,
                name,
                contents,
                private,
                record,
            } => {
                let msg = self.open_archive(&dir, &fallback, &name, &contents, &record);
                Some(with_private(msg, private.as_deref()))
            }
            Effect::Save {
                path,
                fallback,
                contents,
                private,
                record,
            } => {
                let msg = self.save(&path, &fallback, &contents, &record);
                Some(with_private(msg, private.as_deref()))
            }
            Effect::Takeaway {
                session,
                reflection,
            } => Some(write_takeaway(&session, &reflection)),
            Effect::LoadEarlier {
                dir,
                group,
                presenters,
            } => Some(Msg::Earlier(archive::actions::earlier_for(
                &dir,
                &group,
                &presenters,
            ))),
            Effect::Journal(entries) => {
                let journal = self.journal.as_mut()?;
                journal.append(&entries).err().map(|_| Msg::JournalFailed)
            }
            Effect::LoadResume(path) => {
                let saved = self.resume(&path).map(Box::new);
                Some(Msg::ResumeLoaded { path, saved })
            }
            Effect::Publish { path, mut live } => {
                live.pid = std::process::id();
                // The mirror is a convenience: if its file cannot be written, the session
                // goes on. A file crit did not write is never replaced.
                if crate::app::live::may_write(&path) {
                    if let Some(dir) = path.parent() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                    let json = serde_json::to_string(&live).unwrap_or_default();
                    if archive::save_atomic(&path, &json).is_ok() {
                        self.published = Some(path);
                    }
                }
                None
            }
            Effect::Unpublish(path) => {
                if self.published.as_ref() == Some(&path) {
                    self.published = None;
                    if crate::app::live::may_write(&path) {
                        let _ = std::fs::remove_file(path);
                    }
                }
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
        &mut self,
        dir: &Path,
        fallback: &Path,
        name: &str,
        contents: &str,
        record: &Record,
    ) -> Msg {
        let problem = match self.create(dir, name, contents, record) {
            Ok(path) => {
                return Msg::ArchiveOpened {
                    path,
                    problem: None,
                };
            }
            Err(e) => format!("Cannot save in {}: {e}", dir.display()),
        };
        match self.create(fallback, name, contents, record) {
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

    /// Creates the session's file in `dir` with its contents, takes its lock and starts its
    /// journal. A failure anywhere leaves nothing behind.
    fn create(
        &mut self,
        dir: &Path,
        name: &str,
        contents: &str,
        record: &Record,
    ) -> io::Result<PathBuf> {
        let path = archive::create_unique(dir, name, contents)?;
        if let Record::Running { snapshot, entries } = record {
            let started = snapshot
                .as_deref()
                .ok_or_else(|| io::Error::other("no state to start the journal from"))
                .and_then(|s| Journal::begin(&path, s))
                .and_then(|mut j| j.append(entries).map(|_| j));
            match started {
                Ok(journal) => {
                    // A file this process has just made cannot be held by another crit; if
                    // its lock cannot be made, the session still goes on.
                    self.lock = archive::acquire(&path).ok();
                    self.journal = Some(journal);
                }
                Err(e) => {
                    let _ = archive::journal::remove(&path);
                    let _ = std::fs::remove_file(&path);
                    return Err(e);
                }
            }
        }
        Ok(path)
    }

    /// Brings the session's file and its journal up to date: the journal first (so what
    /// resuming reads is never older than the markdown), then the markdown. Once the
    /// session is over, the markdown is written first, then the journal, state and lock go.
    fn write(&mut self, path: &Path, contents: &str, record: &Record) -> io::Result<()> {
        match record {
            Record::Running { snapshot, entries } => {
                let journal = match (snapshot, self.journal.take()) {
                    (Some(s), _) => Journal::begin(path, s)?,
                    (None, Some(j)) if j.session() == path => j,
                    _ => return Err(io::Error::other("the session's journal is not open")),
                };
                let journal = self.journal.insert(journal);
                journal.append(entries)?;
                archive::save_atomic(path, contents)?;
                // Only used to tell a hand edit from crit's own write: not worth a failure.
                let _ = journal.mark_markdown();
                if self.lock.is_none() {
                    self.lock = archive::acquire(path).ok();
                }
                Ok(())
            }
            Record::Finished => {
                archive::save_atomic(path, contents)?;
                self.journal = None;
                archive::journal::remove(path)?;
                if let Some(lock) = self.lock.take() {
                    lock.finish();
                }
                Ok(())
            }
        }
    }

    fn save(&mut self, path: &Path, fallback: &Path, contents: &str, record: &Record) -> Msg {
        let Err(e) = self.write(path, contents, record) else {
            return Msg::Saved(path.to_path_buf());
        };
        let problem = format!("Cannot save {}: {e}", path.display());
        // Already in the rescue folder: there is nowhere else to go; the next save tries
        // the same file again.
        if path.parent() == Some(fallback) {
            return Msg::SaveFailed {
                problem,
                moved_to: None,
            };
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "session.md".into());
        // The journal goes with the session: the model sends a whole new state next.
        let moved_to = archive::create_unique(fallback, &name, contents).ok();
        if moved_to.is_some() {
            // The whole session is safe in the rescue folder now: the stale copy in the
            // archive (and what resuming it would need) goes, so nothing offers it again.
            let _ = archive::journal::remove(path);
            let _ = std::fs::remove_file(path);
            if let Some(lock) = self.lock.take() {
                lock.finish();
            }
            self.journal = None;
        }
        Msg::SaveFailed { problem, moved_to }
    }

    /// The session's file, while one is open.
    fn session(&self) -> Option<&Path> {
        self.lock
            .as_ref()
            .map(SessionLock::session)
            .or(self.journal.as_ref().map(Journal::session))
    }
}

/// Writes the private notes beside the session's file once that file is saved (wherever
/// it went: the archive or the rescue folder). A private file that cannot be written
/// turns the save into a failure the screen shows: the notes are still on screen. Once
/// the last private note is deleted, so is the file (a deleted note must not linger).
fn with_private(msg: Msg, private: Option<&str>) -> Msg {
    let Some(private) = private else {
        if let Msg::Saved(path) = &msg {
            let _ = std::fs::remove_file(archive::beside::private_path(path));
        }
        return msg;
    };
    let path = match &msg {
        Msg::Saved(path) | Msg::ArchiveOpened { path, .. } => path.clone(),
        Msg::SaveFailed {
            moved_to: Some(path),
            ..
        } => path.clone(),
        _ => return msg,
    };
    let beside = archive::beside::private_path(&path);
    let Err(e) = archive::save_atomic(&beside, private) else {
        return msg;
    };
    let problem = format!("Cannot save the private notes in {}: {e}", beside.display());
    match msg {
        // The file exists: keep it, and say what is missing.
        Msg::ArchiveOpened { path, .. } => Msg::ArchiveOpened {
            path,
            problem: Some(problem),
        },
        _ => Msg::SaveFailed {
            problem,
            moved_to: None,
        },
    }
}

/// Writes the take-away beside the finished session and commits it if the archive is
/// shared. The message says where it went, or why not.
fn write_takeaway(session: &Path, reflection: &[String]) -> Msg {
    let page = archive::read::read(session).and_then(|file| {
        let file = file.ok_or("the session file is not a crit session any more")?;
        archive::takeaway::render(&file, Some(reflection), None)
    });
    let target = archive::beside::takeaway_path(session);
    let result = page.and_then(|page| {
        archive::save_atomic(&target, &page)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))
    });
    if result.is_ok() {
        // Shared archives commit the files written beside a finished session.
        let _ = archive::share::after_finish(session);
    }
    Msg::TakeawayWritten(result.map(|()| target))
}

/// Everything the loop waits for, from the keyboard thread and the signal thread.
enum Incoming {
    Event(Event),
    /// Printable keys that arrived together, faster than anyone types: a paste from a
    /// terminal that does not mark pastes.
    Burst(String),
    Signal(Signal),
    Failed(io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    /// SIGINT, SIGQUIT, SIGTERM, SIGHUP, or the console window closing.
    Terminate,
    /// SIGTSTP.
    #[cfg_attr(not(unix), expect(dead_code, reason = "job control is Unix only"))]
    Suspend,
    /// SIGCONT: the shell may have changed the terminal while we were stopped.
    #[cfg_attr(not(unix), expect(dead_code, reason = "job control is Unix only"))]
    Continued,
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
                    return Err(io::Error::other("the keyboard stopped answering"));
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
            release(&mut files);
            Ok(model)
        }
        Ok(Err(e)) => {
            // The terminal went away (a closed window): keep what the session has, and
            // say where, in case anyone still reads this output.
            let saved = emergency_save(&mut model, &mut files);
            release(&mut files);
            if !saved.is_empty() {
                say(true, &format!("crit lost its terminal.{saved}"));
            }
            Err(e)
        }
        Err(panic) => {
            let saved = emergency_save(&mut model, &mut files);
            release(&mut files);
            say(true, &format!("crit stopped because of a bug.{saved}"));
            std::panic::resume_unwind(panic)
        }
    }
}

/// Whatever happened, this process no longer has the session open, and its public view
/// is gone.
fn release(files: &mut Files) {
    if let Some(path) = files.published.take()
        && crate::app::live::may_write(&path)
    {
        let _ = std::fs::remove_file(path);
    }
    files.journal = None;
    files.lock = None;
}

/// Ctrl+Z, or SIGTSTP: give the terminal back to the shell, stop, and take it again when
/// continued (`fg`).
fn suspend() {
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
fn repaint() -> io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::terminal::{Clear, ClearType};
    execute!(io::stdout(), Clear(ClearType::All))?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}

fn is_ctrl_z(key: &KeyEvent) -> bool {
    cfg!(unix)
        && key.kind == KeyEventKind::Press
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z' | 'Z'))
}

/// The fewest printable keys, arriving in one read, that are taken as a paste.
const BURST: usize = 3;

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
fn read_terminal(tx: mpsc::Sender<Incoming>) {
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
            Ok(Incoming::Event(Event::Key(key)))
                if key.kind == KeyEventKind::Press
                    && (matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
                        || crate::app::keymap::is_ctrl_c(&key)) =>
            {
                return Ok(());
            }
            Ok(Incoming::Burst(text)) if text.contains('q') => return Ok(()),
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

/// The public view in `path`, if a session that is still running wrote it.
pub fn read_live(path: &Path) -> Option<Live> {
    crate::app::live::read(path)
}

/// After a failure: saves the running session as it stands (the note being typed
/// included), if there is one, and says where.
fn emergency_save(model: &mut Model, files: &mut Files) -> String {
    if !matches!(model.screen, Screen::Run(_)) {
        return String::new();
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
        (Ok(true), Some(path)) => format!(
            " The session was saved in {}; `crit resume` continues it.",
            path.display()
        ),
        (_, Some(path)) => format!(
            " Notes up to the last one entered are in {}.",
            path.display()
        ),
        (_, None) => " The session had not been saved yet.".into(),
    }
}

/// SIGINT, SIGQUIT, SIGTERM and SIGHUP (the terminal window closed) end the session
/// cleanly: saved, the terminal restored, the lock and the live view released. SIGTSTP
/// suspends it properly. (Ctrl+C in the window arrives as a key in raw mode, and asks
/// first.) A signal wakes the loop at once.
#[cfg(unix)]
fn watch_signals(tx: &mpsc::Sender<Incoming>) {
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
fn watch_signals(tx: &mpsc::Sender<Incoming>) {
    let tx = std::sync::Mutex::new(tx.clone());
    let _ = ctrlc::set_handler(move || {
        if let Ok(tx) = tx.lock() {
            let _ = tx.send(Incoming::Signal(Signal::Terminate));
        }
        std::thread::sleep(Duration::from_secs(2));
    });
}

#[cfg(not(any(unix, windows)))]
fn watch_signals(_tx: &mpsc::Sender<Incoming>) {}

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
fn deliver_shared(model: &mut Model, files: &mut Files) -> bool {
    let arrived = finished_syncs();
    let any = !arrived.is_empty();
    for outcome in arrived {
        let effects = update(model, Msg::Shared(outcome), now());
        perform_all(model, files, effects);
    }
    any
}

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
        assert!(matches!(&out[..], [Incoming::Event(_), Incoming::Event(_)]));
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
