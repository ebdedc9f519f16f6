//! Face detection on the real test photographs in `testdata/faces`.

use smileid_core::vision::{face, imaging};

fn faces_in(name: &str) -> Vec<face::FaceBox> {
    let path = format!("{}/../testdata/faces/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    face::detect(&imaging::decode_gray(&bytes, "photo").unwrap())
}

#[test]
fn exact_face_counts_on_every_photo() {
    for (name, expected) in [
        ("obama_1.jpg", 1),
        ("obama_2.jpg", 1),
        ("obama_3.jpg", 1),
        ("biden_1.jpg", 1),
        ("grace_hopper.jpg", 1),
        ("two_faces_composite_obama_biden.jpg", 2),
        ("no_face_coffee.jpg", 0),
    ] {
        assert_eq!(faces_in(name).len(), expected, "{name}");
    }
}

#[test]
fn boxes_land_on_the_known_faces() {
    // Reference boxes (x, y, w, h) from testdata/faces/SOURCES.md.
    for (name, (rx, ry, rw, rh)) in [
        ("obama_1.jpg", (312.0, 85.0, 272.0, 272.0)),
        ("grace_hopper.jpg", (146.0, 99.0, 235.0, 235.0)),
    ] {
        let f = faces_in(name)[0];
        let (cx, cy) = f.center();
        assert!(
            (cx - (rx + rw / 2.0)).abs() < rw * 0.25 && (cy - (ry + rh / 2.0)).abs() < rh * 0.25,
            "{name}: {f:?}"
        );
    }
}

#[test]
fn corrupt_images_are_typed_errors() {
    let bytes =
        std::fs::read(format!("{}/../testdata/faces/obama_1.jpg", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    for (label, input) in [
        ("truncated", &bytes[..bytes.len() / 3]),
        ("garbage", &b"hello world"[..]),
        ("empty", &[][..]),
    ] {
        match imaging::decode_gray(input, "selfie") {
            Err(smileid_core::Error::InvalidImage { field, .. }) => {
                assert_eq!(field, "selfie", "{label}")
            }
            other => panic!("{label}: {other:?}"),
        }
    }
}
