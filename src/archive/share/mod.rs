//! A shared archive: the archive folder as a git repository that a network of schools
//! exchanges through one remote (`crit archive init|clone|sync`).
//!
//! - What is shared: session files, take-aways written beside them, the `protocols/`
//!   folder, and any other file a person puts there. What never is: crit's hidden files
//!   (anything whose name starts with `.`, except `.gitignore`) and private notes
//!   (`*.private.md`). Both are excluded twice: by the `.gitignore` written at init and
//!   clone, and by [`is_private`], which every commit crit makes checks itself, so an
//!   edited `.gitignore` cannot leak them.
//! - A session is committed when it ends ([`after_finish`]); a session still running
//!   (its state file beside it, or `status: in-progress`) is never committed.
//! - `sync` commits what is left, fetches, merges (a merge commit, never a rebase: what
//!   was committed here stays as it was), and pushes. Two sides that edited the same
//!   lines of a file are resolved by keeping both sides' lines (git's union merge), and
//!   the file is named in the report so someone can tidy it.
//! - Names stay unique across machines: in a shared archive each new session's file
//!   name ends with this clone's short random id ([`unique_name`]), so two schools
//!   never write the same path; unshared archives keep their plain names.
//! - Every git call that reaches the network can be bounded in time (the sync after a
//!   session), and a failure is one plain sentence; nothing committed is ever lost.

mod git;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

pub use git::Missing;
use git::{Git, Output};

/// The `.gitignore` crit writes in a shared archive.
pub const GITIGNORE: &str = "\
# Written by crit: what never leaves this computer.
# crit's hidden files: session state, locks, journals, temporary saves, the live view.
.*
!.gitignore
!.gitattributes
*.tmp
live.json
# Private notes.
*.private.md
";

/// The longest a sync after a session may talk to the remote.
pub const AFTER_SESSION_LIMIT: Duration = Duration::from_secs(5);

/// Where this clone's id is kept (inside `.git`, so it is never shared).
const MACHINE_FILE: &str = "crit-machine";

/// The neutral identity used when git does not know who is committing.
const NEUTRAL_NAME: &str = "crit";
const NEUTRAL_EMAIL: &str = "crit@localhost";

/// What happened when a finished session was committed (and synced), for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub ok: bool,
    pub message: String,
    /// A sync is still running in the background; another outcome follows.
    pub syncing: bool,
}

impl Outcome {
    pub fn ok(message: impl Into<String>) -> Outcome {
        Outcome {
            ok: true,
            message: message.into(),
            syncing: false,
        }
    }

    pub fn failed(message: impl Into<String>) -> Outcome {
        Outcome {
            ok: false,
            message: message.into(),
            syncing: false,
        }
    }
}

/// How a sync may behave.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    /// git may ask for a user name, password or passphrase on the terminal.
    pub prompts: bool,
    /// The longest the whole exchange with the remote may take.
    pub limit: Option<Duration>,
}

/// Whether `dir` is a shared archive (a git repository of its own).
pub fn is_shared(dir: &Path) -> bool {
    dir.join(".git").exists()
}

/// Whether a path in the archive (relative, `/`-separated) must never be committed:
/// a hidden file or folder anywhere on the path (except `.gitignore` and
/// `.gitattributes`), private notes, a temporary save, or a live view (`live.json`)
/// someone pointed `CRIT_LIVE` at the archive for: exactly what [`GITIGNORE`] lists.
pub fn is_private(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split(['/', '\\']).collect();
    let last = parts.len().saturating_sub(1);
    parts.iter().enumerate().any(|(i, part)| {
        let allowed = i == last && matches!(*part, ".gitignore" | ".gitattributes");
        (part.starts_with('.') && !allowed) || (i == last && part.ends_with(".private.md"))
    }) || relative.ends_with(".tmp")
        || relative == "live.json"
}

/// The message for a sharing command when git cannot be run.
pub fn git_needed(command: &str, why: &Missing) -> String {
    let how = "install it from https://git-scm.com/downloads (macOS: run `xcode-select --install`; \
               Debian or Ubuntu: `sudo apt install git`; Windows: Git for Windows), then run \
               this command again";
    match why {
        Missing::NotInstalled => format!(
            "`crit archive {command}` needs git, which is not installed here (or not on PATH): {how}; \
             everything else in crit works without it"
        ),
        Missing::CannotStart(e) => {
            format!("`crit archive {command}` needs git, and git could not be started ({e}): {how}")
        }
    }
}

