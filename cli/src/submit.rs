//! `smileid submit`: send a tag as a job to any Smile ID base URL, or, for Enhanced KYC (job
//! type 5), the ID details alone.

use std::path::Path;
use std::sync::Arc;

use clap::Args;
use smileid_core::{
    Client, EnhancedKycRequest, Error, IdInfo, PartnerParams, Result, SubmitJobRequest,
};

use crate::connection::{with_resume_hint, Connection};
use crate::exit::Outcome;
use crate::output::{print_kyc_result, print_result, print_smart_selfie};
use crate::progress::Bar;

#[derive(Args)]
pub struct SubmitArgs {
    /// The tag to submit (not for job type 5, which sends no images).
    #[arg(long)]
    tag: Option<String>,
    /// 1 = Biometric KYC, 2 = SmartSelfie Authentication, 4 = SmartSelfie Enrollment,
    /// 5 = Enhanced KYC (the ID details alone, answered at once), 6 = Document Verification,
    /// 11 = Enhanced Document Verification (both need --country and --id-type, the document's,
    /// and a tag captured with --document-front).
    #[arg(long)]
    job_type: i64,
    #[command(flatten)]
    connection: Connection,
    #[arg(long, default_value = "")]
    job_id: String,
    #[arg(long, default_value = "")]
    user_id: String,
    /// Extra partner params as key=value (repeatable), e.g. sandbox_result=1.
    #[arg(long = "param", value_parser = parse_key_value)]
    params: Vec<(String, String)>,
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    id_type: Option<String>,
    #[arg(long)]
    id_number: Option<String>,
    #[arg(long)]
    first_name: Option<String>,
    #[arg(long)]
    last_name: Option<String>,
    #[arg(long)]
    dob: Option<String>,
    /// Bank code, for NG BANK_ACCOUNT (job type 5; `smileid services` lists the banks).
    #[arg(long)]
    bank_code: Option<String>,
    /// Citizenship, for the KE ID types that require it.
    #[arg(long)]
    citizenship: Option<String>,
    /// Phone number (job type 5).
    #[arg(long)]
    phone_number: Option<String>,
    /// Allow an enrolled user to enrol again.
    #[arg(long)]
    allow_re_enroll: bool,
    #[arg(long)]
    callback_url: Option<String>,
    /// How long to poll job_status (0: return the first status).
    #[arg(long, default_value_t = 60_000)]
    timeout_ms: i64,
    /// Print the raw job_status JSON instead of the typed fields (job type 5: the raw result;
    /// with --enhanced: the raw v2 answer).
    #[arg(long)]
    json: bool,
    /// Enhanced SmartSelfie: run job type 4 or 2 over the synchronous v2 endpoints (one signed
    /// multipart request answered approved, rejected or pending) instead of the zip upload.
    #[arg(long, visible_alias = "v2")]
    enhanced: bool,
}

fn parse_key_value(s: &str) -> std::result::Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .ok_or_else(|| format!("expected key=value, got {s:?}"))
}

/// Submits the tag (job type 5: the ID details) and prints the result; the outcome sets the
/// exit status.
pub async fn run(store: &Path, args: SubmitArgs) -> Result<Outcome> {
    let is_production = args.connection.production;
    let client = args.connection.client(store)?;
    let has_id = args.country.is_some() || args.id_type.is_some() || args.id_number.is_some();
    let id_info = (has_id || args.allow_re_enroll).then(|| IdInfo {
        country: args.country.unwrap_or_default(),
        id_type: args.id_type.unwrap_or_default(),
        id_number: args.id_number.unwrap_or_default(),
        first_name: args.first_name,
        last_name: args.last_name,
        dob: args.dob,
        bank_code: args.bank_code,
        citizenship: args.citizenship,
        allow_re_enroll: args.allow_re_enroll,
        ..Default::default()
    });
    let partner_params = PartnerParams {
        job_id: args.job_id,
        user_id: args.user_id,
        extras: args.params.into_iter().collect(),
    };
    if args.job_type == 5 {
        if args.enhanced {
            return Err(Error::InvalidInput {
                field: "job_type".into(),
                reason: "--enhanced runs job types 4 and 2; Enhanced KYC (5) is answered at once \
                         without it"
                    .into(),
            });
        }
        if args.tag.is_some() {
            return Err(Error::InvalidInput {
                field: "tag".into(),
                reason: "Enhanced KYC (job type 5) sends no images: drop --tag".into(),
            });
        }
        let request = EnhancedKycRequest {
            is_production,
            partner_params,
            id_info,
            phone_number: args.phone_number,
            consent_information: None,
            callback_url: args.callback_url,
        };
        return enhanced_kyc(&client, &request, args.json).await;
    }
    let request = SubmitJobRequest {
        tag: args.tag.ok_or_else(|| Error::InvalidInput {
            field: "tag".into(),
            reason: "is required for job types 1, 2, 4, 6 and 11: --tag NAME (smileid capture makes one)"
                .into(),
        })?,
        job_type: args.job_type,
        is_production,
        partner_params,
        id_info,
        geo_info: None,
        callback_url: args.callback_url,
        job_status_polling_timeout_millis: args.timeout_ms,
    };
    if args.enhanced {
        let result = client
            .submit_smart_selfie(&request, Arc::new(Bar::new("smart selfie")))
            .await
            .map_err(with_resume_hint)?;
        let title = format!("Enhanced SmartSelfie, job type {}", result.job_type.id());
        print_smart_selfie(&title, &result, args.json);
        return Ok(Outcome::of_smart_selfie(&result));
    }
    let result =
        client.submit_job(&request, Arc::new(Bar::new("job"))).await.map_err(with_resume_hint)?;
    print_result(&format!("job type {}", result.job_type.id()), &result, args.json);
    Ok(Outcome::of(&result))
}

/// Job type 5: one request, the ID authority's answer printed.
async fn enhanced_kyc(
    client: &Client,
    request: &EnhancedKycRequest,
    json: bool,
) -> Result<Outcome> {
    let result = client.enhanced_kyc(request).await?;
    print_kyc_result(&result, json);
    Ok(if result.is_verified() { Outcome::Success } else { Outcome::NotApproved })
}
