//! Text that came from a user or a file, made safe to show, and measured in terminal
//! cells. (How times are written is in `times`; "did you mean" is in `diagnostics`.)
//!
//! Protocol files, names and notes are typed by people we do not control. Before any of
//! it reaches a terminal, control characters and escape sequences are replaced by
//! visible stand-ins, so a file cannot move the cursor, change colours or retitle the
//! window of the person reading it.

/// Replaces every control character (C0, DEL, C1) and every bidirectional override with
/// a visible symbol. Newlines and tabs are kept when `keep_lines` is true (multi-line
/// notes); otherwise they become spaces.
pub fn for_terminal(input: &str, keep_lines: bool) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            // The Unicode line and paragraph separators are line breaks too.
            '\n' | '\u{2028}' | '\u{2029}' if keep_lines => out.push('\n'),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            // A byte-order mark inside text is invisible and has no width: terminals
            // disagree about it, so it is left out.
            '\u{feff}' => {}
            '\t' => out.push_str(if keep_lines { "    " } else { " " }),
            c => out.push(visible(c)),
        }
    }
    out
}

/// Text as it is kept from typing or pasting: line breaks of every kind become `\n`, a
/// byte-order mark is dropped, and the noncharacters U+FFFE and U+FFFF become U+FFFD.
pub fn typed(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{feff}' => {}
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// One line of terminal-safe text (newlines and tabs become spaces).
pub fn line(input: &str) -> String {
    for_terminal(input, false)
}

/// The stand-in for a character that must not reach the terminal as itself.
pub fn visible(c: char) -> char {
    match c {
        // C0 controls and DEL: the Unicode "control pictures" block shows them as symbols.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        // C1 controls (CSI is U+009B) and bidi overrides/isolates that would reorder a line.
        '\u{80}'..='\u{9f}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        // A stray byte-order mark and the two noncharacters.
        | '\u{feff}'
        | '\u{fffe}'
        | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

/// `s` cut to `width` terminal cells (see [`truncate`]) and padded with spaces to fill
/// them: for columns, where `format!`'s padding would count characters, not cells.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = truncate(s, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Cuts `s` to `width` terminal cells, with an ellipsis if anything was cut.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    // Cells, not characters: a CJK name takes two cells a character.
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Capitalises the first letter: `participant` → `Participant`.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncating_counts_cells_not_characters() {
        use unicode_width::UnicodeWidthStr;
        assert_eq!(truncate("Ana", 3), "Ana");
        assert_eq!(truncate("Anastasia", 5), "Anas…");
        let cut = truncate("山田太郎さん", 7);
        assert!(cut.width() <= 7, "{cut}");
        assert_eq!(cut, "山田太…");
        assert_eq!(truncate("山田", 0), "");
        assert_eq!(fit("山田", 6), "山田  ");
        assert_eq!(fit("Ana", 5), "Ana  ");
    }

    #[test]
    fn odd_characters_leave_nothing_stray() {
        let odd = "a\u{2028}b\u{2029}c\u{feff}d\u{fffe}e\u{ffff}f";
        assert_eq!(for_terminal(odd, true), "a\nb\ncd\u{fffd}e\u{fffd}f");
        assert_eq!(line(odd), "a b cd\u{fffd}e\u{fffd}f");
        assert_eq!(typed(odd), "a\nb\ncd\u{fffd}e\u{fffd}f");
        assert_eq!(typed("one\r\ntwo\rthree"), "one\ntwo\nthree");
    }

    #[test]
    fn escape_sequences_become_visible() {
        let evil = "ok\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m";
        let safe = for_terminal(evil, false);
        assert!(!safe.contains('\u{1b}'));
        assert!(!safe.contains('\u{9b}'));
        assert!(!safe.contains('\u{7}'));
        assert!(safe.starts_with("ok\u{241b}[2J"));
    }

    #[test]
    fn lines_are_kept_only_when_asked() {
        assert_eq!(for_terminal("a\nb\tc", true), "a\nb    c");
        assert_eq!(line("a\nb\tc\r"), "a b c ");
    }
}
