//! What `crit resume` needs, kept beside a running session's markdown in two hidden files:
//!
//! - `.NAME.md.state.json`: the whole session, written when the file is created and again
//!   when the session is resumed (or after a failed write), each time with a new journal id;
//! - `.NAME.md.journal`: one JSON line per change since then, appended and flushed as it
//!   happens: notes (only the ones that changed), where the session stands after a key,
//!   the step's clock every second, the note being typed, and what the markdown file
//!   looked like after crit last wrote it.
//!
//! Saving a note appends one line, whatever the number of notes. A line cut short by a
//! kill is ignored; a journal whose first line names another state than the state file
//! is older than that state, which already holds everything it said.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::save::{save_atomic, state_path};
use crate::session::{Note, Position, SavedSession};
use crate::words::archive as words;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "lowercase")]
pub enum Entry {
    /// The first line: the state file this journal continues.
    Start { id: String },
    /// Notes from index `from` on, as they now are (those before it are unchanged).
    Notes { from: usize, notes: Vec<Note> },
    /// Where the session stands (after a key that changed it).
    Pos(Box<Position>),
    /// The running step's elapsed time, in milliseconds, at wall time `w`.
    Tick { e: u64, w: DateTime<FixedOffset> },
    /// The note being typed (empty once it was saved or cleared).
    Draft { kind: String, text: String },
    /// The markdown file as crit last wrote it: its length and modification time.
    Md { len: u64, mtime_ms: u64 },
}

impl Entry {
    /// Whether losing this line to a power cut would lose something a person did (a note,
    /// a step change), rather than a second of the clock.
    fn matters(&self) -> bool {
        matches!(self, Entry::Notes { .. } | Entry::Pos(_))
    }
}

pub fn journal_path(md: &Path) -> PathBuf {
    let name = md
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    md.with_file_name(format!(".{name}.journal"))
}

/// Whether `md` is a session crit can resume: a plain file with crit's state beside it.
/// Nothing is ever created or removed beside a file that is not.
pub fn is_session(md: &Path) -> bool {
    let plain = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file());
    plain(md) && plain(&state_path(md))
}

/// The journal of the session being written: appends go to the end of the file.
#[derive(Debug)]
pub struct Journal {
    file: File,
    md: PathBuf,
}

impl Journal {
    /// Writes the whole session as the new starting point and opens a fresh journal after
    /// it. The state is written first: if crit dies between the two, the old journal names
    /// an older state and is ignored, and the new state has everything.
    pub fn begin(md: &Path, snapshot: &SavedSession) -> io::Result<Journal> {
        let id = new_id();
        let mut state = snapshot.clone();
        state.journal = Some(id.clone());
        let json = serde_json::to_string(&state).map_err(io::Error::other)?;
        save_atomic(&state_path(md), &json)?;
        let path = journal_path(md);
        save_atomic(&path, &line(&Entry::Start { id })?)?;
        let file = OpenOptions::new().append(true).open(&path)?;
        Ok(Journal {
            file,
            md: md.to_path_buf(),
        })
    }

    /// Appends `entries` in one write; notes and step changes are also synced to disk.
    pub fn append(&mut self, entries: &[Entry]) -> io::Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut buf = String::new();
        for e in entries {
            buf.push_str(&line(e)?);
        }
        self.file.write_all(buf.as_bytes())?;
        if entries.iter().any(Entry::matters) {
            self.file.sync_data()?;
        }
        Ok(())
    }

    /// Notes what the markdown file looks like now that crit wrote it, so a hand edit made
    /// while the session was interrupted can be told from crit's own last write.
    pub fn mark_markdown(&mut self) -> io::Result<()> {
        let (len, mtime_ms) = file_stamp(&self.md)?;
        self.append(&[Entry::Md { len, mtime_ms }])
    }

    pub fn session(&self) -> &Path {
        &self.md
    }
}

