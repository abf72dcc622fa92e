//! Reading a session's file back, as crit wrote it (and as a person may have ticked it
//! since): its front matter, each step's notes grouped under their kind headings, and the
//! "Next steps" checklist. The take-away, the list of actions and the report are built
//! from this, so whatever an editor changed in the file counts.
//!
//! Notes come back through [`unescape`], the one place that undoes the markdown escaping
//! `archive::render` applies (tested to round-trip hostile text).

use std::path::{Path, PathBuf};

use yaml_rust2::Yaml;

use super::ArchiveEntry;
use crate::words::archive as words;

/// A session file, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFile {
    pub entry: ArchiveEntry,
    /// Every role's names, as the front matter gives them (role id, names).
    pub roles: Vec<(String, Vec<String>)>,
    pub restated: Option<String>,
    /// `actual_minutes`, if the front matter has a number there.
    pub actual_minutes: Option<f64>,
    pub steps: Vec<StepNotes>,
    pub next_steps: Vec<NextStep>,
}

/// One step of the file and its notes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepNotes {
    /// The step's number in the file (1-based).
    pub number: usize,
    pub name: String,
    /// The round heading the step is under ("Round 1 of 3 — Ana presents"), if any.
    pub round: Option<String>,
    /// The presenter that round heading names.
    pub round_presenter: Option<String>,
    /// The notes under each kind heading ("Warm feedback", "Questions"), in file order.
    pub kinds: Vec<(String, Vec<String>)>,
}

/// One item of the "Next steps" checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    /// Ticked (`- [x]`) in the file.
    pub done: bool,
    /// The bold name before the text (`**Pat**: …`), if any.
    pub owner: Option<String>,
    pub text: String,
    /// The step it was noted in, as the file names it ("Round 1 of 3 — Ana presents:
    /// The final word").
    pub step: String,
}

impl SessionFile {
    /// The names of `role` (empty if none).
    pub fn names(&self, role: &str) -> &[String] {
        self.roles
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, n)| n.as_slice())
            .unwrap_or(&[])
    }
}

/// Reads the session file at `path`. `Ok(None)`: not a crit session. `Err`: the reason
/// it cannot be read (as `archive list` says it).
pub fn read(path: &Path) -> Result<Option<SessionFile>, String> {
    let bytes = std::fs::read(path).map_err(|e| words::cannot_open(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| words::NOT_UTF8.to_string())?;
    parse(path, &text)
}

/// Reads a session from its text (see [`read`]).
pub fn parse(path: &Path, text: &str) -> Result<Option<SessionFile>, String> {
    let Some((yaml, body)) = split_front_matter(text)? else {
        return Ok(None);
    };
    let Some((entry, map)) = super::entry::entry_from_front_matter(path, yaml)? else {
        return Ok(None);
    };
    let mut file = SessionFile {
        entry,
        roles: roles(&map["roles"]),
        restated: scalar(&map["restated_question"]),
        actual_minutes: scalar(&map["actual_minutes"]).and_then(|m| m.trim().parse().ok()),
        steps: Vec::new(),
        next_steps: Vec::new(),
    };
    read_body(body, &mut file);
    Ok(Some(file))
}

/// Only the front matter and the "Next steps" checklist: what listing actions needs,
/// without walking every note.
pub fn read_next_steps(path: &Path) -> Result<Option<SessionFile>, String> {
    let bytes = std::fs::read(path).map_err(|e| words::cannot_open(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| words::NOT_UTF8.to_string())?;
    let Some((yaml, body)) = split_front_matter(&text)? else {
        return Ok(None);
    };
    let Some((entry, map)) = super::entry::entry_from_front_matter(path, yaml)? else {
        return Ok(None);
    };
    let mut file = SessionFile {
        entry,
        roles: roles(&map["roles"]),
        restated: None,
        actual_minutes: None,
        steps: Vec::new(),
        next_steps: Vec::new(),
    };
    // The checklist is the file's last section: start at its heading.
    let next_steps = format!("## {}", words::NEXT_STEPS);
    let from = body
        .rfind(&format!("\n{next_steps}"))
        .map(|i| i + 1)
        .or_else(|| body.starts_with(&next_steps).then_some(0));
    if let Some(from) = from {
        read_body(&body[from..], &mut file);
    }
    Ok(Some(file))
}

/// The YAML between the opening and closing `---` lines, and the body after them.
fn split_front_matter(text: &str) -> Result<Option<(&str, &str)>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let Some(first_end) = text.find('\n') else {
        return Ok(None);
    };
    if text[..first_end].trim_end() != "---" {
        return Ok(None);
    }
    let rest = &text[first_end + 1..];
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Ok(Some((&rest[..at], &rest[at + line.len()..])));
        }
        at += line.len();
    }
    Err(words::NO_CLOSING_LINE.into())
}

