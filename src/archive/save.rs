//! Writing archive files so a crash or power cut leaves the old or the new file whole:
//! write a temporary file in the same folder, sync it, rename it over the target, sync
//! the folder.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces `path` with `contents` atomically. The temporary file has a name no other
/// writer uses (this process's id and a counter, created only if new), so two processes
/// saving at once cannot half-write each other's file.
pub fn save_atomic(path: &Path, contents: &str) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Creates a new file for a session in `dir` (creating the folder if needed) holding
/// `contents`, synced to disk. If `name` is taken, `-2`, `-3`... is added before `.md`, so
/// two sessions started in the same minute get two files. A file that cannot be written
/// whole (a full disk) is removed again: a failed attempt leaves nothing behind.
pub fn create_unique(dir: &Path, name: &str, contents: &str) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    // In a shared archive the name also carries this clone's id (unique across machines).
    let name = &super::share::unique_name(dir, name);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    for n in 1..1000 {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}.md"))
        };
        let mut file = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = file
            .write_all(contents.as_bytes())
            .and_then(|_| file.sync_all());
        if let Err(e) = written {
            drop(file);
            let _ = fs::remove_file(&candidate);
            return Err(e);
        }
        sync_dir(dir);
        return Ok(candidate);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        crate::words::archive::TOO_MANY_WITH_THIS_NAME,
    ))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Makes the rename itself durable. A failure here leaves a complete file in place,
    // so it is not worth reporting.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

/// Where the resumable state of the session saved at `md` is kept: a hidden file beside
/// it (`.2026-11-23-1405-tuning.md.state.json`).
pub fn state_path(md: &Path) -> PathBuf {
    let name = md
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    md.with_file_name(format!(".{name}.state.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_replace_the_whole_file_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.md");
        save_atomic(&path, "first").unwrap();
        save_atomic(&path, "second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s.md")]);
    }

    #[test]
    fn same_minute_sessions_get_their_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = create_unique(&dir.path().join("new"), "x.md", "a").unwrap();
        let b = create_unique(&dir.path().join("new"), "x.md", "b").unwrap();
        assert_ne!(a, b);
        assert!(b.ends_with("x-2.md"));
        assert_eq!(fs::read_to_string(b).unwrap(), "b");
    }
}
