//! What the React Native API answers, as the JSON documents its TypeScript types describe:
//! results with rn-smile-id's field names (`ResultCode`, `SmileJobID`, …) plus the whole
//! response as an object (`json`) and as received (`raw`), pending and resumed jobs, tag images,
//! progress events, and errors as `{code, message, field?, apiCode?, httpStatus?}`. Every answer
//! travels in an envelope, `{"ok": …}` or `{"error": …}`, so no platform converts errors.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::error::SmileIdError;
use crate::job::{JobState, PendingJob};
use crate::progress::ProgressEvent;
use crate::results::{EnhancedKycResult, IncompleteReason, JobStatus, ResumedJob, SubmitJobResult};
use crate::smart_selfie::{SmartSelfieResult, SmartSelfieStatus};
use crate::tag_store::TagImages;

/// `{"ok": value}` or `{"error": {…}}`.
#[derive(Serialize)]
enum Envelope<T> {
    #[serde(rename = "ok")]
    Ok(T),
    #[serde(rename = "error")]
    Error(ErrorDoc),
}

/// The envelope of an answer.
pub(crate) fn envelope<T: Serialize>(answer: Result<T, SmileIdError>) -> String {
    let envelope = match answer {
        Ok(value) => Envelope::Ok(value),
        Err(e) => Envelope::Error(ErrorDoc::from(&e)),
    };
    // Documents hold only strings, numbers, booleans and string-keyed maps: always serialisable.
    serde_json::to_string(&envelope).unwrap_or_else(|e| {
        let internal = SmileIdError::internal(format!("answer not serialisable: {e}"));
        serde_json::json!({ "error": ErrorDoc::from(&internal) }).to_string()
    })
}

/// The envelope of an error the screens report by code (the camera screen's own codes).
pub(crate) fn error_envelope(code: &str, message: &str) -> String {
    let doc = ErrorDoc {
        code: code.into(),
        message: message.into(),
        field: None,
        api_code: None,
        http_status: None,
    };
    serde_json::json!({ "error": doc }).to_string()
}

/// An error as JS's `SmileIdError` is built from it.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorDoc {
    code: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    http_status: Option<i32>,
}

impl From<&SmileIdError> for ErrorDoc {
    fn from(e: &SmileIdError) -> Self {
        let (api_code, http_status) = match e {
            SmileIdError::Api { api_code, http_status, .. } => {
                (Some(api_code.clone()), Some(*http_status))
            }
            _ => (None, None),
        };
        ErrorDoc {
            code: e.error_code(),
            message: e.error_detail(),
            field: e.error_field(),
            api_code,
            http_status,
        }
    }
}

/// One job_status answer (`jobStatus`; the first fields of a job's result).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StatusDoc {
    job_complete: bool,
    job_success: bool,
    code: String,
    #[serde(rename = "ResultCode", skip_serializing_if = "Option::is_none")]
    result_code: Option<String>,
    #[serde(rename = "ResultText", skip_serializing_if = "Option::is_none")]
    result_text: Option<String>,
    #[serde(rename = "ResultType", skip_serializing_if = "Option::is_none")]
    result_type: Option<String>,
    #[serde(rename = "SmileJobID", skip_serializing_if = "Option::is_none")]
    smile_job_id: Option<String>,
    #[serde(rename = "PartnerParams", skip_serializing_if = "Option::is_none")]
    partner_params: Option<BTreeMap<String, String>>,
    #[serde(rename = "Actions", skip_serializing_if = "Option::is_none")]
    actions: Option<BTreeMap<String, String>>,
    #[serde(rename = "ConfidenceValue", skip_serializing_if = "Option::is_none")]
    confidence_value: Option<String>,
    #[serde(rename = "IsFinalResult", skip_serializing_if = "Option::is_none")]
    is_final_result: Option<bool>,
    #[serde(rename = "IsMachineResult", skip_serializing_if = "Option::is_none")]
    is_machine_result: Option<bool>,
    #[serde(rename = "Country", skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(rename = "IDType", skip_serializing_if = "Option::is_none")]
    id_type: Option<String>,
    #[serde(rename = "IDNumber", skip_serializing_if = "Option::is_none")]
    id_number: Option<String>,
    #[serde(rename = "FullName", skip_serializing_if = "Option::is_none")]
    full_name: Option<String>,
    #[serde(rename = "DOB", skip_serializing_if = "Option::is_none")]
    dob: Option<String>,
    #[serde(rename = "Gender", skip_serializing_if = "Option::is_none")]
    gender: Option<String>,
    /// Document jobs (6, 11): the document's fields beyond the ID ones above.
    #[serde(rename = "ExpirationDate", skip_serializing_if = "Option::is_none")]
    expiration_date: Option<String>,
    #[serde(rename = "PhoneNumber", skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    #[serde(rename = "PhoneNumber2", skip_serializing_if = "Option::is_none")]
    phone_number2: Option<String>,
    #[serde(rename = "Address", skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result_message: Option<String>,
    timestamp: String,
    /// The whole response as an object (`{}` when no answer arrived).
    json: Value,
    raw: String,
}

