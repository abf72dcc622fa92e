//! Expanding a protocol for a group: repeated blocks become one step per round, go-rounds
//! get the names of the people whose turns they are, and roles become named parties.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::protocol::{Block, EVERYONE, Entry, Protocol, Repeat, Step};

/// Who is in the room: the group, names for each role, the focusing question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Roster {
    pub group: String,
    /// Names per role id, in the protocol's role order.
    pub people: Vec<(String, Vec<String>)>,
    pub question: String,
    /// The time the meeting must end by, if any.
    pub end_by: Option<NaiveTime>,
    /// The question as the presenter restated it during the session.
    #[serde(default)]
    pub restated: Option<String>,
    /// Tags the config file adds to the session's front matter, after the protocol's.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Roster {
    pub fn names(&self, role: &str) -> &[String] {
        self.people
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, n)| n.as_slice())
            .unwrap_or(&[])
    }

    /// A stand-in group of the sizes each role declares as typical, for estimating
    /// times before anyone is named.
    pub fn typical(protocol: &Protocol) -> Roster {
        let people = protocol
            .roles
            .iter()
            .map(|r| {
                let n = if r.many { r.typical.max(1) } else { 1 };
                (
                    r.id.clone(),
                    (1..=n).map(|i| format!("{} {i}", r.label)).collect(),
                )
            })
            .collect();
        Roster {
            people,
            ..Roster::default()
        }
    }
}

/// People named by one role in one step: "Ana, Ben (Participants)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub role: String,
    pub label: String,
    pub names: Vec<String>,
}

impl Party {
    /// "Ana, Ben (Participants)", or the label alone when it names no one ("Everyone").
    pub fn describe(&self) -> String {
        if self.names.is_empty() {
            self.label.clone()
        } else {
            format!("{} ({})", self.names.join(", "), self.label)
        }
    }
}

/// Which round of a repeated block a step belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub block: String,
    /// What a round is called: "Round", "Question".
    pub label: String,
    /// 1-based.
    pub index: usize,
    pub total: usize,
    /// The round's person, in a per-person block.
    pub presenter: Option<String>,
}

impl Round {
    /// "Round 2 of 5 — Ana presents"
    pub fn title(&self) -> String {
        let base = format!("{} {} of {}", self.label, self.index, self.total);
        match &self.presenter {
            Some(p) => format!("{base} — {p} presents"),
            None => base,
        }
    }
}

/// One step of the session as it will run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedStep {
    pub name: String,
    pub guide: String,
    pub stems: Vec<String>,
    /// Note kinds offered, `note` first.
    pub note_kinds: Vec<String>,
    pub planned_secs: u32,
    /// The longest the step may stretch to (its range's upper end).
    pub max_secs: u32,
    /// In a go-round: the planned and longest time of each turn.
    pub per_turn: Option<(u32, u32)>,
    /// In a go-round: whose turns, in order.
    pub turns: Vec<String>,
    pub speakers: Vec<Party>,
    pub silent: Vec<Party>,
    pub round: Option<Round>,
    pub estimated: bool,
    pub protected: bool,
}

impl PlannedStep {
    pub fn is_go_round(&self) -> bool {
        self.per_turn.is_some()
    }

    /// "R2 Responses (Ana)": the step first, for lists with little room.
    pub fn short_name(&self) -> String {
        match &self.round {
            Some(r) => {
                let who = r
                    .presenter
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default();
                format!(
                    "{}{} {}{who}",
                    r.label.chars().next().unwrap_or('R'),
                    r.index,
                    self.name
                )
            }
            None => self.name.clone(),
        }
    }

    /// "Round 2 of 5 — Ana presents: Responses", or the name alone.
    pub fn full_name(&self) -> String {
        match &self.round {
            Some(r) => format!("{}: {}", r.title(), self.name),
            None => self.name.clone(),
        }
    }
}

/// The protocol's steps, as they will run for this roster.
pub fn expand(protocol: &Protocol, roster: &Roster) -> Vec<PlannedStep> {
    let mut out = Vec::new();
    for entry in &protocol.steps {
        match entry {
            Entry::Step(step) => out.push(plan_step(protocol, roster, step, &Context::default())),
            Entry::Block(block) => expand_block(protocol, roster, block, &mut out),
        }
    }
    out
}

