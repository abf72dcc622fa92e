//! Safe file names for sessions: `2026-11-23-1405-tuning-grade-7-team.md`.

use chrono::{DateTime, FixedOffset};

/// Longest part of a file name taken from the group's name, in bytes.
const MAX_GROUP_LEN: usize = 48;

/// The archive file name for a session started at `started`. Everything a user typed is
/// reduced to letters, digits and '-', so the name has no path separators, no `..`, and
/// nothing a common filesystem refuses (Windows' reserved names included).
pub fn file_name(started: DateTime<FixedOffset>, protocol_id: &str, group: &str) -> String {
    let mut name = format!(
        "{}-{}",
        started.format("%Y-%m-%d-%H%M"),
        slug(protocol_id, 40)
    );
    let group = slug(group, MAX_GROUP_LEN);
    if !group.is_empty() {
        name.push('-');
        name.push_str(&group);
    }
    name.push_str(".md");
    name
}

/// Lowercase letters and digits of any script, joined by single '-'; at most `max` bytes.
fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                if out.len() + l.len_utf8() > max {
                    return out.trim_end_matches('-').to_string();
                }
                out.push(l);
            }
        } else if !out.is_empty() && !out.ends_with('-') {
            if out.len() + 1 > max {
                break;
            }
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T14:05:09+01:00").unwrap()
    }

    #[test]
    fn names_are_dated_and_readable() {
        assert_eq!(
            file_name(at(), "tuning", "Grade 7 Team"),
            "2026-11-23-1405-tuning-grade-7-team.md"
        );
    }

    #[test]
    fn hostile_groups_cannot_escape_the_folder() {
        for group in [
            "../../etc/passwd",
            "a/b\\c",
            "..",
            "CON",
            "nul.txt",
            "x:y*?\"<>|",
            "\u{0}\u{1b}[2J",
        ] {
            let name = file_name(at(), "tuning", group);
            assert!(
                !name.contains('/') && !name.contains('\\') && !name.contains(".."),
                "{name}"
            );
            assert!(
                name.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '.'),
                "{name}"
            );
            assert!(name.starts_with("2026-11-23-1405-tuning"), "{name}");
        }
    }

    #[test]
    fn long_and_foreign_names_are_bounded() {
        let name = file_name(at(), "tuning", &"Équipe café ☕ ".repeat(40));
        assert!(name.len() <= 100, "{}", name.len());
        assert!(name.contains("équipe-café"));
    }
}
