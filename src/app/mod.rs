//! The terminal app's core, in The Elm Architecture: one [`Model`], the [`Msg`]s that
//! change it, a pure [`update`] that returns [`Effect`]s for the runtime to carry out.
//!
//! Nothing here reads the clock or touches the disk: the runtime passes the time in and
//! runs the effects, feeding failures back as messages.

pub mod keymap;
mod live;
mod setup;
mod update;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui_textarea::TextArea;

use crate::protocol::Library;
use crate::session::{FitPlan, Now, SavedSession, Session};
pub use live::Live;
pub use setup::{Field, FieldKind, Prefill, Setup, parse_end_time, split_names};
pub use update::{resume_session, start_session, update};

/// Choices that hold for the whole run of the program.
#[derive(Debug, Clone)]
pub struct Settings {
    pub archive_dir: PathBuf,
    /// Where sessions are saved when the archive folder cannot be written.
    pub fallback_dir: PathBuf,
    pub bell: bool,
    /// Show the one-minute warning.
    pub warning: bool,
    pub auto_advance: bool,
    pub color: bool,
    /// The group's name to fill in, from the config file.
    pub default_group: Option<String>,
    /// Names to fill in per role id, from the config file ("Ana, Ben").
    pub default_names: Vec<(String, String)>,
    /// Where the public view of the running session is written for `crit mirror`.
    pub live_file: Option<PathBuf>,
    /// Tags for every session's front matter, from the config file.
    pub tags: Vec<String>,
}

impl Settings {
    /// The defaults (bell and warning on, colour, no auto-advance), saving in
    /// `archive_dir`, or in `fallback_dir` when that cannot be written.
    pub fn new(archive_dir: PathBuf, fallback_dir: PathBuf) -> Settings {
        Settings {
            archive_dir,
            fallback_dir,
            bell: true,
            warning: true,
            auto_advance: false,
            color: true,
            default_group: None,
            default_names: Vec::new(),
            live_file: None,
            tags: Vec::new(),
        }
    }
}

/// Everything the screen shows comes from here.
pub struct Model {
    pub library: Library,
    pub settings: Settings,
    pub screen: Screen,
    /// The time of the message being handled (or last handled).
    pub now: Now,
    /// Leaving setup returns to the picker, unless the session was started from `crit run`.
    pub came_from_picker: bool,
    /// An unfinished session the picker offers to resume: its file and a description.
    pub resume_offer: Option<(PathBuf, String)>,
    /// A message for the picker (a resume that failed, say).
    pub status: Option<String>,
    /// The public view last written for `crit mirror`.
    pub published: Option<Live>,
    /// Start sessions in the projector view (`--projector`).
    pub start_in_projector: bool,
    pub quit: bool,
}

pub enum Screen {
    Picker(Picker),
    Setup(Box<Setup>),
    Run(Box<Run>),
    Summary(Box<Summary>),
}

#[derive(Debug, Default)]
pub struct Picker {
    pub selected: usize,
    pub show_skipped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Timer,
    Note,
    Help,
    ConfirmEnd,
    /// Asking for the time the meeting must end by.
    EndTime,
    /// Showing a plan fitted to the end time; `y` applies it.
    Fit,
    /// Recording the focusing question as the presenter restates it.
    Restate,
}

pub struct Run {
    pub session: Session,
    pub mode: Mode,
    pub note: TextArea<'static>,
    /// Index into the current step's note kinds.
    pub note_kind: usize,
    /// Where the session is saved, and what went wrong saving it.
    pub saving: Saving,
    /// A one-off message, cleared by the next key.
    pub flash: Option<String>,
    pub projector: bool,
    /// Where to save if the archive file cannot be written.
    pub fallback_dir: PathBuf,
    /// The box for the restated question (`r`).
    pub restate_input: TextArea<'static>,
    /// The end-time box (for `f` when no end time is set).
    pub end_input: TextArea<'static>,
    /// The plan `f` proposes (and the step it starts from), shown until `y` applies it or
    /// `n` drops it.
    pub fit: Option<(usize, FitPlan)>,
    /// When the session was last written down.
    pub last_save: Option<std::time::Instant>,
    /// The archive folder, to create the file again if the first try failed.
    pub archive_dir: PathBuf,
}

/// Where a session is saved, and what went wrong saving it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Saving {
    /// The archive file, once it exists.
    pub path: Option<PathBuf>,
    /// Why the file is not where the user asked, or not saved at all.
    pub problem: Option<String>,
    /// The last save failed everywhere: the notes exist only on screen.
    pub unsaved: bool,
}

