//! The archive: rendering and atomically saving a 10,000-note session (target: saving
//! under 10 ms), and listing and searching a folder of 10,000 sessions, with the rescue
//! folder beside it (target: listing and searching each under 200 ms).
//!
//! Beside each measurement of crit's own functions is a floor, named `floor_*`: the same
//! file work without crit's processing (writing without `fsync`, reading the front
//! matter without parsing it, parsing it without the disk), to show where the time goes.

mod common;

use std::fs::{self, File};
use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use critical_friends::archive;
use critical_friends::session::Status;
use yaml_rust2::YamlLoader;

const NOTES: usize = 10_000;
const SESSIONS: usize = 10_000;

fn save_session(c: &mut Criterion) {
    let (mut session, now) = common::session_with_notes(NOTES);
    session.finish(Status::Complete, now);
    let dir = tempfile::tempdir().unwrap();
    let name = archive::file_name(session.started, &session.protocol.id, &session.roster.group);
    let path = archive::create_unique(dir.path(), &name, "").unwrap();
    let text = archive::render(&session, now);
    println!(
        "archive of {NOTES} notes: {} bytes, {} lines",
        text.len(),
        text.lines().count()
    );

    let mut group = c.benchmark_group("archive_10000_notes");
    group.bench_function("render", |b| {
        b.iter(|| archive::render(black_box(&session), now))
    });
    group.bench_function("save_atomic", |b| {
        b.iter(|| archive::save_atomic(&path, black_box(&text)).unwrap())
    });
    group.bench_function("render_and_save", |b| {
        b.iter(|| {
            let text = archive::render(black_box(&session), now);
            archive::save_atomic(&path, &text).unwrap();
        })
    });
    // The same temporary file and rename as `save_atomic`, without syncing file or folder.
    let tmp = dir.path().join(".floor.md.tmp");
    group.bench_function("floor_write_rename_no_sync", |b| {
        b.iter(|| {
            let mut file = File::create(&tmp).unwrap();
            file.write_all(black_box(text.as_bytes())).unwrap();
            drop(file);
            fs::rename(&tmp, &path).unwrap();
        })
    });
    group.finish();
}

/// The `*.md` files in `dir`, found as `archive::list` finds them (one `stat` each).
fn md_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| fs::metadata(p).is_ok_and(|m| m.is_file()))
        .collect()
}

/// The lines between the opening and closing `---`, read line by line.
fn front_matter(path: &Path) -> String {
    let mut reader = BufReader::new(File::open(path).unwrap());
    let mut line = String::new();
    let mut yaml = String::new();
    reader.read_line(&mut line).unwrap();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 || line.trim_end() == "---" {
            return yaml;
        }
        yaml.push_str(&line);
    }
}

fn archive_folder(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    common::fill_archive(dir.path(), SESSIONS);
    let listing = archive::list(dir.path()).unwrap();
    assert_eq!(listing.entries.len(), SESSIONS, "every session is listed");
    assert!(listing.unreadable.is_empty(), "{:?}", listing.unreadable);
    let bytes: u64 = listing
        .entries
        .iter()
        .map(|e| fs::metadata(&e.path).unwrap().len())
        .sum();
    println!("archive folder: {SESSIONS} sessions, {bytes} bytes");

    let mut group = c.benchmark_group("archive_10000_sessions");
    // Each iteration reads thousands of files: fewer, longer samples.
    group.sample_size(10);
    group.bench_function("list", |b| {
        b.iter(|| archive::list(black_box(dir.path())).unwrap())
    });
    // A word in the front matter of a twelfth of the sessions.
    group.bench_function("search_group", |b| {
        b.iter(|| archive::search(black_box(dir.path()), "science").unwrap())
    });
    // A note found in a single file.
    group.bench_function("search_rare", |b| {
        b.iter(|| archive::search(black_box(dir.path()), "the text_6993").unwrap())
    });
    // Nothing matches: every line of every file is read.
    group.bench_function("search_none", |b| {
        b.iter(|| archive::search(black_box(dir.path()), "zebra crossing").unwrap())
    });

    // What `crit archive list` and `search` read: the archive and the rescue folder.
    let rescue = tempfile::tempdir().unwrap();
    common::fill_archive(rescue.path(), 10);
    let both = [dir.path(), rescue.path()];
    group.bench_function("list_with_rescue", |b| {
        b.iter(|| archive::list_folders(black_box(&both)).unwrap())
    });
    // Punctuation in the text could hide behind an escape: every file is read as notes.
    group.bench_function("search_as_typed_worst_case", |b| {
        b.iter(|| archive::search_folders(black_box(&both), "zebra, crossing!").unwrap())
    });

    // Floors for `list`: the disk work alone, then the YAML parsing alone.
    group.bench_function("floor_read_front_matter", |b| {
        b.iter(|| {
            md_files(black_box(dir.path()))
                .iter()
                .map(|p| front_matter(p).len())
                .sum::<usize>()
        })
    });
    let texts: Vec<String> = md_files(dir.path())
        .iter()
        .map(|p| front_matter(p))
        .collect();
    group.bench_function("floor_parse_front_matter_yaml", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| YamlLoader::load_from_str(black_box(t)).unwrap().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, save_session, archive_folder);
criterion_main!(benches);
