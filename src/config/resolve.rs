//! Precedence: the settings crit runs with, from the command-line flags, the
//! environment, the file and the defaults. The environment is read nowhere else: the
//! caller passes a way to read it.

use std::path::PathBuf;

use super::{FileConfig, SyncWhen, Theme, starts_with_home};
use crate::words::checks as words;

/// The command-line flags that settings depend on (`--archive`, `--no-bell`,
/// `--protocols`). `None`
/// means the flag was not given. (The names and group given on `crit run` fill in the
/// setup form instead: see `app::Prefill`.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    pub archive: Option<PathBuf>,
    /// `--no-bell` is `Some(false)`.
    pub bell: Option<bool>,
    /// `--protocols DIR` (any number).
    pub protocols: Vec<PathBuf>,
}

/// The settings the program runs with, after precedence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// `None`: the platform default, which the caller knows.
    pub archive: Option<PathBuf>,
    pub group: Option<String>,
    /// (role id, names separated by commas), from the file.
    pub names: Vec<(String, String)>,
    /// Protocol folders beyond the built-in and user ones: `CRIT_PROTOCOLS`, then
    /// `--protocols` (a later folder wins for an id both have).
    pub protocols: Vec<PathBuf>,
    /// `CRIT_LIVE`: the one file the public view is written to and read from.
    pub live: Option<PathBuf>,
    pub bell: bool,
    /// The one-minute warning.
    pub warning: bool,
    pub auto_advance: bool,
    pub color: bool,
    /// The site recorded in each session, if any.
    pub site: Option<String>,
    /// Sync a shared archive when a session ends.
    pub sync_after_session: bool,
    /// Tags for every session's front matter (the file's).
    pub tags: Vec<String>,
    /// Environment variables that could not be understood, one line each.
    pub warnings: Vec<String>,
}

