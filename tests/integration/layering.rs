//! The layers only point down: `protocol` → `session` → `archive` are the program's
//! knowledge, and never reach up into the terminal app (`app`, `ui`, `runtime`,
//! `commands`) or its libraries (ratatui, crossterm); `protocol` knows nothing of a
//! running session or its archive. This test reads `src/` and names any file that breaks
//! that, with the module it reached. The shared `diagnostics` sit below them all.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The code of a file without its comments (a doc comment may name any module).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file names through `crate::` (`crate::app::X`,
/// `crate::{app, ui::Y}`), and the outside crates it names.
fn reaches(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.push(name);
            }
        } else {
            found.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    for outside in ["ratatui", "crossterm"] {
        if code.contains(outside) {
            found.push(outside.to_string());
        }
    }
    found
}

#[test]
fn the_knowledge_layers_never_reach_up() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let above = [
        "app",
        "ui",
        "runtime",
        "commands",
        "cli",
        "handout",
        "ratatui",
        "crossterm",
    ];
    let mut broken = Vec::new();
    for layer in ["protocol", "session", "archive"] {
        let mut refused: Vec<&str> = above.to_vec();
        if layer == "protocol" {
            refused.extend(["session", "archive"]);
        }
        if layer == "session" {
            refused.push("archive");
        }
        for file in rust_files(&src.join(layer)) {
            for module in reaches(&code(&file)) {
                if refused.contains(&module.as_str()) {
                    broken.push(format!(
                        "{} reaches up to `{module}`",
                        file.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The shared ground every layer stands on: `diagnostics` (checking any TOML file),
/// `words` (what people read), `markup` (escaping for markdown and YAML) and `text`
/// (terminal-safe text and widths), `times` (how times are written and read). They name none of the layers above them, so any
/// layer may use them without a cycle. `diagnostics` words its problems with `words`;
/// `words` uses at most `text`.
#[test]
fn the_shared_ground_names_nothing_above_it() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let layers = [
        "protocol",
        "session",
        "archive",
        "config",
        "handout",
        "app",
        "ui",
        "runtime",
        "commands",
        "cli",
        "ratatui",
        "crossterm",
    ];
    let mut broken = Vec::new();
    for (ground, also_refused) in [
        ("diagnostics", &["markup"][..]),
        ("words", &["diagnostics", "markup"][..]),
        ("markup", &["diagnostics", "words"][..]),
        ("text.rs", &["diagnostics", "words", "markup"][..]),
        ("times.rs", &["diagnostics", "markup"][..]),
    ] {
        let path = src.join(ground);
        let files = if path.is_dir() {
            rust_files(&path)
        } else {
            vec![path]
        };
        assert!(files.iter().all(|f| f.exists()), "{ground} is in src/");
        for file in files {
            for module in reaches(&code(&file)) {
                if layers.contains(&module.as_str()) || also_refused.contains(&module.as_str()) {
                    broken.push(format!(
                        "{} reaches up to `{module}`",
                        file.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_check_itself_finds_what_it_looks_for() {
    let names = reaches(
        "use crate::{app::Model, ui};\nlet x = crate::runtime::now();\nuse ratatui::Frame;",
    );
    assert_eq!(names, ["app", "ui", "runtime", "ratatui"]);
}
