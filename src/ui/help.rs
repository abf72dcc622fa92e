//! The help screen (`?`), drawn from the same key tables that handle the keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use crate::app::keymap;
use crate::words::screen as w;

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut timer = vec![Line::styled(w::HELP_TIMER, theme.title())];
    for (keys, label) in keymap::help_rows(keymap::TIMER) {
        timer.push(row(keys, label, theme));
    }
    let mut note = vec![Line::styled(w::HELP_NOTE, theme.title())];
    for (k, l) in keymap::help_rows(keymap::NOTE) {
        note.push(row(k, l, theme));
    }
    note.push(Line::raw(""));
    note.push(Line::styled(
        w::only_next_moves(keymap::key_for(keymap::TIMER, keymap::Action::Next)),
        theme.dim(),
    ));
    // Keep the footer row visible under the help.
    let above_footer = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let one_column = timer.len() + note.len() + 2;
    let block = theme.block(w::help_title(&keymap::keys_said(
        keymap::HELP,
        keymap::Confirm::No,
    )));
    if one_column as u16 <= above_footer.height || area.width < 60 {
        timer.extend(note);
        let popup = super::popup(frame, above_footer, 52, one_column as u16);
        frame.render_widget(
            Paragraph::new(timer)
                .wrap(Wrap { trim: false })
                .block(block),
            popup,
        );
        return;
    }
    // Too tall for the window: the note box's keys go beside the timer keys.
    let height = timer.len().max(note.len()) as u16 + 2;
    let popup = super::popup(frame, above_footer, 80, height);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [left, right] =
        Layout::horizontal([Constraint::Length(35), Constraint::Min(10)]).areas(inner);
    frame.render_widget(Paragraph::new(timer), left);
    frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: false }), right);
}

fn row(keys: &str, label: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{keys:>10}  "), theme.key()),
        Span::raw(label.to_string()),
    ])
}
