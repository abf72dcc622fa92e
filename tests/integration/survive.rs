//! Nothing lost, nothing clobbered: the real binary killed, stopped, pasted into, and
//! pointed at files that are not crit's. Every wait here waits for the program's own
//! output (a screen, a file), never for a timer.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::pty::{Pty, run_args, session_file, start_quick_session};
use crate::support::fixtures;

/// Waits until `check` holds (a file the program writes), failing after 20 s.
fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn journal(md: &Path) -> String {
    std::fs::read_to_string(critical_friends::archive::journal::journal_path(md))
        .unwrap_or_default()
}

/// A quick session started in `archive` and killed outright: its file.
fn killed_session(archive: &Path) -> PathBuf {
    let mut crit = start_quick_session(archive);
    crit.sigkill();
    crit.wait_exit();
    session_file(archive)
}

/// A quick session in `archive` with one saved note, then killed outright: its file.
fn killed_session_with_note(archive: &Path, note: &str) -> PathBuf {
    let mut crit = start_quick_session(archive);
    crit.send("i");
    crit.wait_for("New note");
    crit.type_note(note);
    crit.wait_for(&format!("] {note}"));
    crit.sigkill();
    crit.wait_exit();
    session_file(archive)
}

fn resume_args(archive: &Path) -> Vec<&str> {
    vec![
        "resume",
        "--archive",
        archive.to_str().unwrap(),
        "--no-bell",
    ]
}

/// A built-in Tuning session: its first step is ten minutes long, so its clock can be
/// read to the second across a kill.
fn start_tuning(archive: &Path) -> Pty {
    let crit = Pty::spawn(&[
        "run",
        "tuning",
        "--archive",
        archive.to_str().unwrap(),
        "--group",
        "Kill group",
        "--facilitator",
        "Sam",
        "--presenter",
        "Pat",
        "--participants",
        "Ana, Ben",
        "--question",
        "Q?",
        "--no-bell",
    ]);
    crit.wait_for("Step 1 of 7");
    crit
}

/// The countdown's "M:SS left" as seconds.
fn left_secs(screen: &str) -> u64 {
    let at = screen.find(" left").expect("a countdown on screen");
    let clock = screen[..at].rsplit(' ').next().unwrap();
    let (m, s) = clock.split_once(':').unwrap();
    m.trim().parse::<u64>().unwrap() * 60 + s.parse::<u64>().unwrap()
}

#[test]
fn after_sigkill_the_clock_and_the_note_being_typed_come_back() {
    let archive = tempfile::tempdir().unwrap();
    let mut crit = start_tuning(archive.path());
    let file = session_file(archive.path());
    // A second into the step, as the screen shows it.
    crit.wait_for("9:59 left");
    crit.send("i");
    crit.wait_for("New note");
    crit.send("half a thought, not yet saved");
    crit.wait_for("half a thought, not yet saved");
    wait_until("the draft reaches the journal", || {
        journal(&file).contains("half a thought, not yet saved")
    });
    let before = left_secs(&crit.contents());
    crit.sigkill();
    // Not reaped: a zombie holds no lock.
    let mut resumed = Pty::spawn(&resume_args(archive.path()));
    resumed.wait_for("Step 1 of 7");
    resumed.wait_for("crit was closed for");
    let after = left_secs(&resumed.contents());
    assert!(
        after <= 599 && before.saturating_sub(after) <= 5,
        "the clock came back within 5 s: {before} before, {after} after"
    );
    resumed.wait_for("back in the note");
    resumed.send("i");
    resumed.wait_for("half a thought, not yet saved");
    resumed.send("\r");
    resumed.wait_for("] half a thought, not yet saved");
    resumed.send("\x1b");
    resumed.wait_for("space pause");
    resumed.end_session_and_quit();
    crit.wait_exit();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.matches("half a thought, not yet saved").count(),
        1,
        "{text}"
    );
}

