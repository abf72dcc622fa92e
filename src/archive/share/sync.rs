//! `crit archive sync`: commit what is left, fetch, merge, push (one retry if someone
//! pushed meanwhile), and the report of what came in and went out; a failure is one
//! sentence that says nothing was lost.

use std::path::Path;
use std::time::Duration;
use std::time::Instant;

use super::{
    AFTER_SESSION_LIMIT, Outcome, SyncOptions,
    commit::commit_pending,
    git::{Git, Output},
    git_needed,
    identity::use_identity,
    is_session_path, is_shared,
    merge::merge,
    need_git, run_ok,
};
use crate::words::archive::share as words;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Files that arrived or changed, by kind.
    pub incoming: Counts,
    /// Files the remote received from here, by kind.
    pub outgoing: Counts,
    /// Files edited on both sides where both sides' lines were kept.
    pub both_kept: Vec<String>,
    /// Things to tell the user besides the counts.
    pub notices: Vec<String>,
    pub remote: String,
}

/// Changed files, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sessions: usize,
    pub protocols: usize,
    pub other: usize,
}

impl Counts {
    fn describe(&self) -> String {
        words::changes(self.sessions, self.protocols, self.other)
    }
}

impl SyncReport {
    /// "2 sessions from others, 1 session of yours", and what else the user should know.
    pub fn message(&self) -> String {
        let mut lines = vec![words::synced(
            &self.remote,
            &self.incoming.describe(),
            &self.outgoing.describe(),
        )];
        for file in &self.both_kept {
            lines.push(words::both_kept(file));
        }
        lines.extend(self.notices.iter().cloned());
        lines.join("\n")
    }
}

/// `crit archive sync`: commits anything not yet committed, fetches, merges, and
/// pushes. An `Err` is one sentence; whatever it says, everything committed is still
/// here and the next sync completes the exchange.
pub fn sync(dir: &Path, options: &SyncOptions) -> Result<SyncReport, String> {
    need_git("sync")?;
    if !is_shared(dir) {
        return Err(words::not_shared_yet(&dir.display().to_string()));
    }
    let mut git = Git::new(dir);
    git.prompts = options.prompts;
    git.deadline = options.limit.map(|l| Instant::now() + l);
    let mut report = SyncReport::default();
    let git_dir = dir.join(".git");
    if git_dir.join("rebase-merge").exists() || git_dir.join("rebase-apply").exists() {
        return Err(words::rebase_unfinished(&dir.display().to_string()));
    }
    if git_dir.join("MERGE_HEAD").exists() {
        // An exchange interrupted part-way (crit quit during a sync): undo it and redo it.
        run_ok(&git, &["merge", "--abort"], words::CANNOT_UNDO_MERGE)?;
        report.notices.push(words::INTERRUPTED_REDONE.into());
    }
    let branch = run_ok(
        &git,
        &["symbolic-ref", "--short", "-q", "HEAD"],
        words::NOT_ON_A_BRANCH,
    )?
    .trim()
    .to_string();
    let remote = pick_remote(&git)?;
    let url = run_ok(
        &git,
        &["remote", "get-url", &remote],
        words::CANNOT_READ_REMOTE,
    )?
    .trim()
    .to_string();
    report.remote = url.clone();
    let identity = use_identity(&mut git);
    let committed = commit_pending(&git, words::commit_left_over)?;
    if !committed.is_empty() {
        report.notices.extend(identity.clone());
    }
    let followed = upstream_of(&git, &branch);
    // One retry: someone else may push between our fetch and our push.
    for attempt in 0..2 {
        let fetched = git
            .run_network(&["fetch", "--quiet", "--no-tags", &remote])
            .map_err(|m| git_needed("sync", &m))?;
        if !fetched.ok {
            return Err(explain_network("fetch", &url, &fetched, options.limit));
        }
        // The branch this archive follows; before it follows one, the remote's own
        // (a network started with `master`, say), so that there is only ever one.
        let upstream_branch = match &followed {
            Some(b) => b.clone(),
            None => remote_branch(&git, &remote, Some(&branch))?.unwrap_or_else(|| branch.clone()),
        };
        let theirs = remote_branch(&git, &remote, Some(&upstream_branch))?
            .filter(|b| *b == upstream_branch)
            .map(|b| format!("{remote}/{b}"));
        let before = rev(&git, "HEAD");
        if let Some(theirs) = &theirs {
            merge(&git, theirs, &mut report)?;
            let after = rev(&git, "HEAD");
            if let (Some(b), Some(a)) = (&before, &after)
                && b != a
            {
                add_counts(&git, b, a, &mut report.incoming);
            } else if before.is_none()
                && let Some(a) = &after
            {
                add_counts(&git, EMPTY_TREE, a, &mut report.incoming);
            }
        }
        let Some(head) = rev(&git, "HEAD") else {
            return Ok(report);
        };
        let base = theirs.as_deref().and_then(|t| rev(&git, t));
        if base.as_deref() == Some(head.as_str()) {
            return Ok(report);
        }
        let mut outgoing = Counts::default();
        add_counts(
            &git,
            base.as_deref().unwrap_or(EMPTY_TREE),
            &head,
            &mut outgoing,
        );
        let pushed = git
            .run_network(&[
                "push",
                "--quiet",
                &remote,
                &format!("HEAD:refs/heads/{upstream_branch}"),
            ])
            .map_err(|m| git_needed("sync", &m))?;
        if pushed.ok {
            report.outgoing = outgoing;
            let _ = git.run(&[
                "branch",
                "-q",
                &format!("--set-upstream-to={remote}/{upstream_branch}"),
            ]);
            return Ok(report);
        }
        let raced =
            pushed.stderr.contains("fetch first") || pushed.stderr.contains("non-fast-forward");
        if !(raced && attempt == 0 && !pushed.timed_out) {
            return Err(explain_network("push", &url, &pushed, options.limit));
        }
    }
    Err(words::kept_changing(&url))
}

