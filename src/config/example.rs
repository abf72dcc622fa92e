//! The commented example `config.toml` that `crit config` prints and README shows.

pub use crate::words::templates::CONFIG_EXAMPLE as EXAMPLE;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::check::KEYS;
    use crate::config::{FileConfig, SyncWhen, Theme, parse_config};
    use std::path::PathBuf;

    #[test]
    fn example_parses_and_sets_every_field() {
        let c = parse_config(EXAMPLE, "config.toml").expect("EXAMPLE parses");
        // Destructured so that a new field must be added to EXAMPLE too.
        let FileConfig {
            archive,
            group,
            names,
            bell,
            warning,
            auto_advance,
            theme,
            site,
            sync,
            tags,
        } = c;
        assert_eq!(archive, Some(PathBuf::from("~/Documents/crit-notes")));
        assert_eq!(group.as_deref(), Some("Thursday CFG"));
        assert_eq!(
            names,
            vec![
                ("facilitator".to_string(), "Sam".to_string()),
                ("participant".to_string(), "Ana, Ben, Cy".to_string()),
            ]
        );
        assert_eq!(bell, Some(true));
        assert_eq!(warning, Some(true));
        assert_eq!(auto_advance, Some(false));
        assert_eq!(theme, Some(Theme::Auto));
        assert_eq!(site.as_deref(), Some("Charlestown High"));
        assert_eq!(sync, Some(SyncWhen::Manual));
        assert_eq!(tags, ["cfg", "grade-7"]);
        for key in KEYS {
            assert!(
                EXAMPLE
                    .lines()
                    .any(|l| l.starts_with(&format!("{key} ")) || *l == format!("[{key}]")),
                "EXAMPLE does not show `{key}`"
            );
        }
    }
}