fn need_git(command: &str) -> Result<(), String> {
    git::available().map_err(|why| git_needed(command, &why))
}

/// Where a new session's file is named in `dir`: in a shared archive, `name` with this
/// clone's id before `.md` (`…-grade-7-team-k3f9x.md`), so that two schools starting
/// the same protocol with a group of the same name in the same minute never write the
/// same path; otherwise `name` unchanged. Needs no git (only the id file in `.git`).
pub fn unique_name(dir: &Path, name: &str) -> String {
    let git_dir = dir.join(".git");
    if !git_dir.is_dir() {
        return name.to_string();
    }
    let Some(id) = machine_id(&git_dir) else {
        return name.to_string();
    };
    let stem = name.strip_suffix(".md").unwrap_or(name);
    format!("{stem}-{id}.md")
}

/// This clone's id: read from `.git/crit-machine`, or made and written there.
fn machine_id(git_dir: &Path) -> Option<String> {
    let file = git_dir.join(MACHINE_FILE);
    if let Ok(text) = fs::read_to_string(&file) {
        let id = text.trim();
        if (3..=12).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Some(id.to_string());
        }
    }
    let id = new_id();
    fs::write(&file, format!("{id}\n")).ok()?;
    Some(id)
}

/// Five random letters and digits (std's randomly keyed hasher, the time and the pid).
fn new_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.write_u32(std::process::id());
    let mut n = h.finish();
    const DIGITS: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..5)
        .map(|_| {
            let c = DIGITS[(n % DIGITS.len() as u64) as usize] as char;
            n /= DIGITS.len() as u64;
            c
        })
        .collect()
}

/// The sentence `init` and `clone` print about what is never shared.
pub const PRIVACY: &str = "Private notes (*.private.md) and crit's hidden files (session state, \
locks, journals, the live view) stay on this computer: .gitignore lists them and crit never commits them.";

// ---------------------------------------------------------------------------------------
// init and clone

