//! The commands about protocols: `crit list`, `crit show` (the handout), `crit validate`
//! and `crit new`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Fail;
use crate::handout::{binder, handout};
use crate::protocol::{Library, Protocol, id_problem, template};
use crate::text::line as safe;
use crate::times::minutes;
use crate::words::cli as words;

/// Finds a protocol by id, or loads it from a path.
pub(super) fn find(library: &mut Library, what: &str) -> Result<Protocol, Fail> {
    let path = Path::new(what);
    let id = if what.ends_with(".toml") || path.is_file() {
        library.load_file(path).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            format!("{}\n{}", words::CANNOT_USE_PROTOCOL_FILE, list.join("\n"))
        })?
    } else {
        what.to_string()
    };
    match library.find(&id) {
        Some(s) => Ok(s.protocol.clone()),
        None => {
            let hint = library
                .suggest(&id)
                .map(words::did_you_mean)
                .unwrap_or_default();
            Err(words::no_such_protocol(&safe(&id), &hint))
        }
    }
}

/// `crit show`: one protocol's handout, or a binder of several (all with `--all`).
pub(super) fn show(mut library: Library, ids: &[String], all: bool) -> Result<ExitCode, Fail> {
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

pub(super) fn list(library: &Library, json: bool) -> ExitCode {
    if json {
        let items: Vec<serde_json::Value> = library
            .protocols
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.protocol.id,
                    "name": s.protocol.name,
                    "total_minutes": s.protocol.typical_total_secs() as f64 / 60.0,
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
        "{:<id_width$}  {:<name_width$}  {:>7}  {}",
        words::LIST_ID,
        words::LIST_NAME,
        words::LIST_MINUTES,
        words::LIST_FROM
    );
    for s in &library.protocols {
        let name: String = safe(&s.protocol.name).chars().take(name_width).collect();
        let total = minutes((s.protocol.typical_total_secs() as f64 / 60.0 * 10.0).round() / 10.0);
        println!(
            "{:<id_width$}  {:<name_width$}  {:>7}  {}",
            safe(&s.protocol.id),
            name,
            total,
            match s.origin {
                // The network's protocols say so: their path alone is just a folder.
                crate::protocol::Origin::SharedArchive =>
                    words::from_shared_archive(&safe(&s.path)),
                _ => safe(&s.path),
            }
        );
    }
    for s in &library.skipped {
        for p in &s.problems {
            eprintln!("{}", words::skipped_protocol(&safe(&p.to_string())));
        }
    }
    ExitCode::SUCCESS
}

pub(super) fn validate(files: &[PathBuf]) -> ExitCode {
    let mut failed = 0;
    for checked in Library::check_files(files) {
        if let Some(why) = checked.unreadable() {
            println!("{}: {}", checked.path, words::cannot_read_file(why));
            failed += 1;
        } else if !checked.problems().is_empty() {
            for p in checked.problems() {
                println!("{}", safe(&p.to_string()));
            }
            failed += 1;
        }
    }
    if failed > 0 {
        eprintln!("{}", words::files_with_problems(failed, files.len()));
        ExitCode::from(1)
    } else {
        println!("{}", words::files_ok(files.len()));
        ExitCode::SUCCESS
    }
}

/// The shared archive's protocol folder, for `crit new --shared`.
pub(super) fn shared_protocols(archive: &Path) -> Result<PathBuf, Fail> {
    if !crate::archive::share::is_shared(archive) {
        return Err(words::not_shared_yet(archive.display()));
    }
    Ok(archive.join(crate::protocol::SHARED_FOLDER))
}

pub(super) fn new(id: &str, stdout: bool, dir: &Path, shared: bool) -> Result<ExitCode, Fail> {
    if let Some(problem) = id_problem(id) {
        return Err(words::bad_new_id(&safe(&problem)));
    }
    let text = template(id);
    if stdout {
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    let path = dir.join(format!("{id}.toml"));
    if path.exists() {
        return Err(words::already_exists(path.display()));
    }
    fs::create_dir_all(dir)
        .and_then(|_| fs::write(&path, text))
        .map_err(|e| words::cannot_write(path.display(), e))?;
    println!("{}", words::new_protocol_written(path.display()));
    if shared {
        println!("{}", words::NEW_SHARED_HINT);
    }
    Ok(ExitCode::SUCCESS)
}
