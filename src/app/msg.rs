//! What reaches the model ([`Msg`]: keys, time, and how each effect went, as data) and
//! what it asks of the runtime ([`Effect`]).

use std::path::PathBuf;

use super::Live;
use crate::archive::Resumed;
use crate::archive::journal::Entry;
use crate::session::SavedSession;
use crate::words::screen as w;

/// What `crit resume` must keep of a running session, carried by a save.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// The session runs on: write the whole of it (`snapshot`) or append `entries`.
    Running {
        snapshot: Option<Box<SavedSession>>,
        entries: Vec<Entry>,
    },
    /// The session is over: the markdown has everything, and nothing is left to resume.
    Finished,
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
    /// A [`SaveProblem::Folder`] says the archive folder refused it; a
    /// [`SaveProblem::Private`] that the private notes beside it could not be written.
    ArchiveOpened {
        path: PathBuf,
        problem: Option<SaveProblem>,
    },
    /// Neither the archive folder (`archive` says why) nor the `fallback` folder (`error`)
    /// could take the session's file.
    ArchiveFailed {
        archive: SaveProblem,
        fallback: PathBuf,
        error: IoFailure,
    },
    /// A save failed; `moved_to` is where the runtime saved it instead, if anywhere.
    SaveFailed {
        problem: SaveProblem,
        moved_to: Option<PathBuf>,
    },
    /// A save worked (clears an earlier save problem).
    Saved(PathBuf),
    /// The saved state of an unfinished session was read (for `r` in the picker).
    ResumeLoaded {
        path: PathBuf,
        saved: Result<Box<Resumed>, String>,
    },
    /// Writing to the journal failed: the next save writes the whole session again.
    JournalFailed,
    /// The terminal is going away (SIGTERM, SIGHUP): save everything and stop.
    Terminate,
    /// What committing (and syncing) the finished session in a shared archive did.
    Shared(crate::archive::share::Outcome),
    /// The take-away was written (its path), or why not.
    TakeawayWritten(Result<PathBuf, TakeawayProblem>),
    /// The open next steps from the presenter's earlier sessions with the group.
    Earlier(Vec<crate::session::EarlierStep>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Create a new file for the session in `dir` (or the fallback) and write `contents`,
    /// with what resuming needs beside it.
    OpenArchive {
        dir: PathBuf,
        fallback: PathBuf,
        name: String,
        contents: String,
        /// The private notes file, written beside it (`None`: no private notes).
        private: Option<String>,
        record: Record,
    },
    /// Atomically replace the session's file, and bring what resuming needs up to date
    /// (once the session is over, that is removed).
    Save {
        path: PathBuf,
        fallback: PathBuf,
        contents: String,
        /// The private notes file, written beside it (`None`: no private notes).
        private: Option<String>,
        record: Record,
    },
    /// Append to the running session's journal (the clock, the note being typed).
    Journal(Vec<Entry>),
    /// Read the saved state of the session at `path`.
    LoadResume(PathBuf),
    /// Write the public view of the session for `crit mirror`.
    Publish {
        path: PathBuf,
        live: Box<Live>,
    },
    /// The session is over: remove the public view.
    Unpublish(PathBuf),
    /// The finished session at `path` is saved (sent after its last save succeeded):
    /// commit it if the archive is shared, then sync in the background if `sync` is on.
    Share {
        path: PathBuf,
        sync: bool,
    },
    /// Write the presenter's take-away beside the finished session at `session`
    /// (`reflection`: the steps where the presenter responds), and commit it if the
    /// archive is shared.
    Takeaway {
        session: PathBuf,
        reflection: Vec<String>,
    },
    /// Find the open next steps of `presenters` from earlier sessions of `group` in `dir`.
    LoadEarlier {
        dir: PathBuf,
        group: String,
        presenters: Vec<String>,
    },
    Bell,
}

/// A failed read or write as data: what kind of failure, and the system's own text for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoFailure {
    pub kind: std::io::ErrorKind,
    pub text: String,
}

impl From<&std::io::Error> for IoFailure {
    fn from(e: &std::io::Error) -> IoFailure {
        IoFailure {
            kind: e.kind(),
            text: e.to_string(),
        }
    }
}

/// What went wrong saving, as data: where it happened and why. The app words it
/// (`words::screen`), the runtime only reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveProblem {
    /// No new file could be made in this folder.
    Folder { dir: PathBuf, error: IoFailure },
    /// The session's file could not be written.
    File { path: PathBuf, error: IoFailure },
    /// The private notes beside the session's file could not be written.
    Private { path: PathBuf, error: IoFailure },
}

impl SaveProblem {
    /// The problem in a person's words (from `words::screen`).
    pub fn describe(&self) -> String {
        match self {
            SaveProblem::Folder { dir, error } => w::cannot_save_in(dir, &error.text),
            SaveProblem::File { path, error } => w::cannot_save(path, &error.text),
            SaveProblem::Private { path, error } => w::cannot_save_private(path, &error.text),
        }
    }
}

/// Why the take-away could not be written, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakeawayProblem {
    /// The session's file no longer reads as a crit session.
    NotASession,
    /// The session's file could not be read or rendered (the archive's reason).
    Unreadable(String),
    /// The take-away file could not be written.
    Write { path: PathBuf, error: IoFailure },
}

impl TakeawayProblem {
    /// The problem in a person's words (from `words::screen`).
    pub fn describe(&self) -> String {
        match self {
            TakeawayProblem::NotASession => w::NOT_A_SESSION_ANY_MORE.to_string(),
            TakeawayProblem::Unreadable(why) => why.clone(),
            TakeawayProblem::Write { path, error } => w::cannot_write(path, &error.text),
        }
    }
}
