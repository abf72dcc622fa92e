//! What a protocol's parts are called once it runs: how a step's time is known, its
//! published limits, the note kinds and their headings, rounds and who presents them,
//! the parties a step names, and the roster's limits. The session's markdown file is
//! written with these words and the archive's readers find its headings by them.

/// A step whose time is crit's estimate, not the source's.
pub const TIME_ESTIMATE: &str = "estimate";
/// A step whose time comes from an adaptation of the protocol.
pub const TIME_ADAPTED: &str = "from an adaptation";

/// The published limits of a step: "at least 1 min", "at most 5 min", or both
/// (`min` and `max` are minutes already written out).
pub fn limits(min: Option<&str>, max: Option<&str>) -> Option<String> {
    match (min, max) {
        (None, None) => None,
        (Some(a), None) => Some(format!("at least {a} min")),
        (None, Some(b)) => Some(format!("at most {b} min")),
        (Some(a), Some(b)) => Some(format!("at least {a} and at most {b} min")),
    }
}

/// The labels of the built-in note kinds.
pub const NOTE: &str = "Note";
pub const QUESTION: &str = "Question";
pub const WARM: &str = "Warm feedback";
pub const COOL: &str = "Cool feedback";
pub const HARD: &str = "Hard feedback";
pub const IDEA: &str = "Idea";
pub const ACTION: &str = "Action";

/// The headings of the built-in kinds whose notes are counted ("Questions"); the other
/// kinds' headings are their labels ("Warm feedback").
pub const NOTES: &str = "Notes";
pub const QUESTIONS: &str = "Questions";
pub const IDEAS: &str = "Ideas";
/// The heading of actions, which the take-away also leaves to the next steps.
pub const ACTIONS: &str = "Actions";

/// "5 participants": a typical group size for a role of several people.
pub fn typical_size(n: u32, label: &str) -> String {
    format!("{n} {}", label.to_lowercase())
}

/// A stand-in name for the `i`th person of a role ("Participant 3") or of a go-round
/// of seats ("Person 3").
pub fn stand_in(label: &str, i: u32) -> String {
    format!("{label} {i}")
}
/// The label of a numbered seat in a go-round.
pub const PERSON: &str = "Person";

/// People named by one role: "Ana, Ben (Participants)".
pub fn party(names: &str, label: &str) -> String {
    format!("{names} ({label})")
}
/// The party of everyone present.
pub const EVERYONE: &str = "Everyone";
/// The repeated role in a round, but for the round's person: "other participants".
pub fn others(label: &str) -> String {
    format!("other {}", label.to_lowercase())
}
/// Everyone may speak, once each, when moved to.
pub const ANYONE_MOVED: &str = "Anyone who is moved to speak, once each";
/// One role may speak, once each, when moved to.
pub fn anyone_of(label: &str) -> String {
    format!("{label}: anyone moved to speak, once each")
}
/// A role that speaks in small groups, all at once: "Participants, in pairs at the same time".
pub fn in_groups(label: &str, groups: &str) -> String {
    format!("{label}, in {groups} at the same time")
}

/// What a round is called: "Round 2 of 5".
pub fn round(label: &str, index: usize, total: usize) -> String {
    format!("{label} {index} of {total}")
}
/// How a round's heading ends with its person: "Round 2 of 5 — Ana presents". The
/// archive's readers find the presenter by [`PRESENTS_SEPARATOR`] and [`PRESENTS`].
pub fn round_presented(round: &str, who: &str) -> String {
    format!("{round}{PRESENTS_SEPARATOR}{who}{PRESENTS}")
}
pub const PRESENTS_SEPARATOR: &str = " — ";
pub const PRESENTS: &str = " presents";
/// The person a round heading of [`round_presented`] names: "Round 2 of 5 — Ana
/// presents" → "Ana".
pub fn presenter_of(round: &str) -> Option<&str> {
    round
        .rsplit_once(PRESENTS_SEPARATOR)?
        .1
        .strip_suffix(PRESENTS)
}
/// A step in a round: "Round 2 of 5 — Ana presents: Responses".
pub fn in_round(round: &str, step: &str) -> String {
    format!("{round}: {step}")
}
/// A step in a round, short, the step first: "R2 Responses (Ana)".
pub fn short_in_round(initial: char, index: usize, step: &str, who: Option<&str>) -> String {
    let who = who.map(|p| format!(" ({p})")).unwrap_or_default();
    format!("{initial}{index} {step}{who}")
}

/// A group name longer than a session takes.
pub fn group_too_long(chars: usize, max: usize) -> String {
    format!("The group name is {chars} characters long: keep it under {max}.")
}
/// More names than a session takes.
pub fn too_many_people(people: usize, max: usize) -> String {
    format!(
        "{people} names were given: a session takes at most {max} (a Critical \
         Friends Group is usually 4 to 12 people)."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The archive's readers find the presenter the writer put in a round's heading.
    #[test]
    fn a_round_heading_gives_back_its_presenter() {
        for who in [
            "Ana",
            "Anastasia Papadopoulou",
            "李小龙",
            "O'Brien: the elder",
        ] {
            let heading = round_presented(&round("Round", 2, 5), who);
            assert_eq!(presenter_of(&heading), Some(who), "{heading}");
        }
        assert_eq!(presenter_of(&round("Question", 1, 3)), None);
    }
}
