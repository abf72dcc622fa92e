//! The screens around a session: the setup form, the picker, the summary, the
//! projector view and `crit mirror`.

// The setup form.
pub const FIELD_GROUP: &str = "Group";
pub const HINT_GROUP: &str = "Who is meeting, e.g. Grade 7 team";
pub const HINT_NAMES_OPTIONAL: &str = "Names, separated by commas (optional)";
pub const HINT_NAMES: &str = "Names, separated by commas";
pub const HINT_NAME_OPTIONAL: &str = "A name (optional)";
pub const HINT_NAME: &str = "A name";
pub const FIELD_QUESTION: &str = "Focusing question";
pub const HINT_QUESTION: &str = "The question or dilemma (optional)";
pub const FIELD_END_BY: &str = "End by";
pub const HINT_END_BY: &str = "HH:MM, optional";
pub const NAME_THE_GROUP: &str = "Give the group a name (it names the archive file).";
pub fn who_is(role: &str) -> String {
    format!("Who is the {role}? Type a name.")
}
pub fn end_by_not_a_time(value: &str) -> String {
    format!("“{value}” is not a time; write it as HH:MM, like 16:30, or leave it empty.")
}
pub fn named_twice(name: &str, role_a: &str, role_b: &str) -> String {
    format!(
        "{name} is named as {role_a} and among {role_b}. Press Enter again to start anyway, or change one."
    )
}
pub fn setup_title(protocol: &str) -> String {
    format!("New session: {protocol}")
}

// The picker.
pub const PICKER_TITLE: &str = "crit · choose a protocol";
pub const FIND: &str = "Find: ";
pub fn found_of(shown: usize, all: usize) -> String {
    format!("  {shown} of {all} protocols")
}
pub fn minutes(n: &str) -> String {
    format!("{n} min")
}
pub const PROTOCOLS_TITLE: &str = " Protocols ";
pub fn no_match(clear_key: &str) -> String {
    format!("No protocol matches. {clear_key} clears the search.")
}
pub const UNFINISHED: &str = "Unfinished session: ";
pub fn resumes_it(resume_key: &str) -> String {
    format!("  {resume_key} resumes it")
}
pub fn skipped_files(count: usize, show_key: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} protocol file{s} skipped because of problems: {show_key} shows why")
}
pub const ROLES: &str = "Roles: ";
pub fn with_sizes(sizes: &str) -> String {
    format!(" with {sizes}")
}
pub const TIME: &str = "Time: ";
pub fn about_minutes(minutes: &str, typical: &str) -> String {
    format!("about {minutes} min{typical}")
}
pub fn once_for_each(role: &str) -> String {
    format!("once for each {role}")
}
pub fn times(k: u32) -> String {
    format!("{k} times")
}
pub fn repeats(block: &str, times: &str) -> String {
    format!("   {block} (repeats {times}):")
}
pub fn outline_step(n: usize, name: &str, minutes: &str, per_turn: bool) -> String {
    let each = if per_turn { " each" } else { "" };
    format!("{n:>3}. {name} · {minutes} min{each}")
}
pub const SOURCE: &str = "Source: ";
pub const FILE: &str = "File: ";
pub const ABOUT_TITLE: &str = " About ";
pub const NONE_SKIPPED: &str = "No files were skipped.";
pub fn skipped_title(close_key: &str) -> String {
    format!(" Skipped files · {close_key} closes ")
}

// The summary.
pub fn summary_title(complete: bool, protocol: &str, group: &str) -> String {
    let how = if complete { "complete" } else { "ended early" };
    format!("Session {how}: {protocol} · {group}")
}
pub const TIMING_COLUMNS: [&str; 6] = ["#", "Step", "Planned", "Actual", "Diff", "Notes"];
pub const TIMING_SCROLLS: &str = " Timing · ↑/↓ scroll ";
pub const TIMING: &str = " Timing ";
pub fn changed_to(total: &str) -> String {
    format!(" · changed to {total}")
}
pub fn totals(notes: usize, planned: &str, changed: &str, actual: &str) -> String {
    let s = if notes == 1 { "" } else { "s" };
    format!("{notes} note{s} · planned {planned}{changed} · actual {actual}")
}
pub const SAVED_TO: &str = "Saved to ";
/// Where the session was last saved, when a later save failed.
pub const LAST_SAVED_TO: &str = "Last saved to ";
pub const NOT_SAVED: &str = "The session could not be saved to a file.";
pub fn private_notes_in(count: usize) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} private note{s} (not in the session's file) in ")
}
/// Private notes of a session that could not be saved anywhere yet.
pub fn private_notes_not_saved(count: usize) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!(
        "{count} private note{s} (not in the session's file), kept on screen until the \
         session can be saved"
    )
}
pub const TAKEAWAY_WRITTEN: &str = "Take-away written to ";
pub fn cannot_write_takeaway(why: &str) -> String {
    format!("Cannot write the take-away: {why}")
}
pub fn saved_nowhere(save_key: &str, quit_key: &str) -> String {
    format!(
        "These notes are saved nowhere. {save_key} tries again; {quit_key} again quits and loses them."
    )
}

// The projector view and `crit mirror`.
pub fn next_turn(name: &str) -> String {
    format!("   next: {name}")
}
pub fn speaks_now(name: &str, next: &str) -> String {
    format!("Speaks now: {name}{next}")
}
pub const OVER_TIME_BADGE: &str = " OVER TIME ";
pub const AND_PAUSED: &str = "  PAUSED";
pub const PAUSED: &str = "PAUSED";
pub const LAST_MINUTE: &str = "Last minute";
pub fn of_allowance(allowance: &str) -> String {
    format!("of {allowance}")
}
pub fn speak(who: &str) -> String {
    format!("Speak: {who}")
}
pub fn silent(who: &str) -> String {
    format!("Silent: {who}")
}
pub const NO_SESSION: &str = "No session is running.";
pub const MIRROR_WAITS: &str =
    "This window shows the session as soon as one starts on this computer.";
pub const TOO_SMALL: &str = "Window too small for crit";
