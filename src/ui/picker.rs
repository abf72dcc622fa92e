//! The protocol picker: the list on the left, the chosen protocol's outline on the right,
//! and any file that was skipped, with the reason.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::{Theme, footer, safe};
use crate::app::keymap::{self, PickerAction};
use crate::app::{Model, Picker};
use crate::protocol::{Entry, Library, Repeat};
use crate::times::minutes;
use crate::words::screen as w;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, picker: &Picker, theme: &Theme) {
    let lib = &model.library;
    let skipped = u16::from(!lib.skipped.is_empty())
        + u16::from(model.resume_offer.is_some())
        + u16::from(model.status.is_some());
    let [head, body, warn, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(skipped),
        Constraint::Length(1),
    ])
    .areas(area);
    let visible = picker.visible(lib);
    let heading = match &picker.filter {
        Some(f) => Line::from(vec![
            Span::styled(w::FIND, theme.title()),
            Span::raw(safe(f)),
            Span::styled("▏", theme.key()),
            Span::styled(w::found_of(visible.len(), lib.protocols.len()), theme.dim()),
        ]),
        None => Line::styled(w::PICKER_TITLE, theme.title()),
    };
    frame.render_widget(Paragraph::new(heading), head);
    let totals: Vec<String> = lib
        .protocols
        .iter()
        .map(|s| {
            w::minutes(&minutes(
                (s.protocol.typical_total_secs() as f64 / 60.0).round(),
            ))
        })
        .collect();
    // Wide enough for the longest name and time (borders, the mark and a space), while
    // leaving the outline beside it some room.
    let needed = lib
        .protocols
        .iter()
        .zip(&totals)
        .map(|(s, t)| Span::raw(safe(&s.protocol.name)).width() + t.len() + 4)
        .max()
        .unwrap_or(38) as u16;
    let [list_area, detail_area] = if area.width >= 70 {
        Layout::horizontal([
            Constraint::Length(needed.clamp(38, area.width * 3 / 5)),
            Constraint::Min(20),
        ])
        .areas(body)
    } else {
        Layout::vertical([Constraint::Min(3), Constraint::Length(0)]).areas(body)
    };
    let items: Vec<ListItem> = visible
        .iter()
        .map(|&i| {
            let total = &totals[i];
            let room = (list_area.width as usize).saturating_sub(total.len() + 4);
            let name = crate::text::fit(&safe(&lib.protocols[i].protocol.name), room);
            ListItem::new(format!("{name} {total}"))
        })
        .collect();
    let shown = visible.iter().position(|&i| i == picker.selected);
    let mut state = ListState::default().with_selected(shown);
    let list = List::new(items)
        .block(theme.block(w::PROTOCOLS_TITLE))
        .highlight_style(theme.selected())
        .highlight_symbol("▶");
    frame.render_stateful_widget(list, list_area, &mut state);
    if visible.is_empty() {
        let inner = theme.block("").inner(list_area);
        frame.render_widget(
            Paragraph::new(Line::styled(
                w::no_match(keymap::key_for(keymap::PICKER_FILTER, PickerAction::Clear)),
                theme.dim(),
            ))
            .wrap(Wrap { trim: true }),
            inner,
        );
    }
    if detail_area.width > 0
        && shown.is_some()
        && let Some(source) = lib.protocols.get(picker.selected)
    {
        detail(frame, detail_area, source, theme);
    }
    let mut notices = Vec::new();
    if let Some((_, what)) = &model.resume_offer {
        // The key stays in view: the description is what gets cut.
        let key = w::resumes_it(keymap::key_for(keymap::PICKER, PickerAction::Resume));
        let lead = w::UNFINISHED;
        let room = (area.width as usize).saturating_sub(lead.len() + key.len());
        notices.push(Line::from(vec![
            Span::styled(lead, theme.warning()),
            Span::raw(crate::text::truncate(&safe(what), room)),
            Span::styled(key, theme.key()),
        ]));
    }
    if let Some(status) = &model.status {
        notices.push(Line::styled(safe(status), theme.error()));
    }
    if !lib.skipped.is_empty() {
        let show = keymap::key_for(keymap::PICKER, PickerAction::Skipped);
        let text = w::skipped_files(lib.skipped.len(), show);
        notices.push(Line::styled(text, theme.warning()));
    }
    frame.render_widget(Paragraph::new(notices), warn);
    footer(frame, foot, &keymap::footer(model), theme);
    if picker.show_skipped {
        skipped_popup(frame, area, lib, theme);
    }
}

