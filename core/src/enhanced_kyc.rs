//! Enhanced KYC (job 5): the ID details alone, checked with the ID authority in one request
//! (`POST /v1/id_verification`), or answered later at a callback URL
//! (`POST /v1/async_id_verification`). No capture, no upload, no polling.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::id_types::{self, Product};
use crate::models::{validate_callback_url, IdInfo, JobRef, JobType, PartnerParams};
use crate::result::{get_text, required, string_map};

/// What the caller asks Enhanced KYC to check.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnhancedKycRequest {
    /// Production (https only) or sandbox.
    #[serde(default)]
    pub is_production: bool,
    /// `job_id` and `user_id` are generated when empty; extras are echoed in the result.
    #[serde(default)]
    pub partner_params: PartnerParams,
    /// Required: country, id_type, id_number and the fields the ID type needs (§9). The
    /// enrolment switches are not read.
    pub id_info: Option<IdInfo>,
    /// The user's phone number, for ID types that look it up.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// What the user agreed to share; the ID types of `products_config().consent_required`
    /// need it.
    #[serde(default)]
    pub consent_information: Option<ConsentInformation>,
    /// Where the asynchronous form POSTs the result (required there); the synchronous form
    /// passes it on as well.
    #[serde(default)]
    pub callback_url: Option<String>,
}

/// The user's consent to share their ID data (sent as `consent_information.consented`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentInformation {
    /// When the user agreed, ISO 8601.
    pub consent_granted_date: String,
    pub personal_details: bool,
    pub contact_information: bool,
    pub document_information: bool,
}

/// A request that passed validation, with its generated ids.
#[derive(Debug, Clone)]
pub(crate) struct EnhancedKycJob {
    pub request: EnhancedKycRequest,
    pub id_info: IdInfo,
    pub partner_params: PartnerParams,
    pub callback_url: String,
}

impl EnhancedKycRequest {
    /// Checks every parameter (errors name the field) and fills in generated ids.
    /// `needs_callback`: the asynchronous form, which answers only at the callback URL.
    pub(crate) fn validate(&self, needs_callback: bool) -> Result<EnhancedKycJob> {
        let id_info = self.id_info.as_ref().ok_or_else(|| {
            Error::invalid(
                "id_info",
                "is required for Enhanced KYC: give country, id_type and id_number",
            )
        })?;
        id_types::validate(Product::EnhancedKyc, id_info)?;
        let partner_params = self.partner_params.checked(true, "Enhanced KYC")?;
        let callback_url = self.callback_url.clone().unwrap_or_default();
        validate_callback_url(&callback_url)?;
        if needs_callback && callback_url.is_empty() {
            return Err(Error::invalid(
                "callback_url",
                "is required for asynchronous Enhanced KYC: the result is POSTed there",
            ));
        }
        if let Some(consent) = &self.consent_information {
            if consent.consent_granted_date.trim().is_empty() {
                return Err(Error::invalid(
                    "consent_information.consent_granted_date",
                    "is required with consent: when the user agreed, ISO 8601",
                ));
            }
        }
        Ok(EnhancedKycJob {
            request: self.clone(),
            id_info: id_info.clone(),
            partner_params,
            callback_url,
        })
    }
}

impl EnhancedKycJob {
    pub fn job_ref(&self) -> JobRef {
        JobRef {
            job_id: self.partner_params.job_id.clone(),
            user_id: self.partner_params.user_id.clone(),
            job_type: JobType::EnhancedKyc,
            is_production: self.request.is_production,
        }
    }
}

/// What the ID authority returned for a synchronous Enhanced KYC request.
#[derive(Debug, Clone, PartialEq)]
pub struct EnhancedKycResult {
    /// Four-digit result code: `1012` validated, `1013` not found, `1014` unsupported or
    /// malformed number, `1015` authority unavailable (§7.1).
    pub result_code: String,
    pub result_text: String,
    /// Each action and its outcome, e.g. `Verify_ID_Number: Verified`.
    pub actions: BTreeMap<String, String>,
    pub full_name: Option<String>,
    /// Date of birth as the authority holds it.
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
    pub partner_params: BTreeMap<String, String>,
    /// The whole object, including fields without a typed counterpart.
    pub json: Value,
}

