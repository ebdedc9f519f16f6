//! Capture from photo files, on the real test photographs.

mod capture_util;

use capture_util::{faces_in_jpeg, jpeg_size, photo, photo_bytes, region_for, view};
use smileid_core::capture::{add_id_card, capture_from_files, CaptureOptions};
use smileid_core::vision::imaging::{Orientation, Rgb};
use smileid_core::{Error, ImageType, TagStore};

const FACE_PHOTOS: [&str; 5] =
    ["obama_1.jpg", "obama_2.jpg", "obama_3.jpg", "biden_1.jpg", "grace_hopper.jpg"];

fn store() -> (tempfile::TempDir, TagStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    (dir, store)
}

fn capture(store: &TagStore, tag: Option<&str>, selfie: &[u8]) -> smileid_core::Result<String> {
    capture_from_files(store, tag, selfie, &[], &CaptureOptions::default())
}

/// Expects an InvalidImage error on `field` whose reason contains `reason_part`.
fn expect_invalid_image<T: std::fmt::Debug>(
    result: smileid_core::Result<T>,
    field: &str,
    reason_part: &str,
) {
    match result {
        Err(Error::InvalidImage { field: f, reason }) => {
            assert_eq!(f, field, "{reason}");
            assert!(reason.contains(reason_part), "{reason}");
        }
        other => panic!("expected InvalidImage on {field}, got {other:?}"),
    }
}

fn jpeg(rgb: &Rgb) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&rgb.data, rgb.width as u16, rgb.height as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

#[test]
fn every_face_photo_makes_a_complete_tag_whose_selfie_shows_the_face() {
    let (_dir, store) = store();
    for (i, name) in FACE_PHOTOS.iter().enumerate() {
        let tag = format!("photo-{i}");
        assert_eq!(capture(&store, Some(&tag), &photo_bytes(name)).unwrap(), tag);
        let images = store.images(&tag).unwrap();
        assert_eq!(store.meta(&tag).unwrap().source, "files");
        assert_eq!(images.liveness.len(), 7, "{name}");
        let selfie = std::fs::read(images.selfie.as_ref().unwrap()).unwrap();
        let (w, h) = jpeg_size(&selfie);
        // 640 px at most: less when the crop around the face holds less (obama_3: 341 px),
        // since nothing is upscaled.
        assert!((320..=640).contains(&w.max(h)), "{name}: selfie {w}x{h}");
        assert_eq!(faces_in_jpeg(&selfie), 1, "{name}: selfie shows exactly one face");
        for path in &images.liveness {
            let file = path.file_name().unwrap().to_str().unwrap();
            assert!(file.starts_with("si_liveness_") && file.ends_with(".jpg"), "{file}");
            let bytes = std::fs::read(path).unwrap();
            let (w, h) = jpeg_size(&bytes);
            assert!(w.max(h) <= 320, "{name} {file}: {w}x{h}");
            assert_eq!(faces_in_jpeg(&bytes), 1, "{name} {file}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for (_, path) in images.all() {
                assert_eq!(std::fs::metadata(path).unwrap().permissions().mode() & 0o777, 0o600);
            }
        }
    }
    assert_eq!(store.list().unwrap().len(), FACE_PHOTOS.len());
}

#[test]
fn photos_without_exactly_one_usable_face_are_rejected_by_name() {
    let (_dir, store) = store();
    expect_invalid_image(
        capture(&store, Some("t"), &photo_bytes("no_face_coffee.jpg")),
        "selfie",
        "no face",
    );
    expect_invalid_image(
        capture(&store, Some("t"), &photo_bytes("two_faces_composite_obama_biden.jpg")),
        "selfie",
        "2 faces",
    );

    // Too dark.
    let (rgb, _) = photo("obama_1.jpg");
    let dark = Rgb { data: rgb.data.iter().map(|&v| v / 6).collect(), ..rgb.clone() };
    expect_invalid_image(capture(&store, Some("t"), &jpeg(&dark)), "selfie", "too dark");
    assert!(!store.exists("t").unwrap());
}

