//! Typed results: each keeps the typed fields, the JSON object (serialised, for
//! `JSON.parse`/`JSONObject`) and, for job_status answers, the raw response body.

use std::collections::HashMap;

use crate::error::SmileIdError;

/// The `result` object of a job: what Smile ID decided.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JobResult {
    /// Four-digit result code, e.g. `0840`.
    pub result_code: String,
    pub result_text: String,
    pub result_type: Option<String>,
    /// Smile ID's 10-digit job number.
    pub smile_job_id: String,
    /// The partner params echoed back, values as strings (`job_type` included).
    pub partner_params: HashMap<String, String>,
    /// Each action and its outcome, e.g. `Liveness_Check` → `Passed`.
    pub actions: HashMap<String, String>,
    pub confidence_value: Option<String>,
    pub is_final_result: Option<bool>,
    pub is_machine_result: Option<bool>,
    pub country: Option<String>,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
    pub full_name: Option<String>,
    pub dob: Option<String>,
    pub gender: Option<String>,
    /// The whole result object as JSON, fields without a typed counterpart included.
    pub json: String,
}

/// One job_status answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JobStatus {
    pub job_complete: bool,
    pub job_success: bool,
    /// Status code, e.g. `2302` (result returned) or `2314` (no zip received yet).
    pub code: String,
    /// The result, once the server has one.
    pub result: Option<JobResult>,
    /// A textual `result` (e.g. `No zip file received`) while there is no result object.
    pub result_message: Option<String>,
    pub timestamp: String,
    /// The whole response as a JSON object.
    pub json: String,
    /// The response body exactly as received.
    pub raw: String,
}

/// What `submitJob` returns.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SubmitJobResult {
    pub tag: String,
    pub job_type: i64,
    /// The job and user ids used (generated ones included).
    pub job_id: String,
    pub user_id: String,
    /// Smile ID's job number from prep_upload.
    pub smile_job_id: String,
    /// `incompleteReason == TIMED_OUT`: the polling timeout passed while the job was still
    /// running. Kept for existing callers; read `incompleteReason`, which also tells the other
    /// ways a job comes back incomplete.
    pub timed_out: bool,
    /// The last job_status answer. When none arrived (see `incompleteReason`), an empty status:
    /// `jobComplete = false`, empty `code` and `raw`.
    pub status: JobStatus,
    /// Why the job came back before completing; null once `status.jobComplete`. The job stays
    /// pending: its result goes to the callback URL, and `resumePendingJobs` or `jobStatus` ask
    /// for it again.
    pub incomplete_reason: Option<IncompleteReason>,
}

/// What Enhanced KYC (job 5) returns: the ID authority's answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EnhancedKycResult {
    /// `1012` validated, `1013` not found, `1014` unsupported or malformed number, `1015`
    /// authority unavailable.
    pub result_code: String,
    pub result_text: String,
    /// Whether the authority validated the ID (`1012`, `1020` or `1021`).
    pub verified: bool,
    /// Each action and its outcome, e.g. `Verify_ID_Number` → `Verified`.
    pub actions: HashMap<String, String>,
    pub full_name: Option<String>,
    pub dob: Option<String>,
    /// The authority's photo (base64 JPEG) when it has one.
    pub photo: Option<String>,
    pub expiration_date: Option<String>,
    pub country: String,
    pub id_type: String,
    pub id_number: String,
    /// Smile ID's 10-digit job number.
    pub smile_job_id: String,
    /// The partner params echoed back (`job_type` is `5`).
    pub partner_params: HashMap<String, String>,
    /// The whole answer as JSON.
    pub json: String,
}

impl From<smileid_core::EnhancedKycResult> for EnhancedKycResult {
    fn from(r: smileid_core::EnhancedKycResult) -> Self {
        EnhancedKycResult {
            verified: r.is_verified(),
            result_code: r.result_code,
            result_text: r.result_text,
            actions: r.actions.into_iter().collect(),
            full_name: r.full_name,
            dob: r.dob,
            photo: r.photo,
            expiration_date: r.expiration_date,
            country: r.country,
            id_type: r.id_type,
            id_number: r.id_number,
            smile_job_id: r.smile_job_id,
            partner_params: r.partner_params.into_iter().collect(),
            json: r.json.to_string(),
        }
    }
}

