//! The judgement rules and prep_upload refusals, each through real HTTP, zips and photos.

mod common;

use std::io::Write;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn id_number_last_digit_selects_the_kyc_outcome() {
    let h = Harness::start().await;
    let selfie = face("obama_1.jpg");
    let mut codes = Vec::new();
    for digit in 0..=3 {
        let id_number = format!("0000000000{digit}");
        let status = h
            .run_job(1, &unique("user"), mobile_zip(&selfie, Some(bvn(&id_number))), json!({}))
            .await;
        codes.push((
            status["result"]["ResultCode"].as_str().unwrap().to_string(),
            status["job_success"].as_bool().unwrap(),
        ));
    }
    assert_eq!(
        codes,
        [
            ("0810".into(), true),
            ("1013".into(), false),
            ("1014".into(), false),
            ("1015".into(), false)
        ]
    );

    let custom = h
        .run_job(
            1,
            &unique("user"),
            server_zip(&selfie, Some(bvn("00000000004"))),
            json!({"FullName": "Nelson Mandela", "DOB": "1918-07-18"}),
        )
        .await;
    let result = &custom["result"];
    assert_eq!(result["ResultCode"], json!("0810"));
    assert_eq!(
        (result["FullName"].as_str(), result["DOB"].as_str()),
        (Some("Nelson Mandela"), Some("1918-07-18"))
    );
    assert_eq!(
        (result["FullData"]["FirstName"].as_str(), result["FullData"]["LastName"].as_str()),
        (Some("Nelson"), Some("Mandela"))
    );
    assert_eq!(result["PartnerParams"]["FullName"], json!("Nelson Mandela"));
}

#[tokio::test]
async fn kyc_input_problems() {
    let h = Harness::start().await;
    let selfie = face("obama_1.jpg");
    let code = |id_info: Value| h.new_user_code(1, mobile_zip(&selfie, Some(id_info)), json!({}));
    assert_eq!(code(bvn("123")).await, "1014", "regex mismatch");
    assert_eq!(
        code(json!({"country": "NG", "id_type": "NOT_A_TYPE", "id_number": "1"})).await,
        "1014"
    );
    assert_eq!(
        code(json!({"country": "NG", "id_type": "DRIVERS_LICENSE", "id_number": "ABC000000000"}))
            .await,
        "2213"
    );
    assert_eq!(code(json!({"country": "NG"})).await, "2213");
    assert_eq!(
        h.new_user_code(1, mobile_zip(&selfie, None), json!({})).await,
        "2213",
        "no id_info"
    );
}

