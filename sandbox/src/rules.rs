//! How the sandbox judges an uploaded job. The order of checks, each code and text, is the table
//! in `sandbox/README.md`:
//!
//! 1. the upload must be readable (zip 0903, info.json 2203, images 0001);
//! 2. job 1 needs a supported ID type, a well-formed id_number (1014) and the type's fields (2213);
//!    jobs 6 and 11 need a readable document front (0001) and id_info country and id_type (2213);
//! 3. the selfie must show exactly one face (no face 0911/0921/0941, several 0912/0922/0942);
//! 4. `sandbox_result` in partner_params forces approval, rejection or a provisional result (a v2
//!    authentication of a user who never enrolled is rejected here, [`NOT_ENROLLED`]);
//! 5. job 1 then looks the ID up by the last digit of id_number (1013, 1014, 1015, or success);
//!    jobs 6 and 11 "read" the document (0810 with its fields).
//!
//! Enhanced KYC (job 5) has no upload: [`judge_id_verification`] runs steps 2, 4 and 5 on the
//! request's ID details.

use std::borrow::Cow;

use smileid_core::protocol::id_types::{self, Product};
use smileid_core::vision::{face, imaging};
use smileid_core::JobType;

use crate::store::Job;
use crate::test_numbers::test_number;
use crate::upload_zip::{self, IdInfo, ImageRole, ZipProblem};

/// The judgement's three outcomes (§7.1 categories).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Approved,
    Provisional,
    Rejected,
}

/// A job's result, before it is shaped into the wire result object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    pub code: &'static str,
    pub text: Cow<'static, str>,
    pub result_type: &'static str,
    pub verdict: Verdict,
    /// Actions that are not "Not Applicable".
    pub actions: &'static [(&'static str, &'static str)],
    /// What the ID authority returned (jobs 1 and 5) or what was read off the document (6 and
    /// 11).
    pub kyc: Option<Kyc>,
    /// What the client got wrong without failing the job (`SandboxWarnings` in the result).
    pub warnings: Vec<String>,
}

/// The ID part of a Biometric KYC or document result. `person` is set when the ID was found
/// or the document read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Kyc {
    pub country: String,
    pub id_type: String,
    pub id_number: String,
    pub person: Option<Person>,
}

/// Personal data the ID authority "returns" for sandbox test numbers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Person {
    pub first_name: String,
    pub middle_name: String,
    pub last_name: String,
    pub full_name: String,
    pub dob: String,
    pub gender: String,
    pub phone_number: String,
    pub address: String,
    pub expiration_date: String,
}

/// What processing produced: the outcome and the selfie to keep for image_links.
pub(crate) struct Evaluation {
    pub outcome: Outcome,
    pub selfie: Option<Vec<u8>>,
}

impl Evaluation {
    /// The sandbox itself failed to judge the upload.
    pub fn system_error() -> Evaluation {
        Evaluation {
            outcome: rejected(
                "2201",
                "System Error - the sandbox could not judge this upload",
                &[],
            ),
            selfie: None,
        }
    }
}

impl Outcome {
    /// Whether the job's user is enrolled by this result (approved jobs 1 and 4).
    pub fn enrolls(&self, job_type: JobType) -> bool {
        self.verdict == Verdict::Approved && job_type != JobType::SmartSelfieAuthentication
    }
}

const SAIA: &str = "SAIA";
const ID_VERIFICATION: &str = "ID Verification";
const DOCUMENT_VERIFICATION: &str = "Document Verification";

fn outcome(
    code: &'static str,
    text: impl Into<Cow<'static, str>>,
    verdict: Verdict,
    actions: &'static [(&'static str, &'static str)],
) -> Outcome {
    Outcome {
        code,
        text: text.into(),
        result_type: SAIA,
        verdict,
        actions,
        kyc: None,
        warnings: Vec::new(),
    }
}

fn rejected(
    code: &'static str,
    text: impl Into<Cow<'static, str>>,
    actions: &'static [(&'static str, &'static str)],
) -> Outcome {
    outcome(code, text, Verdict::Rejected, actions)
}

