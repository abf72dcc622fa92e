//! The step panel: the step's name, its countdown (in large digits when there is room)
//! and progress, who speaks and who is silent, and the focusing question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{LineGauge, Paragraph};
use tui_big_text::{BigText, PixelSize};

use crate::session::{Countdown, Now, Session};
use crate::times::clock;
use crate::ui::{Theme, safe};
use crate::words::screen as w;

pub(super) fn step_panel(
    frame: &mut Frame,
    area: Rect,
    s: &Session,
    now: Now,
    digits: Option<(PixelSize, u16)>,
    theme: &Theme,
) {
    let step = s.step();
    let title = w::step_title(s.current() + 1, s.plan.len(), &safe(&step.name));
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
            Span::styled(w::turn_of(i + 1, step.turns.len()), theme.dim()),
            Span::styled(
                crate::text::truncate(&safe(name), text_area.width as usize / 2),
                theme.speak(),
            ),
        ];
        match s.next_in_turn() {
            Some(next) => spans.push(Span::styled(
                w::next_turn(&crate::text::truncate(
                    &safe(next),
                    text_area.width as usize / 3,
                )),
                theme.dim(),
            )),
            None => spans.push(Span::styled(w::LAST_TURN, theme.dim())),
        }
        rows.push(Line::from(spans));
    }
    rows.push(countdown_line(s, now, theme));
    let [top, gauge_row] =
        Layout::vertical([Constraint::Length(rows.len() as u16), Constraint::Length(1)])
            .areas(text_area);
    frame.render_widget(Paragraph::new(rows), top);
    let label = if c.is_over() {
        w::GAUGE_OVER.to_string()
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

pub(super) fn countdown_style(s: &Session, c: &Countdown, theme: &Theme) -> Style {
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
pub(super) fn countdown_line(s: &Session, now: Now, theme: &Theme) -> Line<'static> {
    let c = s.countdown(now.at);
    let step = s.step();
    let mut spans = Vec::new();
    if c.is_over() {
        spans.push(Span::styled(
            w::over_time_by(&clock(c.shown_secs())),
            theme.over(),
        ));
        spans.push(Span::raw(w::of_allowance_spaced(&clock(
            (c.allowance_ms / 1000) as u64,
        ))));
    } else {
        spans.push(Span::styled(
            w::time_left(&clock(c.shown_secs())),
            countdown_style(s, &c, theme).add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::raw(w::of_allowance_spaced(&clock(
            (c.allowance_ms / 1000) as u64,
        ))));
        if theme.warning && c.is_warning() {
            spans.push(Span::styled(w::LAST_MINUTE_MARK, theme.warning()));
        }
    }
    if s.is_paused() {
        spans.push(Span::styled(w::PAUSED_MARK, theme.warning()));
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
            w::may_stretch(&clock(u64::from(max))),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

/// The focusing question (or its restatement), kept in view all session on one line.
pub(super) fn question_line(s: &Session, width: usize, theme: &Theme) -> Option<Line<'static>> {
    let (label, text) = match &s.roster.restated {
        Some(r) => (w::RESTATED_QUESTION, r),
        None if !s.roster.question.trim().is_empty() => (w::QUESTION, &s.roster.question),
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
pub(super) fn who_text(s: &Session, theme: &Theme) -> Text<'static> {
    let step = s.step();
    let mut lines = Vec::new();
    match s.turn() {
        Some((_, name)) => lines.push(Line::from(vec![
            Span::styled(w::SPEAKS_NOW, theme.speak()),
            Span::styled(safe(name), theme.speak()),
            Span::raw(w::OTHERS_LISTEN),
        ])),
        None if step.speakers.is_empty()
            && step
                .silent
                .iter()
                .any(|p| p.role == crate::protocol::EVERYONE) => {}
        None if step.speakers.is_empty() => lines.push(Line::from(vec![
            Span::styled(w::SPEAK, theme.speak()),
            Span::raw(w::AS_DIRECTED),
        ])),
        None => {
            let list: Vec<String> = step.speakers.iter().map(|p| safe(&p.describe())).collect();
            lines.push(Line::from(vec![
                Span::styled(w::SPEAK, theme.speak()),
                Span::raw(list.join(" · ")),
            ]));
        }
    }
    for p in &step.silent {
        let what = if p.role == crate::protocol::EVERYONE {
            w::EVERYONE_SILENT.to_string()
        } else {
            w::silent_listens(&safe(&p.describe()))
        };
        lines.push(Line::from(vec![
            Span::styled("■ ", theme.silent()),
            Span::styled(what, theme.silent()),
        ]));
    }
    Text::from(lines)
}
