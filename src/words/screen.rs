//! Words for the terminal UI: what the keys are called in footers and help, the dialogs,
//! the status lines of each screen, and how the runtime's outcomes are told.

// The keys' labels, as footers and the help screen show them.
pub const KEY_PAUSE: &str = "pause";
pub const KEY_RESUME: &str = "resume";
pub const KEY_NEXT: &str = "next";
pub const KEY_BACK: &str = "back";
pub const KEY_MORE_TIME: &str = "more time";
pub const KEY_LESS_TIME: &str = "less time";
pub const KEY_NOTE: &str = "note";
pub const KEY_SELECT_NOTE: &str = "select note";
pub const KEY_EDIT: &str = "edit";
pub const KEY_DELETE: &str = "delete";
pub const KEY_FIT: &str = "fit to end time";
pub const KEY_PROJECTOR: &str = "projector view on/off";
pub const KEY_RESTATE: &str = "restate the question";
pub const KEY_COUNT_AWAY: &str = "count the time away";
pub const KEY_HELP: &str = "help";
pub const KEY_END: &str = "end";
pub const KEY_END_ASKS: &str = "end (asks first)";
pub const KEY_SAVE_NOTE: &str = "save note";
pub const KEY_SAVE_CHANGE: &str = "save the change";
pub const KEY_NEW_LINE: &str = "new line";
pub const KEY_KIND: &str = "kind";
pub const KEY_LEAVE_NOTE: &str = "back to timer keys";
pub const KEY_LEAVE_EDIT: &str = "leave the note as it was";
pub const KEY_END_AND_SAVE: &str = "end and save";
pub const KEY_KEEP_GOING: &str = "keep going";
pub const KEY_DELETE_NOTE: &str = "delete the note";
pub const KEY_KEEP_IT: &str = "keep it";
pub const KEY_USE_PLAN: &str = "use this plan";
pub const KEY_CHANGE_END: &str = "change end time";
pub const KEY_KEEP_PLAN: &str = "keep the plan as it is";
pub const KEY_FIT_TO_TIME: &str = "fit to this time";
pub const KEY_RECORD_RESTATED: &str = "record the restated question";
pub const KEY_CANCEL: &str = "cancel";
pub const KEY_CLOSE_HELP: &str = "close help";
pub const KEY_CHOOSE: &str = "choose";
pub const KEY_UP: &str = "up";
pub const KEY_DOWN: &str = "down";
pub const KEY_FIRST_LAST: &str = "first / last";
pub const KEY_SET_UP: &str = "set up session";
pub const KEY_FIND: &str = "find";
pub const KEY_SKIPPED: &str = "skipped files";
pub const KEY_QUIT: &str = "quit";
pub const KEY_QUIT_MIRROR: &str = "quits the mirror";
pub const KEY_TYPE_TO_FIND: &str = "to find by name, id or tag";
pub const KEY_CLEAR: &str = "clear";
pub const KEY_ERASE: &str = "erase";
pub const KEY_CLOSE: &str = "close";
pub const KEY_NEXT_FIELD: &str = "next field";
pub const KEY_NEXT_SHORT: &str = "next";
pub const KEY_START: &str = "start";
pub const KEY_TRY_SAVING: &str = "try saving again";
pub const KEY_TAKEAWAY: &str = "write the presenter's take-away";

