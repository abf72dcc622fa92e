//! `config.toml`: the user's settings, and how they combine with flags and the environment.
//!
//! Everything here is pure except [`load`], which reads one file. The file is checked the
//! way protocol files are (see [`crate::protocol::parse_protocol`]): every problem is
//! reported at once as `path:line:column: message`, with a did-you-mean for misspelt keys.
//!
//! Precedence is flags > environment > file > defaults, with one deliberate exception for
//! colour: following <https://no-color.org>, a `theme` chosen in the file ("color" or
//! "mono") wins over `NO_COLOR`, which only decides when the theme is "auto".

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::protocol::Problems;
use crate::text::suggest;

/// One thing wrong with a config file, and where; shown as `path:line:column: message`.
pub type ConfigProblem = crate::protocol::Problem;

/// What config.toml may say. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileConfig {
    /// The archive folder, as written (a leading `~` is expanded by [`resolve`]).
    pub archive: Option<PathBuf>,
    pub group: Option<String>,
    /// From the `[names]` table: (role id, names separated by commas), in file order.
    pub names: Vec<(String, String)>,
    pub bell: Option<bool>,
    /// The one-minute warning.
    pub warning: Option<bool>,
    pub auto_advance: Option<bool>,
    pub theme: Option<Theme>,
    /// This school's or team's name, recorded in each session (`site = "Charlestown High"`).
    pub site: Option<String>,
    /// When a shared archive syncs by itself.
    pub sync: Option<SyncWhen>,
    /// Tags added to every session's front matter.
    pub tags: Vec<String>,
}

/// When a shared archive syncs (`sync = "..."`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SyncWhen {
    /// Only when someone runs `crit archive sync`.
    #[default]
    Manual,
    /// Also when a session ends, for a few seconds at most.
    AfterSession,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// Colour unless `NO_COLOR` is set (to anything but the empty string).
    #[default]
    Auto,
    /// Colour, even when `NO_COLOR` is set.
    Color,
    /// No colour.
    Mono,
}

const KEYS: &[&str] = &[
    "archive",
    "group",
    "names",
    "bell",
    "warning",
    "auto_advance",
    "theme",
    "site",
    "sync",
    "tags",
];
const SYNCS: &[&str] = &["manual", "after-session"];
const THEMES: &[&str] = &["auto", "color", "mono"];

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and checks `text`, the contents of the config file at `path`, reporting every
/// problem in file order.
pub fn parse_config(text: &str, path: &str) -> Result<FileConfig, Vec<ConfigProblem>> {
    let mut c = Checker {
        p: Problems::new(text, path),
    };
    let Some(doc) = c.p.parse(text) else {
        return Err(c.p.sorted());
    };
    let config = c.config(doc.get_ref());
    if c.p.is_empty() {
        Ok(config)
    } else {
        Err(c.p.sorted())
    }
}

struct Checker<'s> {
    p: Problems<'s>,
}

