//! One integration-test binary (so two cores link once), one module per concern.

mod archive;
mod builtins;
mod cli;
mod loader;
mod pty;
mod screens;
mod session;
mod share;
mod support;