/// Git's id of the empty tree, to compare a first commit against.
const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/// Adds the files that differ between two commits (or trees) to `counts`, by kind.
fn add_counts(git: &Git, from: &str, to: &str, counts: &mut Counts) {
    let Ok(out) = git.run(&["diff", "--name-status", "-z", "--no-renames", from, to]) else {
        return;
    };
    let mut items = out.stdout.split('\0').filter(|s| !s.is_empty());
    while let (Some(status), Some(path)) = (items.next(), items.next()) {
        let added = status.starts_with('A');
        if path.starts_with('.') {
            // crit's own .gitignore: not news to anyone.
            continue;
        } else if path.starts_with("protocols/") && path.ends_with(".toml") {
            counts.protocols += 1;
        } else if added && is_session_path(&git.dir, path) {
            counts.sessions += 1;
        } else {
            counts.other += 1;
        }
    }
}

fn pick_remote(git: &Git) -> Result<String, String> {
    let remotes = run_ok(git, &["remote"], words::CANNOT_READ_REMOTES)?;
    let names: Vec<&str> = remotes
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if names.contains(&"origin") {
        return Ok("origin".into());
    }
    names
        .first()
        .map(|s| s.to_string())
        .ok_or_else(|| words::no_remote(&git.dir.display().to_string()))
}

fn upstream_of(git: &Git, branch: &str) -> Option<String> {
    let out = git
        .run(&["config", "--get", &format!("branch.{branch}.merge")])
        .ok()?;
    out.stdout
        .trim()
        .strip_prefix("refs/heads/")
        .map(str::to_string)
}

/// The remote's branch to follow: `wanted` if it has it, else `main`, `master`, or its
/// only branch; `None` if the remote has no branch yet (a new, empty repository).
pub(super) fn remote_branch(
    git: &Git,
    remote: &str,
    wanted: Option<&str>,
) -> Result<Option<String>, String> {
    let prefix = format!("refs/remotes/{remote}/");
    let refs = run_ok(
        git,
        &["for-each-ref", "--format=%(refname)", &prefix],
        words::CANNOT_READ_BRANCHES,
    )?;
    let branches: Vec<&str> = refs
        .lines()
        .filter_map(|r| r.strip_prefix(&prefix))
        .filter(|b| *b != "HEAD")
        .collect();
    for candidate in wanted.into_iter().chain(["main", "master"]) {
        if branches.contains(&candidate) {
            return Ok(Some(candidate.to_string()));
        }
    }
    Ok((branches.len() == 1).then(|| branches[0].to_string()))
}

