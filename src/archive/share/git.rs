//! Running the `git` command as installed, the way nb and pass do: crit never links a
//! git library and never sees a password (git's own credential helpers and ssh do that).
//!
//! Every call runs in the archive folder with settings that make git's output stable to
//! read (English messages, unquoted paths) and, when asked, with no way to prompt: a
//! missing credential then fails at once instead of waiting for someone to type.
//! Network calls can be bounded in time; a call that runs over is stopped, and crit does
//! not wait for whatever it started (ssh, a credential helper) to close its output.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What a finished git call printed, and whether it succeeded.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
    /// The call ran over its time limit and was stopped.
    pub timed_out: bool,
}

impl Output {
    /// What git said went wrong, in its own words, for a message: the reason a push was
    /// rejected, else its first `fatal:` or `error:` line, else its last line.
    pub fn said(&self) -> String {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
            .collect();
        if let Some(rejected) = lines.iter().find(|l| l.contains("rejected]")) {
            let reason = rejected
                .rsplit_once('(')
                .map(|(_, r)| r.trim_end_matches(')'));
            return reason.unwrap_or(rejected).to_string();
        }
        let first_error = lines.iter().find_map(|l| {
            l.strip_prefix("fatal: ")
                .or_else(|| l.strip_prefix("error: "))
        });
        first_error
            .or(lines.last().copied())
            .unwrap_or("")
            .to_string()
    }
}

/// Why git could not be run at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No `git` on PATH.
    NotInstalled,
    /// It is there but could not be started.
    CannotStart(String),
}

/// How git may behave in one archive.
#[derive(Debug, Clone)]
pub struct Git {
    pub dir: PathBuf,
    /// Whether git may ask for a user name, password or passphrase on the terminal.
    pub prompts: bool,
    /// When network calls (fetch, push) must have finished; `None`: as long as git likes.
    pub deadline: Option<Instant>,
    /// Extra `-c key=value` settings for every call (a neutral identity, say).
    pub settings: Vec<String>,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
            prompts: false,
            deadline: None,
            settings: Vec::new(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.current_dir(&self.dir)
            .args(["-c", "core.quotepath=false", "-c", "color.ui=false"])
            // Remembers which folders have no new files: `status` in a large archive.
            .args(["-c", "core.untrackedCache=true"]);
        if !self.prompts {
            cmd.env("GIT_TERMINAL_PROMPT", "0");
            // Signing would ask for a passphrase on the terminal the screen is drawn on.
            cmd.args(["-c", "commit.gpgsign=false"]);
        }
        cmd.args(self.settings.iter().flat_map(|s| ["-c", s.as_str()]))
            .args(args)
            // Messages crit reads (and classifies) are git's English ones.
            .env("LC_ALL", "C")
            .env("LANGUAGE", "C")
            // Paths crit passes are file names, never patterns.
            .env("GIT_LITERAL_PATHSPECS", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            // Its own process group, so ssh or a credential helper cannot read from the
            // terminal the screen is drawn on (they fail instead, in batch mode).
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        cmd
    }

    /// Runs a local git command (never stopped: it touches only this folder).
    pub fn run(&self, args: &[&str]) -> Result<Output, Missing> {
        self.run_limited(args, None, false)
    }

    /// Runs a git command that talks to the remote, stopped at the `deadline`.
    pub fn run_network(&self, args: &[&str]) -> Result<Output, Missing> {
        let limit = self
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()));
        self.run_limited(args, limit, true)
    }

    fn run_limited(
        &self,
        args: &[&str],
        limit: Option<Duration>,
        network: bool,
    ) -> Result<Output, Missing> {
        let mut cmd = self.command(args);
        // ssh asks on the terminal too (a passphrase, an unknown host): in batch mode it
        // fails instead. Only when the user has not chosen an ssh command of their own.
        if network && !self.prompts && ssh_is_default(&self.dir) {
            cmd.env(
                "GIT_SSH_COMMAND",
                "ssh -o BatchMode=yes -o ConnectTimeout=5",
            );
        }
        let mut child = cmd.spawn().map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Missing::NotInstalled,
            _ => Missing::CannotStart(e.to_string()),
        })?;
        let stdout = read_in_background(child.stdout.take());
        let stderr = read_in_background(child.stderr.take());
        let (ok, timed_out) = wait(&mut child, limit);
        // A stopped call's helpers are stopped too, so their pipes close; wait briefly.
        let grace = Duration::from_millis(if timed_out { 200 } else { 60_000 });
        Ok(Output {
            ok,
            stdout: stdout.recv_timeout(grace).unwrap_or_default(),
            stderr: stderr.recv_timeout(grace).unwrap_or_default(),
            timed_out,
        })
    }
}

/// Whether git would use plain `ssh` here (no `core.sshCommand` set by the user), so
/// crit may add batch mode to it.
fn ssh_is_default(dir: &Path) -> bool {
    if std::env::var_os("GIT_SSH_COMMAND").is_some() || std::env::var_os("GIT_SSH").is_some() {
        return false;
    }
    let out = Command::new("git")
        .current_dir(dir)
        .args(["config", "--get", "core.sshCommand"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    matches!(out, Ok(o) if !o.status.success())
}

fn read_in_background<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        let _ = tx.send(String::from_utf8_lossy(&bytes).into_owned());
    });
    rx
}

/// Waits for `child`, stopping it (and its process group) if it runs past `limit`.
/// Returns (succeeded, timed out).
fn wait(child: &mut Child, limit: Option<Duration>) -> (bool, bool) {
    let Some(limit) = limit else {
        return (child.wait().is_ok_and(|s| s.success()), false);
    };
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return (status.success(), false),
            Ok(None) if Instant::now() >= deadline => {
                stop(child);
                return (false, true);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => return (false, false),
        }
    }
}

/// Stops git. Whatever it started (ssh, a credential helper) loses its pipes to git and
/// ends too; crit reads their output only briefly after this (see `run_limited`).
fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Whether `git` can be run at all.
pub fn available() -> Result<(), Missing> {
    let out = Command::new("git")
        .arg("--version")
        .stdin(Stdio::null())
        .output();
    match out {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(Missing::CannotStart(
            String::from_utf8_lossy(&o.stderr).trim().to_string(),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Missing::NotInstalled),
        Err(e) => Err(Missing::CannotStart(e.to_string())),
    }
}
