//! Joining a network: `crit archive init` (make this archive shared) and `crit archive
//! clone` (take a group's shared archive, keeping or merging what the folder holds).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::{
    commit::commit_pending,
    git::Git,
    git_needed,
    identity::{machine_id, use_identity},
    is_session_path, is_shared, need_git,
    private::write_gitignore,
    run_ok,
    sync::{explain_network, remote_branch},
};
use crate::words::archive::share as words;

/// `crit archive init [--remote URL]`: makes `dir` a git repository (creating the folder
/// if needed), commits the sessions already there (never one still running), writes the
/// `.gitignore`, and sets the remote. Returns what to tell the user.
pub fn init(dir: &Path, remote: Option<&str>) -> Result<String, String> {
    need_git("init")?;
    fs::create_dir_all(dir).map_err(|e| words::cannot_create(&dir.display().to_string(), &e))?;
    let mut git = Git::new(dir);
    let created = !is_shared(dir);
    if created {
        // The branch keeps git's own default name (`init.defaultBranch`): a group's bare
        // repository made with the same git points its HEAD there, so a plain
        // `git clone` of it checks the sessions out.
        run_ok(&git, &["init", "-q"], words::CANNOT_MAKE_REPOSITORY)?;
    }
    let result = (|| {
        write_gitignore(dir)?;
        machine_id(&dir.join(".git"));
        let notice = use_identity(&mut git);
        let committed = commit_pending(&git, words::commit_archive_so_far)?;
        let notice = notice.filter(|_| !committed.is_empty());
        if let Some(url) = remote {
            set_remote(&git, url)?;
        }
        Ok::<_, String>((committed, notice))
    })();
    let (committed, notice) = match result {
        Ok(r) => r,
        Err(e) => {
            if created {
                // Leave the folder as it was: no repository half made.
                let _ = fs::remove_dir_all(dir.join(".git"));
            }
            return Err(e);
        }
    };
    let sessions = committed.iter().filter(|p| is_session_path(dir, p)).count();
    let shown = dir.display().to_string();
    let mut lines = vec![if created {
        words::now_shared(&shown, sessions)
    } else {
        words::already_a_repository(&shown, sessions)
    }];
    match remote {
        Some(url) => lines.push(words::remote_is(url)),
        None => lines.push(words::NO_REMOTE_YET.into()),
    }
    lines.push(words::PRIVACY.into());
    lines.extend(notice);
    Ok(lines.join("\n"))
}

/// `crit archive clone URL [--merge]`: makes `dir` a clone of the group's shared
/// archive. Sessions already in `dir` that the shared archive does not have are added
/// to it only with `merge`; without it, nothing is changed and the message says how.
pub fn clone(url: &str, dir: &Path, merge: bool, prompts: bool) -> Result<String, String> {
    need_git("clone")?;
    if is_shared(dir) {
        return Err(words::already_cloned(&dir.display().to_string()));
    }
    let existed = dir.exists();
    fs::create_dir_all(dir).map_err(|e| words::cannot_create(&dir.display().to_string(), &e))?;
    let mut git = Git::new(dir);
    git.prompts = prompts;
    let undo = |dir: &Path| {
        let _ = fs::remove_dir_all(dir.join(".git"));
        if !existed {
            let _ = fs::remove_dir(dir);
        }
    };
    let result = clone_into(&mut git, url, merge);
    match result {
        Ok(message) => Ok(message),
        Err(e) => {
            undo(dir);
            Err(e)
        }
    }
}

