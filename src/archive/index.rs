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

use crate::markup;

/// Front matter longer than this is not front matter crit wrote; give up on the file.
const MAX_FRONT_MATTER: usize = 1 << 20;

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

/// Something in a session that matched a search: a note, the focusing question, or the
/// session's names, shown as typed (no markdown escapes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub entry: ArchiveEntry,
    /// Where it is: a step (`5. Warm and cool feedback › Cool feedback`), `Next steps`,
    /// `Focusing question`; `None` for the session's group, protocol or people.
    pub place: Option<String>,
    /// The note or text as typed (several lines if it was typed so).
    pub text: String,
}

/// Lists the sessions in `dir`, reading each file only as far as the end of its front
/// matter. An error only if the folder itself cannot be read (including when it does
/// not exist: check `ErrorKind::NotFound` to say "no sessions yet").
pub fn list(dir: &Path) -> io::Result<Listing> {
    list_folders(&[dir])
}

/// Lists the sessions in several folders (the archive and the rescue folder) as one
/// listing. A folder that does not exist is skipped; an error if none exists, or if one
/// exists but cannot be read. A folder named twice is read once.
pub fn list_folders(dirs: &[&Path]) -> io::Result<Listing> {
    let files = files_in(dirs)?;
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

fn files_in(dirs: &[&Path]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut missing: Option<io::Error> = None;
    let mut read_one = false;
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        match markdown_files(dir) {
            Ok(found) => {
                read_one = true;
                files.extend(found);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing = Some(e),
            Err(e) => return Err(e),
        }
    }
    match missing {
        Some(e) if !read_one => Err(e),
        _ => Ok(files),
    }
}

/// The entries of `group` (ignoring case and surrounding spaces), in the same order.
pub fn filter_group(entries: Vec<ArchiveEntry>, group: &str) -> Vec<ArchiveEntry> {
    entries.into_iter().filter(|e| e.in_group(group)).collect()
}

/// The entries recorded at `site` (ignoring case and surrounding spaces), in the same order.
pub fn filter_site(entries: Vec<ArchiveEntry>, site: &str) -> Vec<ArchiveEntry> {
    entries.into_iter().filter(|e| e.at_site(site)).collect()
}

/// Every note, focusing question and set of names in the sessions of `dir` that contains
/// `text`, ignoring case (Unicode lowercase), each as typed: markdown escapes do not
/// count (`grade_7` finds `grade\_7`). Newest sessions first; within a session, the
/// question, then the names, then notes in the file's order. Empty `text` finds nothing.
/// Returns the hits and the files that could not be read.
pub fn search(dir: &Path, text: &str) -> io::Result<(Vec<SearchHit>, Vec<Unreadable>)> {
    search_folders(&[dir], text)
}

/// A session and what matched in it.
type Found = (ArchiveEntry, Vec<(Option<String>, String)>);

/// [`search`] over several folders, as [`list_folders`] reads them.
pub fn search_folders(dirs: &[&Path], text: &str) -> io::Result<(Vec<SearchHit>, Vec<Unreadable>)> {
    let files = files_in(dirs)?;
    let needle = text.to_lowercase();
    // Each file is read once, whole: its entry from the front matter, then its notes.
    let read = par_map(&files, |path| -> Result<Option<Found>, String> {
        let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
        let Some(entry) = entry_from(path, BufReader::new(bytes.as_slice()))? else {
            return Ok(None);
        };
        let hits = if needle.is_empty() {
            Vec::new()
        } else {
            matches_in(&entry, &String::from_utf8_lossy(&bytes), &needle)
        };
        Ok(Some((entry, hits)))
    });
    let mut sessions: Vec<Found> = Vec::new();
    let mut unreadable = Vec::new();
    for (path, result) in files.into_iter().zip(read) {
        match result {
            Ok(Some(found)) => sessions.push(found),
            Ok(None) => {}
            Err(why) => unreadable.push((path, why)),
        }
    }
    sessions.sort_by_cached_key(|(e, _)| Reverse(e.sort_key()));
    unreadable.sort();
    let hits = sessions
        .into_iter()
        .flat_map(|(entry, found)| {
            found.into_iter().map(move |(place, text)| SearchHit {
                entry: entry.clone(),
                place,
                text,
            })
        })
        .collect();
    Ok((hits, unreadable))
}

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

fn read_entry(path: &Path) -> Result<Option<ArchiveEntry>, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    entry_from(path, BufReader::new(file))
}

