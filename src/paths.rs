//! Where things live by default: the platform folders from `directories`. Flags, the
//! environment and the config file may move the archive (see `config`).

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::app::live::LiveSource;

pub struct Paths {
    /// `config.toml`, if the platform has a config folder.
    pub config_file: Option<PathBuf>,
    /// The user's protocol folder, if the platform has a config folder.
    pub user_protocols: Option<PathBuf>,
    /// The archive folder when nothing else names one.
    pub default_archive: PathBuf,
    /// Where sessions go when the archive folder cannot be written.
    pub fallback: PathBuf,
    /// The public view of the running session, for `crit mirror`: the file named by
    /// `CRIT_LIVE`, or a folder where each running session writes its own file.
    pub live: LiveSource,
}

impl Paths {
    /// The live file this process writes while a session runs.
    pub fn live_file(&self) -> PathBuf {
        match &self.live {
            LiveSource::File(path) => path.clone(),
            LiveSource::Folder(dir) => crate::app::live::file_in(dir, std::process::id()),
        }
    }

    /// `CRIT_LIVE` names a file that is there and is not one crit wrote: crit will not
    /// overwrite or remove it.
    pub fn live_problem(&self) -> Option<String> {
        match &self.live {
            LiveSource::File(path) if !crate::app::live::may_write(path) => {
                Some(crate::words::cli::live_file_not_ours(path.display()))
            }
            _ => None,
        }
    }
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
            // `CRIT_LIVE` (read with the other settings) may name one file instead.
            live: LiveSource::Folder(
                dirs.as_ref()
                    .map(|d| d.runtime_dir().unwrap_or(d.data_local_dir()).to_path_buf())
                    .unwrap_or_else(std::env::temp_dir)
                    .join("live"),
            ),
        }
    }
}
