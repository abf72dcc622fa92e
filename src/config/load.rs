//! Finding and reading `config.toml`: an explicit file that fails is an error, the
//! default one only warns (and the defaults are used).

use std::fs;
use std::io;

use super::{ConfigProblem, ConfigSource, FileConfig, parse_config};
use crate::words::checks as words;

/// Reads and checks the config file. `Ok` holds the settings and any warnings to print
/// (each a complete line); `Err` is the message for an explicit file that failed.
pub fn load(source: ConfigSource<'_>) -> Result<(FileConfig, Vec<String>), String> {
    match source {
        ConfigSource::Explicit(path) => {
            let shown = path.display().to_string();
            let text = fs::read_to_string(path)
                .map_err(|e| words::cannot_read_config(&shown, &reason(&e)))?;
            match parse_config(&text, &shown) {
                Ok(config) => Ok((config, Vec::new())),
                Err(problems) => Err(problem_lines(&problems).join("\n")),
            }
        }
        ConfigSource::Default(None) => Ok((FileConfig::default(), Vec::new())),
        ConfigSource::Default(Some(path)) => {
            let shown = path.display().to_string();
            let text = match fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Ok((FileConfig::default(), Vec::new()));
                }
                Err(e) => {
                    let warning = words::cannot_read_default_config(&shown, &reason(&e));
                    return Ok((FileConfig::default(), vec![warning]));
                }
            };
            match parse_config(&text, &shown) {
                Ok(config) => Ok((config, Vec::new())),
                Err(problems) => {
                    let mut warnings = problem_lines(&problems);
                    warnings.push(words::config_ignored(&shown, problems.len()));
                    Ok((FileConfig::default(), warnings))
                }
            }
        }
    }
}

fn problem_lines(problems: &[ConfigProblem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

/// An I/O error in words, without the `(os error 2)` tail.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => words::NO_SUCH_FILE.to_string(),
        io::ErrorKind::PermissionDenied => words::PERMISSION_DENIED.to_string(),
        io::ErrorKind::IsADirectory => words::IS_A_FOLDER.to_string(),
        io::ErrorKind::InvalidData => words::NOT_UTF8.to_string(),
        _ => e.to_string(),
    }
}
