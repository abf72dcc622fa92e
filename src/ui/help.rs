//! The help screen (`?`), drawn from the same key tables that handle the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use crate::app::keymap;

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = vec![Line::styled("Timer keys", theme.title())];
    for b in keymap::TIMER {
        lines.push(row(b.keys, b.label, theme));
    }
    lines.push(row("Ctrl+C", "end (asks first)", theme));
    lines.push(Line::styled("In the note box", theme.title()));
    for (k, l) in keymap::NOTE {
        lines.push(row(k, l, theme));
    }
    lines.push(Line::styled(
        "Only n moves on (unless auto_advance is on).",
        theme.dim(),
    ));
    // Keep the footer row visible under the help.
    let above_footer = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let popup = super::popup(frame, above_footer, 52, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(theme.block(" Help · Esc or ? closes ")),
        popup,
    );
}

fn row(keys: &str, label: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{keys:>10}  "), theme.key()),
        Span::raw(label.to_string()),
    ])
}
