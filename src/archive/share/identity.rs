//! Who commits and which clone this is: the clone's short random id that keeps new
//! session names unique across machines, and a neutral identity when git knows none.

use std::fs;
use std::path::Path;

use super::git::Git;
use crate::words::archive::share as words;

/// Where this clone's id is kept (inside `.git`, so it is never shared).
const MACHINE_FILE: &str = "crit-machine";

/// The neutral identity used when git does not know who is committing.
const NEUTRAL_NAME: &str = "crit";

const NEUTRAL_EMAIL: &str = "crit@localhost";

/// Where a new session's file is named in `dir`: in a shared archive, `name` with this
/// clone's id before `.md` (`…-grade-7-team-k3f9x.md`), so that two schools starting
/// the same protocol with a group of the same name in the same minute never write the
/// same path; otherwise `name` unchanged. Needs no git (only the id file in `.git`).
pub fn unique_name(dir: &Path, name: &str) -> String {
    let git_dir = dir.join(".git");
    if !git_dir.is_dir() {
        return name.to_string();
    }
    let Some(id) = machine_id(&git_dir) else {
        return name.to_string();
    };
    let stem = name.strip_suffix(".md").unwrap_or(name);
    format!("{stem}-{id}.md")
}

/// This clone's id: read from `.git/crit-machine`, or made and written there.
pub(super) fn machine_id(git_dir: &Path) -> Option<String> {
    let file = git_dir.join(MACHINE_FILE);
    if let Ok(text) = fs::read_to_string(&file) {
        let id = text.trim();
        if (3..=12).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Some(id.to_string());
        }
    }
    let id = new_id();
    fs::write(&file, format!("{id}\n")).ok()?;
    Some(id)
}

/// Five random letters and digits (std's randomly keyed hasher, the time and the pid).
fn new_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.write_u32(std::process::id());
    let mut n = h.finish();
    const DIGITS: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..5)
        .map(|_| {
            let c = DIGITS[(n % DIGITS.len() as u64) as usize] as char;
            n /= DIGITS.len() as u64;
            c
        })
        .collect()
}

/// Uses a neutral identity when git does not know the user's; returns what to tell them.
pub(super) fn use_identity(git: &mut Git) -> Option<String> {
    let known = |key: &str| {
        git.run(&["config", "--get", key])
            .is_ok_and(|o| o.ok && !o.stdout.trim().is_empty())
    };
    let (name, email) = (known("user.name"), known("user.email"));
    if name && email {
        return None;
    }
    if !name {
        git.settings.push(format!("user.name={NEUTRAL_NAME}"));
    }
    if !email {
        git.settings.push(format!("user.email={NEUTRAL_EMAIL}"));
    }
    Some(words::unknown_identity(NEUTRAL_NAME))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn unshared_archives_keep_their_names_and_shared_ones_add_the_clone_id() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(unique_name(dir.path(), "a.md"), "a.md");
        fs::create_dir(dir.path().join(".git")).unwrap();
        let named = unique_name(dir.path(), "a.md");
        assert!(named.starts_with("a-") && named.ends_with(".md"), "{named}");
        assert_eq!(named.len(), "a-".len() + 5 + ".md".len(), "{named}");
        // The same clone keeps its id.
        assert_eq!(unique_name(dir.path(), "a.md"), named);
    }

    #[test]
    fn ids_differ() {
        let ids: BTreeSet<String> = (0..50).map(|_| new_id()).collect();
        assert!(ids.len() > 45);
    }
}
