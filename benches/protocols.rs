//! Loading the protocol library from a folder of 1,000 protocol files (copies of the
//! built-ins with different ids). Target: under 100 ms.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use critical_friends::protocol::{Library, builtin_files, parse_protocol};

const FILES: usize = 1_000;

/// Writes `count` protocol files into `dir`: the built-ins in turn, each with its own id.
fn fill_protocols(dir: &Path, count: usize) {
    let builtins = builtin_files();
    for i in 0..count {
        let (name, text) = builtins[i % builtins.len()];
        let stem = name.trim_end_matches(".toml");
        let old = format!("id = \"{stem}\"");
        let new = format!("id = \"{stem}-{i:04}\"");
        assert!(text.contains(&old), "{name} has no `{old}` line");
        let text = text.replacen(&old, &new, 1);
        std::fs::write(dir.join(format!("{stem}-{i:04}.toml")), text).unwrap();
    }
}

fn load_library(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    fill_protocols(dir.path(), FILES);
    let named = [PathBuf::from(dir.path())];
    let lib = Library::load(None, &named).unwrap();
    assert!(lib.skipped.is_empty(), "{:?}", lib.skipped);
    assert_eq!(lib.protocols.len(), FILES + builtin_files().len());

    let mut group = c.benchmark_group("protocols");
    group.sample_size(20);
    group.bench_function("load_1000_files", |b| {
        b.iter(|| Library::load(None, black_box(&named)).unwrap())
    });
    group.bench_function("builtin", |b| b.iter(Library::builtin));
    // The cost of one file, to compare with the folder's cost per file.
    let (name, text) = builtin_files()
        .iter()
        .find(|(n, _)| *n == "tuning.toml")
        .unwrap();
    group.bench_function("parse_tuning", |b| {
        b.iter(|| parse_protocol(black_box(text), name, "tuning").unwrap())
    });
    group.finish();
}

criterion_group!(benches, load_library);
criterion_main!(benches);
