//! Prints a job's typed result.

use smileid_core::{EnhancedKycResult, IncompleteReason, SmartSelfieResult, SubmitJobResult};

/// Prints the typed fields, or the raw job_status JSON with `json`.
pub fn print_result(title: &str, result: &SubmitJobResult, json: bool) {
    if json {
        println!("{}", result.status.raw);
        return;
    }
    let status = &result.status;
    println!("== {title}");
    println!("  job_id        {}", result.job_id);
    println!("  smile_job_id  {}", result.smile_job_id);
    let incomplete = result.incomplete_reason.map(incomplete_note);
    println!("  job_complete  {}{}", status.job_complete, incomplete.unwrap_or_default());
    println!("  job_success   {}", status.job_success);
    println!("  code          {}", status.code);
    if let Some(r) = &status.result {
        println!("  ResultCode    {}", r.result_code);
        println!("  ResultText    {}", r.result_text);
        if let Some(t) = &r.result_type {
            println!("  ResultType    {t}");
        }
        if let Some(c) = &r.confidence_value {
            println!("  Confidence    {c}");
        }
        for (action, outcome) in r.actions.iter().filter(|(_, o)| *o != "Not Applicable") {
            println!("  {action:<36} {outcome}");
        }
    } else if let Some(message) = &status.result_message {
        println!("  result        {message}");
    }
}

/// Why a job came back incomplete, and that resume finishes it.
fn incomplete_note(reason: IncompleteReason) -> String {
    let why = match reason {
        IncompleteReason::TimedOut => "timed out; the result goes to the callback URL",
        IncompleteReason::StatusUnavailable => {
            "status unavailable: job_status kept failing until the timeout"
        }
        IncompleteReason::UploadLost => "upload lost: the server has no zip",
    };
    format!(" ({why}; the job stays pending: smileid resume finishes it)")
}

/// Prints an Enhanced SmartSelfie result, or the raw v2 answer with `json`.
pub fn print_smart_selfie(title: &str, result: &SmartSelfieResult, json: bool) {
    if json {
        println!("{}", result.answer_raw);
        return;
    }
    println!("== {title}");
    println!("  journal id    {}", result.journal_job_id);
    println!("  job_id        {}", result.job_id);
    println!("  user_id       {}", result.user_id);
    let incomplete = result.incomplete_reason.map(incomplete_note);
    println!("  status        {}{}", result.status.as_str(), incomplete.unwrap_or_default());
    println!("  code          {}", result.code);
    println!("  message       {}", result.message);
    for (key, value) in &result.partner_params {
        println!("  param {key:<16} {value}");
    }
}

/// Prints an Enhanced KYC result's typed fields, or its raw JSON with `json`.
pub fn print_kyc_result(result: &EnhancedKycResult, json: bool) {
    if json {
        println!("{}", result.json);
        return;
    }
    println!("== job type 5 (Enhanced KYC)");
    let job_id = result.partner_params.get("job_id").map_or("", String::as_str);
    println!("  job_id        {job_id}");
    println!("  smile_job_id  {}", result.smile_job_id);
    println!("  verified      {}", result.is_verified());
    println!("  ResultCode    {}", result.result_code);
    println!("  ResultText    {}", result.result_text);
    println!("  ID            {} {}", result.country, result.id_type);
    for (action, outcome) in result.actions.iter().filter(|(_, o)| *o != "Not Applicable") {
        println!("  {action:<36} {outcome}");
    }
}