/// The planned length of the whole protocol for a typical group, in seconds.
pub fn planned_total_secs(protocol: &Protocol) -> u64 {
    expand(protocol, &Roster::typical(protocol))
        .iter()
        .map(|s| u64::from(s.planned_secs))
        .sum()
}

#[derive(Default)]
struct Context<'a> {
    round: Option<Round>,
    /// In a per-person block: (the role rounds go through, the `as` name, this round's person).
    person: Option<(&'a str, &'a str, String)>,
    /// How far go-rounds rotate in this round.
    rotation: usize,
}

fn expand_block(protocol: &Protocol, roster: &Roster, block: &Block, out: &mut Vec<PlannedStep>) {
    let rounds: Vec<Option<String>> = match &block.repeat {
        Repeat::EachOf(role) => roster.names(role).iter().cloned().map(Some).collect(),
        Repeat::Times(n) => (0..*n).map(|_| None).collect(),
    };
    let total = rounds.len();
    for (i, person) in rounds.into_iter().enumerate() {
        let round = Round {
            block: block.name.clone(),
            label: block.label.clone(),
            index: i + 1,
            total,
            presenter: person.clone(),
        };
        let ctx = Context {
            round: Some(round),
            person: match (&block.repeat, person) {
                (Repeat::EachOf(role), Some(p)) => Some((role.as_str(), block.as_role.as_str(), p)),
                _ => None,
            },
            rotation: if block.rotate { i } else { 0 },
        };
        for step in &block.steps {
            let mut planned = plan_step(protocol, roster, step, &ctx);
            if i == 0 && planned.guide.is_empty() {
                planned.guide = block.guide.clone();
            }
            out.push(planned);
        }
    }
}

fn plan_step(protocol: &Protocol, roster: &Roster, step: &Step, ctx: &Context<'_>) -> PlannedStep {
    let parties = |roles: &[String]| {
        roles
            .iter()
            .map(|r| party(protocol, roster, r, ctx))
            .collect::<Vec<_>>()
    };
    let turns: Vec<String> = match &step.turns {
        Some(role) => {
            let mut names = people_of(roster, role, ctx);
            if !names.is_empty() {
                let k = ctx.rotation % names.len();
                names.rotate_left(k);
            }
            names
        }
        None => Vec::new(),
    };
    let (planned, max) = (step.minutes.planned_secs(), step.minutes.max_secs());
    let count = turns.len().max(1) as u32;
    let mut note_kinds = vec!["note".to_string()];
    note_kinds.extend(step.notes.iter().filter(|k| *k != "note").cloned());
    PlannedStep {
        name: step.name.clone(),
        guide: step.guide.clone(),
        stems: step.stems.clone(),
        note_kinds,
        planned_secs: if step.turns.is_some() {
            planned * count
        } else {
            planned
        },
        max_secs: if step.turns.is_some() {
            max * count
        } else {
            max
        },
        per_turn: step.turns.as_ref().map(|_| (planned, max)),
        turns,
        speakers: parties(&step.speakers),
        silent: parties(&step.silent),
        round: ctx.round.clone(),
        estimated: step.estimated,
        protected: step.protected,
    }
}

/// The people a role names in this context: inside a per-person round, the repeated role
/// means everyone of it but the round's person, and the `as` name means that person.
fn people_of(roster: &Roster, role: &str, ctx: &Context<'_>) -> Vec<String> {
    match &ctx.person {
        Some((_, as_role, person)) if *as_role == role => vec![person.clone()],
        Some((repeated, _, person)) if *repeated == role => roster
            .names(role)
            .iter()
            .filter(|n| *n != person)
            .cloned()
            .collect(),
        _ => roster.names(role).to_vec(),
    }
}

fn party(protocol: &Protocol, roster: &Roster, role: &str, ctx: &Context<'_>) -> Party {
    if role == EVERYONE {
        return Party {
            role: role.to_string(),
            label: "Everyone".to_string(),
            names: Vec::new(),
        };
    }
    let label = match (&ctx.person, protocol.role(role)) {
        (Some((_, as_role, _)), _) if *as_role == role => crate::text::capitalise(role),
        (Some((repeated, _, _)), Some(r)) if *repeated == role => {
            format!("other {}", r.label.to_lowercase())
        }
        (_, Some(r)) => r.label.clone(),
        (_, None) => crate::text::capitalise(role),
    };
    Party {
        role: role.to_string(),
        label,
        names: people_of(roster, role, ctx),
    }
}
