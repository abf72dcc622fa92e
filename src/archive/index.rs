//! Reading the archive back: listing sessions from their front matter, searching their
//! text, and finding the session to resume.
//!
//! The files may have been opened in Obsidian or another editor since crit wrote them,
//! which can rewrite the front matter in another YAML style (block lists, unquoted
//! strings, extra keys), so the front matter is read with a YAML parser and every key is
//! optional.
//!
//! Which files count:
//! - only `*.md` files directly in the folder (not in subfolders; not hidden files such as
//!   the `.name.md.tmp` files a save leaves for an instant);
//! - a file that does not start with a `---` front matter block, or whose front matter
//!   names neither `protocol` nor `protocol_id`, is not a crit session (a README, another
//!   note in an Obsidian vault) and is skipped silently;
//! - a file that starts a front matter block crit cannot read (no closing `---`, broken
//!   YAML, not a mapping, not UTF-8, unreadable) is reported in `unreadable` with the
//!   reason, and the rest of the archive is still listed.

use std::cmp::Reverse;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use yaml_rust2::{Yaml, YamlLoader};

/// Front matter longer than this is not front matter crit wrote; give up on the file.
const MAX_FRONT_MATTER: usize = 1 << 20;

/// One session, as its front matter describes it. Missing keys read as empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveEntry {
    pub path: PathBuf,
    /// `YYYY-MM-DD` as written (taken from `start` if `date` is missing).
    pub date: String,
    /// RFC 3339 with offset, as written.
    pub start: Option<String>,
    pub group: String,
    pub protocol: String,
    pub protocol_id: String,
    /// `roles.presenter`, if the protocol has presenters.
    pub presenters: Vec<String>,
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
    fn sort_key(&self) -> (Option<i64>, Option<std::ffi::OsString>) {
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

/// The sessions in an archive folder, and the files that looked like sessions but could
/// not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Newest first: by start time (as an instant, whatever the offsets), then by file
    /// name, newest first too.
    pub entries: Vec<ArchiveEntry>,
    /// Each file that could not be read, and why, sorted by path.
    pub unreadable: Vec<Unreadable>,
}

/// One line of a session's file that matched a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub entry: ArchiveEntry,
    /// 1-based, counting every line of the file (front matter included).
    pub line_number: usize,
    /// The line as it is in the file (markdown escapes included), without its line end.
    pub line: String,
}

/// Lists the sessions in `dir`, reading each file only as far as the end of its front
/// matter. An error only if the folder itself cannot be read (including when it does
/// not exist: check `ErrorKind::NotFound` to say "no sessions yet").
pub fn list(dir: &Path) -> io::Result<Listing> {
    let files = markdown_files(dir)?;
    let read = par_map(&files, |path| read_entry(path));
    let mut listing = Listing::default();
    for (path, result) in files.into_iter().zip(read) {
        match result {
            Ok(Some(entry)) => listing.entries.push(entry),
            Ok(None) => {}
            Err(why) => listing.unreadable.push((path, why)),
        }
    }
    sort_newest_first(&mut listing.entries);
    listing.unreadable.sort();
    Ok(listing)
}

/// The entries of `group` (ignoring case and surrounding spaces), in the same order.
pub fn filter_group(entries: Vec<ArchiveEntry>, group: &str) -> Vec<ArchiveEntry> {
    entries.into_iter().filter(|e| e.in_group(group)).collect()
}

/// The entries recorded at `site` (ignoring case and surrounding spaces), in the same order.
pub fn filter_site(entries: Vec<ArchiveEntry>, site: &str) -> Vec<ArchiveEntry> {
    entries.into_iter().filter(|e| e.at_site(site)).collect()
}

/// Every line of every session that contains `text`, ignoring case (Unicode lowercase).
/// The whole file is searched (front matter, names, the focusing question, notes); a
/// line also matches once its markdown backslash escapes are removed, so `grade_7` finds
/// `grade\_7`. Newest sessions first, lines in file order. Empty `text` finds nothing.
/// Returns the hits and the files that could not be read.
pub fn search(dir: &Path, text: &str) -> io::Result<(Vec<SearchHit>, Vec<Unreadable>)> {
    let Listing {
        entries,
        mut unreadable,
    } = list(dir)?;
    let mut hits = Vec::new();
    if text.is_empty() {
        return Ok((hits, unreadable));
    }
    let needle = text.to_lowercase();
    let found = par_map(&entries, |entry| matching_lines(&entry.path, &needle));
    for (entry, result) in entries.into_iter().zip(found) {
        match result {
            Ok(lines) => hits.extend(lines.into_iter().map(|(line_number, line)| SearchHit {
                entry: entry.clone(),
                line_number,
                line,
            })),
            Err(e) => unreadable.push((entry.path, format!("cannot read: {e}"))),
        }
    }
    Ok((hits, unreadable))
}

