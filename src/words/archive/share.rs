//! Words of sharing the archive: what `crit archive init|clone|sync` and the commit
//! after a session tell a person, the commit messages crit writes, and why a git step
//! failed.

/// "1 session", "2 sessions".
pub fn sessions(n: usize) -> String {
    plural(n, "session", "sessions")
}
fn protocols(n: usize) -> String {
    plural(n, "protocol", "protocols")
}
fn other_changes(n: usize) -> String {
    plural(n, "other change", "other changes")
}
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}

const INSTALL_GIT: &str = "install it from https://git-scm.com/downloads (macOS: run `xcode-select --install`; \
Debian or Ubuntu: `sudo apt install git`; Windows: Git for Windows), then run this command again";
/// A sharing command when git is not installed.
pub fn git_not_installed(command: &str) -> String {
    format!(
        "`crit archive {command}` needs git, which is not installed here (or not on PATH): {INSTALL_GIT}; \
         everything else in crit works without it"
    )
}
/// A sharing command when git would not start.
pub fn git_cannot_start(command: &str, e: &str) -> String {
    format!("`crit archive {command}` needs git, and git could not be started ({e}): {INSTALL_GIT}")
}

/// The sentence `init` and `clone` print about what is never shared.
pub const PRIVACY: &str = "Private notes (*.private.md) and crit's hidden files (session state, \
locks, journals, the live view) stay on this computer: .gitignore lists them and crit never commits them.";
/// The line crit puts before its own lines in a `.gitignore` someone else wrote.
pub const GITIGNORE_ADDED: &str = "# Added by crit: what never leaves this computer.\n";
pub fn cannot_write(path: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot write {path}: {e}")
}
pub fn cannot_create(path: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot create {path}: {e}")
}

/// When git does not know who is committing.
pub fn unknown_identity(name: &str) -> String {
    format!(
        "git does not know who you are, so crit commits as \"{name}\"; to sign your own name, run \
         `git config --global user.name \"Your Name\"` and `git config --global user.email you@school.org`."
    )
}

// What a git step was doing when it failed (git's own words follow in brackets).
pub const CANNOT_MAKE_REPOSITORY: &str = "cannot make a git repository here";
pub const CANNOT_READ_REMOTES: &str = "cannot read the remotes";
pub const CANNOT_SET_REMOTE: &str = "cannot set the remote";
pub const CANNOT_READ_REMOTE: &str = "cannot read the remote";
pub const CANNOT_READ_SHARED: &str = "cannot read the shared archive";
pub const CANNOT_READ_BRANCHES: &str = "cannot read the shared archive's branches";
pub const CANNOT_NAME_BRANCH: &str = "cannot name the branch";
pub const CANNOT_FOLLOW_SHARED: &str = "cannot follow the shared archive";
pub const CANNOT_WRITE_SHARED_FILES: &str = "cannot write the shared archive's files";
pub const CANNOT_COMPARE: &str = "cannot compare the folder with the shared archive";
pub const CANNOT_READ_CHANGES: &str = "cannot read the archive's changes";
pub const COULD_NOT_ADD: &str = "git could not add the files";
pub const COULD_NOT_COMMIT: &str = "git could not commit";
pub const CANNOT_READ_MERGE: &str = "cannot read the merge";
pub const CANNOT_RECORD_MERGE: &str = "cannot record the merge";
pub const COULD_NOT_COMMIT_MERGE: &str = "git could not commit the merge";
pub const CANNOT_UNDO_MERGE: &str = "cannot undo an interrupted merge";
pub const NOT_ON_A_BRANCH: &str = "the archive is not on a branch";

/// Commit messages.
pub fn commit_archive_so_far(n: usize) -> String {
    format!("crit: the archive so far ({})", files(n))
}
pub fn commit_from_this_computer(n: usize) -> String {
    format!("crit: sessions from this computer ({})", files(n))
}
pub fn commit_left_over(n: usize) -> String {
    format!("crit: {} not committed before", files(n))
}
pub const COMMIT_FROM_OTHERS: &str = "crit: sessions from others";

/// What `crit archive init` did.
pub fn now_shared(dir: &str, sessions_committed: usize) -> String {
    format!(
        "{dir} is now a shared archive (a git repository); {} committed.",
        sessions(sessions_committed)
    )
}
pub fn already_a_repository(dir: &str, sessions_committed: usize) -> String {
    format!(
        "{dir} was already a git repository; {} committed.",
        sessions(sessions_committed)
    )
}
pub fn remote_is(url: &str) -> String {
    format!("Its remote is {url}; `crit archive sync` exchanges sessions with it.")
}
pub const NO_REMOTE_YET: &str = "It has no remote yet: `crit archive init --remote URL` sets one (a repository your school's git server or code host made for the group).";

