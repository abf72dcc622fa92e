//! The dialogs over the run screen: ending, deleting a note, the end-time box, the
//! fitted plan and the restated question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::panels::kind_label;
use crate::app::Run;
use crate::app::keymap::{self, Confirm};
use crate::session::Session;
use crate::times::clock;
use crate::ui::{Theme, safe};
use crate::words::screen as w;

pub(super) fn restate(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let popup = crate::ui::popup(frame, area, 70, 9);
    let block = theme.block(w::RESTATE_TITLE);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [ask, input] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let s = &run.session;
    let original = match &s.roster.restated {
        Some(r) => w::now_reads(&safe(r)),
        None => w::now_reads(&safe(&s.roster.question)),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(original, theme.dim())).wrap(Wrap { trim: true }),
        ask,
    );
    frame.render_widget(&run.restate_input, input);
}

pub(super) fn end_time(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let popup = crate::ui::popup(frame, area, 64, 6);
    let block = theme.block(w::END_TIME_TITLE);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [ask, input, _, problem] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    frame.render_widget(Paragraph::new(w::END_TIME_ASK), ask);
    frame.render_widget(&run.end_input, input);
    if let Some(f) = &run.flash {
        frame.render_widget(
            Paragraph::new(Span::styled(safe(f), theme.error())),
            problem,
        );
    }
}

/// The proposed plan: each remaining step's time now and fitted, and where it ends.
pub(super) fn fit_popup(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let Some((_, plan)) = &run.fit else { return };
    let s = &run.session;
    let end = s
        .roster
        .end_by
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let mut lines = vec![Line::styled(w::fit_to(&end), theme.title()), Line::raw("")];
    let width = area.width.saturating_sub(4).min(70) as usize;
    let name_width = width.saturating_sub(22);
    for (offset, secs) in plan.secs.iter().enumerate() {
        let i = s.current() + offset;
        let Some(step) = s.plan.get(i) else { break };
        let before = s.allowance_secs(i).max(0) as u64;
        let after = u64::from(*secs);
        let mark = if step.protected { w::KEPT } else { "" };
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
            w::still_late(&crate::times::lateness(late)),
            theme.warning(),
        ),
        late if late < 0 => Line::raw(w::still_early(&crate::times::lateness(late))),
        _ => Line::styled(w::on_time(&end), theme.speak()),
    };
    lines.push(verdict);
    if s.step().is_go_round() {
        lines.push(Line::styled(w::EQUAL_SHARES, theme.dim()));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = crate::ui::popup(frame, area, width as u16 + 2, height);
    frame.render_widget(
        Paragraph::new(lines).block(theme.block(w::FIT_TITLE)),
        popup,
    );
}

/// "Delete this note? y/n", with the note, so the right one goes.
pub(super) fn confirm_delete(frame: &mut Frame, area: Rect, run: &Run, theme: &Theme) {
    let Some(note) = run.deleting.and_then(|i| run.session.notes.get(i)) else {
        return;
    };
    let label = kind_label(&run.session, &note.kind);
    let yes = keymap::first_key_for(keymap::CONFIRM_DELETE, Confirm::Yes);
    let no = keymap::first_key_for(keymap::CONFIRM_DELETE, Confirm::No);
    let lines = vec![
        Line::styled(w::delete_ask(yes, no), theme.title()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!("[{}] ", safe(&label)), theme.key()),
            Span::raw(safe(&note.text.replace('\n', " / "))),
        ]),
        Line::raw(""),
        Line::raw(w::delete_explained(yes, no)),
    ];
    let width = 64.min(area.width);
    let inner = width.saturating_sub(2).max(1);
    let rows: u16 = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(usize::from(inner)) as u16)
        .sum();
    let popup = crate::ui::popup(frame, area, width, (rows + 2).min(12));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(theme.block(w::DELETE_TITLE)),
        popup,
    );
}

pub(super) fn confirm(frame: &mut Frame, area: Rect, s: &Session, theme: &Theme) {
    let yes = keymap::first_key_for(keymap::CONFIRM_END, Confirm::Yes);
    let no = keymap::first_key_for(keymap::CONFIRM_END, Confirm::No);
    let mut lines = vec![
        Line::styled(w::end_ask(yes, no), theme.title()),
        Line::raw(""),
    ];
    let left = s.plan.len() - s.current() - 1;
    if left > 0 {
        lines.push(Line::raw(w::steps_not_reached(left)));
    }
    lines.push(Line::raw(w::end_explained(yes, no)));
    let popup = crate::ui::popup(frame, area, 64, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(theme.block(w::END_TITLE)),
        popup,
    );
}
