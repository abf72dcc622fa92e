//! Words for archive: see the module above for what belongs here.
