//! The rules for names a protocol file gives: what a protocol id may be (it names files
//! and is typed in commands), the id a file gets from its file name, ids made from any
//! text, and what a role or note kind id may be.

use crate::words::checks as words;

/// The longest id a protocol may have, in characters: it names files and is typed in
/// commands.
pub const MAX_ID_LEN: usize = 64;

/// What is wrong with `id` as a protocol id, in words, or `None` if it is usable.
pub fn id_problem(id: &str) -> Option<String> {
    let length = id.chars().count();
    if length > MAX_ID_LEN {
        let start: String = id.chars().take(20).collect();
        Some(words::id_too_long(&start, length, MAX_ID_LEN, &make_id(id)))
    } else if !valid_id(id) {
        Some(words::id_characters(id, &make_id(id)))
    } else {
        None
    }
}

/// Lowercase ASCII letters, digits and '-' (not first), at most [`MAX_ID_LEN`].
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// The id of a file that names none, from its file name (without `.toml`), or what is
/// wrong with that name as an id.
pub(crate) fn id_from_file_name(name: &str) -> Result<String, String> {
    if valid_id(name) {
        Ok(name.to_string())
    } else if name.chars().count() > MAX_ID_LEN {
        Err(words::file_name_too_long(
            name.chars().count(),
            MAX_ID_LEN,
            &make_id(name),
        ))
    } else {
        Err(words::file_name_not_an_id(name, &make_id(name)))
    }
}

/// A role or note kind id: lowercase ASCII letters, digits, '-' and '_'.
pub(crate) fn valid_role_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A usable id made from any text: `My Tuning!` → `my-tuning`.
pub(crate) fn make_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id: String = id.chars().take(MAX_ID_LEN).collect();
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "my-protocol".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_from_any_text_are_valid() {
        assert_eq!(make_id("My Tuning!"), "my-tuning");
        assert_eq!(make_id("  --  "), "my-protocol");
        assert_eq!(make_id(&"a".repeat(100)).len(), MAX_ID_LEN);
        for text in ["Ça va", "x--y", "-lead", "日本語", "a b c"] {
            assert!(valid_id(&make_id(text)), "{text}");
        }
    }

    #[test]
    fn what_an_id_may_be() {
        assert!(valid_id("quick-tuning-2"));
        for bad in ["", "-x", "Tuning", "a_b", "a b", "é"] {
            assert!(!valid_id(bad), "{bad}");
            assert!(id_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(id_problem("ok"), None);
        assert!(valid_role_id("round_presenter-2"));
        assert!(!valid_role_id("Presenter"));
    }

    #[test]
    fn a_file_name_gives_the_id_or_says_why_not() {
        assert_eq!(id_from_file_name("tuning"), Ok("tuning".to_string()));
        assert_eq!(
            id_from_file_name("Bad_Name"),
            Err(
                "the file name `Bad_Name` is not a usable id; add a line like `id = \"bad-name\"`"
                    .to_string()
            )
        );
        let long = "a".repeat(70);
        assert!(
            id_from_file_name(&long)
                .unwrap_err()
                .starts_with("the file name is 70 characters long")
        );
    }
}
