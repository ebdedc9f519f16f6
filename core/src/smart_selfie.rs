//! Enhanced SmartSelfie: enrolment (job 4) and authentication (job 2) over the synchronous v2
//! endpoints (`POST /v2/smart-selfie-enroll`, `POST /v2/smart-selfie-authentication`, protocol
//! §3.5). One multipart request carries the tag's selfie and liveness images, signed in headers;
//! the answer is `approved`, `rejected` or `pending`. A pending job is followed on job_status
//! under the job_id the server gave, within the request's polling timeout, as zip jobs are; the
//! journal keeps it until it completes.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value};

use crate::endpoints::{self, Endpoints};
use crate::error::{Error, Result};
use crate::http::PreparedRequest;
use crate::journal::{JobState, JournalEntry};
use crate::models::{JobRef, JobType};
use crate::multipart::Multipart;
use crate::polling::{poll, Polled};
use crate::progress::{JobProgress, ProgressListener};
use crate::result::{IncompleteReason, JobStatus, SubmitJobResult};
use crate::runner::Runner;
use crate::signature::{self, Signed};
use crate::submit::Job;
use crate::tags::TagImages;

/// The extra partner param that forces a sandbox outcome; on v2 it travels as its own part.
const SANDBOX_RESULT: &str = "sandbox_result";

/// The decision of an Enhanced SmartSelfie job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmartSelfieStatus {
    Approved,
    /// Not decided yet (e.g. awaiting human review): follow it on job_status.
    Pending,
    Rejected,
    /// A status this client does not know, as the server wrote it.
    Unknown(String),
}

impl SmartSelfieStatus {
    fn parse(status: &str) -> Self {
        match status {
            "approved" => SmartSelfieStatus::Approved,
            "pending" => SmartSelfieStatus::Pending,
            "rejected" => SmartSelfieStatus::Rejected,
            other => SmartSelfieStatus::Unknown(other.to_string()),
        }
    }

    /// The wire name: `approved`, `pending`, `rejected` or the unknown one.
    pub fn as_str(&self) -> &str {
        match self {
            SmartSelfieStatus::Approved => "approved",
            SmartSelfieStatus::Pending => "pending",
            SmartSelfieStatus::Rejected => "rejected",
            SmartSelfieStatus::Unknown(other) => other,
        }
    }
}

/// What [`crate::Client::submit_smart_selfie`] returns: the v2 answer, brought up to date by
/// job_status when the answer was `pending`.
#[derive(Debug, Clone, PartialEq)]
pub struct SmartSelfieResult {
    pub tag: String,
    pub job_type: JobType,
    /// The journal's id of the job: the request's `partner_params.job_id` (generated when
    /// empty). It is not sent; the server makes its own `job_id`.
    pub journal_job_id: String,
    /// The answer's status, or the final one once job_status completed a pending job.
    pub status: SmartSelfieStatus,
    /// Result code, e.g. `0840`; the job_status `ResultCode` once that completed the job.
    pub code: String,
    pub message: String,
    /// The job_id the server made.
    pub job_id: String,
    pub user_id: String,
    /// The extra partner params echoed back.
    pub partner_params: BTreeMap<String, String>,
    pub created_at: String,
    pub updated_at: String,
    /// The v2 answer as received.
    pub answer_json: Value,
    pub answer_raw: String,
    /// The last job_status answer, when a pending answer was followed up.
    pub job_status: Option<JobStatus>,
    /// Why the job came back still `pending` (`None` otherwise). It stays pending in the
    /// journal; `resume_pending_jobs` follows it up.
    pub incomplete_reason: Option<IncompleteReason>,
}

fn text(obj: &Map<String, Value>, key: &str) -> Result<String> {
    match obj.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => Err(Error::InvalidResponse(format!("the SmartSelfie answer lacks `{key}`"))),
    }
}

/// Whether a recorded v2 answer approved the job.
pub(crate) fn approved(answer_raw: &str) -> bool {
    serde_json::from_str::<Value>(answer_raw)
        .is_ok_and(|v| v.get("status").and_then(Value::as_str) == Some("approved"))
}

impl SmartSelfieResult {
    /// Reads a v2 answer (§3.5) for the journalled job `job`.
    fn parse(job: &Job, raw: &str) -> Result<Self> {
        let json: Value = serde_json::from_str(raw)
            .map_err(|e| Error::InvalidResponse(format!("the SmartSelfie answer: {e}")))?;
        let obj = json.as_object().ok_or_else(|| {
            Error::InvalidResponse("the SmartSelfie answer is not an object".into())
        })?;
        let partner_params = obj
            .get("partner_params")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        Ok(SmartSelfieResult {
            tag: job.request.tag.clone(),
            job_type: job.job_type,
            journal_job_id: job.request.partner_params.job_id.clone(),
            status: SmartSelfieStatus::parse(&text(obj, "status")?),
            code: text(obj, "code")?,
            message: text(obj, "message")?,
            job_id: text(obj, "job_id")?,
            user_id: text(obj, "user_id")?,
            partner_params,
            created_at: text(obj, "created_at")?,
            updated_at: text(obj, "updated_at")?,
            answer_raw: raw.to_string(),
            answer_json: json,
            job_status: None,
            incomplete_reason: None,
        })
    }

