//! `crit`: run Critical Friends Group protocols in the terminal.
//!
//! - [`protocol`]: protocol files, checking them, the library of protocols.
//! - [`session`]: a running session's plan, clock and notes (pure; time passed in).
//! - [`archive`]: the markdown file a session is saved as.
//! - [`diagnostics`]: checking a TOML file, every problem at its line and column.
//! - [`markup`]: typed text made safe for markdown and YAML readers.
//! - [`handout`]: a protocol as a markdown handout or binder, for `crit show`.
//! - [`app`]: the terminal UI's model and `update` (The Elm Architecture).
//! - [`ui`]: drawing the model.
//! - [`runtime`]: the loop that owns the terminal and the clock.
//! - [`words`]: every sentence a person reads, in one place.

pub mod app;
pub mod archive;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostics;
pub mod handout;
pub mod markup;
pub mod paths;
pub mod protocol;
pub mod runtime;
pub mod session;
pub mod text;
pub mod times;
pub mod ui;
pub mod words;