/// Judges `zip` for `job`. `forced` is a `sandbox_result` code forced from the dashboard; it
/// takes precedence over the job's own. Pure apart from CPU: decoding and face detection run here.
pub(crate) fn evaluate(job: &Job, zip: &[u8], forced: Option<&str>) -> Evaluation {
    let upload = match upload_zip::read(zip) {
        Ok(upload) => upload,
        Err(problem) => return Evaluation { outcome: unreadable(problem), selfie: None },
    };
    let mut selfie = None;
    for image in &upload.images {
        match imaging::decode_gray(&image.bytes, &image.name) {
            Err(e) => {
                return Evaluation {
                    outcome: image_unusable(image.role, e.to_string()),
                    selfie: None,
                }
            }
            Ok(gray) if image.role == ImageRole::Selfie && selfie.is_none() => {
                selfie = Some((gray, &image.bytes))
            }
            Ok(_) => {}
        }
    }
    let has_front = upload.images.iter().any(|i| i.role == ImageRole::IdCardFront);
    if job.job_type.is_document() && !has_front {
        return Evaluation {
            outcome: image_unusable(
                ImageRole::IdCardFront,
                "info.json lists no document front (image_type_id 1 or 3); jobs 6 and 11 need \
                 one"
                .into(),
            ),
            selfie: None,
        };
    }
    let Some((gray, selfie_bytes)) = selfie else {
        return Evaluation {
            outcome: image_unusable(
                ImageRole::Selfie,
                "info.json lists no selfie (image_type_id 0 or 2)".into(),
            ),
            selfie: None,
        };
    };
    let outcome = judge(job, upload.id_info.as_ref(), face::detect(&gray).len(), forced);
    for warning in &upload.warnings {
        tracing::warn!(smile_job_id = job.smile_job_id, "client error in the upload: {warning}");
    }
    let outcome = Outcome { warnings: upload.warnings, ..outcome };
    Evaluation { outcome, selfie: Some(selfie_bytes.clone()) }
}

fn unreadable(problem: ZipProblem) -> Outcome {
    const NONE: &[(&str, &str)] = &[];
    match problem {
        ZipProblem::Corrupt(detail) => rejected("0903", format!("Zip Corrupt: {detail}"), NONE),
        ZipProblem::InfoJson(detail) => {
            rejected("2203", format!("Invalid JSON - info.json: {detail}"), NONE)
        }
        ZipProblem::ImageMissing(role, detail) => image_unusable(role, detail),
    }
}

fn image_unusable(role: ImageRole, detail: String) -> Outcome {
    let actions: &[(&str, &str)] = match role {
        ImageRole::IdCardFront | ImageRole::IdCardBack => &[("Document_Check", "Failed")],
        ImageRole::Selfie | ImageRole::Liveness => &[("Selfie_Provided", "Failed")],
    };
    rejected("0001", format!("{} unusable: {detail}", role.label()), actions)
}

fn judge(job: &Job, id_info: Option<&IdInfo>, faces: usize, forced: Option<&str>) -> Outcome {
    let checked = match job.job_type {
        JobType::BiometricKyc => check_id_info(Product::BiometricKyc, id_info),
        job_type if job_type.is_document() => check_document_info(id_info),
        _ => Ok(Kyc::default()),
    };
    let subject = match checked {
        Ok(subject) => subject,
        Err(outcome) => return *outcome,
    };
    if faces != 1 {
        return face_count_failure(job.job_type, faces);
    }
    if job.job_type == JobType::BiometricKyc {
        return id_outcome(job, subject, forced);
    }
    match (job.job_type, forced.or(job.extras.get("sandbox_result").map(String::as_str))) {
        (JobType::SmartSelfieAuthentication, Some(NOT_ENROLLED)) => rejected(
            "0821",
            "Machine Judgement - FAIL - Comparison: no enrolled selfie for this user_id \
             (enrol the user with job type 4 first)",
            &[("Liveness_Check", "Passed"), ("Selfie_To_Registered_Selfie_Compare", "Failed")],
        ),
        (job_type, Some("1")) => forced_rejection(job_type),
        (job_type, Some("2")) => provisional(job_type),
        (job_type, _) if job_type.is_document() => {
            document_read(job_type, subject, custom_person(&job.extras))
        }
        (JobType::SmartSelfieAuthentication, _) => {
            outcome("0820", "Authenticated", Verdict::Approved, AUTHENTICATED)
        }
        _ => outcome("0840", "Enroll User", Verdict::Approved, ENROLLED),
    }
}