#[test]
fn a_resume_counts_the_time_away_only_when_asked() {
    let archive = tempfile::tempdir().unwrap();
    let mut crit = start_tuning(archive.path());
    crit.wait_for("9:59 left");
    crit.sigkill();
    crit.wait_exit();
    let mut resumed = Pty::spawn(&resume_args(archive.path()));
    resumed.wait_for("a counts it in this step");
    let before = left_secs(&resumed.contents());
    resumed.send("a");
    resumed.wait_for("now counts in this step");
    assert!(
        !resumed.contents().contains("a counts it in this step"),
        "offered once"
    );
    // The time away (at least the moment between kill and resume) now counts.
    assert!(left_secs(&resumed.contents()) <= before);
    resumed.end_session_and_quit();
}

#[test]
fn two_resumes_started_together_never_share_a_session() {
    let archive = tempfile::tempdir().unwrap();
    let file = killed_session(archive.path());
    let a = Pty::spawn(&resume_args(archive.path()));
    let b = Pty::spawn(&resume_args(archive.path()));
    // One runs the session; the other says why not and exits.
    let deadline = Instant::now() + Duration::from_secs(20);
    let (mut winner, mut loser) = loop {
        assert!(Instant::now() < deadline, "neither resumed");
        if a.contents().contains("Step 1 of 4") {
            break (a, b);
        }
        if b.contents().contains("Step 1 of 4") {
            break (b, a);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    // What it said may still be on its way from the terminal when it exits: wait for it.
    loser.wait_for("open in another crit");
    assert_eq!(loser.wait_exit(), 1, "{}", loser.contents());
    winner.send("i");
    winner.wait_for("New note");
    winner.type_note("typed by the one that won");
    winner.wait_for("] typed by the one that won");
    winner.send("\x1b");
    winner.wait_for("space pause");
    winner.end_session_and_quit();
    assert!(
        std::fs::read_to_string(file)
            .unwrap()
            .contains("typed by the one that won")
    );
}

#[test]
fn a_lock_file_naming_a_live_process_does_not_block_a_resume() {
    let archive = tempfile::tempdir().unwrap();
    let file = killed_session(archive.path());
    // PID 1 is always alive; a pid in the file means nothing to the kernel's lock.
    std::fs::write(critical_friends::archive::lock_path(&file), "1").unwrap();
    let mut resumed = Pty::spawn(&resume_args(archive.path()));
    resumed.wait_for("Resumed where the session stopped.");
    resumed.end_session_and_quit();
}

#[test]
fn a_paste_without_bracketed_paste_is_a_note_never_keys() {
    let archive = tempfile::tempdir().unwrap();
    let mut crit = start_quick_session(archive.path());
    // In the timer view: q would end, y would confirm, space pause... all as one paste.
    crit.send("quiet day, yes.");
    crit.wait_for("quiet day, yes.");
    assert!(
        crit.contents().contains("Step 1 of 4"),
        "{}",
        crit.contents()
    );
    assert!(!crit.contents().contains("End session?"));
    crit.send("\r");
    crit.wait_for("] quiet day, yes.");
    // A long paste arrives whole, with no key after it to push the rest through.
    let long: String = (0..70)
        .map(|i| format!("line {i:02} of a long pasted passage, sixty-four characters wide.."))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(long.len() >= 4096);
    crit.send(&long);
    crit.wait_for("line 69 of a long pasted");
    crit.send("\r");
    crit.wait_for("] line 00");
    crit.send("\x1b");
    crit.wait_for("space pause");
    crit.end_session_and_quit();
    let text = std::fs::read_to_string(session_file(archive.path())).unwrap();
    assert!(text.contains("line 69 of a long pasted passage"), "{text}");
}

#[cfg(unix)]
#[test]
fn ctrl_z_then_continue_gives_back_a_working_screen() {
    let archive = tempfile::tempdir().unwrap();
    let mut crit = start_quick_session(archive.path());
    let pid = crit.child.process_id().unwrap() as i32;
    crit.send("\x1a"); // Ctrl+Z
    wait_until("crit stops", || process_state(pid) == Some('T'));
    let raw_before = crit.raw.lock().unwrap().len();
    assert!(
        crit.raw_with("\x1b[?1049l").contains("\x1b[?1049l"),
        "the screen is given back while stopped"
    );
    // `fg` sends SIGCONT.
    unsafe { libc::kill(pid, libc::SIGCONT) };
    wait_until("crit draws again", || {
        String::from_utf8_lossy(&crit.raw.lock().unwrap()[raw_before..]).contains("\x1b[?1049h")
    });
    // Raw mode is back: single keys work, Enter saves a note.
    crit.send("i");
    crit.wait_for("New note");
    crit.type_note("after fg");
    crit.wait_for("] after fg");
    crit.send("\x1b");
    crit.wait_for("space pause");
    crit.end_session_and_quit();
}

#[cfg(unix)]
fn process_state(pid: i32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')').next()?.trim().chars().next()
}

#[test]
fn crit_live_naming_a_file_crit_did_not_make_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "not crit's").unwrap();
    let protocols = fixtures().join("protocols/valid");
    let archive = dir.path().join("archive");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crit"))
        .args(run_args(
            protocols.to_str().unwrap(),
            archive.to_str().unwrap(),
        ))
        .env("CRIT_LIVE", &precious)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("not a file crit made"), "{err}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "not crit's");
}

