//! The protocol library: built-ins compiled into the binary, then the user's folder, then
//! the shared archive's `protocols/` folder, then any `--protocols` folders; a later file
//! replaces an earlier one with the same id.
//!
//! Each file is read on its own, so one broken file is reported and skipped while every
//! other protocol still loads. `crit validate` checks the files it is given with the same
//! steps ([`Library::check_files`]), so the two never disagree about a file.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{Problem, Protocol, parse_protocol};
use crate::words::cli as words;

/// The built-in protocols, compiled in. A test checks this list against `protocols/`.
static BUILTIN: &[(&str, &str)] = &[
    (
        "atlas-data.toml",
        include_str!("../../protocols/atlas-data.toml"),
    ),
    (
        "atlas-student-work.toml",
        include_str!("../../protocols/atlas-student-work.toml"),
    ),
    (
        "block-party.toml",
        include_str!("../../protocols/block-party.toml"),
    ),
    ("cac.toml", include_str!("../../protocols/cac.toml")),
    (
        "chalk-talk.toml",
        include_str!("../../protocols/chalk-talk.toml"),
    ),
    (
        "charrette.toml",
        include_str!("../../protocols/charrette.toml"),
    ),
    (
        "compass-points.toml",
        include_str!("../../protocols/compass-points.toml"),
    ),
    (
        "connections.toml",
        include_str!("../../protocols/connections.toml"),
    ),
    (
        "constructivist-listening.toml",
        include_str!("../../protocols/constructivist-listening.toml"),
    ),
    (
        "consultancy.toml",
        include_str!("../../protocols/consultancy.toml"),
    ),
    (
        "descriptive-review.toml",
        include_str!("../../protocols/descriptive-review.toml"),
    ),
    (
        "final-word.toml",
        include_str!("../../protocols/final-word.toml"),
    ),
    ("four-as.toml", include_str!("../../protocols/four-as.toml")),
    (
        "issaquah.toml",
        include_str!("../../protocols/issaquah.toml"),
    ),
    (
        "microlabs.toml",
        include_str!("../../protocols/microlabs.toml"),
    ),
    ("norms.toml", include_str!("../../protocols/norms.toml")),
    (
        "peeling-the-onion.toml",
        include_str!("../../protocols/peeling-the-onion.toml"),
    ),
    (
        "save-the-last-word.toml",
        include_str!("../../protocols/save-the-last-word.toml"),
    ),
    (
        "student-consultancy.toml",
        include_str!("../../protocols/student-consultancy.toml"),
    ),
    (
        "success-analysis.toml",
        include_str!("../../protocols/success-analysis.toml"),
    ),
    (
        "text-rendering.toml",
        include_str!("../../protocols/text-rendering.toml"),
    ),
    ("tuning.toml", include_str!("../../protocols/tuning.toml")),
];

/// The built-in protocol files, as (file name, text).
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// Where a protocol came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// The user's protocol folder (the platform config folder).
    UserFolder,
    /// The `protocols/` folder of the (shared) archive.
    SharedArchive,
    /// A folder named with `--protocols` or `CRIT_PROTOCOLS`, or a file named on the command line.
    Named,
}

impl Origin {
    pub fn label(&self) -> &'static str {
        match self {
            Origin::BuiltIn => words::ORIGIN_BUILT_IN,
            Origin::UserFolder => words::ORIGIN_USER_FOLDER,
            Origin::SharedArchive => words::ORIGIN_SHARED_ARCHIVE,
            Origin::Named => words::ORIGIN_NAMED,
        }
    }
}

/// A loaded protocol and the file it came from.
#[derive(Debug, Clone)]
pub struct Source {
    pub protocol: Protocol,
    pub origin: Origin,
    /// The file's path, or `built-in:tuning.toml`.
    pub path: String,
    /// The path of an earlier file with the same id that this one replaces.
    pub replaces: Option<String>,
}

