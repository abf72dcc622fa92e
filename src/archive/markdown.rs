//! Rendering a session as markdown with YAML front matter.
//!
//! Whatever a user types, the document keeps its structure: every piece of typed text is
//! escaped for the place it goes (a YAML double-quoted string, a heading, a table cell,
//! a list item), and multi-line notes stay inside their list item.

use std::fmt::Write;

use chrono::Timelike;

use crate::session::{Now, Session, Status};
use crate::text;

/// The whole archive file for `session`, as of `now`.
pub fn render(session: &Session, now: Now) -> String {
    // Private notes stay on this computer: they are written beside the file, never in it.
    let public = super::beside::without_private(session);
    let session = public.as_ref().unwrap_or(session);
    let mut out = String::with_capacity(4096 + session.notes.len() * 96);
    front_matter(&mut out, session, now);
    body(&mut out, session, now);
    out
}

fn front_matter(out: &mut String, s: &Session, now: Now) {
    let p = &s.protocol;
    let actual_secs = s.total_actual_secs(now.at);
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(&title(s)));
    let _ = writeln!(out, "protocol: {}", yaml_string(&p.name));
    let _ = writeln!(out, "protocol_id: {}", yaml_string(&p.id));
    let _ = writeln!(out, "group: {}", yaml_string(&s.roster.group));
    if let Some(site) = &s.site {
        let _ = writeln!(out, "site: {}", yaml_string(site));
    }
    let _ = writeln!(out, "date: {}", s.started.format("%Y-%m-%d"));
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
        let list: Vec<String> = names.iter().map(|n| yaml_string(n)).collect();
        let _ = writeln!(out, "  {}: [{}]", yaml_key(role), list.join(", "));
    }
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
        text::minutes(s.planned_total_secs() as f64 / 60.0)
    );
    let _ = writeln!(
        out,
        "actual_minutes: {}",
        text::minutes((actual_secs as f64 / 6.0).round() / 10.0)
    );
    let _ = writeln!(out, "notes: {}", s.notes.len());
    out.push_str("---\n\n");
}

