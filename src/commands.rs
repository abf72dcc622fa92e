//! What each command does. The terminal UI is started from here; everything else prints.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::app::{self, Model, Prefill, Screen, Settings, Setup, split_names};
use crate::cli::{ArchiveCommand, Cli, Command, ConfigCommand, RunArgs};
use crate::config::{self, ConfigSource};
use crate::handout::{binder, handout};
use crate::paths::Paths;
use crate::protocol::{Library, Protocol, id_problem, parse_protocol, template};
use crate::runtime::{Files, say};
use crate::text::{line as safe, minutes};

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
        eprintln!("crit: {warning}");
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
    match cli.command {
        Some(Command::Validate { files }) => Ok(validate(&files)),
        Some(Command::New { id, stdout, shared }) => {
            let dir = if shared {
                shared_protocols(&archive_dir)?
            } else {
                paths.user_protocols.clone().ok_or(
                    "no config folder is known on this system; use --stdout and save the file yourself",
                )?
            };
            new(&id, stdout, &dir, shared)
        }
        Some(Command::Archive { command }) => {
            archive_command(command, &archive_dir, &paths.fallback)
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
                .map_err(|e| format!("cannot write the manual page: {e}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Mirror) => {
            let theme = crate::ui::Theme {
                color: resolved.color,
                warning: resolved.warning,
            };
            crate::runtime::mirror(&paths.live, theme)
                .map_err(|e| format!("the terminal failed: {e}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { command }) => {
            match command {
                ConfigCommand::Path => match &paths.config_file {
                    Some(p) => println!("{}", p.display()),
                    None => return Err("no config folder is known on this system".into()),
                },
                ConfigCommand::Example => print!("{}", config::EXAMPLE),
            }
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            let shared = archive_dir.join(crate::protocol::SHARED_FOLDER);
            let library =
                Library::load_with_shared(paths.user_protocols.as_deref(), Some(&shared), &named)?;
            let settings = Settings {
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
            if let Some(problem) = paths.live_problem()
                && matches!(
                    cli.command,
                    None | Some(Command::Run(_) | Command::Resume { .. })
                )
            {
                return Err(problem);
            }
            match cli.command {
                None => {
                    let mut model = Model::new(library, settings, crate::runtime::now());
                    model.resume_offer = unfinished(&[&archive_dir, &paths.fallback]);
                    tui(model, Vec::new(), Files::default())
                }
                Some(Command::Resume { session }) => resume(library, settings, session),
                Some(Command::Run(args)) => run(library, settings, &args),
                Some(Command::List { json }) => Ok(list(&library, json)),
                Some(Command::Show { ids, all }) => show(library, &ids, all),
                Some(
                    Command::Validate { .. }
                    | Command::New { .. }
                    | Command::Archive { .. }
                    | Command::Config { .. }
                    | Command::Mirror
                    | Command::Completions { .. }
                    | Command::Man,
                ) => {
                    unreachable!("handled above")
                }
            }
        }
    }
}

fn tui(model: Model, effects: Vec<app::Effect>, files: Files) -> Result<ExitCode, Fail> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(
            "this command shows a screen and needs a terminal window; run it in one \
             (list, show, validate and archive work anywhere)"
                .into(),
        );
    }
    let model = crate::runtime::run(model, effects, files)
        .map_err(|e| format!("the terminal failed: {e}"))?;
    // After the screen is restored, say where the notes are, so it stays in the scrollback.
    // (The window may be gone already: these lines are best effort.)
    if let Screen::Run(run) = &model.screen
        && let Some(path) = &run.saving.path
    {
        say(
            false,
            &format!(
                "The session is saved in {}; `crit resume` continues it.",
                path.display()
            ),
        );
    }
    if let Screen::Summary(s) = &model.screen {
        match &s.saving.path {
            Some(p) => say(false, &format!("Session notes saved to {}", p.display())),
            None => say(true, "crit: the session could not be saved to a file"),
        }
        match &s.shared {
            Some(shared) if shared.syncing => println!(
                "Committed to the shared archive; the sync had not finished when crit closed, \
                 and `crit archive sync` completes it."
            ),
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
        .map(|t| t.format(" started %a %-d %b, %H:%M").to_string())
        .unwrap_or_default();
    Some((path, format!("{} · {}{when}", entry.protocol, entry.group)))
}

/// `crit resume`: the given session file, or the most recently active one that can
/// actually be resumed (in the archive or the rescue folder).
fn resume(
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
                Some(problem) => format!("no unfinished session can be resumed: {problem}"),
                None => format!(
                    "there is no unfinished session in {} to resume",
                    settings.archive_dir.display()
                ),
            })?
        }
    };
    let mut model = Model::new(library, settings, crate::runtime::now());
    let effects = app::resume_session(&mut model, resumed, path.clone())
        .map_err(|e| format!("cannot resume {}: {e}", path.display()))?;
    tui(model, effects, files)
}

