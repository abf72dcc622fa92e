//! Writing front matter: the YAML block at the top of a session file, every typed value
//! escaped as a YAML string (see [`crate::markup`]).

use std::fmt::Write;

use crate::markup::{self, yaml_key, yaml_list, yaml_string};
use crate::session::{Now, Session};

/// The front matter block of `session`, as of `now`, with the blank line after it.
pub fn write(out: &mut String, s: &Session, now: Now) {
    let p = &s.protocol;
    let actual_secs = s.total_actual_secs(now.at);
    let title = title(s);
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(&markup::title(&title)));
    let _ = writeln!(out, "protocol: {}", yaml_string(&p.name));
    let _ = writeln!(out, "protocol_id: {}", yaml_string(&p.id));
    let _ = writeln!(out, "group: {}", yaml_string(&s.roster.group));
    if let Some(site) = &s.site {
        let _ = writeln!(out, "site: {}", yaml_string(site));
    }
    // The moment, with its offset: a bare day reads as midnight UTC to Jekyll and Hugo,
    // which makes a session held east of UTC a post from the future.
    let _ = writeln!(out, "date: {}", rfc3339(s.started));
    let _ = writeln!(out, "start: {}", rfc3339(s.started));
    match s.ended {
        Some(end) => {
            let _ = writeln!(out, "end: {}", rfc3339(end));
        }
        None => out.push_str("end: null\n"),
    }
    let _ = writeln!(out, "status: {}", s.status.as_str());
    out.push_str("roles:\n");
    for (role, names) in &s.roster.people {
        let _ = writeln!(out, "  {}: {}", yaml_key(role), yaml_list(names));
    }
    let _ = writeln!(out, "attendees: {}", yaml_list(&attendees(s)));
    let _ = writeln!(out, "presenters: {}", yaml_list(&presenters(s)));
    let _ = writeln!(out, "question: {}", yaml_string(&s.roster.question));
    if let Some(restated) = &s.roster.restated {
        let _ = writeln!(out, "restated_question: {}", yaml_string(restated));
    }
    if let Some(end_by) = s.roster.end_by {
        let _ = writeln!(out, "end_by: \"{}\"", end_by.format("%H:%M"));
    }
    let _ = writeln!(
        out,
        "planned_minutes: {}",
        decimal_minutes(s.planned_total_secs() as f64 / 60.0)
    );
    let _ = writeln!(
        out,
        "actual_minutes: {}",
        decimal_minutes((actual_secs as f64 / 6.0).round() / 10.0)
    );
    let _ = writeln!(out, "notes: {}", s.notes.len());
    // Note tools read a tag as one word: `student work` becomes `student-work`.
    let mut tags: Vec<String> = Vec::new();
    for tag in p.tags.iter().chain(&s.roster.tags) {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join("-");
        let tag = tag.trim_start_matches('#').to_string();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let _ = writeln!(out, "tags: {}", yaml_list(&tags));
    let _ = writeln!(out, "aliases: {}", yaml_list(&[markup::title(&title)]));
    out.push_str("---\n\n");
}

fn rfc3339(t: chrono::DateTime<chrono::FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The file's title: the protocol, and the group if it has a name.
pub fn title(s: &Session) -> String {
    if s.roster.group.trim().is_empty() {
        s.protocol.name.clone()
    } else {
        format!("{} — {}", s.protocol.name, s.roster.group)
    }
}

/// Every name in any role, each once, in the order the roles list them.
pub fn attendees(s: &Session) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in s.roster.people.iter().flat_map(|(_, names)| names) {
        let name = name.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// The presenter role's names, then each round's presenter (Final Word, Success
/// Analysis), each once.
pub fn presenters(s: &Session) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let rounds = s
        .plan
        .iter()
        .filter_map(|step| step.round.as_ref()?.presenter.as_ref());
    for name in s.roster.names("presenter").iter().chain(rounds) {
        let name = name.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// Minutes as a decimal that every reader types the same way: `77.0`, `2.5`, `0.75`.
fn decimal_minutes(m: f64) -> String {
    let s = format!("{m:.2}");
    let s = s.trim_end_matches('0');
    if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_string()
    }
}
