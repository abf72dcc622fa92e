//! Escaped text read back as it was typed (for checks and for readers of crit's files).

use super::links::typed_autolink;

/// Text as typed, from a line [`line`] or [`inline`] wrote: escapes and character
/// references removed, no-break spaces at the start back to spaces, `<url>` back to the
/// URL.
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let lead = s.len() - s.trim_start_matches('\u{a0}').len();
    out.push_str(&" ".repeat(lead / '\u{a0}'.len_utf8()));
    let s = &s[lead..];
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '\\'
            && let Some(n) = rest[1..].chars().next()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            i += 2;
            continue;
        }
        if c == '&'
            && let Some((decoded, len)) = decode_reference(rest)
        {
            out.push(decoded);
            i += len;
            continue;
        }
        if c == '<'
            && let Some(len) = typed_autolink(rest)
        {
            out.push_str(&rest[1..len - 1]);
            i += len;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `&amp;`, `&#94;` or `&#x5E;` at the start of `s`: the character and the length.
fn decode_reference(s: &str) -> Option<(char, usize)> {
    if s.starts_with("&amp;") {
        return Some(('&', 5));
    }
    let body = s.strip_prefix("&#")?;
    let end = body.find(';')?;
    let digits = &body[..end];
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    Some((char::from_u32(code)?, end + 3))
}
