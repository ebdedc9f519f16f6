//! `submitJob`'s parameters (the React Native seed's, as records) and a job's identity.

use std::collections::HashMap;

use smileid_core::{JobRef as CoreJobRef, JobType};

use crate::error::SmileIdError;

/// Partner-side identifiers of a job; `extras` are echoed back in results and callbacks.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct PartnerParams {
    /// Unique per job; generated (`job-<uuid>`) when empty.
    #[uniffi(default)]
    pub job_id: String,
    /// The end user; generated for jobs 1 and 4 when empty, required for job 2.
    #[uniffi(default)]
    pub user_id: String,
    /// Free-form string values; may not reuse `job_id`, `user_id` or `job_type`.
    #[uniffi(default)]
    pub extras: HashMap<String, String>,
}

/// The identity document for Biometric KYC (job 1), plus the enrolment switches read by jobs 2
/// and 4. From JSON (the React Native boundary), keys in camelCase or as Smile ID names them.
#[derive(Clone, Default, PartialEq, Eq, uniffi::Record, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IdInfo {
    /// ISO 3166-1 alpha-2 country code, e.g. `NG`.
    #[uniffi(default)]
    pub country: String,
    /// ID type as Smile ID names it, e.g. `BVN`.
    #[uniffi(default)]
    #[serde(alias = "id_type")]
    pub id_type: String,
    #[uniffi(default)]
    #[serde(alias = "id_number")]
    pub id_number: String,
    #[uniffi(default)]
    #[serde(alias = "first_name")]
    pub first_name: Option<String>,
    #[uniffi(default)]
    #[serde(alias = "middle_name")]
    pub middle_name: Option<String>,
    #[uniffi(default)]
    #[serde(alias = "last_name")]
    pub last_name: Option<String>,
    /// Date of birth, `yyyy-mm-dd`.
    #[uniffi(default)]
    pub dob: Option<String>,
    #[uniffi(default)]
    #[serde(alias = "bank_code")]
    pub bank_code: Option<String>,
    #[uniffi(default)]
    pub citizenship: Option<String>,
    /// Let an already enrolled user enrol again.
    #[uniffi(default)]
    #[serde(alias = "allow_re_enroll")]
    pub allow_re_enroll: bool,
    /// Authenticate against the enrolled selfie instead of a new one.
    #[uniffi(default)]
    #[serde(alias = "use_enrolled_image")]
    pub use_enrolled_image: bool,
}

impl std::fmt::Debug for IdInfo {
    // Personal data stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdInfo")
            .field("country", &self.country)
            .field("id_type", &self.id_type)
            .finish_non_exhaustive()
    }
}

/// Where the device was when the job was captured.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct GeoInfo {
    pub accuracy: f64,
    pub altitude: f64,
    pub latitude: f64,
    pub longitude: f64,
    /// When the fix was taken, as the platform reports it.
    pub last_update: String,
    pub is_geo_permission_granted: bool,
}

/// The parameters of `submitJob`, as in the React Native API.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SubmitJobParams {
    /// The capture (tag) to send.
    pub tag: String,
    /// 1 (Biometric KYC), 2 (SmartSelfie Authentication) or 4 (SmartSelfie Enrollment); the
    /// React Native bridge also takes 5 (Enhanced KYC, no tag).
    pub job_type: i64,
    /// Production (https only) or sandbox.
    #[uniffi(default)]
    pub is_production: bool,
    #[uniffi(default)]
    pub partner_params: PartnerParams,
    /// Required for job 1.
    #[uniffi(default)]
    pub id_info: Option<IdInfo>,
    #[uniffi(default)]
    pub geo_info: Option<GeoInfo>,
    /// Where Smile ID POSTs the final result; null for none.
    #[uniffi(default)]
    pub callback_url: Option<String>,
    /// How long to poll job_status (0..=86400000); 0 returns the first status after upload.
    pub job_status_polling_timeout_millis: i64,
}

/// The parameters of Enhanced KYC (job 5): the ID details alone, no capture.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EnhancedKycParams {
    /// Production (https only) or sandbox.
    #[uniffi(default)]
    pub is_production: bool,
    /// `jobId` and `userId` are generated when empty.
    #[uniffi(default)]
    pub partner_params: PartnerParams,
    /// Required: country, idType, idNumber and the fields the ID type needs.
    pub id_info: Option<IdInfo>,
    #[uniffi(default)]
    pub phone_number: Option<String>,
    /// What the user agreed to share (ID types that need consent).
    #[uniffi(default)]
    pub consent_information: Option<ConsentInformation>,
    /// Required by `enhancedKycAsync`: where the result is POSTed.
    #[uniffi(default)]
    pub callback_url: Option<String>,
}

/// The user's consent to share their ID data.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConsentInformation {
    /// When the user agreed, ISO 8601.
    pub consent_granted_date: String,
    pub personal_details: bool,
    pub contact_information: bool,
    pub document_information: bool,
}

