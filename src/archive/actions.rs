//! `crit archive actions`: every next step across the archive, read from each session's
//! "Next steps" checklist. Done is the checkbox in the file (`- [x]`), so ticking it in
//! any editor, Obsidian or GitHub counts. Also the open next steps that come back when a
//! presenter presents again to the same group.

use std::path::{Path, PathBuf};

use super::Unreadable;
use super::names;
use super::read::{self, SessionFile};
use crate::session::EarlierStep;

/// One next step of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub date: String,
    /// RFC 3339, as the file gives it (for ordering).
    pub start: Option<String>,
    pub group: String,
    pub protocol: String,
    pub presenters: Vec<String>,
    pub path: PathBuf,
    pub owner: Option<String>,
    pub text: String,
    pub done: bool,
}

impl Action {
    /// Whose step this is: the person it names, else the session's presenters.
    fn belongs_to(&self, person: &str) -> bool {
        match &self.owner {
            Some(owner) => names::same(owner, person),
            None => self.presenters.iter().any(|p| names::same(p, person)),
        }
    }
}

/// Which actions to list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub group: Option<String>,
    /// Only sessions recorded at this site.
    pub site: Option<String>,
    pub person: Option<String>,
    /// `Some(false)`: only open ones; `Some(true)`: only done ones.
    pub done: Option<bool>,
}

/// Every action in `dir` that passes `filter`, newest session first (a session's actions
/// in file order), and the files that could not be read.
pub fn collect(dir: &Path, filter: &Filter) -> std::io::Result<(Vec<Action>, Vec<Unreadable>)> {
    let (mut sessions, unreadable) = read::read_all(dir, read::read_next_steps)?;
    sessions.sort_by_cached_key(|s| std::cmp::Reverse(order_key(s)));
    let mut actions = Vec::new();
    for session in sessions {
        if let Some(group) = &filter.group
            && !names::same(&session.entry.group, group)
        {
            continue;
        }
        if let Some(site) = &filter.site
            && !session.entry.at_site(site)
        {
            continue;
        }
        actions.extend(actions_of(session).filter(|a| {
            filter.done.is_none_or(|d| a.done == d)
                && filter.person.as_deref().is_none_or(|p| a.belongs_to(p))
        }));
    }
    Ok((actions, unreadable))
}

fn order_key(s: &SessionFile) -> (Option<i64>, PathBuf) {
    let time = s
        .entry
        .start
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t.trim()).ok())
        .map(|t| t.timestamp());
    (time, s.entry.path.clone())
}

fn actions_of(s: SessionFile) -> impl Iterator<Item = Action> {
    let e = s.entry;
    s.next_steps.into_iter().map(move |n| Action {
        date: e.date.clone(),
        start: e.start.clone(),
        group: e.group.clone(),
        protocol: e.protocol.clone(),
        presenters: e.presenters.clone(),
        path: e.path.clone(),
        owner: n.owner,
        text: n.text,
        done: n.done,
    })
}

/// The open next steps a presenter brings to a new session of `group`: from earlier
/// sessions of that group, the open actions that are theirs (named to them, or unnamed in
/// a session they presented), oldest first. Reads every front matter once and only the
/// files of the group in full.
pub fn earlier_for(dir: &Path, group: &str, presenters: &[String]) -> Vec<EarlierStep> {
    if group.trim().is_empty() || presenters.is_empty() {
        return Vec::new();
    }
    let Ok(listing) = super::list(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    // The listing is newest first; the steps are given oldest first.
    for entry in listing.entries.iter().rev() {
        if !entry.in_group(group) || entry.is_in_progress() {
            continue;
        }
        let Ok(Some(file)) = read::read_next_steps(&entry.path) else {
            continue;
        };
        let name = entry
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for action in actions_of(file) {
            if !action.done && presenters.iter().any(|p| action.belongs_to(p)) {
                found.push(EarlierStep {
                    date: action.date,
                    protocol: action.protocol,
                    file: name.clone(),
                    owner: action.owner,
                    text: action.text,
                });
            }
        }
    }
    found
}

/// The actions as a JSON array of objects with keys `date`, `group`, `protocol`, `file`,
/// `owner` (null if the note named nobody), `text`, `done`.
pub fn to_json(actions: &[Action]) -> serde_json::Value {
    serde_json::Value::Array(
        actions
            .iter()
            .map(|a| {
                serde_json::json!({
                    "date": a.date,
                    "group": a.group,
                    "protocol": a.protocol,
                    "file": a.path.to_string_lossy(),
                    "owner": a.owner,
                    "text": a.text,
                    "done": a.done,
                })
            })
            .collect(),
    )
}

/// The actions as lines for a terminal: `[ ] 2026-11-05 · Grade 7 · Pat: text (file)`.
pub fn to_text(actions: &[Action]) -> String {
    let mut out = String::new();
    for a in actions {
        let owner = a
            .owner
            .as_deref()
            .map(|o| format!("{}: ", crate::text::line(o)))
            .unwrap_or_default();
        let file = a
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push_str(&format!(
            "[{}] {} · {} · {owner}{} ({})\n",
            if a.done { "x" } else { " " },
            crate::text::line(&a.date),
            crate::text::line(&a.group),
            crate::text::line(&a.text),
            file
        ));
    }
    out
}
