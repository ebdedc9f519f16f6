//! The result object of job_status, history and callbacks, with the field types the SDK decoders
//! demand (§3.4, §11): strings everywhere except an integer `PartnerParams.job_type`, an
//! `Actions` object with every key, and `FullData` values that are strings.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::value::RawValue;
use smileid_core::JobType;

use crate::rules::{Kyc, Outcome, Verdict};
use crate::store::{Completion, Job};

/// Every `Actions` key the SDKs know; those an outcome does not set are "Not Applicable".
const ACTION_KEYS: [&str; 17] = [
    "Document_Check",
    "Human_Review_Compare",
    "Human_Review_Document_Check",
    "Human_Review_Liveness_Check",
    "Human_Review_Selfie_Check",
    "Human_Review_Update_Selfie",
    "Liveness_Check",
    "Register_Selfie",
    "Return_Personal_Info",
    "Selfie_Check",
    "Selfie_Provided",
    "Selfie_To_ID_Authority_Compare",
    "Selfie_To_ID_Card_Compare",
    "Selfie_To_Registered_Selfie_Compare",
    "Update_Registered_Selfie_On_File",
    "Verify_Document",
    "Verify_ID_Number",
];

#[derive(Serialize)]
struct ResultObject<'a> {
    #[serde(rename = "ResultCode")]
    result_code: &'a str,
    #[serde(rename = "ResultText")]
    result_text: &'a str,
    #[serde(rename = "ResultType")]
    result_type: &'a str,
    #[serde(rename = "SmileJobID")]
    smile_job_id: String,
    #[serde(rename = "JSONVersion")]
    json_version: &'static str,
    #[serde(rename = "IsFinalResult")]
    is_final_result: &'static str,
    #[serde(rename = "IsMachineResult")]
    is_machine_result: &'static str,
    #[serde(rename = "ConfidenceValue")]
    confidence_value: &'static str,
    #[serde(rename = "PartnerParams")]
    partner_params: PartnerParams<'a>,
    #[serde(rename = "Actions")]
    actions: BTreeMap<&'static str, &'static str>,
    #[serde(rename = "Source")]
    source: &'static str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    kyc: Option<KycFields<'a>>,
    /// The sandbox's own: what the client got wrong without failing the job.
    #[serde(rename = "SandboxWarnings", skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

#[derive(Serialize)]
struct PartnerParams<'a> {
    job_id: &'a str,
    user_id: &'a str,
    job_type: JobType,
    #[serde(flatten)]
    extras: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct KycFields<'a> {
    #[serde(rename = "Country")]
    country: &'a str,
    #[serde(rename = "IDType")]
    id_type: &'a str,
    #[serde(rename = "IDNumber")]
    id_number: &'a str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    person: Option<PersonFields<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PersonFields<'a> {
    full_name: &'a str,
    #[serde(rename = "DOB")]
    dob: &'a str,
    gender: &'a str,
    phone_number: &'a str,
    address: &'a str,
    expiration_date: &'a str,
    full_data: BTreeMap<&'static str, &'a str>,
}

/// Shapes `outcome` into the job's result object and records whether the job succeeded.
pub(crate) fn completion(job: &Job, outcome: &Outcome) -> Completion {
    let mut actions: BTreeMap<_, _> = ACTION_KEYS.iter().map(|k| (*k, "Not Applicable")).collect();
    actions.extend(outcome.actions.iter().copied());
    let object = ResultObject {
        result_code: outcome.code,
        result_text: &outcome.text,
        result_type: outcome.result_type,
        smile_job_id: smile_job_id(job.smile_job_id),
        json_version: "1.0.0",
        is_final_result: if outcome.verdict == Verdict::Provisional { "false" } else { "true" },
        is_machine_result: "true",
        confidence_value: match outcome.verdict {
            Verdict::Approved => "99",
            Verdict::Provisional => "50",
            Verdict::Rejected => "0",
        },
        partner_params: PartnerParams {
            job_id: &job.job_id,
            user_id: &job.user_id,
            job_type: job.job_type,
            extras: &job.extras,
        },
        actions,
        source: "WebAPI",
        kyc: outcome.kyc.as_ref().map(kyc_fields),
        warnings: &outcome.warnings,
    };
    let json = serde_json::to_string(&object).expect("result objects serialize");
    Completion {
        success: outcome.verdict == Verdict::Approved,
        result: RawValue::from_string(json).expect("serde_json output is JSON"),
    }
}

fn kyc_fields(kyc: &Kyc) -> KycFields<'_> {
    KycFields {
        country: &kyc.country,
        id_type: &kyc.id_type,
        id_number: &kyc.id_number,
        person: kyc.person.as_ref().map(|p| PersonFields {
            full_name: &p.full_name,
            dob: &p.dob,
            gender: &p.gender,
            phone_number: &p.phone_number,
            address: &p.address,
            expiration_date: &p.expiration_date,
            full_data: BTreeMap::from([
                ("FirstName", p.first_name.as_str()),
                ("MiddleName", p.middle_name.as_str()),
                ("LastName", p.last_name.as_str()),
                ("FullName", p.full_name.as_str()),
                ("DOB", p.dob.as_str()),
                ("Gender", p.gender.as_str()),
            ]),
        }),
    }
}

/// `SmileJobID` as the API writes it: ten digits, zero padded.
pub(crate) fn smile_job_id(id: u64) -> String {
    format!("{id:010}")
}
