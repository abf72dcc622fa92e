//! Reading the body of a session file: step headings (under a round heading or not),
//! the notes under each kind heading, and the "Next steps" checklist with its ticks,
//! each note unescaped back to the text as typed.

use super::{NextStep, SessionFile, StepNotes};
use crate::words::archive as words;

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

pub(super) fn read_body(body: &str, file: &mut SessionFile) {
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
                let presenter = crate::words::steps::presenter_of(&title).map(str::to_string);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_break_is_an_odd_number_of_trailing_backslashes() {
        assert_eq!(strip_hard_break("a\\"), ("a", true));
        assert_eq!(strip_hard_break("a\\\\"), ("a\\\\", false));
        assert_eq!(strip_hard_break("a\\\\\\"), ("a\\\\", true));
        assert_eq!(unescape("\u{a0}\u{a0}x \\# \\\\ y\\"), "  x # \\ y\\");
        assert_eq!(unescape("\u{a0}"), "");
    }
}