    /// Takes in a job_status answer: a complete one decides the status and code.
    fn follow(&mut self, status: JobStatus) {
        if status.job_complete {
            self.status = if status.job_success {
                SmartSelfieStatus::Approved
            } else {
                SmartSelfieStatus::Rejected
            };
            if let Some(result) = &status.result {
                self.code = result.result_code.clone();
                self.message = result.result_text.clone();
            }
        }
        self.job_status = Some(status);
    }

    fn is_final(&self) -> bool {
        self.status != SmartSelfieStatus::Pending
    }

    fn job_ref(&self, is_production: bool) -> JobRef {
        JobRef {
            job_id: self.job_id.clone(),
            user_id: self.user_id.clone(),
            job_type: self.job_type,
            is_production,
        }
    }

    /// The zip jobs' result shape (what `resume_pending_jobs` reports): `status` is the last
    /// job_status answer, or, when none was asked, one read from the v2 answer (`code` and
    /// `message` as `code` and textual result, `job_complete` unless pending).
    pub fn to_submit_result(&self) -> SubmitJobResult {
        let status = self.job_status.clone().unwrap_or_else(|| JobStatus {
            job_complete: self.is_final(),
            job_success: self.status == SmartSelfieStatus::Approved,
            code: self.code.clone(),
            result: None,
            result_message: Some(self.message.clone()),
            timestamp: self.updated_at.clone(),
            signature: String::new(),
            json: self.answer_json.clone(),
            raw: self.answer_raw.clone(),
        });
        SubmitJobResult {
            tag: self.tag.clone(),
            job_type: self.job_type,
            job_id: self.journal_job_id.clone(),
            user_id: self.user_id.clone(),
            smile_job_id: status
                .result
                .as_ref()
                .map(|r| r.smile_job_id.clone())
                .unwrap_or_default(),
            status,
            incomplete_reason: self.incomplete_reason,
        }
    }
}

impl Endpoints {
    /// The v2 URL of a job: the base URL with its `/v1` replaced by `/v2`.
    fn smart_selfie_url(&self, job: &Job) -> Result<String> {
        let base = self.base(job.request.is_production)?;
        let root = base.strip_suffix("/v1").unwrap_or(&base);
        let path = match job.job_type {
            JobType::SmartSelfieEnrollment => "smart-selfie-enroll",
            _ => "smart-selfie-authentication",
        };
        Ok(format!("{root}/v2/{path}"))
    }

    /// One v2 SmartSelfie request, retried on transient failures within the retry budget.
    /// Returns the raw answer.
    async fn smart_selfie(&self, job: &Job, request: &PreparedRequest) -> Result<String> {
        let url = self.smart_selfie_url(job)?;
        self.http.with_retry("smart_selfie", || self.http.post_bytes(&url, request)).await
    }
}

/// The multipart request (§3.5): images, user_id, partner_params, the optional fields, metadata,
/// and the signature headers.
fn prepare(
    job: &Job,
    images: &TagImages,
    partner_id: &str,
    signed: &Signed,
) -> Result<PreparedRequest> {
    let read = |path: &std::path::Path| -> Result<(String, Vec<u8>)> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| Error::Storage("image without a file name".into()))?;
        let bytes = std::fs::read(path).map_err(|e| Error::storage("reading tag image", e))?;
        Ok((name.to_string(), bytes))
    };
    let selfie = images
        .selfie
        .as_deref()
        .ok_or_else(|| Error::invalid("tag", "the tag has no selfie; capture it again"))?;
    let mut form = Multipart::new();
    let (name, bytes) = read(selfie)?;
    form.file("selfie_image", &name, "image/jpeg", &bytes);
    for path in &images.liveness {
        let (name, bytes) = read(path)?;
        form.file("liveness_images", &name, "image/jpeg", &bytes);
    }
    let params = &job.request.partner_params;
    form.text("user_id", &params.user_id);
    let extras: Map<String, Value> = params
        .extras
        .iter()
        .filter(|(k, _)| k.as_str() != SANDBOX_RESULT)
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    form.json("partner_params", &Value::Object(extras));
    if !job.callback_url.is_empty() {
        form.text("callback_url", &job.callback_url);
    }
    if let Some(forced) = params.extras.get(SANDBOX_RESULT) {
        form.text(SANDBOX_RESULT, forced);
    }
    if job.job_type == JobType::SmartSelfieEnrollment {
        form.text("allow_new_enroll", if job.allow_new_enroll { "true" } else { "false" });
    }
    let metadata = serde_json::to_value(endpoints::sdk_metadata(job.request.geo_info.as_ref()))
        .expect("metadata serialises");
    form.json("metadata", &metadata);
    let (content_type, body) = form.finish();
    Ok(PreparedRequest {
        headers: vec![
            ("SmileID-Partner-ID", partner_id.to_string()),
            ("SmileID-Request-Signature", signed.signature.clone()),
            ("SmileID-Timestamp", signed.timestamp.clone()),
            ("SmileID-Source-SDK", "rest_api".into()),
            ("SmileID-Source-SDK-Version", env!("CARGO_PKG_VERSION").into()),
            ("SmileID-Request-Timestamp", signature::iso_timestamp_now()),
        ],
        content_type,
        body,
    })
}