impl Source {
    fn new(protocol: Protocol, origin: Origin, path: String, replaces: Option<String>) -> Source {
        Source {
            protocol,
            origin,
            path,
            replaces,
        }
    }
}

/// A file that could not be used, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: String,
    pub problems: Vec<Problem>,
}

/// One file checked as the library loads it: read as UTF-8 text, parsed, and its id
/// compared with the files checked before it.
#[derive(Debug)]
pub struct Checked {
    pub path: String,
    pub outcome: Result<Protocol, Refused>,
}

impl Checked {
    /// The reason the file cannot be read at all, if it cannot.
    pub fn unreadable(&self) -> Option<&str> {
        match &self.outcome {
            Err(Refused::Unreadable(why)) => Some(why),
            _ => None,
        }
    }

    /// What is wrong in the file (nothing when it is fine, or cannot be read at all).
    pub fn problems(&self) -> &[Problem] {
        match &self.outcome {
            Err(Refused::Problems(problems)) => problems,
            _ => &[],
        }
    }
}

/// Why a checked file gives no protocol.
#[derive(Debug)]
pub enum Refused {
    /// The file cannot be read at all (missing, a folder, not allowed): the reason.
    Unreadable(String),
    /// Not UTF-8, not a valid protocol, or an id an earlier file already has.
    Problems(Vec<Problem>),
}

/// A file's text, or why there is none.
type Read = Result<String, Unread>;

enum Unread {
    Io(std::io::Error),
    NotUtf8,
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Sorted by name.
    pub protocols: Vec<Source>,
    pub skipped: Vec<Skipped>,
}

impl Library {
    /// Only the protocols compiled into the binary.
    pub fn builtin() -> Library {
        let mut lib = Library::default();
        let files = builtin_files().iter().map(|(name, text)| {
            let text: Read = Ok(text.to_string());
            (format!("built-in:{name}"), text, stem_of(name))
        });
        lib.add_level(files.collect(), Origin::BuiltIn);
        lib.sort();
        lib
    }

    /// Built-ins, then the user folder (if it exists), then each named folder, which must
    /// exist: a folder the user named and we cannot read is an error, not a warning.
    pub fn load(user_folder: Option<&Path>, named: &[PathBuf]) -> Result<Library, String> {
        Library::load_with_shared(user_folder, None, named)
    }

    /// As [`Library::load`], with the shared archive's `protocols/` folder (if it exists)
    /// between the user folder and the named folders. Like the user folder, a broken
    /// file there is skipped and reported, and the rest load.
    pub fn load_with_shared(
        user_folder: Option<&Path>,
        shared: Option<&Path>,
        named: &[PathBuf],
    ) -> Result<Library, String> {
        let mut lib = Library::builtin();
        for (dir, origin) in [
            (user_folder, Origin::UserFolder),
            (shared, Origin::SharedArchive),
        ] {
            if let Some(dir) = dir
                && dir.is_dir()
            {
                match toml_files(dir) {
                    Ok(files) => lib.add_files(&files, origin),
                    Err(e) => lib.skipped.push(Skipped {
                        path: dir.display().to_string(),
                        problems: vec![problem(
                            &dir.display().to_string(),
                            words::cannot_read_folder(e),
                        )],
                    }),
                }
            }
        }
        for dir in named {
            let files =
                toml_files(dir).map_err(|e| words::cannot_read_named_folder(dir.display(), e))?;
            lib.add_files(&files, Origin::Named);
        }
        lib.sort();
        Ok(lib)
    }

    /// Adds one file named on the command line and returns its id; its problems are
    /// returned, not skipped.
    pub fn load_file(&mut self, path: &Path) -> Result<String, Vec<Problem>> {
        let shown = path.display().to_string();
        let text = read_text(path).map_err(|e| vec![unread_problem(&shown, e)])?;
        let protocol = parse_protocol(&text, &shown, &file_stem(path))?;
        let id = protocol.id.clone();
        let replaces = self.remove(&id).map(|s| s.path);
        self.protocols
            .push(Source::new(protocol, Origin::Named, shown, replaces));
        self.sort();
        Ok(id)
    }