/// Finds a protocol by id, or loads it from a path.
fn find(library: &mut Library, what: &str) -> Result<Protocol, Fail> {
    let path = Path::new(what);
    let id = if what.ends_with(".toml") || path.is_file() {
        library.load_file(path).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            format!("cannot use this protocol file:\n{}", list.join("\n"))
        })?
    } else {
        what.to_string()
    };
    match library.find(&id) {
        Some(s) => Ok(s.protocol.clone()),
        None => {
            let hint = library
                .suggest(&id)
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            Err(format!(
                "there is no protocol `{}`.{hint} `crit list` shows them all.",
                safe(&id)
            ))
        }
    }
}

/// `crit show`: one protocol's handout, or a binder of several (all with `--all`).
fn show(mut library: Library, ids: &[String], all: bool) -> Result<ExitCode, Fail> {
    let chosen: Vec<Protocol> = if all {
        library
            .protocols
            .iter()
            .map(|s| s.protocol.clone())
            .collect()
    } else {
        let mut found = Vec::new();
        for id in ids {
            found.push(find(&mut library, id)?);
        }
        found
    };
    match chosen.as_slice() {
        [one] => print!("{}", handout(one)),
        several => print!("{}", binder(several)),
    }
    Ok(ExitCode::SUCCESS)
}

fn run(mut library: Library, settings: Settings, args: &RunArgs) -> Result<ExitCode, Fail> {
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
    let mut model = Model::new(library, settings, crate::runtime::now());
    model.came_from_picker = false;
    model.start_in_projector = args.projector;
    let effects = match prefill.complete_roster(&protocol) {
        Some(roster) => app::start_session(&mut model, protocol, roster),
        None => {
            model.screen = Screen::Setup(Box::new(Setup::new(protocol, &prefill)));
            Vec::new()
        }
    };
    tui(model, effects, Files::default())
}

/// The session details given on the command line, checked against the protocol's roles.
fn prefill(protocol: &Protocol, args: &RunArgs) -> Result<Prefill, Fail> {
    let roles: Vec<String> = protocol.roles.iter().map(|r| r.id.clone()).collect();
    let unknown = |role: &str| {
        if roles.is_empty() {
            format!(
                "`{}` has no role `{role}`: it declares no roles, so there are no names to give.",
                protocol.id
            )
        } else {
            format!(
                "`{}` has no role `{role}`; its roles are: {}. Use --role ROLE=NAMES.",
                protocol.id,
                roles.join(", ")
            )
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
            return Err(format!(
                "--role needs ROLE=NAMES, like --role timekeeper=Sam (got `{pair}`)"
            ));
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

fn list(library: &Library, json: bool) -> ExitCode {
    if json {
        let items: Vec<serde_json::Value> = library
            .protocols
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.protocol.id,
                    "name": s.protocol.name,
                    "total_minutes": s.total_secs as f64 / 60.0,
                    "origin": s.origin.label(),
                    "file": s.path,
                })
            })
            .collect();
        let skipped: Vec<serde_json::Value> = library
            .skipped
            .iter()
            .map(|s| serde_json::json!({ "file": s.path, "problems": s.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>() }))
            .collect();
        let doc = serde_json::json!({ "protocols": items, "skipped": skipped });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let id_width = library
        .protocols
        .iter()
        .map(|s| s.protocol.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let name_width = library
        .protocols
        .iter()
        .map(|s| s.protocol.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    println!(
        "{:<id_width$}  {:<name_width$}  {:>7}  FROM",
        "ID", "NAME", "MINUTES"
    );
    for s in &library.protocols {
        let name: String = safe(&s.protocol.name).chars().take(name_width).collect();
        let total = minutes((s.total_secs as f64 / 60.0 * 10.0).round() / 10.0);
        println!(
            "{:<id_width$}  {:<name_width$}  {:>7}  {}",
            safe(&s.protocol.id),
            name,
            total,
            match s.origin {
                // The network's protocols say so: their path alone is just a folder.
                crate::protocol::Origin::SharedArchive =>
                    format!("shared archive: {}", safe(&s.path)),
                _ => safe(&s.path),
            }
        );
    }
    for s in &library.skipped {
        for p in &s.problems {
            eprintln!("skipped: {}", safe(&p.to_string()));
        }
    }
    ExitCode::SUCCESS
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut failed = 0;
    let mut seen: Vec<(String, String)> = Vec::new();
    for file in files {
        let shown = file.display().to_string();
        let text = match fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    println!(
                        "{shown}:1:1: this file is not UTF-8 text; save it as UTF-8 in your editor"
                    );
                    failed += 1;
                    continue;
                }
            },
            Err(e) => {
                println!("{shown}: cannot read this file: {e}");
                failed += 1;
                continue;
            }
        };
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match parse_protocol(&text, &shown, &stem) {
            Ok(p) => {
                if let Some((_, first)) = seen.iter().find(|(id, _)| *id == p.id) {
                    println!(
                        "{shown}:1:1: id `{}` is also used by {first}; give one of them another `id`",
                        p.id
                    );
                    failed += 1;
                } else {
                    seen.push((p.id.clone(), shown));
                }
            }
            Err(problems) => {
                failed += 1;
                for p in problems {
                    println!("{}", safe(&p.to_string()));
                }
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} file(s) have problems", files.len());
        ExitCode::from(1)
    } else {
        println!("{} file(s) OK", files.len());
        ExitCode::SUCCESS
    }
}