/// The level-2 headings of a session file that are neither a step nor a round.
const SECTIONS: [&str; 5] = [
    words::FOCUSING_QUESTION,
    words::RESTATED_QUESTION,
    words::EARLIER_NEXT_STEPS,
    words::TIMING,
    words::NEXT_STEPS,
];

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Other,
    Step,
    NextSteps,
}

fn read_body(body: &str, file: &mut SessionFile) {
    let mut section = Section::Other;
    // The heading level of steps: 2, or 3 under a round heading.
    let mut round: Option<(String, Option<String>)> = None;
    let mut item: Option<String> = None;
    for line in body.lines() {
        if let Some(open) = item.as_mut() {
            // A note's further lines are paragraphs indented under its first (files
            // from older versions ended lines with a hard-break backslash instead).
            if line.trim().is_empty() {
                continue;
            }
            if let Some(more) = line.strip_prefix("  ") {
                open.push('\n');
                open.push_str(strip_hard_break(more.trim_start_matches(' ')).0);
                continue;
            }
        }
        if let Some((level, heading)) = heading(line) {
            finish_item(file, section, item.take());
            let step_level = if round.is_some() { 3 } else { 2 };
            if level == 2 {
                round = None;
            }
            if let Some((number, name)) = step_heading(heading).filter(|_| level <= 3) {
                section = Section::Step;
                file.steps.push(StepNotes {
                    number,
                    name: unescape(name),
                    round: round.as_ref().map(|r| r.0.clone()),
                    round_presenter: round.as_ref().and_then(|r| r.1.clone()),
                    kinds: Vec::new(),
                });
            } else if level == 2 && heading == words::NEXT_STEPS {
                section = Section::NextSteps;
            } else if level == 2 && !SECTIONS.contains(&heading) {
                // A round of a repeated block ("Round 1 of 3 — Ana presents", or the
                // block's own label): its steps follow one level down.
                let title = unescape(heading);
                let presenter = title
                    .rsplit_once(" — ")
                    .and_then(|(_, p)| p.strip_suffix(" presents"))
                    .map(str::to_string);
                round = Some((title, presenter));
                section = Section::Other;
            } else if section == Section::Step && level == step_level + 1 {
                if let Some(step) = file.steps.last_mut() {
                    step.kinds.push((unescape(heading), Vec::new()));
                }
            } else {
                section = Section::Other;
            }
            continue;
        }
        let started = match section {
            Section::Step => line.strip_prefix("- ").map(str::to_string),
            Section::NextSteps => line.strip_prefix("- [").map(|l| format!("[{l}")),
            Section::Other => None,
        };
        finish_item(file, section, item.take());
        if let Some(first) = started {
            item = Some(strip_hard_break(&first).0.to_string());
        }
    }
    finish_item(file, section, item.take());
}

/// `(level, text)` of a `## heading` line.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    line[level..]
        .strip_prefix(' ')
        .map(|t| (level, t.trim_end()))
}

/// `3. Warm and cool feedback` → (3, "Warm and cool feedback").
fn step_heading(text: &str) -> Option<(usize, &str)> {
    let (number, name) = text.split_once(". ")?;
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((number.parse().ok()?, name))
}

/// A line without its trailing hard-break backslash, and whether it had one (an odd
/// number of backslashes at the end: `\\` is an escaped backslash, not a break).
fn strip_hard_break(line: &str) -> (&str, bool) {
    let trailing = line.len() - line.trim_end_matches('\\').len();
    if trailing % 2 == 1 {
        (&line[..line.len() - 1], true)
    } else {
        (line, false)
    }
}

