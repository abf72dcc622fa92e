//! The run screen: the step, its countdown, who speaks and who is silent, the guide, the
//! list of steps, this step's notes and the note box.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, footer, help, projector, safe};
use crate::app::{Mode, Run, keymap};
use crate::session::{Countdown, Now, Session};
use crate::text::clock;

pub fn draw(frame: &mut Frame, area: Rect, run: &Run, now: Now, theme: &Theme) {
    if run.projector {
        let live = crate::app::Live::from_session(&run.session, now);
        // The keys of the dialog in front, when one is open.
        let hint: Vec<String> = keymap::run_footer(run)
            .iter()
            .map(|h| format!("{} {}", h.short, h.label))
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

fn restate(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let popup = super::popup(frame, area, 70, 9);
    let block = theme.block(" Restate the focusing question ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [ask, input] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let s = &run.session;
    let original = match &s.roster.restated {
        Some(r) => format!("Now: {}", safe(r)),
        None => format!("Now: {}", safe(&s.roster.question)),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(original, theme.dim())).wrap(Wrap { trim: true }),
        ask,
    );
    frame.render_widget(&run.restate_input, input);
}

fn end_time(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let popup = super::popup(frame, area, 64, 6);
    let block = theme.block(" End time ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [ask, input, _, problem] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    frame.render_widget(Paragraph::new("When must the meeting end? (HH:MM)"), ask);
    frame.render_widget(&run.end_input, input);
    if let Some(f) = &run.flash {
        frame.render_widget(
            Paragraph::new(Span::styled(safe(f), theme.error())),
            problem,
        );
    }
}

/// The proposed plan: each remaining step's time now and fitted, and where it ends.
fn fit_popup(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let Some((_, plan)) = &run.fit else { return };
    let s = &run.session;
    let end = s
        .roster
        .end_by
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let mut lines = vec![
        Line::styled(
            format!("Fit the rest of the session to end at {end}"),
            theme.title(),
        ),
        Line::raw(""),
    ];
    let width = area.width.saturating_sub(4).min(70) as usize;
    let name_width = width.saturating_sub(22);
    for (offset, secs) in plan.secs.iter().enumerate() {
        let i = s.current() + offset;
        let Some(step) = s.plan.get(i) else { break };
        let before = s.allowance_secs(i).max(0) as u64;
        let after = u64::from(*secs);
        let mark = if step.protected { " (kept)" } else { "" };
        let name = crate::text::fit(&safe(&format!("{}{mark}", step.full_name())), name_width);
        let style = if after == before {
            theme.dim()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            format!("{name} {:>8} → {:>8}", clock(before), clock(after)),
            style,
        ));
    }
    lines.push(Line::raw(""));
    let verdict = match plan.late_by_secs() {
        late if late > 0 => Line::styled(
            format!(
                "Still {}: no step can be cut further (half its time at most).",
                crate::text::lateness(late)
            ),
            theme.warning(),
        ),
        late if late < 0 => Line::raw(format!(
            "Ends {}: steps are stretched as far as they go.",
            crate::text::lateness(late)
        )),
        _ => Line::styled(format!("Ends at {end}, on time."), theme.speak()),
    };
    lines.push(verdict);
    if s.step().is_go_round() {
        lines.push(Line::styled(
            "In a go-round, each turn gets an equal share.",
            theme.dim(),
        ));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = super::popup(frame, area, width as u16 + 2, height);
    frame.render_widget(
        Paragraph::new(lines).block(theme.block(" Fit to the end time ")),
        popup,
    );
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
        let what = if run.editing.is_some() { "Edit" } else { "New" };
        lines.push(Line::from(vec![
            Span::styled(format!("{what} {}: ", safe(&note_label(run))), theme.key()),
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
    let session = format!(
        "{} of {} · ",
        clock(s.total_actual_secs(now.at)),
        clock(s.allowed_total_secs())
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
    let verdict = crate::text::lateness(late);
    // Late by a minute or more (what "on time" rounds away is not late).
    let style = if late >= 30 {
        theme.warning()
    } else {
        Style::new()
    };
    (format!("ends {}, {verdict}", end.format("%H:%M")), style)
}

fn step_panel(
    frame: &mut Frame,
    area: Rect,
    s: &Session,
    now: Now,
    digits: Option<(PixelSize, u16)>,
    theme: &Theme,
) {
    let step = s.step();
    let title = format!(
        " Step {} of {}: {} ",
        s.current() + 1,
        s.plan.len(),
        safe(&step.name)
    );
    let block = theme.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let c = s.countdown(now.at);
    let shown = if c.is_over() {
        format!("+{}", clock(c.shown_secs()))
    } else {
        clock(c.shown_secs())
    };
    let digits_width = digits
        .map(|(_, w)| w * shown.chars().count() as u16 + 2)
        .unwrap_or(0);
    let [text_area, digits_area] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(digits_width)]).areas(inner);
    let mut rows = Vec::new();
    if let Some(round) = &step.round {
        let width = text_area.width as usize;
        rows.push(Line::styled(
            crate::text::truncate(&safe(&round.title()), width),
            theme.title(),
        ));
    }
    if let Some((i, name)) = s.turn() {
        let mut spans = vec![
            Span::styled(
                format!("Turn {} of {}: ", i + 1, step.turns.len()),
                theme.dim(),
            ),
            Span::styled(
                crate::text::truncate(&safe(name), text_area.width as usize / 2),
                theme.speak(),
            ),
        ];
        match s.next_in_turn() {
            Some(next) => spans.push(Span::styled(
                format!(
                    "   next: {}",
                    crate::text::truncate(&safe(next), text_area.width as usize / 3)
                ),
                theme.dim(),
            )),
            None => spans.push(Span::styled("   (last turn)", theme.dim())),
        }
        rows.push(Line::from(spans));
    }
    rows.push(countdown_line(s, now, theme));
    let [top, gauge_row] =
        Layout::vertical([Constraint::Length(rows.len() as u16), Constraint::Length(1)])
            .areas(text_area);
    frame.render_widget(Paragraph::new(rows), top);
    let label = if c.is_over() {
        "over".to_string()
    } else {
        format!("{:>3.0}%", c.ratio() * 100.0)
    };
    let gauge = LineGauge::default()
        .ratio(c.ratio())
        .label(label)
        .filled_style(countdown_style(s, &c, theme))
        .unfilled_style(theme.dim());
    frame.render_widget(gauge, gauge_row);
    if let Some((pixel_size, _)) = digits {
        let big_text = BigText::builder()
            .pixel_size(pixel_size)
            .style(countdown_style(s, &c, theme))
            .lines(vec![shown.into()])
            .right_aligned()
            .build();
        frame.render_widget(big_text, digits_area);
    }
}

fn countdown_style(s: &Session, c: &Countdown, theme: &Theme) -> Style {
    if c.is_over() {
        theme.over()
    } else if theme.warning && c.is_warning() {
        theme.warning()
    } else if s.is_paused() {
        theme.dim()
    } else {
        theme.speak()
    }
}

/// "4:12 left of 5:00 · can stretch to 10:00", "1:05 OVER", "PAUSED".
fn countdown_line(s: &Session, now: Now, theme: &Theme) -> Line<'static> {
    let c = s.countdown(now.at);
    let step = s.step();
    let mut spans = Vec::new();
    if c.is_over() {
        spans.push(Span::styled(
            format!(" +{} OVER TIME ", clock(c.shown_secs())),
            theme.over(),
        ));
        spans.push(Span::raw(format!(
            " of {}",
            clock((c.allowance_ms / 1000) as u64)
        )));
    } else {
        spans.push(Span::styled(
            format!(" {} left ", clock(c.shown_secs())),
            countdown_style(s, &c, theme).add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::raw(format!(
            " of {}",
            clock((c.allowance_ms / 1000) as u64)
        )));
        if theme.warning && c.is_warning() {
            spans.push(Span::styled("  · last minute", theme.warning()));
        }
    }
    if s.is_paused() {
        spans.push(Span::styled("  ‖ PAUSED", theme.warning()));
    }
    // A range's top is worth saying only while the allowance is below it.
    let allowance = (c.allowance_ms / 1000).max(0) as u32;
    let stretch = match step.per_turn {
        Some((planned, max)) if max > planned && max > allowance => Some(max),
        None if step.max_secs > step.planned_secs && step.max_secs > allowance => {
            Some(step.max_secs)
        }
        _ => None,
    };
    if let Some(max) = stretch {
        spans.push(Span::styled(
            format!("  · may stretch to {}", clock(u64::from(max))),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

/// The focusing question (or its restatement), kept in view all session on one line.
fn question_line(s: &Session, width: usize, theme: &Theme) -> Option<Line<'static>> {
    let (label, text) = match &s.roster.restated {
        Some(r) => ("? Restated question: ", r),
        None if !s.roster.question.trim().is_empty() => ("? Question: ", &s.roster.question),
        None => return None,
    };
    // Up to two rows (the panel wraps it): a question is read whole more often than not,
    // and a very long one still leaves room for the guide.
    let room = (width * 2).saturating_sub(label.chars().count() + 12);
    Some(Line::from(vec![
        Span::styled(label, theme.dim()),
        Span::raw(crate::text::truncate(&safe(text), room)),
    ]))
}

/// Who may speak and who must be silent, in words (never colour alone).
fn who_text(s: &Session, theme: &Theme) -> Text<'static> {
    let step = s.step();
    let mut lines = Vec::new();
    match s.turn() {
        Some((_, name)) => lines.push(Line::from(vec![
            Span::styled("▶ Speaks now: ", theme.speak()),
            Span::styled(safe(name), theme.speak()),
            Span::raw(" — everyone else listens"),
        ])),
        None if step.speakers.is_empty()
            && step
                .silent
                .iter()
                .any(|p| p.role == crate::protocol::EVERYONE) => {}
        None if step.speakers.is_empty() => lines.push(Line::from(vec![
            Span::styled("▶ Speak: ", theme.speak()),
            Span::raw("as the facilitator directs"),
        ])),
        None => {
            let list: Vec<String> = step.speakers.iter().map(|p| safe(&p.describe())).collect();
            lines.push(Line::from(vec![
                Span::styled("▶ Speak: ", theme.speak()),
                Span::raw(list.join(" · ")),
            ]));
        }
    }
    for p in &step.silent {
        let what = if p.role == crate::protocol::EVERYONE {
            "Everyone: silent — write, read or think without talking".to_string()
        } else {
            format!("{}: silent — listen and take notes", safe(&p.describe()))
        };
        lines.push(Line::from(vec![
            Span::styled("■ ", theme.silent()),
            Span::styled(what, theme.silent()),
        ]));
    }
    Text::from(lines)
}

fn guide_panel(frame: &mut Frame, area: Rect, s: &Session, theme: &Theme) {
    let step = s.step();
    let mut lines: Vec<Line> = Vec::new();
    // The presenter's open next steps from earlier sessions come back on the first step.
    if s.current() == 0 && !s.earlier.is_empty() {
        lines.push(Line::styled("Open next steps:", theme.title()));
        for earlier in &s.earlier {
            lines.push(Line::raw(format!("• {}", safe(&earlier.line()))));
        }
    }
    if !step.guide.is_empty() {
        lines.push(Line::raw(crate::text::for_terminal(
            step.guide.trim(),
            false,
        )));
    }
    // The same labels as `crit show`: where the time and the silence come from.
    if step.estimated {
        lines.push(Line::styled(
            "(Time is an estimate, not the published figure.)",
            theme.dim(),
        ));
    } else if step.adapted {
        lines.push(Line::styled(
            "(Time from an adaptation, not the original text.)",
            theme.dim(),
        ));
    }
    if step.silence_implied {
        lines.push(Line::styled(
            "(The silence is implied by the source, not stated.)",
            theme.dim(),
        ));
    }
    if !step.stems.is_empty() {
        let stems: Vec<String> = step
            .stems
            .iter()
            .map(|stem| format!("“{}”", safe(stem)))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("Starters: ", theme.dim()),
            Span::raw(stems.join("  ")),
        ]));
    }
    let block = theme.block(" Guide ");
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

fn steps_panel(frame: &mut Frame, area: Rect, s: &Session, now: Now, theme: &Theme) {
    let block = theme.block(" Steps ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let first = s
        .current()
        .saturating_sub(height / 3)
        .min(s.plan.len().saturating_sub(height));
    let width = inner.width as usize;
    let lines: Vec<Line> = s
        .plan
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, step)| {
            let (mark, style) = if i == s.current() {
                ("▶", theme.selected())
            } else if s.records()[i].visited {
                ("✓", Style::new())
            } else {
                (" ", theme.dim())
            };
            let times = if s.records()[i].visited && i != s.current() {
                format!(
                    "{:>6} {:>6}",
                    clock(s.allowance_secs(i).max(0) as u64),
                    clock(s.actual_secs(i, now.at))
                )
            } else {
                format!("{:>6}", clock(s.allowance_secs(i).max(0) as u64))
            };
            let prefix = format!("{mark}{:>3} ", i + 1);
            let room = width.saturating_sub(prefix.chars().count() + times.chars().count() + 1);
            let name = crate::text::fit(&safe(&step.short_name()), room);
            Line::styled(format!("{prefix}{name} {times}"), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn note_label(run: &Run) -> String {
    kind_label(&run.session, &run.current_kind())
}

/// A kind as the recorder reads it; a private note says where it stays.
fn kind_label(s: &Session, kind: &str) -> String {
    if kind == crate::session::PRIVATE {
        "Private: stays on this computer".to_string()
    } else {
        s.protocol.note_label(kind)
    }
}

/// The notes panel's title: what the box is doing, or how many notes there are and the
/// keys that reach them (from the key table, as many as fit).
fn notes_title(run: &Run, count: usize, width: usize) -> String {
    let tab = if run.kinds().len() > 1 {
        " (Tab changes)"
    } else {
        ""
    };
    let kind = safe(&note_label(run));
    if run.mode == Mode::Note {
        return match run.editing.as_ref().map(|e| e.index) {
            Some(index) => {
                let nth = run.step_notes().iter().position(|&i| i == index);
                let which = nth
                    .map(|n| format!(" {} of {count}", n + 1))
                    .unwrap_or_default();
                format!(" Edit note{which} · kind: {kind}{tab} ")
            }
            None => format!(" New note · kind: {kind}{tab} "),
        };
    }
    let head = format!(" Notes for this step ({count}) ");
    if !run.note.is_empty() && run.editing.is_none() {
        return format!("{head}· a note is waiting: i to finish it ");
    }
    if count == 0 {
        return format!("{head}· i or Enter to write ");
    }
    let ranked: Vec<(&str, &str, u8)> = keymap::hints_for(keymap::TIMER, keymap::NOTES)
        .into_iter()
        .enumerate()
        .map(|(i, (k, l))| (k, l, i as u8))
        .collect();
    let room = width.saturating_sub(head.chars().count() + 5);
    let keys: Vec<String> = super::fit_hints(&ranked, room)
        .iter()
        .map(|(k, l)| format!("{k} {l}"))
        .collect();
    if keys.is_empty() {
        head
    } else {
        format!("{head}· {} ", keys.join("  "))
    }
}

/// This step's notes, scrolled to keep the chosen one in view (the newest when none is
/// chosen), with the count of those above and below on the bottom border.
fn notes_panel(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let s = &run.session;
    let notes = run.step_notes();
    let count = notes.len();
    let mut block = theme.block(notes_title(run, count, area.width as usize));
    let input_height = if run.mode == Mode::Note {
        3.min(area.height.saturating_sub(2))
    } else {
        0
    };
    let rows = (area.height.saturating_sub(2 + input_height) as usize).max(1);
    let width = area.width.saturating_sub(2).max(1);
    let chosen = run.selected_note.map(|k| k.min(count.saturating_sub(1)));
    let at = chosen.unwrap_or(count.saturating_sub(1));
    let editing = run.editing.as_ref().map(|e| e.index);
    let gutter = chosen.is_some() || editing.is_some();
    let note_line = |k: usize| -> Line<'static> {
        let index = notes[k];
        let n = &s.notes[index];
        let private = n.kind == crate::session::PRIVATE;
        let label = if private {
            "Private".to_string()
        } else {
            s.protocol.note_label(&n.kind)
        };
        let is_chosen = chosen == Some(k) || editing == Some(index);
        // A gutter for the marker only while a note is chosen.
        let mark = match (is_chosen, gutter) {
            (true, _) => "▶",
            (false, true) => " ",
            (false, false) => "",
        };
        let text_style = if private { theme.dim() } else { Style::new() };
        let line = Line::from(vec![
            Span::styled(
                format!("{mark}[{}] ", safe(&label)),
                if private { theme.silent() } else { theme.key() },
            ),
            Span::styled(safe(&n.text.replace('\n', " / ")), text_style),
        ]);
        if is_chosen {
            line.style(theme.selected())
        } else {
            line
        }
    };
    // Notes wrap, each as many rows as it needs. The window of notes shown starts at the
    // chosen (or newest) note and takes the later ones while they fit, then the earlier
    // ones: moving up scrolls once the chosen note reaches the top.
    let height = |k: usize| {
        Paragraph::new(note_line(k))
            .wrap(Wrap { trim: false })
            .line_count(width)
            .max(1)
    };
    let (mut first, mut last) = (at, at);
    let mut used = if count == 0 { 0 } else { height(at) };
    while last + 1 < count && used + height(last + 1) <= rows {
        last += 1;
        used += height(last);
    }
    while first > 0 && used + height(first - 1) <= rows {
        first -= 1;
        used += height(first);
    }
    let shown = if count == 0 { 0 } else { last + 1 - first };
    let (above, below) = (first, count - first - shown);
    let mut more = Vec::new();
    if above > 0 {
        more.push(format!("↑ {above} more"));
    }
    if below > 0 {
        more.push(format!("↓ {below} more"));
    }
    if !more.is_empty() {
        block = block.title_bottom(
            Line::styled(format!(" {} ", more.join(" · ")), theme.key()).right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, input] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(input_height)]).areas(inner);
    let lines: Vec<Line> = (first..first + shown).map(note_line).collect();
    if lines.is_empty() && run.mode != Mode::Note {
        frame.render_widget(
            Paragraph::new(Span::styled("No notes yet.", theme.dim())),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), list);
    }
    if input_height > 0 {
        let rule = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.dim());
        frame.render_widget(&rule, input);
        frame.render_widget(&run.note, rule.inner(input));
    }
}

/// "Delete this note? y/n", with the note, so the right one goes.
fn confirm_delete(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let Some(note) = run.deleting.and_then(|i| run.session.notes.get(i)) else {
        return;
    };
    let label = kind_label(&run.session, &note.kind);
    let lines = vec![
        Line::styled("Delete this note? y/n", theme.title()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!("[{}] ", safe(&label)), theme.key()),
            Span::raw(safe(&note.text.replace('\n', " / "))),
        ]),
        Line::raw(""),
        Line::raw("y deletes it from the session and its file · n keeps it"),
    ];
    let width = 64.min(area.width);
    let inner = width.saturating_sub(2).max(1);
    let rows: u16 = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(usize::from(inner)) as u16)
        .sum();
    let popup = super::popup(frame, area, width, (rows + 2).min(12));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(theme.block(" Delete ")),
        popup,
    );
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
                format!("crit was closed for {}", crate::text::clock(away.as_secs())),
                theme.warning(),
            ),
            Span::raw(" · "),
            Span::styled("a", theme.key()),
            Span::raw(" counts it in this step"),
        ]));
    }
    Text::from(lines)
}

fn confirm(frame: &mut Frame, area: Rect, s: &Session, theme: &Theme) {
    let mut lines = vec![
        Line::styled("End session? y/n", theme.title()),
        Line::raw(""),
    ];
    let left = s.plan.len() - s.current() - 1;
    if left > 0 {
        lines.push(Line::raw(format!(
            "{left} step(s) not reached: the archive will say it ended early."
        )));
    }
    lines.push(Line::raw(
        "y saves the notes and shows the summary · n keeps going",
    ));
    let popup = super::popup(frame, area, 64, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(theme.block(" End ")),
        popup,
    );
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
