//! Reading front matter: the text between the `---` lines, then a mapping of it, read
//! directly when it is in the shape crit writes and by a YAML parser otherwise (an editor
//! such as Obsidian may rewrite it in another style), with YAML alias bombs refused.

use std::io::{self, BufRead};

use yaml_rust2::{Yaml, YamlLoader};

use crate::words::archive as words;

/// Front matter longer than this is not front matter crit wrote; give up on the file.
const MAX_FRONT_MATTER: usize = 1 << 20;

/// The front matter's text as a YAML mapping. `Ok(None)`: empty. `Err`: not YAML, or
/// not a mapping, or aliases that would expand too far.
pub(in crate::archive) fn parse(yaml: &str) -> Result<Option<Yaml>, String> {
    // Front matter as crit writes it is read directly; anything else (edited in Obsidian,
    // say) goes through the full YAML parser.
    if let Some(map) = crit_front_matter(yaml) {
        return Ok(Some(map));
    }
    // Checked before parsing: the parser itself would expand an alias bomb.
    check_aliases(yaml)?;
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| words::not_yaml(&e))?;
    match docs.into_iter().next() {
        None | Some(Yaml::Null) => Ok(None),
        Some(map @ Yaml::Hash(_)) => Ok(Some(map)),
        Some(_) => Err(words::NOT_A_MAPPING.into()),
    }
}

/// More values than front matter has any use for, once YAML's `*alias` references are
/// expanded.
const MAX_YAML_VALUES: u64 = 100_000;

/// Refuses YAML whose aliases would expand to more than [`MAX_YAML_VALUES`] values (an
/// "alias bomb": a few lines of nested `*a` lists that expand to billions). The YAML
/// parser copies every alias it reads, so this is counted first, from the parser's
/// events, without expanding anything: time and memory stay in proportion to the text.
fn check_aliases(yaml: &str) -> Result<(), String> {
    use yaml_rust2::Event;
    use yaml_rust2::parser::Parser;
    let mut parser = Parser::new_from_str(yaml);
    // The size of each anchored value, and of each collection still open.
    let mut anchors: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let Ok((event, _)) = parser.next_token() else {
            // The parser proper reports the syntax error.
            return Ok(());
        };
        let size = match event {
            Event::StreamEnd => return Ok(()),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, size)) = open.pop() else {
                    continue;
                };
                if anchor > 0 {
                    anchors.insert(anchor, size);
                }
                size
            }
            Event::Scalar(_, _, anchor, _) => {
                if anchor > 0 {
                    anchors.insert(anchor, 1);
                }
                1
            }
            Event::Alias(anchor) => anchors.get(&anchor).copied().unwrap_or(1),
            _ => continue,
        };
        match open.last_mut() {
            Some((_, parent)) => *parent = parent.saturating_add(size),
            None => total = total.saturating_add(size),
        }
        let inner = open.iter().fold(0u64, |sum, (_, s)| sum.saturating_add(*s));
        if total.saturating_add(inner) > MAX_YAML_VALUES {
            return Err(words::alias_bomb(MAX_YAML_VALUES));
        }
    }
}

/// The text between the opening and closing `---` lines; `None` if the file does not
/// start with `---`.
pub(in crate::archive) fn read_front_matter(
    mut reader: impl BufRead,
) -> Result<Option<String>, String> {
    let mut line = String::new();
    let not_text = |e: io::Error| match e.kind() {
        io::ErrorKind::InvalidData => words::NOT_UTF8.to_string(),
        _ => words::cannot_read(&e),
    };
    reader.read_line(&mut line).map_err(not_text)?;
    if line.trim_start_matches('\u{feff}').trim_end() != "---" {
        return Ok(None);
    }
    let mut yaml = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(not_text)? == 0 {
            return Err(words::NO_CLOSING_LINE.into());
        }
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Ok(Some(yaml));
        }
        yaml.push_str(&line);
        if yaml.len() > MAX_FRONT_MATTER {
            return Err(words::NO_CLOSING_LINE.into());
        }
    }
}

/// Reads front matter in exactly the shape crit writes (`key: "quoted"`, `key: plain`,
/// `key: ["a", "b"]`, and under `roles:` lines like `  presenter: ["Pat"]`), without a
/// YAML parser: listing
/// a large archive is mostly this. `None` for anything else, which the full parser reads.
pub(super) fn crit_front_matter(text: &str) -> Option<Yaml> {
    let mut top = yaml_rust2::yaml::Hash::new();
    let mut roles = yaml_rust2::yaml::Hash::new();
    let mut in_roles = false;
    for line in text.lines() {
        if let Some(inner) = line.strip_prefix("  ") {
            if !in_roles {
                return None;
            }
            let (key, value) = inner.split_once(": ")?;
            let list = value.strip_prefix('[')?.strip_suffix(']')?;
            roles.insert(
                Yaml::String(key.to_string()),
                Yaml::Array(quoted_list(list)?),
            );
            continue;
        }
        in_roles = false;
        if line == "roles:" {
            in_roles = true;
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let value = if let Some(list) = value.strip_prefix('[') {
            Yaml::Array(quoted_list(list.strip_suffix(']')?)?)
        } else if value.starts_with('"') {
            Yaml::String(unquote(value)?)
        } else if value == "null" {
            Yaml::Null
        } else if value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '+' | '.'))
        {
            Yaml::String(value.to_string())
        } else {
            return None;
        };
        top.insert(Yaml::String(key.to_string()), value);
    }
    top.insert(Yaml::String("roles".into()), Yaml::Hash(roles));
    Some(Yaml::Hash(top))
}

/// `"a", "b"` → the strings; `None` if it is not exactly a list of quoted strings.
fn quoted_list(mut rest: &str) -> Option<Vec<Yaml>> {
    let mut items = Vec::new();
    while !rest.trim().is_empty() {
        let end = closing_quote(rest)?;
        items.push(Yaml::String(unquote(&rest[..=end])?));
        rest = rest[end + 1..].trim_start();
        rest = rest.strip_prefix(',').map(str::trim_start).unwrap_or(rest);
    }
    Some(items)
}

/// The byte index of the quote closing the double-quoted string `s` starts with.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// A YAML double-quoted string with the escapes crit writes; `None` for any other form.
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => out.push(hex_char(&mut chars, 4)?),
                'U' => out.push(hex_char(&mut chars, 8)?),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

fn hex_char(chars: &mut std::str::Chars<'_>, digits: usize) -> Option<char> {
    let hex: String = chars.by_ref().take(digits).collect();
    if hex.len() != digits {
        return None;
    }
    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
}
