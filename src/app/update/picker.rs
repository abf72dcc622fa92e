//! Keys in the protocol picker: moving, finding by typing, the skipped-files pop-up,
//! resuming an unfinished session, and opening the setup form.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::app::keymap::{self, PickerAction as P};
use crate::app::{Effect, Model, Picker, Prefill, Screen, Setup};
use crate::protocol::Library;

pub(super) fn key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Screen::Picker(picker) = &mut model.screen else {
        return Vec::new();
    };
    let Some(action) = keymap::action(keymap::picker_table(picker), &key) else {
        return Vec::new();
    };
    let visible = picker.visible(&model.library);
    let position = visible.iter().position(|&i| i == picker.selected);
    let last = visible.len().saturating_sub(1);
    let go = |to: usize| visible.get(to).copied();
    let moved = match action {
        // Up from the first goes round to the last, and down from the last to the first.
        P::Up => go(match position {
            Some(0) | None => last,
            Some(p) => p - 1,
        }),
        P::Down => go(match position {
            Some(p) if p < last => p + 1,
            _ => 0,
        }),
        P::First => go(0),
        P::Last => go(last),
        P::Filter => {
            picker.filter = Some(String::new());
            None
        }
        // Opens the pop-up when files were skipped, and closes it.
        P::Skipped => {
            picker.show_skipped = !picker.show_skipped && !model.library.skipped.is_empty();
            None
        }
        P::Resume => {
            if let Some((path, _)) = &model.resume_offer {
                return vec![Effect::LoadResume(path.clone())];
            }
            None
        }
        P::Pick => {
            open_setup(model);
            return Vec::new();
        }
        P::Quit => {
            model.quit = true;
            return Vec::new();
        }
        P::Type | P::Erase | P::Clear => {
            match (action, picker.filter.as_mut(), key.code) {
                (P::Type, Some(filter), KeyCode::Char(c)) => filter.push(c),
                (P::Erase, Some(filter), _) => {
                    filter.pop();
                }
                _ => picker.filter = None,
            }
            keep_choice_shown(picker, &model.library);
            None
        }
    };
    if let Some(i) = moved {
        picker.selected = i;
    }
    Vec::new()
}

/// Keeps the choice on a protocol the filter still shows.
pub(super) fn keep_choice_shown(picker: &mut Picker, library: &Library) {
    let visible = picker.visible(library);
    if !visible.contains(&picker.selected)
        && let Some(&first) = visible.first()
    {
        picker.selected = first;
    }
}

/// Opens the setup form for the protocol chosen in the picker (if the filter shows it).
pub(super) fn open_setup(model: &mut Model) {
    let Screen::Picker(picker) = &model.screen else {
        return;
    };
    if !picker.visible(&model.library).contains(&picker.selected) {
        return;
    }
    if let Some(source) = model.library.protocols.get(picker.selected) {
        let settings = &model.settings;
        let defaults = Prefill::from_defaults(
            &source.protocol,
            settings.default_group.as_deref(),
            &settings.default_names,
        );
        let setup = Setup::new(source.protocol.clone(), &defaults);
        model.came_from_picker = true;
        model.screen = Screen::Setup(Box::new(setup));
    }
}