/// The entries as a JSON array of objects with keys `date`, `start` (null if unknown),
/// `group`, `protocol`, `protocol_id`, `presenters` (array), `status`, `question`, `site`
/// (empty if none), `path`.
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
                    "status": e.status,
                    "question": e.question,
                    "site": e.site,
                    "path": e.path.to_string_lossy(),
                })
            })
            .collect(),
    )
}

fn sort_newest_first(entries: &mut [ArchiveEntry]) {
    // `None` (no known start) sorts below every time, so last once reversed.
    entries.sort_by_cached_key(|e| Reverse(e.sort_key()));
}

/// `*.md` files (any case of the extension) directly in `dir`, not hidden.
pub(super) fn markdown_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for item in fs::read_dir(dir)? {
        let Ok(item) = item else { continue };
        let path = item.path();
        let is_md = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if !is_md || item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if super::beside::is_beside_file(&item.file_name().to_string_lossy()) {
            continue;
        }
        let is_file = match item.file_type() {
            // Follows symbolic links, as an editor opening the folder would.
            Ok(t) if t.is_symlink() => fs::metadata(&path).is_ok_and(|m| m.is_file()),
            Ok(t) => t.is_file(),
            Err(_) => false,
        };
        if is_file {
            files.push(path);
        }
    }
    Ok(files)
}

/// `Ok(None)`: not a crit session. `Err`: looks like one but cannot be read.
/// One session file's entry, read from its front matter (`None` if it is not a session).
pub fn entry(path: &Path) -> Result<Option<ArchiveEntry>, String> {
    read_entry(path)
}

/// Sessions in `dir` that can be resumed (they have the state a running session keeps
/// beside its file), most recently saved first. Only the folder's listing is read.
pub fn resumable(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for item in fs::read_dir(dir)? {
        let Ok(item) = item else { continue };
        let name = item.file_name().to_string_lossy().into_owned();
        let Some(md) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".state.json"))
        else {
            continue;
        };
        let md_path = dir.join(md);
        if md_path.is_file() {
            let when = item
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            found.push((when, md_path));
        }
    }
    found.sort_by(|a, b| b.cmp(a));
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

fn read_entry(path: &Path) -> Result<Option<ArchiveEntry>, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let Some(yaml) = read_front_matter(BufReader::new(file))? else {
        return Ok(None);
    };
    // Front matter as crit writes it is read directly; anything else (edited in Obsidian,
    // say) goes through the full YAML parser.
    if let Some(map) = crit_front_matter(&yaml) {
        return Ok(entry_from_yaml(path, &map));
    }
    let docs = YamlLoader::load_from_str(&yaml)
        .map_err(|e| format!("the front matter is not valid YAML: {e}"))?;
    let map = match docs.into_iter().next() {
        None | Some(Yaml::Null) => return Ok(None),
        Some(map @ Yaml::Hash(_)) => map,
        Some(_) => return Err("the front matter is not a list of `key: value` lines".into()),
    };
    Ok(entry_from_yaml(path, &map))
}

/// The text between the opening and closing `---` lines; `None` if the file does not
/// start with `---`.
fn read_front_matter(mut reader: impl BufRead) -> Result<Option<String>, String> {
    let mut line = String::new();
    let not_text = |e: io::Error| match e.kind() {
        io::ErrorKind::InvalidData => "not UTF-8 text".to_string(),
        _ => format!("cannot read: {e}"),
    };
    reader.read_line(&mut line).map_err(not_text)?;
    if line.trim_start_matches('\u{feff}').trim_end() != "---" {
        return Ok(None);
    }
    let mut yaml = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(not_text)? == 0 {
            return Err("the front matter has no closing `---` line".into());
        }
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Ok(Some(yaml));
        }
        yaml.push_str(&line);
        if yaml.len() > MAX_FRONT_MATTER {
            return Err("the front matter has no closing `---` line".into());
        }
    }
}

