//! The public view, in large type: the countdown in big digits, the step, whose turn, and
//! who speaks and who is silent, for a screen the whole room can read. The projector
//! view (`b`) and `crit mirror` both draw it; neither ever shows notes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, safe};
use crate::app::Live;
use crate::session::Countdown;
use crate::text::clock;

/// Draws `live` with countdown `c`; `hint` is the one line of keys at the bottom.
pub fn draw(frame: &mut Frame, area: Rect, live: &Live, c: Countdown, hint: &str, theme: &Theme) {
    let digits = if c.is_over() {
        format!("+{}", clock(c.shown_secs()))
    } else {
        clock(c.shown_secs())
    };
    let width = digits.chars().count() as u16 * 8;
    // The largest pixel size that fits the digits and leaves room for the cues.
    let size = [
        (PixelSize::Full, width, 8),
        (PixelSize::HalfHeight, width, 4),
        (PixelSize::Quadrant, width / 2, 4),
    ]
    .into_iter()
    .find(|(_, w, h)| *w <= area.width && *h + 4 <= area.height);
    // On a big screen, each pixel of the font becomes a block of cells, to fill it.
    let rows_for_digits = area.height.saturating_sub(10);
    let scale = (area.width / width.max(1)).min(rows_for_digits / 8);
    let mut top = vec![Line::styled(
        format!("{}/{}  {}", live.step, live.steps, safe(&live.step_name)),
        theme.title(),
    )];
    if let Some(name) = &live.turn {
        let next = live
            .next_turn
            .as_ref()
            .map(|n| format!("   next: {}", safe(n)))
            .unwrap_or_default();
        top.push(Line::styled(
            format!("Speaks now: {}{next}", safe(name)),
            theme.speak(),
        ));
    }
    let mut bottom = Vec::new();
    let status = if c.is_over() {
        Line::styled(" OVER TIME ", theme.over())
    } else if live.paused {
        Line::styled("PAUSED", theme.warning())
    } else if theme.warning && c.is_warning() {
        Line::styled("Last minute", theme.warning())
    } else {
        Line::raw(format!(
            "of {}",
            clock((c.allowance_ms / 1000).max(0) as u64)
        ))
    };
    bottom.push(status);
    if live.turn.is_none() && !live.speak.is_empty() {
        bottom.push(Line::styled(
            format!("Speak: {}", safe(&live.speak.join(" · "))),
            theme.speak(),
        ));
    }
    for who in &live.silent {
        bottom.push(Line::styled(
            format!("Silent: {}", safe(who)),
            theme.silent(),
        ));
    }
    let digit_height = if scale >= 2 {
        8 * scale
    } else {
        size.map(|(_, _, h)| h).unwrap_or(1)
    };
    let [t, d, b] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Length(digit_height + 1),
        Constraint::Length(bottom.len() as u16),
    ])
    .flex(Flex::Center)
    .areas(area);
    frame.render_widget(Paragraph::new(top).centered().wrap(Wrap { trim: true }), t);
    let style = if c.is_over() {
        theme.over()
    } else if theme.warning && c.is_warning() {
        theme.warning()
    } else {
        theme.speak()
    };
    match size {
        Some(_) if scale >= 2 => scaled_digits(frame, d, &digits, width, scale, style),
        Some((pixel_size, _, _)) => {
            let big = BigText::builder()
                .pixel_size(pixel_size)
                .style(style)
                .lines(vec![digits.into()])
                .centered()
                .build();
            frame.render_widget(big, d);
        }
        None => frame.render_widget(Paragraph::new(Line::styled(digits, style)).centered(), d),
    }
    frame.render_widget(
        Paragraph::new(bottom).centered().wrap(Wrap { trim: true }),
        b,
    );
    if area.height > digit_height + 8 {
        let row = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Line::styled(hint.to_string(), theme.dim())).centered(),
            row,
        );
    }
}

/// Draws `digits` in the 8×8 font with each pixel `scale` cells wide and high, centred.
fn scaled_digits(
    frame: &mut Frame,
    area: Rect,
    digits: &str,
    width: u16,
    scale: u16,
    style: ratatui::style::Style,
) {
    let small = Rect::new(0, 0, width, 8);
    let mut glyphs = ratatui::buffer::Buffer::empty(small);
    let big = BigText::builder()
        .pixel_size(PixelSize::Full)
        .style(style)
        .lines(vec![digits.into()])
        .build();
    ratatui::widgets::Widget::render(big, small, &mut glyphs);
    let left = area.x + area.width.saturating_sub(width * scale) / 2;
    let buf = frame.buffer_mut();
    for y in 0..8u16 {
        for x in 0..width {
            let Some(cell) = glyphs.cell((x, y)) else {
                continue;
            };
            for dy in 0..scale {
                for dx in 0..scale {
                    let (cx, cy) = (left + x * scale + dx, area.y + y * scale + dy);
                    if cx < area.right()
                        && cy < area.bottom()
                        && let Some(target) = buf.cell_mut((cx, cy))
                    {
                        *target = cell.clone();
                    }
                }
            }
        }
    }
}

/// The mirror when no session is running.
pub fn waiting(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::styled("No session is running.", theme.title()),
        Line::raw(""),
        Line::raw("This window shows the session as soon as one starts on this computer."),
        Line::styled("q quits the mirror", theme.dim()),
    ];
    let [mid] = Layout::vertical([Constraint::Length(4)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        mid,
    );
}