impl EnhancedKycResult {
    /// Whether the authority validated the ID: `1012`, or an exact (`1020`) or partial (`1021`)
    /// match of the details given (the Approved codes of §7.1).
    pub fn is_verified(&self) -> bool {
        matches!(self.result_code.as_str(), "1012" | "1020" | "1021")
    }

    /// Reads an id_verification answer (or an Enhanced KYC callback body).
    pub fn from_json(value: &Value) -> Result<Self> {
        const WHAT: &str = "id_verification";
        let obj = value
            .as_object()
            .ok_or_else(|| Error::InvalidResponse(format!("{WHAT} is not an object")))?;
        for key in ["Actions", "PartnerParams"] {
            if !obj.get(key).is_some_and(Value::is_object) {
                return Err(Error::InvalidResponse(format!("{WHAT} lacks the `{key}` object")));
            }
        }
        Ok(EnhancedKycResult {
            result_code: required(obj, "ResultCode", WHAT)?,
            result_text: required(obj, "ResultText", WHAT)?,
            actions: string_map(obj.get("Actions")),
            full_name: get_text(obj, "FullName"),
            dob: get_text(obj, "DOB"),
            photo: get_text(obj, "Photo"),
            expiration_date: get_text(obj, "ExpirationDate"),
            country: required(obj, "Country", WHAT)?,
            id_type: required(obj, "IDType", WHAT)?,
            id_number: required(obj, "IDNumber", WHAT)?,
            smile_job_id: required(obj, "SmileJobID", WHAT)?,
            partner_params: string_map(obj.get("PartnerParams")),
            json: value.clone(),
        })
    }
}

/// What the asynchronous form returns: the ids to match the callback with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnhancedKycAccepted {
    pub job_id: String,
    pub user_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> EnhancedKycRequest {
        EnhancedKycRequest {
            id_info: Some(IdInfo {
                country: "NG".into(),
                id_type: "BVN".into(),
                id_number: "00000000000".into(),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn each_bad_parameter_names_its_field() {
        let field = |r: EnhancedKycRequest, callback| {
            r.validate(callback).unwrap_err().field().unwrap().to_string()
        };
        assert_eq!(field(EnhancedKycRequest { id_info: None, ..request() }, false), "id_info");
        let mut no_type = request();
        no_type.id_info.as_mut().unwrap().id_type.clear();
        assert_eq!(field(no_type, false), "id_info.id_type");
        assert_eq!(field(request(), true), "callback_url");
        let bad_url = EnhancedKycRequest { callback_url: Some("x".into()), ..request() };
        assert_eq!(field(bad_url, false), "callback_url");
        let consent = EnhancedKycRequest {
            consent_information: Some(ConsentInformation::default()),
            ..request()
        };
        assert_eq!(field(consent, false), "consent_information.consent_granted_date");
        let job = request().validate(false).unwrap();
        assert!(job.partner_params.job_id.starts_with("job-"));
        assert!(job.partner_params.user_id.starts_with("user-"));
        assert_eq!(job.job_ref().job_type, JobType::EnhancedKyc);
    }

    #[test]
    fn parses_the_documented_shape() {
        let value = serde_json::json!({
            "SmileJobID": "0000000001", "ResultCode": "1012", "ResultText": "ID Number Validated",
            "Actions": {"Verify_ID_Number": "Verified"}, "Country": "NG", "IDType": "BVN",
            "IDNumber": "00000000000", "FullName": "Joe Leo Doe", "DOB": "1990-01-01",
            "PartnerParams": {"job_id": "j", "user_id": "u", "job_type": 5}
        });
        let result = EnhancedKycResult::from_json(&value).unwrap();
        assert_eq!(result.partner_params["job_type"], "5");
        assert_eq!(result.full_name.as_deref(), Some("Joe Leo Doe"));
        assert_eq!(result.photo, None);
        assert!(result.is_verified());
        let mut no_actions = value.clone();
        no_actions.as_object_mut().unwrap().remove("Actions");
        assert_eq!(
            EnhancedKycResult::from_json(&no_actions).unwrap_err().code(),
            "invalid_response"
        );
    }
}