    pub fn find(&self, id: &str) -> Option<&Source> {
        self.protocols.iter().find(|s| s.protocol.id == id)
    }

    /// Ids close to `id`, for "did you mean".
    pub fn suggest(&self, id: &str) -> Option<&str> {
        crate::diagnostics::suggest(id, self.protocols.iter().map(|s| s.protocol.id.as_str()))
    }

    fn remove(&mut self, id: &str) -> Option<Source> {
        let i = self.protocols.iter().position(|s| s.protocol.id == id)?;
        Some(self.protocols.remove(i))
    }

    /// Checks files as one level of the library would load them, in the order given,
    /// without loading them: what `crit validate` reports.
    pub fn check_files(files: &[PathBuf]) -> Vec<Checked> {
        check_level(read_files(files))
    }

    fn add_files(&mut self, files: &[PathBuf], origin: Origin) {
        self.add_level(read_files(files), origin);
    }

    /// Adds the files of one level. Two files of the same level with one id is an error
    /// naming both; a file replacing one of an earlier level is normal.
    fn add_level(&mut self, files: Vec<(String, Read, String)>, origin: Origin) {
        for Checked { path, outcome } in check_level(files) {
            match outcome {
                Err(Refused::Unreadable(why)) => self.skipped.push(Skipped {
                    problems: vec![problem(&path, words::cannot_read_file(why))],
                    path,
                }),
                Err(Refused::Problems(problems)) => self.skipped.push(Skipped { path, problems }),
                Ok(protocol) => {
                    let replaces = self.remove(&protocol.id).map(|s| s.path);
                    self.protocols
                        .push(Source::new(protocol, origin.clone(), path, replaces));
                }
            }
        }
    }

    fn sort(&mut self) {
        self.protocols
            .sort_by_key(|s| s.protocol.name.to_lowercase());
    }
}

/// Each file of one level read and parsed on its own; a file whose id an earlier file of
/// the level already has is refused, naming that file.
fn check_level(files: Vec<(String, Read, String)>) -> Vec<Checked> {
    let mut this_level: HashMap<String, String> = HashMap::new();
    let mut checked = Vec::new();
    for (path, text, stem) in files {
        let outcome = match text {
            Err(Unread::Io(e)) => Err(Refused::Unreadable(e.to_string())),
            Err(Unread::NotUtf8) => Err(Refused::Problems(vec![unread_problem(
                &path,
                Unread::NotUtf8,
            )])),
            Ok(text) => match parse_protocol(&text, &path, &stem) {
                Err(problems) => Err(Refused::Problems(problems)),
                Ok(protocol) => match this_level.get(&protocol.id) {
                    Some(first) => {
                        let message = words::id_used_twice(&protocol.id, first);
                        Err(Refused::Problems(vec![problem(&path, message)]))
                    }
                    None => {
                        this_level.insert(protocol.id.clone(), path.clone());
                        Ok(protocol)
                    }
                },
            },
        };
        checked.push(Checked { path, outcome });
    }
    checked
}

fn read_files(files: &[PathBuf]) -> Vec<(String, Read, String)> {
    files
        .iter()
        .map(|p| (p.display().to_string(), read_text(p), file_stem(p)))
        .collect()
}

/// A file that cannot be read, as a problem at its start.
fn unread_problem(path: &str, unread: Unread) -> Problem {
    let message = match unread {
        Unread::Io(e) => words::cannot_read_file(e),
        Unread::NotUtf8 => words::NOT_UTF8.to_string(),
    };
    problem(path, message)
}

fn problem(path: &str, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        line: 1,
        column: 1,
        message,
    }
}

fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn read_text(path: &Path) -> Read {
    let bytes = fs::read(path).map_err(Unread::Io)?;
    String::from_utf8(bytes).map_err(|_| Unread::NotUtf8)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn stem_of(file_name: &str) -> String {
    file_name.trim_end_matches(".toml").to_string()
}