impl Checker<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.p.at(span, message);
    }

    fn config(&mut self, doc: &DeTable<'_>) -> FileConfig {
        for key in doc.keys() {
            let k = key.get_ref();
            if !KEYS.contains(&k.as_ref()) {
                let message = match suggest(k, KEYS.iter().copied()) {
                    Some(s) => format!("unknown setting `{k}`; did you mean `{s}`?"),
                    None => format!(
                        "unknown setting `{k}`; the settings are {}",
                        KEYS.join(", ")
                    ),
                };
                self.at(key.span(), message);
            }
        }
        FileConfig {
            archive: doc.get("archive").and_then(|v| self.archive(v)),
            group: doc.get("group").and_then(|v| self.text(v, "group")),
            names: doc.get("names").map(|v| self.names(v)).unwrap_or_default(),
            bell: doc.get("bell").and_then(|v| self.boolean(v, "bell")),
            warning: doc.get("warning").and_then(|v| self.boolean(v, "warning")),
            auto_advance: doc
                .get("auto_advance")
                .and_then(|v| self.boolean(v, "auto_advance")),
            theme: doc.get("theme").and_then(|v| self.theme(v)),
            tags: doc.get("tags").map(|v| self.tags(v)).unwrap_or_default(),
            site: doc.get("site").and_then(|v| self.text(v, "site")),
            sync: doc.get("sync").and_then(|v| self.sync(v)),
        }
    }

    fn sync(&mut self, v: &Value<'_>) -> Option<SyncWhen> {
        let s = self.text(v, "sync")?;
        match s.trim().to_lowercase().as_str() {
            "manual" => Some(SyncWhen::Manual),
            "after-session" => Some(SyncWhen::AfterSession),
            other => {
                let message = match suggest(other, SYNCS.iter().copied()) {
                    Some(t) => format!("unknown sync `{s}`; did you mean \"{t}\"?"),
                    None => format!(
                        "unknown sync `{s}`; write \"after-session\" (sync when a session ends) or \"manual\""
                    ),
                };
                self.at(v.span(), message);
                None
            }
        }
    }

    /// `tags = ["cfg", "grade-7"]`: a list of words.
    fn tags(&mut self, v: &Value<'_>) -> Vec<String> {
        let Some(items) = v.get_ref().as_array() else {
            self.at(
                v.span(),
                "`tags` must be a list in brackets, like [\"cfg\", \"grade-7\"]",
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.text(item, "tags"))
            .collect()
    }

    /// A non-empty string.
    fn text(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        let Some(s) = v.get_ref().as_str() else {
            self.at(
                v.span(),
                format!(
                    "`{key}` must be text in quotes, found {}",
                    v.get_ref().type_str()
                ),
            );
            return None;
        };
        if s.trim().is_empty() {
            self.at(
                v.span(),
                format!("`{key}` is empty; remove the line or fill it in"),
            );
            return None;
        }
        Some(s.to_string())
    }

    fn boolean(&mut self, v: &Value<'_>, key: &str) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            let hint = match v.get_ref().as_str() {
                Some(s) if ["true", "false"].contains(&s.trim()) => {
                    format!(" (without quotes: `{key} = {}`)", s.trim())
                }
                _ => String::new(),
            };
            self.at(v.span(), format!("`{key}` must be true or false{hint}"));
        }
        b
    }

    fn archive(&mut self, v: &Value<'_>) -> Option<PathBuf> {
        let s = self.text(v, "archive")?;
        if !(Path::new(&s).is_absolute() || starts_with_home(&s)) {
            self.at(
                v.span(),
                format!("`archive` must be a full path, like \"/home/sam/crit-notes\" or \"~/crit-notes\"; `{s}` would depend on the folder crit is started in"),
            );
            return None;
        }
        Some(PathBuf::from(s))
    }

    fn theme(&mut self, v: &Value<'_>) -> Option<Theme> {
        let s = self.text(v, "theme")?;
        match s.trim().to_lowercase().as_str() {
            "auto" => Some(Theme::Auto),
            "color" | "colour" => Some(Theme::Color),
            "mono" => Some(Theme::Mono),
            other => {
                let message = match suggest(other, THEMES.iter().copied()) {
                    Some(t) => format!("unknown theme `{s}`; did you mean \"{t}\"?"),
                    None => format!(
                        "unknown theme `{s}`; the themes are \"auto\", \"color\" and \"mono\""
                    ),
                };
                self.at(v.span(), message);
                None
            }
        }
    }

    /// `[names]`: role id = "Ana, Ben" (or a list, `["Ana", "Ben"]`).
    fn names(&mut self, v: &Value<'_>) -> Vec<(String, String)> {
        let Some(table) = v.get_ref().as_table() else {
            self.at(
                v.span(),
                "`names` must be a table: a `[names]` line, then lines like `facilitator = \"Sam\"`",
            );
            return Vec::new();
        };
        let mut names = Vec::new();
        for (key, value) in table.iter() {
            let role = key.get_ref().to_string();
            let what = format!("names.{role}");
            let joined = match value.get_ref() {
                DeValue::Array(items) => {
                    let mut people = Vec::new();
                    for item in items.iter() {
                        let Some(person) = self.text(item, &what) else {
                            continue;
                        };
                        if person.contains([',', ';']) {
                            self.at(
                                item.span(),
                                format!(
                                    "`{what}`: write one name per item in a list, not `{person}`"
                                ),
                            );
                            continue;
                        }
                        people.push(person.trim().to_string());
                    }
                    (!people.is_empty()).then(|| people.join(", "))
                }
                DeValue::String(_) => self.text(value, &what),
                other => {
                    self.at(
                        value.span(),
                        format!(
                            "`{what}` must be names in quotes, like \"Ana, Ben\", found {}",
                            other.type_str()
                        ),
                    );
                    None
                }
            };
            if let Some(joined) = joined {
                names.push((role, joined));
            }
        }
        names
    }
}

