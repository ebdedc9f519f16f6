//! `submit_job`'s parameters and their validation into a ready-to-run job.

use std::time::Duration;

use crate::document;
use crate::error::{Error, Result};
use crate::id_types::{self, Product};
use crate::models::{
    validate_callback_url, GeoInfo, IdInfo, JobRef, JobType, PartnerParams, WireIdInfo,
};
use crate::tags::validate_tag_name;

/// What the caller asks for: the seed's `submitJob` parameters.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SubmitJobRequest {
    /// The capture to send.
    pub tag: String,
    /// 1, 2, 4, 6 or 11 (5 is [`crate::Client::enhanced_kyc`]); anything else is
    /// [`Error::UnsupportedJobType`].
    pub job_type: i64,
    /// Production (https only) or sandbox.
    pub is_production: bool,
    pub partner_params: PartnerParams,
    /// Required for job 1 (the ID to check) and jobs 6 and 11 (`country` and `id_type`: the
    /// document's); for jobs 2 and 4 only `allow_re_enroll` / `use_enrolled_image` are read.
    pub id_info: Option<IdInfo>,
    pub geo_info: Option<GeoInfo>,
    /// Where Smile ID POSTs the final result; empty or `None` for no callback.
    pub callback_url: Option<String>,
    /// How long to poll job_status. 0: return the first status right after upload; when it
    /// passes before the job completes, the last status comes back with `job_complete = false`
    /// and the result arrives by callback.
    pub job_status_polling_timeout_millis: i64,
}

/// Longest accepted polling timeout (one day).
const MAX_POLL_MILLIS: i64 = 86_400_000;

/// A validated request, with what validation derives from it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Job {
    /// The request as validated, with generated ids filled in (what the journal keeps).
    pub request: SubmitJobRequest,
    pub job_type: JobType,
    /// The ID to verify (Biometric KYC) or the document's country and type (jobs 6 and 11);
    /// other jobs read just the switches below.
    pub id_info: Option<IdInfo>,
    pub allow_new_enroll: bool,
    pub use_enrolled_image: bool,
    pub callback_url: String,
    pub poll_timeout: Duration,
}

/// A new job id (`job-<uuid>`), as a job without `partner_params.job_id` gets.
pub fn generate_job_id() -> String {
    format!("job-{}", uuid::Uuid::new_v4())
}

impl SubmitJobRequest {
    /// Checks every parameter and fills in generated ids; errors name the field and say how to
    /// fix it. The one place a request is checked: the journal keeps the validated request.
    pub(crate) fn validate(&self) -> Result<Job> {
        let job_type = JobType::from_id(self.job_type)?;
        if job_type == JobType::EnhancedKyc {
            return Err(Error::invalid(
                "job_type",
                "Enhanced KYC (5) sends no capture: call enhanced_kyc with id_info instead \
                 (the CLI's and React Native's submitJob do this for job type 5)",
            ));
        }
        validate_tag_name(&self.tag)?;
        let partner_params = self.partner_params.checked(
            job_type != JobType::SmartSelfieAuthentication,
            "SmartSelfie Authentication",
        )?;
        match (job_type, &self.id_info) {
            (JobType::BiometricKyc, None) => {
                return Err(Error::invalid(
                    "id_info",
                    "is required for Biometric KYC: give country, id_type and id_number",
                ));
            }
            (JobType::BiometricKyc, Some(info)) => {
                id_types::validate(Product::BiometricKyc, info)?;
            }
            (job_type, info) if job_type.is_document() => {
                document::validate_id_info(info.as_ref())?
            }
            _ => {}
        }
        if let Some(geo) = &self.geo_info {
            geo.validate()?;
        }
        validate_callback_url(self.callback_url.as_deref().unwrap_or_default())?;
        if !(0..=MAX_POLL_MILLIS).contains(&self.job_status_polling_timeout_millis) {
            return Err(Error::invalid(
                "job_status_polling_timeout_millis",
                "must be between 0 (do not wait) and 86400000 (one day)",
            ));
        }
        Job::from_validated(SubmitJobRequest { partner_params, ..self.clone() })
    }
}