/// A real portrait downscaled to 512×512 px with the face about 100 px wide: small, but a face
/// the detector finds, so it makes a tag. Nothing is upscaled past what the photo holds.
#[test]
fn small_portraits_make_tags_without_upscaling() {
    let (_dir, store) = store();
    let (rgb, face) = photo("obama_1.jpg");
    let face = face.unwrap();
    for (side, face_px) in [(512, 100.0), (512, 200.0), (300, 60.0)] {
        let fill = (face_px / side as f32).powi(2);
        let small = view(&rgb, region_for(&face, side, side, fill, 0.0, 0.0), side, side, 1.0);
        let label = format!("{side}x{side} photo, {face_px} px face");
        let tag = capture(&store, Some("small"), &jpeg(&small))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        let images = store.images(&tag).unwrap();
        let selfie = std::fs::read(images.selfie.as_ref().unwrap()).unwrap();
        let (w, h) = jpeg_size(&selfie);
        assert!(w.max(h) <= side, "{label}: selfie {w}x{h} upscaled past the photo");
        assert_eq!(faces_in_jpeg(&selfie), 1, "{label}: the selfie shows the face");
        assert_eq!(images.liveness.len(), 7, "{label}");
        for path in &images.liveness {
            let (lw, lh) = jpeg_size(&std::fs::read(path).unwrap());
            assert!(lw.max(lh) <= w.max(h).min(320), "{label}: liveness {lw}x{lh}");
        }
    }
}

#[test]
fn corrupt_and_truncated_files_are_rejected() {
    let (_dir, store) = store();
    let good = photo_bytes("grace_hopper.jpg");
    let (rgb, _) = photo("grace_hopper.jpg");
    let mut png = zune_png::PngEncoder::new(
        &rgb.data,
        zune_core::options::EncoderOptions::new(
            rgb.width as usize,
            rgb.height as usize,
            zune_core::colorspace::ColorSpace::RGB,
            zune_core::bit_depth::BitDepth::Eight,
        ),
    )
    .encode();
    // The PNG itself is fine.
    capture(&store, Some("png"), &png).unwrap();
    let mut corrupt_jpeg = good.clone();
    corrupt_jpeg[200..400].fill(0xFF);
    let png_len = png.len();
    let truncated_png = png[..png_len / 2].to_vec();
    png[png_len / 2..png_len / 2 + 64].fill(0);
    for (label, bytes) in [
        ("truncated JPEG", good[..good.len() / 2].to_vec()),
        ("corrupt JPEG", corrupt_jpeg),
        ("truncated PNG", truncated_png),
        ("corrupt PNG", png),
        ("not an image", b"GIF89a not supported".to_vec()),
        ("empty", Vec::new()),
    ] {
        match capture(&store, Some("t"), &bytes) {
            Err(Error::InvalidImage { field, .. }) => assert_eq!(field, "selfie", "{label}"),
            other => panic!("{label}: {other:?}"),
        }
    }
    assert!(!store.exists("t").unwrap());
}

#[test]
fn exif_orientation_of_phone_photos_is_applied() {
    let (_dir, store) = store();
    let (rgb, _) = photo("obama_2.jpg");
    // Stored turned a quarter to the left, with the EXIF tag saying "turn 90° clockwise".
    let (data, width, height) =
        Orientation::Rotate270.apply(&rgb.data, rgb.width as usize, rgb.height as usize, 3);
    let sideways = Rgb { data, width: width as u32, height: height as u32 };
    expect_invalid_image(capture(&store, Some("t"), &jpeg(&sideways)), "selfie", "no face");
    let exif = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0";
    let mut tagged = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut tagged, 90);
    encoder.add_exif_metadata(exif).unwrap();
    encoder
        .encode(&sideways.data, width as u16, height as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    capture(&store, Some("t"), &tagged).unwrap();
    let selfie = std::fs::read(store.images("t").unwrap().selfie.unwrap()).unwrap();
    let (w, h) = jpeg_size(&selfie);
    assert!(h > w, "upright portrait");
    assert_eq!(faces_in_jpeg(&selfie), 1);
}

