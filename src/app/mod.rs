//! The terminal app's core, in The Elm Architecture: one [`Model`], the [`Msg`]s that
//! change it, a pure [`update`] that returns [`Effect`]s for the runtime to carry out.
//!
//! Nothing here reads the clock or touches the disk: the runtime passes the time in and
//! runs the effects, feeding what happened back as messages (as data: the words are
//! chosen here, from `words`). This file holds the [`Settings`]; the model and its
//! screens are in `model.rs`, the messages and effects in `msg.rs`, the one [`init`] in
//! `init.rs`.

mod init;
pub mod keymap;
pub mod live;
mod model;
mod msg;
mod setup;
mod update;

pub use init::{Start, init};
pub use live::Live;
pub use model::{
    Editing, JournalState, Mode, Model, Picker, Run, Saving, Screen, Summary, new_note_box,
};
pub use msg::{Effect, IoFailure, Msg, Record, SaveProblem, TakeawayProblem};
pub use setup::{Field, FieldKind, Prefill, Setup, split_names};
pub use update::{resume_session, start_session, update};

use std::path::PathBuf;

/// Choices that hold for the whole run of the program.
#[derive(Debug, Clone)]
pub struct Settings {
    pub archive_dir: PathBuf,
    /// Where sessions are saved when the archive folder cannot be written.
    pub fallback_dir: PathBuf,
    pub bell: bool,
    /// Show the one-minute warning.
    pub warning: bool,
    pub auto_advance: bool,
    pub color: bool,
    /// The group's name to fill in, from the config file.
    pub default_group: Option<String>,
    /// Names to fill in per role id, from the config file ("Ana, Ben").
    pub default_names: Vec<(String, String)>,
    /// Where the public view of the running session is written for `crit mirror`.
    pub live_file: Option<PathBuf>,
    /// The school or team recorded in each session (`site` in config.toml).
    pub site: Option<String>,
    /// Sync a shared archive when a session ends (`sync = "after-session"`).
    pub sync_after_session: bool,
    /// Tags for every session's front matter, from the config file.
    pub tags: Vec<String>,
}

impl Settings {
    /// The defaults (bell and warning on, colour, no auto-advance), saving in
    /// `archive_dir`, or in `fallback_dir` when that cannot be written.
    pub fn new(archive_dir: PathBuf, fallback_dir: PathBuf) -> Settings {
        Settings {
            archive_dir,
            fallback_dir,
            bell: true,
            warning: true,
            auto_advance: false,
            color: true,
            default_group: None,
            default_names: Vec::new(),
            live_file: None,
            site: None,
            sync_after_session: false,
            tags: Vec::new(),
        }
    }
}
