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
