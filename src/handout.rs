//! `crit show`: a protocol as a facilitator's handout in markdown, and several of them
//! as one binder with a table of contents.
//!
//! It renders a protocol for people; it is not part of the file format, so it sits
//! above `protocol` (beside `markup`, whose escaping it shares with the archive).

use std::fmt::Write;

use crate::markup::{self, inline as esc, yaml_string};
use crate::protocol::{EVERYONE, Entry, Protocol, Repeat, Step};
use crate::times::minutes;
use crate::words::cli as words;

/// The handout: front matter (so a site builder renders it), title, summary, roles, then
/// each step with its time, who speaks, who is silent, the guide and the sentence
/// starters, then the source.
pub fn handout(p: &Protocol) -> String {
    let mut out = String::new();
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(&markup::title(&p.name)));
    let _ = writeln!(out, "protocol_id: {}", yaml_string(&p.id));
    if !p.source.is_empty() {
        let _ = writeln!(out, "source: {}", yaml_string(&p.source));
    }
    out.push_str("---\n\n");
    out.push_str(&handout_body(p));
    out
}

/// The handout without its front matter: a title heading, then the protocol.
fn handout_body(p: &Protocol) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", esc(&p.name));
    if !p.summary.is_empty() {
        let _ = writeln!(out, "{}\n", paragraph(&p.summary));
    }
    let roles: Vec<String> = p.roles.iter().map(|r| esc(&r.label)).collect();
    // Two paragraphs, not a line break: editors trim the trailing spaces of one.
    let _ = writeln!(out, "{}\n", words::handout_roles(&roles.join(", ")));
    let total = minutes((p.typical_total_secs() as f64 / 60.0).round());
    let _ = writeln!(out, "{}\n", words::handout_time(&total, &typical_sizes(p)));
    let mut n = 0;
    for entry in &p.steps {
        match entry {
            Entry::Step(s) => {
                n += 1;
                step(&mut out, p, n, s, "##", None);
            }
            Entry::Block(b) => {
                let times = match &b.repeat {
                    Repeat::EachOf(role) => {
                        words::repeats_each(&label(p, role).to_lowercase(), &esc(&b.as_role))
                    }
                    Repeat::Times(k) => words::repeats_times(*k, b.rotate),
                };
                let _ = writeln!(out, "## {}\n", words::block_heading(&esc(&b.name), &times));
                if !b.guide.is_empty() {
                    let _ = writeln!(out, "{}\n", paragraph(&b.guide));
                }
                for s in &b.steps {
                    n += 1;
                    step(&mut out, p, n, s, "###", Some(&b.as_role));
                }
            }
        }
    }
    if !p.source.is_empty() {
        let _ = writeln!(out, "---\n\n{}", words::handout_source(&esc(&p.source)));
    }
    out
}

