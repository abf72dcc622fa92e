//! The real binary in a pseudo-terminal: start a session, type a note, end it, read the
//! file, and check the terminal was given back.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::support::fixtures;

/// A running `crit` and what it has drawn so far.
pub(crate) struct Pty {
    pub(crate) writer: Box<dyn Write + Send>,
    pub(crate) screen: Arc<Mutex<vt100::Parser>>,
    pub(crate) raw: Arc<Mutex<Vec<u8>>>,
    pub(crate) child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The home, data, config and runtime folders this crit sees: its own, so no test
    /// finds another's rescued sessions or live views.
    pub(crate) home: tempfile::TempDir,
}

/// A test that ends (or fails) with its crit still running does not leave it behind.
impl Drop for Pty {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Points crit's platform folders into `home`.
fn isolate(cmd: &mut CommandBuilder, home: &std::path::Path) {
    for (key, sub) in [
        ("HOME", "."),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_RUNTIME_DIR", "run"),
    ] {
        let dir = home.join(sub);
        let _ = std::fs::create_dir_all(&dir);
        cmd.env(key, dir);
    }
}

impl Pty {
    pub(crate) fn spawn(args: &[&str]) -> Pty {
        Pty::spawn_env(args, &[])
    }

    pub(crate) fn spawn_env(args: &[&str], env: &[(&str, &str)]) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_crit"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let home = tempfile::tempdir().unwrap();
        isolate(&mut cmd, home.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (screen.clone(), raw.clone());
        std::thread::spawn(move || {
            let _master = pty.master; // keep the pty open while reading
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            writer,
            screen,
            raw,
            child,
            home,
        }
    }

    pub(crate) fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text` (the program's output, not a timer).
    pub(crate) fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows one of `texts`.
    pub(crate) fn wait_for_any(&self, texts: &[&str]) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !texts.iter().any(|t| self.contents().contains(t)) {
            assert!(
                Instant::now() < deadline,
                "never saw any of {texts:?}; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(crate) fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Ends the session from the timer keys (q, y), then quits the summary (q).
    pub(crate) fn end_session_and_quit(&mut self) {
        self.send("q");
        self.wait_for("End session? y/n");
        self.send("y");
        self.wait_for("Saved to");
        self.send("q");
        assert_eq!(self.wait_exit(), 0);
    }

    /// Types a note in the open note box and saves it: the text, then Enter on its own
    /// (sent together, they would arrive as one paste, which never saves by itself).
    pub(crate) fn type_note(&mut self, text: &str) {
        self.send(text);
        self.wait_for(text);
        self.send("\r");
    }

    /// Everything the program wrote, once it contains `needle` (the reader thread may be
    /// a moment behind the program's exit).
    pub(crate) fn raw_with(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned();
            if raw.contains(needle) || Instant::now() > deadline {
                return raw;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A real SIGKILL (portable-pty's `kill` sends SIGHUP first).
    pub(crate) fn sigkill(&mut self) {
        let pid = self.child.process_id().unwrap() as i32;
        assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    }

    pub(crate) fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "crit did not exit; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The one session markdown file in `dir` (the resumable state beside it is hidden).
pub(crate) fn session_file(dir: &std::path::Path) -> std::path::PathBuf {
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && !p.file_name().unwrap().to_string_lossy().starts_with('.')
        })
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// `crit run quick-tuning` saving into `archive`, started and showing its first step.
pub(crate) fn start_quick_session(archive: &std::path::Path) -> Pty {
    let protocols = fixtures().join("protocols/valid");
    let crit = Pty::spawn(&run_args(
        protocols.to_str().unwrap(),
        archive.to_str().unwrap(),
    ));
    crit.wait_for("Step 1 of 4: Presentation");
    crit
}

pub(crate) fn run_args<'a>(protocols: &'a str, archive: &'a str) -> Vec<&'a str> {
    vec![
        "run",
        "quick-tuning",
        "--protocols",
        protocols,
        "--archive",
        archive,
        "--group",
        "PTY group",
        "--facilitator",
        "Sam",
        "--presenter",
        "Pat",
        "--participants",
        "Ana, Ben",
        "--no-bell",
    ]
}

#[test]
fn killed_with_sigkill_then_resumed_and_finished() {
    let archive = tempfile::tempdir().unwrap();
    let mut crit = start_quick_session(archive.path());
    crit.send("n");
    crit.wait_for("Step 2 of 4");
    crit.send("i");
    crit.wait_for("New note");
    crit.type_note("Warm: a note typed just before the crash");
    crit.wait_for("[Warm feedback] Warm: a note typed just before the crash");
    crit.sigkill(); // no chance to save anything more
    crit.wait_exit();
    let file = session_file(archive.path());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("a note typed just before the crash")
    );

    let mut resumed = Pty::spawn(&[
        "resume",
        "--archive",
        archive.path().to_str().unwrap(),
        "--no-bell",
    ]);
    resumed.wait_for("Step 2 of 4: Warm and cool feedback");
    resumed.wait_for("[Warm feedback] Warm: a note typed just before the crash");
    resumed.wait_for("Resumed where the session stopped.");
    resumed.send("n");
    resumed.wait_for("Step 3 of 4");
    // One key at a time, as a person presses them (two in one write arrive as a paste).
    resumed.send("n");
    resumed.wait_for("Turn 2 of 2");
    resumed.send("n");
    resumed.wait_for("Step 4 of 4: Debrief");
    resumed.send("i");
    resumed.wait_for("New note");
    resumed.type_note("After the resume");
    resumed.wait_for("[Action] After the resume");
    resumed.send("\x1b");
    resumed.wait_for("space pause");
    resumed.end_session_and_quit();

    assert_eq!(
        session_file(archive.path()),
        file,
        "the same file was continued"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("status: complete"), "{text}");
    assert!(
        text.contains("a note typed just before the crash") && text.contains("After the resume")
    );
    assert!(
        !crit_state(&file).exists(),
        "a finished session leaves no resume state behind"
    );
}

pub(crate) fn crit_state(md: &std::path::Path) -> std::path::PathBuf {
    critical_friends::archive::state_path(md)
}

#[test]
fn a_session_in_a_real_terminal_saves_its_notes() {
    let archive = tempfile::tempdir().unwrap();
    let mut crit = start_quick_session(archive.path());
    crit.wait_for("Pat (Presenter)");
    crit.send("i");
    crit.wait_for("New note");
    crit.send("Typed in a real terminal | with # marks");
    crit.wait_for("with # marks");
    crit.send("\r");
    crit.wait_for("[Question] Typed in a real terminal");

    // The note is on disk before the session ends.
    let file = session_file(archive.path());
    assert!(
        file.file_name()
            .unwrap()
            .to_string_lossy()
            .ends_with("-quick-tuning-pty-group.md")
    );
    let during = std::fs::read_to_string(&file).unwrap();
    assert!(during.contains("status: in-progress"));
    assert!(
        during.contains("Typed in a real terminal \\| with \\# marks"),
        "{during}"
    );

    crit.send("\x1b");
    crit.wait_for("space pause");
    crit.end_session_and_quit();

    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.contains("status: abandoned"),
        "ended before the last step:\n{after}"
    );
    assert!(after.contains("Typed in a real terminal"));
    // The terminal was given back: the alternate screen was left and the cursor shown.
    let raw = crit.raw_with("\x1b[?1049l");
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    assert!(
        raw[left..].contains("\x1b[?25h") || raw[..left].contains("\x1b[?25h"),
        "cursor shown again"
    );
    assert!(
        crit.contents().contains("Session notes saved to"),
        "{}",
        crit.contents()
    );
}

#[test]
fn crit_mirror_follows_a_live_file_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let live_file = dir.path().join("live.json");
    let mut mirror = Pty::spawn_env(&["mirror"], &[("CRIT_LIVE", live_file.to_str().unwrap())]);
    mirror.wait_for("No session is running.");
    let write = |step: usize, name: &str| {
        let live = serde_json::json!({
            "pid": std::process::id(), "protocol": "Tuning Protocol", "group": "G", "step": step, "steps": 7,
            "step_name": name, "turn": null, "next_turn": null, "speak": ["Pat (Presenter)"],
            "silent": ["Ana, Ben (Participants)"], "allowance_ms": 600000, "remaining_ms": 600000,
            "paused": true, "written_at": chrono::Local::now().fixed_offset(),
        });
        critical_friends::archive::save_atomic(&live_file, &live.to_string()).unwrap();
    };
    write(1, "Introduction");
    mirror.wait_for("1/7  Introduction");
    mirror.wait_for("Silent: Ana, Ben (Participants)");
    write(2, "Presentation of the work");
    mirror.wait_for("2/7  Presentation of the work");
    std::fs::remove_file(&live_file).unwrap();
    mirror.wait_for("No session is running.");
    mirror.send("q");
    assert_eq!(mirror.wait_exit(), 0);
}

/// SIGTERM (`kill`), SIGHUP (the terminal window closed), SIGINT and SIGQUIT save
/// everything, a note still being typed included, leave the session resumable and the
/// terminal clean, and give back the lock and the live view.
#[test]
fn sigterm_and_sighup_save_the_draft_and_leave_cleanly() {
    for signal in ["-TERM", "-HUP", "-INT", "-QUIT"] {
        let archive = tempfile::tempdir().unwrap();
        let mut crit = start_quick_session(archive.path());
        crit.send("i");
        crit.wait_for("New note");
        crit.send("half-typed when the signal came");
        crit.wait_for("half-typed when the signal came");
        assert_eq!(
            live_views(&crit),
            1,
            "{signal}: the session shows a live view"
        );
        let pid = crit.child.process_id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(crit.wait_exit(), 0, "{signal}: a clean exit");
        let file = session_file(archive.path());
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("half-typed when the signal came"),
            "{signal}: {text}"
        );
        assert!(text.contains("status: in-progress"), "{signal}: resumable");
        assert!(
            crit_state(&file).exists(),
            "{signal}: the resume state is kept"
        );
        let raw = crit.raw_with("\x1b[?1049l");
        assert!(
            raw.contains("\x1b[?1049l"),
            "{signal}: the alternate screen was left"
        );
        assert!(
            !critical_friends::archive::held_elsewhere(&file)
                && !critical_friends::archive::lock_path(&file).exists(),
            "{signal}: the lock is given back"
        );
        assert_eq!(live_views(&crit), 0, "{signal}: the live view is gone");
    }
}

/// How many live views the crit in `pty` has left in its live folder.
pub(crate) fn live_views(pty: &Pty) -> usize {
    let dir = pty.home.path().join("run/crit/live");
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

#[test]
fn a_session_open_in_another_crit_is_not_resumed_twice() {
    let archive = tempfile::tempdir().unwrap();
    let mut first = start_quick_session(archive.path());
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crit"))
        .args(["resume", "--archive", archive.path().to_str().unwrap()])
        .env("XDG_DATA_HOME", home.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is open in another crit"), "{err}");
    first.end_session_and_quit();
    let file = session_file(archive.path());
    let leftovers: Vec<_> = std::fs::read_dir(archive.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        vec![file.file_name().unwrap().to_os_string()],
        "no lock or state left behind"
    );
}

/// A shared archive in `root/archive` with a bare remote `root/remote.git`, and a
/// config file asking to sync after each session. Needs git.
fn shared_archive_syncing_after_sessions(root: &std::path::Path) -> std::path::PathBuf {
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(root)
            .args(args)
            .output()
            .expect("this test needs git on PATH: install git and run it again");
        assert!(out.status.success(), "{out:?}");
    };
    git(&["init", "-q", "--bare", "remote.git"]);
    let archive = root.join("archive");
    let remote = root.join("remote.git");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_crit"))
        .arg("--archive")
        .arg(&archive)
        .args(["archive", "init", "--remote", remote.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    std::fs::write(root.join("config.toml"), "sync = \"after-session\"\n").unwrap();
    archive
}

/// Runs the quick test protocol in `archive` with the settings `root` holds and ends it
/// at once, as a facilitator would; the summary comes next.
fn end_a_session_in(root: &std::path::Path, archive: &std::path::Path) -> Pty {
    let protocols = fixtures().join("protocols/valid");
    let config = root.join("config.toml");
    let mut args = run_args(protocols.to_str().unwrap(), archive.to_str().unwrap());
    args.extend(["--config", config.to_str().unwrap()]);
    let mut crit = Pty::spawn(&args);
    crit.wait_for("Step 1 of 4: Presentation");
    crit.send("q");
    crit.wait_for("End session? y/n");
    crit.send("y");
    crit
}

#[test]
fn with_sync_after_session_the_summary_shows_the_sync() {
    let root = tempfile::tempdir().unwrap();
    let archive = shared_archive_syncing_after_sessions(root.path());
    let mut crit = end_a_session_in(root.path(), &archive);
    crit.wait_for("Synced with");
    let screen = crit.contents();
    crit.send("q");
    assert_eq!(crit.wait_exit(), 0);
    let log = std::process::Command::new("git")
        .args(["--git-dir", "remote.git", "log", "--all", "--format=%s"])
        .current_dir(root.path())
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&log.stdout),
        String::from_utf8_lossy(&log.stderr)
    );
    assert!(log.contains("PTY group"), "{log}\n{screen}");
}

#[test]
fn a_sync_that_hangs_never_delays_quitting() {
    let root = tempfile::tempdir().unwrap();
    let archive = shared_archive_syncing_after_sessions(root.path());
    // The remote's "ssh" never answers.
    let slow = root.path().join("slow-ssh");
    std::fs::write(&slow, "#!/bin/sh\nsleep 60\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for args in [
        vec!["remote", "set-url", "origin", "ssh://never.invalid/net.git"],
        vec!["config", "core.sshCommand", slow.to_str().unwrap()],
    ] {
        let ok = std::process::Command::new("git")
            .current_dir(&archive)
            .args(&args)
            .status()
            .unwrap();
        assert!(ok.success());
    }
    let mut crit = end_a_session_in(root.path(), &archive);
    // On a loaded machine the 5-second bound may already have passed by the time the
    // summary is read; either way, quitting must not wait.
    crit.wait_for_any(&["Syncing with the", "Not synced"]);
    let asked = Instant::now();
    crit.send("q");
    assert_eq!(crit.wait_exit(), 0);
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "quitting waited {:?} for the sync",
        asked.elapsed()
    );
}
