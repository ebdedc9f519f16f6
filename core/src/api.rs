//! Wire types of the Smile ID v1 REST endpoints, as the official SDKs send and read them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::enhanced_kyc::ConsentInformation;
use crate::models::{WireIdInfo, WirePartnerParams};

/// `POST /v1/auth_smile`.
#[derive(Debug, Serialize)]
pub(crate) struct AuthSmileRequest<'a> {
    pub job_type: u8,
    pub enrollment: bool,
    pub job_id: &'a str,
    pub user_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_type: Option<&'a str>,
    pub signature: bool,
    pub production: bool,
    pub partner_id: &'a str,
    pub auth_token: &'a str,
}

#[derive(Debug, Deserialize)]
pub(crate) struct AuthSmileResponse {
    pub success: bool,
    pub signature: String,
    pub timestamp: String,
}

/// One `metadata` item of prep_upload.
#[derive(Debug, Serialize)]
pub(crate) struct Metadatum {
    pub name: &'static str,
    pub value: serde_json::Value,
    pub timestamp: String,
}

/// `POST /v1/upload` (prep_upload).
#[derive(Debug, Serialize)]
pub(crate) struct PrepUploadRequest<'a> {
    pub partner_params: WirePartnerParams<'a>,
    pub callback_url: &'a str,
    pub allow_new_enroll: bool,
    pub use_enrolled_image: bool,
    pub smile_client_id: &'a str,
    /// Always [`ZIP_FILE_NAME`], as both official server libraries send it.
    pub file_name: &'static str,
    pub metadata: &'a [Metadatum],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub retry: bool,
    pub source_sdk: &'static str,
    pub source_sdk_version: &'static str,
    pub model_parameters: BTreeMap<String, String>,
    pub timestamp: &'a str,
    pub signature: &'a str,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PrepUploadResponse {
    pub upload_url: String,
    pub smile_job_id: String,
}

/// `POST /v1/job_status`.
#[derive(Debug, Serialize)]
pub(crate) struct JobStatusRequest<'a> {
    pub user_id: &'a str,
    pub job_id: &'a str,
    pub image_links: bool,
    pub history: bool,
    pub partner_id: &'a str,
    pub timestamp: &'a str,
    pub signature: &'a str,
}

/// `POST /v1/id_verification` and `/v1/async_id_verification` (Enhanced KYC, §3.6).
#[derive(Debug, Serialize)]
pub(crate) struct IdVerificationRequest<'a> {
    /// country, id_type, id_number and the identity fields, as in `info.json` (without
    /// `entered`).
    #[serde(flatten)]
    pub id_info: WireIdInfo<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent_information: Option<WireConsent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub callback_url: &'a str,
    pub partner_params: WirePartnerParams<'a>,
    pub partner_id: &'a str,
    pub source_sdk: &'static str,
    pub source_sdk_version: &'static str,
    pub timestamp: &'a str,
    pub signature: &'a str,
    pub metadata: &'a [Metadatum],
}

/// `consent_information` as the SDKs nest it.
#[derive(Debug, Serialize)]
pub(crate) struct WireConsent<'a> {
    pub consented: &'a ConsentInformation,
}

/// The answer of `/v1/async_id_verification`.
#[derive(Debug, Deserialize)]
pub(crate) struct AcceptedResponse {
    pub success: bool,
}

/// `POST /v1/products_config` and `/v1/valid_documents`: the signature alone.
#[derive(Debug, Serialize)]
pub(crate) struct SignedRequest<'a> {
    pub partner_id: &'a str,
    pub timestamp: &'a str,
    pub signature: &'a str,
}

/// The error envelope of non-2xx responses.
#[derive(Debug, Deserialize)]
pub(crate) struct ErrorEnvelope {
    #[serde(default)]
    pub code: Option<serde_json::Value>,
    #[serde(default)]
    pub error: Option<String>,
}

/// The name prep_upload gives the job's zip (`file_name`; the upload URL ends in it too).
pub(crate) const ZIP_FILE_NAME: &str = "selfie.zip";

/// Error code the server returns when a job_id was already used.
pub(crate) const JOB_ALREADY_EXISTS: &str = "2215";
