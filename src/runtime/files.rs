//! What the running session holds on disk, and how each effect is carried out: the
//! session's file created and saved, its lock held, its journal appended to, the private
//! notes and take-away written beside it, its public view published, a finished session
//! shared on git.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::app::{Effect, IoFailure, Msg, Record, SaveProblem, TakeawayProblem};
use crate::archive::{self, Journal, Resumed, SessionLock};
use crate::words::screen as w;

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
            // `load` says why (missing, finished, not crit's); the rest is a plain refusal.
            let why = archive::journal::load(md).err();
            return Err(why.unwrap_or_else(|| w::not_resumable(md)));
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
            Err(e) => SaveProblem::Folder {
                dir: dir.to_path_buf(),
                error: IoFailure::from(&e),
            },
        };
        match self.create(fallback, name, contents, record) {
            Ok(path) => Msg::ArchiveOpened {
                problem: Some(problem),
                path,
            },
            Err(e2) => Msg::ArchiveFailed {
                archive: problem,
                fallback: fallback.to_path_buf(),
                error: IoFailure::from(&e2),
            },
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
                .ok_or_else(|| io::Error::other(w::NO_STATE_FOR_JOURNAL))
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
                    _ => return Err(io::Error::other(w::JOURNAL_NOT_OPEN)),
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
                // Dropping the lock gives the session back and removes its lock file.
                self.lock = None;
                Ok(())
            }
        }
    }

    fn save(&mut self, path: &Path, fallback: &Path, contents: &str, record: &Record) -> Msg {
        let Err(e) = self.write(path, contents, record) else {
            return Msg::Saved(path.to_path_buf());
        };
        let problem = SaveProblem::File {
            path: path.to_path_buf(),
            error: IoFailure::from(&e),
        };
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
            self.lock = None;
            self.journal = None;
        }
        Msg::SaveFailed { problem, moved_to }
    }

    /// Whatever happened, this process no longer has the session open, and its public view
    /// is gone.
    pub(super) fn release(&mut self) {
        if let Some(path) = self.published.take()
            && crate::app::live::may_write(&path)
        {
            let _ = std::fs::remove_file(path);
        }
        self.journal = None;
        self.lock = None;
    }

    /// The session's file, while one is open.
    pub(super) fn session(&self) -> Option<&Path> {
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
    let problem = SaveProblem::Private {
        path: beside,
        error: IoFailure::from(&e),
    };
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
    let page = archive::read::read(session)
        .map_err(TakeawayProblem::Unreadable)
        .and_then(|file| {
            let file = file.ok_or(TakeawayProblem::NotASession)?;
            archive::takeaway::render(&file, Some(reflection), None)
                .map_err(TakeawayProblem::Unreadable)
        });
    let target = archive::beside::takeaway_path(session);
    let result = page.and_then(|page| {
        archive::save_atomic(&target, &page).map_err(|e| TakeawayProblem::Write {
            path: target.clone(),
            error: IoFailure::from(&e),
        })
    });
    if result.is_ok() {
        // Shared archives commit the files written beside a finished session.
        let _ = archive::share::after_finish(session);
    }
    Msg::TakeawayWritten(result.map(|()| target))
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
        // The screen adds that a sync is under way.
        return Some(Msg::Shared(archive::share::Outcome {
            syncing: true,
            ..committed
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
