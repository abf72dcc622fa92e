//! The public view of a running session: what the room may see (step, countdown, whose
//! turn, who speaks, who is silent, the focusing question) and never the notes.
//!
//! The projector view draws it, and the running session writes it to a small JSON file
//! whenever it changes, so `crit mirror` in another terminal can draw the same view. The
//! file carries the countdown as of the moment it was written and whether the clock was
//! running; the mirror works out the rest from its own clock, so the file only changes
//! when something a person did changes it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::session::{Countdown, Now, Session};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Live {
    /// The process running the session (set by the runtime when it writes the file).
    pub pid: u32,
    /// The session's file: the mirror asks its lock whether the session still runs.
    #[serde(default)]
    pub session: Option<PathBuf>,
    pub protocol: String,
    pub group: String,
    /// 1-based.
    pub step: usize,
    pub steps: usize,
    /// With its round: "Round 2 of 5 — Ana presents: Responses".
    pub step_name: String,
    pub turn: Option<String>,
    pub next_turn: Option<String>,
    /// "Pat (Presenter)"
    pub speak: Vec<String>,
    /// "Ana, Ben (Participants)", or "Everyone".
    pub silent: Vec<String>,
    pub allowance_ms: i64,
    /// Left when written; negative when over time.
    pub remaining_ms: i64,
    pub paused: bool,
    pub written_at: DateTime<FixedOffset>,
    /// The focusing question, as restated once that is recorded; `None` without one.
    #[serde(default)]
    pub question: Option<String>,
}

impl Live {
    pub fn from_session(s: &Session, now: Now) -> Live {
        let step = s.step();
        let c = s.countdown(now.at);
        Live {
            pid: 0,
            session: None,
            protocol: s.protocol.name.clone(),
            group: s.roster.group.clone(),
            step: s.current() + 1,
            steps: s.plan.len(),
            step_name: step.full_name(),
            turn: s.turn().map(|(_, n)| n.to_string()),
            next_turn: s.next_in_turn().map(String::from),
            speak: step.speakers.iter().map(|p| p.describe()).collect(),
            silent: step.silent.iter().map(|p| p.describe()).collect(),
            allowance_ms: c.allowance_ms,
            remaining_ms: c.remaining_ms,
            paused: s.is_paused(),
            written_at: now.wall,
            question: s
                .roster
                .restated
                .clone()
                .or_else(|| Some(s.roster.question.clone()))
                .filter(|q| !q.trim().is_empty()),
        }
    }

    /// The countdown at `wall`, worked out from when the view was taken.
    pub fn countdown_at(&self, wall: DateTime<FixedOffset>) -> Countdown {
        let passed = if self.paused {
            0
        } else {
            (wall - self.written_at).num_milliseconds().max(0)
        };
        let remaining_ms = self.remaining_ms - passed;
        Countdown {
            remaining_ms,
            allowance_ms: self.allowance_ms,
            elapsed_ms: self.allowance_ms - remaining_ms,
        }
    }

    /// Everything but the clock: when this changes, the file must be written again.
    pub fn same_state(&self, other: &Live) -> bool {
        let strip = |l: &Live| Live {
            remaining_ms: 0,
            written_at: DateTime::default(),
            pid: 0,
            ..l.clone()
        };
        strip(self) == strip(other)
    }
}

/// A live file is small: anything larger is not one.
const MAX_LIVE: u64 = 64 * 1024;

/// Reads the public view in `path`, if it is a live file crit wrote and its session still
/// runs. A FIFO, a device, a huge file or anything else is not read (nothing blocks).
pub fn read(path: &Path) -> Option<Live> {
    let live = parse(path)?;
    let running = match &live.session {
        Some(md) => crate::archive::held_elsewhere(md),
        // A session that could not be saved anywhere has no lock to ask.
        None => true,
    };
    running.then_some(live)
}

fn parse(path: &Path) -> Option<Live> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_LIVE {
        return None;
    }
    let mut text = String::new();
    open_nonblocking(path)
        .ok()?
        .take(MAX_LIVE)
        .read_to_string(&mut text)
        .ok()?;
    serde_json::from_str(&text).ok()
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Whether crit may write (or remove) a live file at `path`: nothing is there, or a live
/// file crit wrote is. Any other file is never touched.
pub fn may_write(path: &Path) -> bool {
    match fs::symlink_metadata(path) {
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        Ok(meta) => meta.file_type().is_file() && parse(path).is_some(),
    }
}

/// Where `crit mirror` looks: one file named by `CRIT_LIVE`, or the folder where each
/// running session writes its own.
#[derive(Debug, Clone)]
pub enum LiveSource {
    File(PathBuf),
    Folder(PathBuf),
}

impl LiveSource {
    /// The view of the running session, the most recently changed if several run.
    pub fn read(&self) -> Option<Live> {
        match self {
            LiveSource::File(path) => read(path),
            LiveSource::Folder(dir) => fs::read_dir(dir)
                .ok()?
                .flatten()
                .map(|e| e.path())
                .filter(|p| is_live_name(p))
                .filter_map(|p| read(&p))
                .max_by_key(|l| l.written_at),
        }
    }
}

/// The file a session run by process `pid` writes in the live folder.
pub fn file_in(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!("live-{pid}.json"))
}

fn is_live_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("live-") && n.ends_with(".json"))
}