/// Judges an Enhanced KYC request (job 5): its ID details, then forcing, then the lookup. Every
/// outcome names the ID it is about (`Country`, `IDType`, `IDNumber` are required fields of the
/// answer, §3.6). Missing fields never get here: the endpoint refuses them (2213).
pub(crate) fn judge_id_verification(job: &Job, id_info: &IdInfo, forced: Option<&str>) -> Outcome {
    let named = |outcome: Outcome| {
        let subject = Kyc {
            country: id_info.country.clone().unwrap_or_default(),
            id_type: id_info.id_type.clone().unwrap_or_default(),
            id_number: id_info.id_number.clone().unwrap_or_default(),
            person: None,
        };
        Outcome { kyc: outcome.kyc.or(Some(subject)), ..outcome }
    };
    match check_id_info(Product::EnhancedKyc, Some(id_info)) {
        Ok(subject) => named(id_outcome(job, subject, forced)),
        Err(outcome) => named(*outcome),
    }
}

/// After the ID details passed: a forced result, else the lookup by the last digit.
fn id_outcome(job: &Job, subject: Kyc, forced: Option<&str>) -> Outcome {
    match forced.or(job.extras.get("sandbox_result").map(String::as_str)) {
        Some("1") => forced_rejection(job.job_type),
        Some("2") => provisional(job.job_type),
        Some("0") => kyc_success(job.job_type, subject, default_person()),
        _ => id_lookup(job, subject),
    }
}

/// Forced result of a v2 authentication for a user who never enrolled: the comparison fails
/// (v1 refuses such a job at prep_upload instead, 2210).
pub(crate) const NOT_ENROLLED: &str = "not_enrolled";

const ENROLLED: &[(&str, &str)] =
    &[("Liveness_Check", "Passed"), ("Register_Selfie", "Approved"), ("Selfie_Provided", "Passed")];
const AUTHENTICATED: &[(&str, &str)] = &[
    ("Liveness_Check", "Passed"),
    ("Selfie_Provided", "Passed"),
    ("Selfie_To_Registered_Selfie_Compare", "Completed"),
];
const ID_VALIDATED: &[(&str, &str)] =
    &[("Return_Personal_Info", "Returned"), ("Verify_ID_Number", "Verified")];
const DOCUMENT_VERIFIED: &[(&str, &str)] = &[
    ("Document_Check", "Passed"),
    ("Liveness_Check", "Passed"),
    ("Register_Selfie", "Approved"),
    ("Return_Personal_Info", "Returned"),
    ("Selfie_Provided", "Passed"),
    ("Selfie_To_ID_Card_Compare", "Completed"),
];
const ENHANCED_DOCUMENT_VERIFIED: &[(&str, &str)] = &[
    ("Document_Check", "Passed"),
    ("Liveness_Check", "Passed"),
    ("Register_Selfie", "Approved"),
    ("Return_Personal_Info", "Returned"),
    ("Selfie_Provided", "Passed"),
    ("Selfie_To_ID_Card_Compare", "Completed"),
    ("Verify_Document", "Verified"),
];
const KYC_ENROLLED: &[(&str, &str)] = &[
    ("Liveness_Check", "Passed"),
    ("Register_Selfie", "Approved"),
    ("Return_Personal_Info", "Returned"),
    ("Selfie_Provided", "Passed"),
    ("Selfie_To_ID_Authority_Compare", "Completed"),
    ("Verify_ID_Number", "Verified"),
];

