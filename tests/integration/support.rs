//! Shared helpers: a fake clock, fixture paths, protocols and sessions, sessions written
//! to an archive folder, crit run as a program, git, and the app driven with the
//! runtime's files.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::DateTime;
use critical_friends::app::{Effect, Model, Msg, update};
use critical_friends::archive;
use critical_friends::protocol::{Library, Protocol, parse_protocol};
use critical_friends::runtime::Files;
use critical_friends::session::{Now, Roster, Session, Status};

/// A clock that only moves when a test moves it.
pub struct FakeClock {
    pub now: Now,
}

impl FakeClock {
    pub fn new() -> FakeClock {
        let wall = DateTime::parse_from_rfc3339("2026-11-23T14:00:00+01:00").unwrap();
        FakeClock {
            now: Now {
                at: Instant::now(),
                wall,
            },
        }
    }

    pub fn advance(&mut self, secs: u64) -> Now {
        self.now = self.now.after(Duration::from_secs(secs));
        self.now
    }

    pub fn advance_ms(&mut self, ms: u64) -> Now {
        self.now = self.now.after(Duration::from_millis(ms));
        self.now
    }
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A built-in protocol. The library is read once for the whole test run: property tests
/// ask for a protocol in every case, and reading every built-in file each time cost most
/// of their time.
pub fn builtin(id: &str) -> Protocol {
    static LIBRARY: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
    LIBRARY
        .get_or_init(Library::builtin)
        .find(id)
        .unwrap_or_else(|| panic!("no built-in {id}"))
        .protocol
        .clone()
}

pub fn fixture_protocol(name: &str) -> Protocol {
    let path = fixtures()
        .join("protocols/valid")
        .join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    parse_protocol(&text, &path.display().to_string(), name).unwrap()
}

pub fn roster(protocol: &Protocol, participants: &[&str]) -> Roster {
    let people = protocol
        .roles
        .iter()
        .map(|r| {
            let names: Vec<String> = if r.many {
                participants.iter().map(|s| s.to_string()).collect()
            } else {
                vec![match r.id.as_str() {
                    "facilitator" => "Sam".to_string(),
                    "presenter" => "Pat".to_string(),
                    other => format!("{other}-person"),
                }]
            };
            (r.id.clone(), names)
        })
        .collect();
    Roster {
        group: "Grade 7 team".into(),
        people,
        question: "How do I deepen student thinking?".into(),
        end_by: None,
        restated: None,
        tags: Vec::new(),
    }
}

pub fn tuning_session(clock: &FakeClock) -> Session {
    let p = builtin("tuning");
    let r = roster(&p, &["Ana", "Ben", "Cy"]);
    Session::start(p, r, clock.now)
}

/// A moment at the wall-clock time `rfc3339` (the monotonic part is now).
pub fn at(rfc3339: &str) -> Now {
    Now {
        at: Instant::now(),
        wall: DateTime::parse_from_rfc3339(rfc3339).unwrap(),
    }
}

// ---- Sessions written to an archive folder ----

/// Writes `s` as of `now` into `dir` under the name crit gives it; returns its path.
pub fn save(dir: &Path, s: &Session, now: Now) -> PathBuf {
    let path = dir.join(archive::file_name(
        s.started,
        &s.protocol.id,
        &s.roster.group,
    ));
    std::fs::write(&path, archive::render(s, now)).unwrap();
    path
}

/// Saves a Tuning session of `group` in `dir` under `name`, one note a minute, ended
/// with `status`.
pub fn save_in(dir: &Path, name: &str, group: &str, notes: &[&str], status: Status) {
    let mut clock = FakeClock::new();
    let mut s = tuning_session(&clock);
    s.roster.group = group.into();
    for note in notes {
        clock.advance(60);
        s.add_note("note", note, clock.now);
    }
    s.finish(status, clock.now);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), archive::render(&s, clock.now)).unwrap();
}

// ---- crit as a user runs it ----

/// The crit program with `archive` as its archive and `home` as its home, kept away from
/// this machine's settings (no protocols folder from the environment, no config file).
/// Add arguments and environment, then run it with [`output_of`].
pub fn crit_command(archive: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crit"));
    cmd.env_remove("CRIT_PROTOCOLS")
        .env("CRIT_ARCHIVE", archive)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("no-config"));
    cmd
}

/// Runs `cmd` to the end: its exit code (-1 if killed), stdout and stderr.
pub fn output_of(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---- git ----

/// Fails clearly when git is missing, instead of failing somewhere obscure.
pub fn need_git() {
    let found = Command::new("git").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "these tests need git on PATH: install git (https://git-scm.com/downloads) and run them again"
    );
}

/// Runs git in `dir` (without the system's config); its stdout. Fails the test if git does.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---- The app with the runtime's files ----

/// What the runtime does with effects: each performed by `files`, each reply fed back
/// to the app (and shown to `seen`), until nothing is left. The live view is left out.
pub fn carry_out(
    model: &mut Model,
    files: &mut Files,
    effects: Vec<Effect>,
    now: Now,
    mut seen: impl FnMut(&Msg),
) {
    let mut queue = effects;
    while !queue.is_empty() {
        let mut next = Vec::new();
        for effect in queue {
            if matches!(effect, Effect::Publish { .. } | Effect::Unpublish(_)) {
                continue;
            }
            if let Some(msg) = files.perform(effect) {
                seen(&msg);
                next.extend(update(model, msg, now));
            }
        }
        queue = next;
    }
}

/// Runs the `crit` binary as a user would, away from this machine's own settings (no
/// CRIT_PROTOCOLS or CRIT_ARCHIVE, an empty config folder), with `env` added: the exit
/// code, what it printed, and what it said on stderr.
pub fn crit_with(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crit"));
    cmd.args(args)
        .env_remove("CRIT_PROTOCOLS")
        .env_remove("CRIT_ARCHIVE")
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("crit-test-config-none"),
        );
    for (key, value) in env {
        cmd.env(key, value);
    }
    output_of(&mut cmd)
}

/// An I/O failure as the runtime reports it, with the system's `text` for it.
pub fn io_failure(kind: std::io::ErrorKind, text: &str) -> critical_friends::app::IoFailure {
    critical_friends::app::IoFailure {
        kind,
        text: text.into(),
    }
}

/// Neither the archive folder nor the rescue folder could take the session: the disk is full.
pub fn archive_failed_disk_full() -> Msg {
    let full = io_failure(std::io::ErrorKind::StorageFull, "disk full");
    Msg::ArchiveFailed {
        archive: critical_friends::app::SaveProblem::Folder {
            dir: "/archive".into(),
            error: full.clone(),
        },
        fallback: "/tmp/crit-rescue".into(),
        error: full,
    }
}

/// Everything a drawn screen shows, cell after cell, as one string (to look for text
/// without caring where it wrapped).
pub fn screen_text(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    t.backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}