#[tokio::test]
async fn sandbox_result_forces_the_outcome() {
    let h = Harness::start().await;
    let mut seen = Vec::new();
    for forced in ["0", "1", "2"] {
        let user = unique("user");
        let status = h
            .run_job(
                4,
                &user,
                mobile_zip(&face("obama_1.jpg"), None),
                json!({"sandbox_result": forced}),
            )
            .await;
        let r = &status["result"];
        seen.push((
            r["ResultCode"].as_str().unwrap().to_string(),
            status["job_success"].as_bool().unwrap(),
            r["IsFinalResult"].as_str().unwrap().to_string(),
            h.sandbox.is_enrolled(h.partner(), &user),
        ));
    }
    assert_eq!(
        seen,
        [
            ("0840".into(), true, "true".into(), true),
            ("0841".into(), false, "true".into(), false),
            ("0842".into(), false, "false".into(), false)
        ]
    );
    // Forcing overrides the ID lookup of JT1, and works for JT2.
    let kyc = h
        .new_user_code(
            1,
            mobile_zip(&face("obama_1.jpg"), Some(bvn("00000000001"))),
            json!({"sandbox_result": "0"}),
        )
        .await;
    assert_eq!(kyc, "0810");
    let user = h.enrolled_user().await;
    assert_eq!(
        h.result_code(
            2,
            &user,
            mobile_zip(&face("obama_2.jpg"), None),
            json!({"sandbox_result": "1"})
        )
        .await,
        "0821"
    );
    let (status, body) = h
        .post(
            "upload",
            &h.prep_body(4, &unique("job"), &unique("user"), json!({"sandbox_result": "7"})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2204")));
    assert!(body["error"].as_str().unwrap().contains("partner_params.sandbox_result"));
}

#[tokio::test]
async fn enrolment_rules_2209_and_2210() {
    let h = Harness::start().await;
    let user = h.enrolled_user().await;
    let (status, body) = h.post("upload", &h.prep_body(4, &unique("job"), &user, json!({}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2209")), "{body}");
    assert!(body["error"].as_str().unwrap().contains("allow_new_enroll"));
    // allow_new_enroll as a string, as server libraries send booleans.
    let mut again = h.prep_body(4, &unique("job"), &user, json!({}));
    again["allow_new_enroll"] = json!("true");
    h.prep_upload(&again).await;

    let (status, body) =
        h.post("upload", &h.prep_body(2, &unique("job"), &unique("stranger"), json!({}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2210")), "{body}");
}

#[tokio::test]
async fn reused_job_id_gets_2215_then_retry_reuses_the_job() {
    let h = Harness::start().await;
    let (job_id, user) = (unique("job"), unique("user"));
    let body = h.prep_body(4, &job_id, &user, json!({}));
    let first = h.prep_upload(&body).await;
    let (status, refused) = h.post("upload", &body).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("2215")),
        "{refused}"
    );
    assert!(refused["error"].as_str().unwrap().contains("retry"));
    let mut retry = body.clone();
    retry["retry"] = json!(true);
    let second = h.prep_upload(&retry).await;
    assert_eq!(second["smile_job_id"], first["smile_job_id"]);
    assert_ne!(second["upload_url"], first["upload_url"], "a fresh upload URL");
    retry["retry"] = json!("true");
    let third = h.prep_upload(&retry).await;
    assert_eq!(third["smile_job_id"], first["smile_job_id"]);
    assert_eq!(
        h.put_zip(second["upload_url"].as_str().unwrap(), mobile_zip(&face("obama_1.jpg"), None))
            .await,
        StatusCode::OK
    );
    assert_eq!(
        h.wait_complete(&job_id, &user, json!({})).await["result"]["ResultCode"],
        json!("0840")
    );
    assert_eq!(h.sandbox.job_count(h.partner(), &job_id), 1);
    let stats = h.sandbox.stats();
    assert_eq!((stats.jobs_created, stats.duplicates_refused), (1, 3));
}

#[tokio::test]
async fn a_second_put_of_a_job_is_acknowledged_but_not_processed() {
    let h = Harness::start().await;
    let (job_id, user) = (unique("job"), unique("user"));
    let prepared = h.prep_upload(&h.prep_body(4, &job_id, &user, json!({}))).await;
    let url = prepared["upload_url"].as_str().unwrap();
    let zip = mobile_zip(&face("obama_1.jpg"), None);
    assert_eq!(h.put_zip(url, zip.clone()).await, StatusCode::OK);
    assert_eq!(h.put_zip(url, zip).await, StatusCode::OK);
    let done = h.wait_complete(&job_id, &user, json!({})).await;
    // Even a different zip (no face) after the first is ignored.
    assert_eq!(h.put_zip(url, mobile_zip(&face("no_face_coffee.jpg"), None)).await, StatusCode::OK);
    assert_eq!(h.job_status(&job_id, &user, json!({})).await["result"], done["result"]);
    assert_eq!(h.sandbox.uploads_received(h.partner(), &job_id), 3);
    let stats = h.sandbox.stats();
    assert_eq!((stats.uploads_accepted, stats.duplicate_uploads, stats.jobs_completed), (1, 2, 1));
}

#[tokio::test]
async fn unsupported_job_types_get_2212() {
    let h = Harness::start().await;
    for job_type in [0, 3, 7, 12] {
        let (status, body) = h
            .post("upload", &h.prep_body(job_type, &unique("job"), &unique("user"), json!({})))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("2212")),
            "job_type {job_type}: {body}"
        );
        assert!(body["error"].as_str().unwrap().contains("partner_params.job_type"));
    }
}

#[tokio::test]
async fn job_status_before_upload_is_2314_and_processing_is_incomplete() {
    let config =
        SandboxConfig { processing_delay: std::time::Duration::from_secs(3600), ..test_config() };
    let h = Harness::with_config(config).await;
    let (job_id, user) = (unique("job"), unique("user"));
    let prepared = h.prep_upload(&h.prep_body(4, &job_id, &user, json!({}))).await;
    let before = h.job_status(&job_id, &user, json!({})).await;
    assert_eq!(
        (
            before["job_complete"].clone(),
            before["job_success"].clone(),
            before["code"].clone(),
            before["result"].clone()
        ),
        (json!(false), json!(false), json!("2314"), json!("No zip file received"))
    );
    h.put_zip(prepared["upload_url"].as_str().unwrap(), mobile_zip(&face("obama_1.jpg"), None))
        .await;
    let processing =
        h.job_status(&job_id, &user, json!({"history": "true", "image_links": "true"})).await;
    assert_eq!(
        (processing["job_complete"].clone(), processing["code"].clone()),
        (json!(false), json!("2302"))
    );
    assert!(processing.get("result").is_none());
    assert_eq!(processing["history"], json!([]));
    assert!(processing["image_links"]["error"].is_string());
    // An unknown job, or the right job with the wrong user, is a 404.
    let (status, body) = h
        .post("job_status", &{
            let mut b = h.credentials();
            b["job_id"] = job_id.clone().into();
            b["user_id"] = "someone-else".into();
            b
        })
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("2314")));
}

#[tokio::test]
async fn selfie_face_count() {
    let h = Harness::start().await;
    let no_face = face("no_face_coffee.jpg");
    assert_eq!(h.new_user_code(4, mobile_zip(&no_face, None), json!({})).await, "0941");
    let user = h.enrolled_user().await;
    assert_eq!(h.result_code(2, &user, mobile_zip(&no_face, None), json!({})).await, "0921");
    assert_eq!(
        h.new_user_code(1, mobile_zip(&no_face, Some(bvn("00000000000"))), json!({})).await,
        "0911"
    );
    let two = face("two_faces_composite_obama_biden.jpg");
    let status = h.run_job(4, &unique("user"), mobile_zip(&two, None), json!({})).await;
    assert_eq!(status["result"]["ResultCode"], json!("0942"));
    assert!(status["result"]["ResultText"].as_str().unwrap().contains("2 faces"));
    assert_eq!(h.result_code(2, &user, mobile_zip(&two, None), json!({})).await, "0922");
    // No face beats forcing: sandbox_result only decides jobs with a usable selfie.
    assert_eq!(
        h.new_user_code(4, mobile_zip(&no_face, None), json!({"sandbox_result": "0"})).await,
        "0941"
    );
}

#[tokio::test]
async fn unusable_uploads() {
    let h = Harness::start().await;
    let code = |zip: Vec<u8>| h.new_user_code(4, zip, json!({}));
    assert_eq!(code(b"PK\x03\x04 this is not really a zip".to_vec()).await, "0903");
    assert_eq!(
        code(zip_of(&[("si_selfie_1.jpg", &face("obama_1.jpg"))])).await,
        "2203",
        "no info.json"
    );
    assert_eq!(code(zip_of(&[("info.json", b"{\"images\": [oops")])).await, "2203");
    assert_eq!(code(zip_of(&[("info.json", b"[]")])).await, "2203");
    let info = br#"{"images":[{"image_type_id":"0","file_name":"si_selfie_1.jpg"}]}"#;
    assert_eq!(code(zip_of(&[("info.json", info)])).await, "0001", "selfie listed but missing");
    assert_eq!(
        code(zip_of(&[("info.json", info), ("si_selfie_1.jpg", b"not an image")])).await,
        "0001"
    );
    let photo = face("obama_1.jpg");
    let status = h
        .run_job(
            4,
            &unique("user"),
            zip_of(&[("info.json", info), ("si_selfie_1.jpg", &photo[..photo.len() / 2])]),
            json!({}),
        )
        .await;
    assert_eq!(status["result"]["ResultCode"], json!("0001"), "truncated JPEG");
    assert!(status["result"]["ResultText"].as_str().unwrap().starts_with("Selfie image unusable"));
    let liveness_only = br#"{"images":[{"image_type_id":"4","file_name":"l.jpg"}]}"#;
    assert_eq!(
        code(zip_of(&[("info.json", liveness_only), ("l.jpg", &photo)])).await,
        "0001",
        "no selfie listed"
    );
    let bad_liveness = br#"{"images":[{"image_type_id":"4","file_name":"l.jpg"},
        {"image_type_id":"0","file_name":"s.jpg"}]}"#;
    let status = h
        .run_job(
            4,
            &unique("user"),
            zip_of(&[("info.json", bad_liveness), ("l.jpg", b"junk"), ("s.jpg", &photo)]),
            json!({}),
        )
        .await;
    assert!(
        status["result"]["ResultText"].as_str().unwrap().starts_with("Liveness image unusable"),
        "{status}"
    );
    let stored = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("info.json", stored).unwrap();
        w.write_all(br#"{"images":[{"image_type_id":0,"file_name":"s.jpg"}]}"#).unwrap();
        w.start_file("s.jpg", stored).unwrap();
        w.write_all(&photo).unwrap();
        w.finish().unwrap().into_inner()
    };
    assert_eq!(code(stored).await, "0840", "stored (uncompressed) entries, as iOS writes them");
}

