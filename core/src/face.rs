//! Face detection with the SeetaFace cascade (rustface), on a downscaled grey image.
//!
//! Working size: longer side 320 px, score threshold 2.0, smallest face = shorter side / 8. At
//! that size every shared test photo gives its exact face count; at 160 px faces under ~25 px are
//! missed, and faces below an eighth of the frame are too small for capture anyway.

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::face_model::{self, Expander};
use crate::imaging::Gray;

/// Longer side of the image the detector runs on.
pub const DETECT_SIDE: u32 = 320;
const SCORE_THRESHOLD: f64 = 2.0;
const MIN_FACE_DIVISOR: u32 = 8;
/// The cascade cannot find faces smaller than its 20 px window.
const MIN_FACE_FLOOR: u32 = 20;

/// The SeetaFace model in the compact form `build.rs` makes (see [`crate::face_model`]).
static COMPACT_MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/face_model.deflate"));

/// A face found in an image, in that image's pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// Detector confidence (higher is surer; 2.0 is the acceptance threshold).
    pub score: f64,
}

impl FaceBox {
    /// Centre of the box.
    pub fn center(&self) -> (f32, f32) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
}

fn model() -> &'static rustface::Model {
    static MODEL: OnceLock<rustface::Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        rustface::read_model(&expanded_model()[..]).expect("bundled model is valid")
    })
}

/// The embedded model in the layout `rustface` reads.
fn expanded_model() -> Vec<u8> {
    let mut expander = Expander {
        src: flate2::read::DeflateDecoder::new(COMPACT_MODEL),
        out: Vec::with_capacity(1 << 21),
    };
    face_model::walk(&mut expander).expect("bundled model is valid");
    expander.out
}

/// A detector over `model` with this module's settings (the smallest face is set per call).
fn detector(model: rustface::Model) -> Box<dyn rustface::Detector> {
    let mut d = rustface::create_detector_with_model(model);
    d.set_score_thresh(SCORE_THRESHOLD);
    d.set_pyramid_scale_factor(0.8);
    d.set_slide_window_step(4, 4);
    d
}

thread_local! {
    // The detector is not Send; one per thread avoids re-reading the model on every frame.
    static DETECTOR: RefCell<Option<Box<dyn rustface::Detector>>> = const { RefCell::new(None) };
}

/// Finds faces in a grey image of any size; boxes come back in its coordinates, best first.
pub fn detect(image: &Gray) -> Vec<FaceBox> {
    if image.width == 0 || image.height == 0 {
        return Vec::new();
    }
    let longer = image.width.max(image.height);
    let scale = if longer > DETECT_SIDE { DETECT_SIDE as f32 / longer as f32 } else { 1.0 };
    let small;
    let work = if scale < 1.0 {
        small = downscale(image, scale);
        &small
    } else {
        image
    };
    let faces = detect_unscaled(work, work.width.min(work.height) / MIN_FACE_DIVISOR);
    faces
        .into_iter()
        .map(|f| FaceBox {
            x: f.x / scale,
            y: f.y / scale,
            width: f.width / scale,
            height: f.height / scale,
            score: f.score,
        })
        .collect()
}

/// Finds faces in `image` exactly as given (no resizing), down to `min_face` px wide (never below
/// the cascade's 20 px window), best first. Callers that already hold a small image (camera
/// preview analysis) pick its size themselves.
pub fn detect_unscaled(image: &Gray, min_face: u32) -> Vec<FaceBox> {
    if image.width < MIN_FACE_FLOOR || image.height < MIN_FACE_FLOOR {
        return Vec::new();
    }
    let mut faces = DETECTOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let detector = slot.get_or_insert_with(|| detector(model().clone()));
        detector.set_min_face_size(min_face.max(MIN_FACE_FLOOR));
        detector.detect(&rustface::ImageData::new(&image.data, image.width, image.height))
    });
    faces.sort_by(|a, b| b.score().total_cmp(&a.score()));
    faces
        .iter()
        .map(|f| {
            let b = f.bbox();
            FaceBox {
                x: b.x() as f32,
                y: b.y() as f32,
                width: b.width() as f32,
                height: b.height() as f32,
                score: f.score(),
            }
        })
        .collect()
}

fn downscale(image: &Gray, scale: f32) -> Gray {
    let width = ((image.width as f32 * scale).round() as u32).max(1);
    let height = ((image.height as f32 * scale).round() as u32).max(1);
    image.resized(width, height).expect("buffer matches its dimensions")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging;

    /// One detection: (x, y, width, height, score).
    type Detection = (i32, i32, u32, u32, f64);

    /// Faces found with `model` in every test photo at several sizes.
    fn detections(model: &rustface::Model) -> Vec<Vec<Detection>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/faces");
        let mut photos: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
            .collect();
        photos.sort();
        assert!(photos.len() >= 5, "the shared face photos are in testdata/faces");
        let mut all = Vec::new();
        for photo in photos {
            let gray = imaging::decode_gray(&std::fs::read(&photo).unwrap(), "photo").unwrap();
            for side in [160, 240, 320, 480, 640] {
                let small = downscale(&gray, side as f32 / gray.width.max(gray.height) as f32);
                let mut detector = detector(model.clone());
                detector.set_min_face_size(MIN_FACE_FLOOR);
                let mut faces: Vec<_> = detector
                    .detect(&rustface::ImageData::new(&small.data, small.width, small.height))
                    .iter()
                    .map(|f| {
                        (f.bbox().x(), f.bbox().y(), f.bbox().width(), f.bbox().height(), f.score())
                    })
                    .collect();
                faces.sort_by(|a, b| b.4.total_cmp(&a.4));
                all.push(faces);
            }
        }
        all
    }

    #[test]
    fn compact_model_finds_the_faces_the_original_finds() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/seeta_fd_frontal_v1.0.bin");
        let original = std::fs::read(path).unwrap();
        assert!(
            COMPACT_MODEL.len() * 2 < original.len(),
            "compact model is {} bytes",
            COMPACT_MODEL.len()
        );
        let (expected, actual) =
            (detections(&rustface::read_model(&original[..]).unwrap()), detections(model()));
        assert!(
            expected.iter().map(Vec::len).sum::<usize>() >= 20,
            "the photos give enough faces to compare"
        );
        for (e, a) in expected.iter().zip(&actual) {
            assert_eq!(e.len(), a.len(), "face count: original {e:?}, compact {a:?}");
            for (e, a) in e.iter().zip(a) {
                let moved = (e.0 - a.0)
                    .abs()
                    .max((e.1 - a.1).abs())
                    .max(e.2.abs_diff(a.2) as i32)
                    .max(e.3.abs_diff(a.3) as i32);
                assert!(moved <= 2, "box moved {moved} px: original {e:?}, compact {a:?}");
                // Scores sum cascade stages, and a stage can tip either way on a weight's last bit;
                // 16-bit weights stay within 3.3 % on these photos, 12-bit ones drift 17 %.
                assert!((e.4 - a.4).abs() <= 0.05 * e.4, "score: original {e:?}, compact {a:?}");
            }
        }
    }
}
