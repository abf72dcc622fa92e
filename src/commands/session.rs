//! The commands that open the terminal UI: the picker (`crit` alone), `crit run` and
//! `crit resume`; each builds the model through `app::init`, and says afterwards where the
//! notes are.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Fail;
use super::library::find;
use crate::app::{self, Model, Prefill, Screen, Settings, Start, split_names};
use crate::cli::RunArgs;
use crate::protocol::{Library, Protocol};
use crate::runtime::{Files, say};
use crate::words::cli as words;

/// `crit` with no command: the picker, offering the most recent unfinished session.
pub(super) fn picker(library: Library, settings: Settings) -> Result<ExitCode, Fail> {
    let resume_offer = unfinished(&[&settings.archive_dir, &settings.fallback_dir]);
    let (model, effects) = app::init(
        library,
        settings,
        crate::runtime::now(),
        Start::Picker { resume_offer },
    )?;
    tui(model, effects, Files::default())
}

fn tui(model: Model, effects: Vec<app::Effect>, files: Files) -> Result<ExitCode, Fail> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(words::NEEDS_A_TERMINAL.into());
    }
    let model = crate::runtime::run(model, effects, files).map_err(words::terminal_failed)?;
    // After the screen is restored, say where the notes are, so it stays in the scrollback.
    // (The window may be gone already: these lines are best effort.)
    if let Screen::Run(run) = &model.screen
        && let Some(path) = &run.saving.path
    {
        say(false, &words::session_saved_resumable(path.display()));
    }
    if let Screen::Summary(s) = &model.screen {
        match &s.saving.path {
            Some(p) => say(false, &words::session_notes_saved(p.display())),
            None => say(true, &words::crit_says(words::SESSION_NOT_SAVED)),
        }
        match &s.shared {
            Some(shared) if shared.syncing => println!("{}", words::SYNC_UNFINISHED_AT_EXIT),
            Some(shared) => println!("{}", shared.message),
            None => {}
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The most recently active session that can be resumed (in the archive or the rescue
/// folder), described for the picker. Sessions another crit has open are passed over.
fn unfinished(dirs: &[&Path]) -> Option<(PathBuf, String)> {
    let path = crate::archive::journal::unfinished(dirs)
        .into_iter()
        .find(|p| !crate::archive::held_elsewhere(p))?;
    let entry = crate::archive::entry(&path).ok()??;
    let when = entry
        .start
        .as_deref()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok());
    let when = when
        .map(|t| t.format(words::UNFINISHED_STARTED).to_string())
        .unwrap_or_default();
    let offer = words::unfinished_session(&entry.protocol, &entry.group, &when);
    Some((path, offer))
}

/// `crit resume`: the given session file, or the most recently active one that can
/// actually be resumed (in the archive or the rescue folder).
pub(super) fn resume(
    library: Library,
    settings: Settings,
    session: Option<PathBuf>,
) -> Result<ExitCode, Fail> {
    let mut files = Files::default();
    let (path, resumed) = match session {
        Some(path) => {
            let resumed = files.resume(&path)?;
            (path, resumed)
        }
        None => {
            let dirs = [
                settings.archive_dir.as_path(),
                settings.fallback_dir.as_path(),
            ];
            let mut last_problem = None;
            let mut found = None;
            for path in crate::archive::journal::unfinished(&dirs) {
                match files.resume(&path) {
                    Ok(resumed) => {
                        found = Some((path, resumed));
                        break;
                    }
                    Err(problem) => last_problem = Some(problem),
                }
            }
            found.ok_or_else(|| match last_problem {
                Some(problem) => words::nothing_resumable(problem),
                None => words::no_unfinished_session(settings.archive_dir.display()),
            })?
        }
    };
    let start = Start::Resume {
        resumed,
        path: path.clone(),
    };
    let (model, effects) = app::init(library, settings, crate::runtime::now(), start)
        .map_err(|e| words::cannot_resume(path.display(), e))?;
    tui(model, effects, files)
}

pub(super) fn run(
    mut library: Library,
    settings: Settings,
    args: &RunArgs,
) -> Result<ExitCode, Fail> {
    let protocol = find(&mut library, &args.protocol)?;
    let defaults = Prefill::from_defaults(
        &protocol,
        settings.default_group.as_deref(),
        &settings.default_names,
    );
    let prefill = defaults.overridden_by(prefill(&protocol, args)?);
    if let Some(problem) = prefill.too_big() {
        return Err(problem);
    }
    let start = Start::Run {
        protocol,
        prefill,
        projector: args.projector,
    };
    let (model, effects) = app::init(library, settings, crate::runtime::now(), start)?;
    tui(model, effects, Files::default())
}

/// The session details given on the command line, checked against the protocol's roles.
fn prefill(protocol: &Protocol, args: &RunArgs) -> Result<Prefill, Fail> {
    let roles: Vec<String> = protocol.roles.iter().map(|r| r.id.clone()).collect();
    let unknown = |role: &str| {
        if roles.is_empty() {
            words::no_roles_at_all(&protocol.id, role)
        } else {
            words::no_such_role(&protocol.id, role, &roles.join(", "))
        }
    };
    let mut given: Vec<(String, String)> = Vec::new();
    for (flag, role) in [
        (&args.facilitator, "facilitator"),
        (&args.presenter, "presenter"),
    ] {
        if let Some(names) = flag {
            if protocol.role(role).is_none() {
                return Err(unknown(role));
            }
            given.push((role.to_string(), names.clone()));
        }
    }
    if let Some(names) = &args.participants {
        // `--participants` fills the role called participant, or the protocol's only role of many people.
        let many: Vec<_> = protocol.roles.iter().filter(|r| r.many).collect();
        let role = match protocol.role("participant") {
            Some(r) => r.id.clone(),
            None if many.len() == 1 => many[0].id.clone(),
            None => return Err(unknown("participant")),
        };
        given.push((role, names.clone()));
    }
    for pair in &args.role {
        let Some((role, names)) = pair.split_once('=') else {
            return Err(words::role_needs_names(pair));
        };
        if protocol.role(role.trim()).is_none() {
            return Err(unknown(role.trim()));
        }
        given.push((role.trim().to_string(), names.to_string()));
    }
    let roles = given
        .into_iter()
        .map(|(role, names)| {
            let many = protocol.role(&role).is_some_and(|r| r.many);
            let names = split_names(&names, many);
            (role, names)
        })
        .collect();
    Ok(Prefill {
        group: args.group.clone(),
        roles,
        question: args.question.clone(),
        end_by: args.end,
    })
}
