//! Words for screen: see the module above for what belongs here.
