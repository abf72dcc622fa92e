//! `crit --help`: the help of each command and option, the manual page and the
//! completions (clap shows them as given: no closing full stop). Reached as
//! `words::cli::…`.

pub const ABOUT_CRIT: &str = "Run Critical Friends Group protocols: timed steps, who speaks, who listens, and notes saved as markdown.";
pub const LONG_ABOUT_CRIT: &str = "Run Critical Friends Group protocols: timed steps, who speaks, who listens, and notes saved as markdown.\n\nWith no command, crit opens the protocol picker.";
pub const HELP_PROTOCOLS: &str =
    "Also load protocols from this folder (may be repeated; also CRIT_PROTOCOLS)";
pub const HELP_ARCHIVE: &str = "Save session notes in this folder (also CRIT_ARCHIVE)";
pub const HELP_CONFIG: &str = "Read settings from this file instead of the default config.toml";
pub const HELP_NO_BELL: &str = "Do not ring the terminal bell when time is up";
pub const ABOUT_RUN: &str = "Run a protocol, skipping the picker";
pub const ABOUT_LIST: &str =
    "List every protocol found, with its total time and the file it came from";
pub const HELP_LIST_JSON: &str = "Print JSON instead of a table";
pub const ABOUT_SHOW: &str = "Print a protocol as a markdown handout for the facilitator; several ids (or --all) make one binder with a table of contents";
pub const HELP_SHOW_IDS: &str = "Protocol ids (see `crit list`) or paths to .toml files";
pub const HELP_SHOW_ALL: &str = "Every protocol in the library, as one binder";
pub const ABOUT_VALIDATE: &str =
    "Check protocol files and report every problem as path:line:column: message";
pub const ABOUT_RESUME: &str =
    "Continue an interrupted session where it stopped (the most recent one, or FILE)";
pub const HELP_RESUME_SESSION: &str =
    "The session's markdown file; by default the most recent unfinished session";
pub const ABOUT_MIRROR: &str = "Show the running session's public view (big countdown, step, who speaks) in this terminal: a window on the projector, or a second screen over ssh. Never notes";
pub const ABOUT_COMPLETIONS: &str = "Print shell completions: `crit completions bash > ~/.local/share/bash-completion/completions/crit`";
pub const ABOUT_MAN: &str = "Print the manual page (roff): `crit man > crit.1 && man ./crit.1`";
pub const ABOUT_ARCHIVE: &str = "Browse past sessions, and share them with a network on git";
pub const ABOUT_CONFIG: &str = "Settings: where config.toml lives, and a commented example";
pub const ABOUT_NEW: &str = "Write a commented template protocol into your protocol folder";
pub const HELP_NEW_ID: &str = "The new protocol's id (lowercase letters, digits and '-')";
pub const HELP_NEW_STDOUT: &str = "Print the template instead of writing a file";
pub const HELP_NEW_SHARED: &str =
    "Write it into the shared archive's `protocols/` folder, for the whole network";
pub const ABOUT_ARCHIVE_LIST: &str = "List past sessions, newest first";
pub const HELP_ARCHIVE_LIST_GROUP: &str = "Only this group's sessions";
pub const HELP_ARCHIVE_LIST_SITE: &str =
    "Only the sessions recorded at this site (the `site` setting of each school)";
pub const HELP_ARCHIVE_LIST_JSON: &str =
    "Print JSON instead of a table (an array; `[]` when there are no sessions)";
pub const HELP_ARCHIVE_LIST_PATHS: &str = "Add each session's file to the table";
pub const ABOUT_ARCHIVE_SEARCH: &str =
    "Find sessions whose notes, question or names contain TEXT (ignoring case)";
pub const HELP_ARCHIVE_SEARCH_SITE: &str = "Only the sessions recorded at this site";
pub const ABOUT_ARCHIVE_TAKEAWAY: &str = "Print the presenter's take-away of a session as markdown: question, feedback, reflection, next steps (never private notes)";
pub const HELP_ARCHIVE_TAKEAWAY_FILE: &str =
    "The session's file (default: the most recent finished session)";
