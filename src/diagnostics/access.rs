//! The typed accessors of the [`Checker`]: each reads one TOML value as the type a key
//! needs (text, true/false, a whole number, a list, a table, one of a few words) or
//! records, in words, why it cannot; and the check for unknown keys, with a did-you-mean.
//!
//! Every accessor returns `None` (or nothing) after recording its problem, so a caller
//! goes on and finds the file's other problems too.

use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};

use super::{Checker, Value};
use crate::diagnostics::suggest;
use crate::words::checks as words;

impl Checker<'_> {
    /// Text in quotes (possibly empty).
    pub fn string(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.at(v.span(), words::must_be_text(key, v.get_ref().type_str()));
                None
            }
        }
    }

    /// Text in quotes that is not blank; `empty` words the problem when it is.
    pub fn nonempty(
        &mut self,
        v: &Value<'_>,
        key: &str,
        empty: fn(&str) -> String,
    ) -> Option<String> {
        let s = self.string(v, key)?;
        if s.trim().is_empty() {
            self.at(v.span(), empty(key));
            return None;
        }
        Some(s)
    }

    /// `true` or `false`, with a hint when they were written in quotes.
    pub fn boolean(&mut self, v: &Value<'_>, key: &str) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            let quoted = v
                .get_ref()
                .as_str()
                .map(str::trim)
                .filter(|s| ["true", "false"].contains(s));
            self.at(v.span(), words::must_be_bool(key, quoted));
        }
        b
    }

    /// A whole number from `min` to `max`.
    pub fn integer(&mut self, v: &Value<'_>, key: &str, min: i64, max: i64) -> Option<i64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.at(v.span(), words::must_be_whole_number(key, min, max));
                None
            }
        }
    }

    /// A list in brackets; `problem` words it when the value is something else.
    pub fn list<'a, 'i>(
        &mut self,
        v: &'a Value<'i>,
        problem: impl FnOnce() -> String,
    ) -> Option<&'a DeArray<'i>> {
        let items = v.get_ref().as_array();
        if items.is_none() {
            self.at(v.span(), problem());
        }
        items
    }

    /// A list of texts in quotes (each possibly empty); `problem` words it when the
    /// value is not a list. Each item that is not text is reported, and left out.
    pub fn strings(
        &mut self,
        v: &Value<'_>,
        key: &str,
        problem: impl FnOnce() -> String,
    ) -> Vec<String> {
        let Some(items) = self.list(v, problem) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, key))
            .collect()
    }

    /// A table; `problem` words it when the value is something else.
    pub fn table<'a, 'i>(
        &mut self,
        v: &'a Value<'i>,
        problem: impl FnOnce() -> String,
    ) -> Option<&'a DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            self.at(v.span(), problem());
        }
        t
    }

    /// One of a few words, `written` as the file has it (matched trimmed and in any
    /// case): its meaning from `options`, or a problem at `span` worded by `unknown` with
    /// the nearest of `shown`.
    pub fn choice<T: Copy>(
        &mut self,
        span: Range<usize>,
        written: &str,
        options: &[(&str, T)],
        shown: &[&str],
        unknown: fn(&str, Option<&str>) -> String,
    ) -> Option<T> {
        let wanted = written.trim().to_lowercase();
        if let Some((_, meaning)) = options.iter().find(|(word, _)| *word == wanted) {
            return Some(*meaning);
        }
        let guess = suggest(&wanted, shown.iter().copied());
        self.at(span, unknown(written, guess));
        None
    }

    /// Reports every key of `t` not in `allowed`, worded by `unknown` (the key, the known
    /// key it seems a misspelling of); returns those known keys.
    pub fn known_keys(
        &mut self,
        t: &DeTable<'_>,
        allowed: &[&'static str],
        unknown: impl Fn(&str, Option<&str>) -> String,
    ) -> Vec<&'static str> {
        let mut misspelt = Vec::new();
        for key in t.keys() {
            let k = key.get_ref();
            if !allowed.contains(&k.as_ref()) {
                let guess = suggest(k, allowed.iter().copied());
                misspelt.extend(guess);
                self.at(key.span(), unknown(k, guess));
            }
        }
        misspelt
    }
}

/// A TOML number, or why it is not one.
#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    Finite(f64),
    /// Too large for any use a file has for numbers.
    TooLarge,
    /// `nan` or `inf`, as written.
    NaNOrInfinite(String),
    /// Not a number at all: text, a list, a table…
    Other(&'static str),
}

