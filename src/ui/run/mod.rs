//! The run screen: how the step, who speaks, the panels and the note box share the
//! window (a full layout, or a compact one below 60×20), the header and the footer. The
//! parts are in [`step`] (the step and its countdown, who speaks and who is silent),
//! [`panels`] (guide, steps, notes) and [`dialogs`] (what opens over them).

mod dialogs;
mod panels;
mod step;

use dialogs::*;
use panels::*;
use step::*;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::PixelSize;

use crate::app::{Mode, Run, keymap};
use crate::session::{Now, Session};
use crate::times::clock;
use crate::ui::{Theme, footer, help, projector, safe};
use crate::words::screen as w;

pub fn draw(frame: &mut Frame, area: Rect, run: &Run, now: Now, theme: &Theme) {
    if run.projector {
        let live = crate::app::Live::from_session(&run.session, now);
        // The keys of the dialog in front, when one is open: as many as fit the line.
        let ranked: Vec<(&str, &str, u8)> = keymap::run_footer(run)
            .iter()
            .map(|h| (h.short, h.label, h.rank))
            .collect();
        let hint: Vec<String> = crate::ui::fit_hints_apart(&ranked, area.width as usize, 3)
            .iter()
            .map(|(k, l)| format!("{k} {l}"))
            .collect();
        let hint = hint.join(" · ");
        projector::draw(
            frame,
            area,
            &live,
            run.session.countdown(now.at),
            &hint,
            theme,
        );
    } else if area.width >= 60 && area.height >= 20 {
        full(frame, area, run, now, theme);
    } else {
        compact(frame, area, run, now, theme);
    }
    match run.mode {
        Mode::Help => help::draw(frame, area, theme),
        Mode::ConfirmEnd => confirm(frame, area, &run.session, theme),
        Mode::EndTime => end_time(frame, area, run, theme),
        Mode::Restate => restate(frame, area, run, theme),
        Mode::Fit => fit_popup(frame, area, run, theme),
        Mode::ConfirmDelete => confirm_delete(frame, area, run, theme),
        _ => {}
    }
}

fn full(frame: &mut Frame, area: Rect, run: &Run, now: Now, theme: &Theme) {
    let s = &run.session;
    let step = s.step();
    // Large digits when there is room: quarter-cell pixels from 80×24, half-cell pixels
    // when taller, whole cells (8 rows) on a large window.
    let digits = if area.height >= 34 && area.width >= 100 {
        Some((PixelSize::Full, 8))
    } else if area.height >= 28 && area.width >= 90 {
        Some((PixelSize::HalfHeight, 8))
    } else if area.height >= 22 {
        Some((PixelSize::Quadrant, 4))
    } else {
        None
    };
    let text_rows = 2 + u16::from(step.round.is_some()) + u16::from(step.is_go_round());
    let step_rows = match digits {
        Some((PixelSize::Full, _)) => text_rows.max(8),
        Some(_) => text_rows.max(4),
        None => text_rows,
    };
    let mut who = who_text(s, theme);
    who.lines
        .extend(question_line(s, area.width as usize, theme));
    let notice = notice_text(run, theme);
    let problem_lines = wrapped_height(&notice, area.width).min(3);
    // Taller windows give the extra rows to the notes, half of them at least.
    let extra = area.height.saturating_sub(24) / 2;
    let notes_height = if run.mode == Mode::Note { 7 } else { 4 } + extra;
    let [header, step_area, who_area, body, notes, message, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(step_rows + 2),
        // Long names wrap rather than being cut: who is silent must always be readable.
        Constraint::Length(wrapped_height(&who, area.width)),
        Constraint::Min(3),
        Constraint::Length(notes_height),
        Constraint::Length(problem_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    header_line(frame, header, s, now, theme);
    step_panel(frame, step_area, s, now, digits, theme);
    frame.render_widget(Paragraph::new(who).wrap(Wrap { trim: true }), who_area);
    let [guide, steps] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    guide_panel(frame, guide, s, theme);
    steps_panel(frame, steps, s, now, theme);
    notes_panel(frame, notes, run, theme);
    frame.render_widget(Paragraph::new(notice).wrap(Wrap { trim: true }), message);
    run_footer(frame, foot, run, theme);
}

/// Below 60×20: only what the room needs, top to bottom, as far as it fits.
fn compact(frame: &mut Frame, area: Rect, run: &Run, now: Now, theme: &Theme) {
    let s = &run.session;
    let step = s.step();
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{}/{} ", s.current() + 1, s.plan.len()),
            theme.dim(),
        ),
        Span::styled(safe(&step.full_name()), theme.title()),
    ])];
    lines.push(countdown_line(s, now, theme));
    lines.extend(who_text(s, theme).lines);
    lines.extend(question_line(s, area.width as usize, theme));
    if run.mode == Mode::Note {
        let kind = safe(&note_label(run));
        lines.push(Line::from(vec![
            Span::styled(w::compact_note(run.editing.is_some(), &kind), theme.key()),
            Span::raw(safe(&run.note.lines().join(" / "))),
        ]));
    }
    lines.extend(notice_text(run, theme).lines);
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
    run_footer(frame, foot, run, theme);
}

