//! Words of the archive: the text of a session's markdown file (headings, the lines crit
//! writes between notes, the timing table), the search's places, the take-away, the
//! professional learning report, resuming and locking sessions,
//! and (in [`share`]) what sharing the archive tells a person.
//!
//! The readers of the archive (search, the take-away, the report) find crit's own
//! headings and lines by these same words, so writer and readers cannot drift apart.
//! Sharing's words are in [`share`].

pub mod share;

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

// ---- Why a saved session cannot be resumed or saved ----

/// A resume state written by a version of crit with another format.
pub fn saved_by_another_version(format: u32) -> String {
    format!("it was saved by another version of crit (format {format})")
}

/// A resume state whose steps do not match its plan.
pub const STATE_STEPS_DO_NOT_MATCH: &str = "its saved state is damaged (steps do not match)";

/// A resume state holding a time no session could have.
pub const STATE_TIME_OUT_OF_RANGE: &str =
    "its saved state is damaged (a time in it is out of range)";

/// A session's lock file that is a symbolic link (never followed).
pub const LOCK_IS_A_LINK: &str = "the lock file is a link";

/// Every numbered name for a new session file (`-2` … `-999`) is taken.
pub const TOO_MANY_WITH_THIS_NAME: &str = "too many sessions with this name";
