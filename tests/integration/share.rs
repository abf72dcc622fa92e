//! A shared archive on real git: a bare repository in a temporary folder is the
//! network's remote, and two archive folders are two schools. Sessions are run through
//! the app and the runtime's effects (real files), and the commands as a user types them.
//!
//! These tests need `git` on PATH (it is on every machine they run on); without it they
//! fail with a message saying so.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use critical_friends::app::{self, Effect, Model, Msg, Record, Screen, Settings, update};
use critical_friends::archive::share;
use critical_friends::protocol::Library;
use critical_friends::runtime::Files;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::*;

/// A network: a bare remote, and a home folder whose git config has no identity (so a
/// test never depends on the machine's).
struct Network {
    tmp: tempfile::TempDir,
}

impl Network {
    fn new() -> Network {
        need_git();
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("home")).unwrap();
        std::fs::write(tmp.path().join("home/.gitconfig"), "").unwrap();
        let net = Network { tmp };
        git(net.root(), &["init", "-q", "--bare", "remote.git"]);
        net
    }

    fn root(&self) -> &Path {
        self.tmp.path()
    }

    fn remote(&self) -> String {
        self.root().join("remote.git").display().to_string()
    }

    fn school(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// Runs crit with `archive` as its archive folder.
    fn crit(&self, archive: &Path, args: &[&str]) -> (i32, String, String) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        self.crit_with_path(archive, args, &path)
    }

    fn crit_with_path(
        &self,
        archive: &Path,
        args: &[&str],
        path: &std::ffi::OsStr,
    ) -> (i32, String, String) {
        let home = self.root().join("home");
        output_of(
            crit_command(archive, &home)
                .arg("--archive")
                .arg(archive)
                .args(args)
                .env("PATH", path)
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("GIT_CONFIG_GLOBAL", home.join(".gitconfig"))
                .env("GIT_CONFIG_NOSYSTEM", "1"),
        )
    }

    /// `git log -p` of everything the remote holds.
    fn remote_history(&self) -> String {
        git(
            self.root(),
            &["--git-dir", "remote.git", "log", "-p", "--all"],
        )
    }
}

/// Runs a whole Tuning session in `archive` through the app and the runtime's effects:
/// started at the fake clock's time (14:00 on 23 Nov 2026), one note, ended with `q`,
/// `y`. Returns the session's file and what sharing it said.
fn run_session(
    archive: &Path,
    group: &str,
    note: &str,
    site: Option<&str>,
) -> (PathBuf, Option<share::Outcome>) {
    let mut clock = FakeClock::new();
    let mut settings = Settings::new(archive.to_path_buf(), archive.join("../rescue"));
    settings.site = site.map(str::to_string);
    let mut model = Model::new(Library::builtin(), settings, clock.now);
    let protocol = builtin("tuning");
    let mut roster = roster(&protocol, &["Ana", "Ben"]);
    roster.group = group.to_string();
    let mut shared = None;
    let mut files = Files::default();
    let effects = app::start_session(&mut model, protocol, roster);
    carry_out_shared(&mut model, &mut files, effects, &clock, &mut shared);
    clock.advance(60);
    for key in [KeyCode::Char('i')]
        .into_iter()
        .chain(note.chars().map(KeyCode::Char))
        .chain([
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Char('q'),
            KeyCode::Char('y'),
        ])
    {
        let msg = Msg::Key(KeyEvent::new(key, KeyModifiers::NONE));
        let effects = update(&mut model, msg, clock.now);
        carry_out_shared(&mut model, &mut files, effects, &clock, &mut shared);
    }
    let Screen::Summary(summary) = &model.screen else {
        panic!("the session did not end")
    };
    (summary.saving.path.clone().expect("saved"), shared)
}

/// [`carry_out`], keeping what sharing said.
fn carry_out_shared(
    model: &mut Model,
    files: &mut Files,
    effects: Vec<Effect>,
    clock: &FakeClock,
    shared: &mut Option<share::Outcome>,
) {
    carry_out(model, files, effects, clock.now, |msg| {
        if let Msg::Shared(o) = msg {
            *shared = Some(o.clone());
        }
    });
}