/// The entry of the session at `path`, from a reader of its text.
fn entry_from(path: &Path, reader: impl BufRead) -> Result<Option<ArchiveEntry>, String> {
    let Some(yaml) = read_front_matter(reader)? else {
        return Ok(None);
    };
    // Front matter as crit writes it is read directly; anything else (edited in Obsidian,
    // say) goes through the full YAML parser.
    if let Some(map) = crit_front_matter(&yaml) {
        return Ok(entry_from_yaml(path, &map));
    }
    check_aliases(&yaml)?;
    let docs = YamlLoader::load_from_str(&yaml)
        .map_err(|e| format!("the front matter is not valid YAML: {e}"))?;
    let map = match docs.into_iter().next() {
        None | Some(Yaml::Null) => return Ok(None),
        Some(map @ Yaml::Hash(_)) => map,
        Some(_) => return Err("the front matter is not a list of `key: value` lines".into()),
    };
    Ok(entry_from_yaml(path, &map))
}

/// More values than front matter has any use for, once YAML's `*alias` references are
/// expanded.
const MAX_YAML_VALUES: u64 = 100_000;

/// Refuses YAML whose aliases would expand to more than [`MAX_YAML_VALUES`] values (an
/// "alias bomb": a few lines of nested `*a` lists that expand to billions). The YAML
/// parser copies every alias it reads, so this is counted first, from the parser's
/// events, without expanding anything: time and memory stay in proportion to the text.
fn check_aliases(yaml: &str) -> Result<(), String> {
    use yaml_rust2::Event;
    use yaml_rust2::parser::Parser;
    let mut parser = Parser::new_from_str(yaml);
    // The size of each anchored value, and of each collection still open.
    let mut anchors: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let Ok((event, _)) = parser.next_token() else {
            // The parser proper reports the syntax error.
            return Ok(());
        };
        let size = match event {
            Event::StreamEnd => return Ok(()),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, size)) = open.pop() else {
                    continue;
                };
                if anchor > 0 {
                    anchors.insert(anchor, size);
                }
                size
            }
            Event::Scalar(_, _, anchor, _) => {
                if anchor > 0 {
                    anchors.insert(anchor, 1);
                }
                1
            }
            Event::Alias(anchor) => anchors.get(&anchor).copied().unwrap_or(1),
            _ => continue,
        };
        match open.last_mut() {
            Some((_, parent)) => *parent = parent.saturating_add(size),
            None => total = total.saturating_add(size),
        }
        let inner = open.iter().fold(0u64, |sum, (_, s)| sum.saturating_add(*s));
        if total.saturating_add(inner) > MAX_YAML_VALUES {
            return Err(format!(
                "the front matter's YAML aliases expand to more than {MAX_YAML_VALUES} values; \
                 crit does not read it"
            ));
        }
    }
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

