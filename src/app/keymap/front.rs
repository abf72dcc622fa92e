//! Which key table is in front: `update` dispatches from it, and the footer draws the
//! same table's hints, so the keys a footer shows are the keys that work.

use super::{
    Binding, CONFIRM_DELETE, CONFIRM_END, END_TIME, FIT, HELP, Key, NOTE, PICKER, PICKER_FILTER,
    PROJECTOR, PickerAction, RESTATE, SETUP, SETUP_FROM_RUN, SKIPPED, SUMMARY_SAVED,
    SUMMARY_UNSAVED, SetupAction, SummaryAction, TIMER,
};
use crate::app::{Mode, Model, Picker, Run, Screen, Summary};

/// A key hint for a footer: the keys it stands for, how the footer writes them, what
/// they do, and how much it is needed (the lowest rank is the last to go when the line
/// is short of room).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub keys: &'static [Key],
    pub short: &'static str,
    pub label: &'static str,
    pub rank: u8,
}

/// The picker's table: the skipped-files pop-up, the filter being typed, or the list.
pub fn picker_table(picker: &Picker) -> &'static [Binding<PickerAction>] {
    if picker.show_skipped {
        SKIPPED
    } else if picker.filter.is_some() {
        PICKER_FILTER
    } else {
        PICKER
    }
}

/// The setup form's table: Esc goes back to the picker, or quits a session of `crit run`.
pub fn setup_table(came_from_picker: bool) -> &'static [Binding<SetupAction>] {
    if came_from_picker {
        SETUP
    } else {
        SETUP_FROM_RUN
    }
}

/// The summary's table: quitting asks twice while the notes are saved nowhere.
pub fn summary_table(summary: &Summary) -> &'static [Binding<SummaryAction>] {
    if summary.saving.path.is_none() || summary.saving.unsaved {
        SUMMARY_UNSAVED
    } else {
        SUMMARY_SAVED
    }
}

/// The footer of what is in front, from its key table.
pub fn footer(model: &Model) -> Vec<Hint> {
    match &model.screen {
        Screen::Picker(p) => super::hints(picker_table(p), false, |a| match a {
            PickerAction::Resume => model.resume_offer.is_some(),
            PickerAction::Skipped => !model.library.skipped.is_empty(),
            _ => true,
        }),
        Screen::Setup(s) => {
            super::footer_hints(setup_table(model.came_from_picker), s.on_last_field())
        }
        Screen::Run(r) => run_footer(r),
        Screen::Summary(s) => super::footer_hints(summary_table(s), false),
    }
}

/// The run screen's footer: the timer keys (with "resume" while paused; in the projector
/// view, the few it names), or those of the note box or dialog that is open.
pub fn run_footer(run: &Run) -> Vec<Hint> {
    match run.mode {
        Mode::Timer if run.projector => projector_hints(run.session.is_paused()),
        Mode::Timer => super::footer_hints(TIMER, run.session.is_paused()),
        Mode::Note => super::footer_hints(NOTE, run.editing.is_some()),
        Mode::ConfirmEnd => super::footer_hints(CONFIRM_END, false),
        Mode::ConfirmDelete => super::footer_hints(CONFIRM_DELETE, false),
        Mode::Help => super::footer_hints(HELP, false),
        Mode::Fit => super::footer_hints(FIT, false),
        Mode::EndTime => super::footer_hints(END_TIME, false),
        Mode::Restate => super::footer_hints(RESTATE, false),
    }
}

/// The keys the projector view names on its last line, in this order, with the labels
/// for `paused` (space then says "resume").
pub fn projector_hints(paused: bool) -> Vec<Hint> {
    PROJECTOR
        .iter()
        .filter_map(|a| TIMER.iter().find(|b| b.action == *a))
        .enumerate()
        .map(|(i, b)| Hint {
            keys: b.keys,
            short: b.short,
            label: b.label(paused),
            rank: i as u8,
        })
        .collect()
}
