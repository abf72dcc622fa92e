//! One integration-test binary (so two cores link once), one module per concern.

mod archive;
mod builtins;
mod cli;
mod journal;
mod loader;
mod pty;
mod screens;
mod session;
mod support;
mod survive;