/// The session is over: its state and journal go (the markdown has everything).
pub fn remove(md: &Path) -> io::Result<()> {
    for path in [state_path(md), journal_path(md)] {
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

fn line(e: &Entry) -> io::Result<String> {
    let mut s = serde_json::to_string(e).map_err(io::Error::other)?;
    s.push('\n');
    Ok(s)
}

/// An id no other state of this or another session shares.
fn new_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{}-{nanos}", std::process::id())
}

fn file_stamp(path: &Path) -> io::Result<(u64, u64)> {
    let meta = fs::metadata(path)?;
    let mtime = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or_default();
    Ok((meta.len(), mtime))
}

/// A session read back for `crit resume`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resumed {
    pub saved: SavedSession,
    /// The note that was being typed, with its kind.
    pub draft: Option<(String, String)>,
    /// The last moment the session is known to have been running.
    pub last_seen: DateTime<FixedOffset>,
    /// The markdown had been edited by hand since crit last wrote it: the edited file was
    /// kept under this name before the session writes its own again.
    pub hand_edits: Option<PathBuf>,
}

/// The largest state file crit reads (a session of 10,000 notes is under 2 MB).
const MAX_STATE: u64 = 256 * 1024 * 1024;

/// Reads the session saved at `md`: its state, brought up to date by its journal.
pub fn load(md: &Path) -> Result<Resumed, String> {
    if !fs::symlink_metadata(md).is_ok_and(|m| m.file_type().is_file()) {
        return Err(words::no_session_file(&md.display().to_string()));
    }
    let state = state_path(md);
    let meta = fs::symlink_metadata(&state).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound if is_finished(md) => {
            words::finished_nothing_to_resume(&md.display().to_string())
        }
        io::ErrorKind::NotFound => words::state_missing(&md.display().to_string()),
        _ => words::cannot_read_path(&state.display().to_string(), &e),
    })?;
    if !meta.file_type().is_file() || meta.len() > MAX_STATE {
        return Err(words::not_a_state_file(&state.display().to_string()));
    }
    let text = fs::read_to_string(&state)
        .map_err(|e| words::cannot_read_path(&state.display().to_string(), &e))?;
    let saved: SavedSession = serde_json::from_str(&text)
        .map_err(|e| words::damaged(&state.display().to_string(), &e))?;
    let mut resumed = Resumed {
        last_seen: saved.position.saved_at,
        saved,
        draft: None,
        hand_edits: None,
    };
    let mut md_stamp = None;
    if let Some(id) = resumed.saved.journal.clone() {
        md_stamp = replay(md, &id, &mut resumed)?;
    }
    let edited = match md_stamp {
        Some(stamp) => file_stamp(md).is_ok_and(|now| now != stamp),
        // No record of crit's last write (it failed to note it): the markdown is taken as
        // edited if it changed after everything crit wrote beside it.
        None => newer_than_crit_files(md),
    };
    if edited {
        resumed.hand_edits = Some(keep_hand_edits(md)?);
    }
    Ok(resumed)
}

/// Applies the journal's lines to the state it continues; returns the markdown's stamp
/// as crit last wrote it, if the journal recorded one.
fn replay(md: &Path, id: &str, r: &mut Resumed) -> Result<Option<(u64, u64)>, String> {
    let path = journal_path(md);
    // Only a plain file of a sensible size is read: a link, a FIFO or a device in its
    // place is refused before it is opened (a FIFO would block, /dev/zero never end).
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(words::cannot_read_path(&path.display().to_string(), &e)),
        Ok(meta) if !meta.file_type().is_file() || meta.len() > MAX_STATE => {
            return Err(words::not_a_journal(&path.display().to_string()));
        }
        Ok(_) => {}
    }
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(words::cannot_read_path(&path.display().to_string(), &e)),
    };
    let mut lines = BufReader::new(file).lines();
    let first = lines.next().and_then(Result::ok);
    let starts_here = first
        .and_then(|l| serde_json::from_str::<Entry>(&l).ok())
        .is_some_and(|e| e == Entry::Start { id: id.to_string() });
    if !starts_here {
        return Ok(None);
    }
    let mut stamp = None;
    for line in lines {
        // A line cut short by a kill (always the last) is skipped.
        let Ok(line) = line else { break };
        let Ok(entry) = serde_json::from_str::<Entry>(&line) else {
            continue;
        };
        apply(r, entry, &mut stamp);
    }
    Ok(stamp)
}

