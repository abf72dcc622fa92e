//! The setup form: one labelled line per field, the focused one highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, footer, safe};
use crate::app::Setup;
use crate::app::keymap;

pub fn draw(frame: &mut Frame, area: Rect, setup: &Setup, from_picker: bool, theme: &Theme) {
    let [head, form, error, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let title = crate::words::screen::setup_title(&safe(&setup.protocol.name));
    frame.render_widget(Paragraph::new(Line::styled(title, theme.title())), head);
    let label_width = setup
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(10)
        .min(24) as u16
        + 3;
    let rows = Layout::vertical(setup.fields.iter().map(|_| Constraint::Length(2))).split(form);
    for (i, (field, row)) in setup.fields.iter().zip(rows.iter()).enumerate() {
        let [label, input] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(5)]).areas(*row);
        let focused = i == setup.focus;
        let style = if focused { theme.key() } else { theme.dim() };
        let mark = if focused { "▶ " } else { "  " };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{mark}{}", safe(&field.label)), style)),
            label,
        );
        let [line, _] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(input);
        if focused {
            frame.render_widget(&field.input, line);
        } else {
            let value = field.value();
            // A hint may take the row's second line rather than be cut.
            let shown = if value.is_empty() {
                Paragraph::new(Span::styled(safe(&field.hint), theme.dim()))
                    .wrap(ratatui::widgets::Wrap { trim: true })
            } else {
                Paragraph::new(Span::raw(safe(&value)))
            };
            frame.render_widget(shown, if value.is_empty() { input } else { line });
        }
    }
    if let Some(e) = &setup.error {
        frame.render_widget(Paragraph::new(Span::styled(safe(e), theme.error())), error);
    }
    let hints = keymap::footer_hints(keymap::setup_table(from_picker), setup.on_last_field());
    footer(frame, foot, &hints, theme);
}