/// What `crit archive clone` said or did.
pub fn already_cloned(dir: &str) -> String {
    format!(
        "{dir} is already a git repository; `crit archive sync` exchanges its sessions \
         (`git -C {dir} remote -v` shows where)"
    )
}
/// How a failed network message ends when nothing was committed yet, and what a clone
/// says instead.
pub const NOTHING_LOST_TAIL: &str = "; nothing was lost";
pub fn clone_fetch_failed(reason: &str, dir: &str) -> String {
    format!("{reason}; nothing was changed in {dir}: check the address and try again")
}
pub fn only_here(n: usize, url: &str) -> String {
    format!(
        "{} that the shared archive at {url} does not have",
        sessions(n)
    )
}
pub fn differing(n: usize) -> String {
    format!("{} that differ from the shared archive's", sessions(n))
}
pub fn clone_would_mix(dir: &str, what: &[String], url: &str) -> String {
    format!(
        "{dir} already holds {}, so nothing was changed; \
         `crit archive clone {url} --merge` adds them to it, or `--archive OTHER-FOLDER` clones into another folder",
        what.join(" and ")
    )
}
pub fn cannot_keep_apart(path: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot keep {path} apart: {e}")
}
pub fn kept_beside(name: &str, kept_as: &str) -> String {
    format!(
        "{name} differed from the shared archive's: this computer's version is kept as {kept_as}."
    )
}
pub fn now_a_clone(dir: &str, url: &str, received: usize) -> String {
    format!(
        "{dir} is now a clone of the shared archive at {url}: {} from the network.",
        sessions(received)
    )
}
pub fn mine_committed(mine: usize) -> String {
    format!(
        "{} from this computer {} committed; `crit archive sync` sends {}.",
        sessions(mine),
        if mine == 1 { "is" } else { "are" },
        if mine == 1 { "it" } else { "them" }
    )
}

/// The commit after a session.
pub fn not_committed(e: &str) -> String {
    format!("Not committed to the shared archive: {e}.")
}
pub const GIT_MISSING_AFTER_SESSION: &str = "git is not installed here; the session is saved, and `crit archive sync` commits it once git is installed";
pub fn git_not_started(e: &str) -> String {
    format!("git could not be started ({e})")
}
pub const SESSION_UNREADABLE: &str = "the session file could not be read back";
pub const SESSION_RUNNING: &str = "the session is still running";
pub const ALREADY_COMMITTED: &str = "Already committed to the shared archive.";
pub const COMMITTED: &str = "Committed to the shared archive.";

/// What a sync did: "2 sessions, 1 protocol" (empty when nothing).
pub fn changes(sessions_n: usize, protocols_n: usize, other_n: usize) -> String {
    let mut parts = Vec::new();
    if sessions_n > 0 {
        parts.push(sessions(sessions_n));
    }
    if protocols_n > 0 {
        parts.push(protocols(protocols_n));
    }
    if other_n > 0 {
        parts.push(other_changes(other_n));
    }
    parts.join(", ")
}
/// "Synced with URL: 2 sessions from others, 1 session of yours." (`incoming` and
/// `outgoing` as [`changes`] words them, empty when nothing moved that way).
pub fn synced(remote: &str, incoming: &str, outgoing: &str) -> String {
    let exchanged = match (incoming.is_empty(), outgoing.is_empty()) {
        (true, true) => "nothing new either way".to_string(),
        (false, true) => format!("{incoming} from others, nothing new of yours"),
        (true, false) => format!("nothing new from others, {outgoing} of yours"),
        (false, false) => format!("{incoming} from others, {outgoing} of yours"),
    };
    format!("Synced with {remote}: {exchanged}.")
}
pub fn both_kept(file: &str) -> String {
    format!(
        "{file} was edited here and elsewhere in the same place: both versions' lines are kept; read it and tidy it."
    )
}
pub fn not_shared_yet(dir: &str) -> String {
    format!(
        "{dir} is not a shared archive yet: `crit archive init --remote URL` shares it, or `crit archive clone URL` joins a group's"
    )
}
pub fn rebase_unfinished(dir: &str) -> String {
    format!(
        "a rebase started outside crit is unfinished in {dir}; finish it or run `git rebase --abort` there, then sync again"
    )
}
pub const INTERRUPTED_REDONE: &str =
    "An exchange that was interrupted earlier was undone and done again now.";
pub fn kept_changing(url: &str) -> String {
    format!(
        "the shared archive at {url} kept changing while this computer sent its sessions; they are committed here and the next `crit archive sync` sends them"
    )
}
pub fn no_remote(dir: &str) -> String {
    format!("{dir} has no remote to sync with: `crit archive init --remote URL` sets one")
}
pub fn could_not_bring_in(said: &str) -> String {
    format!("git could not bring in the sessions from others ({said})")
}
pub fn nothing_changed(e: &str) -> String {
    format!("{e}; nothing was changed")
}
pub fn cannot_merge(e: &dyn std::fmt::Display) -> String {
    format!("cannot merge: {e}")
}
pub fn could_not_merge_versions(said: &str) -> String {
    format!("git could not merge the two versions ({said})")
}
pub fn not_synced(e: &str) -> String {
    format!("Not synced: {e}.")
}

/// A fetch or push that failed, in one sentence.
const NOTHING_LOST: &str = "nothing was lost: your sessions are committed here and the next `crit archive sync` completes the exchange";
pub fn no_answer(url: &str, secs: u64) -> String {
    format!("the shared archive at {url} did not answer within {secs} seconds; {NOTHING_LOST}")
}
pub fn sign_in_refused(url: &str, said: &str) -> String {
    format!(
        "the shared archive at {url} did not accept this computer's sign-in ({said}); set up git's access to it (a credential helper or an SSH key, as your IT office advises) and sync again; {NOTHING_LOST}"
    )
}
pub fn push_refused(url: &str, said: &str) -> String {
    format!("the shared archive at {url} refused this computer's sessions ({said}); {NOTHING_LOST}")
}
pub fn unreachable(url: &str, said: &str) -> String {
    format!("cannot reach the shared archive at {url} ({said}); {NOTHING_LOST}")
}