fn rev(git: &Git, what: &str) -> Option<String> {
    let out = git
        .run(&["rev-parse", "-q", "--verify", &format!("{what}^{{commit}}")])
        .ok()?;
    out.ok.then(|| out.stdout.trim().to_string())
}

/// One sentence for a fetch or push that failed.
pub(super) fn explain_network(
    op: &str,
    url: &str,
    out: &Output,
    limit: Option<Duration>,
) -> String {
    let said = out.said();
    if out.timed_out {
        let secs = limit.map(|l| l.as_secs().max(1)).unwrap_or(0);
        return words::no_answer(url, secs);
    }
    let lower = out.stderr.to_lowercase();
    let auth = [
        "authentication failed",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "permission denied",
        "host key verification failed",
        "returned error: 403",
        "returned error: 401",
    ];
    if auth.iter().any(|a| lower.contains(a)) {
        return words::sign_in_refused(url, &said);
    }
    if op == "push" {
        return words::push_refused(url, &said);
    }
    words::unreachable(url, &said)
}

/// For the runtime: commits the finished session at `path` and, when `sync` is on,
/// syncs within [`AFTER_SESSION_LIMIT`] (no prompts). Meant for a background thread.
pub fn after_session_sync(path: &Path) -> Option<Outcome> {
    let dir = path.parent()?;
    if !is_shared(dir) {
        return None;
    }
    let options = SyncOptions {
        prompts: false,
        limit: Some(AFTER_SESSION_LIMIT),
    };
    Some(sync_outcome(dir, &options))
}

/// A sync, told as an [`Outcome`].
pub fn sync_outcome(dir: &Path, options: &SyncOptions) -> Outcome {
    match sync(dir, options) {
        Ok(report) => Outcome::ok(report.message()),
        Err(e) => Outcome::failed(words::not_synced(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(stderr: &str) -> Output {
        Output {
            ok: false,
            stderr: stderr.into(),
            ..Output::default()
        }
    }

    #[test]
    fn network_failures_are_one_plain_sentence() {
        let url = "https://git.school.org/cfg/archive.git";
        let auth = explain_network(
            "fetch",
            url,
            &failed(
                "fatal: could not read Username for 'https://git.school.org': terminal prompts disabled\n",
            ),
            None,
        );
        assert!(
            auth.contains("did not accept this computer's sign-in"),
            "{auth}"
        );
        let denied = explain_network(
            "push",
            url,
            &failed(
                "git@git.school.org: Permission denied (publickey).\nfatal: Could not read from remote repository.\n",
            ),
            None,
        );
        assert!(denied.contains("sign-in"), "{denied}");
        let rejected = explain_network(
            "push",
            url,
            &failed(
                " ! [remote rejected] HEAD -> main (protected branch hook declined)\nerror: failed to push some refs\n",
            ),
            None,
        );
        assert!(
            rejected.contains("refused this computer's sessions (protected branch hook declined)"),
            "{rejected}"
        );
        let unreachable = explain_network(
            "fetch",
            url,
            &failed(
                "fatal: unable to access 'https://git.school.org/cfg/archive.git/': Could not resolve host: git.school.org\n",
            ),
            None,
        );
        assert!(
            unreachable.starts_with("cannot reach the shared archive at"),
            "{unreachable}"
        );
        let slow = Output {
            timed_out: true,
            ..failed("")
        };
        let slow = explain_network("fetch", url, &slow, Some(AFTER_SESSION_LIMIT));
        assert!(slow.contains("did not answer within 5 seconds"), "{slow}");
        for m in [auth, denied, rejected, unreachable, slow] {
            assert!(!m.contains('\n') && m.contains("nothing was lost"), "{m}");
        }
    }

    #[test]
    fn reports_read_as_sentences() {
        let r = SyncReport {
            incoming: Counts {
                sessions: 2,
                ..Counts::default()
            },
            outgoing: Counts {
                sessions: 1,
                ..Counts::default()
            },
            remote: "git@host:net/archive.git".into(),
            ..SyncReport::default()
        };
        assert_eq!(
            r.message(),
            "Synced with git@host:net/archive.git: 2 sessions from others, 1 session of yours."
        );
        let none = SyncReport {
            remote: "r".into(),
            ..SyncReport::default()
        };
        assert_eq!(none.message(), "Synced with r: nothing new either way.");
    }
}
