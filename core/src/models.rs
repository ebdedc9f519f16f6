//! The job parameters a caller passes to `submit_job`, and their wire forms.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::error::{Error, Result};

/// The job types this client runs: 1, 2 and 4 upload a capture ([`crate::Client::submit_job`]);
/// 5 sends only the ID details ([`crate::Client::enhanced_kyc`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobType {
    /// 1: selfie compared with the photo held by the ID authority.
    BiometricKyc,
    /// 2: selfie compared with the user's enrolled selfie.
    SmartSelfieAuthentication,
    /// 4: registers the user's selfie.
    SmartSelfieEnrollment,
    /// 5: the ID number checked with the ID authority, no images.
    EnhancedKyc,
    /// 6: a document photo checked for authenticity, its data read, and compared with the
    /// selfie.
    DocumentVerification,
    /// 11: Document Verification, plus the document's data checked with the ID authority.
    EnhancedDocumentVerification,
}

impl JobType {
    /// The numeric id used on the wire.
    pub fn id(self) -> u8 {
        match self {
            JobType::BiometricKyc => 1,
            JobType::SmartSelfieAuthentication => 2,
            JobType::SmartSelfieEnrollment => 4,
            JobType::EnhancedKyc => 5,
            JobType::DocumentVerification => 6,
            JobType::EnhancedDocumentVerification => 11,
        }
    }

    /// Whether the job verifies a document photo (6 and 11).
    pub fn is_document(self) -> bool {
        matches!(self, JobType::DocumentVerification | JobType::EnhancedDocumentVerification)
    }

    /// Maps a numeric job type; anything but 1, 2, 4, 5, 6 and 11 is
    /// [`Error::UnsupportedJobType`].
    pub fn from_id(id: i64) -> Result<Self> {
        match id {
            1 => Ok(JobType::BiometricKyc),
            2 => Ok(JobType::SmartSelfieAuthentication),
            4 => Ok(JobType::SmartSelfieEnrollment),
            5 => Ok(JobType::EnhancedKyc),
            6 => Ok(JobType::DocumentVerification),
            11 => Ok(JobType::EnhancedDocumentVerification),
            other => Err(Error::UnsupportedJobType(other)),
        }
    }
}

impl Serialize for JobType {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(self.id())
    }
}

/// A job's identity, as the server knows it (what `job_status` needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRef {
    pub job_id: String,
    pub user_id: String,
    pub job_type: JobType,
    pub is_production: bool,
}

/// Partner-side identifiers of a job. Extras are echoed back in results and callbacks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerParams {
    /// Unique per job; generated (`job-<uuid>`) when empty.
    #[serde(default)]
    pub job_id: String,
    /// The end user; generated for jobs 1 and 4 when empty, required for job 2.
    #[serde(default)]
    pub user_id: String,
    /// Free-form string values, sent flattened beside `job_id` and `user_id`.
    #[serde(flatten)]
    pub extras: BTreeMap<String, String>,
}

/// `partner_params` as sent on the wire: ids, integer `job_type`, then the extras.
#[derive(Debug, Serialize)]
pub(crate) struct WirePartnerParams<'a> {
    pub job_id: &'a str,
    pub user_id: &'a str,
    pub job_type: JobType,
    #[serde(flatten)]
    pub extras: &'a BTreeMap<String, String>,
}

/// Keys the wire form of partner params owns; extras may not reuse them.
const RESERVED_PARAMS: [&str; 3] = ["job_id", "user_id", "job_type"];

impl PartnerParams {
    /// Checks ids and extras and fills in generated ids: a user id only when `generate_user`,
    /// else an empty one is an error saying `product` needs it.
    pub(crate) fn checked(&self, generate_user: bool, product: &str) -> Result<PartnerParams> {
        let mut params = self.clone();
        for (field, value) in
            [("partner_params.job_id", &params.job_id), ("partner_params.user_id", &params.user_id)]
        {
            if value.len() > 128 || value.chars().any(char::is_control) {
                return Err(Error::invalid(
                    field,
                    "must be at most 128 characters without control characters",
                ));
            }
        }
        for key in params.extras.keys() {
            if key.is_empty() || RESERVED_PARAMS.contains(&key.as_str()) {
                return Err(Error::invalid(
                    format!("partner_params.{key}"),
                    "extra keys must be non-empty and not job_id, user_id or job_type; \
                     set those fields directly",
                ));
            }
        }
        if params.job_id.is_empty() {
            params.job_id = crate::submit::generate_job_id();
        }
        if params.user_id.is_empty() {
            if !generate_user {
                return Err(Error::invalid(
                    "partner_params.user_id",
                    format!(
                        "is required for {product}; pass the user_id the user was enrolled with"
                    ),
                ));
            }
            params.user_id = format!("user-{}", uuid::Uuid::new_v4());
        }
        Ok(params)
    }

