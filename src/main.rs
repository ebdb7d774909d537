//! The `dateline` command. The command line is read once into [`settings::Settings`], carried
//! out by [`commands`], and every error is reported the same way: one line on stderr,
//! `dateline: error: ...`, exit status 2.
//!
//! Modules of the binary (not of the library): `cli` (the only one that knows clap),
//! `settings` (the command line and environment resolved once), `commands` (carrying settings
//! out), `output` (human and JSON output) and `progress` (the indexing progress bar).

mod cli;
mod commands;
mod output;
mod progress;
mod settings;

use std::process::ExitCode;

use commands::Status;
use settings::{Environment, Settings};

fn main() -> ExitCode {
    let cli = cli::parse();
    let result = Settings::resolve(cli, &Environment::current()).and_then(commands::run);
    match result {
        Ok(status) => status.into(),
        // A reader that stops early (`| head`) is not an error.
        Err(dateline::error::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            Status::Found.into()
        }
        Err(err) => {
            eprintln!("{}", output::error_line(&err));
            Status::Failed.into()
        }
    }
}