fn rfc3339(t: chrono::DateTime<chrono::FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn title(s: &Session) -> String {
    if s.roster.group.trim().is_empty() {
        s.protocol.name.clone()
    } else {
        format!("{} — {}", s.protocol.name, s.roster.group)
    }
}

fn body(out: &mut String, s: &Session, now: Now) {
    let _ = writeln!(out, "# {}\n", escape_inline(&title(s)));
    let when = match s.ended {
        Some(end) => format!(
            "{}–{}",
            s.started.format("%A %-d %B %Y, %H:%M"),
            end.format("%H:%M")
        ),
        None => format!("{} (started)", s.started.format("%A %-d %B %Y, %H:%M")),
    };
    let status = match s.status {
        Status::InProgress => "in progress",
        Status::Complete => "complete",
        Status::Abandoned => "ended early",
    };
    let _ = writeln!(out, "{when} · {status}\n");

    out.push_str("| Role | People |\n|---|---|\n");
    for (role, names) in &s.roster.people {
        let label = s
            .protocol
            .role(role)
            .map(|r| r.label.as_str())
            .unwrap_or(role);
        let _ = writeln!(
            out,
            "| {} | {} |",
            escape_inline(label),
            escape_inline(&names.join(", "))
        );
    }
    out.push('\n');

    if !s.roster.question.trim().is_empty() {
        out.push_str("## Focusing question\n\n");
        for line in s.roster.question.lines() {
            let _ = writeln!(out, "> {}", escape_line(line));
        }
        out.push('\n');
    }
    if let Some(restated) = &s.roster.restated {
        out.push_str("## Restated question\n\n");
        for line in restated.lines() {
            let _ = writeln!(out, "> {}", escape_line(line));
        }
        out.push('\n');
    }

    earlier_steps(out, s);
    timing_table(out, s, now);

    // Steps of a repeated block are grouped under a heading per round, naming its presenter.
    let mut round_shown: Option<(&str, usize)> = None;
    for (i, step) in s.plan.iter().enumerate() {
        let (level, name) = match &step.round {
            Some(r) => {
                if round_shown != Some((r.block.as_str(), r.index)) {
                    let _ = writeln!(out, "## {}\n", escape_inline(&r.title()));
                    round_shown = Some((r.block.as_str(), r.index));
                }
                ("###", &step.name)
            }
            None => {
                round_shown = None;
                ("##", &step.name)
            }
        };
        let _ = writeln!(out, "{level} {}. {}\n", i + 1, escape_inline(name));
        let actual = if s.records()[i].visited {
            text::clock(s.actual_secs(i, now.at))
        } else {
            "not run".into()
        };
        // A step extended with `+` or refitted to the end time says what the group chose.
        let allowed = s.allowance_secs(i).max(0) as u64;
        let changed = if allowed != u64::from(step.planned_secs) {
            format!(" (changed to {})", text::clock(allowed))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "*Planned {}{changed} · actual {}*\n",
            text::clock(u64::from(step.planned_secs)),
            actual
        );
        let notes: Vec<_> = s.notes_of(i).collect();
        if notes.is_empty() {
            out.push_str("No notes.\n\n");
            continue;
        }
        for kind in kinds_in_order(s, &notes) {
            let _ = writeln!(
                out,
                "{level}# {}\n",
                escape_inline(&s.protocol.note_heading(&kind))
            );
            for note in notes.iter().filter(|n| n.kind == kind) {
                let mut when = format!("{:02}:{:02}", note.at.hour(), note.at.minute());
                if let Some(who) = &note.turn {
                    when = format!("{}'s turn, {when}", escape_inline(who));
                }
                list_item(out, "- ", &note.text, &format!(" *({when})*"));
            }
            out.push('\n');
        }
    }

    out.push_str("## Next steps\n\n");
    let actions: Vec<_> = s.notes.iter().filter(|n| n.kind == "action").collect();
    if actions.is_empty() {
        out.push_str("No actions were recorded.\n");
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
            Some((owner, rest)) => (format!("- [ ] **{}**: ", escape_inline(owner)), rest),
            None => ("- [ ] ".to_string(), note.text.as_str()),
        };
        list_item(
            out,
            &marker,
            text,
            &format!(" *({})*", escape_inline(&step)),
        );
    }
}

/// The presenter's open next steps from earlier sessions with the group, each linking
/// the file it came from (in the same folder).
fn earlier_steps(out: &mut String, s: &Session) {
    if s.earlier.is_empty() {
        return;
    }
    out.push_str("## Earlier next steps\n\n");
    for step in &s.earlier {
        let mut text = step.text.clone();
        if let Some(owner) = &step.owner {
            text = format!("{owner}: {text}");
        }
        let from = format!(
            " *(from [{} {}](<{}>))*",
            escape_inline(&step.short_date()),
            escape_inline(&step.protocol),
            step.file.replace(['<', '>', '\n'], "")
        );
        list_item(out, "- ", &text, &from);
    }
    out.push('\n');
}

fn timing_table(out: &mut String, s: &Session, now: Now) {
    out.push_str(
        "## Timing\n\n| # | Step | Planned | Actual | Difference |\n|---:|---|---:|---:|---:|\n",
    );
    let (mut planned_total, mut actual_total) = (0i64, 0i64);
    for (i, step) in s.plan.iter().enumerate() {
        let planned = i64::from(step.planned_secs);
        planned_total += planned;
        let name = escape_inline(&step.full_name());
        if s.records()[i].visited {
            let actual = s.actual_secs(i, now.at) as i64;
            actual_total += actual;
            let _ = writeln!(
                out,
                "| {} | {name} | {} | {} | {} |",
                i + 1,
                text::clock(planned as u64),
                text::clock(actual as u64),
                text::signed_clock(actual - planned)
            );
        } else {
            let _ = writeln!(
                out,
                "| {} | {name} | {} | — | |",
                i + 1,
                text::clock(planned as u64)
            );
        }
    }
    let _ = writeln!(
        out,
        "| | **Total** | **{}** | **{}** | |\n",
        text::clock(planned_total as u64),
        text::clock(actual_total as u64)
    );
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

/// A list item whose text may span several lines: continuation lines are indented under
/// the marker and joined with hard line breaks, so the item never ends early.
fn list_item(out: &mut String, marker: &str, text: &str, suffix: &str) {
    let indent = " ".repeat(marker.chars().count());
    let lines: Vec<&str> = text.trim_end().split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(if i == 0 { marker } else { &indent });
        let escaped = escape_line(line.trim_end_matches('\r'));
        out.push_str(if escaped.is_empty() {
            "\u{a0}"
        } else {
            &escaped
        });
        if i + 1 < lines.len() {
            out.push('\\');
        } else {
            out.push_str(suffix);
        }
        out.push('\n');
    }
}

