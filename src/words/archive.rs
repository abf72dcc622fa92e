//! Words of the archive: the text of a session's markdown file (headings, the lines crit
//! writes between notes, the timing table), the search's places, the take-away, the
//! list of actions, the professional learning report, and what sharing the archive
//! (`crit archive init|clone|sync`, the commit after a session) tells a person.
//!
//! The readers of the archive (search, the take-away, the report) find crit's own
//! headings and lines by these same words, so writer and readers cannot drift apart.

// ---------------------------------------------------------------------------------------
// The session's markdown file

/// A date and time as the file's first line shows it: `Monday 23 November 2026, 14:05`.
pub const DATE_TIME: &str = "%A %-d %B %Y, %H:%M";
/// A date as the take-away shows it: `Monday 23 November 2026`.
pub const DATE: &str = "%A %-d %B %Y";
/// A session still running, after its start time.
pub const STARTED: &str = "(started)";
/// How a status reads to a person (the front matter keeps `in-progress`, `abandoned`).
pub const IN_PROGRESS: &str = "in progress";
pub const ENDED_EARLY: &str = "ended early";

/// `Planned 5:00 · changed to 6:00 · actual 5:30` (`changed` only when the time changed).
pub fn planned_actual(planned: &str, changed: Option<&str>, actual: &str) -> String {
    let changed = changed
        .map(|c| format!(" · changed to {c}"))
        .unwrap_or_default();
    format!("Planned {planned}{changed} · actual {actual}")
}
/// How a line of [`planned_actual`] starts, for the readers that skip it.
pub const PLANNED_PREFIX: &str = "Planned ";

/// The table of roles and the people in them.
pub const ROLES_TABLE: &str = "| Role | People |\n|---|---|\n";

/// Section headings, as written (after `## `) and as the readers find them.
pub const FOCUSING_QUESTION: &str = "Focusing question";
pub const RESTATED_QUESTION: &str = "Restated question";
pub const EARLIER_NEXT_STEPS: &str = "Earlier next steps";
pub const TIMING: &str = "Timing";
pub const NEXT_STEPS: &str = "Next steps";

/// A step the group never reached.
pub const NOT_RUN: &str = "not run";
/// A step without notes.
pub const NO_NOTES: &str = "No notes.";
/// A session without actions, under "Next steps".
pub const NO_ACTIONS: &str = "No actions were recorded.";

/// When a note was taken in someone's turn of a go-round: `Ana's turn, 14:05`.
pub fn turn_at(who: &str, when: &str) -> String {
    format!("{who}'s turn, {when}")
}

/// An earlier next step's source: `from [2026-11-05 Tuning Protocol](<file.md>)`.
pub fn from_link(date: &str, protocol: &str, file: &str) -> String {
    format!("from [{date} {protocol}](<{file}>)")
}

/// The timing table's heading and header rows.
pub const TIMING_TABLE: &str =
    "| # | Step | Planned | Changed to | Actual | Difference |\n|---:|---|---:|---:|---:|---:|\n";
/// The label of the timing table's last row.
pub const TOTAL: &str = "Total";
/// What the timing table's last column means.
pub const DIFFERENCE: &str =
    "Difference: the actual time against the time the group chose (the plan as changed).";

// ---------------------------------------------------------------------------------------
// Search

/// What matched in a session's names: its group.
pub fn search_group(group: &str) -> String {
    format!("group {group}")
}

/// What matched in a session's names: the people.
pub fn search_people(names: &str) -> String {
    format!("with {names}")
}

// ---------------------------------------------------------------------------------------
// Reading files

pub fn cannot_open(e: &dyn std::fmt::Display) -> String {
    format!("cannot open: {e}")
}
pub fn cannot_read(e: &dyn std::fmt::Display) -> String {
    format!("cannot read: {e}")
}
pub const NOT_UTF8: &str = "not UTF-8 text";
pub const NO_CLOSING_LINE: &str = "the front matter has no closing `---` line";
pub const NOT_A_MAPPING: &str = "the front matter is not a list of `key: value` lines";
pub fn not_yaml(e: &dyn std::fmt::Display) -> String {
    format!("the front matter is not valid YAML: {e}")
}
pub fn alias_bomb(limit: u64) -> String {
    format!(
        "the front matter's YAML aliases expand to more than {limit} values; crit does not read it"
    )
}

// ---------------------------------------------------------------------------------------
// The take-away