/// A finished list item (its lines joined with `\n`, still escaped) goes where its
/// section says.
fn finish_item(file: &mut SessionFile, section: Section, item: Option<String>) {
    let Some(raw) = item else { return };
    match section {
        Section::Step => {
            let text = strip_suffix(&raw).0;
            if let Some(step) = file.steps.last_mut() {
                if step.kinds.is_empty() {
                    step.kinds.push(("Notes".into(), Vec::new()));
                }
                if let Some((_, notes)) = step.kinds.last_mut() {
                    notes.push(unescape_lines(text));
                }
            }
        }
        Section::NextSteps => {
            let Some((done, rest)) = checkbox(&raw) else {
                return;
            };
            let (rest, step) = strip_suffix(rest);
            let (owner, text) = match rest.strip_prefix("**").and_then(|r| r.split_once("**: ")) {
                Some((owner, text)) => (Some(unescape(owner)), text),
                None => (None, rest),
            };
            file.next_steps.push(NextStep {
                done,
                owner,
                text: unescape_lines(text),
                step: step.map(unescape).unwrap_or_default(),
            });
        }
        Section::Other => {}
    }
}

/// `[ ] text` / `[x] text` → (done, text).
fn checkbox(item: &str) -> Option<(bool, &str)> {
    let rest = item.strip_prefix('[')?;
    let mut chars = rest.chars();
    let mark = chars.next()?;
    let rest = chars.as_str().strip_prefix("] ")?;
    match mark {
        ' ' => Some((false, rest)),
        'x' | 'X' => Some((true, rest)),
        _ => None,
    }
}

/// Splits off the ` *(14:05)*` (or ` *(step name)*`) crit appends to an item. Typed
/// text never holds an unescaped ` *(`, so the last one is crit's.
fn strip_suffix(item: &str) -> (&str, Option<&str>) {
    if let Some(inner) = item.strip_suffix(")*")
        && let Some(i) = inner.rfind(" *(")
    {
        return (&item[..i], Some(&inner[i + 3..]));
    }
    (item, None)
}

fn unescape_lines(text: &str) -> String {
    text.split('\n')
        .map(unescape)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Undoes the escaping `archive::render` gives one line of typed text: a backslash
/// before ASCII punctuation goes, the no-break spaces that stand for leading spaces (and
/// the one that stands for an empty line) become spaces again.
pub fn unescape(line: &str) -> String {
    // A lone no-break space is how an empty line of a note is written.
    if line == "\u{a0}" {
        return String::new();
    }
    crate::markup::plain(line)
}

/// A scalar as text (see `entry::scalar`).
fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `roles:` as (role id, names), in the file's order.
fn roles(value: &Yaml) -> Vec<(String, Vec<String>)> {
    let Yaml::Hash(map) = value else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(role, names)| {
            let role = scalar(role)?;
            let names = match names {
                Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
                other => scalar(other).into_iter().collect(),
            };
            Some((role, names))
        })
        .collect()
}

/// The most recent session in `dir` (by start), for commands whose FILE is optional.
pub fn most_recent(dir: &Path) -> Result<PathBuf, String> {
    let listing = super::list(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!("no sessions yet: {} does not exist", dir.display())
        }
        _ => format!("cannot read the archive folder {}: {e}", dir.display()),
    })?;
    listing
        .entries
        .into_iter()
        .find(|e| !e.is_in_progress())
        .map(|e| e.path)
        .ok_or_else(|| format!("no finished sessions in {}", dir.display()))
}

