//! What each command does: `dispatch` reads the settings once and hands each command to
//! the file that owns it.
//!
//! - [`session`]: the commands that open the terminal UI (the picker, `run`, `resume`);
//! - [`library`]: `list`, `show`, `validate`, `new`;
//! - [`archive`]: `crit archive …` (browsing past sessions, sharing them on git), printed
//!   by [`listing`].

mod archive;
mod library;
mod listing;
mod session;

use std::process::ExitCode;

use crate::app::Settings;
use crate::cli::{Cli, Command, ConfigCommand};
use crate::config::{self, ConfigSource};
use crate::paths::Paths;
use crate::protocol::Library;
use crate::words::cli as words;

/// A user-fixable problem, explained in one message (exit code 1).
pub type Fail = String;

/// Runs a command. The environment is read once, here (`config::resolve` reads the
/// variables crit knows: CRIT_ARCHIVE, CRIT_BELL, CRIT_PROTOCOLS, CRIT_LIVE, NO_COLOR).
pub fn dispatch(cli: Cli) -> Result<ExitCode, Fail> {
    let paths = Paths::platform();
    let source = match &cli.config {
        Some(path) => ConfigSource::Explicit(path),
        None => ConfigSource::Default(paths.config_file.as_deref()),
    };
    let (file, warnings) = config::load(source)?;
    let flags = config::Flags {
        archive: cli.archive.clone(),
        bell: cli.no_bell.then_some(false),
        protocols: cli.protocols.clone(),
    };
    let resolved = config::resolve(&flags, &|key| std::env::var(key).ok(), &file);
    for warning in warnings.iter().chain(&resolved.warnings) {
        eprintln!("{}", words::crit_says(warning));
    }
    let archive_dir = resolved
        .archive
        .clone()
        .unwrap_or_else(|| paths.default_archive.clone());
    let named = resolved.protocols.clone();
    let mut paths = paths;
    if let Some(file) = &resolved.live {
        paths.live = crate::app::live::LiveSource::File(file.clone());
    }
    let load_library = || {
        let shared = archive_dir.join(crate::protocol::SHARED_FOLDER);
        Library::load_with_shared(paths.user_protocols.as_deref(), Some(&shared), &named)
    };
    let settings = || Settings {
        archive_dir: archive_dir.clone(),
        fallback_dir: paths.fallback.clone(),
        bell: resolved.bell,
        warning: resolved.warning,
        auto_advance: resolved.auto_advance,
        color: resolved.color,
        default_group: resolved.group.clone(),
        default_names: resolved.names.clone(),
        live_file: Some(paths.live_file()),
        site: resolved.site.clone(),
        sync_after_session: resolved.sync_after_session,
        tags: resolved.tags.clone(),
    };
    // The commands that show a screen write the live file: one crit did not make is refused
    // (after the library loads, so a broken protocol folder is said first).
    let ready_for_screen = || -> Result<(Library, Settings), Fail> {
        let library = load_library()?;
        match paths.live_problem() {
            Some(problem) => Err(problem),
            None => Ok((library, settings())),
        }
    };
    match cli.command {
        None => {
            let (library, settings) = ready_for_screen()?;
            session::picker(library, settings)
        }
        Some(Command::Run(args)) => {
            let (library, settings) = ready_for_screen()?;
            session::run(library, settings, &args)
        }
        Some(Command::Resume { session }) => {
            let (library, settings) = ready_for_screen()?;
            session::resume(library, settings, session)
        }
        Some(Command::List { json }) => Ok(library::list(&load_library()?, json)),
        Some(Command::Show { ids, all }) => library::show(load_library()?, &ids, all),
        Some(Command::Validate { files }) => Ok(library::validate(&files)),
        Some(Command::New { id, stdout, shared }) => {
            let dir = if shared {
                library::shared_protocols(&archive_dir)?
            } else {
                paths
                    .user_protocols
                    .clone()
                    .ok_or(words::NO_CONFIG_FOLDER_FOR_NEW)?
            };
            library::new(&id, stdout, &dir, shared)
        }
        Some(Command::Archive { command }) => {
            archive::archive_command(command, &archive_dir, &paths.fallback, load_library)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "crit", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd)
                .render(&mut std::io::stdout())
                .map_err(words::cannot_write_manual)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Mirror) => {
            let theme = crate::ui::Theme {
                color: resolved.color,
                warning: resolved.warning,
            };
            crate::runtime::mirror(&paths.live, theme).map_err(words::terminal_failed)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { command }) => {
            match command {
                ConfigCommand::Path => match &paths.config_file {
                    Some(p) => println!("{}", p.display()),
                    None => return Err(words::NO_CONFIG_FOLDER.into()),
                },
                ConfigCommand::Example => print!("{}", config::EXAMPLE),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
