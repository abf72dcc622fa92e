//! The markdown archive: one file per session, rendered from the session, named safely,
//! and saved so that a crash at any moment leaves a whole file on disk.

mod index;
mod lock;
mod markdown;
mod naming;
mod save;

pub use index::{
    ArchiveEntry, Listing, SearchHit, Unreadable, entry, filter_group, list, list_folders,
    resumable, search, search_folders, to_json,
};
pub use lock::{claim, held_elsewhere, process_alive, release};
pub use markdown::{attendees, presenters, render, status_words};
// Kept here for callers that reach the YAML escaping through the archive.
pub use crate::markup::yaml_string;
pub use naming::file_name;
pub use save::{create_unique, read_state, save_atomic, state_path};
