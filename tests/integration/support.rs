//! Shared helpers: a fake clock, fixture paths, protocols and sessions.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::DateTime;
use critical_friends::protocol::{Library, Protocol, parse_protocol};
use critical_friends::session::{Now, Roster, Session};

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

pub fn builtin(id: &str) -> Protocol {
    Library::builtin()
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
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