fn starts_with_home(s: &str) -> bool {
    s == "~" || s.starts_with("~/") || s.starts_with("~\\")
}

/// Where the config comes from.
#[derive(Debug, Clone, Copy)]
pub enum ConfigSource<'a> {
    /// A path given explicitly (`--config`): if it cannot be read or has problems, that
    /// is an error.
    Explicit(&'a Path),
    /// The platform's default location, if there is one: a missing file is fine; a file
    /// that cannot be read or has problems gives warnings, and the defaults are used.
    Default(Option<&'a Path>),
}

/// Reads and checks the config file. `Ok` holds the settings and any warnings to print
/// (each a complete line); `Err` is the message for an explicit file that failed.
pub fn load(source: ConfigSource<'_>) -> Result<(FileConfig, Vec<String>), String> {
    match source {
        ConfigSource::Explicit(path) => {
            let shown = path.display().to_string();
            let text = fs::read_to_string(path)
                .map_err(|e| format!("{shown}: cannot read the config file: {}", reason(&e)))?;
            match parse_config(&text, &shown) {
                Ok(config) => Ok((config, Vec::new())),
                Err(problems) => Err(problem_lines(&problems).join("\n")),
            }
        }
        ConfigSource::Default(None) => Ok((FileConfig::default(), Vec::new())),
        ConfigSource::Default(Some(path)) => {
            let shown = path.display().to_string();
            let text = match fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Ok((FileConfig::default(), Vec::new()));
                }
                Err(e) => {
                    let warning = format!(
                        "{shown}: cannot read the config file ({}), so crit uses its default settings",
                        reason(&e)
                    );
                    return Ok((FileConfig::default(), vec![warning]));
                }
            };
            match parse_config(&text, &shown) {
                Ok(config) => Ok((config, Vec::new())),
                Err(problems) => {
                    let mut warnings = problem_lines(&problems);
                    warnings.push(format!(
                        "{shown}: because of {}, crit ignores this config file and uses its default settings",
                        if problems.len() == 1 { "this problem" } else { "these problems" }
                    ));
                    Ok((FileConfig::default(), warnings))
                }
            }
        }
    }
}

fn problem_lines(problems: &[ConfigProblem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

/// An I/O error in words, without the `(os error 2)` tail.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "there is no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        io::ErrorKind::InvalidData => "it is not UTF-8 text".to_string(),
        _ => e.to_string(),
    }
}

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
                warnings.push(format!(
                    "the config file's archive `{s}` starts with `~`, but HOME is not set; write the full path"
                ));
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
            warnings.push(format!(
                "CRIT_BELL=`{v}` is not understood, so it is ignored; use CRIT_BELL=0 (no bell) or CRIT_BELL=1"
            ));
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

/// A commented example `config.toml` that shows every setting (for the README and
/// `crit config`). It parses, and sets every field.
pub const EXAMPLE: &str = r#"# crit's settings. Every line is optional: leave out what you don't need.
# Command-line flags and the environment (CRIT_ARCHIVE, CRIT_BELL, NO_COLOR) win over
# this file, except that a theme of "color" or "mono" here wins over NO_COLOR.

# Where session notes are saved: a full path, or one starting with ~/ for your home folder.
archive = "~/Documents/crit-notes"

# The group's name, filled in when a session starts.
group = "Thursday CFG"

# Ring the terminal bell when a step's time is up.
bell = true

# Warn when a step has one minute left.
warning = true

# Go on to the next step by itself when a step's time is up.
auto_advance = false

# "auto" (colour unless NO_COLOR is set), "color" (always) or "mono" (never).
theme = "auto"

# Your school or team, recorded in each session; `crit archive list --site` filters by it.
site = "Charlestown High"

