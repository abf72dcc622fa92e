//! A session file's front matter, written and read in one place: [`write`] puts down
//! the YAML block crit writes, [`read`] takes it back (directly for crit's own shape, by a
//! YAML parser for anything an editor made of it). The test below holds them to each
//! other: whatever a person types, the direct reader reads crit's own front matter
//! exactly as the YAML parser does.

mod read;
mod write;

pub(super) use read::{parse, read_front_matter};
pub use write::{attendees, presenters};
pub(super) use write::{title, write};

#[cfg(test)]
mod tests {
    use std::fs;
    use std::io::BufReader;

    use yaml_rust2::YamlLoader;

    use super::read::crit_front_matter;
    use super::*;
    use crate::archive::entry::entry_from_yaml;
    use crate::archive::fixture::{Spec, write_session};

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

        /// crit's own front matter is read directly, and reads exactly as the YAML parser
        /// reads it, whatever the names and question hold.
        #[test]
        fn the_direct_reader_agrees_with_the_yaml_parser(
            group in "\\PC{0,20}",
            presenter in "[\"\\\\a-zé☕\u{1}\u{7f}\u{85}\u{2028}\u{feff}, :\\[\\]{}#&*!|>'%@`-]{1,20}",
            question in "\\PC{0,40}",
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = write_session(dir.path(), Spec {
                protocol: "tuning", group: &group, presenter: &presenter, question: &question,
                start: "2026-03-01T10:00:00+01:00", notes: &[], finish: None,
            });
            let text = fs::read_to_string(&path).unwrap();
            let yaml = read_front_matter(BufReader::new(text.as_bytes())).unwrap().unwrap();
            let direct = crit_front_matter(&yaml);
            proptest::prop_assert!(direct.is_some(), "crit's own front matter takes the direct path:\n{}", yaml);
            let parsed = YamlLoader::load_from_str(&yaml).unwrap().remove(0);
            let (a, b) = (entry_from_yaml(&path, &direct.unwrap()), entry_from_yaml(&path, &parsed));
            proptest::prop_assert_eq!(a, b);
        }
    }
}
