//! Words for cli: see the module above for what belongs here.
