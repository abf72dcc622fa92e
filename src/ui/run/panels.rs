//! The side panels under the step: the guide, the list of steps with their times, and
//! this step's notes with the note box.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::keymap::Action;
use crate::app::{Mode, Run, keymap};
use crate::session::{Now, Session};
use crate::times::clock;
use crate::ui::{Theme, safe};
use crate::words::screen as w;

pub(super) fn guide_panel(frame: &mut Frame, area: Rect, s: &Session, theme: &Theme) {
    let step = s.step();
    let mut lines: Vec<Line> = Vec::new();
    // The presenter's open next steps from earlier sessions come back on the first step.
    if s.current() == 0 && !s.earlier.is_empty() {
        lines.push(Line::styled(w::OPEN_NEXT_STEPS, theme.title()));
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
        lines.push(Line::styled(w::TIME_ESTIMATED, theme.dim()));
    } else if step.adapted {
        lines.push(Line::styled(w::TIME_ADAPTED, theme.dim()));
    }
    if step.silence_implied {
        lines.push(Line::styled(w::SILENCE_IMPLIED, theme.dim()));
    }
    if !step.stems.is_empty() {
        let stems: Vec<String> = step
            .stems
            .iter()
            .map(|stem| format!("“{}”", safe(stem)))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(w::STARTERS, theme.dim()),
            Span::raw(stems.join("  ")),
        ]));
    }
    let block = theme.block(w::GUIDE_TITLE);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

pub(super) fn steps_panel(frame: &mut Frame, area: Rect, s: &Session, now: Now, theme: &Theme) {
    let block = theme.block(w::STEPS_TITLE);
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

pub(super) fn note_label(run: &Run) -> String {
    kind_label(&run.session, &run.current_kind())
}

/// A kind as the recorder reads it; a private note says where it stays.
pub(super) fn kind_label(s: &Session, kind: &str) -> String {
    if kind == crate::session::PRIVATE {
        w::PRIVATE_KIND.to_string()
    } else {
        s.protocol.note_label(kind)
    }
}

/// The notes panel's title: what the box is doing, or how many notes there are and the
/// keys that reach them (from the key table, as many as fit).
pub(super) fn notes_title(run: &Run, count: usize, width: usize) -> String {
    let tab = if run.kinds().len() > 1 {
        w::TAB_CHANGES
    } else {
        ""
    };
    let kind = safe(&note_label(run));
    if run.mode == Mode::Note {
        return match run.editing.as_ref().map(|e| e.index) {
            Some(index) => {
                let nth = run.step_notes().iter().position(|&i| i == index);
                let which = nth.map(|n| w::nth_of(n + 1, count)).unwrap_or_default();
                w::editing_note(&which, &kind, tab)
            }
            None => w::new_note(&kind, tab),
        };
    }
    let head = w::notes_head(count);
    if !run.note.is_empty() && run.editing.is_none() {
        return w::note_waiting(&head, keymap::key_for(keymap::TIMER, Action::OpenNote));
    }
    if count == 0 {
        return w::write_one(&head, &keymap::keys_said(keymap::TIMER, Action::OpenNote));
    }
    let ranked: Vec<(&str, &str, u8)> = keymap::hints_for(keymap::TIMER, keymap::NOTES)
        .into_iter()
        .enumerate()
        .map(|(i, (k, l))| (k, l, i as u8))
        .collect();
    let room = width.saturating_sub(head.chars().count() + 5);
    let keys: Vec<String> = crate::ui::fit_hints(&ranked, room)
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
pub(super) fn notes_panel(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
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
            w::PRIVATE.to_string()
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
        more.push(w::more_above(above));
    }
    if below > 0 {
        more.push(w::more_below(below));
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
        frame.render_widget(Paragraph::new(Span::styled(w::NO_NOTES, theme.dim())), list);
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
