//! The command line, as clap types.

use std::path::PathBuf;

use chrono::NaiveTime;
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "crit",
    version,
    about = "Run Critical Friends Group protocols: timed steps, who speaks, who listens, and notes saved as markdown.",
    long_about = "Run Critical Friends Group protocols: timed steps, who speaks, who listens, and notes saved as markdown.\n\nWith no command, crit opens the protocol picker."
)]
pub struct Cli {
    /// Also load protocols from this folder (may be repeated; also CRIT_PROTOCOLS).
    #[arg(long, global = true, value_name = "DIR")]
    pub protocols: Vec<PathBuf>,
    /// Save session notes in this folder (also CRIT_ARCHIVE).
    #[arg(long, global = true, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    /// Read settings from this file instead of the default config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not ring the terminal bell when time is up.
    #[arg(long, global = true)]
    pub no_bell: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a protocol, skipping the picker.
    Run(RunArgs),
    /// List every protocol found, with its total time and the file it came from.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a protocol as a markdown handout for the facilitator; several ids (or
    /// --all) make one binder with a table of contents.
    Show {
        /// Protocol ids (see `crit list`) or paths to .toml files.
        #[arg(value_name = "PROTOCOL", required_unless_present = "all")]
        ids: Vec<String>,
        /// Every protocol in the library, as one binder.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
    /// Check protocol files and report every problem as path:line:column: message.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Continue an interrupted session where it stopped (the most recent one, or FILE).
    Resume {
        /// The session's markdown file; by default the most recent unfinished session.
        #[arg(value_name = "FILE")]
        session: Option<PathBuf>,
    },
    /// Show the running session's public view (big countdown, step, who speaks) in this
    /// terminal: a window on the projector, or a second screen over ssh. Never notes.
    Mirror,
    /// Print shell completions: `crit completions bash > ~/.local/share/bash-completion/completions/crit`.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `crit man > crit.1 && man ./crit.1`.
    Man,
    /// Browse past sessions, and share them with a network on git.
    Archive {
        #[command(subcommand)]
        command: ArchiveCommand,
    },
    /// Settings: where config.toml lives, and a commented example.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Write a commented template protocol into your protocol folder.
    New {
        /// The new protocol's id (lowercase letters, digits and '-').
        id: String,
        /// Print the template instead of writing a file.
        #[arg(long)]
        stdout: bool,
        /// Write it into the shared archive's `protocols/` folder, for the whole network.
        #[arg(long, conflicts_with = "stdout")]
        shared: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// List past sessions, newest first.
    List {
        /// Only this group's sessions.
        #[arg(long)]
        group: Option<String>,
        /// Only the sessions recorded at this site (the `site` setting of each school).
        #[arg(long)]
        site: Option<String>,
        /// Print JSON instead of a table (an array; `[]` when there are no sessions).
        #[arg(long)]
        json: bool,
        /// Add each session's file to the table.
        #[arg(long)]
        paths: bool,
    },
    /// Find sessions whose notes, question or names contain TEXT (ignoring case).
    Search {
        text: String,
        /// Only the sessions recorded at this site.
        #[arg(long)]
        site: Option<String>,
    },
    /// Print the presenter's take-away of a session as markdown: question, feedback,
    /// reflection, next steps (never private notes).
    Takeaway {
        /// The session's file (default: the most recent finished session).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Write it to this file instead of printing it.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// In round protocols (Final Word, Success Analysis): only this presenter's round.
        #[arg(long, value_name = "NAME")]
        presenter: Option<String>,
    },
    /// List next steps across sessions; done means ticked (`- [x]`) in the session's file.
    Actions {
        /// Only this group's sessions.
        #[arg(long)]
        group: Option<String>,
        /// Only this person's next steps (named to them, or unnamed in a session they presented).
        #[arg(long)]
        person: Option<String>,
        /// Only the sessions recorded at this site (the `site` setting of each school).
        #[arg(long)]
        site: Option<String>,
        /// Only the ones not ticked yet.
        #[arg(long, conflicts_with = "done")]
        open: bool,
        /// Only the ticked ones.
        #[arg(long)]
        done: bool,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// A record of professional-learning time: each session a person took part in, with
    /// totals per person and role.
    Report {
        /// Only this person (ignoring case and accents).
        #[arg(long)]
        person: Option<String>,
        /// Only this group's sessions.
        #[arg(long)]
        group: Option<String>,
        /// Only the sessions recorded at this site (the `site` setting of each school).
        #[arg(long)]
        site: Option<String>,
        /// From this date on (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Up to this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// md (a page to file), csv (a spreadsheet) or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Print the archive folder's path.
    Path,
    /// Share the archive on git: make it a repository (the sessions already there become
    /// the first commit) and set the group's remote. Needs git.
    Init {
        /// The shared repository every school syncs with (https://… or git@…).
        #[arg(long, value_name = "URL")]
        remote: Option<String>,
    },
    /// Join a group's shared archive: make the archive folder a clone of URL. Needs git.
    Clone {
        /// The group's shared repository.
        url: String,
        /// Add the sessions already in the folder to the shared archive.
        #[arg(long)]
        merge: bool,
    },
    /// Exchange sessions (and shared protocols) with the group's remote: commit, fetch,
    /// merge, push. Needs git.
    Sync,
}

/// The forms of `crit archive report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where config.toml is read from.
    Path,
    /// Print a commented example config.toml.
    Example,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// A protocol id (see `crit list`) or a path to a .toml file.
    pub protocol: String,
    /// The group's name.
    #[arg(long)]
    pub group: Option<String>,
    /// The facilitator's name.
    #[arg(long)]
    pub facilitator: Option<String>,
    /// The presenter's name.
    #[arg(long)]
    pub presenter: Option<String>,
    /// The participants' names, separated by commas: "Ana, Ben, Cy".
    #[arg(long)]
    pub participants: Option<String>,
    /// Names for any other role, as ROLE=NAMES (may be repeated).
    #[arg(long, value_name = "ROLE=NAMES")]
    pub role: Vec<String>,
    /// The focusing question or dilemma.
    #[arg(long)]
    pub question: Option<String>,
    /// The time the meeting must end by (HH:MM).
    #[arg(long, value_name = "HH:MM", value_parser = parse_time)]
    pub end: Option<NaiveTime>,
    /// Start in the big-digit projector view.
    #[arg(long)]
    pub projector: bool,
}

fn parse_time(s: &str) -> Result<NaiveTime, String> {
    crate::app::parse_end_time(s).ok_or_else(|| crate::words::cli::not_a_time(s))
}
