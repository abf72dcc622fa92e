//! The public view, in large type: the countdown in big digits, the step, whose turn, who
//! speaks and who is silent, and the focusing question, for a screen the whole room can read. The projector
//! view (`b`) and `crit mirror` both draw it; neither ever shows notes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, safe};
use crate::app::Live;
use crate::session::Countdown;
use crate::times::clock;
use crate::words::screen as w;

/// Draws `live` with countdown `c`; `hint` is the one line of keys at the bottom.
pub fn draw(frame: &mut Frame, area: Rect, live: &Live, c: Countdown, hint: &str, theme: &Theme) {
    let digits = if c.is_over() {
        format!("+{}", clock(c.shown_secs()))
    } else {
        clock(c.shown_secs())
    };
    let width = digits.chars().count() as u16 * 8;
    // The question keeps the rows it needs in plain type (and a blank line above it).
    let question = live.question.as_deref().map(safe);
    let question_plain = question
        .as_deref()
        .map(|q| wrap_words(q, area.width as usize))
        .unwrap_or_default();
    let question_reserve = if question_plain.is_empty() {
        0
    } else {
        (question_plain.len() as u16 + 1).min(area.height / 3)
    };
    let height = area.height.saturating_sub(question_reserve);
    // The largest pixel size that fits the digits and leaves room for the cues.
    let size = [
        (PixelSize::Full, width, 8),
        (PixelSize::HalfHeight, width, 4),
        (PixelSize::Quadrant, width / 2, 4),
    ]
    .into_iter()
    .find(|(_, w, h)| *w <= area.width && *h + 4 <= height);
    // On a big screen, each pixel of the font becomes a block of cells, to fill it.
    let rows_for_digits = height.saturating_sub(10);
    let scale = (area.width / width.max(1)).min(rows_for_digits / 8);
    let mut top = vec![Line::styled(
        format!("{}/{}  {}", live.step, live.steps, safe(&live.step_name)),
        theme.title(),
    )];
    if let Some(name) = &live.turn {
        let next = live
            .next_turn
            .as_ref()
            .map(|n| w::next_turn(&safe(n)))
            .unwrap_or_default();
        top.push(Line::styled(
            w::speaks_now(&safe(name), &next),
            theme.speak(),
        ));
    }
    let mut bottom = Vec::new();
    let status = if c.is_over() && live.paused {
        // Paused in overtime: the room must see both, or the frozen digits mislead.
        Line::from(vec![
            Span::styled(w::OVER_TIME_BADGE, theme.over()),
            Span::styled(w::AND_PAUSED, theme.warning()),
        ])
    } else if c.is_over() {
        Line::styled(w::OVER_TIME_BADGE, theme.over())
    } else if live.paused {
        Line::styled(w::PAUSED, theme.warning())
    } else if theme.warning && c.is_warning() {
        Line::styled(w::LAST_MINUTE, theme.warning())
    } else {
        Line::raw(w::of_allowance(&clock(
            (c.allowance_ms / 1000).max(0) as u64
        )))
    };
    bottom.push(status);
    if live.turn.is_none() && !live.speak.is_empty() {
        bottom.push(Line::styled(
            w::speak(&safe(&live.speak.join(" · "))),
            theme.speak(),
        ));
    }
    for who in &live.silent {
        bottom.push(Line::styled(w::silent(&safe(who)), theme.silent()));
    }
    let digit_height = if scale >= 2 {
        8 * scale
    } else {
        size.map(|(_, _, h)| h).unwrap_or(1)
    };
    let hint_row = u16::from(area.height > digit_height + 8 + question_reserve);
    let used = top.len() as u16 + digit_height + 1 + bottom.len() as u16 + hint_row;
    let spare = area.height.saturating_sub(used + question_reserve);
    // In large type when the window has the rows for it, otherwise as plain lines.
    // The largest type whose lines fit the rows left (whole cells, then half, then
    // quarter cells per dot of the font).
    let room = question_reserve + spare;
    let question_big = question.as_deref().filter(|q| q.is_ascii()).and_then(|q| {
        [
            (PixelSize::Full, 8u16, 8u16),
            (PixelSize::HalfHeight, 8, 4),
            (PixelSize::Quadrant, 4, 4),
        ]
        .into_iter()
        .map(|(size, w, h)| (size, h, wrap_words(q, (area.width / w) as usize)))
        .find(|(_, h, lines)| !lines.is_empty() && (lines.len() as u16) * h < room)
    });
    let question_rows = match &question_big {
        Some((_, h, lines)) => lines.len() as u16 * h + 1,
        None => question_reserve,
    };
    let body = Rect {
        height: area.height - hint_row,
        ..area
    };
    let [t, d, b, q] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Length(digit_height + 1),
        Constraint::Length(bottom.len() as u16),
        Constraint::Length(question_rows),
    ])
    .flex(Flex::Center)
    .areas(body);
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
    let q = Rect {
        y: q.y + 1,
        height: q.height.saturating_sub(1),
        ..q
    };
    match question_big {
        Some((size, _, lines)) => {
            let big = BigText::builder()
                .pixel_size(size)
                .style(theme.title())
                .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
                .centered()
                .build();
            frame.render_widget(big, q);
        }
        None if !question_plain.is_empty() => {
            let lines: Vec<Line> = question_plain
                .into_iter()
                .map(|l| Line::styled(l, theme.title()))
                .collect();
            frame.render_widget(Paragraph::new(lines).centered(), q);
        }
        None => {}
    }
    if hint_row > 0 {
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

/// `text` in lines of at most `width` characters, broken between words (a word longer
/// than a line is cut into pieces).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let gap = usize::from(used > 0);
            if used + gap + word.len() <= width {
                if gap > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than the line: as much as fits, and the rest on the next.
            let rest = word.split_off(width);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
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
        Line::styled(w::NO_SESSION, theme.title()),
        Line::raw(""),
        Line::raw(w::MIRROR_WAITS),
        Line::styled(crate::app::keymap::mirror_hint(), theme.dim()),
    ];
    let [mid] = Layout::vertical([Constraint::Length(4)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        mid,
    );
}
