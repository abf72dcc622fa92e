//! Where things live: the platform folders from `directories`, overridden by environment
//! variables and flags (flags > environment > defaults).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

pub struct Paths {
    /// The user's protocol folder, if the platform has a config folder.
    pub user_protocols: Option<PathBuf>,
    pub archive: PathBuf,
    /// Where sessions go when the archive folder cannot be written.
    pub fallback: PathBuf,
}

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("org", "critical-friends", "crit")
}

impl Paths {
    /// `archive_flag` wins over `archive_env`, which wins over the platform default.
    pub fn resolve(archive_flag: Option<&Path>, archive_env: Option<PathBuf>) -> Paths {
        let dirs = project();
        let default_archive = dirs
            .as_ref()
            .map(|d| d.data_dir().join("archive"))
            .unwrap_or_else(|| PathBuf::from("crit-archive"));
        let archive = archive_flag
            .map(Path::to_path_buf)
            .or(archive_env.filter(|p| !p.as_os_str().is_empty()))
            .unwrap_or(default_archive);
        Paths {
            user_protocols: dirs.as_ref().map(|d| d.config_dir().join("protocols")),
            archive,
            fallback: std::env::temp_dir().join("crit-rescue"),
        }
    }
}
