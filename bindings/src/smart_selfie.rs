//! Enhanced SmartSelfie: enrolment and authentication over the synchronous v2 endpoints, from
//! the same tag and parameters as `submitJob`.

use std::collections::HashMap;

use crate::results::{IncompleteReason, JobStatus};

/// The decision of an Enhanced SmartSelfie job.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SmartSelfieStatus {
    Approved,
    /// Not decided yet (e.g. awaiting human review): see `incompleteReason`.
    Pending,
    Rejected,
    /// A status this library does not know, as the server wrote it.
    Unknown {
        status: String,
    },
}

/// What `submitSmartSelfie` returns.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmartSelfieResult {
    pub tag: String,
    /// 4 (enrolment) or 2 (authentication).
    pub job_type: i64,
    /// The job's id in this library (`partnerParams.jobId`, generated when empty): what
    /// `cancelJob`, `pendingJobs` and `resumePendingJobs` name it by.
    pub journal_job_id: String,
    pub status: SmartSelfieStatus,
    /// Result code, e.g. `0840`; job_status's `ResultCode` once that decided a pending job.
    pub code: String,
    pub message: String,
    /// The job id Smile ID made.
    pub job_id: String,
    pub user_id: String,
    /// The extra partner params echoed back.
    pub partner_params: HashMap<String, String>,
    pub created_at: String,
    pub updated_at: String,
    /// The v2 answer as received.
    pub raw: String,
    /// The last job_status answer, when a pending answer was followed up.
    pub job_status: Option<JobStatus>,
    /// Why the job came back still pending (null otherwise). It stays in the journal and
    /// `resumePendingJobs` follows it up.
    pub incomplete_reason: Option<IncompleteReason>,
}

impl From<smileid_core::SmartSelfieResult> for SmartSelfieResult {
    fn from(r: smileid_core::SmartSelfieResult) -> Self {
        use smileid_core::SmartSelfieStatus as S;
        SmartSelfieResult {
            tag: r.tag,
            job_type: r.job_type.id().into(),
            journal_job_id: r.journal_job_id,
            status: match r.status {
                S::Approved => SmartSelfieStatus::Approved,
                S::Pending => SmartSelfieStatus::Pending,
                S::Rejected => SmartSelfieStatus::Rejected,
                S::Unknown(status) => SmartSelfieStatus::Unknown { status },
            },
            code: r.code,
            message: r.message,
            job_id: r.job_id,
            user_id: r.user_id,
            partner_params: r.partner_params.into_iter().collect(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            raw: r.answer_raw,
            job_status: r.job_status.map(Into::into),
            incomplete_reason: r.incomplete_reason.map(Into::into),
        }
    }
}
