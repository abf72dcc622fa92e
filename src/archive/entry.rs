//! One session as the listing sees it ([`ArchiveEntry`]): read from a file's front
//! matter, whatever YAML style an editor left it in, and written out as JSON.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use yaml_rust2::Yaml;

use super::front_matter;
use crate::words::archive as words;

/// One session, as its front matter describes it. Missing keys read as empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveEntry {
    pub path: PathBuf,
    /// `YYYY-MM-DD`: the day of `date` (which crit writes with its time and offset),
    /// or of `start` if `date` is missing.
    pub date: String,
    /// RFC 3339 with offset, as written.
    pub start: Option<String>,
    pub group: String,
    pub protocol: String,
    pub protocol_id: String,
    /// `presenters` (every round's presenter too), or else `roles.presenter`.
    pub presenters: Vec<String>,
    /// `attendees`, or else every name under `roles`.
    pub attendees: Vec<String>,
    /// `in-progress`, `complete`, `abandoned`, or whatever the file says.
    pub status: String,
    pub question: String,
    /// The school or team that recorded it (`site`), empty if none.
    pub site: String,
}

impl ArchiveEntry {
    /// Whether this session was recorded at `site`: the same name ignoring case and
    /// surrounding spaces.
    pub fn at_site(&self, site: &str) -> bool {
        self.site.trim().to_lowercase() == site.trim().to_lowercase()
    }

    /// Whether this session belongs to `group`: the same name ignoring case and
    /// surrounding spaces.
    pub fn in_group(&self, group: &str) -> bool {
        self.group.trim().to_lowercase() == group.trim().to_lowercase()
    }

    pub fn is_in_progress(&self) -> bool {
        self.status.trim().eq_ignore_ascii_case("in-progress")
    }

    /// The moment the session started, for ordering: `start`, else midnight UTC of
    /// `date`, else unknown (sorted last).
    pub(super) fn sort_key(&self) -> (Option<i64>, Option<std::ffi::OsString>) {
        let time = self
            .start
            .as_deref()
            .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
            .map(|t| t.timestamp())
            .or_else(|| {
                NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|t| t.and_utc().timestamp())
            });
        (time, self.path.file_name().map(|n| n.to_os_string()))
    }
}

/// A file that looked like a session but could not be read, and why.
pub type Unreadable = (PathBuf, String);

/// The entries as a JSON array of objects with keys `date`, `start` (null if unknown),
/// `group`, `protocol`, `protocol_id`, `presenters` and `attendees` (arrays), `status`
/// (as the front matter says: `abandoned` for a session that ended early), `question`,
/// `site` (empty if none), `path`. Always an array, empty when there are no sessions.
pub fn to_json(entries: &[ArchiveEntry]) -> serde_json::Value {
    serde_json::Value::Array(
        entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "date": e.date,
                    "start": e.start,
                    "group": e.group,
                    "protocol": e.protocol,
                    "protocol_id": e.protocol_id,
                    "presenters": e.presenters,
                    "attendees": e.attendees,
                    "status": e.status,
                    "question": e.question,
                    "site": e.site,
                    "path": e.path.to_string_lossy(),
                })
            })
            .collect(),
    )
}

/// One session file's entry, read from its front matter. `Ok(None)`: not a crit
/// session. `Err`: looks like one but cannot be read.
pub fn entry(path: &Path) -> Result<Option<ArchiveEntry>, String> {
    let file = File::open(path).map_err(|e| words::cannot_open(&e))?;
    entry_from(path, BufReader::new(file))
}

/// The entry of the session at `path`, from a reader of its text.
pub(super) fn entry_from(
    path: &Path,
    reader: impl BufRead,
) -> Result<Option<ArchiveEntry>, String> {
    let Some(yaml) = front_matter::read_front_matter(reader)? else {
        return Ok(None);
    };
    Ok(entry_from_front_matter(path, &yaml)?.map(|(entry, _)| entry))
}

/// A session's entry and its whole front matter, from the front matter's text (between
/// the `---` lines): for readers that need more keys than the listing (every role, the
/// minutes). `Ok(None)`: not a crit session.
pub(super) fn entry_from_front_matter(
    path: &Path,
    yaml: &str,
) -> Result<Option<(ArchiveEntry, Yaml)>, String> {
    let Some(map) = front_matter::parse(yaml)? else {
        return Ok(None);
    };
    Ok(entry_from_yaml(path, &map).map(|e| (e, map)))
}