/// The keys that work now, as many as fit: in the timer view the key table's ranks decide,
/// so `q end` and `? help` are the last to go at any width.
fn run_footer(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    footer(frame, area, &keymap::run_footer(run), theme);
}

fn header_line(frame: &mut Frame, area: Rect, s: &Session, now: Now, theme: &Theme) {
    let (end_text, style) = projection(s, now, theme);
    let session = w::session_time(
        &clock(s.total_actual_secs(now.at)),
        &clock(s.allowed_total_secs()),
    );
    let time = format!("{} · ", now.wall.format("%H:%M"));
    let width = area.width as usize;
    let mut right = vec![
        Span::styled(session, theme.dim()),
        Span::raw(time),
        Span::styled(end_text, style),
    ];
    // The left side keeps room for the group's name: the session clock goes first, then
    // the time of day, before the name is cut.
    let wanted_left = 24.min(width / 2);
    while right.len() > 1 && Line::from(right.clone()).width() + wanted_left + 1 > width {
        right.remove(0);
    }
    let right = Line::from(right);
    let right_width = (right.width() + 1).min(width);
    let title = header_title(s, width.saturating_sub(right_width));
    let [left, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width as u16)])
            .areas(area);
    frame.render_widget(Paragraph::new(Span::styled(title, theme.title())), left);
    frame.render_widget(Paragraph::new(right.right_aligned()), right_area);
}

/// "Tuning Protocol · Grade 7 team" in `room` cells: the protocol's name is cut first (with
/// "…"), so the group's name stays as long as it can.
fn header_title(s: &Session, room: usize) -> String {
    let name = safe(&s.protocol.name);
    let group = safe(&s.roster.group);
    if group.is_empty() {
        return crate::text::truncate(&name, room);
    }
    let whole = format!("{name} · {group}");
    if Span::raw(whole.as_str()).width() <= room {
        return whole;
    }
    let group_width = Span::raw(group.as_str()).width();
    // Room for at least a few letters of the protocol's name, or the group alone.
    match room.checked_sub(group_width + 3) {
        Some(left) if left >= 6 => {
            format!("{} · {group}", crate::text::truncate(&name, left))
        }
        _ => crate::text::truncate(&group, room),
    }
}

/// "ends 16:34, 4 min late", measured against the end-by time or the plan.
pub fn projection(s: &Session, now: Now, theme: &Theme) -> (String, Style) {
    let end = s.projected_end(now);
    let late = (end - s.target_end()).num_seconds();
    let verdict = crate::times::lateness(late);
    // Late by a minute or more (what "on time" rounds away is not late).
    let style = if late >= 30 {
        theme.warning()
    } else {
        Style::new()
    };
    (
        w::ends_at(&end.format("%H:%M").to_string(), &verdict),
        style,
    )
}

/// The one message under the notes: a saving problem first, else the last key's message,
/// else (after a resume) how long crit was closed. Empty when there is none.
fn notice_text(run: &Run, theme: &Theme) -> Text<'static> {
    if let Some(p) = &run.saving.problem {
        return Text::from(Line::styled(safe(p), theme.error()));
    }
    let mut lines = Vec::new();
    if let Some(f) = &run.flash {
        lines.push(Line::styled(safe(f), theme.warning()));
    }
    if let Some((away, step)) = run.away
        && step == run.session.current()
    {
        lines.push(Line::from(vec![
            Span::styled(
                w::closed_for(&crate::times::clock(away.as_secs())),
                theme.warning(),
            ),
            Span::raw(" · "),
            Span::styled(
                keymap::key_for(keymap::TIMER, keymap::Action::CountAway),
                theme.key(),
            ),
            Span::raw(w::COUNTS_IT),
        ]));
    }
    Text::from(lines)
}

/// Rows `text` takes when wrapped at `width` by word, as ratatui draws it (an empty
/// text takes none).
fn wrapped_height(text: &Text<'_>, width: u16) -> u16 {
    if text.lines.is_empty() {
        return 0;
    }
    let rows = Paragraph::new(text.clone())
        .wrap(Wrap { trim: true })
        .line_count(width.max(1));
    u16::try_from(rows).unwrap_or(u16::MAX)
}
