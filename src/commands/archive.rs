//! The `crit archive` commands: list, search, path, takeaway, actions, report, and
//! sharing the archive on git (init, clone, sync).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Fail;
use super::listing::{archive_table, search_results};
use crate::cli::ArchiveCommand;
use crate::protocol::Library;
use crate::text::line as safe;
use crate::words::cli as words;

/// `crit archive list|search|path`. List and search read the rescue folder too, where
/// sessions go when the archive folder cannot be written.
pub(super) fn archive_command(
    command: ArchiveCommand,
    dir: &Path,
    rescue: &Path,
    load_library: impl Fn() -> Result<Library, Fail>,
) -> Result<ExitCode, Fail> {
    use crate::archive::{filter_group, filter_site, list_folders, search_folders, share, to_json};
    let folders = [dir, rescue];
    let shown_dir = safe(&dir.display().to_string());
    let unreadable_folder = |e: std::io::Error| words::cannot_read_archive(&shown_dir, e);
    let missing = |e: &std::io::Error| e.kind() == std::io::ErrorKind::NotFound;
    match command {
        ArchiveCommand::Path => println!("{}", dir.display()),
        ArchiveCommand::Takeaway {
            file,
            output,
            presenter,
        } => takeaway(dir, file, output, presenter.as_deref(), load_library)?,
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
                    eprintln!("{}", words::no_next_steps(dir.display()));
                }
            }
            for (path, why) in &unreadable {
                eprintln!(
                    "{}",
                    words::skipped_session(&path.display().to_string(), &safe(why))
                );
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
                eprintln!(
                    "{}",
                    words::skipped_session(&path.display().to_string(), &safe(why))
                );
            }
            for (group, a, b) in &built.near_duplicates {
                let note = words::one_letter_apart(&safe(group), &safe(a), &safe(b));
                eprintln!("{note}");
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
                eprintln!("{}", words::no_sessions_yet(&shown_dir));
            } else {
                print!("{}", archive_table(&entries, paths));
            }
            for (path, why) in &listing.unreadable {
                let path = safe(&path.display().to_string());
                eprintln!("{}", words::skipped_session(&path, &safe(why)));
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
                let path = safe(&path.display().to_string());
                eprintln!("{}", words::skipped_session(&path, &safe(why)));
            }
            if hits.is_empty() {
                eprintln!("{}", words::nothing_matches(&safe(&text)));
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
    load_library: impl Fn() -> Result<Library, Fail>,
) -> Result<(), Fail> {
    use crate::archive::{read, takeaway};
    let path = match file {
        Some(f) => f,
        None => read::most_recent(dir)?,
    };
    let session = read::read(&path)
        .map_err(|why| words::cannot_read(path.display(), why))?
        .ok_or_else(|| words::not_a_session(path.display()))?;
    // The protocol tells which steps are the presenter's reflection (built-in, yours, the
    // shared archive's, or a folder named with --protocols); a protocol crit does not know
    // (a file since removed) falls back on the steps' names.
    let library = load_library().unwrap_or_else(|_| Library::builtin());
    let reflection = library
        .find(&session.entry.protocol_id)
        .map(|s| takeaway::reflection_steps(&s.protocol));
    let page = takeaway::render(&session, reflection.as_deref(), presenter)?;
    match output {
        Some(out) => {
            crate::archive::save_atomic(&out, &page)
                .map_err(|e| words::cannot_write(out.display(), e))?;
            println!("{}", words::takeaway_written(out.display()));
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