/// The first `id_info` field `product` needs that is absent or empty: country, id_type,
/// id_number, then those the ID type requires (e.g. NG DRIVERS_LICENSE names and dob).
pub(crate) fn missing_id_field(product: Product, info: Option<&IdInfo>) -> Option<&'static str> {
    let Some(info) = info else { return Some("country") };
    let present = |v: Option<&String>| v.is_some_and(|v| !v.trim().is_empty());
    for (name, value) in
        [("country", &info.country), ("id_type", &info.id_type), ("id_number", &info.id_number)]
    {
        if !present(value.as_ref()) {
            return Some(name);
        }
    }
    let rule = id_types::find(product, info.country.as_deref()?, info.id_type.as_deref()?)?;
    rule.extra_required.iter().copied().find(|name| {
        info.other.get(*name).and_then(|v| v.as_str()).is_none_or(|v| v.trim().is_empty())
    })
}

/// Checks id_info for `product`; `Err` is the failing outcome.
fn check_id_info(product: Product, id_info: Option<&IdInfo>) -> Result<Kyc, Box<Outcome>> {
    const NOT_VERIFIED: &[(&str, &str)] =
        &[("Verify_ID_Number", "Not Verified"), ("Return_Personal_Info", "Not Returned")];
    let name = product.name();
    if let Some(field) = missing_id_field(product, id_info) {
        return Err(Box::new(rejected(
            "2213",
            format!("Missing parameter - id_info.{field} is required for {name}"),
            &[],
        )));
    }
    let info = id_info.expect("checked above");
    let text = |v: &Option<String>| v.clone().expect("checked above");
    let (country, id_type, id_number) =
        (text(&info.country), text(&info.id_type), text(&info.id_number));
    let id_failure = |text: String| {
        Box::new(Outcome { result_type: ID_VERIFICATION, ..rejected("1014", text, NOT_VERIFIED) })
    };
    let Some(rule) = id_types::find(product, &country, &id_type) else {
        let countries = id_types::supported_countries(product);
        // Name the field at fault: a country without ID types, else the type.
        return Err(id_failure(if countries.contains(&country.as_str()) {
            format!(
                "Unsupported ID type: id_info.id_type {id_type} is not a {name} ID type for \
                 {country}"
            )
        } else {
            format!(
                "Unsupported ID type: id_info.country {country} has no {name} ID types (use one \
                 of {})",
                countries.join(", ")
            )
        }));
    };
    if !rule.matches(&id_number) {
        return Err(id_failure(format!(
            "Invalid ID number format: expected {} (test number {})",
            rule.pattern,
            test_number(rule)
        )));
    }
    Ok(Kyc { country, id_type, id_number, person: None })
}

/// Checks id_info for jobs 6 and 11: the document's country and type; `Err` is the failing
/// outcome. The number is read off the document, so it is optional (a sandbox default if absent).
fn check_document_info(id_info: Option<&IdInfo>) -> Result<Kyc, Box<Outcome>> {
    let field = |value: Option<&String>, name: &str| {
        value.filter(|v| !v.trim().is_empty()).cloned().ok_or_else(|| {
            Box::new(rejected(
                "2213",
                format!("Missing parameter - id_info.{name} is required for Document Verification"),
                &[],
            ))
        })
    };
    let country = field(id_info.and_then(|i| i.country.as_ref()), "country")?;
    let id_type = field(id_info.and_then(|i| i.id_type.as_ref()), "id_type")?;
    let id_number = id_info
        .and_then(|i| i.id_number.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| SANDBOX_DOCUMENT_NUMBER.into());
    Ok(Kyc { country, id_type, id_number, person: None })
}

/// The document number results carry when id_info gives none.
const SANDBOX_DOCUMENT_NUMBER: &str = "A00000000";

