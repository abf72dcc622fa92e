//! A shared archive: the archive folder as a git repository that a network of schools
//! exchanges through one remote (`crit archive init|clone|sync`).
//!
//! - What is shared: session files, take-aways written beside them, the `protocols/`
//!   folder, and any other file a person puts there. What never is: crit's hidden files
//!   (anything whose name starts with `.`, except `.gitignore`) and private notes
//!   (`*.private.md`). Both are excluded twice: by the `.gitignore` written at init and
//!   clone, and by [`is_private`], which every commit crit makes checks itself, so an
//!   edited `.gitignore` cannot leak them.
//! - A session is committed when it ends ([`after_finish`]); a session still running
//!   (its state file beside it, or `status: in-progress`) is never committed.
//! - `sync` commits what is left, fetches, merges (a merge commit, never a rebase: what
//!   was committed here stays as it was), and pushes. Two sides that edited the same
//!   lines of a file are resolved by keeping both sides' lines (git's union merge), and
//!   the file is named in the report so someone can tidy it.
//! - Names stay unique across machines: in a shared archive each new session's file
//!   name ends with this clone's short random id ([`unique_name`]), so two schools
//!   never write the same path; unshared archives keep their plain names.
//! - Every git call that reaches the network can be bounded in time (the sync after a
//!   session), and a failure is one plain sentence; nothing committed is ever lost.

mod commit;
mod git;
mod identity;
mod join;
mod merge;
mod private;
mod sync;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use crate::words::archive::share as words;
pub use commit::after_finish;
use git::Git;
pub use git::Missing;
pub use identity::unique_name;
pub use join::{clone, init};
pub use private::{GITIGNORE, is_private};
pub use sync::{Counts, SyncReport, after_session_sync, sync, sync_outcome};

/// The longest a sync after a session may talk to the remote.
pub const AFTER_SESSION_LIMIT: Duration = Duration::from_secs(5);

/// What happened when a finished session was committed (and synced), for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub ok: bool,
    pub message: String,
    /// A sync is still running in the background; another outcome follows.
    pub syncing: bool,
}

impl Outcome {
    pub fn ok(message: impl Into<String>) -> Outcome {
        Outcome {
            ok: true,
            message: message.into(),
            syncing: false,
        }
    }

    pub fn failed(message: impl Into<String>) -> Outcome {
        Outcome {
            ok: false,
            message: message.into(),
            syncing: false,
        }
    }
}

/// How a sync may behave.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    /// git may ask for a user name, password or passphrase on the terminal.
    pub prompts: bool,
    /// The longest the whole exchange with the remote may take.
    pub limit: Option<Duration>,
}

/// Whether `dir` is a shared archive (a git repository of its own).
pub fn is_shared(dir: &Path) -> bool {
    dir.join(".git").exists()
}

/// The message for a sharing command when git cannot be run.
pub fn git_needed(command: &str, why: &Missing) -> String {
    match why {
        Missing::NotInstalled => words::git_not_installed(command),
        Missing::CannotStart(e) => words::git_cannot_start(command, e),
    }
}

fn need_git(command: &str) -> Result<(), String> {
    git::available().map_err(|why| git_needed(command, &why))
}

fn is_session_path(dir: &Path, relative: &str) -> bool {
    !relative.contains('/')
        && relative.ends_with(".md")
        && crate::archive::entry(&dir.join(relative)).is_ok_and(|e| e.is_some())
}

/// Runs a local git command; its stdout, or `what` and git's own words.
fn run_ok(git: &Git, args: &[&str], what: &str) -> Result<String, String> {
    let out = git.run(args).map_err(|m| git_needed("sync", &m))?;
    if out.ok {
        Ok(out.stdout)
    } else {
        Err(format!("{what} ({})", out.said()))
    }
}

fn lines(z: &str) -> BTreeSet<String> {
    z.split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
