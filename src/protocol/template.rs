//! `crit new`: a commented protocol file that shows every key and loads as it is.

/// The template for a new protocol with this id.
pub fn template(id: &str) -> String {
    crate::words::templates::NEW_PROTOCOL.replace("{id}", id)
}
