//! Face detection with the SeetaFace cascade (rustface), on a downscaled grey image.
//!
//! Working size: longer side 320 px, score threshold 2.0, smallest face = shorter side / 8. At
//! that size every shared test photo gives its exact face count; at 160 px faces under ~25 px are
//! missed, and faces below an eighth of the frame are too small for capture anyway.

use std::cell::RefCell;
use std::sync::OnceLock;

use fast_image_resize::{images::{Image, ImageRef}, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::imaging::Gray;

/// Longer side of the image the detector runs on.
pub const DETECT_SIDE: u32 = 320;
const SCORE_THRESHOLD: f64 = 2.0;
const MIN_FACE_DIVISOR: u32 = 8;
/// The cascade cannot find faces smaller than its 20 px window.
const MIN_FACE_FLOOR: u32 = 20;

static MODEL_BYTES: &[u8] = include_bytes!("../assets/seeta_fd_frontal_v1.0.bin");

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
    MODEL.get_or_init(|| rustface::read_model(MODEL_BYTES).expect("bundled model is valid"))
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
        .map(|f| FaceBox { x: f.x / scale, y: f.y / scale, width: f.width / scale, height: f.height / scale, score: f.score })
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
        let detector = slot.get_or_insert_with(|| {
            let mut d = rustface::create_detector_with_model(model().clone());
            d.set_score_thresh(SCORE_THRESHOLD);
            d.set_pyramid_scale_factor(0.8);
            d.set_slide_window_step(4, 4);
            d
        });
        detector.set_min_face_size(min_face.max(MIN_FACE_FLOOR));
        detector.detect(&rustface::ImageData::new(&image.data, image.width, image.height))
    });
    faces.sort_by(|a, b| b.score().total_cmp(&a.score()));
    faces
        .iter()
        .map(|f| {
            let b = f.bbox();
            FaceBox { x: b.x() as f32, y: b.y() as f32, width: b.width() as f32, height: b.height() as f32, score: f.score() }
        })
        .collect()
}

fn downscale(image: &Gray, scale: f32) -> Gray {
    let width = ((image.width as f32 * scale).round() as u32).max(1);
    let height = ((image.height as f32 * scale).round() as u32).max(1);
    let src = ImageRef::new(image.width, image.height, &image.data, PixelType::U8)
        .expect("buffer matches its dimensions");
    let mut dst = Image::new(width, height, PixelType::U8);
    Resizer::new()
        .resize(&src, &mut dst, &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear)))
        .expect("same pixel type");
    Gray { data: dst.into_vec(), width, height }
}
