//! One session, one crit: a small lock file beside a running session's markdown names the
//! process that has it open, so a second crit (resuming it from another terminal, say)
//! refuses instead of both writing the same file.

use std::fs;
use std::path::{Path, PathBuf};

fn lock_path(md: &Path) -> PathBuf {
    let name = md
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    md.with_file_name(format!(".{name}.lock"))
}

/// Takes the session at `md` for this process. Fails if another running crit has it; a
/// lock left by a process that has ended is taken over.
pub fn claim(md: &Path) -> Result<(), String> {
    let path = lock_path(md);
    let me = std::process::id();
    if let Some(pid) = holder(md)
        && pid != me
        && process_alive(pid)
    {
        return Err(format!(
            "{} is open in another crit (process {pid}); finish it there, or close that crit first",
            md.display()
        ));
    }
    // The lock only guards against a second crit: if it cannot be written, carry on.
    let _ = fs::write(&path, me.to_string());
    Ok(())
}

/// Whether another running crit has the session at `md` open.
pub fn held_elsewhere(md: &Path) -> bool {
    holder(md).is_some_and(|pid| pid != std::process::id() && process_alive(pid))
}

/// The process named in the session's lock, if any.
fn holder(md: &Path) -> Option<u32> {
    fs::read_to_string(lock_path(md)).ok()?.trim().parse().ok()
}

/// Gives the session back (only if this process holds it).
pub fn release(md: &Path) {
    if holder(md) == Some(std::process::id()) {
        let _ = fs::remove_file(lock_path(md));
    }
}

/// Whether process `pid` is still running (Linux; elsewhere assumed so).
#[cfg(target_os = "linux")]
pub fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
pub fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_holder_keeps_the_session_and_a_dead_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("s.md");
        fs::write(&md, "").unwrap();
        // PID 1 is always alive: another crit "has" it.
        fs::write(lock_path(&md), "1").unwrap();
        let err = claim(&md).unwrap_err();
        assert!(err.contains("open in another crit (process 1)"), "{err}");
        // A lock from a process that is gone is taken over, and released at the end.
        fs::write(lock_path(&md), u32::MAX.to_string()).unwrap();
        claim(&md).unwrap();
        assert_eq!(
            fs::read_to_string(lock_path(&md)).unwrap(),
            std::process::id().to_string()
        );
        release(&md);
        assert!(!lock_path(&md).exists());
    }
}