pub struct Summary {
    pub session: Session,
    pub saving: Saving,
    /// The first step shown in the timing table (it scrolls with ↑/↓).
    pub scroll: usize,
    /// `q` was pressed once while the notes are saved nowhere.
    pub quit_warned: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(ratatui::crossterm::event::KeyEvent),
    Paste(String),
    /// Time passed; nothing else happened.
    Tick,
    /// The terminal changed size: everything is drawn again.
    Resize,
    /// The session's file was created (in the fallback folder if `problem` is set).
    ArchiveOpened {
        path: PathBuf,
        problem: Option<String>,
    },
    /// Neither the archive folder nor the fallback could be written.
    ArchiveFailed(String),
    /// A save failed; `moved_to` is where the runtime saved it instead, if anywhere.
    SaveFailed {
        problem: String,
        moved_to: Option<PathBuf>,
    },
    /// A save worked (clears an earlier save problem).
    Saved(PathBuf),
    /// The saved state of an unfinished session was read (for `r` in the picker).
    ResumeLoaded {
        path: PathBuf,
        saved: Result<Box<SavedSession>, String>,
    },
    /// The terminal is going away (SIGTERM, SIGHUP): save everything and stop.
    Terminate,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Create a new file for the session in `dir` (or the fallback) and write `contents`,
    /// with the resumable `state` beside it.
    OpenArchive {
        dir: PathBuf,
        fallback: PathBuf,
        name: String,
        contents: String,
        state: Option<String>,
    },
    /// Atomically replace the session's file and its state (`None` once the session is
    /// over: the state file is removed).
    Save {
        path: PathBuf,
        fallback: PathBuf,
        contents: String,
        state: Option<String>,
    },
    /// Read the saved state of the session at `path`.
    LoadResume(PathBuf),
    /// Write the public view of the session for `crit mirror`.
    Publish {
        path: PathBuf,
        live: Box<Live>,
    },
    /// The session is over: remove the public view.
    Unpublish(PathBuf),
    Bell,
    Quit,
}

impl Model {
    pub fn new(library: Library, settings: Settings, now: Now) -> Model {
        Model {
            library,
            settings,
            screen: Screen::Picker(Picker::default()),
            now,
            came_from_picker: true,
            resume_offer: None,
            status: None,
            published: None,
            start_in_projector: false,
            quit: false,
        }
    }

    /// Everything on screen that changes with time alone (countdown, session clock, time
    /// of day, projected end). When a tick leaves it as it was, nothing needs drawing.
    pub fn clock_face(&self) -> Option<[i64; 5]> {
        let Screen::Run(run) = &self.screen else {
            return None;
        };
        let s = &run.session;
        let c = s.countdown(self.now.at);
        Some([
            c.shown_secs() as i64,
            i64::from(c.is_over()),
            s.total_actual_secs(self.now.at) as i64,
            self.now.wall.timestamp() / 60,
            s.projected_end(self.now).timestamp() / 60,
        ])
    }

    /// How long the runtime may sleep before the screen would change on its own.
    pub fn next_wake(&self, now: Instant) -> Option<Duration> {
        let Screen::Run(run) = &self.screen else {
            return None;
        };
        if run.session.is_paused() {
            // Only the wall clock and projected end move; they show whole minutes.
            let secs_into_minute = u64::from(chrono::Timelike::second(&self.now.wall));
            return Some(Duration::from_secs(60 - secs_into_minute.min(59)));
        }
        Some(run.session.countdown(now).until_next_change())
    }
}

impl Run {
    pub fn new(session: Session, archive_dir: PathBuf, fallback_dir: PathBuf) -> Run {
        Run {
            session,
            mode: Mode::Timer,
            note: new_note_box(),
            note_kind: 0,
            saving: Saving::default(),
            flash: None,
            projector: false,
            fallback_dir,
            end_input: TextArea::default(),
            restate_input: TextArea::default(),
            fit: None,
            last_save: None,
            archive_dir,
        }
    }

    /// The kind a note typed now would get.
    pub fn current_kind(&self) -> &str {
        let kinds = &self.session.step().note_kinds;
        kinds
            .get(self.note_kind)
            .or(kinds.first())
            .map(String::as_str)
            .unwrap_or("note")
    }
}

pub fn new_note_box() -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    t.set_placeholder_text("Type a note. Enter saves it, Alt+Enter adds a line.");
    t
}
