//! Typed text made safe for markdown and YAML, so that every common reader (CommonMark
//! and GitHub, pandoc, Jekyll's kramdown, Hugo, Obsidian, markdown-it) shows it as typed.
//!
//! The rules, in the terms of the readers:
//! - A backslash escape is used only for characters that both CommonMark (any ASCII
//!   punctuation) and kramdown ([`KRAMDOWN_ESCAPABLE`]) accept after a backslash, so no
//!   reader shows a stray backslash.
//! - A character that must be neutralised where kramdown would show a backslash (`&`
//!   starting an entity, `~` and `^` that pandoc reads as sub/superscript, `@` that pandoc
//!   reads as a citation, `%%` that Obsidian hides, `{{`/`{%` that Jekyll's Liquid runs)
//!   becomes a numeric character reference, which every reader shows as the character.
//! - Everything else is written as typed: `R&D`, `50%`, `a^b`, `rubric_v2`, `#tags` in a
//!   line, `[[wikilinks]]`, URLs (written as `<url>` so that every reader links exactly
//!   to them) and `[text](https://…)` links.
//! - A line's start is neutralised wherever it could open a block (a heading, a list, a
//!   quote, a table, a code block, a definition, a pandoc div or line block, kramdown's
//!   end-of-block marker).

use std::fmt::Write;

use crate::text;

/// The characters kramdown (Jekyll, GitHub Pages) reads as escaped after a backslash
/// (`ESCAPED_CHARS` in kramdown's `parser/kramdown/escaped_chars.rb`). After any other
/// character, kramdown shows the backslash.
pub const KRAMDOWN_ESCAPABLE: &str = "\\.*_+-=`()[]{}#!:|\"'$<>";

/// URL schemes written as links; anything else (`javascript:`) stays text.
const SCHEMES: [&str; 3] = ["https://", "http://", "mailto:"];

/// Text inside a line: a heading, a table cell, a list item after its first characters.
/// Line breaks and tabs become spaces; control characters become visible symbols.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    inline_into(&mut out, s, true);
    out
}

/// One line of typed text that starts a block (a list item, a paragraph, a quote line):
/// [`inline`], plus whatever would make the line open a heading, list, quote, code
/// block, table, definition or other block in any reader.
pub fn line(line: &str) -> String {
    // Tabs count as indentation (four spaces); every other character is handled below.
    let clean = line.replace('\t', "    ");
    let body = clean.trim_start_matches(' ');
    let leading = clean.len() - body.len();
    // Leading spaces would make an indented code block; no-break spaces look the same.
    let mut out: String = "\u{a0}".repeat(leading);
    let Some(first) = body.chars().next() else {
        return out;
    };
    let rest = &body[first.len_utf8()..];
    // `[ ] ` and `[x] ` would be a checkbox: pandoc finds them after escapes and
    // character references are read, so its spaces become no-break spaces instead.
    for (box_, shown) in [
        ("[ ] ", "\\[\u{a0}]\u{a0}"),
        ("[x] ", "\\[x]\u{a0}"),
        ("[X] ", "\\[X]\u{a0}"),
    ] {
        if let Some(after) = body.strip_prefix(box_) {
            out.push_str(shown);
            inline_into(&mut out, after, true);
            return out;
        }
    }
    match first {
        // Backslash escapes both CommonMark and kramdown accept.
        '-' | '+' | '=' | ':' | '(' | '#' | '>' => {
            out.push('\\');
            out.push(first);
            inline_into(&mut out, rest, true);
            return out;
        }
        // kramdown shows `\~` and `\^`: character references instead (`^` alone on a
        // line ends a block in kramdown; `~` starts pandoc's definitions and fences).
        '~' | '^' => {
            let _ = write!(out, "&#{};", first as u32);
            inline_into(&mut out, rest, true);
            return out;
        }
        _ => {}
    }
    // Ordered-list markers: `1.`, `12)`, and pandoc's `a)`, `iv.`, `B.`.
    let marker = if first.is_ascii_digit() {
        body.chars().take_while(char::is_ascii_digit).count()
    } else if first.is_ascii_alphabetic() {
        let letters = body.chars().take_while(char::is_ascii_alphabetic).count();
        let after = &body[letters..];
        if letters <= 4 && (after.starts_with(") ") || after.starts_with(". ")) {
            letters
        } else {
            0
        }
    } else {
        0
    };
    if marker > 0 && (body[marker..].starts_with('.') || body[marker..].starts_with(')')) {
        out.push_str(&body[..marker]);
        out.push('\\');
        inline_into(&mut out, &body[marker..], true);
        return out;
    }
    inline_into(&mut out, body, true);
    out
}

/// A character reference for `c` (`&#94;`), shown as `c` by every reader.
fn reference(out: &mut String, c: char) {
    let _ = write!(out, "&#{};", c as u32);
}