// The run screen's one-line messages (after a key, a save, a resume).
pub fn at_last_step(end_key: &str) -> String {
    format!("This is the last step. Press {end_key} to end the session.")
}
pub const AT_FIRST_STEP: &str = "This is the first step.";
pub fn at_shortest(next_key: &str) -> String {
    format!("A step keeps at least a minute: press {next_key} to move on.")
}
pub const NO_NOTES_YET: &str = "This step has no notes yet.";
pub const NO_NOTES_TO_EDIT: &str = "This step has no notes to edit.";
pub const NO_NOTES_TO_DELETE: &str = "This step has no notes to delete.";
pub fn away_counted(away: &str) -> String {
    format!("The {away} crit was closed now counts in this step.")
}
pub const NOTE_DELETED: &str = "The note is deleted.";
pub const NOTE_CHANGED: &str = "The note is changed.";
pub fn note_empty(leave_key: &str, delete_key: &str) -> String {
    format!("A note cannot be empty: {leave_key} keeps it as it was, {delete_key} deletes it.")
}
pub const FIT_STEP_CHANGED: &str = "The step changed, so here is a new plan.";
pub const FIT_APPLIED: &str = "The remaining steps now fit the end time.";
pub fn fit_applied_late(lateness: &str) -> String {
    format!("New plan applied: it ends {lateness} (as close as the steps allow).")
}
pub const RESTATED: &str = "The restated question is recorded.";
pub fn not_a_time(typed: &str) -> String {
    format!("“{typed}” is not a time: type it as HH:MM, like 16:30.")
}
pub const RESUMED: &str = "Resumed where the session stopped.";
pub fn draft_back(note_key: &str) -> String {
    format!(" The note you were typing is back in the note box ({note_key}).")
}
pub fn hand_edits_kept(copy: &std::path::Path) -> String {
    format!(
        " The file had been edited by hand: those edits are kept in {}.",
        copy.display()
    )
}
pub fn cannot_resume(problem: &str) -> String {
    format!("Cannot resume: {problem}")
}

// Saving problems, as the run screen and the summary tell them.
pub fn saving_instead(problem: &str, path: &std::path::Path) -> String {
    format!("{problem}. Saving to {} instead.", path.display())
}
pub fn kept_on_screen(problem: &str) -> String {
    format!("{problem}. Notes are kept on screen; do not close crit.")
}

