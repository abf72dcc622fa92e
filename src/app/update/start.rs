//! Starting a session from the setup form (or `crit run`), and resuming a saved one: the
//! run screen, and the first save.

use super::save;
use crate::app::{Effect, Model, Run, Screen};
use crate::archive::Resumed;
use crate::protocol::Protocol;
use crate::session::{Roster, Session};
use crate::words::screen as w;

/// Starts a session now: the run screen, and the effect that creates its archive file.
pub fn start_session(model: &mut Model, protocol: Protocol, roster: Roster) -> Vec<Effect> {
    let mut roster = roster;
    roster.tags.extend(model.settings.tags.iter().cloned());
    let mut session = Session::start(protocol, roster, model.now);
    let settings = &model.settings;
    session.site = settings.site.clone();
    let mut run = Run::new(
        session,
        settings.archive_dir.clone(),
        settings.fallback_dir.clone(),
    );
    run.projector = model.start_in_projector;
    let mut effects = save(&mut run, model.now);
    // The presenter's open next steps from earlier sessions come back (found by the
    // runtime: reading the archive is I/O).
    let presenters = run.session.roster.names("presenter").to_vec();
    if !presenters.is_empty() && !run.session.roster.group.trim().is_empty() {
        effects.push(Effect::LoadEarlier {
            dir: model.settings.archive_dir.clone(),
            group: run.session.roster.group.clone(),
            presenters,
        });
    }
    model.screen = Screen::Run(Box::new(run));
    effects
}

/// Continues the session read back from `path`: the run screen at the step and time it
/// was in, the note that was being typed back in the note box, and a save that records it.
/// The time crit was closed is said on screen, and `a` counts it in the step.
pub fn resume_session(
    model: &mut Model,
    resumed: Resumed,
    path: std::path::PathBuf,
) -> Result<Vec<Effect>, String> {
    let now = model.now;
    let session = Session::resume(resumed.saved, now)?;
    let settings = &model.settings;
    let mut run = Run::new(
        session,
        settings.archive_dir.clone(),
        settings.fallback_dir.clone(),
    );
    run.saving.path = Some(path);
    let away = (now.wall - resumed.last_seen).to_std().unwrap_or_default();
    let mut flash = String::from(w::RESUMED);
    // A paused clock lost nothing while crit was closed: there is nothing to count.
    if !away.is_zero() && !run.session.is_paused() {
        // Said in whole seconds, rounded up: "closed for 0:01" rather than nothing.
        let secs = away.as_secs() + u64::from(away.subsec_nanos() > 0);
        run.away = Some((std::time::Duration::from_secs(secs), run.session.current()));
    }
    if let Some((kind, text)) = resumed.draft {
        if let Some(i) = run
            .session
            .step()
            .note_kinds
            .iter()
            .position(|k| *k == kind)
        {
            run.note_kind = i;
        }
        run.note.insert_str(&text);
        run.journal.draft = (kind, text);
        flash.push_str(&w::draft_back(crate::app::keymap::key_for(
            crate::app::keymap::TIMER,
            crate::app::keymap::Action::OpenNote,
        )));
    }
    if let Some(copy) = resumed.hand_edits {
        flash.push_str(&w::hand_edits_kept(&copy));
    }
    run.flash = Some(flash);
    let effects = save(&mut run, now);
    model.came_from_picker = false;
    model.resume_offer = None;
    model.screen = Screen::Run(Box::new(run));
    Ok(effects)
}
