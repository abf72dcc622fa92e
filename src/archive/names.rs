//! Matching people's names across sessions: ignoring case, surrounding and repeated
//! spaces, and accents on Latin letters ("José" is "jose", "Ana María" is "ana maria").
//!
//! `unicode-normalization` is not among crit's dependencies, so accents are folded with a
//! small table covering the Latin-1 Supplement and Latin Extended-A letters (the accents
//! of the western and central European languages); any other character is only lowercased.

/// The form two names are compared in.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            match base_letter(c) {
                Some(base) => out.push_str(base),
                None => out.push(c),
            }
        }
    }
    out
}

/// Whether two names are the same person's.
pub fn same(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// The unaccented form of a lowercase accented Latin letter.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// Pairs of names (as first written) that differ by one letter once folded ("Ana" and
/// "Anna", "Jon" and "John"): perhaps one person typed two ways, perhaps two people. They
/// are pointed out, never merged. Names shorter than three letters are left alone.
pub fn near_duplicates<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut seen: Vec<(String, String)> = Vec::new();
    for name in names {
        let folded = fold(name);
        if folded.is_empty() || seen.iter().any(|(f, _)| *f == folded) {
            continue;
        }
        seen.push((folded, name.trim().to_string()));
    }
    let mut pairs = Vec::new();
    for (i, (a, name_a)) in seen.iter().enumerate() {
        for (b, name_b) in &seen[i + 1..] {
            if a.chars().count() >= 3 && b.chars().count() >= 3 && one_edit_apart(a, b) {
                pairs.push((name_a.clone(), name_b.clone()));
            }
        }
    }
    pairs
}

/// Whether `a` becomes `b` by adding, removing or changing one character.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            short
                .iter()
                .zip(long.iter())
                .filter(|(x, y)| x != y)
                .count()
                == 1
        }
        1 => {
            let first_diff = short
                .iter()
                .zip(long.iter())
                .position(|(x, y)| x != y)
                .unwrap_or(short.len());
            short[first_diff..] == long[first_diff + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case_accents_and_spacing() {
        assert!(same("José", "jose"));
        assert!(same("  Ana   María ", "ana maria"));
        assert!(same("ZOË", "zoe"));
        assert!(same("Łukasz", "lukasz"));
        assert!(!same("Ana", "Anna"));
    }

    #[test]
    fn names_one_letter_apart_are_pointed_out_not_merged() {
        let pairs = near_duplicates(["Ana", "Anna", "ana", "Ben", "Jon", "John", "Al", "Ali"]);
        assert_eq!(
            pairs,
            vec![
                ("Ana".to_string(), "Anna".to_string()),
                ("Jon".to_string(), "John".to_string())
            ]
        );
        assert!(near_duplicates(["Ana", "Ben"]).is_empty());
    }
}
