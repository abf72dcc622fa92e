//! The commented example `config.toml` that `crit config` prints and README shows.

/// A commented example `config.toml` that shows every setting (for the README and
/// `crit config`). It parses, and sets every field.
pub const EXAMPLE: &str = r#"# crit's settings. Every line is optional: leave out what you don't need.
# Command-line flags and the environment (CRIT_ARCHIVE, CRIT_BELL, NO_COLOR) win over
# this file, except that a theme of "color" or "mono" here wins over NO_COLOR.

# Where session notes are saved: a full path, or one starting with ~/ for your home folder.
archive = "~/Documents/crit-notes"

# The group's name, filled in when a session starts.
group = "Thursday CFG"

# Ring the terminal bell when a step's time is up.
bell = true

# Warn when a step has one minute left.
warning = true

# Go on to the next step by itself when a step's time is up.
auto_advance = false

# "auto" (colour unless NO_COLOR is set), "color" (always) or "mono" (never).
theme = "auto"

# Your school or team, recorded in each session; `crit archive list --site` filters by it.
site = "Charlestown High"

# In a shared archive (`crit archive init` or `clone`): "after-session" also syncs when a
# session ends (for a few seconds at most); "manual" syncs only on `crit archive sync`.
sync = "manual"
# Tags added to every session's front matter, after the protocol's own (for Obsidian, nb).
tags = ["cfg", "grade-7"]

# Names filled in for each role when a session starts; separate several with commas.
[names]
facilitator = "Sam"
participant = "Ana, Ben, Cy"
"#;

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
