//! The projector view: the countdown in large digits, the step, whose turn, and the
//! speak/silent cue, for a screen the whole room can read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, safe};
use crate::session::{Now, Session};
use crate::text::clock;

pub fn draw(frame: &mut Frame, area: Rect, s: &Session, now: Now, theme: &Theme) {
    let c = s.countdown(now.at);
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
    let step = s.step();
    let mut top = vec![Line::styled(
        format!(
            "{}/{}  {}",
            s.current() + 1,
            s.plan.len(),
            safe(&step.full_name())
        ),
        theme.title(),
    )];
    if let Some((_, name)) = s.turn() {
        top.push(Line::styled(
            format!("Speaks now: {}", safe(name)),
            theme.speak(),
        ));
    }
    let mut bottom = Vec::new();
    let status = if c.is_over() {
        Line::styled(" OVER TIME ", theme.over())
    } else if s.is_paused() {
        Line::styled("PAUSED", theme.warning())
    } else if theme.warning && c.is_warning() {
        Line::styled("Last minute", theme.warning())
    } else {
        Line::raw(format!("left of {}", clock((c.allowance_ms / 1000) as u64)))
    };
    bottom.push(status);
    if s.turn().is_none() && !step.speakers.is_empty() {
        let who: Vec<String> = step
            .speakers
            .iter()
            .map(|p| {
                if p.names.is_empty() {
                    p.label.clone()
                } else {
                    p.names.join(", ")
                }
            })
            .collect();
        bottom.push(Line::styled(
            format!("Speak: {}", safe(&who.join(" · "))),
            theme.speak(),
        ));
    }
    for p in &step.silent {
        let who = if p.names.is_empty() {
            p.label.clone()
        } else {
            p.names.join(", ")
        };
        bottom.push(Line::styled(
            format!("Silent: {}", safe(&who)),
            theme.silent(),
        ));
    }
    let digit_height = size.map(|(_, _, h)| h).unwrap_or(1);
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
}
