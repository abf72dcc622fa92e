//! The `crit` binary: parses the command line and hands it to `commands::dispatch`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = critical_friends::cli::Cli::parse();
    match critical_friends::commands::dispatch(cli) {
        Ok(code) => code,
        Err(message) => {
            let said = critical_friends::words::cli::crit_says(message);
            critical_friends::runtime::say(true, &said);
            ExitCode::from(1)
        }
    }
}