/// Only the front matter (entry, roles, minutes), read no further than its closing line:
/// what the report needs.
pub fn read_front(path: &Path) -> Result<Option<SessionFile>, String> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).map_err(|e| words::cannot_open(&e))?;
    let mut reader = std::io::BufReader::new(file);
    let mut text = String::new();
    let not_text = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::InvalidData => words::NOT_UTF8.to_string(),
        _ => words::cannot_read(&e),
    };
    loop {
        let before = text.len();
        if reader.read_line(&mut text).map_err(not_text)? == 0 {
            break;
        }
        let line = text[before..].trim_end();
        if before == 0 && line.trim_start_matches('\u{feff}') != "---" {
            return Ok(None);
        }
        if before > 0 && (line == "---" || line == "...") {
            break;
        }
        if text.len() > 1 << 20 {
            break;
        }
    }
    let Some((yaml, _)) = split_front_matter(&text)? else {
        return Ok(None);
    };
    let Some((entry, map)) = super::entry::entry_from_front_matter(path, yaml)? else {
        return Ok(None);
    };
    Ok(Some(SessionFile {
        entry,
        roles: roles(&map["roles"]),
        restated: scalar(&map["restated_question"]),
        actual_minutes: scalar(&map["actual_minutes"]).and_then(|m| m.trim().parse().ok()),
        steps: Vec::new(),
        next_steps: Vec::new(),
    }))
}

/// Every session file in `dir` read with `read_one` (in parallel), and the files that
/// looked like sessions but could not be read, with why (sorted by path).
pub fn read_all(
    dir: &Path,
    read_one: impl Fn(&Path) -> Result<Option<SessionFile>, String> + Sync,
) -> std::io::Result<(Vec<SessionFile>, Vec<super::Unreadable>)> {
    let files = super::listing::markdown_files(dir)?;
    let read = super::listing::par_map(&files, |p| read_one(p));
    let mut sessions = Vec::with_capacity(files.len());
    let mut unreadable = Vec::new();
    for (path, result) in files.into_iter().zip(read) {
        match result {
            Ok(Some(file)) => sessions.push(file),
            Ok(None) => {}
            Err(why) => unreadable.push((path, why)),
        }
    }
    unreadable.sort();
    Ok((sessions, unreadable))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAND_EDITED: &str = "---\nprotocol: Tuning Protocol\ngroup: Grade 7\ndate: 2026-11-05\nroles:\n  presenter:\n    - Pat\nactual_minutes: 61.5\n---\n\n# Tuning\n\n## 5. Warm and cool feedback\n\n### Warm feedback\n\n- Clear \\*goals\\* *(14:05)*\n- Two lines\\\n  second *(Ana's turn, 14:06)*\n\n## Next steps\n\n- [X] **Pat**: send the rubric *(Presenter reflection)*\n- [ ] a step typed by hand\n- not a checkbox\n";

    #[test]
    fn a_file_edited_by_hand_reads_back_with_its_ticks() {
        let file = parse(Path::new("s.md"), HAND_EDITED).unwrap().unwrap();
        assert_eq!(file.names("presenter"), ["Pat"]);
        assert_eq!(file.actual_minutes, Some(61.5));
        assert_eq!(file.steps.len(), 1);
        assert_eq!(
            file.steps[0].kinds,
            vec![(
                "Warm feedback".to_string(),
                vec!["Clear *goals*".to_string(), "Two lines\nsecond".to_string()]
            )]
        );
        assert_eq!(
            file.next_steps,
            vec![
                NextStep {
                    done: true,
                    owner: Some("Pat".into()),
                    text: "send the rubric".into(),
                    step: "Presenter reflection".into(),
                },
                NextStep {
                    done: false,
                    owner: None,
                    text: "a step typed by hand".into(),
                    step: String::new(),
                },
            ]
        );
        // Reading only the checklist finds the same.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.md");
        std::fs::write(&path, HAND_EDITED).unwrap();
        let quick = read_next_steps(&path).unwrap().unwrap();
        assert_eq!(quick.next_steps, file.next_steps);
        assert!(quick.steps.is_empty());
    }

    #[test]
    fn a_hard_break_is_an_odd_number_of_trailing_backslashes() {
        assert_eq!(strip_hard_break("a\\"), ("a", true));
        assert_eq!(strip_hard_break("a\\\\"), ("a\\\\", false));
        assert_eq!(strip_hard_break("a\\\\\\"), ("a\\\\", true));
        assert_eq!(unescape("\u{a0}\u{a0}x \\# \\\\ y\\"), "  x # \\ y\\");
        assert_eq!(unescape("\u{a0}"), "");
    }
}