impl Runner<'_> {
    /// Drives a journalled Enhanced SmartSelfie job to its answer, following a pending one on
    /// job_status until it completes or its polling timeout passes.
    pub async fn run_smart_selfie(
        &self,
        entry: JournalEntry,
        progress: Arc<dyn ProgressListener>,
    ) -> Result<SmartSelfieResult> {
        let job = Job::from_validated(entry.request.clone())?;
        let journal_id = job.request.partner_params.job_id.clone();
        let answered = entry.state == JobState::Uploaded;
        let outcome = self.drive_smart_selfie(&entry, &job, progress.as_ref()).await;
        match &outcome {
            Ok(result) => progress.on_progress(
                &journal_id,
                JobProgress::Done {
                    job_complete: result.is_final(),
                    job_success: result.status == SmartSelfieStatus::Approved,
                },
            ),
            Err(e) => self.record_error(&journal_id, e, answered)?,
        }
        outcome
    }

    async fn drive_smart_selfie(
        &self,
        entry: &JournalEntry,
        job: &Job,
        progress: &dyn ProgressListener,
    ) -> Result<SmartSelfieResult> {
        let journal_id = &job.request.partner_params.job_id;
        let recorded = |raw: &str| -> Result<SmartSelfieResult> {
            let mut result = SmartSelfieResult::parse(job, raw)?;
            if let Some(status) = entry.status_raw.as_deref() {
                result.follow(JobStatus::parse(status)?);
            }
            Ok(result)
        };
        let (mut result, signed, fresh) = match (entry.state, entry.answer_raw.as_deref()) {
            (JobState::Complete, Some(raw)) => return recorded(raw),
            (JobState::Uploaded, Some(raw)) => {
                let result = recorded(raw)?;
                progress.on_progress(journal_id, JobProgress::Authenticating);
                let job_ref = result.job_ref(job.request.is_production);
                let signed = self.endpoints.sign(&job_ref, None).await?;
                (result, signed, false)
            }
            _ => {
                let job_type = job.job_type.id();
                tracing::info!(job_id = %journal_id, job_type, "sending SmartSelfie");
                progress.on_progress(journal_id, JobProgress::Authenticating);
                let signed = self.endpoints.sign(&job.job_ref(), None).await?;
                progress.on_progress(journal_id, JobProgress::Preparing);
                let images = self.tags.images(&job.request.tag)?;
                let request = prepare(job, &images, &self.endpoints.config.partner_id, &signed)?;
                let total = request.body.len() as u64;
                let raw = self.endpoints.smart_selfie(job, &request).await?;
                progress.on_progress(journal_id, JobProgress::Uploading { sent: total, total });
                let result = SmartSelfieResult::parse(job, &raw)?;
                self.journal.record_answer(journal_id, &result.job_id, &raw, result.is_final())?;
                (result, signed, true)
            }
        };
        if result.is_final() {
            let approved = result.status == SmartSelfieStatus::Approved;
            self.release_tag(&job.request.tag, journal_id, approved)?;
            return Ok(result);
        }
        // A fresh `pending` is the first status; with no time to poll it is the answer.
        if fresh && job.poll_timeout.is_zero() {
            result.incomplete_reason = Some(IncompleteReason::TimedOut);
            return Ok(result);
        }
        let job_ref = result.job_ref(job.request.is_production);
        let deadline = Instant::now() + job.poll_timeout;
        let reason = match poll(self.endpoints, &job_ref, &signed, deadline, progress).await? {
            Polled::Complete(status) => {
                self.journal.record_complete(journal_id, &status.raw)?;
                self.release_tag(&job.request.tag, journal_id, status.job_success)?;
                result.follow(status);
                return Ok(result);
            }
            Polled::Incomplete(status, reason) => {
                if let Some(status) = status {
                    self.journal.record_status(journal_id, &status.raw)?;
                    result.follow(status);
                }
                reason
            }
            // The server answered for the job but says it holds no images for it.
            Polled::NoZip(status) => {
                self.journal.record_status(journal_id, &status.raw)?;
                result.follow(status);
                IncompleteReason::UploadLost
            }
        };
        result.incomplete_reason = Some(reason);
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submit::SubmitJobRequest;

    fn job(job_type: i64) -> Job {
        let mut request = SubmitJobRequest { tag: "t".into(), job_type, ..Default::default() };
        request.partner_params.user_id = "u".into();
        request.validate().unwrap()
    }

    #[test]
    fn reads_the_documented_answer() {
        let raw = r#"{"code":"0840","created_at":"2025-06-15T12:35:02.000Z","job_id":"j-1",
            "job_type":"smart_selfie_enrollment","message":"Enroll User","partner_id":"2343",
            "partner_params":{"my_ref":"A-17"},"status":"approved",
            "updated_at":"2025-06-15T12:35:03.000Z","user_id":"u"}"#;
        let result = SmartSelfieResult::parse(&job(4), raw).unwrap();
        assert_eq!(result.status, SmartSelfieStatus::Approved);
        assert_eq!((result.code.as_str(), result.job_id.as_str()), ("0840", "j-1"));
        assert_eq!(result.partner_params["my_ref"], "A-17");
        assert!(approved(raw));
        let odd = raw.replace("\"approved\"", "\"escalated\"");
        let result = SmartSelfieResult::parse(&job(4), &odd).unwrap();
        assert_eq!(result.status, SmartSelfieStatus::Unknown("escalated".into()));
        assert!(result.to_submit_result().status.job_complete);
        let broken = raw.replace("\"job_id\"", "\"jobid\"");
        assert_eq!(
            SmartSelfieResult::parse(&job(4), &broken).unwrap_err().code(),
            "invalid_response"
        );
    }

    #[test]
    fn the_form_has_the_documented_parts_and_headers() {
        let dir = tempfile::tempdir().unwrap();
        let image = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, format!("jpeg of {name}")).unwrap();
            path
        };
        let images = TagImages {
            selfie: Some(image("si_selfie_1.jpg")),
            liveness: vec![image("si_liveness_2.jpg"), image("si_liveness_3.jpg")],
            ..Default::default()
        };
        let mut job = job(4);
        job.request.partner_params.extras.insert("my_ref".into(), "A-17".into());
        job.request.partner_params.extras.insert(SANDBOX_RESULT.into(), "2".into());
        let signed = Signed { signature: "sig".into(), timestamp: "ts".into() };
        let request = prepare(&job, &images, "2343", &signed).unwrap();
        let header =
            |name: &str| request.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
        assert_eq!(header("SmileID-Partner-ID"), Some("2343"));
        assert_eq!(header("SmileID-Request-Signature"), Some("sig"));
        assert_eq!(header("SmileID-Timestamp"), Some("ts"));
        assert!(request.content_type.starts_with("multipart/form-data; boundary="));
        let body = String::from_utf8_lossy(&request.body);
        let part = |name: &str| format!("form-data; name=\"{name}\"");
        assert!(body.contains(&(part("selfie_image") + "; filename=\"si_selfie_1.jpg\"")));
        assert_eq!(body.matches(&part("liveness_images")).count(), 2);
        for name in ["user_id", "allow_new_enroll", "metadata", SANDBOX_RESULT] {
            assert!(body.contains(&part(name)), "{name}");
        }
        assert!(body.contains("application/json\r\n\r\n{\"my_ref\":\"A-17\"}\r\n"), "{body}");
        assert!(!body.contains(&part("callback_url")), "omitted when empty");
    }

    // Endpoints need a transport: the built-in one here.
    #[cfg(feature = "reqwest-transport")]
    #[test]
    fn v2_urls_replace_v1() {
        let config = crate::Config::new("p", crate::Auth::ApiKey("k".into()))
            .with_sandbox_url("http://127.0.0.1:1/v1/");
        let endpoints = Endpoints::new(config).unwrap();
        assert_eq!(
            endpoints.smart_selfie_url(&job(2)).unwrap(),
            "http://127.0.0.1:1/v2/smart-selfie-authentication"
        );
        assert_eq!(
            endpoints.smart_selfie_url(&job(4)).unwrap(),
            "http://127.0.0.1:1/v2/smart-selfie-enroll"
        );
    }
}