#[cfg(unix)]
#[test]
fn the_mirror_on_a_fifo_shows_no_session_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let mut mirror = Pty::spawn_env(&["mirror"], &[("CRIT_LIVE", fifo.to_str().unwrap())]);
    mirror.wait_for("No session is running.");
    mirror.send("q");
    assert_eq!(mirror.wait_exit(), 0);
    // And on SIGTERM.
    let mut mirror = Pty::spawn_env(&["mirror"], &[("CRIT_LIVE", fifo.to_str().unwrap())]);
    mirror.wait_for("No session is running.");
    unsafe { libc::kill(mirror.child.process_id().unwrap() as i32, libc::SIGTERM) };
    assert_eq!(mirror.wait_exit(), 0);
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;

#[test]
fn a_file_that_is_not_a_session_is_refused_and_nothing_is_made_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("hostname");
    std::fs::write(&plain, "a machine name\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crit"))
        .args(["resume", plain.to_str().unwrap()])
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("not a session crit can resume"), "{err}");
    let names: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names, vec![plain], "nothing created beside it");
}

#[test]
fn a_crafted_state_with_impossible_times_is_refused_not_a_panic() {
    let archive = tempfile::tempdir().unwrap();
    let file = killed_session(archive.path());
    let state = critical_friends::archive::state_path(&file);
    let text = std::fs::read_to_string(&state).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["records"][0]["elapsed"]["secs"] = serde_json::json!(u64::MAX);
    std::fs::write(&state, json.to_string()).unwrap();
    std::fs::remove_file(critical_friends::archive::journal::journal_path(&file)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crit"))
        .args(["resume", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("out of range"), "{err}");
}

#[test]
fn a_hand_edit_made_while_interrupted_is_kept() {
    let archive = tempfile::tempdir().unwrap();
    let file = killed_session_with_note(archive.path(), "from crit");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nAdded by hand while crit was closed.\n");
    std::fs::write(&file, &text).unwrap();
    let mut resumed = Pty::spawn(&resume_args(archive.path()));
    resumed.wait_for("edited by hand");
    let copy = std::fs::read_dir(archive.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".edited-"))
        .expect("a copy of the edited file");
    assert!(
        std::fs::read_to_string(copy)
            .unwrap()
            .contains("Added by hand while crit was closed.")
    );
    resumed.end_session_and_quit();
}

/// A terminal this test opens and closes itself, the way a window does: when the window
/// closes, the kernel hangs up the terminal and crit's writes to it fail.
#[cfg(unix)]
struct Window {
    master: std::os::fd::OwnedFd,
    screen: vt100::Parser,
}

#[cfg(unix)]
impl Window {
    fn open(args: &[&str], home: &Path) -> (Window, std::process::Child) {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        use std::os::unix::process::CommandExt;
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0);
        // Only this test holds the window's side: crit must not inherit it.
        unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crit"));
        cmd.args(args)
            .env("TERM", "xterm-256color")
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", home.join("run"))
            .stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave.try_clone().unwrap());
        std::fs::create_dir_all(home.join("run")).unwrap();
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap();
        drop(slave);
        let _ = master.as_raw_fd();
        let window = Window {
            master,
            screen: vt100::Parser::new(24, 80, 0),
        };
        (window, child)
    }

    /// Reads what crit drew until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        use std::os::fd::AsRawFd;
        let deadline = Instant::now() + Duration::from_secs(20);
        let fd = self.master.as_raw_fd();
        while !self.screen.screen().contents().contains(text) {
            assert!(Instant::now() < deadline, "never saw {text:?}");
            let mut poll = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            if unsafe { libc::poll(&mut poll, 1, 50) } > 0 {
                let mut buf = [0u8; 4096];
                let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                if n > 0 {
                    self.screen.process(&buf[..n as usize]);
                }
            }
        }
    }

    fn send(&mut self, text: &str) {
        use std::os::fd::AsRawFd;
        let n = unsafe { libc::write(self.master.as_raw_fd(), text.as_ptr().cast(), text.len()) };
        assert_eq!(n, text.len() as isize);
    }
}