/// A session's entry and its whole front matter, from the front matter's text (between
/// the `---` lines): for readers that need more keys than the listing (every role, the
/// minutes). `Ok(None)`: not a crit session.
pub(super) fn entry_from_front_matter(
    path: &Path,
    yaml: &str,
) -> Result<Option<(ArchiveEntry, Yaml)>, String> {
    let map = match crit_front_matter(yaml) {
        Some(map) => map,
        // Checked before parsing: the parser itself would expand an alias bomb.
        None => match check_aliases(yaml)
            .and_then(|()| {
                YamlLoader::load_from_str(yaml)
                    .map_err(|e| format!("the front matter is not valid YAML: {e}"))
            })?
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
/// `key: ["a", "b"]`, and under `roles:` lines like `  presenter: ["Pat"]`), without a
/// YAML parser: listing
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
        let value = if let Some(list) = value.strip_prefix('[') {
            Yaml::Array(quoted_list(list.strip_suffix(']')?)?)
        } else if value.starts_with('"') {
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

/// The (place, text as typed) of everything in `entry`'s session that contains `needle`
/// (already lowercase): the focusing question once, the names, each note.
fn matches_in(entry: &ArchiveEntry, contents: &str, needle: &str) -> Vec<(Option<String>, String)> {
    if !may_contain(contents, needle) {
        return Vec::new();
    }
    let has = |s: &str| s.to_lowercase().contains(needle);
    let mut found = Vec::new();
    if has(&entry.question) {
        found.push((
            Some("Focusing question".to_string()),
            entry.question.clone(),
        ));
    }
    let mut details = Vec::new();
    if has(&entry.group) {
        details.push(format!("group {}", entry.group));
    }
    if has(&entry.protocol) {
        details.push(entry.protocol.clone());
    }
    let people: Vec<&String> = entry.attendees.iter().filter(|n| has(n)).collect();
    if !people.is_empty() {
        let names: Vec<&str> = people.iter().map(|s| s.as_str()).collect();
        details.push(format!("with {}", names.join(", ")));
    }
    if !details.is_empty() {
        found.push((None, details.join(" · ")));
    }
    for (place, text) in notes_of(contents) {
        if has(&text) {
            found.push((place, text));
        }
    }
    found
}

/// Whether `contents` may hold `needle` (lowercase) anywhere, ignoring case, escapes and
/// character references. Most files of a search hold nothing: this is made to say so
/// quickly, without copying the text.
fn may_contain(contents: &str, needle: &str) -> bool {
    let bytes = contents.as_bytes();
    let plainly = if needle.is_ascii() {
        contains_ascii_ci(bytes, needle.as_bytes())
    } else {
        contents.to_lowercase().contains(needle)
    };
    if plainly {
        return true;
    }
    // Only punctuation and spaces can hide behind an escape, a character reference or a
    // no-break space; the needle's ASCII words are written as typed, so each must be there.
    let may_hide = needle.chars().any(|c| c.is_ascii_punctuation() || c == ' ');
    may_hide
        && needle
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| contains_ascii_ci(bytes, w.as_bytes()))
        && markup::plain(&contents.to_lowercase())
            .replace('\u{a0}', " ")
            .contains(needle)
}

/// Whether `haystack` contains `needle` (ASCII, lowercase), ignoring ASCII case.
fn contains_ascii_ci(haystack: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let upper = first.to_ascii_uppercase();
    haystack
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == first || b == upper)
        .any(|(i, _)| {
            haystack
                .get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
}

/// The notes in a session's markdown, each with the step (and kind) it is under, as
/// typed. Sections that repeat the front matter (the question, the timing table, the
/// people) are left out; a line crit did not write (added in an editor) counts as a note
/// of its section.
fn notes_of(contents: &str) -> Vec<(Option<String>, String)> {
    let mut lines = contents.lines();
    // Past the front matter.
    if lines
        .next()
        .is_some_and(|l| l.trim_start_matches('\u{feff}').trim_end() == "---")
    {
        for line in lines.by_ref() {
            if matches!(line.trim_end(), "---" | "...") {
                break;
            }
        }
    }
    let mut notes: Vec<(Option<String>, String)> = Vec::new();
    let (mut round, mut step, mut kind): (Option<String>, Option<String>, Option<String>) =
        (None, None, None);
    // Lines under the title (date, times, people) and in the sections that repeat the
    // front matter are skipped; list items never are.
    let mut skipping = false;
    let mut open: Option<Vec<String>> = None;
    let place = |round: &Option<String>, step: &Option<String>, kind: &Option<String>| {
        let parts: Vec<&str> = [round, step, kind]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" › "))
    };
    let close = |open: &mut Option<Vec<String>>,
                 notes: &mut Vec<(Option<String>, String)>,
                 at: Option<String>| {
        if let Some(paragraphs) = open.take() {
            notes.push((at, note_text(&paragraphs)));
        }
    };
    for line in lines {
        let here = place(&round, &step, &kind);
        if let Some(heading) = line.strip_prefix('#') {
            close(&mut open, &mut notes, here);
            let level = 1 + heading.chars().take_while(|c| *c == '#').count();
            let title = markup::plain(heading.trim_start_matches('#').trim());
            skipping = false;
            match (level, title.as_str()) {
                (1, _) => skipping = true,
                (2, "Focusing question" | "Restated question" | "Timing") => {
                    skipping = true;
                }
                (2, "Next steps") => (round, step, kind) = (None, Some(title), None),
                (2, t)
                    if t.split_once(". ")
                        .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())) =>
                {
                    (round, step, kind) = (None, Some(title), None);
                }
                (2, _) => (round, step, kind) = (Some(title), None, None),
                (3, t)
                    if t.split_once(". ")
                        .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())) =>
                {
                    (step, kind) = (Some(title), None);
                }
                _ => kind = Some(title),
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(item) = line.strip_prefix("- ") {
            close(&mut open, &mut notes, here);
            let item = item.strip_prefix("[ ] ").unwrap_or(item);
            open = Some(vec![item.to_string()]);
        } else if let (Some(paragraphs), Some(more)) = (open.as_mut(), line.strip_prefix("  ")) {
            paragraphs.push(more.to_string());
        } else if skipping {
            close(&mut open, &mut notes, here);
        } else {
            close(&mut open, &mut notes, here.clone());
            // crit's own lines between notes are not notes.
            let own = line == "No notes."
                || line == "No actions were recorded."
                || (line.starts_with("*Planned ") && line.ends_with('*'));
            if !own {
                notes.push((here, markup::plain(line)));
            }
        }
    }
    close(&mut open, &mut notes, place(&round, &step, &kind));
    notes
}

