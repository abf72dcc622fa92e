//! `crit archive report`: a record of professional-learning time. One row per session a
//! person took part in (date, group, protocol, role(s), actual minutes, file), and totals
//! per person and role, as markdown (a page an office can file), csv or JSON. Read from
//! the sessions' front matter only; private notes are never read.

mod write;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::Unreadable;
use super::names;
use super::read::{self, SessionFile};
use crate::words::archive as words;

/// What a person did in a session, as the report counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Facilitated,
    Presented,
    TookPart,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Facilitated => "facilitated",
            Part::Presented => "presented",
            Part::TookPart => "took part",
        }
    }

    fn of_role(role: &str) -> Part {
        match role {
            "facilitator" => Part::Facilitated,
            "presenter" => Part::Presented,
            _ => Part::TookPart,
        }
    }
}

/// One person in one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub person: String,
    /// The session's date, group, protocol and file are shared by its rows (a large
    /// archive has tens of thousands of rows).
    pub date: Arc<str>,
    pub group: Arc<str>,
    pub protocol: Arc<str>,
    /// Each distinct part they had, in the order facilitated, presented, took part.
    pub parts: Vec<Part>,
    pub minutes: f64,
    pub path: Arc<Path>,
}

/// Which sessions and people the report covers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub person: Option<String>,
    pub group: Option<String>,
    /// Only sessions recorded at this site.
    pub site: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The report: its rows (by person, then date), the files skipped and why, and names that
/// look like one person typed two ways.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub rows: Vec<Row>,
    pub unreadable: Vec<Unreadable>,
    /// Pairs of names one letter apart within a group: (group, name, name).
    pub near_duplicates: Vec<(String, String, String)>,
    pub filter: Filter,
}

/// A date given on the command line: `YYYY-MM-DD`, or a message saying so.
pub fn parse_date(flag: &str, value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| words::bad_date(flag, &crate::text::line(value)))
}

/// Reads the sessions in `dir` and builds the report. Sessions still in progress are
/// left out (their minutes are not known yet).
pub fn build(dir: &Path, filter: &Filter) -> std::io::Result<Report> {
    let (sessions, unreadable) = read::read_all(dir, read::read_front)?;
    Ok(from_sessions(sessions, unreadable, filter))
}

/// The report over sessions already read.
pub fn from_sessions(
    sessions: Vec<SessionFile>,
    unreadable: Vec<Unreadable>,
    filter: &Filter,
) -> Report {
    let mut sessions = sessions;
    // Sessions in date order, so each person's rows come out in date order.
    sessions.sort_by(|a, b| {
        (a.entry.date.as_str(), &a.entry.path).cmp(&(b.entry.date.as_str(), &b.entry.path))
    });
    // Rows per person (by folded name): the report lists person after person.
    let mut by_person: std::collections::BTreeMap<String, Vec<Row>> = Default::default();
    // Names per group (folded once), to point out near-duplicates.
    let mut group_names: Vec<(String, String, Vec<String>)> = Vec::new();
    let person = filter.person.as_deref().map(names::fold);
    for s in &sessions {
        let e = &s.entry;
        if e.is_in_progress() {
            continue;
        }
        if filter
            .group
            .as_deref()
            .is_some_and(|g| !names::same(&e.group, g))
            || filter.site.as_deref().is_some_and(|s| !e.at_site(s))
        {
            continue;
        }
        let date = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d").ok();
        if filter
            .from
            .is_some_and(|from| date.is_none_or(|d| d < from))
            || filter.to.is_some_and(|to| date.is_none_or(|d| d > to))
        {
            continue;
        }
        let folded_group = names::fold(&e.group);
        let at = match group_names.iter().position(|(g, _, _)| *g == folded_group) {
            Some(at) => at,
            None => {
                group_names.push((folded_group, e.group.clone(), Vec::new()));
                group_names.len() - 1
            }
        };
        let known = &mut group_names[at].2;
        // Each person once per session, with every part they had.
        let mut people: Vec<(String, String, Vec<Part>)> = Vec::new();
        for (role, names_in_role) in &s.roles {
            for name in names_in_role {
                let folded = names::fold(name);
                if folded.is_empty() {
                    continue;
                }
                if !known.iter().any(|k| k == name.trim()) {
                    known.push(name.trim().to_string());
                }
                let part = Part::of_role(role);
                match people.iter_mut().find(|(f, _, _)| *f == folded) {
                    Some((_, _, parts)) => {
                        if !parts.contains(&part) {
                            parts.push(part);
                        }
                    }
                    None => people.push((folded, name.trim().to_string(), vec![part])),
                }
            }
        }
        let (date, group, protocol, path): (Arc<str>, Arc<str>, Arc<str>, Arc<Path>) = (
            e.date.as_str().into(),
            e.group.as_str().into(),
            e.protocol.as_str().into(),
            e.path.as_path().into(),
        );
        for (folded, name, mut parts) in people {
            if person.as_ref().is_some_and(|p| *p != folded) {
                continue;
            }
            parts.sort();
            by_person.entry(folded).or_default().push(Row {
                person: name,
                date: date.clone(),
                group: group.clone(),
                protocol: protocol.clone(),
                parts,
                minutes: s.actual_minutes.unwrap_or(0.0),
                path: path.clone(),
            });
        }
    }
    let rows: Vec<Row> = by_person.into_values().flatten().collect();
    let mut near_duplicates = Vec::new();
    for (_, group, list) in &group_names {
        for (a, b) in names::near_duplicates(list.iter().map(String::as_str)) {
            // With --person, only the pairs that concern that person.
            if person
                .as_ref()
                .is_none_or(|p| *p == names::fold(&a) || *p == names::fold(&b))
            {
                near_duplicates.push((group.clone(), a, b));
            }
        }
    }
    Report {
        rows,
        unreadable,
        near_duplicates,
        filter: filter.clone(),
    }
}

/// Totals per person: (name as first met, sessions, minutes, minutes per part).
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    pub person: String,
    pub sessions: usize,
    pub minutes: f64,
    /// (part, sessions, minutes), for each part the person had.
    pub parts: Vec<(Part, usize, f64)>,
}

impl Report {
    /// Totals per person, in the rows' order. A session where someone both facilitated and
    /// presented counts once in their total and once under each part.
    pub fn totals(&self) -> Vec<Total> {
        let mut totals: Vec<(String, Total)> = Vec::new();
        for row in &self.rows {
            let key = names::fold(&row.person);
            let at = match totals.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    totals.push((
                        key,
                        Total {
                            person: row.person.clone(),
                            sessions: 0,
                            minutes: 0.0,
                            parts: Vec::new(),
                        },
                    ));
                    totals.len() - 1
                }
            };
            let total = &mut totals[at].1;
            total.sessions += 1;
            total.minutes += row.minutes;
            for part in &row.parts {
                match total.parts.iter_mut().find(|(p, _, _)| p == part) {
                    Some((_, n, m)) => {
                        *n += 1;
                        *m += row.minutes;
                    }
                    None => total.parts.push((*part, 1, row.minutes)),
                }
            }
        }
        for (_, t) in &mut totals {
            t.parts.sort_by_key(|(p, _, _)| *p);
        }
        totals.into_iter().map(|(_, t)| t).collect()
    }

    /// "No sessions found for Zed." when a person was asked for and nobody matched.
    pub fn empty_message(&self) -> Option<String> {
        if !self.rows.is_empty() {
            return None;
        }
        Some(match &self.filter.person {
            Some(p) => words::no_sessions_for(&crate::text::line(p)),
            None => words::NO_FINISHED_SESSIONS.to_string(),
        })
    }
}