fn sorted(map: HashMap<String, String>) -> BTreeMap<String, String> {
    map.into_iter().collect()
}

impl From<JobStatus> for StatusDoc {
    fn from(s: JobStatus) -> Self {
        let json = serde_json::from_str(&s.json)
            .ok()
            .filter(Value::is_object)
            .unwrap_or_else(|| Value::Object(Default::default()));
        // Document jobs' extra fields; other results have none of them.
        let document = json.get("result").and_then(|r| smileid_core::JobResult::from_json(r).ok());
        let document = document.map(|r| r.document_fields()).unwrap_or_default();
        let r = s.result;
        StatusDoc {
            job_complete: s.job_complete,
            job_success: s.job_success,
            code: s.code,
            result_code: r.as_ref().map(|r| r.result_code.clone()),
            result_text: r.as_ref().map(|r| r.result_text.clone()),
            result_type: r.as_ref().and_then(|r| r.result_type.clone()),
            smile_job_id: r.as_ref().map(|r| r.smile_job_id.clone()),
            partner_params: r.as_ref().map(|r| sorted(r.partner_params.clone())),
            actions: r.as_ref().map(|r| sorted(r.actions.clone())),
            confidence_value: r.as_ref().and_then(|r| r.confidence_value.clone()),
            is_final_result: r.as_ref().and_then(|r| r.is_final_result),
            is_machine_result: r.as_ref().and_then(|r| r.is_machine_result),
            country: r.as_ref().and_then(|r| r.country.clone()),
            id_type: r.as_ref().and_then(|r| r.id_type.clone()),
            id_number: r.as_ref().and_then(|r| r.id_number.clone()),
            full_name: r.as_ref().and_then(|r| r.full_name.clone()),
            dob: r.as_ref().and_then(|r| r.dob.clone()),
            gender: r.and_then(|r| r.gender),
            expiration_date: document.expiration_date,
            phone_number: document.phone_number,
            phone_number2: document.phone_number2,
            address: document.address,
            result_message: s.result_message,
            timestamp: s.timestamp,
            json,
            raw: s.raw,
        }
    }
}

/// What `submitJob` resolves with for Enhanced KYC (job 5): the ID authority's answer, typed
/// fields under the server's names, plus the job's ids and whether the ID was verified.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EnhancedKycDoc {
    job_type: i64,
    job_id: String,
    user_id: String,
    verified: bool,
    #[serde(rename = "ResultCode")]
    result_code: String,
    #[serde(rename = "ResultText")]
    result_text: String,
    #[serde(rename = "SmileJobID")]
    smile_job_id: String,
    #[serde(rename = "PartnerParams")]
    partner_params: BTreeMap<String, String>,
    #[serde(rename = "Actions")]
    actions: BTreeMap<String, String>,
    #[serde(rename = "Country")]
    country: String,
    #[serde(rename = "IDType")]
    id_type: String,
    #[serde(rename = "IDNumber")]
    id_number: String,
    #[serde(rename = "FullName", skip_serializing_if = "Option::is_none")]
    full_name: Option<String>,
    #[serde(rename = "DOB", skip_serializing_if = "Option::is_none")]
    dob: Option<String>,
    #[serde(rename = "Photo", skip_serializing_if = "Option::is_none")]
    photo: Option<String>,
    #[serde(rename = "ExpirationDate", skip_serializing_if = "Option::is_none")]
    expiration_date: Option<String>,
    /// The whole answer.
    json: Value,
}

