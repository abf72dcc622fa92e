//! `crit archive takeaway`: a page for the presenter to take home, read from the session's
//! file: the protocol, date and group; the focusing question (and the restated one); the
//! group's feedback grouped as the protocol gave it; the presenter's own reflection; the
//! next steps. No timing table, and never private notes (they are not in the file).
//!
//! In round protocols (Final Word, Success Analysis) each round has its presenter: the
//! page has one section per round, or only one presenter's round with `presenter`.

use std::fmt::Write;

use super::names;
use super::read::{NextStep, SessionFile, StepNotes};
use crate::markup::inline as esc;
use crate::protocol::{Entry, Protocol, Step};
use crate::words::archive as words;

/// The names of the steps where the presenter responds to the group: a step only the
/// presenter speaks in, after a step where others spoke and the presenter did not (the
/// Tuning Protocol's "Presenter reflection", the Final Word's "The final word").
pub fn reflection_steps(protocol: &Protocol) -> Vec<String> {
    let mut found = Vec::new();
    let top: Vec<&Step> = protocol
        .steps
        .iter()
        .filter_map(|e| match e {
            Entry::Step(s) => Some(s),
            Entry::Block(_) => None,
        })
        .collect();
    responses(&top, "presenter", &mut found);
    for entry in &protocol.steps {
        if let Entry::Block(b) = entry {
            let role = if b.as_role.is_empty() {
                "presenter"
            } else {
                b.as_role.as_str()
            };
            let steps: Vec<&Step> = b.steps.iter().collect();
            responses(&steps, role, &mut found);
        }
    }
    found
}

fn responses(steps: &[&Step], presenter: &str, found: &mut Vec<String>) {
    let mut heard_others = false;
    for step in steps {
        let only_presenter = step.speakers.len() == 1 && step.speakers[0] == presenter;
        // "all" includes the presenter.
        let others = !step.speakers.is_empty()
            && !step
                .speakers
                .iter()
                .any(|s| s == presenter || s == crate::protocol::EVERYONE);
        if only_presenter && heard_others {
            found.push(step.name.clone());
        }
        heard_others |= others;
    }
}

/// For a protocol crit does not know: a step whose name speaks of reflecting or of the
/// final word.
fn looks_like_reflection(name: &str) -> bool {
    let name = name.to_lowercase();
    name.contains("reflect") || name.contains("final word")
}

/// The take-away page for `file`. `reflection`: the step names where the presenter
/// responds ([`reflection_steps`]; `None` when the protocol is not known). `presenter`:
/// only that presenter's round (in round protocols) or an error if nobody of that name
/// presented.
pub fn render(
    file: &SessionFile,
    reflection: Option<&[String]>,
    presenter: Option<&str>,
) -> Result<String, String> {
    let is_reflection = |step: &StepNotes| match reflection {
        Some(names) => names.contains(&step.name),
        None => looks_like_reflection(&step.name),
    };
    let e = &file.entry;
    let rounds: Vec<String> = {
        let mut r: Vec<String> = Vec::new();
        for p in file.steps.iter().filter_map(|s| s.round_presenter.clone()) {
            if !r.iter().any(|q| names::same(q, &p)) {
                r.push(p);
            }
        }
        r
    };
    let session_presenters = file.names("presenter");
    if let Some(p) = presenter {
        let known = rounds.iter().any(|r| names::same(r, p))
            || session_presenters.iter().any(|r| names::same(r, p));
        if !known {
            return Err(words::nobody_presented(&crate::text::line(p)));
        }
    }

    let mut out = String::new();
    let title = if e.group.trim().is_empty() {
        e.protocol.clone()
    } else {
        format!("{} — {}", e.protocol, e.group)
    };
    let _ = writeln!(out, "# {}\n", words::takeaway_title(&esc(&title)));
    let when = e
        .start
        .as_deref()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s.trim()).ok())
        .map(|t| t.format(words::DATE).to_string())
        .unwrap_or_else(|| e.date.clone());
    let mut facts = vec![
        words::fact_protocol(&esc(&e.protocol)),
        words::fact_date(&esc(&when)),
    ];
    if !e.group.trim().is_empty() {
        facts.push(words::fact_group(&esc(&e.group)));
    }
    let for_whom: Vec<String> = match presenter {
        Some(p) => vec![p.trim().to_string()],
        None if !rounds.is_empty() => rounds.clone(),
        None => session_presenters.to_vec(),
    };
    if !for_whom.is_empty() {
        facts.push(words::fact_presenter(&esc(&for_whom.join(", "))));
    }
    // One fact a list item: line breaks made of trailing spaces vanish in editors that
    // trim them.
    for fact in &facts {
        let _ = writeln!(out, "- {fact}");
    }
    out.push('\n');
    quote(&mut out, words::FOCUSING_QUESTION, &e.question);
    if let Some(r) = &file.restated {
        quote(&mut out, words::RESTATED_QUESTION, r);
    }

    if rounds.is_empty() {
        let steps: Vec<&StepNotes> = file.steps.iter().collect();
        feedback_and_reflection(&mut out, "##", &steps, &is_reflection);
    } else {
        // Steps outside the rounds (reading the text, the debrief) come first, for all.
        let shared: Vec<&StepNotes> = file.steps.iter().filter(|s| s.round.is_none()).collect();
        if presenter.is_none() && has_notes(&shared) {
            let _ = writeln!(out, "## {}\n", words::WHOLE_GROUP);
            feedback_and_reflection(&mut out, "###", &shared, &is_reflection);
        }
        for who in &rounds {
            if presenter.is_some_and(|p| !names::same(p, who)) {
                continue;
            }
            let _ = writeln!(out, "## {}\n", words::round_of(&esc(who)));
            let steps: Vec<&StepNotes> = file
                .steps
                .iter()
                .filter(|s| {
                    s.round_presenter
                        .as_deref()
                        .is_some_and(|p| names::same(p, who))
                })
                .collect();
            feedback_and_reflection(&mut out, "###", &steps, &is_reflection);
        }
    }

    let next: Vec<&NextStep> = file
        .next_steps
        .iter()
        .filter(|n| match presenter {
            None => true,
            // One presenter's page: the steps of their round, and the steps named to them.
            Some(p) => {
                n.owner.as_deref().is_some_and(|o| names::same(o, p))
                    || round_of(&n.step).is_some_and(|r| names::same(r, p))
                    || (rounds.is_empty() && n.owner.is_none())
            }
        })
        .collect();
    let _ = writeln!(out, "## {}\n", words::NEXT_STEPS);
    if next.is_empty() {
        let _ = writeln!(out, "{}", words::NO_NEXT_STEPS);
    }
    for n in next {
        let mut line = format!("- [{}] ", if n.done { "x" } else { " " });
        if let Some(owner) = &n.owner {
            let _ = write!(line, "**{}**: ", esc(owner));
        }
        line.push_str(&item_text(&n.text));
        let _ = writeln!(out, "{line}");
    }
    Ok(out)
}