#[cfg(unix)]
#[test]
fn closing_the_window_under_a_running_session_saves_and_exits_cleanly() {
    use std::os::unix::process::ExitStatusExt;
    let archive = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let protocols = fixtures().join("protocols/valid");
    let args = run_args(
        protocols.to_str().unwrap(),
        archive.path().to_str().unwrap(),
    );
    let (mut window, mut child) = Window::open(&args, home.path());
    window.wait_for("Step 1 of 4");
    window.send("i");
    window.wait_for("New note");
    window.send("typed as the window closed");
    window.wait_for("typed as the window closed");
    drop(window); // the window closes
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "crit did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.signal(), None, "no abort: {status:?}");
    let file = session_file(archive.path());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("typed as the window closed"), "{text}");
    assert!(
        !critical_friends::archive::lock_path(&file).exists(),
        "no lock left"
    );
    let live = home.path().join("run/crit/live");
    assert_eq!(
        std::fs::read_dir(live).map_or(0, |d| d.count()),
        0,
        "no live view left"
    );
}

/// A small filesystem of its own, unmounted when dropped.
#[cfg(target_os = "linux")]
struct TinyDisk {
    dir: tempfile::TempDir,
}

#[cfg(target_os = "linux")]
impl TinyDisk {
    /// `None` where this test may not mount one (not root).
    fn mount(kib: u32) -> Option<TinyDisk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(TinyDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk to the last byte; the filler is removed to free it again.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![b'x'; 4096];
        while f.write_all(&block).is_ok() {}
        while f.write_all(b"x").is_ok() {}
        let _ = f.sync_all();
        filler
    }

    fn files(&self) -> Vec<String> {
        let mut names = Vec::new();
        for dir in [
            self.path().join("archive"),
            self.path().join("data/crit/rescue"),
        ] {
            if let Ok(items) = std::fs::read_dir(&dir) {
                for item in items.flatten() {
                    let len = item.metadata().map(|m| m.len()).unwrap_or(0);
                    names.push(format!("{} ({len})", item.path().display()));
                }
            }
        }
        names.sort();
        names
    }
}

#[cfg(target_os = "linux")]
impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_loses_nothing_leaves_no_empty_files_and_recovers() {
    let Some(disk) = TinyDisk::mount(512) else {
        eprintln!("this test mounts a small tmpfs and needs root; it did not run here");
        return;
    };
    let archive = disk.path().join("archive");
    let protocols = fixtures().join("protocols/valid");
    let mut args = run_args(protocols.to_str().unwrap(), archive.to_str().unwrap());
    args[1] = "tuning"; // ten-minute steps: nothing moves on while the disk is full
    args.drain(2..4); // a built-in: no --protocols
    let data = disk.path().join("data");
    let mut crit = Pty::spawn_env(&args, &[("XDG_DATA_HOME", data.to_str().unwrap())]);
    crit.wait_for("Step 1 of 7");
    crit.send("i");
    crit.wait_for("New note");
    crit.type_note("before the disk filled");
    crit.wait_for("] before the disk filled");
    let file = session_file(&archive);
    let before = disk.files();

    let filler = disk.fill();
    crit.type_note("while the disk was full");
    crit.wait_for("Cannot save");
    crit.type_note("still full");
    crit.wait_for("] still full");
    assert_eq!(disk.files().len(), before.len(), "{:#?}", disk.files());
    assert!(
        !disk
            .files()
            .iter()
            .any(|f| f.ends_with(" (0)") && f.ends_with(".md (0)")),
        "no empty session files: {:#?}",
        disk.files()
    );

    std::fs::remove_file(filler).unwrap();
    crit.type_note("space is back");
    wait_until("the session is written whole again", || {
        std::fs::read_to_string(&file).is_ok_and(|t| t.contains("space is back"))
    });
    let text = std::fs::read_to_string(&file).unwrap();
    for note in [
        "before the disk filled",
        "while the disk was full",
        "still full",
    ] {
        assert!(text.contains(note), "{note}: {text}");
    }
    crit.send("\x1b");
    crit.wait_for("space pause");
    crit.end_session_and_quit();
    assert_eq!(session_file(&archive), file, "one file, no copies");
}