fn step(out: &mut String, p: &Protocol, n: usize, s: &Step, level: &str, round_role: Option<&str>) {
    let time = if s.minutes.is_range() {
        words::minutes_range(&minutes(s.minutes.planned), &minutes(s.minutes.max))
    } else {
        words::minutes_of(&minutes(s.minutes.planned))
    };
    let each = match (&s.turns, s.seats) {
        (Some(r), _) => words::for_each_of(&label(p, r).to_lowercase()),
        (None, Some(_)) => words::A_TURN.to_string(),
        (None, None) => String::new(),
    };
    let estimate = s.time_origin().map(words::time_origin).unwrap_or_default();
    let heading = words::step_heading(level, n, &esc(&s.name), &time, &each, &estimate);
    let _ = writeln!(out, "{heading}\n");
    let who = |roles: &[String]| -> String {
        roles
            .iter()
            .map(|r| match r.as_str() {
                EVERYONE => words::EVERYONE.to_string(),
                r if Some(r) == round_role => words::the_rounds(&esc(r)),
                r => label(p, r),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(limits) = s.limits_text() {
        let per = if s.turns.is_some() || s.seats.is_some() {
            words::A_TURN
        } else {
            ""
        };
        let _ = writeln!(out, "{}", words::published_limit(&limits, per));
    }
    if let Some(groups) = &s.groups {
        let _ = writeln!(out, "{}", words::in_groups(&esc(groups)));
    }
    if let Some(r) = &s.turns {
        let _ = writeln!(out, "{}", words::go_round_of(&label(p, r).to_lowercase()));
    }
    if let Some(n) = s.seats {
        let _ = writeln!(out, "{}", words::go_round_seats(n));
    }
    if s.open {
        let _ = writeln!(out, "{}", words::OPEN_STEP);
    }
    if !s.speakers.is_empty() {
        let _ = writeln!(out, "{}", words::speak(&who(&s.speakers)));
    }
    if !s.silent.is_empty() {
        let _ = writeln!(out, "{}", words::silent(&who(&s.silent), s.silence_implied));
    }
    if s.speakers.is_empty() && s.silent.is_empty() && s.turns.is_none() && s.seats.is_none() {
        let _ = writeln!(out, "{}", words::SPEAK_AS_DIRECTED);
    }
    if !s.guide.is_empty() {
        let _ = writeln!(out, "\n{}", paragraph(&s.guide));
    }
    if !s.stems.is_empty() {
        let _ = writeln!(out, "\n{}\n", words::SENTENCE_STARTERS);
        for stem in &s.stems {
            let _ = writeln!(out, "{}", words::stem(&esc(stem)));
        }
    }
    out.push('\n');
}

/// Text that starts a paragraph of its own, its lines joined.
fn paragraph(text: &str) -> String {
    markup::line(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn label(p: &Protocol, role: &str) -> String {
    esc(&p
        .role(role)
        .map(|r| r.label.clone())
        .unwrap_or_else(|| crate::text::capitalise(role)))
}

/// " (5 participants)": the group sizes a total assumes, when roles have several people.
fn typical_sizes(p: &Protocol) -> String {
    let sizes = p.typical_sizes();
    if sizes.is_empty() {
        String::new()
    } else {
        words::typical_sizes(&esc(&sizes.join(", ")))
    }
}

/// Several handouts as one markdown binder: a title, a table of contents linking to
/// each protocol, then each handout with its headings one level down.
pub fn binder(protocols: &[Protocol]) -> String {
    // One front matter for the whole binder (site builders read the first one only).
    let mut out = String::new();
    let _ = writeln!(
        out,
        "---\ntitle: {}\n---\n",
        yaml_string(words::BINDER_TITLE)
    );
    let _ = writeln!(out, "# {}\n", esc(words::BINDER_TITLE));
    let _ = writeln!(out, "{}\n", words::binder_intro(protocols.len()));
    let _ = writeln!(out, "## {}\n", words::CONTENTS);
    let mut used: Vec<String> = vec![words::BINDER_ANCHOR.into(), words::CONTENTS_ANCHOR.into()];
    let mut anchors = Vec::new();
    for (i, p) in protocols.iter().enumerate() {
        let anchor = unique_anchor(&slug(&p.name), &mut used);
        let total = minutes((p.typical_total_secs() as f64 / 60.0).round());
        let line = words::contents_line(i + 1, &esc(&p.name), &anchor, &total);
        let _ = writeln!(out, "{line}");
        anchors.push(anchor);
    }
    for p in protocols {
        out.push('\n');
        for line in handout_body(p).lines() {
            // Handout text is escaped, so a line starting with `#` is one of its headings.
            if line.starts_with('#') {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The anchor GitHub, pandoc's gfm and most renderers give a heading: lower case,
/// letters, digits, `-` and `_` kept, spaces made `-`, everything else dropped.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// A second heading with the same anchor gets `-1`, a third `-2`, as renderers do.
fn unique_anchor(base: &str, used: &mut Vec<String>) -> String {
    let mut anchor = base.to_string();
    let mut n = 0;
    while used.contains(&anchor) {
        n += 1;
        anchor = format!("{base}-{n}");
    }
    used.push(anchor.clone());
    anchor
}