/// A job's identity, as the server knows it (for `jobStatus`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JobRef {
    pub job_id: String,
    pub user_id: String,
    pub job_type: i64,
    #[uniffi(default)]
    pub is_production: bool,
}

impl From<PartnerParams> for smileid_core::PartnerParams {
    fn from(p: PartnerParams) -> Self {
        smileid_core::PartnerParams {
            job_id: p.job_id,
            user_id: p.user_id,
            extras: p.extras.into_iter().collect(),
        }
    }
}

impl From<IdInfo> for smileid_core::IdInfo {
    fn from(i: IdInfo) -> Self {
        smileid_core::IdInfo {
            country: i.country,
            id_type: i.id_type,
            id_number: i.id_number,
            first_name: i.first_name,
            middle_name: i.middle_name,
            last_name: i.last_name,
            dob: i.dob,
            bank_code: i.bank_code,
            citizenship: i.citizenship,
            allow_re_enroll: i.allow_re_enroll,
            use_enrolled_image: i.use_enrolled_image,
        }
    }
}

impl From<GeoInfo> for smileid_core::GeoInfo {
    fn from(g: GeoInfo) -> Self {
        smileid_core::GeoInfo {
            accuracy: g.accuracy,
            altitude: g.altitude,
            latitude: g.latitude,
            longitude: g.longitude,
            last_update: g.last_update,
            is_geo_permission_granted: g.is_geo_permission_granted,
        }
    }
}

impl From<SubmitJobParams> for EnhancedKycParams {
    /// Job 5 from `submitJob`'s parameters: the tag, geo info and polling timeout do not apply.
    fn from(p: SubmitJobParams) -> Self {
        EnhancedKycParams {
            is_production: p.is_production,
            partner_params: p.partner_params,
            id_info: p.id_info,
            phone_number: None,
            consent_information: None,
            callback_url: p.callback_url,
        }
    }
}

impl From<ConsentInformation> for smileid_core::ConsentInformation {
    fn from(c: ConsentInformation) -> Self {
        smileid_core::ConsentInformation {
            consent_granted_date: c.consent_granted_date,
            personal_details: c.personal_details,
            contact_information: c.contact_information,
            document_information: c.document_information,
        }
    }
}

impl From<EnhancedKycParams> for smileid_core::EnhancedKycRequest {
    fn from(p: EnhancedKycParams) -> Self {
        smileid_core::EnhancedKycRequest {
            is_production: p.is_production,
            partner_params: p.partner_params.into(),
            id_info: p.id_info.map(Into::into),
            phone_number: p.phone_number,
            consent_information: p.consent_information.map(Into::into),
            callback_url: p.callback_url,
        }
    }
}

impl From<SubmitJobParams> for smileid_core::SubmitJobRequest {
    fn from(p: SubmitJobParams) -> Self {
        smileid_core::SubmitJobRequest {
            tag: p.tag,
            job_type: p.job_type,
            is_production: p.is_production,
            partner_params: p.partner_params.into(),
            id_info: p.id_info.map(Into::into),
            geo_info: p.geo_info.map(Into::into),
            callback_url: p.callback_url,
            job_status_polling_timeout_millis: p.job_status_polling_timeout_millis,
        }
    }
}

impl TryFrom<JobRef> for CoreJobRef {
    type Error = SmileIdError;

    fn try_from(j: JobRef) -> Result<Self, SmileIdError> {
        Ok(CoreJobRef {
            job_id: j.job_id,
            user_id: j.user_id,
            job_type: JobType::from_id(j.job_type)?,
            is_production: j.is_production,
        })
    }
}

/// Where a journalled job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum JobState {
    /// Recorded, nothing sent yet (e.g. queued offline).
    Captured,
    /// prep_upload accepted.
    Prepared,
    /// Zip uploaded; waiting for the result.
    Uploaded,
    Complete,
    Failed,
}

/// A job in the journal that still needs work (after a crash, a kill, offline or a timeout).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PendingJob {
    pub job_id: String,
    pub tag: String,
    pub job_type: i64,
    pub state: JobState,
    pub smile_job_id: Option<String>,
    /// Recorded, ISO-8601.
    pub created_at: String,
    pub updated_at: String,
}

impl From<smileid_core::JobState> for JobState {
    fn from(s: smileid_core::JobState) -> Self {
        match s {
            smileid_core::JobState::Captured => JobState::Captured,
            smileid_core::JobState::Prepared => JobState::Prepared,
            smileid_core::JobState::Uploaded => JobState::Uploaded,
            smileid_core::JobState::Complete => JobState::Complete,
            smileid_core::JobState::Failed => JobState::Failed,
        }
    }
}

impl From<smileid_core::JournalEntry> for PendingJob {
    fn from(e: smileid_core::JournalEntry) -> Self {
        PendingJob {
            job_id: e.job_id,
            tag: e.tag,
            job_type: e.request.job_type,
            state: e.state.into(),
            smile_job_id: e.smile_job_id,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}
