//! `config.toml`: the user's settings, and how they combine with flags and the
//! environment. The types are here; `check.rs` reads the file's text, `load.rs` finds
//! and reads the file, `resolve.rs` applies precedence, `example.rs` is the commented
//! example.
//!
//! Everything is pure except [`load()`], which reads one file. The file is checked with
//! the same [`Checker`](crate::diagnostics::Checker) as protocol files: every problem is
//! reported at once as `path:line:column: message`, with a did-you-mean for misspelt keys.
//!
//! Precedence is flags > environment > file > defaults, with one deliberate exception for
//! colour: following <https://no-color.org>, a `theme` chosen in the file ("color" or
//! "mono") wins over `NO_COLOR`, which only decides when the theme is "auto".

use std::path::{Path, PathBuf};

mod check;
mod example;
mod load;
mod resolve;

pub use check::parse_config;
pub use example::EXAMPLE;
pub use load::load;
pub use resolve::{Flags, Resolved, resolve};

/// One thing wrong with a config file, and where; shown as `path:line:column: message`.
pub type ConfigProblem = crate::diagnostics::Problem;

/// What config.toml may say. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileConfig {
    /// The archive folder, as written (a leading `~` is expanded by [`resolve()`]).
    pub archive: Option<PathBuf>,
    pub group: Option<String>,
    /// From the `[names]` table: (role id, names separated by commas), in file order.
    pub names: Vec<(String, String)>,
    pub bell: Option<bool>,
    /// The one-minute warning.
    pub warning: Option<bool>,
    pub auto_advance: Option<bool>,
    pub theme: Option<Theme>,
    /// This school's or team's name, recorded in each session (`site = "Charlestown High"`).
    pub site: Option<String>,
    /// When a shared archive syncs by itself.
    pub sync: Option<SyncWhen>,
    /// Tags added to every session's front matter.
    pub tags: Vec<String>,
}

/// When a shared archive syncs (`sync = "..."`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SyncWhen {
    /// Only when someone runs `crit archive sync`.
    #[default]
    Manual,
    /// Also when a session ends, for a few seconds at most.
    AfterSession,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// Colour unless `NO_COLOR` is set (to anything but the empty string).
    #[default]
    Auto,
    /// Colour, even when `NO_COLOR` is set.
    Color,
    /// No colour.
    Mono,
}

/// Where the config comes from.
#[derive(Debug, Clone, Copy)]
pub enum ConfigSource<'a> {
    /// A path given explicitly (`--config`): if it cannot be read or has problems, that
    /// is an error.
    Explicit(&'a Path),
    /// The platform's default location, if there is one: a missing file is fine; a file
    /// that cannot be read or has problems gives warnings, and the defaults are used.
    Default(Option<&'a Path>),
}

/// Whether a path as written starts at the home folder (`~`, `~/…`).
fn starts_with_home(s: &str) -> bool {
    s == "~" || s.starts_with("~/") || s.starts_with("~\\")
}
