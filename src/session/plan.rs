//! Expanding a protocol for a group: repeated blocks become one step per round, go-rounds
//! get the names of the people whose turns they are, and roles become named parties.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::protocol::{Block, EVERYONE, Entry, Minutes, Protocol, Repeat, Step};
use crate::words::steps as w;

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

    /// Every name in the session, in role order (a person in two roles appears twice).
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        self.people
            .iter()
            .flat_map(|(_, n)| n.iter().map(String::as_str))
    }

    /// Why this roster is too big to run, if it is: a group name longer than
    /// [`MAX_GROUP_CHARS`] or more than [`MAX_PEOPLE`] names. Either would make a file that
    /// cannot be read back or a session that slows with every name.
    pub fn too_big(&self) -> Option<String> {
        let group = self.group.chars().count();
        if group > MAX_GROUP_CHARS {
            return Some(w::group_too_long(group, MAX_GROUP_CHARS));
        }
        let people = self.all_names().count();
        (people > MAX_PEOPLE).then(|| w::too_many_people(people, MAX_PEOPLE))
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
                    (1..=n).map(|i| w::stand_in(&r.label, i)).collect(),
                )
            })
            .collect();
        Roster {
            people,
            ..Roster::default()
        }
    }
}

/// The longest group name a session takes, in characters.
pub const MAX_GROUP_CHARS: usize = 500;
/// The most names a session takes, all roles together.
pub const MAX_PEOPLE: usize = 1000;

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
            w::party(&self.names.join(", "), &self.label)
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
        let base = w::round(&self.label, self.index, self.total);
        match &self.presenter {
            Some(p) => w::round_presented(&base, p),
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
    /// Note kinds offered: the step's own first, then the ones every step offers.
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
    /// The source gives no time: the minutes are an estimate.
    pub estimated: bool,
    /// The minutes come from a published adaptation.
    #[serde(default)]
    pub adapted: bool,
    pub protected: bool,
    /// The published shortest and longest time of the whole step (every turn of a
    /// go-round), in seconds: fitting never proposes a time outside them.
    #[serde(default)]
    pub published_min_secs: Option<u32>,
    #[serde(default)]
    pub published_max_secs: Option<u32>,
    /// The source implies the silence of the `silent` parties without stating it.
    #[serde(default)]
    pub silence_implied: bool,
    /// People speak when moved to, once each; nobody is called on by name.
    #[serde(default)]
    pub open: bool,
    /// The step runs in small groups, all at once ("triads").
    #[serde(default)]
    pub groups: Option<String>,
}

impl PlannedStep {
    pub fn is_go_round(&self) -> bool {
        self.per_turn.is_some()
    }

    /// "R2 Responses (Ana)": the step first, for lists with little room.
    pub fn short_name(&self) -> String {
        match &self.round {
            Some(r) => {
                let initial = r.label.chars().next().unwrap_or('R');
                w::short_in_round(initial, r.index, &self.name, r.presenter.as_deref())
            }
            None => self.name.clone(),
        }
    }

    /// "Round 2 of 5 — Ana presents: Responses", or the name alone.
    pub fn full_name(&self) -> String {
        match &self.round {
            Some(r) => w::in_round(&r.title(), &self.name),
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
    let mut turns: Vec<String> = match (&step.turns, step.seats) {
        (Some(role), _) => people_of(roster, role, ctx),
        (None, Some(n)) => (1..=n).map(|i| w::stand_in(w::PERSON, i)).collect(),
        (None, None) => Vec::new(),
    };
    if !turns.is_empty() {
        let k = ctx.rotation % turns.len();
        turns.rotate_left(k);
    }
    let is_go_round = step.turns.is_some() || step.seats.is_some();
    let (planned, max) = (step.minutes.planned_secs(), step.minutes.max_secs());
    let count = turns.len().max(1) as u32;
    let published = |m: Option<f64>| {
        m.map(|m| {
            let each = Minutes { planned: m, max: m }.planned_secs();
            if is_go_round {
                each.saturating_mul(count)
            } else {
                each
            }
        })
    };
    let mut speakers = parties(&step.speakers);
    if step.open {
        for p in &mut speakers {
            p.label = if p.role == EVERYONE {
                w::ANYONE_MOVED.to_string()
            } else {
                w::anyone_of(&p.label)
            };
            p.names.clear();
        }
    }
    if let Some(groups) = &step.groups {
        for p in &mut speakers {
            p.label = w::in_groups(&p.label, groups);
        }
    }
    let note_kinds = super::notes::offered_kinds(&step.notes);
    PlannedStep {
        name: step.name.clone(),
        guide: step.guide.clone(),
        stems: step.stems.clone(),
        note_kinds,
        planned_secs: if is_go_round {
            planned * count
        } else {
            planned
        },
        max_secs: if is_go_round { max * count } else { max },
        per_turn: is_go_round.then_some((planned, max)),
        turns,
        speakers,
        silent: parties(&step.silent),
        round: ctx.round.clone(),
        estimated: step.estimated,
        adapted: step.adapted,
        protected: step.protected,
        published_min_secs: published(step.min_minutes),
        published_max_secs: published(step.max_minutes),
        silence_implied: step.silence_implied,
        open: step.open,
        groups: step.groups.clone(),
    }
}

/// The people a role names in this context: inside a per-person round, the repeated role
/// means everyone of it but the round's person, going round the circle from the person
/// after them (with Cyd presenting among Ann, Bob, Cyd, Dee, Eve: Dee, Eve, Ann, Bob), and
/// the `as` name means that person.
fn people_of(roster: &Roster, role: &str, ctx: &Context<'_>) -> Vec<String> {
    match &ctx.person {
        Some((_, as_role, person)) if *as_role == role => vec![person.clone()],
        Some((repeated, _, person)) if *repeated == role => {
            let names = roster.names(role);
            let after = names.iter().position(|n| n == person).map_or(0, |i| i + 1);
            names[after..]
                .iter()
                .chain(&names[..after])
                .filter(|n| *n != person)
                .cloned()
                .collect()
        }
        _ => roster.names(role).to_vec(),
    }
}

fn party(protocol: &Protocol, roster: &Roster, role: &str, ctx: &Context<'_>) -> Party {
    if role == EVERYONE {
        return Party {
            role: role.to_string(),
            label: w::EVERYONE.to_string(),
            names: Vec::new(),
        };
    }
    let label = match (&ctx.person, protocol.role(role)) {
        (Some((_, as_role, _)), _) if *as_role == role => crate::text::capitalise(role),
        (Some((repeated, _, _)), Some(r)) if *repeated == role => w::others(&r.label),
        (_, Some(r)) => r.label.clone(),
        (_, None) => crate::text::capitalise(role),
    };
    Party {
        role: role.to_string(),
        label,
        names: people_of(roster, role, ctx),
    }
}