#[test]
fn resume_takes_the_newest_session_that_can_be_resumed_in_the_archive_or_the_rescue_folder() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let archive = root.path().join("archive");
    let protocols = fixtures().join("protocols/valid");
    let args = run_args(protocols.to_str().unwrap(), archive.to_str().unwrap());
    let env = [("XDG_DATA_HOME", data.to_str().unwrap())];
    // An older session, killed.
    let mut older = Pty::spawn_env(&args, &env);
    older.wait_for("Step 1 of 4");
    older.sigkill();
    older.wait_exit();
    let older_file = session_file(&archive);
    // A newer one whose state is damaged: it cannot be resumed, so it is passed over.
    let mut newer = Pty::spawn_env(&args, &env);
    newer.wait_for("Step 1 of 4");
    newer.sigkill();
    newer.wait_exit();
    let newer_file = std::fs::read_dir(&archive)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md") && *p != older_file)
        .unwrap();
    std::fs::write(
        critical_friends::archive::state_path(&newer_file),
        "{ damaged",
    )
    .unwrap();
    let mut resumed = Pty::spawn_env(&resume_args(&archive), &env);
    resumed.wait_for("Resumed where the session stopped.");
    resumed.end_session_and_quit();
    assert!(
        std::fs::read_to_string(&older_file)
            .unwrap()
            .contains("status: abandoned")
    );

    // A session that went to the rescue folder (the archive is a file, not a folder) is
    // found there too.
    let blocked = root.path().join("not-a-folder");
    std::fs::write(&blocked, "").unwrap();
    let args = run_args(protocols.to_str().unwrap(), blocked.to_str().unwrap());
    let mut rescued = Pty::spawn_env(&args, &env);
    rescued.wait_for("instead");
    rescued.sigkill();
    rescued.wait_exit();
    let mut resumed = Pty::spawn_env(&resume_args(&blocked), &env);
    resumed.wait_for("Resumed where the session stopped.");
    resumed.end_session_and_quit();
    let rescue = data.join("crit/rescue");
    let text = std::fs::read_to_string(session_file(&rescue)).unwrap();
    assert!(text.contains("status: abandoned"), "{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_session_moved_to_the_rescue_folder_leaves_no_stale_copy_behind() {
    let Some(disk) = TinyDisk::mount(512) else {
        eprintln!("this test mounts a small tmpfs and needs root; it did not run here");
        return;
    };
    let archive = disk.path().join("archive");
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let protocols = fixtures().join("protocols/valid");
    let mut args = run_args(protocols.to_str().unwrap(), archive.to_str().unwrap());
    args[1] = "tuning";
    args.drain(2..4);
    let mut crit = Pty::spawn_env(&args, &[("XDG_DATA_HOME", data.to_str().unwrap())]);
    crit.wait_for("Step 1 of 7");
    crit.send("i");
    crit.wait_for("New note");
    crit.type_note("before the archive's disk filled");
    crit.wait_for("] before the archive's disk filled");
    disk.fill();
    crit.type_note("saved in the rescue folder");
    crit.wait_for("instead");
    let rescue = data.join("crit/rescue");
    wait_until("the whole session is in the rescue folder", || {
        std::fs::read_dir(&rescue).is_ok_and(|d| {
            d.flatten().any(|e| {
                std::fs::read_to_string(e.path())
                    .is_ok_and(|t| t.contains("saved in the rescue folder"))
            })
        })
    });
    let left: Vec<_> = std::fs::read_dir(&archive)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "no stale copy in the archive: {left:?}");
    let file = session_file(&rescue);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("before the archive's disk filled"), "{text}");
    crit.send("\x1b");
    crit.wait_for("space pause");
    crit.end_session_and_quit();
}