impl From<EnhancedKycResult> for EnhancedKycDoc {
    fn from(r: EnhancedKycResult) -> Self {
        let id = |key: &str| r.partner_params.get(key).cloned().unwrap_or_default();
        EnhancedKycDoc {
            job_type: i64::from(smileid_core::JobType::EnhancedKyc.id()),
            job_id: id("job_id"),
            user_id: id("user_id"),
            verified: r.verified,
            result_code: r.result_code,
            result_text: r.result_text,
            smile_job_id: r.smile_job_id,
            partner_params: sorted(r.partner_params),
            actions: sorted(r.actions),
            country: r.country,
            id_type: r.id_type,
            id_number: r.id_number,
            full_name: r.full_name,
            dob: r.dob,
            photo: r.photo,
            expiration_date: r.expiration_date,
            json: serde_json::from_str(&r.json).unwrap_or_default(),
        }
    }
}

/// What `submitJob` resolves with, by job type.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum SubmitDoc {
    Job(Box<JobResultDoc>),
    EnhancedKyc(Box<EnhancedKycDoc>),
    SmartSelfie(Box<SmartSelfieDoc>),
}

/// What `submitJob({…, enhanced: true})` resolves with: the Enhanced SmartSelfie's decision.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SmartSelfieDoc {
    /// Always true: tells this answer from a standard job's.
    enhanced: bool,
    job_type: i64,
    tag: String,
    /// The job's id here (`partnerParams.job_id`): what `cancelJob` and `pendingJobs` use.
    job_id: String,
    user_id: String,
    /// `approved`, `pending`, `rejected`, or a status the server added later.
    status: String,
    code: String,
    message: String,
    /// The job id Smile ID made.
    smile_job_id: String,
    partner_params: BTreeMap<String, String>,
    created_at: String,
    updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    incomplete_reason: Option<&'static str>,
    /// The last job_status answer, when a pending answer was followed up.
    #[serde(skip_serializing_if = "Option::is_none")]
    job_status: Option<StatusDoc>,
    /// The answer as an object and as received.
    json: Value,
    raw: String,
}

impl From<SmartSelfieResult> for SmartSelfieDoc {
    fn from(r: SmartSelfieResult) -> Self {
        SmartSelfieDoc {
            enhanced: true,
            job_type: r.job_type,
            tag: r.tag,
            job_id: r.journal_job_id,
            user_id: r.user_id,
            status: match r.status {
                SmartSelfieStatus::Approved => "approved".into(),
                SmartSelfieStatus::Pending => "pending".into(),
                SmartSelfieStatus::Rejected => "rejected".into(),
                SmartSelfieStatus::Unknown { status } => status,
            },
            code: r.code,
            message: r.message,
            smile_job_id: r.job_id,
            partner_params: sorted(r.partner_params),
            created_at: r.created_at,
            updated_at: r.updated_at,
            incomplete_reason: r.incomplete_reason.map(incomplete_reason),
            job_status: r.job_status.map(Into::into),
            json: serde_json::from_str(&r.raw).unwrap_or_default(),
            raw: r.raw,
        }
    }
}

/// What `submitJob` resolves with: the last status, why it is incomplete, and the job as sent.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JobResultDoc {
    #[serde(flatten)]
    status: StatusDoc,
    timed_out: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    incomplete_reason: Option<&'static str>,
    tag: String,
    job_type: i64,
    job_id: String,
    user_id: String,
}

fn incomplete_reason(r: IncompleteReason) -> &'static str {
    match r {
        IncompleteReason::TimedOut => "timedOut",
        IncompleteReason::StatusUnavailable => "statusUnavailable",
        IncompleteReason::UploadLost => "uploadLost",
    }
}

impl From<SubmitJobResult> for JobResultDoc {
    fn from(r: SubmitJobResult) -> Self {
        let mut status = StatusDoc::from(r.status);
        if status.smile_job_id.is_none() && !r.smile_job_id.is_empty() {
            status.smile_job_id = Some(r.smile_job_id);
        }
        let incomplete = r.incomplete_reason.filter(|_| !status.job_complete);
        JobResultDoc {
            status,
            timed_out: r.timed_out,
            incomplete_reason: incomplete.map(incomplete_reason),
            tag: r.tag,
            job_type: r.job_type,
            job_id: r.job_id,
            user_id: r.user_id,
        }
    }
}

/// A job in the journal that still needs work.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PendingJobDoc {
    job_id: String,
    tag: String,
    job_type: i64,
    state: &'static str,
    smile_job_id: Option<String>,
    created_at: String,
    updated_at: String,
}