# In a shared archive (`crit archive init` or `clone`): "after-session" also syncs when a
# session ends (for a few seconds at most); "manual" syncs only on `crit archive sync`.
sync = "manual"
# Tags added to every session's front matter, after the protocol's own (for Obsidian, nb).
tags = ["cfg", "grade-7"]

# Names filled in for each role when a session starts; separate several with commas.
[names]
facilitator = "Sam"
participant = "Ana, Ben, Cy"
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn problems(text: &str) -> Vec<String> {
        parse_config(text, "config.toml")
            .expect_err("should have problems")
            .iter()
            .map(ToString::to_string)
            .collect()
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
    fn example_parses_and_sets_every_field() {
        let c = parse_config(EXAMPLE, "config.toml").expect("EXAMPLE parses");
        // Destructured so that a new field must be added to EXAMPLE too.
        let FileConfig {
            archive,
            group,
            names,
            bell,
            warning,
            auto_advance,
            theme,
            site,
            sync,
            tags,
        } = c;
        assert_eq!(archive, Some(PathBuf::from("~/Documents/crit-notes")));
        assert_eq!(group.as_deref(), Some("Thursday CFG"));
        assert_eq!(
            names,
            vec![
                ("facilitator".to_string(), "Sam".to_string()),
                ("participant".to_string(), "Ana, Ben, Cy".to_string()),
            ]
        );
        assert_eq!(bell, Some(true));
        assert_eq!(warning, Some(true));
        assert_eq!(auto_advance, Some(false));
        assert_eq!(theme, Some(Theme::Auto));
        assert_eq!(site.as_deref(), Some("Charlestown High"));
        assert_eq!(sync, Some(SyncWhen::Manual));
        assert_eq!(tags, ["cfg", "grade-7"]);
        for key in KEYS {
            assert!(
                EXAMPLE
                    .lines()
                    .any(|l| l.starts_with(&format!("{key} ")) || *l == format!("[{key}]")),
                "EXAMPLE does not show `{key}`"
            );
        }
    }

    #[test]
    fn empty_file_is_all_defaults() {
        assert_eq!(parse_config("", "c.toml"), Ok(FileConfig::default()));
        assert_eq!(
            parse_config("# only a comment\n", "c.toml"),
            Ok(FileConfig::default())
        );
    }

    #[test]
    fn every_problem_with_line_and_column() {
        let text = "bel = false\nwarning = \"yes\"\ntheme = \"colr\"\narchive = 3\ngroup = \"\"\nnames = \"Sam\"\nzzzzzz = 1\n";
        assert_eq!(
            problems(text),
            vec![
                "config.toml:1:1: unknown setting `bel`; did you mean `bell`?",
                "config.toml:2:11: `warning` must be true or false",
                "config.toml:3:9: unknown theme `colr`; did you mean \"color\"?",
                "config.toml:4:11: `archive` must be text in quotes, found integer",
                "config.toml:5:9: `group` is empty; remove the line or fill it in",
                "config.toml:6:9: `names` must be a table: a `[names]` line, then lines like `facilitator = \"Sam\"`",
                "config.toml:7:1: unknown setting `zzzzzz`; the settings are archive, group, names, bell, warning, auto_advance, theme, site, sync, tags",
            ]
        );
    }

    #[test]
    fn site_and_sync() {
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
        assert_eq!(
            problems("sync = \"after-sesion\""),
            vec!["config.toml:1:8: unknown sync `after-sesion`; did you mean \"after-session\"?"]
        );
    }

    #[test]
    fn quoted_boolean_gets_a_hint() {
        assert_eq!(
            problems("bell = \"false\""),
            vec!["config.toml:1:8: `bell` must be true or false (without quotes: `bell = false`)"]
        );
    }

    #[test]
    fn hyphenated_key_suggests_underscore() {
        assert_eq!(
            problems("auto-advance = true"),
            vec!["config.toml:1:1: unknown setting `auto-advance`; did you mean `auto_advance`?"]
        );
    }

    #[test]
    fn relative_archive_is_a_problem() {
        let p = problems("archive = \"notes\"");
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("config.toml:1:11: `archive` must be a full path"),
            "{p:?}"
        );
    }

    #[test]
    fn names_table_checked() {
        let p =
            problems("[names]\nfacilitator = 3\nparticipant = [\"Ana, Ben\"]\nobserver = \"\"\n");
        assert_eq!(
            p,
            vec![
                "config.toml:2:15: `names.facilitator` must be names in quotes, like \"Ana, Ben\", found integer",
                "config.toml:3:16: `names.participant`: write one name per item in a list, not `Ana, Ben`",
                "config.toml:4:12: `names.observer` is empty; remove the line or fill it in",
            ]
        );
        let c = parse_config("[names]\nparticipant = [\"Ana\", \" Ben \"]\n", "c.toml").unwrap();
        assert_eq!(
            c.names,
            vec![("participant".to_string(), "Ana, Ben".to_string())]
        );
    }

    #[test]
    fn tags_are_a_list_of_words() {
        assert_eq!(
            problems("tags = \"cfg\"\n"),
            vec!["config.toml:1:8: `tags` must be a list in brackets, like [\"cfg\", \"grade-7\"]"]
        );
        assert_eq!(
            problems("tags = [\"ok\", 3]\n"),
            vec!["config.toml:1:15: `tags` must be text in quotes, found integer"]
        );
        let c = parse_config("tags = [\"cfg\", \"grade 7\"]\n", "c.toml").unwrap();
        assert_eq!(c.tags, ["cfg", "grade 7"]);
    }

    #[test]
    fn theme_values() {
        for (text, theme) in [
            ("auto", Theme::Auto),
            ("color", Theme::Color),
            ("colour", Theme::Color),
            ("Mono", Theme::Mono),
        ] {
            let c = parse_config(&format!("theme = \"{text}\""), "c.toml").unwrap();
            assert_eq!(c.theme, Some(theme), "{text}");
        }
        assert_eq!(
            problems("theme = \"dark\""),
            vec![
                "config.toml:1:9: unknown theme `dark`; the themes are \"auto\", \"color\" and \"mono\""
            ]
        );
    }

    #[test]
    fn invalid_toml_is_reported_with_place() {
        let p = problems("bell = true\ngroup = \"unclosed\n");
        assert!(!p.is_empty());
        assert!(p[0].starts_with("config.toml:2:"), "{p:?}");
        assert!(p[0].contains("this is not valid TOML"), "{p:?}");
    }

    #[test]
    fn explicit_missing_file_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope.toml");
        let err = load(ConfigSource::Explicit(&path)).unwrap_err();
        assert!(err.starts_with(&path.display().to_string()), "{err}");
        assert!(err.contains("there is no such file"), "{err}");
    }

    #[test]
    fn explicit_broken_file_is_an_error_with_every_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "bel = false\ntheme = 1\n").unwrap();
        let err = load(ConfigSource::Explicit(&path)).unwrap_err();
        let shown = path.display().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(lines[0].starts_with(&format!("{shown}:1:1: ")), "{err}");
        assert!(lines[1].starts_with(&format!("{shown}:2:9: ")), "{err}");
    }

    #[test]
    fn explicit_good_file_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "bell = false\n").unwrap();
        let (c, warnings) = load(ConfigSource::Explicit(&path)).unwrap();
        assert_eq!(c.bell, Some(false));
        assert!(warnings.is_empty());
    }

    #[test]
    fn default_missing_file_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(
            load(ConfigSource::Default(Some(&path))),
            Ok((FileConfig::default(), vec![]))
        );
        assert_eq!(
            load(ConfigSource::Default(None)),
            Ok((FileConfig::default(), vec![]))
        );
    }

    #[test]
    fn default_broken_file_warns_and_uses_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "bell = false\nbel = false\n").unwrap();
        let (c, warnings) = load(ConfigSource::Default(Some(&path))).unwrap();
        assert_eq!(c, FileConfig::default());
        let shown = path.display().to_string();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(
            warnings[0],
            format!("{shown}:2:1: unknown setting `bel`; did you mean `bell`?")
        );
        assert!(
            warnings[1].contains("ignores this config file"),
            "{warnings:?}"
        );
    }

    #[test]
    fn default_unreadable_file_warns() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be cannot be read as a file.
        let (c, warnings) = load(ConfigSource::Default(Some(dir.path()))).unwrap();
        assert_eq!(c, FileConfig::default());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("cannot read the config file"),
            "{warnings:?}"
        );
    }
}
