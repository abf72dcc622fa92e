use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = critical_friends::cli::Cli::parse();
    match critical_friends::commands::dispatch(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("crit: {message}");
            ExitCode::from(1)
        }
    }
}