/// `crit archive init [--remote URL]`: makes `dir` a git repository (creating the folder
/// if needed), commits the sessions already there (never one still running), writes the
/// `.gitignore`, and sets the remote. Returns what to tell the user.
pub fn init(dir: &Path, remote: Option<&str>) -> Result<String, String> {
    need_git("init")?;
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut git = Git::new(dir);
    let created = !is_shared(dir);
    if created {
        // The branch keeps git's own default name (`init.defaultBranch`): a group's bare
        // repository made with the same git points its HEAD there, so a plain
        // `git clone` of it checks the sessions out.
        run_ok(&git, &["init", "-q"], "cannot make a git repository here")?;
    }
    let result = (|| {
        write_gitignore(dir)?;
        machine_id(&dir.join(".git"));
        let notice = use_identity(&mut git);
        let committed = commit_pending(&git, |n| {
            format!(
                "crit: the archive so far ({n} file{})",
                if n == 1 { "" } else { "s" }
            )
        })?;
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
    let mut lines = vec![if created {
        format!(
            "{} is now a shared archive (a git repository); {} committed.",
            dir.display(),
            plural(sessions, "session", "sessions")
        )
    } else {
        format!(
            "{} was already a git repository; {} committed.",
            dir.display(),
            plural(sessions, "session", "sessions")
        )
    }];
    match remote {
        Some(url) => lines.push(format!(
            "Its remote is {url}; `crit archive sync` exchanges sessions with it."
        )),
        None => lines.push(
            "It has no remote yet: `crit archive init --remote URL` sets one (a repository your school's git server or code host made for the group).".into(),
        ),
    }
    lines.push(PRIVACY.into());
    lines.extend(notice);
    Ok(lines.join("\n"))
}

/// `crit archive clone URL [--merge]`: makes `dir` a clone of the group's shared
/// archive. Sessions already in `dir` that the shared archive does not have are added
/// to it only with `merge`; without it, nothing is changed and the message says how.
pub fn clone(url: &str, dir: &Path, merge: bool, prompts: bool) -> Result<String, String> {
    need_git("clone")?;
    if is_shared(dir) {
        return Err(format!(
            "{} is already a git repository; `crit archive sync` exchanges its sessions \
             (`git -C {} remote -v` shows where)",
            dir.display(),
            dir.display()
        ));
    }
    let existed = dir.exists();
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
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
    run_ok(git, &["init", "-q"], "cannot make a git repository here")?;
    set_remote(git, url)?;
    let fetched = git
        .run_network(&["fetch", "--quiet", "--no-tags", "origin"])
        .map_err(|m| git_needed("clone", &m))?;
    if !fetched.ok {
        let message = explain_network("fetch", url, &fetched, None);
        // Nothing was committed yet: the folder is left as it was.
        let (reason, _) = message
            .split_once("; nothing was lost")
            .unwrap_or((&message, ""));
        return Err(format!(
            "{reason}; nothing was changed in {}: check the address and try again",
            dir.display()
        ));
    }
    let branch = remote_branch(git, "origin", None)?;
    // Each shared file's name and content id.
    let shared: Vec<(String, String)> = match &branch {
        Some(b) => run_ok(
            git,
            &["ls-tree", "-r", "-z", &format!("origin/{b}")],
            "cannot read the shared archive",
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
            what.push(format!(
                "{} that the shared archive at {url} does not have",
                plural(only_here.len(), "session", "sessions")
            ));
        }
        if !differing.is_empty() {
            what.push(format!(
                "{} that differ from the shared archive's",
                plural(differing.len(), "session", "sessions")
            ));
        }
        return Err(format!(
            "{} already holds {}, so nothing was changed; \
             `crit archive clone {url} --merge` adds them to it, or `--archive OTHER-FOLDER` clones into another folder",
            dir.display(),
            what.join(" and ")
        ));
    }
    // A session that differs from the shared one of the same name is kept beside it,
    // under a name of its own; the shared one takes its place.
    let mut kept_beside = Vec::new();
    for name in &differing {
        let from = dir.join(name);
        let to = super::create_unique(&dir, name, "")
            .and_then(|to| fs::rename(&from, &to).map(|_| to))
            .map_err(|e| format!("cannot keep {} apart: {e}", from.display()))?;
        kept_beside.push(format!(
            "{name} differed from the shared archive's: this computer's version is kept as {}.",
            to.file_name().unwrap_or_default().to_string_lossy()
        ));
    }
    // Follow the network's branch; an empty network keeps git's own default name.
    if let Some(branch_name) = &branch {
        run_ok(
            git,
            &["symbolic-ref", "HEAD", &format!("refs/heads/{branch_name}")],
            "cannot name the branch",
        )?;
    }
    if let Some(b) = &branch {
        let upstream = format!("origin/{b}");
        // The index takes the shared archive's files; the folder's own files stay as they
        // are, and the shared files it lacks are written (never over an existing file).
        run_ok(
            git,
            &["reset", "-q", &upstream],
            "cannot read the shared archive",
        )?;
        let missing: Vec<String> = theirs
            .iter()
            .filter(|p| !dir.join(p).exists())
            .cloned()
            .collect();
        for chunk in missing.chunks(500) {
            let mut args = vec!["checkout", "-q", "--"];
            args.extend(chunk.iter().map(String::as_str));
            run_ok(git, &args, "cannot write the shared archive's files")?;
        }
        run_ok(
            git,
            &["branch", "-q", &format!("--set-upstream-to={upstream}")],
            "cannot follow the shared archive",
        )?;
    }
    write_gitignore(&dir)?;
    machine_id(&dir.join(".git"));
    let notice = use_identity(git);
    let committed = commit_pending(git, |n| {
        format!(
            "crit: sessions from this computer ({n} file{})",
            if n == 1 { "" } else { "s" }
        )
    })?;
    let notice = notice.filter(|_| !committed.is_empty());
    let notice = notice.into_iter().chain(kept_beside);
    let received = theirs.iter().filter(|p| is_session_path(&dir, p)).count();
    let mine = committed
        .iter()
        .filter(|p| is_session_path(&dir, p))
        .count();
    let mut lines = vec![format!(
        "{} is now a clone of the shared archive at {url}: {} from the network.",
        dir.display(),
        plural(received, "session", "sessions")
    )];
    if mine > 0 {
        lines.push(format!(
            "{} from this computer {} committed; `crit archive sync` sends {}.",
            plural(mine, "session", "sessions"),
            if mine == 1 { "is" } else { "are" },
            if mine == 1 { "it" } else { "them" }
        ));
    }
    lines.push(PRIVACY.into());
    lines.extend(notice);
    Ok(lines.join("\n"))
}

fn set_remote(git: &Git, url: &str) -> Result<(), String> {
    let has = run_ok(git, &["remote"], "cannot read the remotes")?;
    let verb = if has.lines().any(|l| l.trim() == "origin") {
        "set-url"
    } else {
        "add"
    };
    run_ok(
        git,
        &["remote", verb, "origin", url],
        "cannot set the remote",
    )?;
    Ok(())
}

/// Writes crit's `.gitignore`, or adds its lines to one that is there.
fn write_gitignore(dir: &Path) -> Result<(), String> {
    let path = dir.join(".gitignore");
    let existing = fs::read_to_string(&path).unwrap_or_default();
    let have: BTreeSet<&str> = existing.lines().map(str::trim).collect();
    let missing: Vec<&str> = GITIGNORE
        .lines()
        .filter(|l| !l.starts_with('#') && !have.contains(l.trim()))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let text = if existing.is_empty() {
        GITIGNORE.to_string()
    } else {
        let mut text = existing.clone();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("# Added by crit: what never leaves this computer.\n");
        for line in missing {
            text.push_str(line);
            text.push('\n');
        }
        text
    };
    super::save_atomic(&path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))
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
    let ids = run_ok(
        git,
        &args,
        "cannot compare the folder with the shared archive",
    )?;
    Ok(both
        .iter()
        .zip(ids.lines())
        .filter(|((_, theirs), ours)| theirs.as_str() != ours.trim())
        .map(|((p, _), _)| p.to_string())
        .collect())
}

/// Session files directly in `dir`, as relative names.
fn local_sessions(dir: &Path) -> Vec<String> {
    super::list(dir)
        .map(|l| {
            l.entries
                .iter()
                .filter_map(|e| e.path.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn is_session_path(dir: &Path, relative: &str) -> bool {
    !relative.contains('/')
        && relative.ends_with(".md")
        && super::entry(&dir.join(relative)).is_ok_and(|e| e.is_some())
}

// ---------------------------------------------------------------------------------------
// committing

/// If the archive holding `path` is shared, commits the finished session at `path`
/// and the files written beside it under its name (`NAME.takeaway.md`, say; never
/// `NAME.private.md` or a hidden file). `None` when the archive is not shared. Never
/// commits a session that is still running. Call it again after writing a file beside
/// a finished session (a take-away) to commit that file too.
pub fn after_finish(path: &Path) -> Option<Outcome> {
    let dir = path.parent()?;
    if !is_shared(dir) {
        return None;
    }
    Some(match commit_session(dir, path) {
        Ok(o) => o,
        Err(e) => Outcome::failed(format!("Not committed to the shared archive: {e}.")),
    })
}

fn commit_session(dir: &Path, path: &Path) -> Result<Outcome, String> {
    if let Err(why) = git::available() {
        return Err(match why {
            Missing::NotInstalled => {
                "git is not installed here; the session is saved, and `crit archive sync` commits it once git is installed".into()
            }
            Missing::CannotStart(e) => format!("git could not be started ({e})"),
        });
    }
    let entry = super::entry(path)
        .ok()
        .flatten()
        .ok_or("the session file could not be read back")?;
    if entry.is_in_progress() || super::state_path(path).exists() {
        return Err("the session is still running".into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name).to_string();
    let mut git = Git::new(dir);
    let notice = use_identity(&mut git);
    let ours: Vec<String> = pending(&git)?
        .into_iter()
        .filter(|p| *p == name || p.starts_with(&format!("{stem}.")))
        .filter(|p| !is_private(p))
        .collect();
    if ours.is_empty() {
        return Ok(Outcome::ok("Already committed to the shared archive."));
    }
    add(&git, &ours)?;
    let mut message = entry.protocol.clone();
    if !entry.group.trim().is_empty() {
        message.push_str(&format!(" — {}", entry.group.trim()));
    }
    if !entry.date.is_empty() {
        message.push_str(&format!(", {}", entry.date));
    }
    let mut args = vec!["commit", "-q", "--no-verify", "-m", &message, "--"];
    args.extend(ours.iter().map(String::as_str));
    run_ok(&git, &args, "git could not commit")?;
    let mut text = "Committed to the shared archive.".to_string();
    if let Some(n) = notice {
        text.push(' ');
        text.push_str(&n);
    }
    Ok(Outcome::ok(text))
}

/// Files changed, added or removed in the folder that crit may commit: never private or
/// hidden files, never a session still running.
fn pending(git: &Git) -> Result<Vec<String>, String> {
    let status = run_ok(
        git,
        &["status", "--porcelain", "-z", "--untracked-files=all"],
        "cannot read the archive's changes",
    )?;
    let mut paths = Vec::new();
    let mut items = status.split('\0').filter(|s| !s.is_empty());
    while let Some(item) = items.next() {
        let (code, path) = item.split_at(item.len().min(3));
        if code.starts_with('R') || code.starts_with('C') {
            // A rename is followed by its old name.
            if let Some(old) = items.next() {
                paths.push(old.to_string());
            }
        }
        paths.push(path.to_string());
    }
    let dir = &git.dir;
    Ok(paths
        .into_iter()
        .filter(|p| !is_private(p))
        .filter(|p| !running(dir, p))
        .collect())
}

/// Whether `relative` is a session still running (its state beside it, or its front
/// matter says so).
fn running(dir: &Path, relative: &str) -> bool {
    if relative.contains('/') || !relative.ends_with(".md") {
        return false;
    }
    let path = dir.join(relative);
    super::state_path(&path).exists()
        || super::entry(&path)
            .ok()
            .flatten()
            .is_some_and(|e| e.is_in_progress())
}

fn add(git: &Git, paths: &[String]) -> Result<(), String> {
    for chunk in paths.chunks(500) {
        let mut args = vec!["add", "-A", "--"];
        args.extend(chunk.iter().map(String::as_str));
        run_ok(git, &args, "git could not add the files")?;
    }
    Ok(())
}

/// Commits everything [`pending`] finds; returns what was committed.
fn commit_pending(git: &Git, message: impl Fn(usize) -> String) -> Result<Vec<String>, String> {
    let paths = pending(git)?;
    if paths.is_empty() {
        return Ok(paths);
    }
    add(git, &paths)?;
    let staged = run_ok(
        git,
        &["diff", "--cached", "--name-only", "-z"],
        "cannot read the archive's changes",
    )?;
    if staged.is_empty() {
        return Ok(Vec::new());
    }
    run_ok(
        git,
        &["commit", "-q", "--no-verify", "-m", &message(paths.len())],
        "git could not commit",
    )?;
    Ok(paths)
}

/// Uses a neutral identity when git does not know the user's; returns what to tell them.
fn use_identity(git: &mut Git) -> Option<String> {
    let known = |key: &str| {
        git.run(&["config", "--get", key])
            .is_ok_and(|o| o.ok && !o.stdout.trim().is_empty())
    };
    let (name, email) = (known("user.name"), known("user.email"));
    if name && email {
        return None;
    }
    if !name {
        git.settings.push(format!("user.name={NEUTRAL_NAME}"));
    }
    if !email {
        git.settings.push(format!("user.email={NEUTRAL_EMAIL}"));
    }
    Some(format!(
        "git does not know who you are, so crit commits as \"{NEUTRAL_NAME}\"; to sign your own name, run \
         `git config --global user.name \"Your Name\"` and `git config --global user.email you@school.org`."
    ))
}

// ---------------------------------------------------------------------------------------
// sync

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
    fn is_empty(&self) -> bool {
        self.sessions + self.protocols + self.other == 0
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.sessions > 0 {
            parts.push(plural(self.sessions, "session", "sessions"));
        }
        if self.protocols > 0 {
            parts.push(plural(self.protocols, "protocol", "protocols"));
        }
        if self.other > 0 {
            parts.push(plural(self.other, "other change", "other changes"));
        }
        parts.join(", ")
    }
}

impl SyncReport {
    /// "2 sessions from others, 1 session of yours", and what else the user should know.
    pub fn message(&self) -> String {
        let exchanged = match (self.incoming.is_empty(), self.outgoing.is_empty()) {
            (true, true) => "nothing new either way".to_string(),
            (false, true) => format!(
                "{} from others, nothing new of yours",
                self.incoming.describe()
            ),
            (true, false) => format!(
                "nothing new from others, {} of yours",
                self.outgoing.describe()
            ),
            (false, false) => format!(
                "{} from others, {} of yours",
                self.incoming.describe(),
                self.outgoing.describe()
            ),
        };
        let mut lines = vec![format!("Synced with {}: {exchanged}.", self.remote)];
        for file in &self.both_kept {
            lines.push(format!(
                "{file} was edited here and elsewhere in the same place: both versions' lines are kept; read it and tidy it."
            ));
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
        return Err(format!(
            "{} is not a shared archive yet: `crit archive init --remote URL` shares it, or `crit archive clone URL` joins a group's",
            dir.display()
        ));
    }
    let mut git = Git::new(dir);
    git.prompts = options.prompts;
    git.deadline = options.limit.map(|l| Instant::now() + l);
    let mut report = SyncReport::default();
    let git_dir = dir.join(".git");
    if git_dir.join("rebase-merge").exists() || git_dir.join("rebase-apply").exists() {
        return Err(format!(
            "a rebase started outside crit is unfinished in {}; finish it or run `git rebase --abort` there, then sync again",
            dir.display()
        ));
    }
    if git_dir.join("MERGE_HEAD").exists() {
        // An exchange interrupted part-way (crit quit during a sync): undo it and redo it.
        run_ok(
            &git,
            &["merge", "--abort"],
            "cannot undo an interrupted merge",
        )?;
        report
            .notices
            .push("An exchange that was interrupted earlier was undone and done again now.".into());
    }
    let branch = run_ok(
        &git,
        &["symbolic-ref", "--short", "-q", "HEAD"],
        "the archive is not on a branch",
    )?
    .trim()
    .to_string();
    let remote = pick_remote(&git)?;
    let url = run_ok(
        &git,
        &["remote", "get-url", &remote],
        "cannot read the remote",
    )?
    .trim()
    .to_string();
    report.remote = url.clone();
    let identity = use_identity(&mut git);
    let committed = commit_pending(&git, |n| {
        format!(
            "crit: {n} file{} not committed before",
            if n == 1 { "" } else { "s" }
        )
    })?;
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
    Err(format!(
        "the shared archive at {url} kept changing while this computer sent its sessions; they are committed here and the next `crit archive sync` sends them"
    ))
}

/// Git's id of the empty tree, to compare a first commit against.
const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/// Merges `theirs` into the current branch. Files edited on both sides keep both
/// sides' lines; anything else that stops the merge undoes it, leaving all as it was.
fn merge(git: &Git, theirs: &str, report: &mut SyncReport) -> Result<(), String> {
    let out = git
        .run(&[
            "merge",
            "-q",
            "--no-edit",
            "--no-verify",
            "--allow-unrelated-histories",
            "-m",
            "crit: sessions from others",
            theirs,
        ])
        .map_err(|m| git_needed("sync", &m))?;
    if out.ok {
        return Ok(());
    }
    let conflicted = lines(&run_ok(
        git,
        &["diff", "--name-only", "-z", "--diff-filter=U"],
        "cannot read the merge",
    )?);
    let resolved = if conflicted.is_empty() {
        Err(format!(
            "git could not bring in the sessions from others ({})",
            out.said()
        ))
    } else {
        conflicted
            .iter()
            .try_for_each(|p| keep_both(git, p))
            .and_then(|_| {
                run_ok(
                    git,
                    &["commit", "-q", "--no-edit", "--no-verify"],
                    "git could not commit the merge",
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
            Err(format!("{e}; nothing was changed"))
        }
    }
}

/// Resolves one conflicted file by keeping both sides' lines (git's union merge), or the
/// side that still has the file when the other removed it.
fn keep_both(git: &Git, relative: &str) -> Result<(), String> {
    let stages = run_ok(
        git,
        &["ls-files", "-u", "-z", "--", relative],
        "cannot read the merge",
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
            Some(sha) => run_ok(git, &["cat-file", "blob", sha], "cannot read the merge").map(Some),
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
    super::save_atomic(&path, &text)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    run_ok(git, &["add", "--", relative], "cannot record the merge")?;
    Ok(())
}

fn union(git: &Git, base: &str, ours: &str, theirs: &str) -> Result<String, String> {
    let work = git.dir.join(".git").join("crit-merge");
    fs::create_dir_all(&work).map_err(|e| format!("cannot merge: {e}"))?;
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
    .map_err(|e| format!("cannot merge: {e}"))?;
    let out = git
        .run(&["merge-file", "-p", "--union", &files.0, &files.1, &files.2])
        .map_err(|m| git_needed("sync", &m))?;
    let _ = fs::remove_dir_all(&work);
    // With --union there are no conflicts left; the exit status counts them otherwise.
    if out.stdout.is_empty() && !(ours.is_empty() && theirs.is_empty()) {
        return Err(format!(
            "git could not merge the two versions ({})",
            out.said()
        ));
    }
    Ok(out.stdout)
}

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
    let remotes = run_ok(git, &["remote"], "cannot read the remotes")?;
    let names: Vec<&str> = remotes
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if names.contains(&"origin") {
        return Ok("origin".into());
    }
    names.first().map(|s| s.to_string()).ok_or_else(|| {
        format!(
            "{} has no remote to sync with: `crit archive init --remote URL` sets one",
            git.dir.display()
        )
    })
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
fn remote_branch(git: &Git, remote: &str, wanted: Option<&str>) -> Result<Option<String>, String> {
    let prefix = format!("refs/remotes/{remote}/");
    let refs = run_ok(
        git,
        &["for-each-ref", "--format=%(refname)", &prefix],
        "cannot read the shared archive's branches",
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
fn explain_network(op: &str, url: &str, out: &Output, limit: Option<Duration>) -> String {
    let said = out.said();
    let safe = "nothing was lost: your sessions are committed here and the next `crit archive sync` completes the exchange";
    if out.timed_out {
        let secs = limit.map(|l| l.as_secs().max(1)).unwrap_or(0);
        return format!("the shared archive at {url} did not answer within {secs} seconds; {safe}");
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
        return format!(
            "the shared archive at {url} did not accept this computer's sign-in ({said}); set up git's access to it (a credential helper or an SSH key, as your IT office advises) and sync again; {safe}"
        );
    }
    if op == "push" {
        return format!(
            "the shared archive at {url} refused this computer's sessions ({said}); {safe}"
        );
    }
    format!("cannot reach the shared archive at {url} ({said}); {safe}")
}

/// Runs a local git command; its stdout, or `what` and git's own words.
fn run_ok(git: &Git, args: &[&str], what: &str) -> Result<String, String> {
    let out = git.run(args).map_err(|m| git_needed("sync", &m))?;
    if out.ok {
        Ok(out.stdout)
    } else {
        Err(format!("{what} ({})", out.said()))
    }
}

fn lines(z: &str) -> BTreeSet<String> {
    z.split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
        Err(e) => Outcome::failed(format!("Not synced: {e}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_files_and_private_notes_are_private() {
        for p in [
            ".2026-11-23-1405-tuning.md.state.json",
            ".2026-11-23-1405-tuning.md.lock",
            ".2026-11-23-1405-tuning.md.journal",
            "2026-11-23-1405-tuning.private.md",
            "protocols/.draft.toml",
            ".obsidian/workspace.json",
            "x.md.123-4.tmp",
            "live.json",
        ] {
            assert!(is_private(p), "{p}");
        }
        for p in [
            ".gitignore",
            "2026-11-23-1405-tuning.md",
            "2026-11-23-1405-tuning.takeaway.md",
            "protocols/our-tuning.toml",
        ] {
            assert!(!is_private(p), "{p}");
        }
    }

    #[test]
    fn the_gitignore_names_every_private_kind() {
        for line in [".*", "!.gitignore", "*.private.md"] {
            assert!(GITIGNORE.lines().any(|l| l == line), "{line}");
        }
    }

    #[test]
    fn unshared_archives_keep_their_names_and_shared_ones_add_the_clone_id() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(unique_name(dir.path(), "a.md"), "a.md");
        fs::create_dir(dir.path().join(".git")).unwrap();
        let named = unique_name(dir.path(), "a.md");
        assert!(named.starts_with("a-") && named.ends_with(".md"), "{named}");
        assert_eq!(named.len(), "a-".len() + 5 + ".md".len(), "{named}");
        // The same clone keeps its id.
        assert_eq!(unique_name(dir.path(), "a.md"), named);
    }

    #[test]
    fn ids_differ() {
        let ids: BTreeSet<String> = (0..50).map(|_| new_id()).collect();
        assert!(ids.len() > 45);
    }

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