/// The shared archive's protocol folder, for `crit new --shared`.
fn shared_protocols(archive: &Path) -> Result<PathBuf, Fail> {
    if !crate::archive::share::is_shared(archive) {
        return Err(format!(
            "{} is not a shared archive yet: `crit archive init --remote URL` or `crit archive clone URL` first, \
             or leave out --shared to write into your own protocol folder",
            archive.display()
        ));
    }
    Ok(archive.join(crate::protocol::SHARED_FOLDER))
}

fn new(id: &str, stdout: bool, dir: &Path, shared: bool) -> Result<ExitCode, Fail> {
    if let Some(problem) = id_problem(id) {
        return Err(format!("{} (for example `my-tuning`)", safe(&problem)));
    }
    let text = template(id);
    if stdout {
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    let path = dir.join(format!("{id}.toml"));
    if path.exists() {
        return Err(format!(
            "{} already exists; choose another id or edit that file",
            path.display()
        ));
    }
    fs::create_dir_all(dir)
        .and_then(|_| fs::write(&path, text))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "Wrote {}\nEdit it, check it with `crit validate {}`, then find it in `crit list`.",
        path.display(),
        path.display()
    );
    if shared {
        println!("`crit archive sync` shares it with the network.");
    }
    Ok(ExitCode::SUCCESS)
}

