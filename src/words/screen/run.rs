//! The run screen: its one-line messages, the step panel and who speaks, the panels
//! and notes, the dialogs, the help screen, the boxes' placeholders.

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

// Boxes' placeholders.
pub fn note_placeholder(save_key: &str, new_line_key: &str) -> String {
    format!("Type a note. {save_key} saves it, {new_line_key} adds a line.")
}
pub const RESTATE_PLACEHOLDER: &str = "Type the question as the presenter now puts it";
pub const END_TIME_PLACEHOLDER: &str = "HH:MM, like 16:30";

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
pub fn delete_ask(yes: &str, no: &str) -> String {
    format!("Delete this note? {yes}/{no}")
}
pub fn delete_explained(yes: &str, no: &str) -> String {
    format!("{yes} deletes it from the session and its file · {no} keeps it")
}
pub const DELETE_TITLE: &str = " Delete ";
pub fn end_ask(yes: &str, no: &str) -> String {
    format!("End session? {yes}/{no}")
}
pub fn steps_not_reached(left: usize) -> String {
    format!("{left} step(s) not reached: the archive will say it ended early.")
}
pub fn end_explained(yes: &str, no: &str) -> String {
    format!("{yes} saves the notes and shows the summary · {no} keeps going")
}
pub const END_TITLE: &str = " End ";

// The run screen's panels and notes.
pub fn session_time(actual: &str, allowed: &str) -> String {
    format!("{actual} of {allowed} · ")
}
pub fn nth_of(n: usize, count: usize) -> String {
    format!(" {n} of {count}")
}
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
pub fn write_one(head: &str, note_keys: &str) -> String {
    format!("{head}· {note_keys} to write ")
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
pub fn help_title(close_keys: &str) -> String {
    format!(" Help · {close_keys} closes ")
}
pub const HELP_TIMER: &str = "Timer keys";
pub const HELP_NOTE: &str = "In the note box";
pub fn only_next_moves(next_key: &str) -> String {
    format!("Only {next_key} moves on (unless auto_advance is on).")
}
