//! Listing an archive: which files in which folders are sessions, read in parallel and
//! sorted newest first, and filtered by group or site.
//!
//! Which files count:
//! - only `*.md` files directly in the folder (not in subfolders; not hidden files such as
//!   the `.name.md.tmp` files a save leaves for an instant; not files written beside a
//!   session);
//! - a file that does not start with a `---` front matter block, or whose front matter
//!   names neither `protocol` nor `protocol_id`, is not a crit session (a README, another
//!   note in an Obsidian vault) and is skipped silently;
//! - a file that starts a front matter block crit cannot read (no closing `---`, broken
//!   YAML, not a mapping, not UTF-8, unreadable) is reported in `unreadable` with the
//!   reason, and the rest of the archive is still listed.

use std::cmp::Reverse;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::entry::{ArchiveEntry, Unreadable, entry};

/// The sessions in an archive folder, and the files that looked like sessions but could
/// not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Newest first: by start time (as an instant, whatever the offsets), then by file
    /// name, newest first too.
    pub entries: Vec<ArchiveEntry>,
    /// Each file that could not be read, and why, sorted by path.
    pub unreadable: Vec<Unreadable>,
}

/// Lists the sessions in `dir`, reading each file only as far as the end of its front
/// matter. An error only if the folder itself cannot be read (including when it does
/// not exist: check `ErrorKind::NotFound` to say "no sessions yet").
pub fn list(dir: &Path) -> io::Result<Listing> {
    list_folders(&[dir])
}

/// Lists the sessions in several folders (the archive and the rescue folder) as one
/// listing. A folder that does not exist is skipped; an error if none exists, or if one
/// exists but cannot be read. A folder named twice is read once.
pub fn list_folders(dirs: &[&Path]) -> io::Result<Listing> {
    let files = files_in(dirs)?;
    let read = par_map(&files, |path| entry(path));
    let mut listing = Listing::default();
    for (path, result) in files.into_iter().zip(read) {
        match result {
            Ok(Some(entry)) => listing.entries.push(entry),
            Ok(None) => {}
            Err(why) => listing.unreadable.push((path, why)),
        }
    }
    sort_newest_first(&mut listing.entries);
    listing.unreadable.sort();
    Ok(listing)
}

/// The session-looking files of `dirs` (see [`list_folders`] for missing folders).
pub(super) fn files_in(dirs: &[&Path]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut missing: Option<io::Error> = None;
    let mut read_one = false;
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        match markdown_files(dir) {
            Ok(found) => {
                read_one = true;
                files.extend(found);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing = Some(e),
            Err(e) => return Err(e),
        }
    }
    match missing {
        Some(e) if !read_one => Err(e),
        _ => Ok(files),
    }
}

/// The entries of `group` (ignoring case and surrounding spaces), in the same order.
pub fn filter_group(entries: Vec<ArchiveEntry>, group: &str) -> Vec<ArchiveEntry> {
    entries.into_iter().filter(|e| e.in_group(group)).collect()
}

/// The entries recorded at `site` (ignoring case and surrounding spaces), in the same order.
pub fn filter_site(entries: Vec<ArchiveEntry>, site: &str) -> Vec<ArchiveEntry> {
    entries.into_iter().filter(|e| e.at_site(site)).collect()
}

fn sort_newest_first(entries: &mut [ArchiveEntry]) {
    // `None` (no known start) sorts below every time, so last once reversed.
    entries.sort_by_cached_key(|e| Reverse(e.sort_key()));
}

/// `*.md` files (any case of the extension) directly in `dir`, not hidden.
pub(super) fn markdown_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for item in fs::read_dir(dir)? {
        let Ok(item) = item else { continue };
        let path = item.path();
        let is_md = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if !is_md || item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if super::beside::is_beside_file(&item.file_name().to_string_lossy()) {
            continue;
        }
        let is_file = match item.file_type() {
            // Follows symbolic links, as an editor opening the folder would.
            Ok(t) if t.is_symlink() => fs::metadata(&path).is_ok_and(|m| m.is_file()),
            Ok(t) => t.is_file(),
            Err(_) => false,
        };
        if is_file {
            files.push(path);
        }
    }
    Ok(files)
}

