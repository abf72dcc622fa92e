//! Checking a TOML file and saying what is wrong with it: the [`Problem`]s found, each at
//! its line and column, and the one [`Checker`] that both protocol files and
//! `config.toml` are read with (typed accessors and unknown-key suggestions live in
//! `access.rs`).
//!
//! We walk toml's spanned document instead of deriving `Deserialize`: serde stops at the
//! first error, and a person fixing a file wants to see all of them at once, each as
//! `path:line:column: message`, with a suggestion where one exists.
//!
//! This is a bottom layer, like `text` and `words`: it knows no file format of its own.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::words::checks as words;

mod access;
mod suggest;

pub use access::{Number, number};
pub use suggest::{distance, suggest};

/// A value in a TOML document, with the bytes it came from.
pub type Value<'i> = Spanned<DeValue<'i>>;

/// One thing wrong with a file, and where; shown as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// A better word for a TOML syntax error than the parser's: given the text and the byte
/// offset of an error, the offset where the message belongs and the message. One message
/// is given per offset, however many errors lead there.
pub type SyntaxHint = fn(&str, usize) -> Option<(usize, &'static str)>;

/// Reads one file and collects every problem in it, each placed at its line and column.
pub struct Checker<'s> {
    src: &'s str,
    path: &'s str,
    list: Vec<Problem>,
}

impl<'s> Checker<'s> {
    /// A checker for `src`, the text of the file shown as `path`.
    pub fn new(src: &'s str, path: &'s str) -> Checker<'s> {
        Checker {
            src,
            path,
            list: Vec::new(),
        }
    }

    /// Records a problem at the start of `span`.
    pub fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = position(self.src, span.start);
        self.list.push(Problem {
            path: self.path.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Problems in file order, as an editor would list them.
    pub fn sorted(mut self) -> Vec<Problem> {
        self.list.sort_by_key(|p| (p.line, p.column));
        self.list
    }

    /// The TOML document, or `None` with every syntax error reported (in the words of
    /// `hint` where it has better ones).
    pub fn parse(&mut self, hint: Option<SyntaxHint>) -> Option<Spanned<DeTable<'s>>> {
        let (doc, errors) = DeTable::parse_recoverable(self.src);
        let mut hinted = Vec::new();
        for e in &errors {
            let span = e.span().unwrap_or(0..0);
            if let Some((start, message)) = hint.and_then(|h| h(self.src, span.start)) {
                if !hinted.contains(&start) {
                    hinted.push(start);
                    self.at(start..start, message);
                }
                continue;
            }
            let message = e.message().trim().trim_end_matches('.').to_string();
            self.at(span, words::not_toml(&message));
        }
        errors.is_empty().then_some(doc)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn position(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let src = "a = 1\nnamé = 2\n";
        assert_eq!(position(src, 0), (1, 1));
        assert_eq!(position(src, 6), (2, 1));
        // `=` after a two-byte é is the sixth character.
        assert_eq!(position(src, src.find("= 2").unwrap()), (2, 6));
        assert_eq!(position(src, 999), (3, 1));
    }

    #[test]
    fn problems_come_in_file_order_and_show_their_place() {
        let mut c = Checker::new("a = 1\nb = 2\n", "f.toml");
        c.at(6..7, "second");
        c.at(0..1, "first");
        let shown: Vec<String> = c.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["f.toml:1:1: first", "f.toml:2:1: second"]);
    }

    #[test]
    fn a_hint_replaces_the_syntax_errors_it_knows_once_per_place() {
        fn hint(_: &str, _: usize) -> Option<(usize, &'static str)> {
            Some((4, "a better word"))
        }
        let mut c = Checker::new("x = 5 min 3\n", "f.toml");
        assert!(c.parse(Some(hint)).is_none());
        let shown: Vec<String> = c.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["f.toml:1:5: a better word"]);
        let mut c = Checker::new("x = 5 min\n", "f.toml");
        assert!(c.parse(None).is_none());
        assert!(
            c.sorted()[0]
                .message
                .starts_with("this is not valid TOML: ")
        );
    }
}