/// "Round 1 of 3 — Ana presents: The final word" → "Ana".
fn round_of(step: &str) -> Option<&str> {
    let (round, _) = step.split_once(": ")?;
    crate::words::steps::presenter_of(round)
}

fn has_notes(steps: &[&StepNotes]) -> bool {
    steps.iter().any(|s| {
        s.kinds
            .iter()
            .any(|(k, n)| k != crate::words::steps::ACTIONS && !n.is_empty())
    })
}

fn quote(out: &mut String, heading: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let _ = writeln!(out, "## {heading}\n");
    for line in text.lines() {
        let _ = writeln!(out, "> {}", esc(line));
    }
    out.push('\n');
}

/// The group's notes grouped by kind (in the order the protocol gave them), then the
/// presenter's reflection. Actions are left to the next steps.
fn feedback_and_reflection(
    out: &mut String,
    level: &str,
    steps: &[&StepNotes],
    is_reflection: &dyn Fn(&StepNotes) -> bool,
) {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut reflection: Vec<&str> = Vec::new();
    for step in steps {
        for (kind, notes) in &step.kinds {
            if kind == crate::words::steps::ACTIONS {
                continue;
            }
            if is_reflection(step) {
                reflection.extend(notes.iter().map(String::as_str));
                continue;
            }
            match groups.iter_mut().find(|(k, _)| k == kind) {
                Some((_, list)) => list.extend(notes.iter().map(String::as_str)),
                None => groups.push((kind, notes.iter().map(String::as_str).collect())),
            }
        }
    }
    let _ = writeln!(out, "{level} {}\n", words::WHAT_THE_GROUP_OFFERED);
    if groups.iter().all(|(_, n)| n.is_empty()) {
        let _ = writeln!(out, "{}\n", words::NO_FEEDBACK);
    }
    for (kind, notes) in groups.iter().filter(|(_, n)| !n.is_empty()) {
        let _ = writeln!(out, "{level}# {}\n", esc(kind));
        for note in notes {
            let _ = writeln!(out, "- {}", item_text(note));
        }
        out.push('\n');
    }
    if !reflection.is_empty() {
        let _ = writeln!(out, "{level} {}\n", words::REFLECTION);
        for note in reflection {
            let _ = writeln!(out, "- {}", item_text(note));
        }
        out.push('\n');
    }
}

/// A note as one list item: each line escaped, continuation lines indented under the
/// marker with hard breaks, so the item never ends early.
fn item_text(text: &str) -> String {
    text.trim_end()
        .split('\n')
        .map(|l| {
            let e = esc(l.trim_start());
            let digits = e.chars().take_while(char::is_ascii_digit).count();
            if e.starts_with(['-', '+', '=', ':', '(']) {
                format!("\\{e}")
            } else if digits > 0 && e[digits..].starts_with(['.', ')']) {
                format!("{}\\{}", &e[..digits], &e[digits..])
            } else {
                e
            }
        })
        .collect::<Vec<_>>()
        .join("\\\n  ")
}