fn entry_from_yaml(path: &Path, map: &Yaml) -> Option<ArchiveEntry> {
    let protocol = scalar(&map["protocol"]);
    let protocol_id = scalar(&map["protocol_id"]);
    if protocol.is_none() && protocol_id.is_none() {
        return None;
    }
    let start = scalar(&map["start"]).filter(|s| !s.trim().is_empty());
    let date = scalar(&map["date"])
        .or_else(|| start.as_ref().and_then(|s| s.get(..10)).map(str::to_string))
        .unwrap_or_default();
    Some(ArchiveEntry {
        path: path.to_path_buf(),
        date,
        start,
        group: scalar(&map["group"]).unwrap_or_default(),
        protocol: protocol.unwrap_or_default(),
        protocol_id: protocol_id.unwrap_or_default(),
        presenters: names(&map["roles"]["presenter"]),
        status: scalar(&map["status"]).unwrap_or_default(),
        question: scalar(&map["question"]).unwrap_or_default(),
        site: scalar(&map["site"]).unwrap_or_default(),
    })
}

/// A session's entry and its whole front matter, from the front matter's text (between
/// the `---` lines): for readers that need more keys than the listing (every role, the
/// minutes). `Ok(None)`: not a crit session.
pub(super) fn entry_from_front_matter(
    path: &Path,
    yaml: &str,
) -> Result<Option<(ArchiveEntry, Yaml)>, String> {
    let map = match crit_front_matter(yaml) {
        Some(map) => map,
        None => match YamlLoader::load_from_str(yaml)
            .map_err(|e| format!("the front matter is not valid YAML: {e}"))?
            .into_iter()
            .next()
        {
            None | Some(Yaml::Null) => return Ok(None),
            Some(map @ Yaml::Hash(_)) => map,
            Some(_) => return Err("the front matter is not a list of `key: value` lines".into()),
        },
    };
    Ok(entry_from_yaml(path, &map).map(|e| (e, map)))
}

/// Reads front matter in exactly the shape crit writes (`key: "quoted"`, `key: plain`,
/// and under `roles:` lines like `  presenter: ["Pat"]`), without a YAML parser: listing
/// a large archive is mostly this. `None` for anything else, which the full parser reads.
fn crit_front_matter(text: &str) -> Option<Yaml> {
    let mut top = yaml_rust2::yaml::Hash::new();
    let mut roles = yaml_rust2::yaml::Hash::new();
    let mut in_roles = false;
    for line in text.lines() {
        if let Some(inner) = line.strip_prefix("  ") {
            if !in_roles {
                return None;
            }
            let (key, value) = inner.split_once(": ")?;
            let list = value.strip_prefix('[')?.strip_suffix(']')?;
            roles.insert(
                Yaml::String(key.to_string()),
                Yaml::Array(quoted_list(list)?),
            );
            continue;
        }
        in_roles = false;
        if line == "roles:" {
            in_roles = true;
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let value = if value.starts_with('"') {
            Yaml::String(unquote(value)?)
        } else if value == "null" {
            Yaml::Null
        } else if value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '+' | '.'))
        {
            Yaml::String(value.to_string())
        } else {
            return None;
        };
        top.insert(Yaml::String(key.to_string()), value);
    }
    top.insert(Yaml::String("roles".into()), Yaml::Hash(roles));
    Some(Yaml::Hash(top))
}

/// `"a", "b"` → the strings; `None` if it is not exactly a list of quoted strings.
fn quoted_list(mut rest: &str) -> Option<Vec<Yaml>> {
    let mut items = Vec::new();
    while !rest.trim().is_empty() {
        let end = closing_quote(rest)?;
        items.push(Yaml::String(unquote(&rest[..=end])?));
        rest = rest[end + 1..].trim_start();
        rest = rest.strip_prefix(',').map(str::trim_start).unwrap_or(rest);
    }
    Some(items)
}

/// The byte index of the quote closing the double-quoted string `s` starts with.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// A YAML double-quoted string with the escapes crit writes; `None` for any other form.
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => out.push(hex_char(&mut chars, 4)?),
                'U' => out.push(hex_char(&mut chars, 8)?),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

fn hex_char(chars: &mut std::str::Chars<'_>, digits: usize) -> Option<char> {
    let hex: String = chars.by_ref().take(digits).collect();
    if hex.len() != digits {
        return None;
    }
    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
}

