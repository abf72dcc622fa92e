//! Keys in the setup form: moving between fields, typing in them, and starting.

use ratatui::crossterm::event::KeyEvent;

use super::{single_line_input, start_session};
use crate::app::keymap::{self, SetupAction as S};
use crate::app::{Effect, Model, Picker, Screen, Setup};

pub(super) fn key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Screen::Setup(setup) = &mut model.screen else {
        return Vec::new();
    };
    let Some(action) = keymap::action(keymap::setup_table(model.came_from_picker), &key) else {
        setup.error = None;
        // Single-line fields: keys that would add a line are ignored.
        single_line_input(&mut setup.fields[setup.focus].input, key);
        return Vec::new();
    };
    let start = |setup: &mut Setup| setup.roster().map(|r| (setup.protocol.clone(), r));
    match action {
        S::Leave => {
            if model.came_from_picker {
                let selected = model
                    .library
                    .protocols
                    .iter()
                    .position(|s| s.protocol.id == setup.protocol.id)
                    .unwrap_or(0);
                model.screen = Screen::Picker(Picker {
                    selected,
                    ..Picker::default()
                });
            } else {
                model.quit = true;
            }
        }
        S::Quit => model.quit = true,
        S::NextField => setup.next_field(),
        S::PreviousField => setup.previous_field(),
        S::Enter if !setup.on_last_field() => {
            setup.error = None;
            setup.next_field();
        }
        S::Enter | S::Start => match start(setup) {
            Ok((protocol, roster)) => {
                let overlap = crate::app::setup::name_in_two_roles(&protocol, &roster);
                match overlap {
                    Some(warning) if !setup.overlap_shown => {
                        setup.overlap_shown = true;
                        setup.error = Some(warning);
                    }
                    _ => return start_session(model, protocol, roster),
                }
            }
            Err(problem) => setup.error = Some(problem),
        },
    }
    Vec::new()
}