/// An approved document job: the document "read" gives `person`.
fn document_read(job_type: JobType, subject: Kyc, person: Person) -> Outcome {
    let actions = match job_type {
        JobType::EnhancedDocumentVerification => ENHANCED_DOCUMENT_VERIFIED,
        _ => DOCUMENT_VERIFIED,
    };
    Outcome {
        result_type: DOCUMENT_VERIFICATION,
        kyc: Some(Kyc { person: Some(person), ..subject }),
        ..outcome("0810", "Document Verified", Verdict::Approved, actions)
    }
}

fn face_count_failure(job_type: JobType, faces: usize) -> Outcome {
    const SELFIE_FAILED: &[(&str, &str)] = &[
        ("Selfie_Provided", "Passed"),
        ("Selfie_Check", "Failed"),
        ("Register_Selfie", "Rejected"),
    ];
    let (none, many) = match job_type {
        // Job 5 has no selfie and is never counted; it shares job 1's codes.
        JobType::BiometricKyc
        | JobType::EnhancedKyc
        | JobType::DocumentVerification
        | JobType::EnhancedDocumentVerification => ("0911", "0912"),
        JobType::SmartSelfieAuthentication => ("0921", "0922"),
        JobType::SmartSelfieEnrollment => ("0941", "0942"),
    };
    if faces == 0 {
        rejected(none, "Failed - No Face Found", SELFIE_FAILED)
    } else {
        rejected(
            many,
            format!(
                "Failed - Image Quality Judged Too Poor: {faces} faces in the selfie, expected one"
            ),
            SELFIE_FAILED,
        )
    }
}

fn forced_rejection(job_type: JobType) -> Outcome {
    match job_type {
        JobType::BiometricKyc => rejected(
            "0811",
            "Machine Judgement - FAIL - Compare Rejected",
            &[
                ("Liveness_Check", "Passed"),
                ("Register_Selfie", "Rejected"),
                ("Selfie_To_ID_Authority_Compare", "Failed"),
                ("Verify_ID_Number", "Verified"),
            ],
        ),
        JobType::DocumentVerification | JobType::EnhancedDocumentVerification => Outcome {
            result_type: DOCUMENT_VERIFICATION,
            ..rejected(
                "0811",
                "Machine Judgement - FAIL - Document Not Verified",
                &[
                    ("Document_Check", "Failed"),
                    ("Liveness_Check", "Passed"),
                    ("Register_Selfie", "Rejected"),
                    ("Selfie_To_ID_Card_Compare", "Failed"),
                ],
            )
        },
        JobType::SmartSelfieAuthentication => rejected(
            "0821",
            "Machine Judgement - FAIL - Comparison",
            &[("Liveness_Check", "Passed"), ("Selfie_To_Registered_Selfie_Compare", "Failed")],
        ),
        JobType::SmartSelfieEnrollment => rejected(
            "0841",
            "Machine Judgement - FAIL - Compare Failed",
            &[("Liveness_Check", "Failed"), ("Register_Selfie", "Rejected")],
        ),
        JobType::EnhancedKyc => Outcome {
            result_type: ID_VERIFICATION,
            ..rejected(
                "1013",
                "Unable to Validate ID - ID Number Not Found",
                &[("Verify_ID_Number", "Not Verified"), ("Return_Personal_Info", "Not Returned")],
            )
        },
    }
}

