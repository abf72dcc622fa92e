//! Where things live by default: the platform folders from `directories`. Flags, the
//! environment and the config file may move the archive (see `config`).

use std::path::PathBuf;

use directories::ProjectDirs;

pub struct Paths {
    /// `config.toml`, if the platform has a config folder.
    pub config_file: Option<PathBuf>,
    /// The user's protocol folder, if the platform has a config folder.
    pub user_protocols: Option<PathBuf>,
    /// The archive folder when nothing else names one.
    pub default_archive: PathBuf,
    /// Where sessions go when the archive folder cannot be written.
    pub fallback: PathBuf,
}

impl Paths {
    pub fn platform() -> Paths {
        let dirs = ProjectDirs::from("org", "critical-friends", "crit");
        Paths {
            config_file: dirs.as_ref().map(|d| d.config_dir().join("config.toml")),
            user_protocols: dirs.as_ref().map(|d| d.config_dir().join("protocols")),
            default_archive: dirs
                .as_ref()
                .map(|d| d.data_dir().join("archive"))
                .unwrap_or_else(|| PathBuf::from("crit-archive")),
            fallback: std::env::temp_dir().join("crit-rescue"),
        }
    }
}
