//! Rendering a session as markdown with YAML front matter.
//!
//! Whatever a user types, the document keeps its structure and reads as typed: every
//! piece of typed text goes through [`crate::markup`] for the place it goes (a YAML
//! string, a heading, a table cell, a list item), and multi-line notes stay inside their
//! list item.

use std::fmt::Write;

use chrono::Timelike;

use super::front_matter::title;
use crate::markup;
use crate::session::{Now, Session};
use crate::times;
use crate::words::archive as words;

/// The whole archive file for `session`, as of `now`.
pub fn render(session: &Session, now: Now) -> String {
    // Private notes stay on this computer: they are written beside the file, never in it.
    let public = super::beside::without_private(session);
    let session = public.as_ref().unwrap_or(session);
    let mut out = String::with_capacity(4096 + session.notes.len() * 96);
    super::front_matter::write(&mut out, session, now);
    body(&mut out, session, now);
    out
}

/// How a status reads to a person (the front matter keeps `abandoned`).
pub fn status_words(status: &str) -> &str {
    match status {
        "in-progress" => words::IN_PROGRESS,
        "abandoned" => words::ENDED_EARLY,
        other => other,
    }
}

/// Typed text as a quote, one paragraph per line.
fn quote(out: &mut String, text: &str) {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(">\n");
        }
        let _ = writeln!(out, "> {}", markup::line(line.trim_end()));
    }
    out.push('\n');
}

fn body(out: &mut String, s: &Session, now: Now) {
    let _ = writeln!(out, "# {}\n", markup::inline(&title(s)));
    let when = match s.ended {
        Some(end) => format!(
            "{}–{}",
            s.started.format(words::DATE_TIME),
            end.format("%H:%M")
        ),
        None => format!("{} {}", s.started.format(words::DATE_TIME), words::STARTED),
    };
    let _ = writeln!(out, "{when} · {}\n", status_words(s.status.as_str()));
    let planned = s.planned_total_secs();
    let allowed = s.allowed_total_secs();
    let changed = (allowed != planned).then(|| times::clock(allowed));
    let _ = writeln!(
        out,
        "{}\n",
        words::planned_actual(
            &times::clock(planned),
            changed.as_deref(),
            &times::clock(s.total_actual_secs(now.at))
        )
    );

    out.push_str(words::ROLES_TABLE);
    for (role, names) in &s.roster.people {
        let label = s
            .protocol
            .role(role)
            .map(|r| r.label.as_str())
            .unwrap_or(role);
        let _ = writeln!(
            out,
            "| {} | {} |",
            markup::inline(label),
            markup::inline(&names.join(", "))
        );
    }
    out.push('\n');

    if !s.roster.question.trim().is_empty() {
        let _ = writeln!(out, "## {}\n", words::FOCUSING_QUESTION);
        quote(out, &s.roster.question);
    }
    if let Some(restated) = &s.roster.restated {
        let _ = writeln!(out, "## {}\n", words::RESTATED_QUESTION);
        quote(out, restated);
    }

    earlier_steps(out, s);
    timing_table(out, s, now);

    // Steps of a repeated block are grouped under a heading per round, naming its presenter.
    let mut round_shown: Option<(&str, usize)> = None;
    for (i, step) in s.plan.iter().enumerate() {
        let (level, name) = match &step.round {
            Some(r) => {
                if round_shown != Some((r.block.as_str(), r.index)) {
                    let _ = writeln!(out, "## {}\n", markup::inline(&r.title()));
                    round_shown = Some((r.block.as_str(), r.index));
                }
                ("###", &step.name)
            }
            None => {
                round_shown = None;
                ("##", &step.name)
            }
        };
        let _ = writeln!(out, "{level} {}. {}\n", i + 1, markup::inline(name));
        let actual = if s.records()[i].visited {
            times::clock(s.actual_secs(i, now.at))
        } else {
            words::NOT_RUN.into()
        };
        // A step extended with `+` or refitted to the end time says what the group chose.
        let allowed = s.allowance_secs(i).max(0) as u64;
        let changed = (allowed != u64::from(step.planned_secs)).then(|| times::clock(allowed));
        let _ = writeln!(
            out,
            "*{}*\n",
            words::planned_actual(
                &times::clock(u64::from(step.planned_secs)),
                changed.as_deref(),
                &actual
            )
        );
        let notes: Vec<_> = s.notes_of(i).collect();
        if notes.is_empty() {
            let _ = writeln!(out, "{}\n", words::NO_NOTES);
            continue;
        }
        for kind in kinds_in_order(s, &notes) {
            let _ = writeln!(
                out,
                "{level}# {}\n",
                markup::inline(&s.protocol.note_heading(&kind))
            );
            for note in notes.iter().filter(|n| n.kind == kind) {
                let mut when = format!("{:02}:{:02}", note.at.hour(), note.at.minute());
                if let Some(who) = &note.turn {
                    when = words::turn_at(&markup::inline(who), &when);
                }
                list_item(out, "- ", &note.text, &format!(" *({when})*"));
            }
            out.push('\n');
        }
    }

    let _ = writeln!(out, "## {}\n", words::NEXT_STEPS);
    let actions: Vec<_> = s.notes.iter().filter(|n| n.kind == "action").collect();
    if actions.is_empty() {
        let _ = writeln!(out, "{}", words::NO_ACTIONS);
    }
    let names: Vec<&str> = s.roster.all_names().collect();
    for note in actions {
        let step = s
            .plan
            .get(note.step)
            .map(|p| p.full_name())
            .unwrap_or_default();
        // "Pat: add a why box" names its owner: "- [ ] **Pat**: add a why box".
        let (marker, text) = match crate::session::action_owner(&note.text, &names) {
            Some((owner, rest)) => (format!("- [ ] **{}**: ", markup::inline(owner)), rest),
            None => ("- [ ] ".to_string(), note.text.as_str()),
        };
        list_item(
            out,
            &marker,
            text,
            &format!(" *({})*", markup::inline(&step)),
        );
    }
}