fn detail(frame: &mut Frame, area: Rect, source: &crate::protocol::Source, theme: &Theme) {
    let p = &source.protocol;
    let mut lines = vec![Line::styled(safe(&p.name), theme.title())];
    if !p.summary.is_empty() {
        lines.push(Line::raw(safe(&p.summary)));
    }
    lines.push(Line::raw(""));
    let roles: Vec<String> = p.roles.iter().map(|r| safe(&r.label)).collect();
    lines.push(Line::from(vec![
        Span::styled(w::ROLES, theme.dim()),
        Span::raw(roles.join(", ")),
    ]));
    let total = source.protocol.typical_total_secs();
    let sizes = p.typical_sizes();
    let typical = if sizes.is_empty() {
        String::new()
    } else {
        w::with_sizes(&safe(&sizes.join(", ")))
    };
    let total_min = minutes((total as f64 / 60.0).round());
    lines.push(Line::from(vec![
        Span::styled(w::TIME, theme.dim()),
        Span::raw(w::about_minutes(&total_min, &typical)),
    ]));
    lines.push(Line::raw(""));
    let mut n = 0;
    for entry in &p.steps {
        match entry {
            Entry::Step(s) => {
                n += 1;
                lines.push(step_line(n, &s.name, s.minutes.planned, s.turns.is_some()));
            }
            Entry::Block(b) => {
                let times = match &b.repeat {
                    Repeat::EachOf(role) => w::once_for_each(
                        &p.role(role)
                            .map(|r| r.label.to_lowercase())
                            .unwrap_or(role.clone()),
                    ),
                    Repeat::Times(k) => w::times(*k),
                };
                lines.push(Line::styled(
                    w::repeats(&safe(&b.name), &times),
                    theme.dim(),
                ));
                for s in &b.steps {
                    n += 1;
                    lines.push(step_line(n, &s.name, s.minutes.planned, s.turns.is_some()));
                }
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(w::SOURCE, theme.dim()),
        Span::raw(safe(&p.source)),
    ]));
    lines.push(Line::from(vec![
        Span::styled(w::FILE, theme.dim()),
        Span::raw(safe(&source.path)),
    ]));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(theme.block(w::ABOUT_TITLE)),
        area,
    );
}

fn step_line(n: usize, name: &str, planned: f64, per_turn: bool) -> Line<'static> {
    Line::raw(w::outline_step(n, &safe(name), &minutes(planned), per_turn))
}

fn skipped_popup(frame: &mut Frame, area: Rect, lib: &Library, theme: &Theme) {
    let mut lines = Vec::new();
    for s in &lib.skipped {
        for p in &s.problems {
            lines.push(Line::raw(safe(&p.to_string())));
        }
    }
    if lines.is_empty() {
        lines.push(Line::raw(w::NONE_SKIPPED));
    }
    // Messages wrap: give each the rows it needs at this width.
    let width = area.width.saturating_sub(4);
    let inner = width.saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    // The footer row stays in view below it (it says how to close the pop-up).
    let above_footer = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let popup = super::popup(frame, above_footer, width, rows as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(theme.block(w::skipped_title(keymap::first_key_for(
                keymap::SKIPPED,
                PickerAction::Skipped,
            )))),
        popup,
    );
}
