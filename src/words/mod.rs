//! Every sentence and label a person reads, in one place, so that crit can later be
//! translated and so that one message is never worded twice.
//!
//! The words sit at the bottom of the layers, beside `markup` and `text`: every layer
//! may use them, and they use nothing above them. One submodule per place the words
//! appear:
//!
//! - [`screen`]: the terminal UI (footers, help, dialogs, status lines, setup, picker,
//!   summary) and the outcomes the runtime reports there;
//! - [`cli`]: what commands print (`list`, `show` and its handout, `validate`, `new`,
//!   errors before the UI starts);
//! - [`archive`]: the text of the markdown file, the take-away, actions, report and
//!   sharing messages;
//! - [`checks`]: the problems found in protocol files and in `config.toml`;
//! - [`steps`]: what a protocol's steps, rounds, notes and people are called once it
//!   runs (shared by the screen, the handout and the session's file);
//! - [`templates`]: the commented files crit writes for people to edit.

pub mod archive;
pub mod checks;
pub mod cli;
pub mod screen;
pub mod steps;
pub mod templates;
pub mod times;
