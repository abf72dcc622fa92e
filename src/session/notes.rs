//! What a note can be: the kinds a step offers, and who an action belongs to.

/// The kind of a note that stays on this computer: it is shown to the recorder and kept
/// out of everything shared.
pub const PRIVATE: &str = "private";

/// The kinds every step offers after the ones its file lists.
pub const ALWAYS_OFFERED: [&str; 5] = ["note", "question", "idea", "action", PRIVATE];

/// The kinds a step offers: the ones its file lists first (the note box opens on the
/// first of them), then `note`, `question`, `idea`, `action` and `private`, each once.
pub fn offered_kinds(declared: &[String]) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::with_capacity(declared.len() + ALWAYS_OFFERED.len());
    let always = ALWAYS_OFFERED.iter().map(|k| k.to_string());
    for kind in declared.iter().cloned().chain(always) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// The owner of an action that starts with a person's name and a colon ("Pat: add a why
/// box by Friday" gives `("Pat", "add a why box by Friday")`). The name must be one of
/// `names` (any case, as typed in the note); anything else has no owner.
pub fn action_owner<'a, S: AsRef<str>>(text: &'a str, names: &[S]) -> Option<(&'a str, &'a str)> {
    let (head, rest) = text.split_once(':')?;
    let owner = head.trim();
    let rest = rest.trim();
    if owner.is_empty() || rest.is_empty() {
        return None;
    }
    let known = names
        .iter()
        .any(|n| n.as_ref().trim().to_lowercase() == owner.to_lowercase());
    known.then_some((owner, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_step_offers_its_own_kinds_first_then_the_common_ones() {
        assert_eq!(
            offered_kinds(&strings(&["warm", "cool", "hard"])),
            strings(&[
                "warm", "cool", "hard", "note", "question", "idea", "action", "private"
            ])
        );
        // A kind the file lists that is also a common one is offered once, where the
        // file put it.
        assert_eq!(
            offered_kinds(&strings(&["question"])),
            strings(&["question", "note", "idea", "action", "private"])
        );
        assert_eq!(
            offered_kinds(&[]),
            strings(&["note", "question", "idea", "action", "private"])
        );
    }

    #[test]
    fn an_action_that_names_someone_of_the_session_has_an_owner() {
        let names = ["Pat", "Ana María", "Sam"];
        assert_eq!(
            action_owner("Pat: add a why box by Friday", &names),
            Some(("Pat", "add a why box by Friday"))
        );
        assert_eq!(
            action_owner("  ana maría :  draft the survey", &names),
            Some(("ana maría", "draft the survey"))
        );
        // Not a name of the session, nothing after the colon, no colon.
        assert_eq!(action_owner("Note: check the rubric", &names), None);
        assert_eq!(action_owner("Pat:", &names), None);
        assert_eq!(action_owner("Pat to draft the survey", &names), None);
        assert_eq!(action_owner(": nobody", &names), None);
        assert_eq!(
            action_owner("Pat: at 10:30, send it", &names),
            Some(("Pat", "at 10:30, send it"))
        );
    }
}