fn clone_into(git: &mut Git, url: &str, merge: bool) -> Result<String, String> {
    let dir = git.dir.clone();
    run_ok(git, &["init", "-q"], words::CANNOT_MAKE_REPOSITORY)?;
    set_remote(git, url)?;
    let fetched = git
        .run_network(&["fetch", "--quiet", "--no-tags", "origin"])
        .map_err(|m| git_needed("clone", &m))?;
    if !fetched.ok {
        let message = explain_network("fetch", url, &fetched, None);
        // Nothing was committed yet: the folder is left as it was.
        let (reason, _) = message
            .split_once(words::NOTHING_LOST_TAIL)
            .unwrap_or((&message, ""));
        return Err(words::clone_fetch_failed(
            reason,
            &dir.display().to_string(),
        ));
    }
    let branch = remote_branch(git, "origin", None)?;
    // Each shared file's name and content id.
    let shared: Vec<(String, String)> = match &branch {
        Some(b) => run_ok(
            git,
            &["ls-tree", "-r", "-z", &format!("origin/{b}")],
            words::CANNOT_READ_SHARED,
        )?
        .split('\0')
        .filter_map(|item| {
            let (meta, path) = item.split_once('\t')?;
            Some((path.to_string(), meta.split(' ').nth(2)?.to_string()))
        })
        .collect(),
        None => Vec::new(),
    };
    let theirs: BTreeSet<String> = shared.iter().map(|(p, _)| p.clone()).collect();
    let local = local_sessions(&dir);
    let only_here: Vec<&String> = local.iter().filter(|p| !theirs.contains(*p)).collect();
    let differing = differing_files(git, &shared, &local)?;
    let all_shared = only_here.is_empty() && differing.is_empty();
    if !all_shared && !merge {
        let mut what = Vec::new();
        if !only_here.is_empty() {
            what.push(words::only_here(only_here.len(), url));
        }
        if !differing.is_empty() {
            what.push(words::differing(differing.len()));
        }
        return Err(words::clone_would_mix(
            &dir.display().to_string(),
            &what,
            url,
        ));
    }
    // A session that differs from the shared one of the same name is kept beside it,
    // under a name of its own; the shared one takes its place.
    let mut kept_beside = Vec::new();
    for name in &differing {
        let from = dir.join(name);
        let to = crate::archive::create_unique(&dir, name, "")
            .and_then(|to| fs::rename(&from, &to).map(|_| to))
            .map_err(|e| words::cannot_keep_apart(&from.display().to_string(), &e))?;
        kept_beside.push(words::kept_beside(
            name,
            &to.file_name().unwrap_or_default().to_string_lossy(),
        ));
    }
    // Follow the network's branch; an empty network keeps git's own default name.
    if let Some(branch_name) = &branch {
        run_ok(
            git,
            &["symbolic-ref", "HEAD", &format!("refs/heads/{branch_name}")],
            words::CANNOT_NAME_BRANCH,
        )?;
    }
    if let Some(b) = &branch {
        let upstream = format!("origin/{b}");
        // The index takes the shared archive's files; the folder's own files stay as they
        // are, and the shared files it lacks are written (never over an existing file).
        run_ok(git, &["reset", "-q", &upstream], words::CANNOT_READ_SHARED)?;
        let missing: Vec<String> = theirs
            .iter()
            .filter(|p| !dir.join(p).exists())
            .cloned()
            .collect();
        for chunk in missing.chunks(500) {
            let mut args = vec!["checkout", "-q", "--"];
            args.extend(chunk.iter().map(String::as_str));
            run_ok(git, &args, words::CANNOT_WRITE_SHARED_FILES)?;
        }
        run_ok(
            git,
            &["branch", "-q", &format!("--set-upstream-to={upstream}")],
            words::CANNOT_FOLLOW_SHARED,
        )?;
    }
    write_gitignore(&dir)?;
    machine_id(&dir.join(".git"));
    let notice = use_identity(git);
    let committed = commit_pending(git, words::commit_from_this_computer)?;
    let notice = notice.filter(|_| !committed.is_empty());
    let notice = notice.into_iter().chain(kept_beside);
    let received = theirs.iter().filter(|p| is_session_path(&dir, p)).count();
    let mine = committed
        .iter()
        .filter(|p| is_session_path(&dir, p))
        .count();
    let mut lines = vec![words::now_a_clone(
        &dir.display().to_string(),
        url,
        received,
    )];
    if mine > 0 {
        lines.push(words::mine_committed(mine));
    }
    lines.push(words::PRIVACY.into());
    lines.extend(notice);
    Ok(lines.join("\n"))
}

fn set_remote(git: &Git, url: &str) -> Result<(), String> {
    let has = run_ok(git, &["remote"], words::CANNOT_READ_REMOTES)?;
    let verb = if has.lines().any(|l| l.trim() == "origin") {
        "set-url"
    } else {
        "add"
    };
    run_ok(
        git,
        &["remote", verb, "origin", url],
        words::CANNOT_SET_REMOTE,
    )?;
    Ok(())
}

/// The local files among `local` whose content differs from the shared file of the same
/// name (`shared`: name and content id).
fn differing_files(
    git: &Git,
    shared: &[(String, String)],
    local: &[String],
) -> Result<Vec<String>, String> {
    let both: Vec<(&String, &String)> = shared
        .iter()
        .filter(|(p, _)| local.contains(p))
        .map(|(p, id)| (p, id))
        .collect();
    if both.is_empty() {
        return Ok(Vec::new());
    }
    let mut args = vec!["hash-object", "--"];
    args.extend(both.iter().map(|(p, _)| p.as_str()));
    let ids = run_ok(git, &args, words::CANNOT_COMPARE)?;
    Ok(both
        .iter()
        .zip(ids.lines())
        .filter(|((_, theirs), ours)| theirs.as_str() != ours.trim())
        .map(|((p, _), _)| p.to_string())
        .collect())
}

/// Session files directly in `dir`, as relative names.
fn local_sessions(dir: &Path) -> Vec<String> {
    crate::archive::list(dir)
        .map(|l| {
            l.entries
                .iter()
                .filter_map(|e| e.path.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}
