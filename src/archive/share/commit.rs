//! Committing: a finished session (and what is written beside it) when it ends, and
//! whatever is left, never a private file or a session still running.

use std::path::Path;

use super::{
    Outcome,
    git::{self, Git, Missing},
    identity::use_identity,
    is_shared,
    private::is_private,
    run_ok,
};
use crate::words::archive::share as words;

/// If the archive holding `path` is shared, commits the finished session at `path`
/// and the files written beside it under its name (`NAME.takeaway.md`, say; never
/// `NAME.private.md` or a hidden file). `None` when the archive is not shared. Never
/// commits a session that is still running. Call it again after writing a file beside
/// a finished session (a take-away) to commit that file too.
pub fn after_finish(path: &Path) -> Option<Outcome> {
    let dir = path.parent()?;
    if !is_shared(dir) {
        return None;
    }
    Some(match commit_session(dir, path) {
        Ok(o) => o,
        Err(e) => Outcome::failed(words::not_committed(&e)),
    })
}

fn commit_session(dir: &Path, path: &Path) -> Result<Outcome, String> {
    if let Err(why) = git::available() {
        return Err(match why {
            Missing::NotInstalled => words::GIT_MISSING_AFTER_SESSION.into(),
            Missing::CannotStart(e) => words::git_not_started(&e),
        });
    }
    let entry = crate::archive::entry(path)
        .ok()
        .flatten()
        .ok_or(words::SESSION_UNREADABLE)?;
    if entry.is_in_progress() || crate::archive::state_path(path).exists() {
        return Err(words::SESSION_RUNNING.into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name).to_string();
    let mut git = Git::new(dir);
    let notice = use_identity(&mut git);
    let ours: Vec<String> = pending(&git)?
        .into_iter()
        .filter(|p| *p == name || p.starts_with(&format!("{stem}.")))
        .filter(|p| !is_private(p))
        .collect();
    if ours.is_empty() {
        return Ok(Outcome::ok(words::ALREADY_COMMITTED));
    }
    add(&git, &ours)?;
    let mut message = entry.protocol.clone();
    if !entry.group.trim().is_empty() {
        message.push_str(&format!(" — {}", entry.group.trim()));
    }
    if !entry.date.is_empty() {
        message.push_str(&format!(", {}", entry.date));
    }
    let mut args = vec!["commit", "-q", "--no-verify", "-m", &message, "--"];
    args.extend(ours.iter().map(String::as_str));
    run_ok(&git, &args, words::COULD_NOT_COMMIT)?;
    let mut text = words::COMMITTED.to_string();
    if let Some(n) = notice {
        text.push(' ');
        text.push_str(&n);
    }
    Ok(Outcome::ok(text))
}

/// Files changed, added or removed in the folder that crit may commit: never private or
/// hidden files, never a session still running.
fn pending(git: &Git) -> Result<Vec<String>, String> {
    let status = run_ok(
        git,
        &["status", "--porcelain", "-z", "--untracked-files=all"],
        words::CANNOT_READ_CHANGES,
    )?;
    let mut paths = Vec::new();
    let mut items = status.split('\0').filter(|s| !s.is_empty());
    while let Some(item) = items.next() {
        let (code, path) = item.split_at(item.len().min(3));
        if code.starts_with('R') || code.starts_with('C') {
            // A rename is followed by its old name.
            if let Some(old) = items.next() {
                paths.push(old.to_string());
            }
        }
        paths.push(path.to_string());
    }
    let dir = &git.dir;
    Ok(paths
        .into_iter()
        .filter(|p| !is_private(p))
        .filter(|p| !running(dir, p))
        .collect())
}

/// Whether `relative` is a session still running (its state beside it, or its front
/// matter says so).
fn running(dir: &Path, relative: &str) -> bool {
    if relative.contains('/') || !relative.ends_with(".md") {
        return false;
    }
    let path = dir.join(relative);
    crate::archive::state_path(&path).exists()
        || crate::archive::entry(&path)
            .ok()
            .flatten()
            .is_some_and(|e| e.is_in_progress())
}

fn add(git: &Git, paths: &[String]) -> Result<(), String> {
    for chunk in paths.chunks(500) {
        let mut args = vec!["add", "-A", "--"];
        args.extend(chunk.iter().map(String::as_str));
        run_ok(git, &args, words::COULD_NOT_ADD)?;
    }
    Ok(())
}

/// Commits everything [`pending`] finds; returns what was committed.
pub(super) fn commit_pending(
    git: &Git,
    message: impl Fn(usize) -> String,
) -> Result<Vec<String>, String> {
    let paths = pending(git)?;
    if paths.is_empty() {
        return Ok(paths);
    }
    add(git, &paths)?;
    let staged = run_ok(
        git,
        &["diff", "--cached", "--name-only", "-z"],
        words::CANNOT_READ_CHANGES,
    )?;
    if staged.is_empty() {
        return Ok(Vec::new());
    }
    run_ok(
        git,
        &["commit", "-q", "--no-verify", "-m", &message(paths.len())],
        words::COULD_NOT_COMMIT,
    )?;
    Ok(paths)
}