impl From<PendingJob> for PendingJobDoc {
    fn from(j: PendingJob) -> Self {
        PendingJobDoc {
            job_id: j.job_id,
            tag: j.tag,
            job_type: j.job_type,
            state: match j.state {
                JobState::Captured => "captured",
                JobState::Prepared => "prepared",
                JobState::Uploaded => "uploaded",
                JobState::Complete => "complete",
                JobState::Failed => "failed",
            },
            smile_job_id: j.smile_job_id,
            created_at: j.created_at,
            updated_at: j.updated_at,
        }
    }
}

/// One job continued by `resumePendingJobs`: a result or an error.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResumedJobDoc {
    job_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<JobResultDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorDoc>,
}

impl From<ResumedJob> for ResumedJobDoc {
    fn from(j: ResumedJob) -> Self {
        ResumedJobDoc {
            job_id: j.job_id,
            result: j.result.map(Into::into),
            error: j.error.as_ref().map(Into::into),
        }
    }
}

/// A tag's image files.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TagImagesDoc {
    selfie: Option<String>,
    liveness: Vec<String>,
    id_card_front: Option<String>,
    id_card_back: Option<String>,
}

impl From<TagImages> for TagImagesDoc {
    fn from(i: TagImages) -> Self {
        TagImagesDoc {
            selfie: i.selfie,
            liveness: i.liveness,
            id_card_front: i.id_card_front,
            id_card_back: i.id_card_back,
        }
    }
}

/// What a capture (camera or files) resolves with.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CapturedDoc {
    tag: String,
    selfie_path: Option<String>,
    liveness_paths: Vec<String>,
}

impl CapturedDoc {
    pub fn new(tag: String, images: TagImages) -> Self {
        CapturedDoc { tag, selfie_path: images.selfie, liveness_paths: images.liveness }
    }
}

/// What `captureDocumentFromFiles` resolves with.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CapturedDocumentDoc {
    tag: String,
    front_path: Option<String>,
    back_path: Option<String>,
}

impl CapturedDocumentDoc {
    pub fn new(tag: String, images: TagImages) -> Self {
        CapturedDocumentDoc {
            tag,
            front_path: images.id_card_front,
            back_path: images.id_card_back,
        }
    }
}

/// An `onProgress` event: the job's id and one step.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProgressDoc {
    job_id: String,
    #[serde(flatten)]
    step: Step,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
enum Step {
    Authenticating,
    Preparing,
    Uploading { sent_bytes: i64, total_bytes: i64, percent: i32 },
    Polling { attempt: i32, job_complete: bool },
    Done { job_complete: bool, job_success: bool },
}

impl ProgressDoc {
    pub fn new(job_id: String, event: ProgressEvent) -> Self {
        let step = match event {
            ProgressEvent::Authenticating => Step::Authenticating,
            ProgressEvent::Preparing => Step::Preparing,
            ProgressEvent::Uploading { sent_bytes, total_bytes, percent } => {
                Step::Uploading { sent_bytes, total_bytes, percent }
            }
            ProgressEvent::Polling { attempt, job_complete } => {
                Step::Polling { attempt, job_complete }
            }
            ProgressEvent::Done { job_complete, job_success } => {
                Step::Done { job_complete, job_success }
            }
        };
        ProgressDoc { job_id, step }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_and_errors() {
        assert_eq!(envelope::<Option<()>>(Ok(None)), r#"{"ok":null}"#);
        let api = SmileIdError::Api {
            code: "api_error".into(),
            field: None,
            detail: "exists".into(),
            api_code: "2215".into(),
            http_status: 400,
        };
        let doc: Value = serde_json::from_str(&envelope::<()>(Err(api))).unwrap();
        assert_eq!(
            doc,
            serde_json::json!({"error": {"code": "api_error", "message": "exists",
                "apiCode": "2215", "httpStatus": 400}})
        );
    }

    #[test]
    fn progress_events_carry_their_type() {
        let e = ProgressEvent::Uploading { sent_bytes: 5, total_bytes: 10, percent: 50 };
        assert_eq!(
            serde_json::to_value(ProgressDoc::new("j".into(), e)).unwrap(),
            serde_json::json!({"jobId": "j", "type": "uploading", "sentBytes": 5,
                "totalBytes": 10, "percent": 50})
        );
        let done = ProgressDoc::new("j".into(), ProgressEvent::Authenticating);
        assert_eq!(
            serde_json::to_value(done).unwrap(),
            serde_json::json!({"jobId": "j", "type": "authenticating"})
        );
    }
}