    pub(crate) fn wire(&self, job_type: JobType) -> WirePartnerParams<'_> {
        WirePartnerParams {
            job_id: &self.job_id,
            user_id: &self.user_id,
            job_type,
            extras: &self.extras,
        }
    }
}

/// The identity document data for Biometric KYC (job 1) and Enhanced KYC (job 5), plus
/// enrolment switches (job 1 only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdInfo {
    /// ISO 3166-1 alpha-2 country code, e.g. `NG`.
    pub country: String,
    /// ID type as Smile ID names it, e.g. `BVN`.
    pub id_type: String,
    pub id_number: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub middle_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    /// Date of birth, `yyyy-mm-dd`.
    #[serde(default)]
    pub dob: Option<String>,
    #[serde(default)]
    pub bank_code: Option<String>,
    #[serde(default)]
    pub citizenship: Option<String>,
    /// Let an already enrolled user enrol again (sent as `allow_new_enroll`).
    #[serde(default)]
    pub allow_re_enroll: bool,
    /// Authenticate against the enrolled selfie instead of a new one (sent as
    /// `use_enrolled_image`).
    #[serde(default)]
    pub use_enrolled_image: bool,
}

/// `id_info` as it goes into `info.json`: the identity fields, with `entered: true` for
/// Biometric KYC (the enrolment switches travel in prep_upload instead). Document jobs send the
/// country and document type, and the number only when given.
#[derive(Debug, Serialize)]
pub(crate) struct WireIdInfo<'a> {
    pub country: &'a str,
    pub id_type: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub id_number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dob: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entered: Option<bool>,
}

impl IdInfo {
    /// The wire form for `job_type`: `entered: true` marks ID details typed in for an ID
    /// authority check (job 1); document jobs read the document instead.
    pub(crate) fn wire_for(&self, job_type: JobType) -> WireIdInfo<'_> {
        WireIdInfo { entered: (!job_type.is_document()).then_some(true), ..self.wire() }
    }

    pub(crate) fn wire(&self) -> WireIdInfo<'_> {
        WireIdInfo {
            country: &self.country,
            id_type: &self.id_type,
            id_number: &self.id_number,
            first_name: self.first_name.as_deref(),
            middle_name: self.middle_name.as_deref(),
            last_name: self.last_name.as_deref(),
            dob: self.dob.as_deref(),
            bank_code: self.bank_code.as_deref(),
            citizenship: self.citizenship.as_deref(),
            entered: Some(true),
        }
    }
}

/// Where the device was when the job was captured; sent as the `geolocation` metadata item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeoInfo {
    pub accuracy: f64,
    pub altitude: f64,
    pub latitude: f64,
    pub longitude: f64,
    /// When the fix was taken, as the platform reports it.
    pub last_update: String,
    pub is_geo_permission_granted: bool,
}

impl GeoInfo {
    pub(crate) fn validate(&self) -> Result<()> {
        let in_range = |v: f64, limit: f64| v.is_finite() && v.abs() <= limit;
        if !in_range(self.latitude, 90.0) {
            return Err(Error::invalid("geo_info.latitude", "must be a number between -90 and 90"));
        }
        if !in_range(self.longitude, 180.0) {
            return Err(Error::invalid(
                "geo_info.longitude",
                "must be a number between -180 and 180",
            ));
        }
        if !self.accuracy.is_finite() || self.accuracy < 0.0 {
            return Err(Error::invalid(
                "geo_info.accuracy",
                "must be a finite number of metres, 0 or more",
            ));
        }
        if !self.altitude.is_finite() {
            return Err(Error::invalid("geo_info.altitude", "must be a finite number of metres"));
        }
        Ok(())
    }
}