#[tokio::test]
async fn gzip_bodies_and_string_booleans_are_accepted() {
    let h = Harness::start().await;
    let (job_id, user) = (unique("job"), unique("user"));
    let mut body = h.prep_body(4, &job_id, &user, json!({}));
    body["retry"] = json!("false");
    body["allow_new_enroll"] = json!("false");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&serde_json::to_vec(&body).unwrap()).unwrap();
    let (status, prepared) =
        h.raw("upload", gz.finish().unwrap(), &[("content-encoding", "gzip")]).await;
    assert_eq!(status, StatusCode::OK, "{prepared}");
    assert_eq!(h.sandbox.job_count(h.partner(), &job_id), 1);
    // Numbers as strings too: job_type "4".
    let mut string_type = h.prep_body(4, &unique("job"), &unique("user"), json!({}));
    string_type["partner_params"]["job_type"] = json!("4");
    h.prep_upload(&string_type).await;
}

#[tokio::test]
async fn upload_urls_are_checked_like_presigned_urls() {
    let h = Harness::start().await;
    let prepared = h.prep_upload(&h.prep_body(4, &unique("job"), &unique("user"), json!({}))).await;
    let url = prepared["upload_url"].as_str().unwrap();
    let zip = mobile_zip(&face("obama_1.jpg"), None);
    let tampered = url.replace("Expires=", "Expires=9");
    let response = h.http.put(&tampered).body(zip.clone()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.unwrap().contains("<Code>SignatureDoesNotMatch</Code>"));
    let unsigned = url.split('?').next().unwrap();
    assert_eq!(h.put_zip(unsigned, zip.clone()).await, StatusCode::FORBIDDEN);
    let other_job = url.replacen("/uploads/", "/uploads/x", 1);
    assert_eq!(h.put_zip(&other_job, zip.clone()).await, StatusCode::FORBIDDEN);
    assert_eq!(h.sandbox.stats().uploads_accepted, 0);

    let expired = Harness::with_config(SandboxConfig {
        presigned_url_ttl: std::time::Duration::ZERO,
        ..test_config()
    })
    .await;
    let prepared = expired
        .prep_upload(&expired.prep_body(4, &unique("job"), &unique("user"), json!({})))
        .await;
    let response =
        expired.http.put(prepared["upload_url"].as_str().unwrap()).body(zip).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.unwrap().contains("Request has expired"));
}

