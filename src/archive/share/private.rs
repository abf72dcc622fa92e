//! What never leaves this computer: the `.gitignore` crit writes, and the check every
//! commit crit makes runs itself ([`is_private`]), so an edited `.gitignore` cannot leak
//! private notes or crit's hidden files.

use crate::words::archive::share as words;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The `.gitignore` crit writes in a shared archive.
pub const GITIGNORE: &str = "\
# Written by crit: what never leaves this computer.
# crit's hidden files: session state, locks, journals, temporary saves, the live view.
.*
!.gitignore
!.gitattributes
*.tmp
live.json
# Private notes.
*.private.md
";

/// Whether a path in the archive (relative, `/`-separated) must never be committed:
/// a hidden file or folder anywhere on the path (except `.gitignore` and
/// `.gitattributes`), private notes, a temporary save, or a live view (`live.json`)
/// someone pointed `CRIT_LIVE` at the archive for: exactly what [`GITIGNORE`] lists.
pub fn is_private(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split(['/', '\\']).collect();
    let last = parts.len().saturating_sub(1);
    parts.iter().enumerate().any(|(i, part)| {
        let allowed = i == last && matches!(*part, ".gitignore" | ".gitattributes");
        (part.starts_with('.') && !allowed) || (i == last && part.ends_with(".private.md"))
    }) || relative.ends_with(".tmp")
        || relative == "live.json"
}

/// Writes crit's `.gitignore`, or adds its lines to one that is there.
pub(super) fn write_gitignore(dir: &Path) -> Result<(), String> {
    let path = dir.join(".gitignore");
    let existing = fs::read_to_string(&path).unwrap_or_default();
    let have: BTreeSet<&str> = existing.lines().map(str::trim).collect();
    let missing: Vec<&str> = GITIGNORE
        .lines()
        .filter(|l| !l.starts_with('#') && !have.contains(l.trim()))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let text = if existing.is_empty() {
        GITIGNORE.to_string()
    } else {
        let mut text = existing.clone();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(words::GITIGNORE_ADDED);
        for line in missing {
            text.push_str(line);
            text.push('\n');
        }
        text
    };
    crate::archive::save_atomic(&path, &text)
        .map_err(|e| words::cannot_write(&path.display().to_string(), &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_files_and_private_notes_are_private() {
        for p in [
            ".2026-11-23-1405-tuning.md.state.json",
            ".2026-11-23-1405-tuning.md.lock",
            ".2026-11-23-1405-tuning.md.journal",
            "2026-11-23-1405-tuning.private.md",
            "protocols/.draft.toml",
            ".obsidian/workspace.json",
            "x.md.123-4.tmp",
            "live.json",
        ] {
            assert!(is_private(p), "{p}");
        }
        for p in [
            ".gitignore",
            "2026-11-23-1405-tuning.md",
            "2026-11-23-1405-tuning.takeaway.md",
            "protocols/our-tuning.toml",
        ] {
            assert!(!is_private(p), "{p}");
        }
    }

    #[test]
    fn the_gitignore_names_every_private_kind() {
        for line in [".*", "!.gitignore", "*.private.md"] {
            assert!(GITIGNORE.lines().any(|l| l == line), "{line}");
        }
    }
}