pub const HELP_ARCHIVE_TAKEAWAY_OUTPUT: &str = "Write it to this file instead of printing it";
pub const HELP_ARCHIVE_TAKEAWAY_PRESENTER: &str =
    "In round protocols (Final Word, Success Analysis): only this presenter's round";
pub const ABOUT_ARCHIVE_ACTIONS: &str =
    "List next steps across sessions; done means ticked (`- [x]`) in the session's file";
pub const HELP_ARCHIVE_ACTIONS_GROUP: &str = "Only this group's sessions";
pub const HELP_ARCHIVE_ACTIONS_PERSON: &str =
    "Only this person's next steps (named to them, or unnamed in a session they presented)";
pub const HELP_ARCHIVE_ACTIONS_SITE: &str =
    "Only the sessions recorded at this site (the `site` setting of each school)";
pub const HELP_ARCHIVE_ACTIONS_OPEN: &str = "Only the ones not ticked yet";
pub const HELP_ARCHIVE_ACTIONS_DONE: &str = "Only the ticked ones";
pub const HELP_ARCHIVE_ACTIONS_JSON: &str = "Print JSON instead of lines";
pub const ABOUT_ARCHIVE_REPORT: &str = "A record of professional-learning time: each session a person took part in, with totals per person and role";
pub const HELP_ARCHIVE_REPORT_PERSON: &str = "Only this person (ignoring case and accents)";
pub const HELP_ARCHIVE_REPORT_GROUP: &str = "Only this group's sessions";
pub const HELP_ARCHIVE_REPORT_SITE: &str =
    "Only the sessions recorded at this site (the `site` setting of each school)";
pub const HELP_ARCHIVE_REPORT_FROM: &str = "From this date on (YYYY-MM-DD)";
pub const HELP_ARCHIVE_REPORT_TO: &str = "Up to this date (YYYY-MM-DD)";
pub const HELP_ARCHIVE_REPORT_FORMAT: &str = "md (a page to file), csv (a spreadsheet) or json";
pub const ABOUT_ARCHIVE_PATH: &str = "Print the archive folder's path";
pub const ABOUT_ARCHIVE_INIT: &str = "Share the archive on git: make it a repository (the sessions already there become the first commit) and set the group's remote. Needs git";
pub const HELP_ARCHIVE_INIT_REMOTE: &str =
    "The shared repository every school syncs with (https://… or git@…)";
pub const ABOUT_ARCHIVE_CLONE: &str =
    "Join a group's shared archive: make the archive folder a clone of URL. Needs git";
pub const HELP_ARCHIVE_CLONE_URL: &str = "The group's shared repository";
pub const HELP_ARCHIVE_CLONE_MERGE: &str =
    "Add the sessions already in the folder to the shared archive";
pub const ABOUT_ARCHIVE_SYNC: &str = "Exchange sessions (and shared protocols) with the group's remote: commit, fetch, merge, push. Needs git";
pub const ABOUT_CONFIG_PATH: &str = "Print where config.toml is read from";
pub const ABOUT_CONFIG_EXAMPLE: &str = "Print a commented example config.toml";
pub const HELP_RUN_PROTOCOL: &str = "A protocol id (see `crit list`) or a path to a .toml file";
pub const HELP_RUN_GROUP: &str = "The group's name";
pub const HELP_RUN_FACILITATOR: &str = "The facilitator's name";
pub const HELP_RUN_PRESENTER: &str = "The presenter's name";
pub const HELP_RUN_PARTICIPANTS: &str =
    "The participants' names, separated by commas: \"Ana, Ben, Cy\"";
pub const HELP_RUN_ROLE: &str = "Names for any other role, as ROLE=NAMES (may be repeated)";
pub const HELP_RUN_QUESTION: &str = "The focusing question or dilemma";
pub const HELP_RUN_END: &str = "The time the meeting must end by (HH:MM)";
pub const HELP_RUN_PROJECTOR: &str = "Start in the big-digit projector view";