use smileid_sandbox::SandboxConfig;

/// The official server libraries' documented file flow: liveness images given as files
/// (image_type_id 4) are not zipped, their local paths are written into `image`. The jobs
/// complete on the selfie, and the result says what the client got wrong.
#[tokio::test]
async fn liveness_files_the_official_libraries_leave_out_are_warnings() {
    let h = Harness::start().await;
    let library_zip = |selfie: &[u8]| {
        let info = json!({"images": [
            {"image_type_id": 0, "image": "", "file_name": "selfie.jpg"},
            {"image_type_id": 4, "image": "/srv/partner/uploads/liveness_1.jpg", "file_name": ""},
            {"image_type_id": 4, "image": "/srv/partner/uploads/liveness_2.jpg", "file_name": ""},
        ]});
        zip_of(&[("info.json", &serde_json::to_vec(&info).unwrap()), ("selfie.jpg", selfie)])
    };
    let user = unique("user");
    let enrolled = h.run_job(4, &user, library_zip(&face("obama_1.jpg")), json!({})).await;
    let authed = h.run_job(2, &user, library_zip(&face("obama_2.jpg")), json!({})).await;
    for (status, code) in [(&enrolled, "0840"), (&authed, "0820")] {
        let result = &status["result"];
        assert_eq!(
            (result["ResultCode"].as_str(), status["job_success"].as_bool()),
            (Some(code), Some(true)),
            "{status}"
        );
        let warnings = result["SandboxWarnings"].as_array().unwrap();
        assert_eq!(warnings.len(), 2, "{status}");
        assert!(
            warnings[0]
                .as_str()
                .unwrap()
                .starts_with("liveness image missing: images[1] has no file_name"),
            "{status}"
        );
        assert!(!status.to_string().contains("/srv/partner"), "the local path is never echoed");
    }
    // A complete upload carries no warnings.
    let clean =
        h.run_job(4, &unique("user"), mobile_zip(&face("obama_1.jpg"), None), json!({})).await;
    assert!(clean["result"].get("SandboxWarnings").is_none(), "{clean}");
}

