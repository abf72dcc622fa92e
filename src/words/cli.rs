//! What the commands print: `crit list`, `show` (and its handout), `validate`, `new`,
//! `run` and `resume` before the screen opens, `archive …`, and the protocol library's
//! reasons for skipping a file. Each message is worded here once, and both the library
//! and the commands that report it use it. The `--help` texts are in `help` (reached
//! here too).

use std::fmt::Display;

mod help;
pub use help::*;

// The protocol library, and `crit validate` (which checks files with the same loader).

/// Where a protocol came from, as `crit list` and the picker say it.
pub const ORIGIN_BUILT_IN: &str = "built-in";
pub const ORIGIN_USER_FOLDER: &str = "your folder";
pub const ORIGIN_SHARED_ARCHIVE: &str = "shared archive";
pub const ORIGIN_NAMED: &str = "named";

pub const NOT_UTF8: &str = "this file is not UTF-8 text; save it as UTF-8 in your editor";

pub fn cannot_read_file(why: impl Display) -> String {
    format!("cannot read this file: {why}")
}

pub fn cannot_read_folder(why: impl Display) -> String {
    format!("cannot read this folder: {why}")
}

pub fn cannot_read_named_folder(dir: impl Display, why: impl Display) -> String {
    format!(
        "{dir}: cannot read this protocol folder ({why}); check the path given with --protocols or CRIT_PROTOCOLS"
    )
}

pub fn id_used_twice(id: &str, first: &str) -> String {
    format!("id `{id}` is also used by {first}; give one of them another `id`")
}

/// `crit validate`'s last line.
pub fn files_with_problems(failed: usize, of: usize) -> String {
    format!("{failed} of {of} file(s) have problems")
}

pub fn files_ok(count: usize) -> String {
    format!("{count} file(s) OK")
}

// Before and after a command: dispatch, the screens, settings.

/// Every message crit prints on stderr about itself starts so.
pub fn crit_says(message: impl Display) -> String {
    format!("crit: {message}")
}

pub const NO_CONFIG_FOLDER: &str = "no config folder is known on this system";
pub const NO_CONFIG_FOLDER_FOR_NEW: &str =
    "no config folder is known on this system; use --stdout and save the file yourself";

pub fn cannot_write_manual(why: impl Display) -> String {
    format!("cannot write the manual page: {why}")
}

pub fn terminal_failed(why: impl Display) -> String {
    format!("the terminal failed: {why}")
}

/// `CRIT_LIVE` names a file crit did not write: it is never overwritten.
pub fn live_file_not_ours(path: impl Display) -> String {
    format!(
        "CRIT_LIVE names {path}, which is not a file crit made; crit never overwrites it. \
         Name a new file in CRIT_LIVE, or unset it"
    )
}

pub const NEEDS_A_TERMINAL: &str = "this command shows a screen and needs a terminal window; run it in one \
     (list, show, validate and archive work anywhere)";

/// Said after the screen closes on a running session.
pub fn session_saved_resumable(path: impl Display) -> String {
    format!("The session is saved in {path}; `crit resume` continues it.")
}

/// Said after the screen closes on a finished session.
pub fn session_notes_saved(path: impl Display) -> String {
    format!("Session notes saved to {path}")
}

pub const SESSION_NOT_SAVED: &str = "the session could not be saved to a file";

pub const SYNC_UNFINISHED_AT_EXIT: &str = "Committed to the shared archive; the sync had not finished when crit closed, \
     and `crit archive sync` completes it.";

/// The picker's offer of an unfinished session: "Tuning Protocol · Grade 7 started Mon 23
/// Nov, 14:00" (`started` is empty when the start is not known).
pub fn unfinished_session(protocol: &str, group: &str, started: &str) -> String {
    format!("{protocol} · {group}{started}")
}

/// The strftime pattern of [`unfinished_session`]'s start.
pub const UNFINISHED_STARTED: &str = " started %a %-d %b, %H:%M";

pub fn nothing_resumable(problem: impl Display) -> String {
    format!("no unfinished session can be resumed: {problem}")
}

pub fn no_unfinished_session(archive: impl Display) -> String {
    format!("there is no unfinished session in {archive} to resume")
}

pub fn cannot_resume(path: impl Display, why: impl Display) -> String {
    format!("cannot resume {path}: {why}")
}

