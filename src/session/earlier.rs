//! Next steps that come back: the open actions of a presenter's earlier sessions with the
//! same group, carried by the new session so its first step shows them and its file
//! links the sessions they came from.

use serde::{Deserialize, Serialize};

/// One open next step from an earlier session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierStep {
    /// `YYYY-MM-DD` of the earlier session.
    pub date: String,
    /// The earlier session's protocol name.
    pub protocol: String,
    /// The earlier session's file name (in the same archive folder).
    pub file: String,
    /// Who the step belongs to, when the note named someone.
    pub owner: Option<String>,
    pub text: String,
}

impl EarlierStep {
    /// "From 5 Nov (Tuning Protocol): Try a revision conference next week".
    pub fn line(&self) -> String {
        format!(
            "From {} ({}): {}",
            self.short_date(),
            self.protocol,
            self.text
        )
    }

    /// "5 Nov" for `2026-11-05`; the date as written if it is not one.
    pub fn short_date(&self) -> String {
        chrono::NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
            .map(|d| d.format("%-d %b").to_string())
            .unwrap_or_else(|_| self.date.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_earlier_step_reads_as_where_it_came_from_and_what_it_is() {
        let step = EarlierStep {
            date: "2026-11-05".into(),
            protocol: "Tuning Protocol".into(),
            file: "2026-11-05-1400-tuning-grade-7.md".into(),
            owner: None,
            text: "Try a revision conference next week".into(),
        };
        assert_eq!(
            step.line(),
            "From 5 Nov (Tuning Protocol): Try a revision conference next week"
        );
        let odd = EarlierStep {
            date: "last week".into(),
            ..step
        };
        assert_eq!(odd.short_date(), "last week");
    }
}