fn provisional(job_type: JobType) -> Outcome {
    let (code, actions): (_, &'static [(&str, &str)]) = match job_type {
        JobType::BiometricKyc => (
            "0812",
            &[
                ("Selfie_To_ID_Authority_Compare", "Under Review"),
                ("Register_Selfie", "Under Review"),
                ("Verify_ID_Number", "Verified"),
            ],
        ),
        JobType::DocumentVerification | JobType::EnhancedDocumentVerification => (
            "0812",
            &[
                ("Document_Check", "Under Review"),
                ("Human_Review_Document_Check", "Under Review"),
                ("Selfie_To_ID_Card_Compare", "Under Review"),
            ],
        ),
        JobType::SmartSelfieAuthentication => {
            ("0822", &[("Selfie_To_Registered_Selfie_Compare", "Under Review")])
        }
        JobType::SmartSelfieEnrollment => {
            ("0842", &[("Liveness_Check", "Under Review"), ("Register_Selfie", "Under Review")])
        }
        // No human review in an ID lookup: the authority cannot answer now, ask again later.
        JobType::EnhancedKyc => {
            return Outcome {
                result_type: ID_VERIFICATION,
                ..outcome(
                    "1015",
                    "ID Authority Unavailable - try again later",
                    Verdict::Provisional,
                    &[
                        ("Verify_ID_Number", "Issuer Unavailable"),
                        ("Return_Personal_Info", "Not Returned"),
                    ],
                )
            }
        }
    };
    outcome(
        code,
        "Machine Judgement - Pure Provisional, awaiting human judgement",
        Verdict::Provisional,
        actions,
    )
}

/// The ID authority lookup of §8: the last digit of id_number selects the outcome.
fn id_lookup(job: &Job, subject: Kyc) -> Outcome {
    let id_failure = |code, text: &'static str, actions| Outcome {
        result_type: ID_VERIFICATION,
        kyc: Some(subject.clone()),
        ..rejected(code, text, actions)
    };
    match subject.id_number.chars().last() {
        Some('1') => id_failure(
            "1013",
            "Unable to Validate ID - ID Number Not Found",
            &[("Verify_ID_Number", "Not Verified"), ("Return_Personal_Info", "Not Returned")],
        ),
        Some('2') => id_failure(
            "1014",
            "Invalid ID number format",
            &[("Verify_ID_Number", "Not Verified"), ("Return_Personal_Info", "Not Returned")],
        ),
        Some('3') => id_failure(
            "1015",
            "ID Authority Unavailable",
            &[("Verify_ID_Number", "Issuer Unavailable"), ("Return_Personal_Info", "Not Returned")],
        ),
        Some('4') => kyc_success(job.job_type, subject, custom_person(&job.extras)),
        _ => kyc_success(job.job_type, subject, default_person()),
    }
}

/// The ID was found: job 1 enrols the user, job 5 returns the person.
fn kyc_success(job_type: JobType, subject: Kyc, person: Person) -> Outcome {
    let kyc = Some(Kyc { person: Some(person), ..subject });
    match job_type {
        JobType::EnhancedKyc => Outcome {
            kyc,
            result_type: ID_VERIFICATION,
            ..outcome("1012", "ID Number Validated", Verdict::Approved, ID_VALIDATED)
        },
        _ => Outcome { kyc, ..outcome("0810", "Enroll User", Verdict::Approved, KYC_ENROLLED) },
    }
}

fn default_person() -> Person {
    Person {
        first_name: "Joe".into(),
        middle_name: "Leo".into(),
        last_name: "Doe".into(),
        full_name: "Joe Leo Doe".into(),
        dob: "1990-01-01".into(),
        gender: "M".into(),
        phone_number: "+2340000000000".into(),
        address: "1 Sandbox Street".into(),
        expiration_date: "2031-12-31".into(),
    }
}