// Boxes' placeholders.
pub const NOTE_PLACEHOLDER: &str = "Type a note. Enter saves it, Alt+Enter adds a line.";
pub const RESTATE_PLACEHOLDER: &str = "Type the question as the presenter now puts it";
pub const END_TIME_PLACEHOLDER: &str = "HH:MM, like 16:30";

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
pub const SKIPPED_TITLE: &str = " Skipped files · Esc closes ";

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
pub const NOT_SAVED: &str = "The session could not be saved to a file.";
pub const NOWHERE_YET: &str = "nowhere yet";
pub fn private_notes_in(count: usize) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} private note{s} (not in the session's file) in ")
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

// The run screen's step panel and who speaks.
pub fn step_title(n: usize, of: usize, name: &str) -> String {
    format!(" Step {n} of {of}: {name} ")
}
pub fn turn_of(n: usize, of: usize) -> String {
    format!("Turn {n} of {of}: ")
}
pub const LAST_TURN: &str = "   (last turn)";
pub const GAUGE_OVER: &str = "over";
pub fn over_time_by(by: &str) -> String {
    format!(" +{by} OVER TIME ")
}
pub fn of_allowance_spaced(allowance: &str) -> String {
    format!(" of {allowance}")
}
pub fn time_left(left: &str) -> String {
    format!(" {left} left ")
}
pub const LAST_MINUTE_MARK: &str = "  · last minute";
pub const PAUSED_MARK: &str = "  ‖ PAUSED";
pub fn may_stretch(to: &str) -> String {
    format!("  · may stretch to {to}")
}
pub const RESTATED_QUESTION: &str = "? Restated question: ";
pub const QUESTION: &str = "? Question: ";
pub const SPEAKS_NOW: &str = "▶ Speaks now: ";
pub const OTHERS_LISTEN: &str = " — everyone else listens";
pub const SPEAK: &str = "▶ Speak: ";
pub const AS_DIRECTED: &str = "as the facilitator directs";
pub const EVERYONE_SILENT: &str = "Everyone: silent — write, read or think without talking";
pub fn silent_listens(who: &str) -> String {
    format!("{who}: silent — listen and take notes")
}

// The run screen's dialogs.
pub const RESTATE_TITLE: &str = " Restate the focusing question ";
pub fn now_reads(question: &str) -> String {
    format!("Now: {question}")
}
pub const END_TIME_TITLE: &str = " End time ";
pub const END_TIME_ASK: &str = "When must the meeting end? (HH:MM)";
pub fn fit_to(end: &str) -> String {
    format!("Fit the rest of the session to end at {end}")
}
pub const KEPT: &str = " (kept)";
pub fn still_late(lateness: &str) -> String {
    format!("Still {lateness}: no step can be cut further (half its time at most).")
}
pub fn still_early(lateness: &str) -> String {
    format!("Ends {lateness}: steps are stretched as far as they go.")
}
pub fn on_time(end: &str) -> String {
    format!("Ends at {end}, on time.")
}
pub const EQUAL_SHARES: &str = "In a go-round, each turn gets an equal share.";
pub const FIT_TITLE: &str = " Fit to the end time ";
pub const DELETE_ASK: &str = "Delete this note? y/n";
pub const DELETE_EXPLAINED: &str = "y deletes it from the session and its file · n keeps it";
pub const DELETE_TITLE: &str = " Delete ";
pub const END_ASK: &str = "End session? y/n";
pub fn steps_not_reached(left: usize) -> String {
    format!("{left} step(s) not reached: the archive will say it ended early.")
}
pub const END_EXPLAINED: &str = "y saves the notes and shows the summary · n keeps going";
pub const END_TITLE: &str = " End ";

// The run screen's panels and notes.
pub const OPEN_NEXT_STEPS: &str = "Open next steps:";
pub const TIME_ESTIMATED: &str = "(Time is an estimate, not the published figure.)";
pub const TIME_ADAPTED: &str = "(Time from an adaptation, not the original text.)";
pub const SILENCE_IMPLIED: &str = "(The silence is implied by the source, not stated.)";
pub const STARTERS: &str = "Starters: ";
pub const GUIDE_TITLE: &str = " Guide ";
pub const STEPS_TITLE: &str = " Steps ";
pub const PRIVATE_KIND: &str = "Private: stays on this computer";
pub const PRIVATE: &str = "Private";
pub const TAB_CHANGES: &str = " (Tab changes)";
pub fn editing_note(which: &str, kind: &str, tab: &str) -> String {
    format!(" Edit note{which} · kind: {kind}{tab} ")
}
pub fn new_note(kind: &str, tab: &str) -> String {
    format!(" New note · kind: {kind}{tab} ")
}
pub fn notes_head(count: usize) -> String {
    format!(" Notes for this step ({count}) ")
}
pub fn note_waiting(head: &str, note_key: &str) -> String {
    format!("{head}· a note is waiting: {note_key} to finish it ")
}
pub fn write_one(head: &str) -> String {
    format!("{head}· i or Enter to write ")
}
pub fn more_above(n: usize) -> String {
    format!("↑ {n} more")
}
pub fn more_below(n: usize) -> String {
    format!("↓ {n} more")
}
pub const NO_NOTES: &str = "No notes yet.";
pub fn compact_note(editing: bool, kind: &str) -> String {
    let what = if editing { "Edit" } else { "New" };
    format!("{what} {kind}: ")
}
pub fn ends_at(end: &str, verdict: &str) -> String {
    format!("ends {end}, {verdict}")
}
pub fn closed_for(away: &str) -> String {
    format!("crit was closed for {away}")
}
pub const COUNTS_IT: &str = " counts it in this step";

// The help screen.
pub const HELP_TITLE: &str = " Help · Esc or ? closes ";
pub const HELP_TIMER: &str = "Timer keys";
pub const HELP_NOTE: &str = "In the note box";
pub fn only_next_moves(next_key: &str) -> String {
    format!("Only {next_key} moves on (unless auto_advance is on).")
}

// What the runtime reports: saving, resuming, sharing, and its last words when the
// terminal goes away.
pub fn not_resumable(path: &std::path::Path) -> String {
    format!("{} is not a session crit can resume", path.display())
}
pub fn cannot_save_in(dir: &std::path::Path, error: &dyn std::fmt::Display) -> String {
    format!("Cannot save in {}: {error}", dir.display())
}
pub fn nowhere_to_save(
    problem: &str,
    fallback: &std::path::Path,
    error: &dyn std::fmt::Display,
) -> String {
    format!(
        "{problem}; nor in {}: {error}. Notes are kept on screen only: do not close crit.",
        fallback.display()
    )
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
