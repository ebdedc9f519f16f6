//! `smileid`: run Smile ID jobs from the command line, against the local sandbox or Smile ID.

mod callbacks;
mod capture;
mod connection;
mod demo;
mod exit;
mod jobs;
mod output;
mod progress;
mod services;
mod submit;
mod tags;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use exit::Outcome;

#[derive(Parser)]
#[command(
    name = "smileid",
    version,
    about = "Smile ID jobs from the command line: capture, submit, sandbox",
    after_help = exit::HELP
)]
struct Cli {
    /// Where tags are stored (default: $SMILEID_HOME/tags, or ~/.smileid/tags).
    #[arg(long, global = true, env = "SMILEID_TAGS")]
    store: Option<PathBuf>,
    /// Log level of this project's diagnostics on stderr (error, warn, info, debug, trace).
    /// Libraries underneath stay at warn: their debug output may show pre-signed URLs.
    #[arg(long, global = true, default_value = "warn", env = "SMILEID_LOG")]
    log: tracing::Level,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Start the embedded sandbox and run enrolment (4), authentication (2), Biometric KYC (1),
    /// Enhanced KYC (5), an Enhanced SmartSelfie authentication and Document Verification (6).
    Demo(demo::DemoArgs),
    /// Make a tag from a selfie photo (and optional liveness photos, and a document's front and
    /// back for Document Verification).
    Capture(capture::CaptureArgs),
    /// Submit a tag as a job to any Smile ID base URL and print the typed result (job type 5,
    /// Enhanced KYC: the ID details alone, no tag).
    Submit(Box<submit::SubmitArgs>),
    /// List the countries and ID types of a product (GET /v1/services).
    Services(services::ServicesArgs),
    /// List tags, or delete one.
    Tags(tags::TagsArgs),
    /// List the journalled jobs and their states.
    Jobs,
    /// Finish every pending job (after a crash, a kill or while offline).
    Resume(jobs::ResumeArgs),
    /// Receive the results Smile ID POSTs to a job's callback URL, verifying their signatures.
    Callbacks {
        #[command(subcommand)]
        command: callbacks::CallbacksCommand,
    },
    /// The local Smile ID API emulator.
    Sandbox {
        #[command(subcommand)]
        command: SandboxCommand,
    },
}

#[derive(Subcommand)]
enum SandboxCommand {
    /// Serve the sandbox until interrupted.
    Serve(smileid_sandbox::ServeArgs),
}

fn default_store() -> PathBuf {
    let home = std::env::var_os("SMILEID_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".smileid")))
        .unwrap_or_else(|| PathBuf::from(".smileid"));
    home.join("tags")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = format!("warn,smileid={0},smileid_core={0},smileid_sandbox={0}", cli.log);
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let store = cli.store.unwrap_or_else(default_store);
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let outcome = runtime.block_on(async move {
        let done = |result: smileid_core::Result<()>| result.map(|()| Outcome::Success);
        match cli.command {
            Command::Demo(args) => done(demo::run(args).await),
            Command::Capture(args) => done(capture::run(&store, args)),
            Command::Submit(args) => submit::run(&store, *args).await,
            Command::Services(args) => done(services::run(&store, args).await),
            Command::Tags(args) => done(tags::run(&store, args)),
            Command::Jobs => done(jobs::list(&store)),
            Command::Resume(args) => jobs::resume(&store, args).await,
            Command::Callbacks { command } => done(callbacks::run(command).await),
            Command::Sandbox { command: SandboxCommand::Serve(args) } => done(
                smileid_sandbox::serve(args)
                    .await
                    .map_err(|e| smileid_core::Error::Network(e.to_string())),
            ),
        }
    });
    match outcome {
        Ok(outcome) => outcome.exit_code(),
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::from(exit::ERROR)
        }
    }
}
