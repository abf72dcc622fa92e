//! How past sessions print: the `crit archive list` table and `crit archive search` hits.

use std::path::Path;

use crate::text::line as safe;
use crate::words::cli as words;

/// The `archive list` table: date, group, protocol, presenter and status in 80 columns;
/// each session's file after them with `paths`.
pub(super) fn archive_table(entries: &[crate::archive::ArchiveEntry], paths: bool) -> String {
    use std::fmt::Write;
    use unicode_width::UnicodeWidthStr;
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|e| {
            let time = e.start.as_deref().and_then(|s| s.get(11..16)).unwrap_or("");
            [
                format!("{} {time}", e.date).trim_end().to_string(),
                safe(&e.group),
                safe(&e.protocol),
                safe(&e.presenters.join(", ")),
                crate::archive::status_words(e.status.trim()).to_string(),
            ]
        })
        .collect();
    let header = words::TABLE_HEADER;
    // Each column as wide as its widest entry, up to a share of 80 columns (two spaces
    // between columns); a column narrower than its share gives the rest to the others.
    let mut widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].width())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fixed = widths[0] + widths[4] + 2 * 4;
    let mut room = 80usize.saturating_sub(fixed);
    let mut flexible = vec![1usize, 2, 3];
    // Give each narrow column what it needs, then share what is left among the rest.
    loop {
        let share = room / flexible.len().max(1);
        let narrow: Vec<usize> = flexible
            .iter()
            .copied()
            .filter(|&i| widths[i] <= share)
            .collect();
        if narrow.is_empty() {
            for (k, &i) in flexible.iter().enumerate() {
                widths[i] = share + usize::from(k < room % flexible.len().max(1));
            }
            break;
        }
        for i in narrow {
            room -= widths[i];
            flexible.retain(|&f| f != i);
        }
        if flexible.is_empty() {
            break;
        }
    }
    let line = |cells: [&str; 5], path: Option<&str>| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 4 && path.is_none() {
                l.push_str(&safe(c));
            } else {
                l.push_str(&crate::text::fit(&safe(c), widths[i]));
                l.push_str("  ");
            }
        }
        if let Some(p) = path {
            l.push_str(p);
        }
        l.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(header, paths.then_some(words::TABLE_FILE)));
    for (row, e) in rows.iter().zip(entries) {
        let path = safe(&e.path.display().to_string());
        let cells = [
            row[0].as_str(),
            row[1].as_str(),
            row[2].as_str(),
            row[3].as_str(),
            row[4].as_str(),
        ];
        let _ = writeln!(out, "{}", line(cells, paths.then_some(path.as_str())));
    }
    out
}

/// Search hits for people: each session once (date, group, protocol, file name), then
/// where each hit is and the text as typed, indented.
pub(super) fn search_results(hits: &[crate::archive::SearchHit]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut last: Option<&Path> = None;
    for hit in hits {
        let e = &hit.entry;
        if last != Some(e.path.as_path()) {
            if last.is_some() {
                out.push('\n');
            }
            let time = e.start.as_deref().and_then(|s| s.get(11..16)).unwrap_or("");
            let file = e
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let session = words::search_session(
                &safe(&e.date),
                time,
                &safe(&e.group),
                &safe(&e.protocol),
                &safe(&file),
            );
            let _ = writeln!(out, "{session}");
            last = Some(e.path.as_path());
        }
        let mut lines = hit.text.lines();
        let first = lines.next().unwrap_or("");
        match &hit.place {
            Some(place) => {
                let _ = writeln!(out, "  {}: {}", safe(place), safe(first));
            }
            None => {
                let _ = writeln!(out, "  {}", safe(first));
            }
        }
        for more in lines {
            let _ = writeln!(out, "    {}", safe(more));
        }
    }
    out
}
