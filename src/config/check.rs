//! Checking the text of `config.toml`: each setting read with the shared
//! [`Checker`](crate::diagnostics::Checker), every problem reported in file order.

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::{ConfigProblem, FileConfig, SyncWhen, Theme, starts_with_home};
use crate::diagnostics::{Checker, Value};
use crate::words::checks as words;

/// Every setting, in the order the example shows them.
pub(super) const KEYS: &[&str] = &[
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
const SYNCS: &[(&str, SyncWhen)] = &[
    ("manual", SyncWhen::Manual),
    ("after-session", SyncWhen::AfterSession),
];
const THEMES: &[(&str, Theme)] = &[
    ("auto", Theme::Auto),
    ("color", Theme::Color),
    ("colour", Theme::Color),
    ("mono", Theme::Mono),
];

/// Parses and checks `text`, the contents of the config file at `path`, reporting every
/// problem in file order.
pub fn parse_config(text: &str, path: &str) -> Result<FileConfig, Vec<ConfigProblem>> {
    let mut c = Check {
        c: Checker::new(text, path),
    };
    let Some(doc) = c.c.parse(None) else {
        return Err(c.c.sorted());
    };
    let config = c.config(doc.get_ref());
    if c.c.is_empty() {
        Ok(config)
    } else {
        Err(c.c.sorted())
    }
}

/// The shared checker, with what settings mean.
struct Check<'s> {
    c: Checker<'s>,
}

impl Check<'_> {
    fn config(&mut self, doc: &DeTable<'_>) -> FileConfig {
        self.c.known_keys(doc, KEYS, |key, guess| {
            words::unknown_setting(key, guess, KEYS)
        });
        FileConfig {
            archive: doc.get("archive").and_then(|v| self.archive(v)),
            group: doc.get("group").and_then(|v| self.text(v, "group")),
            names: doc.get("names").map(|v| self.names(v)).unwrap_or_default(),
            bell: doc.get("bell").and_then(|v| self.c.boolean(v, "bell")),
            warning: doc
                .get("warning")
                .and_then(|v| self.c.boolean(v, "warning")),
            auto_advance: doc
                .get("auto_advance")
                .and_then(|v| self.c.boolean(v, "auto_advance")),
            theme: doc.get("theme").and_then(|v| self.theme(v)),
            tags: doc.get("tags").map(|v| self.tags(v)).unwrap_or_default(),
            site: doc.get("site").and_then(|v| self.text(v, "site")),
            sync: doc.get("sync").and_then(|v| self.sync(v)),
        }
    }

    /// A setting's text, not blank.
    fn text(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        self.c.nonempty(v, key, words::setting_is_empty)
    }

    fn sync(&mut self, v: &Value<'_>) -> Option<SyncWhen> {
        let s = self.text(v, "sync")?;
        let shown = ["manual", "after-session"];
        self.c
            .choice(v.span(), &s, SYNCS, &shown, words::unknown_sync)
    }

    fn theme(&mut self, v: &Value<'_>) -> Option<Theme> {
        let s = self.text(v, "theme")?;
        let shown = ["auto", "color", "mono"];
        self.c
            .choice(v.span(), &s, THEMES, &shown, words::unknown_theme)
    }

    /// `tags = ["cfg", "grade-7"]`: a list of words.
    fn tags(&mut self, v: &Value<'_>) -> Vec<String> {
        let Some(items) = self.c.list(v, || words::TAGS_NOT_A_LIST.to_string()) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.text(item, "tags"))
            .collect()
    }

    fn archive(&mut self, v: &Value<'_>) -> Option<PathBuf> {
        let s = self.text(v, "archive")?;
        if !(Path::new(&s).is_absolute() || starts_with_home(&s)) {
            self.c.at(v.span(), words::archive_not_full(&s));
            return None;
        }
        Some(PathBuf::from(s))
    }

    /// `[names]`: role id = "Ana, Ben" (or a list, `["Ana", "Ben"]`).
    fn names(&mut self, v: &Value<'_>) -> Vec<(String, String)> {
        let Some(table) = self.c.table(v, || words::NAMES_NOT_A_TABLE.to_string()) else {
            return Vec::new();
        };
        let mut names = Vec::new();
        for (key, value) in table.iter() {
            let role = key.get_ref().to_string();
            let what = words::names_of(&role);
            let joined = match value.get_ref() {
                DeValue::Array(items) => {
                    let mut people = Vec::new();
                    for item in items.iter() {
                        let Some(person) = self.text(item, &what) else {
                            continue;
                        };
                        if person.contains([',', ';']) {
                            self.c
                                .at(item.span(), words::one_name_per_item(&what, &person));
                            continue;
                        }
                        people.push(person.trim().to_string());
                    }
                    (!people.is_empty()).then(|| people.join(", "))
                }
                DeValue::String(_) => self.text(value, &what),
                other => {
                    self.c
                        .at(value.span(), words::names_not_text(&what, other.type_str()));
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
