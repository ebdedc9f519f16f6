//! Typed job results, parsed leniently from job_status responses and callbacks. Each keeps the
//! JSON object and the raw string it came from, so nothing the server said is lost.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::models::JobType;

/// The `result` object of a job: what Smile ID decided.
#[derive(Debug, Clone, PartialEq)]
pub struct JobResult {
    /// Four-digit result code, e.g. `0840`.
    pub result_code: String,
    pub result_text: String,
    pub result_type: Option<String>,
    /// Smile ID's 10-digit job number.
    pub smile_job_id: String,
    /// The partner params echoed back; values as strings (`job_type` included).
    pub partner_params: BTreeMap<String, String>,
    /// Each action and its outcome, e.g. `Liveness_Check: Passed`.
    pub actions: BTreeMap<String, String>,
    pub confidence_value: Option<String>,
    pub is_final_result: Option<bool>,
    pub is_machine_result: Option<bool>,
    pub country: Option<String>,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
    pub full_name: Option<String>,
    pub dob: Option<String>,
    pub gender: Option<String>,
    /// The whole object, including fields without a typed counterpart.
    pub json: Value,
}

/// One job_status response.
#[derive(Debug, Clone, PartialEq)]
pub struct JobStatus {
    pub job_complete: bool,
    pub job_success: bool,
    /// Status code, e.g. `2302` (result returned) or `2314` (no zip received yet).
    pub code: String,
    /// The result, once the server has one.
    pub result: Option<JobResult>,
    /// A textual `result`, e.g. `No zip file received`, while there is no result object.
    pub result_message: Option<String>,
    pub timestamp: String,
    pub signature: String,
    pub json: Value,
    pub raw: String,
}

/// What `submit_job` returns: the job's ids and its last job_status answer.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitJobResult {
    pub tag: String,
    pub job_type: JobType,
    /// The job and user ids used (generated ones included).
    pub job_id: String,
    pub user_id: String,
    /// Smile ID's job number from prep_upload.
    pub smile_job_id: String,
    /// The last job_status answer. When none arrived (see `incomplete_reason`), an empty status:
    /// `job_complete = false`, empty `code` and `raw`.
    pub status: JobStatus,
    /// Why the job came back before completing (`None` once `status.job_complete`). The job
    /// stays pending in the journal: its result goes to the callback URL, and
    /// `resume_pending_jobs` or `job_status` ask for it again.
    pub incomplete_reason: Option<IncompleteReason>,
}

/// Why a job came back with `job_complete = false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncompleteReason {
    /// The polling timeout passed while the server said the job was still running (or before
    /// it answered at all).
    TimedOut,
    /// The polling timeout passed while job_status requests were failing (network or server
    /// trouble); `status` is the last answer received, if any.
    StatusUnavailable,
    /// The server kept reporting no zip for the job (`2314`) after the client had uploaded it
    /// again the most times it will.
    UploadLost,
}

impl IncompleteReason {
    /// Stable name: `timed_out`, `status_unavailable`, `upload_lost`.
    pub fn code(self) -> &'static str {
        match self {
            IncompleteReason::TimedOut => "timed_out",
            IncompleteReason::StatusUnavailable => "status_unavailable",
            IncompleteReason::UploadLost => "upload_lost",
        }
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(crate) fn get_text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(text)
}

fn get_flag(obj: &Map<String, Value>, key: &str) -> Option<bool> {
    match obj.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

pub(crate) fn required(obj: &Map<String, Value>, key: &str, what: &str) -> Result<String> {
    get_text(obj, key).ok_or_else(|| Error::InvalidResponse(format!("{what} lacks `{key}`")))
}

pub(crate) fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| text(v).map(|t| (k.clone(), t))).collect())
        .unwrap_or_default()
}

