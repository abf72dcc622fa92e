//! The summary after a session: planned against actual time, the notes, the file.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::{Theme, footer, safe};
use crate::app::Summary;
use crate::app::keymap;
use crate::session::Now;
use crate::times::clock;
use crate::words::screen as w;

pub fn draw(frame: &mut Frame, area: Rect, summary: &Summary, now: Now, theme: &Theme) {
    let s = &summary.session;
    // The lines under the table (totals, where things were saved, sync, problems) get
    // the rows they need when wrapped, five at least, so a path is never cut off; the
    // table keeps at least its header and a row.
    let info_lines = info(summary, now, theme);
    let info_text = Paragraph::new(info_lines).wrap(Wrap { trim: false });
    let needed = u16::try_from(info_text.line_count(area.width)).unwrap_or(u16::MAX);
    let info_height = needed.clamp(5, area.height.saturating_sub(2 + 4 + 1).max(5));
    let [head, table_area, info_area, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(info_height),
        Constraint::Length(1),
    ])
    .areas(area);
    let title = w::summary_title(
        s.status == crate::session::Status::Complete,
        &safe(&s.protocol.name),
        &safe(&s.roster.group),
    );
    frame.render_widget(Paragraph::new(Line::styled(title, theme.title())), head);

    // The step column gets what the others leave (borders, five columns, spacing).
    let name_width = (table_area.width as usize).saturating_sub(2 + 3 + 8 + 8 + 9 + 5 + 5);
    let mut rows = Vec::new();
    for (i, step) in s.plan.iter().enumerate() {
        let planned = i64::from(step.planned_secs);
        let (actual, diff) = if s.records()[i].visited {
            let a = s.actual_secs(i, now.at) as i64;
            (
                clock(a as u64),
                format!("{:>5}", crate::times::signed_clock(a - planned)),
            )
        } else {
            ("—".to_string(), String::new())
        };
        // The notes in the session's file: private ones are counted on their own line.
        let notes = s
            .notes_of(i)
            .filter(|n| n.kind != crate::session::PRIVATE)
            .count();
        rows.push(Row::new(vec![
            Cell::from(format!("{}", i + 1)),
            Cell::from(crate::text::truncate(&safe(&step.short_name()), name_width)),
            Cell::from(clock(planned as u64)),
            Cell::from(actual),
            Cell::from(diff),
            Cell::from(if notes > 0 {
                notes.to_string()
            } else {
                String::new()
            }),
        ]));
    }
    let widths = [
        Constraint::Length(3),
        Constraint::Min(10),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(5),
    ];
    let header = Row::new(w::TIMING_COLUMNS).style(theme.title());
    // Long sessions scroll: keep the chosen first row, but never leave rows empty below.
    let visible = table_area.height.saturating_sub(3) as usize;
    let first = summary.scroll.min(rows.len().saturating_sub(visible));
    let scrolled = rows.len() > visible;
    let rows: Vec<Row> = rows.into_iter().skip(first).collect();
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(theme.block(if scrolled {
                w::TIMING_SCROLLS
            } else {
                w::TIMING
            })),
        table_area,
    );

    frame.render_widget(info_text, info_area);
    let hints = keymap::footer_hints(keymap::summary_table(summary), false);
    footer(frame, foot, &hints, theme);
}

/// The lines under the timing table: totals, where the session and its private notes
/// and take-away went, the sync, and any problem saving.
fn info<'a>(summary: &'a Summary, now: Now, theme: &Theme) -> Vec<Line<'a>> {
    let s = &summary.session;
    // The plan as the group changed it (`+`/`-`, fitting), beside the original plan.
    let changed = match s.allowed_total_secs() {
        t if t != s.planned_total_secs() => w::changed_to(&clock(t)),
        _ => String::new(),
    };
    let shared_notes = s
        .notes
        .iter()
        .filter(|n| n.kind != crate::session::PRIVATE)
        .count();
    let mut lines = vec![Line::raw(w::totals(
        shared_notes,
        &clock(s.planned_total_secs()),
        &changed,
        &clock(s.total_actual_secs(now.at)),
    ))];
    match &summary.saving.path {
        Some(p) => lines.push(Line::from(vec![
            // After a later save failed everywhere (the problem is said below), this is
            // only where the session was last saved.
            Span::styled(
                if summary.saving.unsaved {
                    w::LAST_SAVED_TO
                } else {
                    w::SAVED_TO
                },
                theme.dim(),
            ),
            Span::raw(safe(&p.display().to_string())),
        ])),
        None => lines.push(Line::styled(w::NOT_SAVED, theme.error())),
    }
    let private = crate::archive::beside::private_count(s);
    if private > 0 {
        lines.push(match &summary.saving.path {
            Some(p) => Line::from(vec![
                Span::styled(w::private_notes_in(private), theme.dim()),
                Span::raw(safe(
                    &crate::archive::beside::private_path(p)
                        .display()
                        .to_string(),
                )),
            ]),
            None => Line::styled(w::private_notes_not_saved(private), theme.error()),
        });
    }
    match &summary.takeaway {
        Some(Ok(p)) => lines.push(Line::from(vec![
            Span::styled(w::TAKEAWAY_WRITTEN, theme.dim()),
            Span::raw(safe(&p.display().to_string())),
        ])),
        Some(Err(why)) => lines.push(Line::styled(
            w::cannot_write_takeaway(&safe(why)),
            theme.error(),
        )),
        None => {}
    }
    if let Some(shared) = &summary.shared {
        let style = if shared.ok {
            theme.dim()
        } else {
            theme.warning()
        };
        let message = if shared.syncing {
            w::syncing(&shared.message)
        } else {
            shared.message.clone()
        };
        lines.push(Line::styled(safe(&message), style));
    }
    if let Some(problem) = &summary.saving.problem {
        lines.push(Line::styled(safe(problem), theme.error()));
    }
    if summary.quit_warned {
        lines.push(Line::styled(
            w::saved_nowhere(
                keymap::key_for(keymap::SUMMARY_UNSAVED, keymap::SummaryAction::TrySave),
                keymap::key_for(keymap::SUMMARY_UNSAVED, keymap::SummaryAction::Quit),
            ),
            theme.warning(),
        ));
    }
    lines
}
