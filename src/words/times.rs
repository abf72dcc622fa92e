//! Words for amounts of time, as the screen, the summary and the archive say them.

/// A time that is within half a minute of its target.
pub const ON_TIME: &str = "on time";

/// An amount of hours and minutes: "5 min", "1 h", "1 h 5 min".
pub fn amount(hours: u64, minutes: u64) -> String {
    match (hours, minutes) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "4 min late".
pub fn late(amount: &str) -> String {
    format!("{amount} late")
}

/// "4 min early".
pub fn early(amount: &str) -> String {
    format!("{amount} early")
}
