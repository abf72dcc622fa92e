//! Reading a session's file back, as crit wrote it (and as a person may have ticked it
//! since): its front matter, each step's notes grouped under their kind headings, and the
//! "Next steps" checklist. The take-away, the list of actions and the report are built
//! from this, so whatever an editor changed in the file counts.
//!
//! Notes come back through [`unescape`], the one place that undoes the markdown escaping
//! `archive::render` applies (tested to round-trip hostile text).

mod body;

use std::path::{Path, PathBuf};

use yaml_rust2::Yaml;

use super::ArchiveEntry;
use super::entry::{names, scalar};
use crate::words::archive as words;
use body::read_body;
pub use body::unescape;

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
    parse(path, &text_of(path)?)
}

/// Reads a session from its text (see [`read`]).
pub fn parse(path: &Path, text: &str) -> Result<Option<SessionFile>, String> {
    let Some((mut file, map, body)) = head(path, text)? else {
        return Ok(None);
    };
    file.restated = scalar(&map["restated_question"]);
    file.actual_minutes = scalar(&map["actual_minutes"]).and_then(|m| m.trim().parse().ok());
    read_body(body, &mut file);
    Ok(Some(file))
}

/// Only the front matter and the "Next steps" checklist: what listing actions needs,
/// without walking every note.
pub fn read_next_steps(path: &Path) -> Result<Option<SessionFile>, String> {
    let text = text_of(path)?;
    let Some((mut file, _, body)) = head(path, &text)? else {
        return Ok(None);
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

/// The file's text, or why it cannot be read.
fn text_of(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| words::cannot_open(&e))?;
    String::from_utf8(bytes).map_err(|_| words::NOT_UTF8.to_string())
}

/// A session with what its front matter says (no steps or next steps yet), the front
/// matter's map, and the body after it; `None` if the text is not a crit session.
fn head<'t>(path: &Path, text: &'t str) -> Result<Option<(SessionFile, Yaml, &'t str)>, String> {
    let Some((yaml, body)) = split_front_matter(text)? else {
        return Ok(None);
    };
    let Some((entry, map)) = super::entry::entry_from_front_matter(path, yaml)? else {
        return Ok(None);
    };
    let file = SessionFile {
        entry,
        roles: roles(&map["roles"]),
        restated: None,
        actual_minutes: None,
        steps: Vec::new(),
        next_steps: Vec::new(),
    };
    Ok(Some((file, map, body)))
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

/// `roles:` as (role id, names), in the file's order.
fn roles(value: &Yaml) -> Vec<(String, Vec<String>)> {
    let Yaml::Hash(map) = value else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(role, names_in_role)| {
            let role = scalar(role)?;
            Some((role, names(names_in_role)))
        })
        .collect()
}

/// The most recent session in `dir` (by start), for commands whose FILE is optional.
pub fn most_recent(dir: &Path) -> Result<PathBuf, String> {
    let listing = super::list(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => words::no_sessions_yet(&dir.display().to_string()),
        _ => words::cannot_read_archive(&dir.display().to_string(), &e),
    })?;
    listing
        .entries
        .into_iter()
        .find(|e| !e.is_in_progress())
        .map(|e| e.path)
        .ok_or_else(|| words::no_finished_sessions_in(&dir.display().to_string()))
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
}
