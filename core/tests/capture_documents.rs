//! Document capture from photo files, on the specimen card photographs in testdata/documents.

use std::path::PathBuf;

use smileid_core::capture::{
    capture_document_from_files, capture_from_files, measure_document, CaptureOptions,
    DOCUMENT_MIN_BRIGHTNESS, DOCUMENT_MIN_SHARPNESS,
};
use smileid_core::vision::imaging::decode_rgb;
use smileid_core::{Error, TagStore};

fn testdata(path: &str) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata");
    std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn document(name: &str) -> Vec<u8> {
    testdata(&format!("documents/{name}"))
}

/// A store holding tag `t` with a selfie from a real photo.
fn tag_with_selfie() -> (tempfile::TempDir, TagStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let selfie = testdata("faces/grace_hopper.jpg");
    capture_from_files(&store, Some("t"), &selfie, &[], &CaptureOptions::default()).unwrap();
    (dir, store)
}

fn expect_refused<T: std::fmt::Debug>(result: smileid_core::Result<T>, field: &str, rule: &str) {
    match result {
        Err(Error::InvalidImage { field: f, reason }) => {
            assert_eq!((f.as_str(), reason.contains(rule)), (field, true), "{reason}");
        }
        other => panic!("expected {field} refused as {rule}, got {other:?}"),
    }
}

#[test]
fn front_and_back_join_the_selfie_upright_and_without_metadata() {
    let (_dir, store) = tag_with_selfie();
    let front = document("specimen_front_photo.jpg");
    let images = capture_document_from_files(&store, "t", &front, None).unwrap();
    assert!(images.selfie.is_some() && images.id_card_back.is_none());
    let saved = std::fs::read(images.id_card_front.unwrap()).unwrap();
    let (a, b) = (decode_rgb(&saved, "front").unwrap(), decode_rgb(&front, "front").unwrap());
    assert_eq!((a.width, a.height), (b.width, b.height), "kept at its own size");

    let back = document("specimen_back.jpg");
    let images =
        capture_document_from_files(&store, "t", &document("specimen_front.jpg"), Some(&back))
            .unwrap();
    assert!(images.id_card_front.is_some() && images.id_card_back.is_some());
    assert_eq!(images.liveness.len(), 7, "the selfie capture's images stay");
}

#[test]
fn each_quality_rule_refuses_naming_the_side() {
    let (_dir, store) = tag_with_selfie();
    let before = store.images("t").unwrap();
    let good = document("specimen_front.jpg");
    expect_refused(
        capture_document_from_files(&store, "t", &document("specimen_front_small.jpg"), None),
        "front",
        "too small: 856x540 px",
    );
    expect_refused(
        capture_document_from_files(&store, "t", &document("specimen_front_dark.jpg"), None),
        "front",
        "too dark",
    );
    expect_refused(
        capture_document_from_files(&store, "t", &document("specimen_front_blurred.jpg"), None),
        "front",
        "too blurred",
    );
    expect_refused(
        capture_document_from_files(&store, "t", &good, Some(b"not an image")),
        "back",
        "not a JPEG or PNG",
    );
    let truncated = &good[..good.len() / 2];
    expect_refused(capture_document_from_files(&store, "t", truncated, None), "front", "JPEG");
    assert_eq!(store.images("t").unwrap(), before, "a refused document changes nothing");
    assert!(matches!(
        capture_document_from_files(&store, "nope", &good, None),
        Err(Error::TagNotFound(_))
    ));
}

/// The figures SOURCES.md and the module docs quote: each photo's measures against the limits.
#[test]
fn measures_separate_good_photos_from_bad_ones() {
    for (name, passes) in [
        ("specimen_front.jpg", true),
        ("specimen_back.jpg", true),
        ("specimen_front_photo.jpg", true),
        ("specimen_front_blurred.jpg", false),
        ("specimen_front_dark.jpg", false),
    ] {
        let q = measure_document(&document(name), "front").unwrap();
        println!(
            "{name}: {}x{} brightness {:.0} sharpness {:.0}",
            q.width, q.height, q.brightness, q.sharpness
        );
        let ok = q.brightness >= DOCUMENT_MIN_BRIGHTNESS && q.sharpness >= DOCUMENT_MIN_SHARPNESS;
        assert_eq!(ok, passes, "{name}: {q:?}");
    }
}