/// `--end` that is not a time.
pub fn not_a_time(given: &str) -> String {
    format!("`{given}` is not a time; write it as HH:MM, like 16:30")
}

// `crit run`: the names given on the command line.

pub fn no_roles_at_all(protocol: &str, role: &str) -> String {
    format!(
        "`{protocol}` has no role `{role}`: it declares no roles, so there are no names to give."
    )
}

pub fn no_such_role(protocol: &str, role: &str, roles: &str) -> String {
    format!("`{protocol}` has no role `{role}`; its roles are: {roles}. Use --role ROLE=NAMES.")
}

pub fn role_needs_names(given: &str) -> String {
    format!("--role needs ROLE=NAMES, like --role timekeeper=Sam (got `{given}`)")
}

// Protocols: finding one, `crit list`, `crit new`.

/// Followed by the file's problems, one a line.
pub const CANNOT_USE_PROTOCOL_FILE: &str = "cannot use this protocol file:";

/// `hint` is [`did_you_mean`] or empty.
pub fn no_such_protocol(id: &str, hint: &str) -> String {
    format!("there is no protocol `{id}`.{hint} `crit list` shows them all.")
}

pub fn did_you_mean(id: &str) -> String {
    format!(" Did you mean `{id}`?")
}

/// The headings of `crit list`'s columns.
pub const LIST_ID: &str = "ID";
pub const LIST_NAME: &str = "NAME";
pub const LIST_MINUTES: &str = "MINUTES";
pub const LIST_FROM: &str = "FROM";

/// `crit list`'s FROM for the network's protocols: their path alone is just a folder.
pub fn from_shared_archive(path: &str) -> String {
    format!("shared archive: {path}")
}

/// A protocol file the library skipped, on stderr.
pub fn skipped_protocol(problem: &str) -> String {
    format!("skipped: {problem}")
}

pub fn not_shared_yet(archive: impl Display) -> String {
    format!(
        "{archive} is not a shared archive yet: `crit archive init --remote URL` or `crit archive clone URL` first, \
         or leave out --shared to write into your own protocol folder"
    )
}

pub fn bad_new_id(problem: &str) -> String {
    format!("{problem} (for example `my-tuning`)")
}

pub fn already_exists(path: impl Display) -> String {
    format!("{path} already exists; choose another id or edit that file")
}

pub fn cannot_write(path: impl Display, why: impl Display) -> String {
    format!("cannot write {path}: {why}")
}

pub fn new_protocol_written(path: impl Display) -> String {
    format!(
        "Wrote {path}\nEdit it, check it with `crit validate {path}`, then find it in `crit list`."
    )
}

pub const NEW_SHARED_HINT: &str = "`crit archive sync` shares it with the network.";

// `crit archive …`.

pub fn cannot_read_archive(dir: &str, why: impl Display) -> String {
    format!("cannot read the archive folder {dir}: {why}")
}

pub fn no_next_steps(dir: impl Display) -> String {
    format!("no next steps found in {dir}")
}

/// A session file that `archive list`, `search`, `actions` or `report` could not read.
pub fn skipped_session(path: &str, why: &str) -> String {
    format!("skipped {path}: {why}")
}

pub fn one_letter_apart(group: &str, a: &str, b: &str) -> String {
    format!("note: in {group}, {a} and {b} differ by one letter; counted as two people")
}

pub fn no_sessions_yet(dir: &str) -> String {
    format!("no sessions yet in {dir}")
}

pub fn nothing_matches(text: &str) -> String {
    format!("nothing matches \"{text}\"")
}

pub fn cannot_read(path: impl Display, why: impl Display) -> String {
    format!("cannot read {path}: {why}")
}

pub fn not_a_session(path: impl Display) -> String {
    format!("{path} is not a crit session")
}

pub fn takeaway_written(path: impl Display) -> String {
    format!("Take-away written to {path}")
}

/// The headings of `crit archive list`'s columns, and of its file column (`--paths`).
pub const TABLE_HEADER: [&str; 5] = ["DATE", "GROUP", "PROTOCOL", "PRESENTER", "STATUS"];
pub const TABLE_FILE: &str = "FILE";

