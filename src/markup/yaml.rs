//! Text made safe for YAML front matter: double-quoted strings every parser reads back
//! exactly, lists of them, and keys.

use std::fmt::Write;

/// A YAML double-quoted string that any YAML parser reads back as exactly `s`.
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            c if yaml_printable(c) => out.push(c),
            c if (c as u32) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// A YAML flow list of double-quoted strings: `["Ana", "Ben"]`.
pub fn yaml_list<S: AsRef<str>>(items: &[S]) -> String {
    let list: Vec<String> = items.iter().map(|s| yaml_string(s.as_ref())).collect();
    format!("[{}]", list.join(", "))
}

/// Characters YAML allows unescaped (its "printable" set, minus its line breaks).
fn yaml_printable(c: char) -> bool {
    matches!(c as u32, 0xA0..=0x2027 | 0x202A..=0xD7FF | 0xE000..=0xFEFE | 0xFF00..=0xFFFD | 0x10000..=0x10FFFF)
}

/// A YAML mapping key: plain when it is a simple word, quoted otherwise.
pub fn yaml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        yaml_string(key)
    }
}