/// What asynchronous Enhanced KYC returns: the ids its callback will carry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EnhancedKycAccepted {
    pub job_id: String,
    pub user_id: String,
}

impl From<smileid_core::EnhancedKycAccepted> for EnhancedKycAccepted {
    fn from(a: smileid_core::EnhancedKycAccepted) -> Self {
        EnhancedKycAccepted { job_id: a.job_id, user_id: a.user_id }
    }
}

/// Why a job came back with `jobComplete = false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum IncompleteReason {
    /// The polling timeout passed while the server said the job was still running (or before it
    /// answered at all).
    TimedOut,
    /// The polling timeout passed while job_status requests were failing (network or server
    /// trouble); `status` is the last answer received, if any.
    StatusUnavailable,
    /// The server kept reporting no zip for the job (`2314`) after it was uploaded again the
    /// most times the client will.
    UploadLost,
}

impl From<smileid_core::IncompleteReason> for IncompleteReason {
    fn from(r: smileid_core::IncompleteReason) -> Self {
        match r {
            smileid_core::IncompleteReason::TimedOut => IncompleteReason::TimedOut,
            smileid_core::IncompleteReason::StatusUnavailable => {
                IncompleteReason::StatusUnavailable
            }
            smileid_core::IncompleteReason::UploadLost => IncompleteReason::UploadLost,
        }
    }
}

impl From<smileid_core::JobResult> for JobResult {
    fn from(r: smileid_core::JobResult) -> Self {
        JobResult {
            result_code: r.result_code,
            result_text: r.result_text,
            result_type: r.result_type,
            smile_job_id: r.smile_job_id,
            partner_params: r.partner_params.into_iter().collect(),
            actions: r.actions.into_iter().collect(),
            confidence_value: r.confidence_value,
            is_final_result: r.is_final_result,
            is_machine_result: r.is_machine_result,
            country: r.country,
            id_type: r.id_type,
            id_number: r.id_number,
            full_name: r.full_name,
            dob: r.dob,
            gender: r.gender,
            json: r.json.to_string(),
        }
    }
}

impl From<smileid_core::JobStatus> for JobStatus {
    fn from(s: smileid_core::JobStatus) -> Self {
        JobStatus {
            job_complete: s.job_complete,
            job_success: s.job_success,
            code: s.code,
            result: s.result.map(Into::into),
            result_message: s.result_message,
            timestamp: s.timestamp,
            json: s.json.to_string(),
            raw: s.raw,
        }
    }
}

impl From<smileid_core::SubmitJobResult> for SubmitJobResult {
    fn from(r: smileid_core::SubmitJobResult) -> Self {
        SubmitJobResult {
            tag: r.tag,
            job_type: r.job_type.id().into(),
            job_id: r.job_id,
            user_id: r.user_id,
            smile_job_id: r.smile_job_id,
            timed_out: r.incomplete_reason == Some(smileid_core::IncompleteReason::TimedOut),
            status: r.status.into(),
            incomplete_reason: r.incomplete_reason.map(Into::into),
        }
    }
}

/// Parses a callback body Smile ID POSTed and checks its signature with the partner's API key.
/// For the partner's server (which holds the key), not for apps.
#[uniffi::export]
pub fn verify_callback(
    api_key: String,
    partner_id: String,
    body: String,
) -> Result<JobResult, SmileIdError> {
    Ok(smileid_core::verify_callback(&api_key, &partner_id, body.as_bytes())?.into())
}

/// The outcome of one job continued by `resumePendingJobs`: `result` or `error` is set.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ResumedJob {
    pub job_id: String,
    pub result: Option<SubmitJobResult>,
    pub error: Option<SmileIdError>,
}

impl From<smileid_core::ResumedJob> for ResumedJob {
    fn from(r: smileid_core::ResumedJob) -> Self {
        match r.result {
            Ok(result) => ResumedJob { job_id: r.job_id, result: Some(result.into()), error: None },
            Err(e) => ResumedJob { job_id: r.job_id, result: None, error: Some(e.into()) },
        }
    }
}
