//! `smileid demo`: the embedded sandbox, a tag from a bundled public-domain photo, jobs 4, 2 and
//! 1 end to end, Enhanced KYC (5, no photo), an Enhanced SmartSelfie (v2) authentication, then
//! Document Verification (6) with the bundled specimen ID card added to the tag, printing each
//! typed result. Needs no credentials and no internet.

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use smileid_core::capture::{capture_document_from_files, capture_from_files, CaptureOptions};
use smileid_core::{
    Auth, Client, Config, EnhancedKycRequest, Error, IdInfo, PartnerParams, Result,
    SubmitJobRequest, TagStore,
};
use smileid_sandbox::SandboxConfig;

use crate::output::{print_kyc_result, print_result, print_smart_selfie};
use crate::progress::Bar;

/// Commodore Grace M. Hopper, US Navy official portrait (public domain; testdata/faces/SOURCES.md).
static DEMO_SELFIE: &[u8] = include_bytes!("../../testdata/faces/grace_hopper.jpg");
/// The front of the made-up "Republic of Specimen" ID card, this project's rendering with the same
/// portrait (testdata/documents/SOURCES.md); with its back, 474,611 bytes of the binary.
static DEMO_DOCUMENT_FRONT: &[u8] = include_bytes!("../../testdata/documents/specimen_front.jpg");
/// The card's back.
static DEMO_DOCUMENT_BACK: &[u8] = include_bytes!("../../testdata/documents/specimen_back.jpg");

#[derive(Args)]
pub struct DemoArgs {
    /// How long each job may poll job_status.
    #[arg(long, default_value_t = 30_000)]
    timeout_ms: i64,
    /// Print raw job_status JSON instead of typed fields.
    #[arg(long)]
    json: bool,
    /// Keep the sandbox and its dashboard running after the jobs, until Ctrl-C.
    #[arg(long)]
    keep_open: bool,
}

pub async fn run(args: DemoArgs) -> Result<()> {
    let started = Instant::now();
    let dir = tempfile::tempdir().map_err(|e| Error::Storage(format!("temporary folder: {e}")))?;
    let sandbox = smileid_sandbox::start(SandboxConfig {
        db_path: Some(dir.path().join("sandbox.db")),
        processing_delay: Duration::from_millis(300),
        ..SandboxConfig::default()
    })
    .await
    .map_err(|e| Error::Network(format!("sandbox failed to start: {e}")))?;
    println!("sandbox  {} (partner {})", sandbox.base_url(), sandbox.partner_id());
    println!("dashboard {}", sandbox.dashboard_url());

    let store = TagStore::open(dir.path().join("tags"))?;
    let tag = capture_from_files(
        &store,
        Some("demo-selfie"),
        DEMO_SELFIE,
        &[],
        &CaptureOptions::default(),
    )?;
    let images = store.images(&tag)?;
    println!("tag      {tag}: 1 selfie + {} liveness images", images.liveness.len());

    let mut config = Config::new(sandbox.partner_id(), Auth::ApiKey(sandbox.api_key().to_string()))
        .with_sandbox_url(sandbox.base_url());
    // One capture serves every job.
    config.keep_tags_after_success = true;
    let client = Client::new(config, store.clone())?;
    let user_id = format!("demo-user-{}", std::process::id());
    let job = |job_type, user_id: &str, id_info| SubmitJobRequest {
        tag: tag.clone(),
        job_type,
        partner_params: PartnerParams { user_id: user_id.to_string(), ..Default::default() },
        id_info,
        job_status_polling_timeout_millis: args.timeout_ms,
        ..Default::default()
    };
    let kyc = IdInfo {
        country: "NG".into(),
        id_type: "BVN".into(),
        id_number: "00000000000".into(),
        ..Default::default()
    };
    let runs = [
        ("SmartSelfie Enrollment (job type 4)", job(4, &user_id, None)),
        ("SmartSelfie Authentication (job type 2)", job(2, &user_id, None)),
        (
            "Biometric KYC (job type 1), NG BVN test number",
            job(1, &format!("{user_id}-kyc"), Some(kyc.clone())),
        ),
    ];
    for (title, request) in runs {
        let result = client.submit_job(&request, Arc::new(Bar::new(title))).await?;
        print_result(title, &result, args.json);
    }
    let enhanced = EnhancedKycRequest { id_info: Some(kyc), ..Default::default() };
    print_kyc_result(&client.enhanced_kyc(&enhanced).await?, args.json);
    let title = "Enhanced SmartSelfie Authentication (v2, job type 2)";
    let request = job(2, &user_id, None);
    let result = client.submit_smart_selfie(&request, Arc::new(Bar::new(title))).await?;
    print_smart_selfie(title, &result, args.json);
    // The same tag, now with the document: its front and back are checked as a capture's are.
    capture_document_from_files(&store, &tag, DEMO_DOCUMENT_FRONT, Some(DEMO_DOCUMENT_BACK))?;
    println!("tag      {tag}: + the specimen ID card, front and back");
    // The document's country and type; its number is read off the document.
    let document =
        IdInfo { country: "GH".into(), id_type: "NATIONAL_ID".into(), ..Default::default() };
    let title = "Document Verification (job type 6), the specimen ID card";
    let request = job(6, &format!("{user_id}-doc"), Some(document));
    let result = client.submit_job(&request, Arc::new(Bar::new(title))).await?;
    print_result(title, &result, args.json);
    println!("demo finished in {:.1} s", started.elapsed().as_secs_f64());
    if args.keep_open {
        println!("the sandbox keeps running: open {} (Ctrl-C to stop)", sandbox.dashboard_url());
        use std::io::Write;
        let _ = std::io::stdout().flush();
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| Error::Storage(format!("cannot wait for Ctrl-C: {e}")))?;
    }
    sandbox.shutdown().await;
    Ok(())
}
