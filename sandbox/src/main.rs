//! `smileid-sandbox`: runs the local Smile ID API emulator.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use smileid_sandbox::{serve, ServeArgs};

#[derive(Parser)]
#[command(name = "smileid-sandbox", version, about = "A local emulator of the Smile ID REST API")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sandbox until Ctrl-C or SIGTERM.
    Serve(ServeArgs),
}

#[tokio::main]
async fn main() -> ExitCode {
    // Logs go to stderr so stdout carries only the start-up block and the SANDBOX_READY line.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let Command::Serve(args) = Cli::parse().command;
    match serve(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("smileid-sandbox: {e}");
            ExitCode::FAILURE
        }
    }
}