/// Combines the settings: flags > environment > file > defaults.
///
/// - archive: `--archive` > `CRIT_ARCHIVE` (ignored when empty) > `archive` > `None`.
///   A leading `~` in the file's path is replaced by `HOME` (or `USERPROFILE`).
/// - bell: flag > `CRIT_BELL` (`0`/`1`, `false`/`true`, `no`/`yes`, `off`/`on`;
///   anything else is a warning and ignored) > `bell` > on.
/// - warning, auto_advance, group, names: flag > file > default (on, off, none, none).
/// - colour: flag > `theme = "color"`/`"mono"` > `NO_COLOR` (set and not empty means no
///   colour) > colour. The file beats the environment here on purpose: no-color.org asks
///   that user configuration override `NO_COLOR`.
pub fn resolve(flags: &Flags, env: &dyn Fn(&str) -> Option<String>, file: &FileConfig) -> Resolved {
    let mut warnings = Vec::new();
    let env_set = |name: &str| env(name).filter(|v| !v.is_empty());

    let file_archive = file.archive.as_ref().map(|p| {
        let s = p.to_string_lossy();
        if !starts_with_home(&s) {
            return p.clone();
        }
        match env_set("HOME").or_else(|| env_set("USERPROFILE")) {
            Some(home) if s == "~" => PathBuf::from(home),
            Some(home) => PathBuf::from(home).join(&s[2..]),
            None => {
                warnings.push(words::home_not_set(&s));
                p.clone()
            }
        }
    });
    let archive = flags
        .archive
        .clone()
        .or_else(|| env_set("CRIT_ARCHIVE").map(PathBuf::from))
        .or(file_archive);

    let env_bell = env_set("CRIT_BELL").and_then(|v| {
        let parsed = env_bool(&v);
        if parsed.is_none() {
            warnings.push(words::crit_bell_not_understood(&v));
        }
        parsed
    });
    let bell = flags.bell.or(env_bell).or(file.bell).unwrap_or(true);

    // Protocol folders: those in CRIT_PROTOCOLS, then the flags' (later ones win by id).
    let mut protocols: Vec<PathBuf> = env_set("CRIT_PROTOCOLS")
        .map(|v| {
            std::env::split_paths(&std::ffi::OsString::from(v))
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    protocols.extend(flags.protocols.iter().cloned());
    let live = env_set("CRIT_LIVE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);

    let color = match file.theme.unwrap_or_default() {
        Theme::Color => true,
        Theme::Mono => false,
        Theme::Auto => env_set("NO_COLOR").is_none(),
    };

    Resolved {
        archive,
        group: file.group.clone(),
        names: file.names.clone(),
        protocols,
        live,
        bell,
        warning: file.warning.unwrap_or(true),
        auto_advance: file.auto_advance.unwrap_or(false),
        color,
        site: file.site.as_ref().map(|s| s.trim().to_string()),
        sync_after_session: file.sync == Some(SyncWhen::AfterSession),
        tags: file.tags.clone(),
        warnings,
    }
}

fn env_bool(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_with_nothing_set() {
        let r = resolve(&Flags::default(), &env_of(&[]), &FileConfig::default());
        assert_eq!(
            r,
            Resolved {
                archive: None,
                group: None,
                names: vec![],
                protocols: vec![],
                live: None,
                bell: true,
                warning: true,
                auto_advance: false,
                color: true,
                site: None,
                sync_after_session: false,
                tags: vec![],
                warnings: vec![],
            }
        );
    }

    #[test]
    fn archive_precedence_flag_env_file_default() {
        let file = FileConfig {
            archive: Some("/from/file".into()),
            ..FileConfig::default()
        };
        let flags = Flags {
            archive: Some("/from/flag".into()),
            ..Flags::default()
        };
        let env = env_of(&[("CRIT_ARCHIVE", "/from/env")]);
        let none = env_of(&[]);
        let archive = |f: &Flags, e: &dyn Fn(&str) -> Option<String>, c: &FileConfig| {
            resolve(f, e, c).archive
        };
        assert_eq!(archive(&flags, &env, &file), Some("/from/flag".into()));
        assert_eq!(
            archive(&Flags::default(), &env, &file),
            Some("/from/env".into())
        );
        assert_eq!(
            archive(&Flags::default(), &none, &file),
            Some("/from/file".into())
        );
        assert_eq!(
            archive(&Flags::default(), &none, &FileConfig::default()),
            None
        );
        // An empty CRIT_ARCHIVE counts as unset.
        let empty = env_of(&[("CRIT_ARCHIVE", "")]);
        assert_eq!(
            archive(&Flags::default(), &empty, &file),
            Some("/from/file".into())
        );
    }

    #[test]
    fn archive_tilde_is_home() {
        let file = parse_config("archive = \"~/notes\"", "c.toml").unwrap();
        let r = resolve(&Flags::default(), &env_of(&[("HOME", "/home/sam")]), &file);
        assert_eq!(r.archive, Some(PathBuf::from("/home/sam/notes")));
        let r = resolve(&Flags::default(), &env_of(&[]), &file);
        assert_eq!(r.archive, Some(PathBuf::from("~/notes")));
        assert!(
            r.warnings[0].contains("HOME is not set"),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn bell_precedence_flag_env_file_default() {
        let file_off = FileConfig {
            bell: Some(false),
            ..FileConfig::default()
        };
        let flag_off = Flags {
            bell: Some(false),
            ..Flags::default()
        };
        let env_on = env_of(&[("CRIT_BELL", "1")]);
        let env_off = env_of(&[("CRIT_BELL", "0")]);
        let none = env_of(&[]);
        let no_flags = Flags::default();
        assert!(!resolve(&flag_off, &env_on, &FileConfig::default()).bell);
        assert!(resolve(&no_flags, &env_on, &file_off).bell);
        assert!(!resolve(&no_flags, &env_off, &FileConfig::default()).bell);
        assert!(!resolve(&no_flags, &none, &file_off).bell);
        assert!(resolve(&no_flags, &none, &FileConfig::default()).bell);
    }

    #[test]
    fn unreadable_crit_bell_warns_and_falls_through() {
        let file_off = FileConfig {
            bell: Some(false),
            ..FileConfig::default()
        };
        let r = resolve(
            &Flags::default(),
            &env_of(&[("CRIT_BELL", "loud")]),
            &file_off,
        );
        assert!(!r.bell);
        assert_eq!(r.warnings.len(), 1);
        assert!(
            r.warnings[0].contains("CRIT_BELL=`loud`"),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn colour_theme_and_no_color() {
        let theme = |t| FileConfig {
            theme: Some(t),
            ..FileConfig::default()
        };
        let no_color = env_of(&[("NO_COLOR", "1")]);
        let empty_no_color = env_of(&[("NO_COLOR", "")]);
        let none = env_of(&[]);
        let flags = Flags::default();
        let color =
            |f: &Flags, e: &dyn Fn(&str) -> Option<String>, c: &FileConfig| resolve(f, e, c).color;
        // Auto follows NO_COLOR (an empty NO_COLOR is unset).
        assert!(color(&flags, &none, &FileConfig::default()));
        assert!(!color(&flags, &no_color, &FileConfig::default()));
        assert!(!color(&flags, &no_color, &theme(Theme::Auto)));
        assert!(color(&flags, &empty_no_color, &theme(Theme::Auto)));
        // The file's explicit choice wins over NO_COLOR (no-color.org).
        assert!(color(&flags, &no_color, &theme(Theme::Color)));
        assert!(!color(&flags, &none, &theme(Theme::Mono)));
    }

    #[test]
    fn warning_auto_advance_group_and_names() {
        let file = parse_config(
            "group = \"File group\"\nwarning = false\nauto_advance = true\n[names]\nfacilitator = \"Sam\"\nparticipant = \"Ana, Ben\"\n",
            "c.toml",
        )
        .unwrap();
        let r = resolve(&Flags::default(), &env_of(&[]), &file);
        assert_eq!(r.group.as_deref(), Some("File group"));
        assert!(!r.warning);
        assert!(r.auto_advance);
        assert_eq!(
            r.names,
            vec![
                ("facilitator".to_string(), "Sam".to_string()),
                ("participant".to_string(), "Ana, Ben".to_string()),
            ]
        );
    }

    #[test]
    fn protocol_folders_and_the_live_file_come_from_the_environment_and_flags() {
        let env = env_of(&[
            ("CRIT_PROTOCOLS", "/env/a:/env/b"),
            ("CRIT_LIVE", "/run/live.json"),
        ]);
        let flags = Flags {
            protocols: vec!["/flag".into()],
            ..Flags::default()
        };
        let r = resolve(&flags, &env, &FileConfig::default());
        let dirs: Vec<PathBuf> = ["/env/a", "/env/b", "/flag"].map(PathBuf::from).to_vec();
        assert_eq!(r.protocols, dirs, "the flags' folders come last, and win");
        assert_eq!(r.live, Some(PathBuf::from("/run/live.json")));
        let r = resolve(
            &Flags::default(),
            &env_of(&[("CRIT_LIVE", "")]),
            &FileConfig::default(),
        );
        assert_eq!((r.protocols.len(), r.live), (0, None));
    }

    #[test]
    fn site_is_trimmed_and_sync_after_session_is_kept() {
        let c = parse_config(
            "site = \" Charlestown High \"\nsync = \"after-session\"\n",
            "c.toml",
        )
        .unwrap();
        let r = resolve(&Flags::default(), &env_of(&[]), &c);
        assert_eq!(r.site.as_deref(), Some("Charlestown High"));
        assert!(r.sync_after_session);
        let r = resolve(&Flags::default(), &env_of(&[]), &FileConfig::default());
        assert!(!r.sync_after_session);
    }
}