/// Reads a TOML integer or float as a number.
pub fn number(v: &DeValue<'_>) -> Number {
    match v {
        DeValue::Integer(i) => {
            match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                Ok(n) => Number::Finite(n as f64),
                // Too many digits for a whole number: larger than any use, or below 0.
                Err(_) if i.as_str().starts_with('-') => Number::Finite(-1.0),
                Err(_) => Number::TooLarge,
            }
        }
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => Number::Finite(x),
                Ok(x) if x.is_infinite() && !text.contains("inf") => Number::TooLarge,
                _ => Number::NaNOrInfinite(text.trim_start_matches('+').to_string()),
            }
        }
        other => Number::Other(other.type_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems `read` records reading the value of `x` in `src`.
    fn problems(src: &str, read: impl FnOnce(&mut Checker<'_>, &Value<'_>)) -> Vec<String> {
        let mut c = Checker::new(src, "f.toml");
        let doc = c.parse(None).expect("valid TOML");
        let v = doc.get_ref().get("x").expect("has x");
        read(&mut c, v);
        c.sorted().iter().map(|p| p.message.clone()).collect()
    }

    #[test]
    fn a_quoted_boolean_gets_a_hint_and_other_values_do_not() {
        let read = |c: &mut Checker<'_>, v: &Value<'_>| {
            c.boolean(v, "x");
        };
        assert_eq!(
            problems("x = \" true\"", read),
            ["`x` must be true or false (without quotes: `x = true`)"]
        );
        assert_eq!(problems("x = 1", read), ["`x` must be true or false"]);
        assert!(problems("x = false", read).is_empty());
    }

    #[test]
    fn text_blank_text_and_other_types() {
        let read = |c: &mut Checker<'_>, v: &Value<'_>| {
            c.nonempty(v, "x", words::is_empty);
        };
        assert_eq!(problems("x = \"  \"", read), ["`x` is empty"]);
        assert_eq!(
            problems("x = [1]", read),
            ["`x` must be text in quotes, found array"]
        );
        assert!(problems("x = \"ok\"", read).is_empty());
    }

    #[test]
    fn a_list_of_texts_reports_each_item_that_is_not_text() {
        let read = |c: &mut Checker<'_>, v: &Value<'_>| {
            let got = c.strings(v, "x", || "not a list".to_string());
            assert_eq!(got, ["a", ""]);
        };
        assert_eq!(
            problems("x = [\"a\", 1, \"\"]", read),
            ["`x` must be text in quotes, found integer"]
        );
        let read = |c: &mut Checker<'_>, v: &Value<'_>| {
            assert!(c.strings(v, "x", || "not a list".to_string()).is_empty());
        };
        assert_eq!(problems("x = \"a\"", read), ["not a list"]);
    }

    #[test]
    fn whole_numbers_within_bounds() {
        let read = |c: &mut Checker<'_>, v: &Value<'_>| {
            c.integer(v, "x", 1, 12);
        };
        assert!(problems("x = 0x0c", read).is_empty());
        assert_eq!(
            problems("x = 13", read),
            ["`x` must be a whole number from 1 to 12"]
        );
        assert_eq!(problems("x = 1.5", read).len(), 1);
    }

    #[test]
    fn a_choice_matches_in_any_case_and_suggests_the_nearest() {
        #[derive(Clone, Copy, Debug, PartialEq)]
        enum Size {
            Big,
        }
        let src = "x = \"Bgi\"";
        let mut c = Checker::new(src, "f.toml");
        let got = c.choice(4..9, " BIG ", &[("big", Size::Big)], &["big"], |w, g| {
            format!("{w}|{g:?}")
        });
        assert_eq!(got, Some(Size::Big));
        let got = c.choice(4..9, "bgi", &[("big", Size::Big)], &["big"], |w, g| {
            format!("{w}|{g:?}")
        });
        assert_eq!(got, None);
        assert_eq!(c.sorted()[0].message, "bgi|Some(\"big\")");
    }

    #[test]
    fn unknown_keys_are_reported_with_the_key_they_resemble() {
        let src = "nmae = 1\nname = 2\nzzzzzz = 3\n";
        let mut c = Checker::new(src, "f.toml");
        let doc = c.parse(None).expect("valid TOML");
        let misspelt = c.known_keys(doc.get_ref(), &["name", "minutes"], |k, g| {
            format!("{k}:{g:?}")
        });
        assert_eq!(misspelt, ["name"]);
        let shown: Vec<String> = c.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["f.toml:1:1: nmae:Some(\"name\")", "f.toml:3:1: zzzzzz:None"]
        );
    }

    #[test]
    fn numbers_in_their_toml_forms() {
        let read = |src: &str| {
            let (doc, _) = DeTable::parse_recoverable(src);
            number(doc.get_ref().get("x").expect("x").get_ref())
        };
        assert_eq!(read("x = 1_0"), Number::Finite(10.0));
        assert_eq!(read("x = 0.5"), Number::Finite(0.5));
        assert_eq!(read("x = 99999999999999999999"), Number::TooLarge);
        assert_eq!(read("x = -99999999999999999999"), Number::Finite(-1.0));
        assert_eq!(read("x = 1e999"), Number::TooLarge);
        assert_eq!(read("x = +inf"), Number::NaNOrInfinite("inf".into()));
        assert_eq!(read("x = \"5\""), Number::Other("string"));
    }
}
