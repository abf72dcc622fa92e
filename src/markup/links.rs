//! What markdown escaping leaves as typed because readers make links of it: URLs,
//! `[text](url)`, `<url>` and `[[wikilinks]]`.

use super::{SCHEMES, inline_into};
use crate::text;

/// The length of a URL starting at byte `i` of `s` (not inside a word), without the
/// trailing punctuation that ends a sentence, as GitHub's autolinks read it.
pub(super) fn url_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    let scheme = SCHEMES.iter().find(|p| {
        rest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    })?;
    if s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    let mut len = rest.find(|c: char| !url_char(c)).unwrap_or(rest.len());
    // Trailing punctuation, and a `)` with no `(` in the URL, end the sentence instead.
    while let Some(last) = rest[..len].chars().next_back() {
        let unbalanced =
            last == ')' && rest[..len].matches('(').count() < rest[..len].matches(')').count();
        if matches!(
            last,
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '"' | '*' | '_' | '~'
        ) || unbalanced
        {
            len -= last.len_utf8();
        } else {
            break;
        }
    }
    (len > scheme.len()).then_some(len)
}

/// Characters a URL written as `<url>` may hold in every reader (no spaces, no angle
/// brackets, nothing that Liquid or a table would read).
fn url_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '[' | ']'
        )
        || text::visible(c) != c)
}

/// `[text](url)` typed with a web or mail URL: (its length, where the URL starts).
pub(super) fn typed_link(rest: &str) -> Option<(usize, usize)> {
    let text_end = rest.strip_prefix('[')?.find(['[', ']', '\n'])? + 1;
    if !rest[text_end..].starts_with("](") || text_end == 1 {
        return None;
    }
    let url_start = text_end + 2;
    let url_len = url_at(rest, url_start)?;
    let end = url_start + url_len;
    rest[end..].starts_with(')').then_some((end + 1, url_start))
}

/// `<https://…>` typed as an autolink: its length.
pub(super) fn typed_autolink(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('<')?;
    let url_len = url_at(inner, 0)?;
    inner[url_len..].starts_with('>').then_some(url_len + 2)
}

/// `[[Page]]` (Obsidian's and nb's links): its length, if what is inside needs no
/// escaping at all, so it is written as typed and stays a link.
pub(super) fn wikilink(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix("[[")?;
    let end = inner.find("]]")?;
    let target = &inner[..end];
    // Followed by `(` or `[`, the brackets would make a link in CommonMark.
    let follows = &inner[end + 2..];
    if target.trim().is_empty() || target.contains(['[', ']']) || follows.starts_with(['(', '[']) {
        return None;
    }
    let mut escaped = String::new();
    inline_into(&mut escaped, target, false);
    (escaped == target && url_at(target, 0).is_none()).then_some(end + 4)
}