impl JobResult {
    /// Reads a result object (job_status `result` or a callback body).
    pub fn from_json(value: &Value) -> Result<Self> {
        let obj = value
            .as_object()
            .ok_or_else(|| Error::InvalidResponse("result is not an object".into()))?;
        Ok(JobResult {
            result_code: required(obj, "ResultCode", "result")?,
            result_text: required(obj, "ResultText", "result")?,
            result_type: get_text(obj, "ResultType"),
            smile_job_id: required(obj, "SmileJobID", "result")?,
            partner_params: string_map(obj.get("PartnerParams")),
            actions: string_map(obj.get("Actions")),
            confidence_value: get_text(obj, "ConfidenceValue"),
            is_final_result: get_flag(obj, "IsFinalResult"),
            is_machine_result: get_flag(obj, "IsMachineResult"),
            country: get_text(obj, "Country"),
            id_type: get_text(obj, "IDType"),
            id_number: get_text(obj, "IDNumber"),
            full_name: get_text(obj, "FullName"),
            dob: get_text(obj, "DOB"),
            gender: get_text(obj, "Gender"),
            json: value.clone(),
        })
    }
}

impl JobStatus {
    /// The status of a job no job_status answer was received for.
    pub(crate) fn not_received() -> Self {
        JobStatus {
            job_complete: false,
            job_success: false,
            code: String::new(),
            result: None,
            result_message: None,
            timestamp: String::new(),
            signature: String::new(),
            json: Value::Object(Map::new()),
            raw: String::new(),
        }
    }

    /// Parses a job_status response body.
    pub fn parse(raw: &str) -> Result<Self> {
        let json: Value = serde_json::from_str(raw)
            .map_err(|e| Error::InvalidResponse(format!("job_status is not JSON: {e}")))?;
        let obj = json
            .as_object()
            .ok_or_else(|| Error::InvalidResponse("job_status is not an object".into()))?;
        let flag = |key: &str| {
            get_flag(obj, key)
                .ok_or_else(|| Error::InvalidResponse(format!("job_status lacks `{key}`")))
        };
        let (result, result_message) = match obj.get("result") {
            Some(v @ Value::Object(_)) => (Some(JobResult::from_json(v)?), None),
            Some(Value::String(s)) => (None, Some(s.clone())),
            _ => (None, None),
        };
        Ok(JobStatus {
            job_complete: flag("job_complete")?,
            job_success: flag("job_success")?,
            code: required(obj, "code", "job_status")?,
            result,
            result_message,
            timestamp: required(obj, "timestamp", "job_status")?,
            signature: get_text(obj, "signature").unwrap_or_default(),
            raw: raw.to_string(),
            json,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_documented_shapes() {
        let raw = r#"{"timestamp":"2025-06-15T12:35:10.120Z","signature":"s",
          "job_complete":true,"job_success":true,"code":"2302",
          "result":{"ResultCode":"0840","ResultText":"Enroll User","ResultType":"SAIA",
            "SmileJobID":"0000001897","IsFinalResult":"true","ConfidenceValue":100,
            "PartnerParams":{"job_id":"j","user_id":"u","job_type":4},
            "Actions":{"Liveness_Check":"Passed"},"Extra":{"a":1}}}"#;
        let s = JobStatus::parse(raw).unwrap();
        let r = s.result.unwrap();
        assert_eq!((r.result_code.as_str(), r.confidence_value.as_deref()), ("0840", Some("100")));
        assert_eq!(r.partner_params["job_type"], "4");
        assert_eq!(r.actions["Liveness_Check"], "Passed");
        assert_eq!(r.is_final_result, Some(true));
        assert_eq!(r.json["Extra"]["a"], 1);
        assert_eq!(s.raw, raw);

        let pending = JobStatus::parse(
            r#"{"timestamp":"t","job_complete":"false","job_success":false,"code":"2314",
                "result":"No zip file received"}"#,
        )
        .unwrap();
        assert_eq!(pending.result_message.as_deref(), Some("No zip file received"));
        assert!(!pending.job_complete && pending.result.is_none());
    }

    #[test]
    fn malformed_is_invalid_response() {
        for raw in [
            "",
            "[]",
            r#"{"job_complete":true}"#,
            r#"{"timestamp":"t","job_complete":true,"job_success":true,"code":"2302",
                "result":{"ResultText":"x"}}"#,
        ] {
            assert_eq!(JobStatus::parse(raw).unwrap_err().code(), "invalid_response", "{raw}");
        }
    }
}
