//! Keys on the summary (saving again, the take-away, scrolling, quitting), and ending a
//! session, which opens it.

use ratatui::crossterm::event::KeyEvent;

use super::note::finish_typing;
use super::save;
use crate::app::keymap::{self, SummaryAction as A};
use crate::app::{Effect, Model, Picker, Record, Screen, Summary};
use crate::archive;
use crate::session::Status;

pub(super) fn key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Screen::Summary(summary) = &mut model.screen else {
        return Vec::new();
    };
    let last = summary.session.plan.len().saturating_sub(1);
    let unsaved = summary.saving.path.is_none() || summary.saving.unsaved;
    match keymap::action(keymap::summary_table(summary), &key) {
        // Quitting with notes saved nowhere needs a second press.
        Some(A::Quit) if unsaved && !summary.quit_warned => summary.quit_warned = true,
        Some(A::Quit) => model.quit = true,
        Some(A::TrySave) => {
            let s = &summary.session;
            let contents = archive::render(s, model.now);
            let private = archive::beside::render_private(s);
            let fallback = model.settings.fallback_dir.clone();
            return vec![match &summary.saving.path {
                Some(path) => Effect::Save {
                    path: path.clone(),
                    fallback,
                    contents,
                    private,
                    record: Record::Finished,
                },
                None => Effect::OpenArchive {
                    dir: model.settings.archive_dir.clone(),
                    fallback,
                    name: archive::file_name(s.started, &s.protocol.id, &s.roster.group),
                    contents,
                    private,
                    record: Record::Finished,
                },
            }];
        }
        // The presenter's take-away, written beside the saved session.
        Some(A::Takeaway) => {
            if let Some(path) = summary.saving.path.clone() {
                let reflection = archive::takeaway::reflection_steps(&summary.session.protocol);
                return vec![Effect::Takeaway {
                    session: path,
                    reflection,
                }];
            }
        }
        Some(A::Down) => summary.scroll = (summary.scroll + 1).min(last),
        Some(A::Up) => summary.scroll = summary.scroll.saturating_sub(1),
        Some(A::PageDown) => summary.scroll = (summary.scroll + 10).min(last),
        Some(A::PageUp) => summary.scroll = summary.scroll.saturating_sub(10),
        None => {}
    }
    Vec::new()
}

/// Ends the session: a typed but unsaved note is kept, the file is saved as complete
/// (or abandoned, if steps were never reached), and the summary opens.
pub(super) fn end_session(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    let screen = std::mem::replace(&mut model.screen, Screen::Picker(Picker::default()));
    let Screen::Run(mut run) = screen else {
        model.screen = screen;
        return Vec::new();
    };
    finish_typing(&mut run, now);
    let reached_end = run.session.is_last_step();
    run.session.finish(
        if reached_end {
            Status::Complete
        } else {
            Status::Abandoned
        },
        now,
    );
    let effects = save(&mut run, now);
    model.screen = Screen::Summary(Box::new(Summary {
        session: run.session,
        saving: run.saving,
        quit_warned: false,
        scroll: 0,
        shared: None,
        share_asked: false,
        takeaway: None,
    }));
    effects
}