/// The presenter's open next steps from earlier sessions with the group, each linking
/// the file it came from (in the same folder).
fn earlier_steps(out: &mut String, s: &Session) {
    if s.earlier.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", words::EARLIER_NEXT_STEPS);
    for step in &s.earlier {
        let mut text = step.text.clone();
        if let Some(owner) = &step.owner {
            text = format!("{owner}: {text}");
        }
        let from = format!(
            " *({})*",
            words::from_link(
                &markup::inline(&step.short_date()),
                &markup::inline(&step.protocol),
                &step.file.replace(['<', '>', '\n'], "")
            )
        );
        list_item(out, "- ", &text, &from);
    }
    out.push('\n');
}

fn timing_table(out: &mut String, s: &Session, now: Now) {
    let _ = writeln!(out, "## {}\n", words::TIMING);
    out.push_str(words::TIMING_TABLE);
    let (mut planned_total, mut allowed_total, mut actual_total) = (0i64, 0i64, 0i64);
    // The allowance of the steps that ran, which their actual time is compared with.
    let mut allowed_run = 0i64;
    for (i, step) in s.plan.iter().enumerate() {
        let planned = i64::from(step.planned_secs);
        let allowed = s.allowance_secs(i).max(0);
        planned_total += planned;
        allowed_total += allowed;
        let name = markup::inline(&step.full_name());
        // Blank when the group kept the plan.
        let changed = if allowed != planned {
            times::clock(allowed as u64)
        } else {
            String::new()
        };
        if s.records()[i].visited {
            let actual = s.actual_secs(i, now.at) as i64;
            actual_total += actual;
            allowed_run += allowed;
            let _ = writeln!(
                out,
                "| {} | {name} | {} | {changed} | {} | {} |",
                i + 1,
                times::clock(planned as u64),
                times::clock(actual as u64),
                times::signed_clock(actual - allowed)
            );
        } else {
            let _ = writeln!(
                out,
                "| {} | {name} | {} | {changed} | — | |",
                i + 1,
                times::clock(planned as u64)
            );
        }
    }
    let _ = writeln!(
        out,
        "| | **{}** | **{}** | **{}** | **{}** | **{}** |\n",
        words::TOTAL,
        times::clock(planned_total as u64),
        times::clock(allowed_total as u64),
        times::clock(actual_total as u64),
        times::signed_clock(actual_total - allowed_run)
    );
    let _ = writeln!(out, "{}\n", words::DIFFERENCE);
}

/// The kinds used in these notes, in the step's order, then any others.
fn kinds_in_order(s: &Session, notes: &[&crate::session::Note]) -> Vec<String> {
    let offered = notes
        .first()
        .and_then(|n| s.plan.get(n.step))
        .map(|p| p.note_kinds.clone())
        .unwrap_or_default();
    // One pass over the notes: the kinds they use, first use first.
    let mut used: Vec<&str> = Vec::new();
    for note in notes {
        if !used.contains(&note.kind.as_str()) {
            used.push(&note.kind);
        }
    }
    let mut kinds: Vec<String> = offered
        .into_iter()
        .filter(|k| used.contains(&k.as_str()))
        .collect();
    for kind in used {
        if !kinds.iter().any(|k| k == kind) {
            kinds.push(kind.to_string());
        }
    }
    kinds
}

/// A list item whose text may span several lines. Each line of the note becomes a
/// paragraph of the item, indented under the marker: every reader keeps the line breaks
/// (a trailing backslash or two spaces are read differently, or trimmed by editors), and
/// the item never ends early.
fn list_item(out: &mut String, marker: &str, text: &str, suffix: &str) {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r').trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    out.push_str(marker);
    if lines.is_empty() {
        out.push('\u{a0}');
    }
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            // The continuation lines sit under the item's text (two columns, which is
            // also where a task item's text starts); more would make a code block.
            out.push_str("\n\n  ");
        }
        out.push_str(&markup::line(line));
    }
    out.push_str(suffix);
    out.push('\n');
}
