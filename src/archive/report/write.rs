//! The report written out: a markdown page an office can file, csv for a spreadsheet,
//! and JSON for scripts.

use std::fmt::Write;
use std::path::Path;

use super::{Part, Report};
use crate::words::archive as words;

impl Report {
    /// The report as a markdown page.
    pub fn to_markdown(&self) -> String {
        let esc = crate::markup::inline;
        let mut out = String::from(words::REPORT_TITLE);
        let mut scope = Vec::new();
        if let Some(p) = &self.filter.person {
            scope.push(words::scope_person(&esc(p)));
        }
        if let Some(g) = &self.filter.group {
            scope.push(words::scope_group(&esc(g)));
        }
        if let Some(d) = self.filter.from {
            scope.push(words::scope_from(&d.to_string()));
        }
        if let Some(d) = self.filter.to {
            scope.push(words::scope_to(&d.to_string()));
        }
        if !scope.is_empty() {
            let _ = writeln!(out, "{}\n", scope.join(" · "));
        }
        out.push_str(words::REPORT_MINUTES);
        out.push_str(words::REPORT_SESSIONS);
        for r in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                esc(&r.person),
                esc(&r.date),
                esc(&r.group),
                esc(&r.protocol),
                parts_text(&r.parts),
                crate::times::minutes(r.minutes),
                esc(&file_name(&r.path))
            );
        }
        out.push_str(words::REPORT_TOTALS);
        for t in self.totals() {
            for (part, n, m) in &t.parts {
                let _ = writeln!(
                    out,
                    "| {} | {} | {n} | {} | {:.1} |",
                    esc(&t.person),
                    part.as_str(),
                    crate::times::minutes(*m),
                    m / 60.0
                );
            }
            let _ = writeln!(
                out,
                "| **{}** | **{}** | **{}** | **{}** | **{:.1}** |",
                esc(&t.person),
                words::ALL_PARTS,
                t.sessions,
                crate::times::minutes(t.minutes),
                t.minutes / 60.0
            );
        }
        if !self.near_duplicates.is_empty() {
            out.push_str(words::NAMES_TO_CHECK);
            for (group, a, b) in &self.near_duplicates {
                let _ = writeln!(
                    out,
                    "{}",
                    words::near_duplicate(&esc(group), &esc(a), &esc(b))
                );
            }
        }
        out
    }

    /// The rows as csv (RFC 4180): person, date, group, protocol, roles, minutes, file.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("person,date,group,protocol,roles,minutes,file\r\n");
        for r in &self.rows {
            let fields = [
                r.person.clone(),
                r.date.to_string(),
                r.group.to_string(),
                r.protocol.to_string(),
                parts_text(&r.parts),
                crate::times::minutes(r.minutes),
                r.path.to_string_lossy().into_owned(),
            ];
            let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// `{"sessions": [...], "totals": [...], "near_duplicates": [...], "skipped": [...]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let rows: Vec<_> = self
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "person": r.person,
                    "date": &*r.date,
                    "group": &*r.group,
                    "protocol": &*r.protocol,
                    "roles": r.parts.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                    "minutes": r.minutes,
                    "file": r.path.to_string_lossy(),
                })
            })
            .collect();
        let totals: Vec<_> = self
            .totals()
            .iter()
            .map(|t| {
                serde_json::json!({
                    "person": t.person,
                    "sessions": t.sessions,
                    "minutes": t.minutes,
                    "roles": t.parts.iter().map(|(p, n, m)| serde_json::json!({
                        "role": p.as_str(), "sessions": n, "minutes": m
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::json!({
            "sessions": rows,
            "totals": totals,
            "near_duplicates": self.near_duplicates.iter().map(|(g, a, b)| serde_json::json!({
                "group": g, "names": [a, b]
            })).collect::<Vec<_>>(),
            "skipped": self.unreadable.iter().map(|(p, why)| serde_json::json!({
                "file": p.to_string_lossy(), "reason": why
            })).collect::<Vec<_>>(),
        })
    }
}

fn parts_text(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A csv field, quoted when it holds a comma, a quote or a line break. A field a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading `'`.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}