/// `f` applied to each item, in order, spread over a few threads when there are many
/// items (reading thousands of small files is mostly waiting, parsing YAML is not free).
pub(super) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(2, 8);
    if items.len() < 64 {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let running: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let handle = std::thread::Builder::new()
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<R>>());
                (part, handle)
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (part, handle) in running {
            match handle {
                Ok(h) => match h.join() {
                    Ok(results) => out.extend(results),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // No thread to be had: do this part here.
                Err(_) => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::time::Duration;

    use super::*;
    use crate::archive::fixture::{Spec, archive, paths, write_session};
    use crate::archive::search;

    #[test]
    fn lists_newest_first_by_instant_and_reports_broken_files() {
        let a = archive();
        let listing = list(&a.path).unwrap();
        assert_eq!(
            paths(&listing.entries),
            vec![
                a.grade7_in_progress.as_path(),
                a.tokyo_in_progress.as_path(),
                a.obsidian.as_path(),
                a.grade7_complete.as_path(),
            ]
        );
        let unreadable: Vec<&Path> = listing
            .unreadable
            .iter()
            .map(|(p, _)| p.as_path())
            .collect();
        assert_eq!(unreadable, vec![a.broken.as_path(), a.unclosed.as_path()]);
        assert!(
            listing.unreadable[0].1.contains("YAML"),
            "{:?}",
            listing.unreadable
        );
        assert!(
            listing.unreadable[1].1.contains("closing"),
            "{:?}",
            listing.unreadable
        );
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = list(&dir.path().join("nope")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn filters_by_group_ignoring_case() {
        let a = archive();
        let entries = filter_group(list(&a.path).unwrap().entries, "GRADE 7 team ");
        assert_eq!(
            paths(&entries),
            vec![a.grade7_in_progress.as_path(), a.grade7_complete.as_path()]
        );
        assert!(filter_group(list(&a.path).unwrap().entries, "Grade 7").is_empty());
    }

    #[test]
    fn an_alias_bomb_is_skipped_quickly_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        // Nine levels of nine-fold references: 9^9 (387 million) strings once expanded.
        let mut bomb = String::from(
            "---\nprotocol: Tuning\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for pair in names.windows(2) {
            let refs = vec![format!("*{}", pair[0]); 9].join(",");
            bomb.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
        }
        bomb.push_str("---\n\n- a note\n");
        fs::write(dir.path().join("bomb.md"), &bomb).unwrap();
        write_session(
            dir.path(),
            Spec {
                protocol: "tuning",
                group: "Fine",
                presenter: "Ana",
                question: "",
                start: "2026-11-22T10:00:00+01:00",
                notes: &[("note", "a note")],
                finish: None,
            },
        );
        let started = std::time::Instant::now();
        let listing = list(dir.path()).unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.unreadable.len(), 1, "{:?}", listing.unreadable);
        assert!(
            listing.unreadable[0].1.contains("aliases"),
            "{:?}",
            listing.unreadable
        );
        let (hits, unreadable) = search(dir.path(), "a note").unwrap();
        assert_eq!((hits.len(), unreadable.len()), (1, 1));
        // Bounded: nothing is expanded (expanding would take minutes and gigabytes).
        assert!(started.elapsed() < Duration::from_secs(5));
        // A small alias is fine.
        fs::write(
            dir.path().join("small.md"),
            "---\nprotocol: Tuning\nroles:\n  presenter: &p [\"Ana\"]\n  participant: *p\n---\n",
        )
        .unwrap();
        let listing = list(dir.path()).unwrap();
        assert_eq!(listing.entries.len(), 2, "{:?}", listing.unreadable);
    }

    #[test]
    fn large_archives_are_read_in_parallel_in_the_same_order() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..150 {
            let text = format!(
                "---\nprotocol_id: tuning\nstart: 2026-01-01T00:{:02}:{:02}Z\n---\n\nfirst\nNeedle {i}\n",
                i / 60,
                i % 60
            );
            fs::write(dir.path().join(format!("s{i:03}.md")), text).unwrap();
        }
        for i in 0..5 {
            fs::write(dir.path().join(format!("bad{i}.md")), "---\n: [\n---\n").unwrap();
        }
        let listing = list(dir.path()).unwrap();
        assert_eq!(listing.entries.len(), 150);
        assert_eq!(listing.unreadable.len(), 5);
        let names: Vec<String> = listing
            .entries
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let expected: Vec<String> = (0..150).rev().map(|i| format!("s{i:03}.md")).collect();
        assert_eq!(names, expected);

        let (hits, unreadable) = search(dir.path(), "needle").unwrap();
        assert_eq!(unreadable.len(), 5);
        let lines: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        let expected: Vec<String> = (0..150).rev().map(|i| format!("Needle {i}")).collect();
        assert_eq!(lines, expected);
        assert!(hits.iter().all(|h| h.place.is_none()));
    }

    #[test]
    fn ties_in_start_time_go_by_file_name_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let fm = "---\nprotocol_id: tuning\nstart: 2026-01-02T03:04:00+00:00\n---\n";
        for name in ["x.md", "x-2.md", "x-3.md"] {
            fs::write(dir.path().join(name), fm).unwrap();
        }
        let listing = list(dir.path()).unwrap();
        let names: Vec<_> = listing
            .entries
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["x.md", "x-3.md", "x-2.md"]);
    }
}