/// A session's line in `crit archive search`: "2026-11-23 14:00 · group · protocol · file".
pub fn search_session(date: &str, time: &str, group: &str, protocol: &str, file: &str) -> String {
    format!("{date} {time} · {group} · {protocol} · {file}")
}

// `crit show`: the handout and the binder (markdown; the text given is already escaped).

pub fn handout_roles(roles: &str) -> String {
    format!("**Roles:** {roles}")
}

/// `sizes` is [`typical_sizes`] or empty.
pub fn handout_time(minutes: &str, sizes: &str) -> String {
    format!("**Time:** about {minutes} min for a typical group{sizes}")
}

/// " (5 participants)": the group sizes a total assumes.
pub fn typical_sizes(sizes: &str) -> String {
    format!(" ({sizes})")
}

/// A block's repeat, after "repeats": one round for each person of a role.
pub fn repeats_each(people: &str, as_role: &str) -> String {
    format!("once for each of the {people}; in each round, that person is the {as_role}")
}

/// A block's repeat, after "repeats": a number of rounds.
pub fn repeats_times(times: u32, rotate: bool) -> String {
    let rotating = if rotate {
        ", the speaking order moving on by one each time"
    } else {
        ""
    };
    format!("{times} times{rotating}")
}

pub fn block_heading(name: &str, repeats: &str) -> String {
    format!("{name} (repeats {repeats})")
}

pub fn handout_source(source: &str) -> String {
    format!("*Source: {source}*")
}

pub fn minutes_range(planned: &str, max: &str) -> String {
    format!("{planned}–{max} min")
}

pub fn minutes_of(minutes: &str) -> String {
    format!("{minutes} min")
}

/// After a go-round step's time: its time is for each person of the role.
pub fn for_each_of(people: &str) -> String {
    format!(" for each of the {people}")
}

pub const A_TURN: &str = " a turn";

/// How a step's time is known ("estimate"), after its time.
pub fn time_origin(origin: &str) -> String {
    format!(" ({origin})")
}

/// "3. Clarifying questions · 5 min": `level` is the heading's `##`.
pub fn step_heading(
    level: &str,
    n: usize,
    name: &str,
    time: &str,
    each: &str,
    origin: &str,
) -> String {
    format!("{level} {n}. {name} · {time}{each}{origin}")
}

pub const EVERYONE: &str = "everyone";

/// The person a round is about, in a repeated block's step.
pub fn the_rounds(role: &str) -> String {
    format!("the round's {role}")
}

pub fn published_limit(limits: &str, per: &str) -> String {
    format!("- **Published limit:** {limits}{per}")
}

pub fn in_groups(groups: &str) -> String {
    format!("- **Groups:** in {groups}, all at the same time")
}

pub fn go_round_of(people: &str) -> String {
    format!("- **Go-round:** each of the {people} in turn")
}

pub fn go_round_seats(seats: u32) -> String {
    format!("- **Go-round:** person 1 to {seats} in turn, in every group at once")
}

pub const OPEN_STEP: &str =
    "- **Open:** people speak when they are moved to, once each; nobody is called on";

pub fn speak(who: &str) -> String {
    format!("- **Speak:** {who}")
}

pub fn silent(who: &str, implied: bool) -> String {
    let implied = if implied {
        " (implied by the source, not stated)"
    } else {
        ""
    };
    format!("- **Silent:** {who}{implied}")
}

pub const SPEAK_AS_DIRECTED: &str = "- **Speak:** as the facilitator directs";

pub const SENTENCE_STARTERS: &str = "Sentence starters:";

/// A sentence starter, quoted.
pub fn stem(text: &str) -> String {
    format!("- “{text}”")
}

/// The binder's title, and the anchor its heading gets.
pub const BINDER_TITLE: &str = "Protocol binder";
pub const BINDER_ANCHOR: &str = "protocol-binder";

pub fn binder_intro(count: usize) -> String {
    format!(
        "{count} protocols, each with its steps, times, who speaks and who listens, and its source."
    )
}

/// The binder's table of contents, and the anchor its heading gets.
pub const CONTENTS: &str = "Contents";
pub const CONTENTS_ANCHOR: &str = "contents";

pub fn contents_line(n: usize, name: &str, anchor: &str, minutes: &str) -> String {
    format!("{n}. [{name}](#{anchor}) · about {minutes} min")
}