/// A presenter asked for who did not present.
pub fn nobody_presented(name: &str) -> String {
    format!("nobody called {name} presented in this session")
}
/// The take-away's title.
pub fn takeaway_title(title: &str) -> String {
    format!("Take-away: {title}")
}
/// The facts at the top of a take-away, each a list item.
pub fn fact_protocol(protocol: &str) -> String {
    format!("**Protocol:** {protocol}")
}
pub fn fact_date(date: &str) -> String {
    format!("**Date:** {date}")
}
pub fn fact_group(group: &str) -> String {
    format!("**Group:** {group}")
}
pub fn fact_presenter(names: &str) -> String {
    format!("**Presenter:** {names}")
}
/// The heading of the steps outside the rounds.
pub const WHOLE_GROUP: &str = "The whole group";
/// The heading of one presenter's round.
pub fn round_of(who: &str) -> String {
    format!("{who}'s round")
}
/// The note kind heading of actions, which the take-away leaves to the next steps.
pub const ACTIONS_KIND: &str = "Actions";
pub const NO_NEXT_STEPS: &str = "No next steps were recorded.";
pub const WHAT_THE_GROUP_OFFERED: &str = "What the group offered";
pub const NO_FEEDBACK: &str = "No feedback was noted.";
pub const REFLECTION: &str = "The presenter's reflection";

// ---------------------------------------------------------------------------------------
// The report

/// A `--from` or `--to` date that is not a date.
pub fn bad_date(flag: &str, value: &str) -> String {
    format!("{flag} `{value}`: write the date as YYYY-MM-DD, like 2026-09-01")
}
pub fn no_sessions_for(person: &str) -> String {
    format!("no sessions found for {person} (names are matched ignoring case and accents)")
}
pub const NO_FINISHED_SESSIONS: &str = "no finished sessions match";
pub const REPORT_TITLE: &str = "# Professional learning record\n\n";
pub fn scope_person(p: &str) -> String {
    format!("Person: {p}")
}
pub fn scope_group(g: &str) -> String {
    format!("Group: {g}")
}
pub fn scope_from(d: &str) -> String {
    format!("From: {d}")
}
pub fn scope_to(d: &str) -> String {
    format!("To: {d}")
}
pub const REPORT_MINUTES: &str =
    "Minutes are the actual time each session ran, as recorded by crit in the session's file.\n\n";
pub const REPORT_SESSIONS: &str = "## Sessions\n\n| Person | Date | Group | Protocol | Role | Minutes | File |\n|---|---|---|---|---|---:|---|\n";
pub const REPORT_TOTALS: &str =
    "\n## Totals\n\n| Person | Role | Sessions | Minutes | Hours |\n|---|---|---:|---:|---:|\n";
/// The totals row over every part.
pub const ALL_PARTS: &str = "all";
pub const NAMES_TO_CHECK: &str = "\n## Names to check\n\n";
pub fn near_duplicate(group: &str, a: &str, b: &str) -> String {
    format!("- {group}: {a} and {b} differ by one letter; they are counted as two people.")
}

// ---------------------------------------------------------------------------------------
// Sharing the archive (`crit archive init|clone|sync`, the commit after a session)

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

// ---------------------------------------------------------------------------------------
// Resuming, locking and finding sessions

pub fn no_session_file(path: &str) -> String {
    format!("there is no session file {path}")
}
pub fn finished_nothing_to_resume(path: &str) -> String {
    format!("{path} is a finished session: there is nothing to resume")
}
pub fn state_missing(path: &str) -> String {
    format!(
        "{path} is not a session crit can resume: the state crit keeps beside a running session is missing"
    )
}
pub fn cannot_read_path(path: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot read {path}: {e}")
}
pub fn not_a_state_file(path: &str) -> String {
    format!("{path} is not crit's state file")
}
pub fn damaged(path: &str, e: &dyn std::fmt::Display) -> String {
    format!("{path} is damaged: {e}")
}
pub fn not_a_journal(path: &str) -> String {
    format!("{path} is not crit's journal")
}
pub fn cannot_keep_hand_edits(path: &str, e: &dyn std::fmt::Display) -> String {
    format!(
        "{path} was edited by hand and crit cannot keep a copy of it ({e}); copy it elsewhere before resuming"
    )
}
pub fn edited_by_hand(path: &str) -> String {
    format!("{path} was edited by hand; copy it elsewhere before resuming")
}
pub fn open_elsewhere(path: &str) -> String {
    format!("{path} is open in another crit; finish it there, or close that crit first")
}
pub fn cannot_lock(lock: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot lock {lock} ({e}); crit will not open a session it cannot keep to itself")
}
pub fn no_sessions_yet(dir: &str) -> String {
    format!("no sessions yet: {dir} does not exist")
}
pub fn cannot_read_archive(dir: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot read the archive folder {dir}: {e}")
}
pub fn no_finished_sessions_in(dir: &str) -> String {
    format!("no finished sessions in {dir}")
}
