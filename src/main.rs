use std::process::ExitCode;

use clap::Parser;
use dateline::app;
use dateline::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(code) => code,
        Err(dateline::error::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::from(app::FOUND)
        }
        Err(err) => {
            eprintln!("dateline: error: {err}");
            ExitCode::from(app::FAILED)
        }
    }
}
