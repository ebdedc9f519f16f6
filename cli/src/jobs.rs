//! `smileid jobs` and `smileid resume`: the job journal, and finishing what it holds.

use std::path::Path;
use std::sync::Arc;

use clap::Args;
use smileid_core::{Client, Result};

use crate::connection::Connection;
use crate::exit::Outcome;
use crate::output::{print_result, print_smart_selfie};
use crate::progress::Bar;

/// `smileid jobs`: every journalled job and its state.
pub fn list(store: &Path) -> Result<()> {
    let journal = smileid_core::Journal::open_beside(&smileid_core::TagStore::open(store)?)?;
    for e in journal.all()? {
        // An Enhanced SmartSelfie job is known by the job_id the server gave it.
        let server_id = if e.enhanced {
            format!(" (enhanced)\tserver_job_id={}", e.server_job_id.as_deref().unwrap_or("-"))
        } else {
            format!("\tsmile_job_id={}", e.smile_job_id.as_deref().unwrap_or("-"))
        };
        println!(
            "{}\t{:?}\ttag={}\tjob_type={}{server_id}\t{}",
            e.job_id,
            e.state,
            e.tag,
            e.request.job_type,
            e.error_code.as_deref().unwrap_or("")
        );
    }
    Ok(())
}

#[derive(Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    connection: Connection,
    /// Print raw job_status JSON instead of typed fields.
    #[arg(long)]
    json: bool,
}

/// `smileid resume`: finish every pending job (after a crash, a kill or while offline). The
/// outcome is the worst of the jobs'; any error makes the command fail.
pub async fn resume(store: &Path, args: ResumeArgs) -> Result<Outcome> {
    let client: Client = args.connection.client(store)?;
    let resumed = client.resume_pending_jobs(Arc::new(Bar::new("resume"))).await?;
    if resumed.is_empty() {
        println!("no pending jobs");
    }
    let (mut failed, mut outcome) = (None, Outcome::Success);
    for job in resumed {
        let title = format!("resumed {}", job.job_id);
        match (job.result, job.smart_selfie) {
            (Ok(_), Some(answer)) => {
                print_smart_selfie(&title, &answer, args.json);
                outcome = outcome.max(Outcome::of_smart_selfie(&answer));
            }
            (Ok(result), None) => {
                print_result(&title, &result, args.json);
                outcome = outcome.max(Outcome::of(&result));
            }
            (Err(e), _) => {
                eprintln!("{}: error [{}]: {e}", job.job_id, e.code());
                failed = Some(e);
            }
        }
    }
    failed.map_or(Ok(outcome), Err)
}
