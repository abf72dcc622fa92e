//! Bringing in others' sessions: a merge commit, never a rebase; a file edited on both
//! sides keeps both sides' lines (git's union merge), anything else that stops the merge
//! undoes it.

use std::fs;

use super::{git::Git, git_needed, lines, run_ok, sync::SyncReport};
use crate::words::archive::share as words;

/// Merges `theirs` into the current branch. Files edited on both sides keep both
/// sides' lines; anything else that stops the merge undoes it, leaving all as it was.
pub(super) fn merge(git: &Git, theirs: &str, report: &mut SyncReport) -> Result<(), String> {
    let out = git
        .run(&[
            "merge",
            "-q",
            "--no-edit",
            "--no-verify",
            "--allow-unrelated-histories",
            "-m",
            words::COMMIT_FROM_OTHERS,
            theirs,
        ])
        .map_err(|m| git_needed("sync", &m))?;
    if out.ok {
        return Ok(());
    }
    let conflicted = lines(&run_ok(
        git,
        &["diff", "--name-only", "-z", "--diff-filter=U"],
        words::CANNOT_READ_MERGE,
    )?);
    let resolved = if conflicted.is_empty() {
        Err(words::could_not_bring_in(&out.said()))
    } else {
        conflicted
            .iter()
            .try_for_each(|p| keep_both(git, p))
            .and_then(|_| {
                run_ok(
                    git,
                    &["commit", "-q", "--no-edit", "--no-verify"],
                    words::COULD_NOT_COMMIT_MERGE,
                )
                .map(|_| ())
            })
    };
    match resolved {
        Ok(()) => {
            report.both_kept.extend(conflicted);
            Ok(())
        }
        Err(e) => {
            let _ = git.run(&["merge", "--abort"]);
            Err(words::nothing_changed(&e))
        }
    }
}

/// Resolves one conflicted file by keeping both sides' lines (git's union merge), or the
/// side that still has the file when the other removed it.
fn keep_both(git: &Git, relative: &str) -> Result<(), String> {
    let stages = run_ok(
        git,
        &["ls-files", "-u", "-z", "--", relative],
        words::CANNOT_READ_MERGE,
    )?;
    let mut blobs: [Option<String>; 4] = Default::default();
    for item in stages.split('\0').filter(|s| !s.is_empty()) {
        let mut fields = item.split(['\t', ' ']);
        let (_mode, sha, stage) = (fields.next(), fields.next(), fields.next());
        if let (Some(sha), Some(Ok(stage))) = (sha, stage.map(str::parse::<usize>))
            && stage < 4
        {
            blobs[stage] = Some(sha.to_string());
        }
    }
    let read = |sha: &Option<String>| -> Result<Option<String>, String> {
        match sha {
            Some(sha) => {
                run_ok(git, &["cat-file", "blob", sha], words::CANNOT_READ_MERGE).map(Some)
            }
            None => Ok(None),
        }
    };
    let (base, ours, theirs) = (read(&blobs[1])?, read(&blobs[2])?, read(&blobs[3])?);
    let text = match (ours, theirs) {
        (Some(ours), Some(theirs)) => union(git, base.as_deref().unwrap_or(""), &ours, &theirs)?,
        (Some(kept), None) | (None, Some(kept)) => kept,
        (None, None) => String::new(),
    };
    let path = git.dir.join(relative);
    crate::archive::save_atomic(&path, &text)
        .map_err(|e| words::cannot_write(&path.display().to_string(), &e))?;
    run_ok(git, &["add", "--", relative], words::CANNOT_RECORD_MERGE)?;
    Ok(())
}

fn union(git: &Git, base: &str, ours: &str, theirs: &str) -> Result<String, String> {
    let work = git.dir.join(".git").join("crit-merge");
    fs::create_dir_all(&work).map_err(|e| words::cannot_merge(&e))?;
    let write = |name: &str, text: &str| {
        let p = work.join(name);
        fs::write(&p, text).map(|_| p.display().to_string())
    };
    let files = (|| {
        Ok::<_, std::io::Error>((
            write("ours", ours)?,
            write("base", base)?,
            write("theirs", theirs)?,
        ))
    })()
    .map_err(|e| words::cannot_merge(&e))?;
    let out = git
        .run(&["merge-file", "-p", "--union", &files.0, &files.1, &files.2])
        .map_err(|m| git_needed("sync", &m))?;
    let _ = fs::remove_dir_all(&work);
    // With --union there are no conflicts left; the exit status counts them otherwise.
    if out.stdout.is_empty() && !(ours.is_empty() && theirs.is_empty()) {
        return Err(words::could_not_merge_versions(&out.said()));
    }
    Ok(out.stdout)
}
