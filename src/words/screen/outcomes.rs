//! Saving problems as the screens tell them, and what the runtime reports: saving,
//! resuming, sharing, and its last words when the terminal goes away.

// Saving problems, as the run screen and the summary tell them.
pub fn saving_instead(problem: &str, path: &std::path::Path) -> String {
    format!("{problem}. Saving to {} instead.", path.display())
}
/// The one warning for notes that are saved nowhere, after what went wrong.
pub fn kept_on_screen(problem: &str) -> String {
    format!("{problem}. Notes are kept on screen; do not close crit.")
}

// What the runtime reports: saving, resuming, sharing, and its last words when the
// terminal goes away.
pub fn not_resumable(path: &std::path::Path) -> String {
    format!("{} is not a session crit can resume", path.display())
}
pub fn cannot_save_in(dir: &std::path::Path, error: &dyn std::fmt::Display) -> String {
    format!("Cannot save in {}: {error}", dir.display())
}
/// The rescue folder refused the file too (after `problem`, the archive folder's refusal).
pub fn nor_in(problem: &str, fallback: &std::path::Path, error: &str) -> String {
    format!("{problem}; nor in {}: {error}", fallback.display())
}
pub fn cannot_save(path: &std::path::Path, error: &dyn std::fmt::Display) -> String {
    format!("Cannot save {}: {error}", path.display())
}
pub fn cannot_save_private(path: &std::path::Path, error: &dyn std::fmt::Display) -> String {
    format!(
        "Cannot save the private notes in {}: {error}",
        path.display()
    )
}
pub const NOT_A_SESSION_ANY_MORE: &str = "the session file is not a crit session any more";
pub fn cannot_write(path: &std::path::Path, error: &dyn std::fmt::Display) -> String {
    format!("cannot write {}: {error}", path.display())
}
pub fn syncing(committed: &str) -> String {
    format!("{committed} Syncing with the network…")
}
pub fn lost_terminal(saved: &str) -> String {
    format!("crit lost its terminal.{saved}")
}
pub fn stopped_by_bug(saved: &str) -> String {
    format!("crit stopped because of a bug.{saved}")
}
pub fn rescued_in(path: &std::path::Path) -> String {
    format!(
        " The session was saved in {}; `crit resume` continues it.",
        path.display()
    )
}
pub fn notes_up_to_last_in(path: &std::path::Path) -> String {
    format!(
        " Notes up to the last one entered are in {}.",
        path.display()
    )
}
pub const NOT_SAVED_YET: &str = " The session had not been saved yet.";
pub const NO_STATE_FOR_JOURNAL: &str = "no state to start the journal from";
pub const JOURNAL_NOT_OPEN: &str = "the session's journal is not open";
pub const KEYBOARD_GONE: &str = "the keyboard stopped answering";
