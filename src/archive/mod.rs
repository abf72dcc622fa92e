//! The markdown archive: one file per session, rendered from the session, named safely,
//! and saved so that a crash at any moment leaves a whole file on disk.

pub mod actions;
pub mod beside;
mod index;
pub mod journal;
mod lock;
mod markdown;
pub mod names;
mod naming;
pub mod read;
pub mod report;
mod save;
pub mod share;
pub mod takeaway;

pub use index::{
    ArchiveEntry, Listing, SearchHit, Unreadable, entry, filter_group, filter_site, list,
    list_folders, search, search_folders, to_json,
};
pub use journal::{Journal, Resumed};
pub use lock::{LockError, SessionLock, acquire, held_elsewhere, lock_path};
pub use markdown::{attendees, presenters, render, status_words};
// Kept here for callers that reach the YAML escaping through the archive.
pub use crate::markup::yaml_string;
pub use naming::file_name;
pub use save::{create_unique, save_atomic, state_path};