/// Digit 4: the partner supplies the person in partner_params (`FullName`, `DOB`, ...); a
/// FullName without FirstName/LastName is split into them.
fn custom_person(extras: &std::collections::BTreeMap<String, String>) -> Person {
    let mut person = default_person();
    if let Some(full) = extras.get("FullName") {
        let words: Vec<&str> = full.split_whitespace().collect();
        person.full_name = full.clone();
        person.first_name = words.first().unwrap_or(&"").to_string();
        person.last_name =
            if words.len() > 1 { words[words.len() - 1].to_string() } else { String::new() };
        person.middle_name =
            words.get(1..words.len().saturating_sub(1)).map(|m| m.join(" ")).unwrap_or_default();
    }
    for (key, slot) in [
        ("FirstName", &mut person.first_name),
        ("MiddleName", &mut person.middle_name),
        ("LastName", &mut person.last_name),
        ("DOB", &mut person.dob),
        ("Gender", &mut person.gender),
        ("PhoneNumber", &mut person.phone_number),
        ("Address", &mut person.address),
        ("ExpirationDate", &mut person.expiration_date),
    ] {
        if let Some(value) = extras.get(key) {
            *slot = value.clone();
        }
    }
    if !extras.contains_key("FullName") {
        person.full_name = [&person.first_name, &person.middle_name, &person.last_name]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
    }
    person
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::store::JobState;

    fn job(job_type: JobType, extras: &[(&str, &str)]) -> Job {
        Job {
            smile_job_id: 1,
            partner_id: "p".into(),
            job_id: "j".into(),
            user_id: "u".into(),
            job_type,
            callback_url: String::new(),
            extras: extras.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            state: JobState::Processing,
            put_count: 1,
            created_at: String::new(),
        }
    }

    fn id_info(country: &str, id_type: &str, id_number: &str) -> IdInfo {
        IdInfo {
            country: Some(country.into()),
            id_type: Some(id_type.into()),
            id_number: Some(id_number.into()),
            other: BTreeMap::new(),
        }
    }

    #[test]
    fn last_digit_selects_the_id_outcome() {
        let kyc = job(JobType::BiometricKyc, &[]);
        let code = |n: &str| judge(&kyc, Some(&id_info("NG", "BVN", n)), 1, None).code;
        assert_eq!(
            ["00000000000", "00000000001", "00000000002", "00000000003", "00000000004"].map(code),
            ["0810", "1013", "1014", "1015", "0810"]
        );
        assert_eq!(code("123"), "1014");
        assert_eq!(judge(&kyc, Some(&id_info("NG", "NOPE", "1")), 1, None).code, "1014");
        assert!(judge(&kyc, Some(&id_info("NG", "NOPE", "1")), 1, None)
            .text
            .contains("id_info.id_type NOPE"));
        assert!(judge(&kyc, Some(&id_info("XX", "BVN", "1")), 1, None)
            .text
            .starts_with("Unsupported ID type: id_info.country XX has no"));
        assert_eq!(judge(&kyc, None, 1, None).code, "2213");
        assert_eq!(
            judge(&kyc, Some(&id_info("NG", "DRIVERS_LICENSE", "ABC000000000")), 1, None).text,
            "Missing parameter - id_info.first_name is required for Biometric KYC"
        );
    }

    #[test]
    fn enhanced_kyc_outcomes_name_the_id() {
        let ekyc = |extras: &[(&str, &str)], info: IdInfo| {
            judge_id_verification(&job(JobType::EnhancedKyc, extras), &info, None)
        };
        let codes = ["0", "1", "2", "3", "4"]
            .map(|digit| ekyc(&[], id_info("NG", "BVN", &format!("0000000000{digit}"))).code);
        assert_eq!(codes, ["1012", "1013", "1014", "1015", "1012"]);
        let found = ekyc(&[], id_info("NG", "BVN", "00000000000"));
        assert_eq!(found.kyc.unwrap().person.unwrap().full_name, "Joe Leo Doe");
        let unsupported = ekyc(&[], id_info("NG", "SSNIT", "00000000000"));
        assert_eq!(unsupported.code, "1014");
        assert_eq!(unsupported.kyc.unwrap().id_type, "SSNIT", "failures name the ID too");
        let forced = |r| ekyc(&[("sandbox_result", r)], id_info("NG", "BVN", "00000000001"));
        assert_eq!(["0", "1", "2"].map(|r| forced(r).code), ["1012", "1013", "1015"]);
        assert_eq!(forced("2").verdict, Verdict::Provisional);
        let bank = id_info("NG", "BANK_ACCOUNT", "0000000000");
        assert_eq!(missing_id_field(Product::EnhancedKyc, Some(&bank)), Some("bank_code"));
        assert_eq!(missing_id_field(Product::BiometricKyc, Some(&bank)), None, "not a type");
    }

    #[test]
    fn document_jobs_need_country_and_type_then_read_the_document() {
        for job_type in [JobType::DocumentVerification, JobType::EnhancedDocumentVerification] {
            let doc = job(job_type, &[("FullName", "Grace Brewster Hopper")]);
            let info = |country: &str, id_type: &str| IdInfo {
                country: Some(country.into()),
                id_type: Some(id_type.into()),
                ..Default::default()
            };
            assert_eq!(
                judge(&doc, Some(&info("", "PASSPORT")), 1, None).text,
                "Missing parameter - id_info.country is required for Document Verification"
            );
            assert!(judge(&doc, Some(&info("GH", " ")), 1, None).text.contains("id_info.id_type"));
            assert_eq!(judge(&doc, None, 1, None).code, "2213");
            let read = judge(&doc, Some(&info("GH", "PASSPORT")), 1, None);
            assert_eq!((read.code, read.result_type), ("0810", DOCUMENT_VERIFICATION));
            let kyc = read.kyc.unwrap();
            assert_eq!((kyc.id_number.as_str(), kyc.country.as_str()), ("A00000000", "GH"));
            assert_eq!(kyc.person.unwrap().last_name, "Hopper");
            let verify = read.actions.contains(&("Verify_Document", "Verified"));
            assert_eq!(verify, job_type == JobType::EnhancedDocumentVerification);
            assert_eq!(judge(&doc, Some(&info("GH", "PASSPORT")), 0, None).code, "0911");
            assert_eq!(judge(&doc, Some(&info("GH", "PASSPORT")), 1, Some("1")).code, "0811");
            assert_eq!(judge(&doc, Some(&info("GH", "PASSPORT")), 1, Some("2")).code, "0812");
        }
    }

    #[test]
    fn custom_person_splits_full_name() {
        let kyc = job(
            JobType::BiometricKyc,
            &[("FullName", "Nelson Rolihlahla Mandela"), ("DOB", "1918-07-18")],
        );
        let person = judge(&kyc, Some(&id_info("ZA", "NATIONAL_ID", "0000000000004")), 1, None)
            .kyc
            .unwrap()
            .person
            .unwrap();
        assert_eq!(
            (
                person.first_name.as_str(),
                person.middle_name.as_str(),
                person.last_name.as_str(),
                person.dob.as_str()
            ),
            ("Nelson", "Rolihlahla", "Mandela", "1918-07-18")
        );
    }

    #[test]
    fn faces_then_forcing() {
        let enroll =
            |extras| judge(&job(JobType::SmartSelfieEnrollment, extras), None, 1, None).code;
        assert_eq!(
            [
                enroll(&[]),
                enroll(&[("sandbox_result", "0")]),
                enroll(&[("sandbox_result", "1")]),
                enroll(&[("sandbox_result", "2")])
            ],
            ["0840", "0840", "0841", "0842"]
        );
        // A result forced from the dashboard wins over the job's own sandbox_result.
        let approved_by_params = job(JobType::SmartSelfieEnrollment, &[("sandbox_result", "0")]);
        assert_eq!(judge(&approved_by_params, None, 1, Some("1")).code, "0841");
        let auth = job(JobType::SmartSelfieAuthentication, &[("sandbox_result", "0")]);
        assert_eq!(
            [0, 1, 2].map(|faces| judge(&auth, None, faces, None).code),
            ["0921", "0820", "0922"]
        );
        assert_eq!(judge(&auth, None, 1, Some(NOT_ENROLLED)).code, "0821");
        let kyc = job(JobType::BiometricKyc, &[("sandbox_result", "0")]);
        assert_eq!(
            judge(&kyc, Some(&id_info("NG", "BVN", "00000000001")), 1, None).code,
            "0810",
            "forcing overrides the digit"
        );
        assert_eq!(judge(&kyc, Some(&id_info("NG", "BVN", "00000000001")), 0, None).code, "0911");
    }
}
