//! Only a forwarding address: the handout moved to [`crate::handout`] (it renders a
//! protocol for `crit show` and is not part of the file format). These re-exports keep
//! `protocol::{handout, binder, slug}` working until the lead's merge removes them.

pub use crate::handout::{binder, handout, slug};