#[test]
fn liveness_photos_are_checked_and_counted() {
    let (_dir, store) = store();
    let selfie = photo_bytes("obama_1.jpg");
    let frames: Vec<Vec<u8>> = ["obama_1.jpg", "obama_2.jpg", "obama_3.jpg"]
        .iter()
        .cycle()
        .take(7)
        .map(|n| photo_bytes(n))
        .collect();
    let tag =
        capture_from_files(&store, Some("live"), &selfie, &frames, &CaptureOptions::default())
            .unwrap();
    let images = store.images(&tag).unwrap();
    assert_eq!(images.liveness.len(), 7);
    for path in &images.liveness {
        assert_eq!(faces_in_jpeg(&std::fs::read(path).unwrap()), 1);
    }

    let err =
        capture_from_files(&store, Some("x"), &selfie, &frames[..3], &CaptureOptions::default())
            .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::InvalidInput { field, reason }
                if field == "liveness" && reason.contains("exactly 7")
        ),
        "{err}"
    );
    let mut with_coffee = frames.clone();
    with_coffee[3] = photo_bytes("no_face_coffee.jpg");
    expect_invalid_image(
        capture_from_files(&store, Some("x"), &selfie, &with_coffee, &CaptureOptions::default()),
        "liveness[3]",
        "no face",
    );
    let fewer = CaptureOptions { liveness_frames: 3, ..Default::default() };
    capture_from_files(&store, Some("x"), &selfie, &frames[..3], &fewer).unwrap();
    assert_eq!(store.images("x").unwrap().liveness.len(), 3);
}

#[test]
fn a_failed_capture_keeps_the_existing_tag_and_bad_tag_names_are_refused() {
    let (dir, store) = store();
    capture(&store, Some("mine"), &photo_bytes("grace_hopper.jpg")).unwrap();
    let before = store.images("mine").unwrap();
    let selfie_before = std::fs::read(before.selfie.as_ref().unwrap()).unwrap();
    expect_invalid_image(
        capture(&store, Some("mine"), &photo_bytes("no_face_coffee.jpg")),
        "selfie",
        "no face",
    );
    assert_eq!(store.images("mine").unwrap(), before);
    assert_eq!(std::fs::read(before.selfie.as_ref().unwrap()).unwrap(), selfie_before);
    assert_eq!(std::fs::read_dir(dir.path().join(".staging")).unwrap().count(), 0);

    for bad in ["../escape", "a/b", "", "dot.ted"] {
        let err = capture(&store, Some(bad), &photo_bytes("grace_hopper.jpg")).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "tag"),
            "{bad}: {err}"
        );
    }
    // A second capture under the same name replaces the tag whole.
    capture(&store, Some("mine"), &photo_bytes("obama_2.jpg")).unwrap();
    assert_ne!(
        std::fs::read(store.images("mine").unwrap().selfie.unwrap()).unwrap(),
        selfie_before
    );
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn id_cards_are_added_to_existing_tags() {
    let (_dir, store) = store();
    let tag = capture(&store, None, &photo_bytes("biden_1.jpg")).unwrap();
    // Any photo stands in for a card here; what matters is storage and re-encoding.
    let (rgb, _) = photo("no_face_coffee.jpg");
    let path =
        add_id_card(&store, &tag, ImageType::IdCardFront, &photo_bytes("no_face_coffee.jpg"))
            .unwrap();
    assert!(path.file_name().unwrap().to_str().unwrap().starts_with("si_document_front_"));
    assert_eq!(jpeg_size(&std::fs::read(&path).unwrap()), (rgb.width, rgb.height));
    add_id_card(&store, &tag, ImageType::IdCardBack, &photo_bytes("no_face_coffee.jpg")).unwrap();
    let images = store.images(&tag).unwrap();
    assert!(images.id_card_front.is_some() && images.id_card_back.is_some());

    assert!(matches!(
        add_id_card(&store, "missing", ImageType::IdCardFront, &photo_bytes("no_face_coffee.jpg")),
        Err(Error::TagNotFound(_))
    ));
    expect_invalid_image(
        add_id_card(&store, &tag, ImageType::IdCardBack, b"\xFF\xD8 not really"),
        "id_card",
        "JPEG",
    );
    assert!(
        add_id_card(&store, &tag, ImageType::Selfie, &photo_bytes("no_face_coffee.jpg")).is_err()
    );
}