/// The entry a front matter mapping describes; `None` if it names no protocol.
pub(super) fn entry_from_yaml(path: &Path, map: &Yaml) -> Option<ArchiveEntry> {
    let protocol = scalar(&map["protocol"]);
    let protocol_id = scalar(&map["protocol_id"]);
    if protocol.is_none() && protocol_id.is_none() {
        return None;
    }
    let start = scalar(&map["start"]).filter(|s| !s.trim().is_empty());
    let day = |s: String| match s.get(..10) {
        Some(d) if s.len() > 10 && d.chars().all(|c| c.is_ascii_digit() || c == '-') => {
            d.to_string()
        }
        _ => s,
    };
    let date = scalar(&map["date"])
        .or_else(|| start.clone())
        .map(day)
        .unwrap_or_default();
    let presenters = match &map["presenters"] {
        Yaml::BadValue => names(&map["roles"]["presenter"]),
        listed => names(listed),
    };
    let attendees = match (&map["attendees"], &map["roles"]) {
        (Yaml::BadValue, Yaml::Hash(roles)) => {
            let mut all: Vec<String> = Vec::new();
            for name in roles.values().flat_map(names) {
                if !all.contains(&name) {
                    all.push(name);
                }
            }
            all
        }
        (listed, _) => names(listed),
    };
    Some(ArchiveEntry {
        path: path.to_path_buf(),
        date,
        start,
        group: scalar(&map["group"]).unwrap_or_default(),
        protocol: protocol.unwrap_or_default(),
        protocol_id: protocol_id.unwrap_or_default(),
        presenters,
        attendees,
        status: scalar(&map["status"]).unwrap_or_default(),
        question: scalar(&map["question"]).unwrap_or_default(),
        site: scalar(&map["site"]).unwrap_or_default(),
    })
}

/// A scalar as text, whatever type YAML gave it (an unquoted `7` is an integer);
/// `None` for missing, null, lists and maps.
pub(super) fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A role's names: a list (flow or block style), or a single name.
pub(super) fn names(value: &Yaml) -> Vec<String> {
    match value {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::archive::fixture::archive;
    use crate::archive::list;

    #[test]
    fn reads_the_fields_crit_writes() {
        let a = archive();
        let listing = list(&a.path).unwrap();
        let e = listing
            .entries
            .iter()
            .find(|e| e.path == a.grade7_complete)
            .unwrap();
        assert_eq!(
            *e,
            ArchiveEntry {
                path: a.grade7_complete.clone(),
                date: "2026-11-20".into(),
                start: Some("2026-11-20T14:05:00+01:00".into()),
                group: "Grade 7 Team".into(),
                protocol: "Tuning Protocol".into(),
                protocol_id: "tuning".into(),
                presenters: vec!["Ana".into()],
                attendees: vec!["Fay".into(), "Ana".into(), "Pat".into(), "Quinn".into()],
                status: "complete".into(),
                question: "Does the essay rubric reward thinking?".into(),
                site: String::new(),
            }
        );
        let e = &listing.entries[0];
        assert_eq!(e.status, "in-progress");
        assert_eq!(e.protocol_id, "consultancy");
        assert_eq!(e.start.as_deref(), Some("2026-11-23T09:00:00-05:00"));
    }

    #[test]
    fn reads_front_matter_rewritten_in_another_yaml_style() {
        let a = archive();
        let listing = list(&a.path).unwrap();
        let e = listing
            .entries
            .iter()
            .find(|e| e.path == a.obsidian)
            .unwrap();
        assert_eq!(e.date, "2026-11-21");
        assert_eq!(e.start.as_deref(), Some("2026-11-21T08:30:00+00:00"));
        assert_eq!(e.group, "Science");
        assert_eq!(e.protocol, "Tuning Protocol");
        assert_eq!(e.presenters, vec!["Rosa Díaz".to_string()]);
        assert_eq!(e.status, "complete");
        assert_eq!(e.question, "How do we grade lab reports fairly?");
    }

    #[test]
    fn tolerates_missing_keys_and_odd_types() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("a.md"),
            "\u{feff}---\r\nprotocol_id: tuning\r\ngroup: 7\r\nroles:\r\n  presenter: Solo\r\n---\r\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("b.md"),
            "---\nprotocol: Chalk Talk\nstart: 2026-01-02T03:04:05Z\n...\n",
        )
        .unwrap();
        let listing = list(dir.path()).unwrap();
        assert!(listing.unreadable.is_empty(), "{:?}", listing.unreadable);
        assert_eq!(listing.entries.len(), 2);
        let b = &listing.entries[0];
        assert_eq!(b.date, "2026-01-02");
        assert_eq!(b.protocol, "Chalk Talk");
        assert_eq!(b.protocol_id, "");
        let a = &listing.entries[1];
        assert_eq!(a.start, None);
        assert_eq!(a.group, "7");
        assert_eq!(a.presenters, vec!["Solo".to_string()]);
        assert_eq!((a.status.as_str(), a.question.as_str()), ("", ""));
    }

    #[test]
    fn json_has_one_object_per_entry() {
        let a = archive();
        let listing = list(&a.path).unwrap();
        let json = to_json(&listing.entries);
        let items = json.as_array().unwrap();
        assert_eq!(items.len(), 4);
        let last = &items[3];
        assert_eq!(
            *last,
            serde_json::json!({
                "date": "2026-11-20",
                "start": "2026-11-20T14:05:00+01:00",
                "group": "Grade 7 Team",
                "protocol": "Tuning Protocol",
                "protocol_id": "tuning",
                "presenters": ["Ana"],
                "attendees": ["Fay", "Ana", "Pat", "Quinn"],
                "status": "complete",
                "question": "Does the essay rubric reward thinking?",
                "site": "",
                "path": a.grade7_complete.to_string_lossy(),
            })
        );
        let mut no_start = listing.entries[0].clone();
        no_start.start = None;
        assert!(to_json(&[no_start])[0]["start"].is_null());
    }
}