/// A scalar as text, whatever type YAML gave it (an unquoted `7` is an integer);
/// `None` for missing, null, lists and maps.
fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A role's names: a list (flow or block style), or a single name.
fn names(value: &Yaml) -> Vec<String> {
    match value {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

/// The (1-based number, text) of each line of the file at `path` that contains
/// `needle` (already lowercase), ignoring case and markdown escapes.
fn matching_lines(path: &Path, needle: &str) -> io::Result<Vec<(usize, String)>> {
    let bytes = fs::read(path)?;
    let contents = String::from_utf8_lossy(&bytes);
    // Lowercasing never adds or removes a line break, so the lines pair up.
    let lower = contents.to_lowercase();
    let mut found = Vec::new();
    for (i, (line, lower)) in contents.lines().zip(lower.lines()).enumerate() {
        if lower.contains(needle)
            || (lower.contains('\\') && unescape_markdown(lower).contains(needle))
        {
            found.push((i + 1, line.to_string()));
        }
    }
    Ok(found)
}

/// `f` applied to each item, in order, spread over a few threads when there are many
/// items (reading thousands of small files is mostly waiting, parsing YAML is not free).
pub(super) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(2, 8);
    if items.len() < 64 {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let running: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let handle = std::thread::Builder::new()
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<R>>());
                (part, handle)
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (part, handle) in running {
            match handle {
                Ok(h) => match h.join() {
                    Ok(results) => out.extend(results),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // No thread to be had: do this part here.
                Err(_) => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}

/// Removes markdown's backslash escapes (before ASCII punctuation) and a trailing
/// hard-break backslash.
fn unescape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some(&n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    chars.next();
                }
                None => {}
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::protocol::Library;
    use crate::session::{Now, Roster, Session, Status};

    fn now(rfc3339: &str) -> Now {
        Now {
            at: Instant::now(),
            wall: DateTime::parse_from_rfc3339(rfc3339).unwrap(),
        }
    }

    struct Spec<'a> {
        protocol: &'a str,
        group: &'a str,
        presenter: &'a str,
        question: &'a str,
        start: &'a str,
        notes: &'a [(&'a str, &'a str)],
        finish: Option<Status>,
    }

    /// Writes a real session file, as crit renders it, and returns its path.
    fn write_session(dir: &Path, s: Spec) -> PathBuf {
        let protocol = Library::builtin()
            .find(s.protocol)
            .unwrap()
            .protocol
            .clone();
        let roster = Roster {
            group: s.group.into(),
            people: vec![
                ("facilitator".into(), vec!["Fay".into()]),
                ("presenter".into(), vec![s.presenter.into()]),
                ("participant".into(), vec!["Pat".into(), "Quinn".into()]),
            ],
            question: s.question.into(),
            ..Roster::default()
        };
        let start = now(s.start);
        let mut session = Session::start(protocol, roster, start);
        for (i, (kind, text)) in s.notes.iter().enumerate() {
            session.add_note(kind, text, start.after(Duration::from_secs(60 * i as u64)));
        }
        let end = start.after(Duration::from_secs(3600));
        if let Some(status) = s.finish {
            session.finish(status, end);
        }
        let path = dir.join(crate::archive::file_name(
            session.started,
            s.protocol,
            s.group,
        ));
        fs::write(&path, crate::archive::render(&session, end)).unwrap();
        path
    }

    const OBSIDIAN: &str = "---
title: Tuning Protocol — Science
protocol: Tuning Protocol
protocol_id: tuning
group: Science
date: 2026-11-21
start: 2026-11-21T08:30:00+00:00
end: 2026-11-21T09:30:00+00:00
status: complete
roles:
  facilitator:
    - Fay
  presenter:
    - Rosa Díaz
  participant:
    - Pat
    - Quinn
question: How do we grade lab reports fairly?
planned_minutes: 60
actual_minutes: 58.5
tags:
  - cfg
aliases: []
---

# Tuning Protocol — Science

- Lab reports need a shared RUBRIC *(09:01)*
";

    struct Archive {
        _dir: tempfile::TempDir,
        path: PathBuf,
        grade7_complete: PathBuf,
        grade7_in_progress: PathBuf,
        tokyo_in_progress: PathBuf,
        obsidian: PathBuf,
        broken: PathBuf,
        unclosed: PathBuf,
    }

    fn archive() -> Archive {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        let grade7_complete = write_session(
            &path,
            Spec {
                protocol: "tuning",
                group: "Grade 7 Team",
                presenter: "Ana",
                question: "Does the essay rubric reward thinking?",
                start: "2026-11-20T14:05:00+01:00",
                notes: &[
                    ("warm", "Clear criteria"),
                    ("cool", "What about the Übung column?"),
                    ("action", "Revise rubric_v2 by Friday"),
                ],
                finish: Some(Status::Complete),
            },
        );
        // Latest instant of all (14:00 UTC on the 23rd), though its local time is earlier
        // than the Tokyo session's.
        let grade7_in_progress = write_session(
            &path,
            Spec {
                protocol: "consultancy",
                group: "grade 7 team",
                presenter: "Bo",
                question: "How do I get quiet students talking?",
                start: "2026-11-23T09:00:00-05:00",
                notes: &[("note", "Try think-pair-share")],
                finish: None,
            },
        );
        // 01:00 UTC on the 23rd.
        let tokyo_in_progress = write_session(
            &path,
            Spec {
                protocol: "tuning",
                group: "Tokyo",
                presenter: "Kenji",
                question: "",
                start: "2026-11-23T10:00:00+09:00",
                notes: &[],
                finish: None,
            },
        );
        let obsidian = path.join("2026-11-21-0830-tuning-science.md");
        fs::write(&obsidian, OBSIDIAN).unwrap();
        let broken = path.join("broken.md");
        fs::write(
            &broken,
            "---\nprotocol: \"Tuning\ngroup: [unclosed\n---\n\nrubric\n",
        )
        .unwrap();
        let unclosed = path.join("unclosed.md");
        fs::write(&unclosed, "---\nprotocol: Tuning\n\nrubric forever\n").unwrap();
        fs::write(
            path.join("README.md"),
            "# My archive\n\nrubric notes here\n",
        )
        .unwrap();
        fs::write(
            path.join("other-note.md"),
            "---\ntags: [personal]\n---\n\nrubric\n",
        )
        .unwrap();
        fs::write(
            path.join("notes.txt"),
            "---\nprotocol: Tuning\n---\nrubric\n",
        )
        .unwrap();
        fs::write(path.join(".hidden.md.tmp"), "---\nprotocol: x\n---\n").unwrap();
        fs::create_dir(path.join("sub.md")).unwrap();
        Archive {
            _dir: dir,
            path,
            grade7_complete,
            grade7_in_progress,
            tokyo_in_progress,
            obsidian,
            broken,
            unclosed,
        }
    }

    fn paths(entries: &[ArchiveEntry]) -> Vec<&Path> {
        entries.iter().map(|e| e.path.as_path()).collect()
    }

    #[test]
    fn lists_newest_first_by_instant_and_reports_broken_files() {
        let a = archive();
        let listing = list(&a.path).unwrap();
        assert_eq!(
            paths(&listing.entries),
            vec![
                a.grade7_in_progress.as_path(),
                a.tokyo_in_progress.as_path(),
                a.obsidian.as_path(),
                a.grade7_complete.as_path(),
            ]
        );
        let unreadable: Vec<&Path> = listing
            .unreadable
            .iter()
            .map(|(p, _)| p.as_path())
            .collect();
        assert_eq!(unreadable, vec![a.broken.as_path(), a.unclosed.as_path()]);
        assert!(
            listing.unreadable[0].1.contains("YAML"),
            "{:?}",
            listing.unreadable
        );
        assert!(
            listing.unreadable[1].1.contains("closing"),
            "{:?}",
            listing.unreadable
        );
    }

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
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = list(&dir.path().join("nope")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn filters_by_group_ignoring_case() {
        let a = archive();
        let entries = filter_group(list(&a.path).unwrap().entries, "GRADE 7 team ");
        assert_eq!(
            paths(&entries),
            vec![a.grade7_in_progress.as_path(), a.grade7_complete.as_path()]
        );
        assert!(filter_group(list(&a.path).unwrap().entries, "Grade 7").is_empty());
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

    fn line_number_of(path: &Path, needle: &str) -> usize {
        fs::read_to_string(path)
            .unwrap()
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    }

    #[test]
    fn search_finds_a_note_ignoring_case_in_its_session_only() {
        let a = archive();
        let (hits, unreadable) = search(&a.path, "übung COLUMN").unwrap();
        assert_eq!(unreadable.len(), 2);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry.path, a.grade7_complete);
        assert_eq!(
            hits[0].line_number,
            line_number_of(&a.grade7_complete, "Übung column")
        );
        assert!(hits[0].line.contains("What about the Übung column?"));
    }

    #[test]
    fn search_sees_through_markdown_escapes() {
        let a = archive();
        let (hits, _) = search(&a.path, "rubric_v2").unwrap();
        // The note under its step, and again under "Next steps".
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(hits.iter().all(|h| h.entry.path == a.grade7_complete));
        assert!(hits[0].line.contains("rubric\\_v2"));
        assert!(hits[0].line_number < hits[1].line_number);
    }

    #[test]
    fn search_finds_names_and_questions_newest_session_first() {
        let a = archive();
        let (hits, _) = search(&a.path, "kenji").unwrap();
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.entry.path == a.tokyo_in_progress));

        let (hits, _) = search(&a.path, "rosa díaz").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.path, a.obsidian);

        let (hits, _) = search(&a.path, "QUIET STUDENTS").unwrap();
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.entry.path == a.grade7_in_progress));

        // "rubric" is in two sessions (and in files that are not sessions, which are not
        // searched): newest session first, lines in file order within each.
        let (hits, _) = search(&a.path, "Rubric").unwrap();
        let sessions: Vec<&Path> = hits.iter().map(|h| h.entry.path.as_path()).collect();
        let first_old = sessions
            .iter()
            .position(|p| *p == a.grade7_complete)
            .unwrap();
        assert!(sessions[..first_old].iter().all(|p| *p == a.obsidian));
        assert!(
            sessions[first_old..]
                .iter()
                .all(|p| *p == a.grade7_complete)
        );
        assert!(first_old > 0);
        for pair in hits.windows(2) {
            if pair[0].entry.path == pair[1].entry.path {
                assert!(pair[0].line_number < pair[1].line_number);
            }
        }
        assert!(search(&a.path, "").unwrap().0.is_empty());
    }

    #[test]
    fn large_archives_are_read_in_parallel_in_the_same_order() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..150 {
            let text = format!(
                "---\nprotocol_id: tuning\nstart: 2026-01-01T00:{:02}:{:02}Z\n---\n\nfirst\nNeedle {i}\n",
                i / 60,
                i % 60
            );
            fs::write(dir.path().join(format!("s{i:03}.md")), text).unwrap();
        }
        for i in 0..5 {
            fs::write(dir.path().join(format!("bad{i}.md")), "---\n: [\n---\n").unwrap();
        }
        let listing = list(dir.path()).unwrap();
        assert_eq!(listing.entries.len(), 150);
        assert_eq!(listing.unreadable.len(), 5);
        let names: Vec<String> = listing
            .entries
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let expected: Vec<String> = (0..150).rev().map(|i| format!("s{i:03}.md")).collect();
        assert_eq!(names, expected);

        let (hits, unreadable) = search(dir.path(), "needle").unwrap();
        assert_eq!(unreadable.len(), 5);
        let lines: Vec<&str> = hits.iter().map(|h| h.line.as_str()).collect();
        let expected: Vec<String> = (0..150).rev().map(|i| format!("Needle {i}")).collect();
        assert_eq!(lines, expected);
        assert!(hits.iter().all(|h| h.line_number == 7));
    }

    #[test]
    fn ties_in_start_time_go_by_file_name_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let fm = "---\nprotocol_id: tuning\nstart: 2026-01-02T03:04:00+00:00\n---\n";
        for name in ["x.md", "x-2.md", "x-3.md"] {
            fs::write(dir.path().join(name), fm).unwrap();
        }
        let listing = list(dir.path()).unwrap();
        let names: Vec<_> = listing
            .entries
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["x.md", "x-3.md", "x-2.md"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

        /// crit's own front matter is read directly, and reads exactly as the YAML parser
        /// reads it, whatever the names and question hold.
        #[test]
        fn the_direct_reader_agrees_with_the_yaml_parser(
            group in "\\PC{0,20}",
            presenter in "[\"\\\\a-zé☕\u{1}\u{7f}\u{85}\u{2028}\u{feff}, :\\[\\]{}#&*!|>'%@`-]{1,20}",
            question in "\\PC{0,40}",
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = write_session(dir.path(), Spec {
                protocol: "tuning", group: &group, presenter: &presenter, question: &question,
                start: "2026-03-01T10:00:00+01:00", notes: &[], finish: None,
            });
            let text = fs::read_to_string(&path).unwrap();
            let yaml = read_front_matter(BufReader::new(text.as_bytes())).unwrap().unwrap();
            let direct = crit_front_matter(&yaml);
            proptest::prop_assert!(direct.is_some(), "crit's own front matter takes the direct path:\n{}", yaml);
            let parsed = YamlLoader::load_from_str(&yaml).unwrap().remove(0);
            let (a, b) = (entry_from_yaml(&path, &direct.unwrap()), entry_from_yaml(&path, &parsed));
            proptest::prop_assert_eq!(a, b);
        }
    }
}
