//! Words for checks: see the module above for what belongs here.