impl Job {
    /// Derives a job from a request that passed [`SubmitJobRequest::validate`] (as the journal
    /// keeps them), without checking it again.
    pub(crate) fn from_validated(request: SubmitJobRequest) -> Result<Job> {
        let job_type = JobType::from_id(request.job_type)?;
        let switches = request.id_info.as_ref();
        Ok(Job {
            job_type,
            id_info: request
                .id_info
                .clone()
                .filter(|_| job_type == JobType::BiometricKyc || job_type.is_document()),
            allow_new_enroll: switches.is_some_and(|i| i.allow_re_enroll),
            use_enrolled_image: switches.is_some_and(|i| i.use_enrolled_image),
            callback_url: request.callback_url.clone().unwrap_or_default(),
            poll_timeout: Duration::from_millis(
                request.job_status_polling_timeout_millis.clamp(0, MAX_POLL_MILLIS) as u64,
            ),
            request,
        })
    }

    /// `id_info` as `info.json` carries it for this job type, if the job sends one.
    pub(crate) fn wire_id_info(&self) -> Option<WireIdInfo<'_>> {
        self.id_info.as_ref().map(|info| info.wire_for(self.job_type))
    }

    /// The job's identity on the server.
    pub(crate) fn job_ref(&self) -> JobRef {
        JobRef {
            job_id: self.request.partner_params.job_id.clone(),
            user_id: self.request.partner_params.user_id.clone(),
            job_type: self.job_type,
            is_production: self.request.is_production,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> SubmitJobRequest {
        SubmitJobRequest { tag: "t".into(), job_type: 4, ..Default::default() }
    }

    #[test]
    fn fills_generated_ids() {
        let job = base().validate().unwrap();
        assert!(job.request.partner_params.job_id.starts_with("job-"));
        assert!(job.request.partner_params.user_id.starts_with("user-"));
    }

    #[test]
    fn each_bad_parameter_names_its_field() {
        let kyc = IdInfo {
            country: "NG".into(),
            id_type: "BVN".into(),
            id_number: "00000000000".into(),
            ..Default::default()
        };
        let cases: Vec<(SubmitJobRequest, &str)> = vec![
            (SubmitJobRequest { tag: "../x".into(), ..base() }, "tag"),
            (SubmitJobRequest { job_type: 3, ..base() }, "job_type"),
            (SubmitJobRequest { job_type: 5, ..base() }, "job_type"),
            (SubmitJobRequest { job_type: 6, ..base() }, "id_info"),
            (
                SubmitJobRequest {
                    job_type: 11,
                    id_info: Some(IdInfo { country: "NG".into(), ..Default::default() }),
                    ..base()
                },
                "id_info.id_type",
            ),
            (SubmitJobRequest { job_type: 2, ..base() }, "partner_params.user_id"),
            (SubmitJobRequest { job_type: 1, ..base() }, "id_info"),
            (
                SubmitJobRequest {
                    job_type: 1,
                    id_info: Some(IdInfo { id_number: "12".into(), ..kyc.clone() }),
                    ..base()
                },
                "id_info.id_number",
            ),
            (SubmitJobRequest { callback_url: Some("ftp://x".into()), ..base() }, "callback_url"),
            (SubmitJobRequest { callback_url: Some("not a url".into()), ..base() }, "callback_url"),
            (
                SubmitJobRequest { job_status_polling_timeout_millis: -1, ..base() },
                "job_status_polling_timeout_millis",
            ),
            (
                SubmitJobRequest {
                    geo_info: Some(GeoInfo { latitude: 100.0, ..Default::default() }),
                    ..base()
                },
                "geo_info.latitude",
            ),
        ];
        for (request, field) in cases {
            assert_eq!(request.validate().unwrap_err().field(), Some(field), "{request:?}");
        }
        let mut reserved = base();
        reserved.partner_params.extras.insert("job_type".into(), "1".into());
        assert_eq!(reserved.validate().unwrap_err().field(), Some("partner_params.job_type"));
        let mut long = base();
        long.partner_params.job_id = "x".repeat(129);
        assert_eq!(long.validate().unwrap_err().field(), Some("partner_params.job_id"));
        assert!(SubmitJobRequest { job_type: 1, id_info: Some(kyc), ..base() }.validate().is_ok());
    }
}