/// One line of typed text for a block context: inline escaping, plus whatever would make
/// the line start a heading, list, quote, code block, table or definition.
fn escape_line(line: &str) -> String {
    // Tabs count as indentation (four spaces); every other character is handled below.
    let clean = if line.contains('\t') {
        line.replace('\t', "    ")
    } else {
        line.to_string()
    };
    let body = clean.trim_start_matches(' ');
    let leading = clean.len() - body.len();
    // Leading spaces would make an indented code block; no-break spaces look the same.
    let mut out: String = "\u{a0}".repeat(leading);
    let escaped = escape_inline(body);
    let mut chars = escaped.chars().peekable();
    match chars.peek() {
        Some('-' | '+' | '=' | ':' | '(') => out.push('\\'),
        // Pandoc reads `a) `, `iv. ` and `B. ` as list markers.
        Some(c) if c.is_ascii_alphabetic() => {
            let letters = escaped
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            let rest = &escaped[letters..];
            if letters <= 4 && (rest.starts_with(") ") || rest.starts_with(". ")) {
                out.push_str(&escaped[..letters]);
                out.push('\\');
                out.push_str(rest);
                return out;
            }
        }
        Some(c) if c.is_ascii_digit() => {
            let digits: String = escaped.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest = &escaped[digits.len()..];
            if rest.starts_with('.') || rest.starts_with(')') {
                out.push_str(&digits);
                out.push('\\');
                out.push_str(rest);
                return out;
            }
        }
        _ => {}
    }
    out.push_str(&escaped);
    out
}

/// Text that goes inside a line (a heading, a table cell, a list item): every character
/// that could start markup is backslash-escaped, control characters become visible.
pub fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    // Runs of ordinary text are copied whole; only the characters that need care are
    // looked at one by one (this is most of the cost of saving a long session).
    while let Some(i) = rest.find(needs_care) {
        out.push_str(&rest[..i]);
        let Some(c) = rest[i..].chars().next() else {
            break;
        };
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_markup(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(text::visible(c)),
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Characters that could start markup. `{`, `}` and `%` too: Jekyll's Liquid runs
/// `{{ }}` and `{% %}`, and Obsidian hides everything after `%%`.
fn is_markup(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '['
            | ']'
            | '<'
            | '>'
            | '|'
            | '&'
            | '~'
            | '#'
            | '$'
            | '!'
            | '^'
            | '{'
            | '}'
            | '%'
    )
}

fn needs_care(c: char) -> bool {
    is_markup(c) || matches!(c, '\n' | '\r' | '\t') || text::visible(c) != c
}

/// A YAML double-quoted string that any YAML parser reads back as exactly `s`.
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            c if yaml_printable(c) => out.push(c),
            c if (c as u32) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Characters YAML allows unescaped (its "printable" set, minus its line breaks).
fn yaml_printable(c: char) -> bool {
    matches!(c as u32, 0xA0..=0x2027 | 0x202A..=0xD7FF | 0xE000..=0xFEFE | 0xFF00..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Role ids are checked when the protocol loads; quote anything unusual all the same.
fn yaml_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !key.is_empty()
    {
        key.to_string()
    } else {
        yaml_string(key)
    }
}