#[test]
fn with_two_sessions_running_the_mirror_follows_the_newest_and_skips_a_dead_one() {
    use critical_friends::app::Live;
    use critical_friends::app::live::{LiveSource, file_in};
    let dir = tempfile::tempdir().unwrap();
    let live_dir = dir.path().join("live");
    std::fs::create_dir_all(&live_dir).unwrap();
    let mut clock = crate::support::FakeClock::new();
    let session = crate::support::tuning_session(&clock);
    let write = |pid: u32, md: &Path, group: &str, at: critical_friends::session::Now| {
        let mut live = Live::from_session(&session, at);
        live.pid = pid;
        live.group = group.into();
        live.session = Some(md.to_path_buf());
        std::fs::write(
            file_in(&live_dir, pid),
            serde_json::to_string(&live).unwrap(),
        )
        .unwrap();
    };
    let (a, b, c) = (
        dir.path().join("a.md"),
        dir.path().join("b.md"),
        dir.path().join("c.md"),
    );
    for md in [&a, &b, &c] {
        std::fs::write(md, "").unwrap();
    }
    let _held_a = critical_friends::archive::acquire(&a).unwrap();
    let _held_b = critical_friends::archive::acquire(&b).unwrap();
    write(1, &a, "Room A", clock.now);
    clock.advance(5);
    write(2, &b, "Room B", clock.now);
    clock.advance(5);
    // Newest of all, but its crit is gone (nobody holds its lock).
    write(3, &c, "Room C", clock.now);
    let source = LiveSource::Folder(live_dir.clone());
    assert_eq!(source.read().unwrap().group, "Room B");
    // B ends: its file goes; A is still shown, not a blank.
    std::fs::remove_file(file_in(&live_dir, 2)).unwrap();
    assert_eq!(source.read().unwrap().group, "Room A");
}

#[cfg(unix)]
#[test]
fn a_journal_that_is_a_link_or_a_fifo_is_refused_at_once() {
    for kind in ["link", "fifo"] {
        let archive = tempfile::tempdir().unwrap();
        let file = killed_session(archive.path());
        let journal = critical_friends::archive::journal::journal_path(&file);
        std::fs::remove_file(&journal).unwrap();
        if kind == "link" {
            std::os::unix::fs::symlink("/dev/zero", &journal).unwrap();
        } else {
            let c = std::ffi::CString::new(journal.to_str().unwrap()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_crit"))
            .args(["resume", file.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{kind}: {err}");
        assert!(err.contains("not crit's journal"), "{kind}: {err}");
        assert!(
            !critical_friends::archive::lock_path(&file).exists(),
            "{kind}: no lock left"
        );
    }
}

#[test]
fn a_hand_edit_is_kept_even_when_crit_never_noted_its_own_last_write() {
    let archive = tempfile::tempdir().unwrap();
    let file = killed_session_with_note(archive.path(), "from crit");
    // As after a failed write: the journal holds no note of the markdown crit wrote.
    let journal = critical_friends::archive::journal::journal_path(&file);
    let lines: Vec<String> = std::fs::read_to_string(&journal)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("\"k\":\"md\""))
        .map(str::to_string)
        .collect();
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    // Edited by hand a while later.
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nAdded by hand.\n");
    std::fs::write(&file, &text).unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let mut resumed = Pty::spawn(&resume_args(archive.path()));
    resumed.wait_for("edited by hand");
    resumed.end_session_and_quit();
    let kept = std::fs::read_dir(archive.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .any(|p| {
            p.to_string_lossy().contains(".edited-")
                && std::fs::read_to_string(&p).is_ok_and(|t| t.contains("Added by hand."))
        });
    assert!(kept);
}

#[test]
fn a_two_letter_paste_is_text_too() {
    let archive = tempfile::tempdir().unwrap();
    let mut crit = start_quick_session(archive.path());
    // "q" then "y" as keys would end the session.
    crit.send("qy");
    crit.wait_for("New note");
    assert!(!crit.contents().contains("End session?"));
    assert!(crit.contents().contains("Step 1 of 4"));
    crit.send("\x1b");
    crit.wait_for("space pause");
    crit.end_session_and_quit();
}
