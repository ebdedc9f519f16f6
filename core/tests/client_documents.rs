//! Document Verification (6) and Enhanced Document Verification (11) end to end against the real
//! sandbox over HTTP on 127.0.0.1, with specimen document photographs from testdata/documents.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{request, Env};
use smileid_core::capture::capture_document_from_files;
use smileid_core::{IdInfo, NoProgress, SubmitJobRequest};

fn document(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../testdata/documents/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn passport(country: &str, id_type: &str) -> Option<IdInfo> {
    Some(IdInfo { country: country.into(), id_type: id_type.into(), ..Default::default() })
}

/// A job of `job_type` on a tag holding grace_hopper's selfie and the specimen card.
fn document_job(env: &Env, tag: &str, job_type: i64, with_back: bool) -> SubmitJobRequest {
    env.tag_from_photo(tag, "grace_hopper.jpg");
    let back = with_back.then(|| document("specimen_back.jpg"));
    let front = document("specimen_front_photo.jpg");
    capture_document_from_files(&env.store, tag, &front, back.as_deref()).unwrap();
    SubmitJobRequest {
        id_info: passport("GH", "NATIONAL_ID"),
        ..request(tag, job_type, &format!("user-{tag}"))
    }
}

#[tokio::test]
async fn jobs_6_and_11_with_front_only_and_front_and_back() {
    let env = Env::start(Duration::ZERO).await;
    let client = env.api_key_client();
    for (job_type, with_back) in [(6, false), (6, true), (11, false), (11, true)] {
        let tag = format!("doc-{job_type}-{with_back}");
        let mut job = document_job(&env, &tag, job_type, with_back);
        job.partner_params.extras.insert("FullName".into(), "Grace Brewster Hopper".into());
        let done = client.submit_job(&job, Arc::new(NoProgress)).await.unwrap();
        assert!(done.status.job_success, "{}", done.status.raw);
        let result = done.status.result.unwrap();
        assert_eq!(result.result_code, "0810");
        assert_eq!(result.result_type.as_deref(), Some("Document Verification"));
        assert_eq!(result.partner_params["job_type"], job_type.to_string());
        let fields = result.document_fields();
        assert_eq!(fields.full_name.as_deref(), Some("Grace Brewster Hopper"));
        assert_eq!(
            (fields.country.as_deref(), fields.id_type.as_deref()),
            (Some("GH"), Some("NATIONAL_ID"))
        );
        assert!(fields.expiration_date.is_some() && fields.dob.is_some());
        assert_eq!(fields.actions.document_check.as_deref(), Some("Passed"));
        assert_eq!(fields.actions.selfie_to_id_card_compare.as_deref(), Some("Completed"));
        let verify = if job_type == 11 { "Verified" } else { "Not Applicable" };
        assert_eq!(fields.actions.verify_document.as_deref(), Some(verify));
    }
}

#[tokio::test]
async fn forced_rejection_and_missing_parts_are_named() {
    let env = Env::start(Duration::ZERO).await;
    let client = env.api_key_client();
    let mut job = document_job(&env, "forced", 6, true);
    job.partner_params.extras.insert("sandbox_result".into(), "1".into());
    let done = client.submit_job(&job, Arc::new(NoProgress)).await.unwrap();
    assert!(done.status.job_complete && !done.status.job_success, "{}", done.status.raw);
    let result = done.status.result.unwrap();
    assert_eq!(result.result_code, "0811");
    assert_eq!(result.document_fields().actions.document_check.as_deref(), Some("Failed"));

    // id_info: each missing part named before anything is sent.
    let job = document_job(&env, "info", 11, false);
    for (id_info, field) in [
        (None, "id_info"),
        (passport("", "PASSPORT"), "id_info.country"),
        (passport("GH", ""), "id_info.id_type"),
    ] {
        let bad = SubmitJobRequest { id_info, ..job.clone() };
        let err = client.submit_job(&bad, Arc::new(NoProgress)).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }

    // A tag with a selfie but no document.
    env.tag_from_photo("selfie-only", "grace_hopper.jpg");
    let no_front = SubmitJobRequest { tag: "selfie-only".into(), ..job };
    let err = client.submit_job(&no_front, Arc::new(NoProgress)).await.unwrap_err();
    assert_eq!(err.field(), Some("tag"));
    assert!(err.to_string().contains("document's front"), "{err}");
}