fn sessions_listed(net: &Network, archive: &Path) -> Vec<String> {
    let (code, out, err) = net.crit(archive, &["archive", "list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut names: Vec<String> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            Path::new(e["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn two_schools_exchange_sessions_and_both_list_both() {
    let net = Network::new();
    let (a, b) = (net.school("charlestown"), net.school("riverside"));

    // School A shares the archive it has: its session becomes the first commit.
    std::fs::create_dir_all(&a).unwrap();
    let (first, shared) = run_session(&a, "Grade 7 team", "Before sharing", None);
    assert_eq!(shared, None, "an unshared archive is not committed");
    let (code, out, err) = net.crit(&a, &["archive", "init", "--remote", &net.remote()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session committed"), "{out}");
    assert!(
        out.contains("Private notes") && out.contains(".gitignore"),
        "{out}"
    );
    // git knows no one here: crit commits under a neutral name and says how to set one.
    assert!(
        out.contains("commits as \"crit\"") && out.contains("git config --global user.name"),
        "{out}"
    );
    assert_eq!(
        git(&a, &["log", "-1", "--format=%an <%ae>"]).trim(),
        "crit <crit@localhost>"
    );
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("nothing new from others, 1 session of yours"),
        "{out}"
    );

    // School B joins.
    let (code, out, err) = net.crit(&b, &["archive", "clone", &net.remote()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session from the network"), "{out}");
    assert!(out.contains("Private notes"), "{out}");

    // Both run Tuning with a group of the same name in the same minute.
    let (from_a, shared_a) = run_session(&a, "Grade 7 team", "Ana's idea at A", None);
    let (from_b, shared_b) = run_session(&b, "Grade 7 team", "Ben's idea at B", None);
    for shared in [&shared_a, &shared_b] {
        let shared = shared.as_ref().expect("a shared archive commits");
        assert!(shared.ok, "{shared:?}");
        assert!(shared.message.contains("Committed"), "{shared:?}");
    }
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    assert_ne!(
        name(&from_a),
        name(&from_b),
        "names stay unique across machines"
    );
    assert!(name(&from_a).starts_with("2026-11-23-1400-tuning-grade-7-team-"));
    // The unshared archive's name had no machine part.
    assert_eq!(name(&first), "2026-11-23-1400-tuning-grade-7-team.md");
    // Each is committed with a message naming protocol, group and date.
    let log = git(&a, &["log", "-1", "--format=%s", "--name-only"]);
    assert!(
        log.starts_with("Tuning Protocol — Grade 7 team, 2026-11-23"),
        "{log}"
    );
    assert!(log.contains(&name(&from_a)), "{log}");

    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("nothing new from others, 1 session of yours"),
        "{out}"
    );
    let (code, out, err) = net.crit(&b, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 session from others, 1 session of yours"),
        "{out}"
    );
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 session from others, nothing new of yours"),
        "{out}"
    );

    let expected = vec![name(&first), name(&from_a), name(&from_b)];
    let mut expected = expected;
    expected.sort();
    assert_eq!(sessions_listed(&net, &a), expected);
    assert_eq!(sessions_listed(&net, &b), expected);
    let (code, out, _) = net.crit(&b, &["archive", "search", "idea at A"]);
    assert_eq!(code, 0);
    assert!(out.contains(&name(&from_a)), "{out}");
    // Nothing half-done anywhere.
    for school in [&a, &b] {
        assert_eq!(git(school, &["status", "--porcelain"]), "");
    }
}

#[test]
fn private_notes_and_hidden_files_never_reach_the_remote() {
    let net = Network::new();
    let a = net.school("a");
    std::fs::create_dir_all(&a).unwrap();
    let (code, _, err) = net.crit(&a, &["archive", "init", "--remote", &net.remote()]);
    assert_eq!(code, 0, "{err}");
    let (session, _) = run_session(&a, "Team", "A public note", None);
    let stem = session.file_stem().unwrap().to_string_lossy().into_owned();
    let md = format!("{stem}.md");
    let secrets = [
        (format!("{stem}.private.md"), "SECRET-PRIVATE-NOTE"),
        (format!(".{md}.state.json"), "SECRET-STATE"),
        (format!(".{md}.lock"), "SECRET-LOCK"),
        (format!(".{md}.journal"), "SECRET-JOURNAL"),
        (format!(".{md}.123-0.tmp"), "SECRET-TEMPORARY"),
        (".live.json".to_string(), "SECRET-LIVE"),
        ("live.json".to_string(), "SECRET-LIVE-VIEW"),
        ("protocols/.draft.toml".to_string(), "SECRET-DRAFT"),
    ];
    std::fs::create_dir_all(a.join("protocols")).unwrap();
    for (file, text) in &secrets {
        std::fs::write(a.join(file), text).unwrap();
    }
    // A session still running (its state beside it) is never committed half-way.
    let running = a.join("2026-11-24-0900-tuning-team.md");
    std::fs::write(
        &running,
        "---\nprotocol: \"Tuning Protocol\"\nstatus: in-progress\n---\nSECRET-HALF-WAY\n",
    )
    .unwrap();
    std::fs::write(a.join(".2026-11-24-0900-tuning-team.md.state.json"), "{}").unwrap();
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session of yours"), "{out}");
    // Even with the .gitignore gone, crit itself never commits them.
    std::fs::remove_file(a.join(".gitignore")).unwrap();
    let (code, _, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");

    let history = net.remote_history();
    assert!(
        history.contains("A public note"),
        "the session itself is shared"
    );
    assert!(!history.contains("SECRET"), "{history}");
    let paths = git(
        net.root(),
        &[
            "--git-dir",
            "remote.git",
            "log",
            "--all",
            "--name-only",
            "--format=",
        ],
    );
    let paths: Vec<&str> = paths.lines().filter(|l| !l.is_empty()).collect();
    for (file, _) in &secrets {
        assert!(!paths.contains(&file.as_str()), "{file} reached the remote");
    }
    assert!(paths.contains(&md.as_str()), "{paths:?}");
    assert!(
        !history.contains("2026-11-24-0900"),
        "a running session was shared"
    );
    // They are all still here.
    for (file, text) in &secrets {
        assert_eq!(std::fs::read_to_string(a.join(file)).unwrap(), *text);
    }
}

#[test]
fn the_gitignore_excludes_every_hidden_and_private_file() {
    let net = Network::new();
    let a = net.school("a");
    let (code, _, err) = net.crit(&a, &["archive", "init"]);
    assert_eq!(code, 0, "{err}");
    let names = [
        ".x.md.state.json",
        ".x.md.lock",
        ".x.md.journal",
        "x.private.md",
        ".anything",
    ];
    for n in names {
        std::fs::write(a.join(n), "").unwrap();
    }
    std::fs::write(a.join("x.md"), "").unwrap();
    let ignored = git(
        &a,
        &[
            "status",
            "--porcelain",
            "--ignored",
            "--untracked-files=all",
        ],
    );
    for n in names {
        assert!(
            ignored.contains(&format!("!! {n}")),
            "{n} not ignored:\n{ignored}"
        );
    }
    assert!(ignored.contains("?? x.md"), "{ignored}");
    assert!(
        !ignored.contains(".gitignore"),
        "the .gitignore itself is committed"
    );
}

#[test]
fn a_shared_protocol_reaches_the_other_school_and_a_broken_one_stops_nothing() {
    let net = Network::new();
    let (a, b) = (net.school("a"), net.school("b"));
    let (code, _, err) = net.crit(&a, &["archive", "init", "--remote", &net.remote()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = net.crit(&a, &["new", "network-tuning", "--shared"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("crit archive sync"), "{out}");
    assert!(a.join("protocols/network-tuning.toml").is_file());
    std::fs::write(a.join("protocols/broken.toml"), "name = \n").unwrap();
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 protocols of yours"), "{out}");

    let (code, _, err) = net.crit(&b, &["archive", "clone", &net.remote()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = net.crit(&b, &["list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let protocols = doc["protocols"].as_array().unwrap();
    let shared = protocols
        .iter()
        .find(|p| p["id"] == "network-tuning")
        .expect("the shared protocol reached school B");
    assert_eq!(shared["origin"], "shared archive");
    let (_, table, _) = net.crit(&b, &["list"]);
    let line = table
        .lines()
        .find(|l| l.starts_with("network-tuning "))
        .expect("listed");
    assert!(line.contains("shared archive: "), "{line}");
    assert!(protocols.iter().any(|p| p["id"] == "tuning"));
    let skipped = doc["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("broken.toml")
    );

    // Without a shared archive, `--shared` says what to do.
    let (code, _, err) = net.crit(&net.school("c"), &["new", "x", "--shared"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a shared archive yet"), "{err}");
}

#[test]
fn an_unreachable_remote_loses_nothing_and_the_next_sync_completes() {
    let net = Network::new();
    let a = net.school("a");
    let later = net.root().join("later.git");
    let later_url = later.display().to_string();
    let (code, _, err) = net.crit(&a, &["archive", "init", "--remote", &later_url]);
    assert_eq!(code, 0, "{err}");
    let (session, _) = run_session(&a, "Team", "Kept safe", None);
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 1, "{out}");
    let err = err.trim();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cannot reach the shared archive at") && err.contains("nothing was lost"),
        "{err}"
    );
    // Committed here, nothing half-done.
    assert!(
        git(&a, &["log", "--name-only"]).contains(session.file_name().unwrap().to_str().unwrap())
    );
    assert_eq!(git(&a, &["status", "--porcelain"]), "");
    assert!(!a.join(".git/MERGE_HEAD").exists());

    // The remote comes back: the next sync sends what the failed one could not.
    git(net.root(), &["init", "-q", "--bare", "later.git"]);
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session of yours"), "{out}");
    let history = git(
        net.root(),
        &["--git-dir", "later.git", "log", "-p", "--all"],
    );
    assert!(history.contains("Kept safe"));
}

#[test]
fn a_rejected_push_is_told_plainly_and_loses_nothing() {
    let net = Network::new();
    let a = net.school("a");
    let (code, _, err) = net.crit(&a, &["archive", "init", "--remote", &net.remote()]);
    assert_eq!(code, 0, "{err}");
    // The network's server refuses every push.
    let hook = net.root().join("remote.git/hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'the archive is read-only today' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    run_session(&a, "Team", "Still here", None);
    let (code, _, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("refused this computer's sessions") && err.contains("nothing was lost"),
        "{err}"
    );
    assert_eq!(git(&a, &["status", "--porcelain"]), "");
    std::fs::remove_file(&hook).unwrap();
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session of yours"), "{out}");
}

#[test]
fn hand_edits_that_conflict_keep_both_sides_and_are_reported() {
    let net = Network::new();
    let (a, b) = (net.school("a"), net.school("b"));
    let (code, _, err) = net.crit(&a, &["archive", "init", "--remote", &net.remote()]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(
        a.join("2026-11-20-1400-tuning-team.md"),
        "---\nprotocol: \"Tuning Protocol\"\nstatus: complete\n---\n\n## Next steps\n\n- [ ] Pat shares the rubric\n- [ ] Sam books the room\n",
    )
    .unwrap();
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    assert_eq!(net.crit(&b, &["archive", "clone", &net.remote()]).0, 0);
    let file = "2026-11-20-1400-tuning-team.md";
    let edit = |dir: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        std::fs::write(dir.join(file), text.replace(from, to)).unwrap();
    };
    edit(
        &a,
        "- [ ] Pat shares the rubric",
        "- [x] Pat shares the rubric",
    );
    edit(
        &b,
        "- [ ] Pat shares the rubric",
        "- [ ] Pat shares the rubric (moved to May)",
    );
    let (code, out, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 other change of yours"), "{out}");
    let (code, out, err) = net.crit(&b, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("{file} was edited here and elsewhere")),
        "{out}"
    );
    let merged = std::fs::read_to_string(b.join(file)).unwrap();
    assert!(merged.contains("- [x] Pat shares the rubric\n"), "{merged}");
    assert!(
        merged.contains("- [ ] Pat shares the rubric (moved to May)\n"),
        "{merged}"
    );
    assert!(merged.contains("- [ ] Sam books the room"), "{merged}");
    assert!(
        !merged.contains("<<<<<<<") && !merged.contains(">>>>>>>"),
        "{merged}"
    );
    assert_eq!(git(&b, &["status", "--porcelain"]), "");
    // School A gets the merged file too.
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    assert_eq!(std::fs::read_to_string(a.join(file)).unwrap(), merged);
}

#[test]
fn clone_refuses_a_folder_holding_sessions_the_network_lacks_unless_merge() {
    let net = Network::new();
    let (a, b) = (net.school("a"), net.school("b"));
    assert_eq!(
        net.crit(&a, &["archive", "init", "--remote", &net.remote()])
            .0,
        0
    );
    run_session(&a, "Team A", "From A", None);
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);

    std::fs::create_dir_all(&b).unwrap();
    let (mine, _) = run_session(&b, "Team B", "Only at B", None);
    let (code, _, err) = net.crit(&b, &["archive", "clone", &net.remote()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("1 session that the shared archive") && err.contains("--merge"),
        "{err}"
    );
    assert!(!b.join(".git").exists(), "nothing half-done is left");
    assert!(mine.is_file());

    let (code, out, err) = net.crit(&b, &["archive", "clone", &net.remote(), "--merge"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session from this computer"), "{out}");
    let (code, out, err) = net.crit(&b, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session of yours"), "{out}");
    assert_eq!(sessions_listed(&net, &b).len(), 2);
    // A second clone into a shared archive is refused.
    let (code, _, err) = net.crit(&b, &["archive", "clone", &net.remote()]);
    assert_eq!(code, 1);
    assert!(err.contains("already a git repository"), "{err}");
}

#[test]
fn without_git_every_sharing_command_says_how_to_get_it_and_the_rest_works() {
    let net = Network::new();
    let a = net.school("a");
    assert_eq!(net.crit(&a, &["archive", "init"]).0, 0);
    run_session(&a, "Team", "Note", None);
    // A PATH with no git on it.
    let empty = net.root().join("no-git-here");
    std::fs::create_dir_all(&empty).unwrap();
    for args in [
        vec!["archive", "init"],
        vec!["archive", "clone", "https://example.org/net.git"],
        vec!["archive", "sync"],
    ] {
        let (code, _, err) = net.crit_with_path(&net.school("fresh"), &args, empty.as_os_str());
        assert_eq!(code, 1, "{args:?}");
        assert!(
            err.contains("needs git") && err.contains("https://git-scm.com/downloads"),
            "{args:?}: {err}"
        );
    }
    let (code, _, err) = net.crit_with_path(&a, &["archive", "sync"], empty.as_os_str());
    assert_eq!(code, 1);
    assert!(err.contains("needs git"), "{err}");
    for args in [
        vec!["archive", "list"],
        vec!["archive", "search", "Note"],
        vec!["list"],
    ] {
        let (code, _, err) = net.crit_with_path(&a, &args, empty.as_os_str());
        assert_eq!(code, 0, "{args:?}: {err}");
    }
}

#[test]
fn the_site_is_recorded_and_filters_list_and_search() {
    let net = Network::new();
    let a = net.school("a");
    std::fs::create_dir_all(&a).unwrap();
    let (here, _) = run_session(&a, "Team", "Shared idea", Some("Charlestown High"));
    let (there, _) = run_session(&a, "Team", "Shared idea", Some("Riverside Middle"));
    let text = std::fs::read_to_string(&here).unwrap();
    assert!(text.contains("\nsite: \"Charlestown High\"\n"), "{text}");
    let (code, out, _) = net.crit(
        &a,
        &["archive", "list", "--paths", "--site", "charlestown high"],
    );
    assert_eq!(code, 0);
    let here_name = here.file_name().unwrap().to_str().unwrap();
    let there_name = there.file_name().unwrap().to_str().unwrap();
    assert!(
        out.contains(here_name) && !out.contains(there_name),
        "{out}"
    );
    let (code, out, _) = net.crit(&a, &["archive", "list", "--json"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"site\": \"Riverside Middle\""), "{out}");
    let (code, out, _) = net.crit(
        &a,
        &[
            "archive",
            "search",
            "Shared idea",
            "--site",
            "Riverside Middle",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains(there_name) && !out.contains(here_name),
        "{out}"
    );
    // The report and the next steps filter by site too.
    let (code, out, err) = net.crit(
        &a,
        &[
            "archive",
            "report",
            "--site",
            "Riverside Middle",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(there_name) && !out.contains(here_name),
        "{out}"
    );
    let (code, out, err) = net.crit(
        &a,
        &["archive", "actions", "--site", "Nowhere High", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "[]");
}

#[test]
fn the_site_and_sync_settings_come_from_the_config_file() {
    let net = Network::new();
    let config = net.root().join("config.toml");
    std::fs::write(
        &config,
        "site = \"Charlestown High\"\nsync = \"after-session\"\n",
    )
    .unwrap();
    let (file, _) =
        critical_friends::config::load(critical_friends::config::ConfigSource::Explicit(&config))
            .unwrap();
    let r = critical_friends::config::resolve(
        &critical_friends::config::Flags::default(),
        &|_| None,
        &file,
    );
    assert_eq!(r.site.as_deref(), Some("Charlestown High"));
    assert!(r.sync_after_session);
}

#[test]
fn ending_a_session_asks_to_share_it_and_the_summary_shows_the_outcome() {
    let clock = FakeClock::new();
    let mut settings = Settings::new("/archive".into(), "/rescue".into());
    settings.sync_after_session = true;
    let mut model = Model::new(Library::builtin(), settings, clock.now);
    let p = builtin("tuning");
    let r = roster(&p, &["Ana"]);
    app::start_session(&mut model, p, r);
    update(
        &mut model,
        Msg::ArchiveOpened {
            path: "/archive/s.md".into(),
            problem: None,
        },
        clock.now,
    );
    let mut effects = Vec::new();
    for c in ['q', 'y'] {
        effects = update(
            &mut model,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            clock.now,
        );
    }
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Save {
                record: Record::Finished,
                ..
            }
        )),
        "the final save"
    );
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Share { .. })),
        "nothing is shared before the last save worked"
    );
    // The last save worked: now the session is shared, once.
    let saved = Msg::Saved("/archive/s.md".into());
    let effects = update(&mut model, saved.clone(), clock.now);
    assert_eq!(
        effects,
        vec![Effect::Share {
            path: "/archive/s.md".into(),
            sync: true
        }]
    );
    assert!(update(&mut model, saved, clock.now).is_empty());

    let outcome = share::Outcome::failed("Not synced: cannot reach the shared archive at x.");
    update(&mut model, Msg::Shared(outcome), clock.now);
    let backend = ratatui::backend::TestBackend::new(100, 30);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| critical_friends::ui::view(&model, f))
        .unwrap();
    let screen = screen_text(&terminal);
    assert!(
        screen.contains("Not synced: cannot reach the shared"),
        "{screen}"
    );
}

#[test]
fn the_sync_after_a_session_is_bounded_in_time() {
    let net = Network::new();
    let a = net.school("a");
    assert_eq!(net.crit(&a, &["archive", "init"]).0, 0);
    // A remote that never answers: its "ssh" waits far longer than the bound.
    let slow = net.root().join("slow-ssh");
    std::fs::write(&slow, "#!/bin/sh\nsleep 60\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    git(
        &a,
        &["remote", "add", "origin", "ssh://never.invalid/net.git"],
    );
    git(
        &a,
        &["config", "core.sshCommand", &slow.display().to_string()],
    );
    let started = Instant::now();
    let result = share::sync(
        &a,
        &share::SyncOptions {
            prompts: false,
            limit: Some(Duration::from_millis(700)),
        },
    );
    let took = started.elapsed();
    let err = result.expect_err("no answer is a failure");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(err.contains("did not answer within"), "{err}");
    assert!(!a.join(".git/MERGE_HEAD").exists());
}

#[test]
fn a_running_session_is_never_committed() {
    let net = Network::new();
    let a = net.school("a");
    assert_eq!(net.crit(&a, &["archive", "init"]).0, 0);
    let path = a.join("2026-11-23-1400-tuning-team.md");
    std::fs::write(
        &path,
        "---\nprotocol: \"Tuning\"\nstatus: in-progress\n---\n",
    )
    .unwrap();
    let outcome = share::after_finish(&path).expect("the archive is shared");
    assert!(!outcome.ok);
    assert!(outcome.message.contains("still running"), "{outcome:?}");
    assert!(!git(&a, &["status", "--porcelain"]).is_empty());
}

#[test]
fn clone_keeps_a_local_session_that_differs_from_the_shared_one() {
    let net = Network::new();
    let (a, b) = (net.school("a"), net.school("b"));
    let file = "2026-11-20-1400-tuning-team.md";
    let doc = |extra: &str| {
        format!("---\nprotocol: \"Tuning Protocol\"\nstatus: complete\n---\n\n- {extra}\n")
    };
    std::fs::create_dir_all(&a).unwrap();
    std::fs::write(a.join(file), doc("shared")).unwrap();
    assert_eq!(
        net.crit(&a, &["archive", "init", "--remote", &net.remote()])
            .0,
        0
    );
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(b.join(file), doc("copied by USB and edited")).unwrap();
    let (code, _, err) = net.crit(&b, &["archive", "clone", &net.remote()]);
    assert_eq!(code, 1);
    assert!(err.contains("1 session that differ"), "{err}");
    let (code, out, err) = net.crit(&b, &["archive", "clone", &net.remote(), "--merge"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("this computer's version is kept as"), "{out}");
    assert_eq!(
        std::fs::read_to_string(b.join(file)).unwrap(),
        doc("shared")
    );
    let names = sessions_listed(&net, &b);
    assert_eq!(names.len(), 2, "{names:?}");
    let kept = names.iter().find(|n| n.as_str() != file).unwrap();
    assert_eq!(
        std::fs::read_to_string(b.join(kept)).unwrap(),
        doc("copied by USB and edited")
    );
}

#[test]
fn the_runtime_commits_at_once_and_syncs_in_the_background() {
    let net = Network::new();
    let a = net.school("a");
    assert_eq!(
        net.crit(&a, &["archive", "init", "--remote", &net.remote()])
            .0,
        0
    );
    let path = a.join("2026-11-23-1400-tuning-team-abcde.md");
    std::fs::write(&path, "---\nprotocol: \"Tuning Protocol\"\ngroup: \"Team\"\ndate: 2026-11-23\nstatus: complete\n---\n").unwrap();
    let Some(Msg::Shared(now)) = Files::default().perform(Effect::Share {
        path: path.clone(),
        sync: true,
    }) else {
        panic!("sharing says what it did")
    };
    assert!(now.ok && now.message.contains("Committed"), "{now:?}");
    assert!(now.syncing, "{now:?}");
    // The screen says that the sync goes on (the runtime reports only that it does).
    let mut app = crate::screens::App::new();
    app.start("quick-tuning", "Ana");
    app.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    app.send(Msg::Shared(now.clone()));
    let shown = screen_text(&app.draw(120, 40));
    assert!(
        shown.contains(&format!("{} Syncing with the network…", now.message)),
        "{shown}"
    );
    assert_eq!(git(&a, &["status", "--porcelain"]), "", "committed at once");
    // The sync finishes on its own thread, within its bound.
    let deadline = Instant::now() + share::AFTER_SESSION_LIMIT + Duration::from_secs(10);
    let outcome = loop {
        if let Some(o) = critical_friends::runtime::finished_syncs().pop() {
            break o;
        }
        assert!(Instant::now() < deadline, "the sync never reported");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(outcome.ok, "{outcome:?}");
    assert!(
        outcome.message.contains("1 session of yours"),
        "{outcome:?}"
    );
    assert!(net.remote_history().contains("Tuning Protocol"));
}

#[test]
fn an_exchange_interrupted_half_way_is_undone_and_done_again() {
    let net = Network::new();
    let (a, b) = (net.school("a"), net.school("b"));
    let file = "2026-11-20-1400-tuning-team.md";
    std::fs::create_dir_all(&a).unwrap();
    std::fs::write(
        a.join(file),
        "---\nprotocol: \"Tuning Protocol\"\nstatus: complete\n---\n\n- [ ] one\n",
    )
    .unwrap();
    assert_eq!(
        net.crit(&a, &["archive", "init", "--remote", &net.remote()])
            .0,
        0
    );
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    assert_eq!(net.crit(&b, &["archive", "clone", &net.remote()]).0, 0);
    let edit = |dir: &Path, to: &str| {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        std::fs::write(dir.join(file), text.replace("- [ ] one", to)).unwrap();
    };
    edit(&a, "- [x] one");
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    edit(&b, "- [ ] one, by Friday");
    // B's crit quit in the middle of a sync: its merge stopped with conflict markers.
    let id = ["-c", "user.name=t", "-c", "user.email=t@t"];
    let run = |args: &[&str]| {
        Command::new("git")
            .current_dir(&b)
            .args(id)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["commit", "-qam", "local edit"]).status.success());
    assert!(run(&["fetch", "-q", "origin"]).status.success());
    let branch = String::from_utf8_lossy(&run(&["rev-parse", "--abbrev-ref", "HEAD"]).stdout)
        .trim()
        .to_string();
    assert!(
        !run(&["merge", &format!("origin/{branch}")])
            .status
            .success()
    );
    assert!(b.join(".git/MERGE_HEAD").exists());

    let (code, out, err) = net.crit(&b, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("interrupted earlier was undone"), "{out}");
    assert!(out.contains("both versions' lines are kept"), "{out}");
    let text = std::fs::read_to_string(b.join(file)).unwrap();
    assert!(
        text.contains("- [x] one\n") && text.contains("- [ ] one, by Friday\n"),
        "{text}"
    );
    assert!(!text.contains("<<<<<<<"), "{text}");
    assert!(!b.join(".git/MERGE_HEAD").exists());
    assert_eq!(git(&b, &["status", "--porcelain"]), "");
}

#[test]
fn ending_commits_the_session_and_its_take_away_but_never_its_private_notes() {
    let net = Network::new();
    let a = net.school("a");
    assert_eq!(net.crit(&a, &["archive", "init"]).0, 0);
    let stem = "2026-11-23-1400-tuning-team-abcde";
    let session = a.join(format!("{stem}.md"));
    std::fs::write(
        &session,
        "---\nprotocol: \"Tuning Protocol\"\ngroup: \"Team\"\ndate: 2026-11-23\nstatus: complete\n---\n",
    )
    .unwrap();
    std::fs::write(a.join(format!("{stem}.takeaway.md")), "# Take-away\n").unwrap();
    std::fs::write(a.join(format!("{stem}.private.md")), "SECRET\n").unwrap();
    std::fs::write(a.join("someone-elses-note.md"), "not this session\n").unwrap();
    let outcome = share::after_finish(&session).expect("the archive is shared");
    assert!(outcome.ok, "{outcome:?}");
    let committed = git(&a, &["show", "--name-only", "--format=%s", "HEAD"]);
    let mut lines: Vec<&str> = committed.lines().filter(|l| !l.is_empty()).collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            format!("{stem}.md").as_str(),
            format!("{stem}.takeaway.md").as_str(),
            "Tuning Protocol — Team, 2026-11-23",
        ]
    );
    // A take-away written later is committed by calling it again.
    std::fs::write(a.join(format!("{stem}.takeaway.md")), "# Take-away, v2\n").unwrap();
    assert!(share::after_finish(&session).unwrap().ok);
    assert!(git(&a, &["status", "--porcelain"]).contains("someone-elses-note.md"));
    assert!(!git(&a, &["status", "--porcelain"]).contains("takeaway"));
}

#[test]
fn a_network_on_another_branch_and_two_schools_that_both_ran_init_become_one_archive() {
    let net = Network::new();
    // The network's repository was started by hand, on a branch called `trunk`.
    let seed = net.school("seed");
    std::fs::create_dir_all(&seed).unwrap();
    git(&seed, &["init", "-q", "-b", "trunk"]);
    std::fs::write(
        seed.join("2026-10-01-0900-tuning-team.md"),
        "---\nprotocol: \"Tuning Protocol\"\nstatus: complete\n---\n",
    )
    .unwrap();
    git(&seed, &["add", "."]);
    git(
        &seed,
        &[
            "-c",
            "user.name=s",
            "-c",
            "user.email=s@s",
            "commit",
            "-qm",
            "seed",
        ],
    );
    git(&seed, &["push", "-q", &net.remote(), "trunk"]);

    // Two schools each run `init` on their own archive with the same remote.
    let (a, b) = (net.school("a"), net.school("b"));
    for (school, group) in [(&a, "Team A"), (&b, "Team B")] {
        std::fs::create_dir_all(school).unwrap();
        run_session(school, group, "A note", None);
        let (code, _, err) = net.crit(school, &["archive", "init", "--remote", &net.remote()]);
        assert_eq!(code, 0, "{err}");
        let (code, out, err) = net.crit(school, &["archive", "sync"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("1 session of yours"), "{out}");
    }
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    assert_eq!(sessions_listed(&net, &a).len(), 3);
    assert_eq!(sessions_listed(&net, &a), sessions_listed(&net, &b));
    let branches = git(
        net.root(),
        &[
            "--git-dir",
            "remote.git",
            "branch",
            "--format=%(refname:short)",
        ],
    );
    assert_eq!(branches.trim(), "trunk", "one branch, the network's own");
}

#[test]
fn groups_named_in_any_script_are_shared_and_merged() {
    let net = Network::new();
    let (a, b) = (net.school("a"), net.school("b"));
    assert_eq!(
        net.crit(&a, &["archive", "init", "--remote", &net.remote()])
            .0,
        0
    );
    assert_eq!(net.crit(&b, &["archive", "clone", &net.remote()]).0, 0);
    let (from_a, shared) = run_session(&a, "Équipe café ☕", "Une idée", None);
    assert!(shared.unwrap().ok);
    let name = from_a.file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.contains("équipe-café"), "{name}");
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    let (code, out, err) = net.crit(&b, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session from others"), "{out}");
    assert!(b.join(&name).is_file());
    // Edited in both places: kept both, and named as it is.
    let edit = |dir: &Path, line: &str| {
        let mut text = std::fs::read_to_string(dir.join(&name)).unwrap();
        text.push_str(line);
        std::fs::write(dir.join(&name), text).unwrap();
    };
    edit(&a, "- [ ] à faire (A)\n");
    edit(&b, "- [ ] à faire (B)\n");
    assert_eq!(net.crit(&a, &["archive", "sync"]).0, 0);
    let (code, out, err) = net.crit(&b, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("{name} was edited here and elsewhere")),
        "{out}"
    );
    let text = std::fs::read_to_string(b.join(&name)).unwrap();
    assert!(
        text.contains("à faire (A)") && text.contains("à faire (B)"),
        "{text}"
    );
}

#[test]
fn a_plain_git_clone_of_the_network_checks_the_sessions_out() {
    let net = Network::new();
    let a = net.school("a");
    std::fs::create_dir_all(&a).unwrap();
    let (session, _) = run_session(&a, "Team", "Seen by a plain clone", None);
    assert_eq!(
        net.crit(&a, &["archive", "init", "--remote", &net.remote()])
            .0,
        0
    );
    let (code, _, err) = net.crit(&a, &["archive", "sync"]);
    assert_eq!(code, 0, "{err}");
    // Whoever made the bare repository with this git gets a HEAD that names the branch
    // crit pushed, so `git clone` (not only `crit archive clone`) shows the sessions.
    git(net.root(), &["clone", "-q", &net.remote(), "plain"]);
    let name = session.file_name().unwrap();
    let cloned = net.root().join("plain").join(name);
    assert!(
        std::fs::read_to_string(&cloned).is_ok_and(|t| t.contains("Seen by a plain clone")),
        "{} missing",
        cloned.display()
    );
}
