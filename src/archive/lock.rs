//! One session, one crit, and the kernel decides: a running crit holds an OS file lock
//! on a small file beside the session's markdown (`.NAME.md.lock`) for the session's
//! whole life. The kernel lets go of it when the process ends, however it ends (a crash,
//! `kill -9`, a power cut), so a lock can never outlive its crit, and two crits can never
//! hold one session. The lock file's contents mean nothing; only the lock on it counts.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use crate::words::archive as words;

/// The session at a path, held by this process until dropped.
#[derive(Debug)]
pub struct SessionLock {
    /// Kept open: closing it is what gives the session back.
    _file: File,
    md: PathBuf,
}

impl SessionLock {
    /// The session's markdown file.
    pub fn session(&self) -> &Path {
        &self.md
    }
}

impl Drop for SessionLock {
    /// The lock file goes while it is still locked. A crit that opened it a moment before
    /// and gets the lock after us sees that the file it locked is no longer the one at
    /// the path (`same_file`) and locks the new one instead, so two can never both hold it.
    fn drop(&mut self) {
        let path = lock_path(&self.md);
        if same_file(&self._file, &path) {
            let _ = fs::remove_file(path);
        }
    }
}

/// Why the session could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another running crit has it.
    Held,
    /// The lock file could not be opened: a symlink in its place, or the folder refused.
    Unavailable(io::Error),
}

impl LockError {
    pub fn describe(&self, md: &Path) -> String {
        match self {
            LockError::Held => words::open_elsewhere(&md.display().to_string()),
            LockError::Unavailable(e) => {
                words::cannot_lock(&lock_path(md).display().to_string(), e)
            }
        }
    }
}

pub fn lock_path(md: &Path) -> PathBuf {
    let name = md
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    md.with_file_name(format!(".{name}.lock"))
}

/// Takes the session at `md` for this process. The caller has checked that `md` is a crit
/// session (a file crit made, or one with crit's state beside it): nothing is created
/// beside a file that is not.
pub fn acquire(md: &Path) -> Result<SessionLock, LockError> {
    let path = lock_path(md);
    // A crit checking whether the session is free holds a shared lock for an instant; try
    // again a few times before saying another crit has it.
    let mut tries = 0;
    loop {
        let file = open_lock(&path, true).map_err(LockError::Unavailable)?;
        match file.try_lock() {
            Ok(()) if same_file(&file, &path) => {
                return Ok(SessionLock {
                    _file: file,
                    md: md.to_path_buf(),
                });
            }
            // The lock file was replaced while we opened it: lock the new one.
            Ok(()) => {}
            Err(TryLockError::WouldBlock) if tries >= 3 => return Err(LockError::Held),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(LockError::Unavailable(e)),
        }
        tries += 1;
        if tries > 5 {
            return Err(LockError::Held);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Whether another running crit holds the session at `md`. Creates nothing: a session
/// without a lock file is held by nobody.
pub fn held_elsewhere(md: &Path) -> bool {
    let Ok(file) = open_lock(&lock_path(md), false) else {
        return false;
    };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(TryLockError::WouldBlock) => true,
        Err(TryLockError::Error(_)) => false,
    }
}

/// Opens the lock file without ever following a symlink in its place.
#[cfg(unix)]
fn open_lock(path: &Path, create: bool) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(create)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_lock(path: &Path, create: bool) -> io::Result<File> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other(words::LOCK_IS_A_LINK));
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(create)
        .open(path)
}

/// Whether `file` is still what `path` names (it was not removed and made again).
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_the_lock_dies_with_its_handle() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("s.md");
        fs::write(&md, "").unwrap();
        assert!(!held_elsewhere(&md));
        assert!(!lock_path(&md).exists(), "asking creates nothing");
        let held = acquire(&md).unwrap();
        assert!(held_elsewhere(&md));
        assert!(matches!(acquire(&md), Err(LockError::Held)));
        drop(held);
        assert!(!held_elsewhere(&md));
        assert!(!lock_path(&md).exists(), "given back, the lock file goes");
        let again = acquire(&md).unwrap();
        drop(again);
        assert!(!lock_path(&md).exists());
    }

    #[test]
    fn a_stale_pid_in_the_lock_file_means_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("s.md");
        fs::write(&md, "").unwrap();
        // PID 1 is always alive: the old pid lock would have refused.
        fs::write(lock_path(&md), "1").unwrap();
        assert!(!held_elsewhere(&md));
        assert!(acquire(&md).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_place_of_the_lock_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("s.md");
        let target = dir.path().join("precious.txt");
        fs::write(&md, "").unwrap();
        fs::write(&target, "keep me").unwrap();
        std::os::unix::fs::symlink(&target, lock_path(&md)).unwrap();
        assert!(matches!(acquire(&md), Err(LockError::Unavailable(_))));
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
    }
}
