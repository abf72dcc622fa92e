//! What the commands print: `crit list`, `show` (and its handout), `validate`, `new`,
//! `run` and `resume` before the screen opens, `archive …`, and the protocol library's
//! reasons for skipping a file. Each message is worded here once, and both the library
//! and the commands that report it use it.

use std::fmt::Display;

// The protocol library, and `crit validate` (which checks files with the same loader).

/// Where a protocol came from, as `crit list` and the picker say it.
pub const ORIGIN_BUILT_IN: &str = "built-in";
pub const ORIGIN_USER_FOLDER: &str = "your folder";
pub const ORIGIN_SHARED_ARCHIVE: &str = "shared archive";
pub const ORIGIN_NAMED: &str = "named";

pub const NOT_UTF8: &str = "this file is not UTF-8 text; save it as UTF-8 in your editor";

pub fn cannot_read_file(why: impl Display) -> String {
    format!("cannot read this file: {why}")
}

pub fn cannot_read_folder(why: impl Display) -> String {
    format!("cannot read this folder: {why}")
}

pub fn cannot_read_named_folder(dir: impl Display, why: impl Display) -> String {
    format!(
        "{dir}: cannot read this protocol folder ({why}); check the path given with --protocols or CRIT_PROTOCOLS"
    )
}

pub fn id_used_twice(id: &str, first: &str) -> String {
    format!("id `{id}` is also used by {first}; give one of them another `id`")
}

/// `crit validate`'s last line.
pub fn files_with_problems(failed: usize, of: usize) -> String {
    format!("{failed} of {of} file(s) have problems")
}

pub fn files_ok(count: usize) -> String {
    format!("{count} file(s) OK")
}