fn apply(r: &mut Resumed, entry: Entry, stamp: &mut Option<(u64, u64)>) {
    let saved = &mut r.saved;
    match entry {
        Entry::Start { .. } => {}
        Entry::Notes { from, notes } => {
            saved.notes.truncate(from);
            saved.notes.extend(notes);
        }
        Entry::Pos(p) => {
            r.last_seen = p.saved_at;
            saved.position = *p;
        }
        Entry::Tick { e, w } => {
            let current = saved.position.current;
            if let Some(rec) = saved.position.records.get_mut(current) {
                rec.elapsed = Duration::from_millis(e);
            }
            saved.position.saved_at = w;
            r.last_seen = w;
        }
        Entry::Draft { kind, text } => {
            r.draft = (!text.is_empty()).then_some((kind, text));
        }
        Entry::Md { len, mtime_ms } => *stamp = Some((len, mtime_ms)),
    }
}

/// Whether `md` was modified after crit last wrote its state and journal (with a second's
/// grace: crit writes the markdown just after them).
fn newer_than_crit_files(md: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(written) = modified(md) else {
        return false;
    };
    let crit = [modified(&state_path(md)), modified(&journal_path(md))]
        .into_iter()
        .flatten()
        .max();
    crit.is_some_and(|c| written > c + Duration::from_secs(1))
}

/// Copies a hand-edited markdown file to a name of its own (`NAME.edited-1405.md`), so
/// the session's next save cannot overwrite what someone typed there.
fn keep_hand_edits(md: &Path) -> Result<PathBuf, String> {
    let stem = md
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let when = chrono::Local::now().format("%H%M%S");
    let dir = md.parent().unwrap_or(Path::new("."));
    for n in 1..100 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let copy = dir.join(format!("{stem}.edited-{when}{suffix}.md"));
        let created = OpenOptions::new().write(true).create_new(true).open(&copy);
        match created {
            Ok(mut f) => {
                let text = fs::read(md)
                    .map_err(|e| words::cannot_read_path(&md.display().to_string(), &e))?;
                let written = f.write_all(&text).and_then(|_| f.sync_all());
                if let Err(e) = written {
                    let _ = fs::remove_file(&copy);
                    return Err(words::cannot_keep_hand_edits(&md.display().to_string(), &e));
                }
                return Ok(copy);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(words::cannot_keep_hand_edits(&md.display().to_string(), &e));
            }
        }
    }
    Err(words::edited_by_hand(&md.display().to_string()))
}

/// Whether the front matter of `md` says the session ended.
fn is_finished(md: &Path) -> bool {
    let entry = super::entry(md).ok().flatten();
    entry.is_some_and(|e| matches!(e.status.as_str(), "complete" | "abandoned"))
}

/// Unfinished sessions in `dirs` (the archive, then the rescue folder), the most recently
/// active first. Only folder listings and file times are read.
pub fn unfinished(dirs: &[&Path]) -> Vec<PathBuf> {
    let mut found: Vec<(SystemTime, PathBuf)> = Vec::new();
    for dir in dirs {
        let Ok(items) = fs::read_dir(dir) else {
            continue;
        };
        for item in items.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            let Some(md) = name
                .strip_prefix('.')
                .and_then(|n| n.strip_suffix(".state.json"))
            else {
                continue;
            };
            let md_path = dir.join(md);
            if !is_session(&md_path) {
                continue;
            }
            let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
            let when = [modified(&item.path()), modified(&journal_path(&md_path))]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(UNIX_EPOCH);
            found.push((when, md_path));
        }
    }
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, p)| p).collect()
}