pub(super) fn inline_into(out: &mut String, s: &str, links: bool) {
    // `~` and `^` only make markup in pairs (GFM and pandoc strikeout, pandoc's sub- and
    // superscript), so a single one on its own is written as typed.
    let tildes = s.matches('~').count() > 1;
    let carets = s.matches('^').count() > 1;
    // Only text with a URL in it needs every `h` and `m` looked at.
    let may_link = links && (s.contains("://") || s.contains("mailto:") || s.contains("MAILTO:"));
    let care = |c: char| needs_care(c) || (may_link && matches!(c, 'h' | 'H' | 'm' | 'M'));
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < s.len() {
        // Runs of ordinary text are copied whole (most of the cost of saving a long session).
        let run = s[i..].find(care).unwrap_or(s.len() - i);
        out.push_str(&s[i..i + run]);
        i += run;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let before = s[..i].chars().next_back();
        let after = s[i + c.len_utf8()..].chars().next();
        let rest = &s[i..];
        if links {
            if let Some(len) = url_at(s, i) {
                let _ = write!(out, "<{}>", &rest[..len]);
                i += len;
                continue;
            }
            // `![text](url)` would show an image from anywhere: it stays text.
            if let Some((len, url_start)) = typed_link(rest).filter(|_| before != Some('!')) {
                out.push('[');
                inline_into(out, &rest[1..url_start - 2], false);
                out.push_str("](");
                out.push_str(&rest[url_start..len - 1]);
                out.push(')');
                i += len;
                continue;
            }
            if let Some(len) = typed_autolink(rest) {
                out.push_str(&rest[..len]);
                i += len;
                continue;
            }
        }
        if let Some(len) = wikilink(rest) {
            out.push_str(&rest[..len]);
            i += len;
            continue;
        }
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' if after.is_none() => reference(out, c),
            '\\' | '`' | '*' | '<' | '[' | '|' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '_' if alnum(before) && alnum(after) => out.push(c),
            '_' => out.push_str("\\_"),
            // `>>` is a guillemet in kramdown.
            '>' if after == Some('>') => out.push_str("\\>"),
            // `#tag` stays a tag; a `#` before anything else (a heading's closing
            // sequence, say) is escaped.
            '#' if alnum(after) => out.push(c),
            '#' => out.push_str("\\#"),
            // Liquid's `{{` and `{%`; kramdown's `{:` and pandoc's `{#id}` attributes.
            '{' if matches!(after, Some('{' | '%')) => reference(out, c),
            '{' => out.push_str("\\{"),
            // Obsidian's `%%` comments.
            '%' if after == Some('%') => reference(out, c),
            '&' if entity_at(&bytes[i..]) => out.push_str("&amp;"),
            '~' if tildes => reference(out, c),
            '^' if carets || after == Some('[') => reference(out, c),
            // A pandoc citation starts with `@` after a non-word character.
            '@' if !alnum(before)
                && after.is_some_and(|a| a.is_alphanumeric() || a == '_' || a == '{') =>
            {
                reference(out, c)
            }
            c => out.push(text::visible(c)),
        }
        i += c.len_utf8();
    }
}

fn needs_care(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '['
            | '<'
            | '>'
            | '|'
            | '&'
            | '~'
            | '#'
            | '$'
            | '^'
            | '{'
            | '%'
            | '@'
            | '\n'
            | '\r'
            | '\t'
    ) || text::visible(c) != c
}

/// Whether `&…` here would be read as a character reference (`&amp;`, `&#38;`, `&#x26;`).
fn entity_at(b: &[u8]) -> bool {
    let body = &b[1..];
    let (digits, rest): (fn(&u8) -> bool, &[u8]) = match body {
        [b'#', b'x' | b'X', rest @ ..] => (u8::is_ascii_hexdigit, rest),
        [b'#', rest @ ..] => (u8::is_ascii_digit, rest),
        [first, ..] if first.is_ascii_alphabetic() => (u8::is_ascii_alphanumeric, body),
        _ => return false,
    };
    let n = rest.iter().take(33).take_while(|b| digits(b)).count();
    n > 0 && rest.get(n) == Some(&b';')
}

/// A title for front matter (`title`, `aliases`): pandoc reads these keys as markdown and
/// some Jekyll themes print them as HTML, so characters that could make markup there
/// become look-alikes that read the same. Other keys keep the text exactly.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut before: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = chars.peek().map(|&(_, c)| c);
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        out.push(match c {
            '*' => '∗',
            '_' if !(word(before) && word(after)) => '＿',
            '`' => 'ˋ',
            '<' => '‹',
            '>' => '›',
            '[' => '［',
            ']' => '］',
            '\\' => '⧵',
            '$' => '＄',
            '^' => 'ˆ',
            '~' => '∼',
            '@' if !word(before) => '＠',
            '&' if entity_at(&s.as_bytes()[i..]) => '＆',
            '\n' | '\r' | '\t' => ' ',
            c => text::visible(c),
        });
        before = Some(c);
    }
    out
}

mod links;
mod plain;
mod yaml;

use links::{typed_autolink, typed_link, url_at, wikilink};
pub use plain::plain;
pub use yaml::{yaml_key, yaml_list, yaml_string};

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        #[test]
        fn escaping_terminates(s in "([#>*_`|~\\-=+:\\[\\]()!<>&\\\\\n\t 0-9a-zA-Zé☕ש\u{1b}\u{7}\u{0}\u{85}\u{2028}]|---|```|    |https://|\\[\\[){0,60}") {
            let _ = line(&s);
            let _ = inline(&s);
            let _ = title(&s);
            let _ = plain(&line(&s));
        }
    }
}