/// A note's paragraphs as typed: unescaped, one per line, without the time crit adds.
fn note_text(paragraphs: &[String]) -> String {
    let mut lines: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    if let Some(last) = lines.last_mut()
        && last.ends_with(")*")
        && let Some(at) = last.rfind(" *(")
    {
        last.truncate(at);
    }
    // No-break spaces stand for typed spaces at a line's start (and around `[ ]`).
    lines
        .iter()
        .map(|l| markup::plain(l).replace('\u{a0}', " "))
        .collect::<Vec<_>>()
        .join("\n")
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
                    ("action", "Revise rubric_v2 by *Friday*"),
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

    #[test]
    fn search_finds_a_note_ignoring_case_in_its_session_only() {
        let a = archive();
        let (hits, unreadable) = search(&a.path, "übung COLUMN").unwrap();
        assert_eq!(unreadable.len(), 2);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry.path, a.grade7_complete);
        assert_eq!(hits[0].text, "What about the Übung column?");
        assert_eq!(
            hits[0].place.as_deref(),
            Some("1. Introduction › Cool feedback")
        );
    }

    #[test]
    fn search_shows_notes_as_typed_through_markdown_escapes() {
        let a = archive();
        let (hits, _) = search(&a.path, "by *friday*").unwrap();
        // The note under its step, and again under "Next steps".
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(hits.iter().all(|h| h.entry.path == a.grade7_complete));
        assert!(
            hits.iter()
                .all(|h| h.text == "Revise rubric_v2 by *Friday*"),
            "{hits:?}"
        );
        assert_eq!(hits[1].place.as_deref(), Some("Next steps"));
        let raw = fs::read_to_string(&a.grade7_complete).unwrap();
        assert!(
            raw.contains("by \\*Friday\\*"),
            "escaped in the file:\n{raw}"
        );
    }

    #[test]
    fn search_finds_names_and_the_question_once_newest_session_first() {
        let a = archive();
        let (hits, _) = search(&a.path, "kenji").unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry.path, a.tokyo_in_progress);
        assert_eq!(
            (hits[0].place.as_deref(), hits[0].text.as_str()),
            (None, "with Kenji")
        );

        let (hits, _) = search(&a.path, "rosa díaz").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.path, a.obsidian);

        // The question is in the front matter and the body: one hit.
        let (hits, _) = search(&a.path, "QUIET STUDENTS").unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry.path, a.grade7_in_progress);
        assert_eq!(hits[0].place.as_deref(), Some("Focusing question"));
        assert_eq!(hits[0].text, "How do I get quiet students talking?");

        // "rubric" is in two sessions (and in files that are not sessions, which are not
        // searched): newest session first.
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
        assert_eq!(hits[0].text, "Lab reports need a shared RUBRIC");
        assert!(search(&a.path, "").unwrap().0.is_empty());
        // The timing table and crit's own lines are not notes.
        assert!(search(&a.path, "planned").unwrap().0.is_empty());
    }

    #[test]
    fn the_quick_check_finds_text_behind_case_and_escapes_only() {
        assert!(contains_ascii_ci(b"A Science lab", b"science"));
        assert!(!contains_ascii_ci(b"A Scien", b"science"));
        assert!(may_contain("costs \\$5 \\*now\\*", "$5 *now*"));
        assert!(may_contain("&#64;Ana will", "@ana"));
        assert!(may_contain("Übung", "übung"));
        assert!(!may_contain("costs \\$5 later", "$5 *now*"));
        assert!(!may_contain("zebra", "crossing"));
    }

    #[test]
    fn list_and_search_read_several_folders_and_skip_a_missing_one() {
        let a = archive();
        let rescue = tempfile::tempdir().unwrap();
        let saved = write_session(
            rescue.path(),
            Spec {
                protocol: "tuning",
                group: "Rescued",
                presenter: "Ria",
                question: "",
                start: "2026-11-22T10:00:00+01:00",
                notes: &[("note", "kept safe in the rescue folder")],
                finish: Some(Status::Complete),
            },
        );
        let listing = list_folders(&[&a.path, rescue.path()]).unwrap();
        assert!(listing.entries.iter().any(|e| e.path == saved));
        assert_eq!(listing.entries.len(), 5);
        let (hits, _) = search_folders(&[&a.path, rescue.path()], "rescue folder").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.path, saved);
        // The same folder twice is read once; a missing one is skipped, unless all are.
        assert_eq!(list_folders(&[&a.path, &a.path]).unwrap().entries.len(), 4);
        let gone = a.path.join("gone");
        assert_eq!(
            list_folders(&[&gone, rescue.path()]).unwrap().entries.len(),
            1
        );
        let err = list_folders(&[&gone, &gone.join("x")]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn an_alias_bomb_is_skipped_quickly_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        // Nine levels of nine-fold references: 9^9 (387 million) strings once expanded.
        let mut bomb = String::from(
            "---\nprotocol: Tuning\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for pair in names.windows(2) {
            let refs = vec![format!("*{}", pair[0]); 9].join(",");
            bomb.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
        }
        bomb.push_str("---\n\n- a note\n");
        fs::write(dir.path().join("bomb.md"), &bomb).unwrap();
        write_session(
            dir.path(),
            Spec {
                protocol: "tuning",
                group: "Fine",
                presenter: "Ana",
                question: "",
                start: "2026-11-22T10:00:00+01:00",
                notes: &[("note", "a note")],
                finish: None,
            },
        );
        let started = std::time::Instant::now();
        let listing = list(dir.path()).unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.unreadable.len(), 1, "{:?}", listing.unreadable);
        assert!(
            listing.unreadable[0].1.contains("aliases"),
            "{:?}",
            listing.unreadable
        );
        let (hits, unreadable) = search(dir.path(), "a note").unwrap();
        assert_eq!((hits.len(), unreadable.len()), (1, 1));
        // Bounded: nothing is expanded (expanding would take minutes and gigabytes).
        assert!(started.elapsed() < Duration::from_secs(5));
        // A small alias is fine.
        fs::write(
            dir.path().join("small.md"),
            "---\nprotocol: Tuning\nroles:\n  presenter: &p [\"Ana\"]\n  participant: *p\n---\n",
        )
        .unwrap();
        let listing = list(dir.path()).unwrap();
        assert_eq!(listing.entries.len(), 2, "{:?}", listing.unreadable);
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
        let lines: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        let expected: Vec<String> = (0..150).rev().map(|i| format!("Needle {i}")).collect();
        assert_eq!(lines, expected);
        assert!(hits.iter().all(|h| h.place.is_none()));
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
