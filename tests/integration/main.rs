//! One integration-test binary (so two cores link once), one module per concern.

mod archive;
mod between;
mod builtins;
mod cli;
mod config;
mod journal;
mod keys;
mod layering;
mod loader;
mod picker;
mod pty;
mod recorder;
mod roster;
mod screens;
mod session;
mod share;
mod support;
mod survive;
