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
    /// The public view of the running session, for `crit mirror` (`CRIT_LIVE` moves it).
    pub live_file: PathBuf,
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
            // Per user and private, unlike a shared temporary folder.
            fallback: dirs
                .as_ref()
                .map(|d| d.data_local_dir().join("rescue"))
                .unwrap_or_else(|| std::env::temp_dir().join("crit-rescue")),
            live_file: std::env::var_os("CRIT_LIVE")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    let dir = dirs
                        .as_ref()
                        .map(|d| d.runtime_dir().unwrap_or(d.data_local_dir()).to_path_buf());
                    dir.unwrap_or_else(std::env::temp_dir).join("live.json")
                }),
        }
    }
}
