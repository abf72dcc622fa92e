//! Words for the terminal UI: what the keys are called in footers and help, the dialogs,
//! the status lines of each screen, and how the runtime's outcomes are told. One file
//! per part, all reached as `words::screen::…`.

mod around;
mod keys;
mod outcomes;
mod run;

pub use around::*;
pub use keys::*;
pub use outcomes::*;
pub use run::*;
