//! The markdown archive: one file per session, rendered from the session, named safely,
//! and saved so that a crash at any moment leaves a whole file on disk.

pub mod actions;
pub mod beside;
mod entry;
#[cfg(test)]
mod fixture;
mod front_matter;
pub mod journal;
mod listing;
mod lock;
mod markdown;
pub mod names;
mod naming;
pub mod read;
pub mod report;
mod save;
mod search;
pub mod share;
pub mod takeaway;

pub use entry::{ArchiveEntry, Unreadable, entry, to_json};
pub use front_matter::{attendees, presenters};
pub use journal::{Journal, Resumed};
pub use listing::{Listing, filter_group, filter_site, list, list_folders};
pub use lock::{LockError, SessionLock, acquire, held_elsewhere, lock_path};
pub use markdown::{render, status_words};
pub use search::{SearchHit, search, search_folders};
// Kept here for callers that reach the YAML escaping through the archive.
pub use crate::markup::yaml_string;
pub use naming::file_name;
pub use save::{create_unique, save_atomic, state_path};