/// Jobs 6 and 11: a readable document front is required, the back is optional (a back file the
/// zip lacks is a warning, as liveness files are), id_info needs country and id_type.
#[tokio::test]
async fn document_jobs_judge_the_document_images() {
    let h = Harness::start().await;
    let document = |name: &str| {
        let path = format!("{}/../testdata/documents/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(path).unwrap()
    };
    let (selfie, front, back) =
        (face("grace_hopper.jpg"), document("specimen_front.jpg"), document("specimen_back.jpg"));
    let doc_zip = |images: Value, files: &[(&str, &[u8])], id_info: Value| {
        let info = json!({"images": images, "id_info": id_info});
        let info = serde_json::to_vec(&info).unwrap();
        let mut entries: Vec<(&str, &[u8])> = vec![("info.json", &info), ("s.jpg", &selfie)];
        entries.extend_from_slice(files);
        zip_of(&entries)
    };
    let selfie_entry = json!({"image_type_id": "0", "file_name": "s.jpg"});
    let front_entry = json!({"image_type_id": "1", "file_name": "f.jpg"});
    let back_entry = json!({"image_type_id": "5", "file_name": "b.jpg"});
    let gh = json!({"country": "GH", "id_type": "NATIONAL_ID"});

    for job_type in [6, 11] {
        let both = doc_zip(
            json!([selfie_entry, front_entry, back_entry]),
            &[("f.jpg", &front), ("b.jpg", &back)],
            gh.clone(),
        );
        let status = h.run_job(job_type, &unique("user"), both, json!({})).await;
        let result = &status["result"];
        assert_eq!(
            (result["ResultCode"].as_str(), status["job_success"].as_bool()),
            (Some("0810"), Some(true)),
            "{status}"
        );
        assert_eq!(result["ResultType"], "Document Verification");
        assert_eq!(result["Actions"]["Document_Check"], "Passed");
        assert_eq!(
            (result["Country"].as_str(), result["IDType"].as_str()),
            (Some("GH"), Some("NATIONAL_ID"))
        );
        assert!(result["FullName"].is_string() && result["ExpirationDate"].is_string(), "{status}");
        let forced = doc_zip(json!([selfie_entry, front_entry]), &[("f.jpg", &front)], gh.clone());
        let code = h.new_user_code(job_type, forced, json!({"sandbox_result": "1"})).await;
        assert_eq!(code, "0811");
    }

    let no_front = doc_zip(json!([selfie_entry]), &[], gh.clone());
    let status = h.run_job(6, &unique("user"), no_front, json!({})).await;
    assert_eq!(status["result"]["ResultCode"], "0001");
    let text = status["result"]["ResultText"].as_str().unwrap();
    assert!(
        text.starts_with("ID card image unusable: info.json lists no document front"),
        "{text}"
    );
    assert_eq!(status["result"]["Actions"]["Document_Check"], "Failed");

    let junk_front = doc_zip(json!([selfie_entry, front_entry]), &[("f.jpg", b"junk")], gh.clone());
    assert_eq!(h.new_user_code(11, junk_front, json!({})).await, "0001");

    let no_type =
        doc_zip(json!([selfie_entry, front_entry]), &[("f.jpg", &front)], json!({"country": "GH"}));
    let status = h.run_job(6, &unique("user"), no_type, json!({})).await;
    assert_eq!(status["result"]["ResultCode"], "2213");
    assert!(status["result"]["ResultText"].as_str().unwrap().contains("id_info.id_type"));

    let back_left_out =
        doc_zip(json!([selfie_entry, front_entry, back_entry]), &[("f.jpg", &front)], gh);
    let status = h.run_job(6, &unique("user"), back_left_out, json!({})).await;
    assert_eq!(status["result"]["ResultCode"], "0810", "{status}");
    let warning = status["result"]["SandboxWarnings"][0].as_str().unwrap();
    assert!(
        warning.starts_with("document back image missing: images[2]: b.jpg is not in the zip"),
        "{warning}"
    );
}