/// What an image in the upload zip is (`image_type_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImageType {
    /// 0: the selfie, as a file in the zip.
    Selfie,
    /// 1: ID card front, file.
    IdCardFront,
    /// 4: a liveness frame, file.
    Liveness,
    /// 5: ID card back, file.
    IdCardBack,
}

impl ImageType {
    /// The numeric `image_type_id`.
    pub fn id(self) -> u8 {
        match self {
            ImageType::Selfie => 0,
            ImageType::IdCardFront => 1,
            ImageType::Liveness => 4,
            ImageType::IdCardBack => 5,
        }
    }

    /// File-name prefix used by the mobile SDKs, e.g. `si_selfie_`.
    pub fn file_prefix(self) -> &'static str {
        match self {
            ImageType::Selfie => "si_selfie_",
            ImageType::IdCardFront => "si_document_front_",
            ImageType::Liveness => "si_liveness_",
            ImageType::IdCardBack => "si_document_back_",
        }
    }

    /// All file-backed image types, in zip order (liveness first, as Android does for job 1).
    pub const ALL: [ImageType; 4] =
        [ImageType::Liveness, ImageType::Selfie, ImageType::IdCardFront, ImageType::IdCardBack];

    /// Recognises a file name written by the tag store.
    pub fn from_file_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| name.starts_with(t.file_prefix()) && name.ends_with(".jpg"))
    }
}

/// Validates a caller-supplied optional callback URL (`http(s)://host...`).
pub(crate) fn validate_callback_url(url: &str) -> Result<()> {
    if url.is_empty() {
        return Ok(());
    }
    if crate::http::is_absolute_http_url(url) {
        return Ok(());
    }
    Err(Error::invalid("callback_url", "must be an absolute http(s) URL, or empty for none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_params_wire_shape() {
        let mut p = PartnerParams { job_id: "j".into(), user_id: "u".into(), ..Default::default() };
        p.extras.insert("my_ref".into(), "A-17".into());
        let v = serde_json::to_value(p.wire(JobType::BiometricKyc)).unwrap();
        assert_eq!(v, serde_json::json!({"job_id":"j","user_id":"u","job_type":1,"my_ref":"A-17"}));
    }

    #[test]
    fn job_types() {
        assert_eq!(JobType::from_id(4).unwrap(), JobType::SmartSelfieEnrollment);
        assert_eq!(JobType::from_id(11).unwrap(), JobType::EnhancedDocumentVerification);
        assert!(JobType::DocumentVerification.is_document());
        assert_eq!(JobType::from_id(3), Err(Error::UnsupportedJobType(3)));
        assert_eq!(Error::UnsupportedJobType(3).field(), Some("job_type"));
    }

    #[test]
    fn id_info_wire_omits_switches() {
        let info = IdInfo {
            country: "NG".into(),
            id_type: "BVN".into(),
            id_number: "00000000000".into(),
            allow_re_enroll: true,
            ..Default::default()
        };
        let v = serde_json::to_value(info.wire()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "country": "NG", "id_type": "BVN", "id_number": "00000000000", "entered": true
            })
        );
    }

    #[test]
    fn document_id_info_wire_has_no_entered_flag() {
        let info =
            IdInfo { country: "GH".into(), id_type: "PASSPORT".into(), ..Default::default() };
        let v = serde_json::to_value(info.wire_for(JobType::DocumentVerification)).unwrap();
        assert_eq!(v, serde_json::json!({"country": "GH", "id_type": "PASSPORT"}));
    }

    #[test]
    fn geo_info_ranges() {
        let ok = GeoInfo { latitude: 6.5, longitude: 3.4, ..Default::default() };
        assert!(ok.validate().is_ok());
        let bad = GeoInfo { latitude: 91.0, ..ok.clone() };
        assert_eq!(bad.validate().unwrap_err().field(), Some("geo_info.latitude"));
        let nan = GeoInfo { longitude: f64::NAN, ..ok };
        assert_eq!(nan.validate().unwrap_err().field(), Some("geo_info.longitude"));
    }
}
