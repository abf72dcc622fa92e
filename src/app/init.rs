//! Where the terminal UI opens ([`Start`]) and the one place the [`Model`] is built
//! ([`init`]) with the effects the runtime runs first.

use std::path::PathBuf;

use super::{Effect, Model, Prefill, Screen, Settings, Setup, resume_session, start_session};
use crate::archive::Resumed;
use crate::protocol::Library;
use crate::session::Now;

/// Where the terminal UI opens: the picker (offering an unfinished session), a session
/// read back from its file, or one protocol from `crit run` (its setup form, or straight
/// into the session when the command line named everyone).
#[allow(clippy::large_enum_variant)] // one value, built once when crit starts
pub enum Start {
    Picker {
        resume_offer: Option<(PathBuf, String)>,
    },
    Resume {
        resumed: Resumed,
        path: PathBuf,
    },
    Run {
        protocol: crate::protocol::Protocol,
        prefill: Prefill,
        projector: bool,
    },
}

/// The one place the [`Model`] is built: the model for `start` at `now`, and the effects
/// the runtime runs first (creating or re-saving the session's file). A saved session that
/// cannot continue is refused with the reason.
pub fn init(
    library: Library,
    settings: Settings,
    now: Now,
    start: Start,
) -> Result<(Model, Vec<Effect>), String> {
    let mut model = Model::new(library, settings, now);
    let effects = match start {
        Start::Picker { resume_offer } => {
            model.resume_offer = resume_offer;
            Vec::new()
        }
        Start::Resume { resumed, path } => resume_session(&mut model, resumed, path)?,
        Start::Run {
            protocol,
            prefill,
            projector,
        } => {
            model.came_from_picker = false;
            model.start_in_projector = projector;
            match prefill.complete_roster(&protocol) {
                Some(roster) => start_session(&mut model, protocol, roster),
                None => {
                    model.screen = Screen::Setup(Box::new(Setup::new(protocol, &prefill)));
                    Vec::new()
                }
            }
        }
    };
    Ok((model, effects))
}
