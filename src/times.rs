//! How times are written for people (`4:05`, `+1:05`, `2.5` minutes, "4 min late") and
//! how an end time they type (`15:30`, `1530`, `15.30`) is read.

use chrono::NaiveTime;

use crate::words::times as words;

/// Formats seconds as `m:ss` (or `h:mm:ss` past an hour).
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// How far a time is from its target, for people: "on time", "4 min late",
/// "1 h 5 min early" (rounded to the nearest minute).
pub fn lateness(late_secs: i64) -> String {
    let mins = (late_secs.unsigned_abs() + 30) / 60;
    let amount = words::amount(mins / 60, mins % 60);
    match (mins, late_secs > 0) {
        (0, _) => words::ON_TIME.to_string(),
        (_, true) => words::late(&amount),
        (_, false) => words::early(&amount),
    }
}

/// A difference of times: `+1:05`, `-0:20`, `0:00`.
pub fn signed_clock(secs: i64) -> String {
    match secs {
        0 => "0:00".to_string(),
        s if s > 0 => format!("+{}", clock(s as u64)),
        s => format!("-{}", clock(s.unsigned_abs())),
    }
}

/// Formats minutes for people: `10`, `2.5`, `0.5`.
pub fn minutes(m: f64) -> String {
    if (m - m.round()).abs() < 1e-9 {
        format!("{}", m.round() as i64)
    } else {
        let s = format!("{m:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `16:30`, `9:05`, `1630`, `16.30`.
/// Minutes always have two digits: `16:3` is refused rather than read as 16:03.
pub fn parse_end_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let minutes = s.rsplit([':', '.']).next().unwrap_or(s);
    let two_digit_minutes = if s.contains([':', '.']) {
        minutes.len() == 2
    } else {
        s.len() == 4
    };
    if !two_digit_minutes
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    {
        return None;
    }
    ["%H:%M", "%H.%M", "%H%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lateness_reads_naturally() {
        assert_eq!(lateness(20), "on time");
        assert_eq!(lateness(-29), "on time");
        assert_eq!(lateness(240), "4 min late");
        assert_eq!(lateness(-484 * 60), "8 h 4 min early");
        assert_eq!(lateness(3600), "1 h late");
    }

    #[test]
    fn clocks_and_minutes_read_naturally() {
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(minutes(10.0), "10");
        assert_eq!(minutes(2.5), "2.5");
        assert_eq!(minutes(0.1), "0.1");
    }
}
