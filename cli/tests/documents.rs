//! `smileid capture --document-front/--document-back` and `smileid submit --job-type 6|11`
//! against a sandbox process, with the specimen card photographs.

mod common;

use common::{faces, run_smileid, SandboxProcess};

fn document(name: &str) -> String {
    format!("{}/../testdata/documents/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn document_capture_and_jobs_6_and_11() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProcess::start(&dir.path().join("sandbox.db"), &[]);
    let store = dir.path().join("tags");
    let store = store.to_str().unwrap();
    let capture = |extra: &[&str]| {
        let mut args = vec!["--store", store, "capture"];
        args.extend_from_slice(extra);
        run_smileid(&args)
    };

    // A refused document names the side and the rule, and leaves no tag behind.
    let blurred = document("specimen_front_blurred.jpg");
    let hopper = faces("grace_hopper.jpg");
    let (code, _, err) =
        capture(&["--tag", "doc", "--selfie", &hopper, "--document-front", &blurred]);
    assert_ne!(code, Some(0));
    assert!(err.contains("invalid_image") && err.contains("front: too blurred"), "{err}");
    let (_, listing, _) = run_smileid(&["--store", store, "tags"]);
    assert!(!listing.contains("doc"), "{listing}");
    let small = document("specimen_front_small.jpg");
    let (code, _, err) = capture(&[
        "--tag",
        "doc",
        "--selfie",
        &hopper,
        "--document-front",
        &document("specimen_front.jpg"),
        "--document-back",
        &small,
    ]);
    assert!(code != Some(0) && err.contains("back: too small"), "{err}");

    let front = document("specimen_front_photo.jpg");
    let (code, tag, err) =
        capture(&["--tag", "doc", "--selfie", &hopper, "--document-front", &front]);
    assert_eq!((code, tag.trim()), (Some(0), "doc"), "{err}");
    // The back added to the existing tag.
    let back = document("specimen_back.jpg");
    let (code, _, err) =
        capture(&["--tag", "doc", "--document-front", &front, "--document-back", &back]);
    assert_eq!(code, Some(0), "{err}");
    let (_, listing, _) = run_smileid(&["--store", store, "tags"]);
    assert!(listing.contains("id_front:1 id_back:1"), "{listing}");

    let (base_url, partner, api_key) =
        (sandbox.get("base_url"), sandbox.get("partner_id"), sandbox.get("api_key"));
    let submit = |extra: &[&str]| {
        let mut args = vec!["--store", store, "submit", "--base-url", &base_url];
        args.extend_from_slice(&["--partner-id", &partner, "--api-key", &api_key, "--tag", "doc"]);
        args.extend_from_slice(extra);
        run_smileid(&args)
    };
    for job_type in ["6", "11"] {
        let user = format!("doc-user-{job_type}");
        let (code, out, err) = submit(&[
            "--keep-tag",
            "--job-type",
            job_type,
            "--user-id",
            &user,
            "--country",
            "GH",
            "--id-type",
            "NATIONAL_ID",
        ]);
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(out.contains("0810") && out.contains("Document_Check"), "{out}");
    }
    let (code, _, err) = submit(&["--job-type", "6", "--country", "GH"]);
    assert!(code != Some(0) && err.contains("id_info.id_type"), "{err}");
}
