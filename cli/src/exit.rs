//! The exit status of `smileid`, so scripts can tell an approval from a rejection, a job still
//! in progress and a failure without parsing the output.

use std::process::ExitCode;

use smileid_core::{SmartSelfieResult, SmartSelfieStatus, SubmitJobResult};

/// The exit statuses, as `--help` lists them.
pub const HELP: &str = "\
Exit status:
  0  success; for submit and resume: every job completed and was approved (job_success true)
  1  a job completed but was not approved: rejected (e.g. ResultCode 0841) or provisional
  2  error: bad input, network, authentication, storage (the message names the cause)
  3  a job did not complete before --timeout-ms; it stays pending (smileid resume finishes it)";

/// How a command that did not fail ended, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Done; every job approved.
    Success,
    /// A job completed without approval.
    NotApproved,
    /// A job was still in progress when polling stopped.
    Incomplete,
}

impl Outcome {
    /// The outcome of one job.
    pub fn of(result: &SubmitJobResult) -> Outcome {
        match (result.status.job_complete, result.status.job_success) {
            (false, _) => Outcome::Incomplete,
            (true, false) => Outcome::NotApproved,
            (true, true) => Outcome::Success,
        }
    }

    /// The outcome of an Enhanced SmartSelfie job (pending counts as incomplete).
    pub fn of_smart_selfie(result: &SmartSelfieResult) -> Outcome {
        match result.status {
            SmartSelfieStatus::Approved => Outcome::Success,
            SmartSelfieStatus::Pending => Outcome::Incomplete,
            SmartSelfieStatus::Rejected | SmartSelfieStatus::Unknown(_) => Outcome::NotApproved,
        }
    }

    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Success => 0,
            Outcome::NotApproved => 1,
            Outcome::Incomplete => 3,
        })
    }
}

/// The exit status of a command that failed.
pub const ERROR: u8 = 2;
