//! Drawing the model. Views read the model and never change it.

mod help;
mod picker;
pub mod projector;
mod run;
mod setup;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::keymap::Hint;
use crate::app::{Model, Screen};

/// Draws the whole screen.
pub fn view(model: &Model, frame: &mut Frame) {
    let theme = Theme {
        color: model.settings.color,
        warning: model.settings.warning,
    };
    let area = frame.area();
    if area.width < 20 || area.height < 4 {
        let msg = Paragraph::new(crate::words::screen::TOO_SMALL).wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    match &model.screen {
        Screen::Picker(p) => picker::draw(frame, area, model, p, &theme),
        Screen::Setup(s) => setup::draw(frame, area, s, model.came_from_picker, &theme),
        Screen::Run(r) => run::draw(frame, area, r, model.now, &theme),
        Screen::Summary(s) => summary::draw(frame, area, s, model.now, &theme),
    }
}

/// The `crit mirror` screen: the public view of the running session, or a wait message.
pub fn mirror_view(
    frame: &mut Frame,
    live: Option<&crate::app::Live>,
    wall: chrono::DateTime<chrono::FixedOffset>,
    theme: &Theme,
) {
    let area = frame.area();
    match live {
        Some(live) => projector::draw(
            frame,
            area,
            live,
            live.countdown_at(wall),
            &crate::app::keymap::mirror_hint(),
            theme,
        ),
        None => projector::waiting(frame, area, theme),
    }
}

/// Styles, with colour or (under `NO_COLOR`) with weight and underline only. Meaning is
/// never carried by colour alone: every coloured state also has words.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    /// Mark the last minute of a countdown (the config's `warning`).
    pub warning: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn speak(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn silent(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn over(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::White).bg(Color::Red)
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Black).bg(Color::Cyan)
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn block(&self, title: impl Into<Line<'static>>) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .border_style(self.dim())
            .title(title.into().style(self.title()))
    }
}

/// The footer: the keys that work right now, from the key table in front. As many as
/// fit on the line, most needed (lowest rank) first, shown in the table's order.
pub fn footer(frame: &mut Frame, area: Rect, hints: &[Hint], theme: &Theme) {
    let ranked: Vec<(&str, &str, u8)> = hints.iter().map(|h| (h.short, h.label, h.rank)).collect();
    let mut spans = Vec::new();
    for (i, (key, label)) in fit_hints(&ranked, area.width as usize).iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme.dim()));
        }
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hints that fit in `width` cells ("key label", two spaces apart): the lowest ranks,
/// up to the first that does not fit, shown in their given order.
pub fn fit_hints<'a>(hints: &[(&'a str, &'a str, u8)], width: usize) -> Vec<(&'a str, &'a str)> {
    fit_hints_apart(hints, width, 2)
}

/// [`fit_hints`] with `gap` cells between hints (the projector's ` · ` takes three).
pub fn fit_hints_apart<'a>(
    hints: &[(&'a str, &'a str, u8)],
    width: usize,
    gap: usize,
) -> Vec<(&'a str, &'a str)> {
    let mut by_rank: Vec<usize> = (0..hints.len()).collect();
    by_rank.sort_by_key(|&i| hints[i].2);
    let mut keep = vec![false; hints.len()];
    let (mut used, mut count) = (0usize, 0usize);
    for i in by_rank {
        let (k, l, _) = hints[i];
        let w = Span::raw(k).width() + 1 + Span::raw(l).width() + if count > 0 { gap } else { 0 };
        // Strictly by rank: a less needed key never takes the place of a more needed one.
        if used + w > width {
            break;
        }
        keep[i] = true;
        used += w;
        count += 1;
    }
    hints
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((k, l, _), _)| (*k, *l))
        .collect()
}

/// A box of `width`×`height` cells centred in `area` (shrunk to fit), cleared.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, cell);
    cell
}

/// Text from a file or a person, made safe for the terminal, on one line.
pub fn safe(s: &str) -> String {
    crate::text::line(s)
}