/// `crit archive list|search|path`. List and search read the rescue folder too, where
/// sessions go when the archive folder cannot be written.
fn archive_command(command: ArchiveCommand, dir: &Path, rescue: &Path) -> Result<ExitCode, Fail> {
    use crate::archive::{filter_group, filter_site, list_folders, search_folders, share, to_json};
    let folders = [dir, rescue];
    let shown_dir = safe(&dir.display().to_string());
    let unreadable_folder =
        |e: std::io::Error| format!("cannot read the archive folder {shown_dir}: {e}");
    let missing = |e: &std::io::Error| e.kind() == std::io::ErrorKind::NotFound;
    match command {
        ArchiveCommand::Path => println!("{}", dir.display()),
        ArchiveCommand::Takeaway {
            file,
            output,
            presenter,
        } => takeaway(dir, file, output, presenter.as_deref())?,
        ArchiveCommand::Actions {
            group,
            person,
            site,
            open,
            done,
            json,
        } => {
            let filter = crate::archive::actions::Filter {
                group,
                site,
                person,
                done: (open || done).then_some(done),
            };
            let (actions, unreadable) =
                crate::archive::actions::collect(dir, &filter).map_err(unreadable_folder)?;
            if json {
                let value = crate::archive::actions::to_json(&actions);
                println!(
                    "{}",
                    serde_json::to_string_pretty(&value).unwrap_or_default()
                );
            } else {
                print!("{}", crate::archive::actions::to_text(&actions));
                if actions.is_empty() {
                    eprintln!("no next steps found in {}", dir.display());
                }
            }
            for (path, why) in &unreadable {
                eprintln!("skipped {}: {}", path.display(), safe(why));
            }
        }
        ArchiveCommand::Report {
            person,
            group,
            site,
            from,
            to,
            format,
        } => {
            use crate::archive::report;
            let filter = report::Filter {
                person,
                group,
                site,
                from: from.map(|d| report::parse_date("--from", &d)).transpose()?,
                to: to.map(|d| report::parse_date("--to", &d)).transpose()?,
            };
            let built = report::build(dir, &filter).map_err(unreadable_folder)?;
            match format {
                crate::cli::ReportFormat::Md => print!("{}", built.to_markdown()),
                crate::cli::ReportFormat::Csv => print!("{}", built.to_csv()),
                crate::cli::ReportFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&built.to_json()).unwrap_or_default()
                ),
            }
            for (path, why) in &built.unreadable {
                eprintln!("skipped {}: {}", path.display(), safe(why));
            }
            for (group, a, b) in &built.near_duplicates {
                eprintln!(
                    "note: in {}, {} and {} differ by one letter; counted as two people",
                    safe(group),
                    safe(a),
                    safe(b)
                );
            }
            if let Some(message) = built.empty_message() {
                eprintln!("{message}");
            }
        }
        ArchiveCommand::Init { remote } => println!("{}", share::init(dir, remote.as_deref())?),
        ArchiveCommand::Clone { url, merge } => {
            println!("{}", share::clone(&url, dir, merge, interactive())?)
        }
        ArchiveCommand::Sync => {
            let options = share::SyncOptions {
                prompts: interactive(),
                limit: None,
            };
            let report = share::sync(dir, &options)?;
            println!("{}", report.message());
        }
        ArchiveCommand::List {
            group,
            site,
            json,
            paths,
        } => {
            let listing = match list_folders(&folders) {
                Ok(listing) => listing,
                Err(e) if missing(&e) => Default::default(),
                Err(e) => return Err(unreadable_folder(e)),
            };
            let entries = match &group {
                Some(g) => filter_group(listing.entries, g),
                None => listing.entries,
            };
            let entries = match &site {
                Some(s) => filter_site(entries, s),
                None => entries,
            };
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&to_json(&entries)).unwrap_or_default()
                );
            } else if entries.is_empty() {
                eprintln!("no sessions yet in {shown_dir}");
            } else {
                print!("{}", archive_table(&entries, paths));
            }
            for (path, why) in &listing.unreadable {
                eprintln!(
                    "skipped {}: {}",
                    safe(&path.display().to_string()),
                    safe(why)
                );
            }
        }
        ArchiveCommand::Search { text, site } => {
            let (mut hits, unreadable) = match search_folders(&folders, &text) {
                Ok(found) => found,
                Err(e) if missing(&e) => Default::default(),
                Err(e) => return Err(unreadable_folder(e)),
            };
            if let Some(site) = &site {
                hits.retain(|h| h.entry.at_site(site));
            }
            print!("{}", search_results(&hits));
            for (path, why) in &unreadable {
                eprintln!(
                    "skipped {}: {}",
                    safe(&path.display().to_string()),
                    safe(why)
                );
            }
            if hits.is_empty() {
                eprintln!("nothing matches \"{}\"", safe(&text));
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `crit archive takeaway`: printed, or written to `output`.
fn takeaway(
    dir: &Path,
    file: Option<PathBuf>,
    output: Option<PathBuf>,
    presenter: Option<&str>,
) -> Result<(), Fail> {
    use crate::archive::{read, takeaway};
    let path = match file {
        Some(f) => f,
        None => read::most_recent(dir)?,
    };
    let session = read::read(&path)
        .map_err(|why| format!("cannot read {}: {why}", path.display()))?
        .ok_or_else(|| format!("{} is not a crit session", path.display()))?;
    // The protocol tells which steps are the presenter's reflection (built-in, yours, or
    // the shared archive's); a protocol crit does not know (a file since removed) falls
    // back on the steps' names.
    let shared = dir.join(crate::protocol::SHARED_FOLDER);
    let library = Library::load_with_shared(
        Paths::platform().user_protocols.as_deref(),
        Some(&shared),
        &[],
    )
    .unwrap_or_else(|_| Library::builtin());
    let reflection = library
        .find(&session.entry.protocol_id)
        .map(|s| takeaway::reflection_steps(&s.protocol));
    let page = takeaway::render(&session, reflection.as_deref(), presenter)?;
    match output {
        Some(out) => {
            crate::archive::save_atomic(&out, &page)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("Take-away written to {}", out.display());
        }
        None => print!("{page}"),
    }
    Ok(())
}

/// Whether someone at a terminal can answer git's questions (a password, a passphrase).
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The `archive list` table: date, group, protocol, presenter and status in 80 columns;
/// each session's file after them with `paths`.
fn archive_table(entries: &[crate::archive::ArchiveEntry], paths: bool) -> String {
    use std::fmt::Write;
    use unicode_width::UnicodeWidthStr;
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|e| {
            let time = e.start.as_deref().and_then(|s| s.get(11..16)).unwrap_or("");
            [
                format!("{} {time}", e.date).trim_end().to_string(),
                safe(&e.group),
                safe(&e.protocol),
                safe(&e.presenters.join(", ")),
                crate::archive::status_words(e.status.trim()).to_string(),
            ]
        })
        .collect();
    let header = ["DATE", "GROUP", "PROTOCOL", "PRESENTER", "STATUS"];
    // Each column as wide as its widest entry, up to a share of 80 columns (two spaces
    // between columns); a column narrower than its share gives the rest to the others.
    let mut widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].width())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fixed = widths[0] + widths[4] + 2 * 4;
    let mut room = 80usize.saturating_sub(fixed);
    let mut flexible = vec![1usize, 2, 3];
    // Give each narrow column what it needs, then share what is left among the rest.
    loop {
        let share = room / flexible.len().max(1);
        let narrow: Vec<usize> = flexible
            .iter()
            .copied()
            .filter(|&i| widths[i] <= share)
            .collect();
        if narrow.is_empty() {
            for (k, &i) in flexible.iter().enumerate() {
                widths[i] = share + usize::from(k < room % flexible.len().max(1));
            }
            break;
        }
        for i in narrow {
            room -= widths[i];
            flexible.retain(|&f| f != i);
        }
        if flexible.is_empty() {
            break;
        }
    }
    let line = |cells: [&str; 5], path: Option<&str>| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 4 && path.is_none() {
                l.push_str(&safe(c));
            } else {
                l.push_str(&crate::text::fit(&safe(c), widths[i]));
                l.push_str("  ");
            }
        }
        if let Some(p) = path {
            l.push_str(p);
        }
        l.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(header, paths.then_some("FILE")));
    for (row, e) in rows.iter().zip(entries) {
        let path = safe(&e.path.display().to_string());
        let cells = [
            row[0].as_str(),
            row[1].as_str(),
            row[2].as_str(),
            row[3].as_str(),
            row[4].as_str(),
        ];
        let _ = writeln!(out, "{}", line(cells, paths.then_some(path.as_str())));
    }
    out
}

/// Search hits for people: each session once (date, group, protocol, file name), then
/// where each hit is and the text as typed, indented.
fn search_results(hits: &[crate::archive::SearchHit]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut last: Option<&Path> = None;
    for hit in hits {
        let e = &hit.entry;
        if last != Some(e.path.as_path()) {
            if last.is_some() {
                out.push('\n');
            }
            let time = e.start.as_deref().and_then(|s| s.get(11..16)).unwrap_or("");
            let file = e
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{} {time} · {} · {} · {}",
                safe(&e.date),
                safe(&e.group),
                safe(&e.protocol),
                safe(&file)
            );
            last = Some(e.path.as_path());
        }
        let mut lines = hit.text.lines();
        let first = lines.next().unwrap_or("");
        match &hit.place {
            Some(place) => {
                let _ = writeln!(out, "  {}: {}", safe(place), safe(first));
            }
            None => {
                let _ = writeln!(out, "  {}", safe(first));
            }
        }
        for more in lines {
            let _ = writeln!(out, "    {}", safe(more));
        }
    }
    out
}
