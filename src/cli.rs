//! The command line, as clap types. Their help is worded in `words::cli`.

use std::path::PathBuf;

use chrono::NaiveTime;
use clap::{Args, Parser, Subcommand};

use crate::words::cli as words;

#[derive(Debug, Parser)]
#[command(
    name = "crit",
    version,
    about = words::ABOUT_CRIT,
    long_about = words::LONG_ABOUT_CRIT
)]
pub struct Cli {
    #[arg(long, global = true, value_name = "DIR", help = words::HELP_PROTOCOLS)]
    pub protocols: Vec<PathBuf>,
    #[arg(long, global = true, value_name = "DIR", help = words::HELP_ARCHIVE)]
    pub archive: Option<PathBuf>,
    #[arg(long, global = true, value_name = "FILE", help = words::HELP_CONFIG)]
    pub config: Option<PathBuf>,
    #[arg(long, global = true, help = words::HELP_NO_BELL)]
    pub no_bell: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(about = words::ABOUT_RUN)]
    Run(RunArgs),
    #[command(about = words::ABOUT_LIST)]
    List {
        #[arg(long, help = words::HELP_LIST_JSON)]
        json: bool,
    },
    #[command(about = words::ABOUT_SHOW)]
    Show {
        #[arg(value_name = "PROTOCOL", required_unless_present = "all", help = words::HELP_SHOW_IDS)]
        ids: Vec<String>,
        #[arg(long, conflicts_with = "ids", help = words::HELP_SHOW_ALL)]
        all: bool,
    },
    #[command(about = words::ABOUT_VALIDATE)]
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    #[command(about = words::ABOUT_RESUME)]
    Resume {
        #[arg(value_name = "FILE", help = words::HELP_RESUME_SESSION)]
        session: Option<PathBuf>,
    },
    #[command(about = words::ABOUT_MIRROR)]
    Mirror,
    #[command(about = words::ABOUT_COMPLETIONS)]
    Completions { shell: clap_complete::Shell },
    #[command(about = words::ABOUT_MAN)]
    Man,
    #[command(about = words::ABOUT_ARCHIVE)]
    Archive {
        #[command(subcommand)]
        command: ArchiveCommand,
    },
    #[command(about = words::ABOUT_CONFIG)]
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    #[command(about = words::ABOUT_NEW)]
    New {
        #[arg(help = words::HELP_NEW_ID)]
        id: String,
        #[arg(long, help = words::HELP_NEW_STDOUT)]
        stdout: bool,
        #[arg(long, conflicts_with = "stdout", help = words::HELP_NEW_SHARED)]
        shared: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    #[command(about = words::ABOUT_ARCHIVE_LIST)]
    List {
        #[arg(long, help = words::HELP_ARCHIVE_LIST_GROUP)]
        group: Option<String>,
        #[arg(long, help = words::HELP_ARCHIVE_LIST_SITE)]
        site: Option<String>,
        #[arg(long, help = words::HELP_ARCHIVE_LIST_JSON)]
        json: bool,
        #[arg(long, help = words::HELP_ARCHIVE_LIST_PATHS)]
        paths: bool,
    },
    #[command(about = words::ABOUT_ARCHIVE_SEARCH)]
    Search {
        text: String,
        #[arg(long, help = words::HELP_ARCHIVE_SEARCH_SITE)]
        site: Option<String>,
    },
    #[command(about = words::ABOUT_ARCHIVE_TAKEAWAY)]
    Takeaway {
        #[arg(value_name = "FILE", help = words::HELP_ARCHIVE_TAKEAWAY_FILE)]
        file: Option<PathBuf>,
        #[arg(long, value_name = "FILE", help = words::HELP_ARCHIVE_TAKEAWAY_OUTPUT)]
        output: Option<PathBuf>,
        #[arg(long, value_name = "NAME", help = words::HELP_ARCHIVE_TAKEAWAY_PRESENTER)]
        presenter: Option<String>,
    },
    #[command(about = words::ABOUT_ARCHIVE_ACTIONS)]
    Actions {
        #[arg(long, help = words::HELP_ARCHIVE_ACTIONS_GROUP)]
        group: Option<String>,
        #[arg(long, help = words::HELP_ARCHIVE_ACTIONS_PERSON)]
        person: Option<String>,
        #[arg(long, help = words::HELP_ARCHIVE_ACTIONS_SITE)]
        site: Option<String>,
        #[arg(long, conflicts_with = "done", help = words::HELP_ARCHIVE_ACTIONS_OPEN)]
        open: bool,
        #[arg(long, help = words::HELP_ARCHIVE_ACTIONS_DONE)]
        done: bool,
        #[arg(long, help = words::HELP_ARCHIVE_ACTIONS_JSON)]
        json: bool,
    },
    #[command(about = words::ABOUT_ARCHIVE_REPORT)]
    Report {
        #[arg(long, help = words::HELP_ARCHIVE_REPORT_PERSON)]
        person: Option<String>,
        #[arg(long, help = words::HELP_ARCHIVE_REPORT_GROUP)]
        group: Option<String>,
        #[arg(long, help = words::HELP_ARCHIVE_REPORT_SITE)]
        site: Option<String>,
        #[arg(long, value_name = "DATE", help = words::HELP_ARCHIVE_REPORT_FROM)]
        from: Option<String>,
        #[arg(long, value_name = "DATE", help = words::HELP_ARCHIVE_REPORT_TO)]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md, help = words::HELP_ARCHIVE_REPORT_FORMAT)]
        format: ReportFormat,
    },
    #[command(about = words::ABOUT_ARCHIVE_PATH)]
    Path,
    #[command(about = words::ABOUT_ARCHIVE_INIT)]
    Init {
        #[arg(long, value_name = "URL", help = words::HELP_ARCHIVE_INIT_REMOTE)]
        remote: Option<String>,
    },
    #[command(about = words::ABOUT_ARCHIVE_CLONE)]
    Clone {
        #[arg(help = words::HELP_ARCHIVE_CLONE_URL)]
        url: String,
        #[arg(long, help = words::HELP_ARCHIVE_CLONE_MERGE)]
        merge: bool,
    },
    #[command(about = words::ABOUT_ARCHIVE_SYNC)]
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
    #[command(about = words::ABOUT_CONFIG_PATH)]
    Path,
    #[command(about = words::ABOUT_CONFIG_EXAMPLE)]
    Example,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[arg(help = words::HELP_RUN_PROTOCOL)]
    pub protocol: String,
    #[arg(long, help = words::HELP_RUN_GROUP)]
    pub group: Option<String>,
    #[arg(long, help = words::HELP_RUN_FACILITATOR)]
    pub facilitator: Option<String>,
    #[arg(long, help = words::HELP_RUN_PRESENTER)]
    pub presenter: Option<String>,
    #[arg(long, help = words::HELP_RUN_PARTICIPANTS)]
    pub participants: Option<String>,
    #[arg(long, value_name = "ROLE=NAMES", help = words::HELP_RUN_ROLE)]
    pub role: Vec<String>,
    #[arg(long, help = words::HELP_RUN_QUESTION)]
    pub question: Option<String>,
    #[arg(long, value_name = "HH:MM", value_parser = parse_time, help = words::HELP_RUN_END)]
    pub end: Option<NaiveTime>,
    #[arg(long, help = words::HELP_RUN_PROJECTOR)]
    pub projector: bool,
}

fn parse_time(s: &str) -> Result<NaiveTime, String> {
    crate::times::parse_end_time(s).ok_or_else(|| crate::words::cli::not_a_time(s))
}
