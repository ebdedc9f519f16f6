//! Capture from photos (gallery, CLI, tests) and ID card images.
//!
//! A photo is refused only for what makes Smile ID fail the job, and the message names the rule:
//! - it cannot be decoded (ResultCode 0001, "Selfie image unusable");
//! - no face is found (0911/0921/0941, "No Face Found"), or more than one (one face per selfie);
//! - the face is cut off by the photo's edge, or the photo is too dark to show it (the camera
//!   capture's checks, which guard against the same failures). Framing is not checked: a face
//!   close up or far off is cropped or kept as it is.
//!
//! Size is not a reason. Neither Smile ID's documentation nor its server libraries set a
//! smallest photo or face (the official Node and Python libraries upload any photo as given);
//! the sizes the mobile SDKs use, 640 px for the selfie and 320 px for liveness images (Android
//! `SELFIE_IMAGE_SIZE`, `LIVENESS_IMAGE_SIZE`), are what they send, so they are upper bounds
//! here: a smaller photo is sent at the size it holds, never upscaled. The smallest face is the
//! detector's (see [`crate::face`]: an eighth of the shorter side of the detection image, which
//! is the photo scaled to 320 px, and at least 20 px). A face below the face-fill band (15-30 %
//! of the frame, Android `MIN_FACE_AREA_THRESHOLD`/`MAX_FACE_AREA_THRESHOLD`) is not refused
//! either: the photo is cropped around it, as if the user had moved closer.

use std::path::PathBuf;

use super::convert::{place, Rect, Source};
use super::guidance::{self, Guidance, Scene};
use super::{encode, CaptureOptions, LIVENESS_SIDE, SELFIE_SIDE};
use crate::error::{Error, Result};
use crate::face::{self, FaceBox};
use crate::imaging::{self, Gray, Orientation, Rgb};
use crate::models::ImageType;
use crate::tags::TagStore;

/// Where in the face-fill band a photo with a small face is cropped to: a quarter of the way up,
/// which keeps as much of the photo as the band allows while staying clear of its lower edge.
const CROP_FILL_POSITION: f32 = 0.25;

/// A decoded photo that passed the capture checks, with the region that becomes the image.
struct Photo {
    rgb: Rgb,
    crop: Rect,
}

impl Photo {
    /// Decodes a photo and runs the checks above on it. A face smaller than the face-fill band
    /// is handled as the user moving closer would be: the photo is cropped around the face (3:4,
    /// or 4:3 for landscape photos) to a fill inside the band.
    fn check(bytes: &[u8], field: &str, options: &CaptureOptions) -> Result<Photo> {
        let rgb = imaging::decode_rgb(bytes, field)?;
        let reject = |reason: String| Error::InvalidImage { field: field.to_string(), reason };
        let gray = rgb.to_gray();
        let faces = face::detect(&gray);
        let crop = faces.first().map_or_else(|| whole(&rgb), |f| crop_for(f, &rgb, options));
        let local: Vec<FaceBox> = faces
            .iter()
            .map(|f| FaceBox { x: f.x - crop.x as f32, y: f.y - crop.y as f32, ..*f })
            .collect();
        let scene = Scene {
            width: crop.width as f32,
            height: crop.height as f32,
            brightness: mean_in(&gray, &crop),
            faces: &local,
            head_pose: None,
        };
        match guidance::assess(&scene, options, false) {
            Ok(_) => {}
            // Unlike a user, a photo cannot move, and the service judges the face, not the
            // framing: a face off-centre because the photo ends close to it, still small once
            // the crop reaches the photo's edges, or close up, is fine while it is whole.
            Err(Guidance::CenterFace | Guidance::MoveCloser | Guidance::MoveBack)
                if inside(&local[0], &crop) => {}
            Err(advice) => return Err(reject(problem(&advice, &faces, &scene))),
        }
        Ok(Photo { rgb, crop })
    }

    fn source(&self) -> Source<'_> {
        Source::rgb(&self.rgb)
    }

    /// `crop` as a JPEG whose longer side is `longer_side`, or the crop's own when that is
    /// smaller: a small photo is never upscaled.
    fn jpeg(&self, crop: Rect, longer_side: u32) -> Result<Vec<u8>> {
        let held = (crop.width.max(crop.height).floor() as u32).max(1);
        encode::jpeg(self.source(), Some(crop), longer_side.min(held), Orientation::Upright)
    }

    /// The `index`-th of `count` liveness crops derived from the selfie photo: the selfie crop
    /// slightly shifted (2 %) and zoomed (up to 3 %), like successive frames from a hand-held
    /// phone, kept inside the photo.
    fn liveness_crop(&self, index: u32, count: u32) -> Rect {
        let angle = index as f64 * std::f64::consts::TAU / count as f64;
        let zoom = 1.0 - 0.015 * (index % 3) as f64;
        let (width, height) = (self.crop.width * zoom, self.crop.height * zoom);
        let cx = self.crop.x + self.crop.width / 2.0 + 0.02 * self.crop.width * angle.cos();
        let cy = self.crop.y + self.crop.height / 2.0 + 0.02 * self.crop.height * angle.sin();
        Rect {
            x: place(cx, width, self.rgb.width as f64),
            y: place(cy, height, self.rgb.height as f64),
            width,
            height,
        }
    }
}

/// Whether a face box (in crop coordinates) lies wholly inside the crop.
fn inside(face: &FaceBox, crop: &Rect) -> bool {
    face.x >= 0.0
        && face.y >= 0.0
        && (face.x + face.width) as f64 <= crop.width
        && (face.y + face.height) as f64 <= crop.height
}

fn whole(rgb: &Rgb) -> Rect {
    Rect { x: 0.0, y: 0.0, width: rgb.width as f64, height: rgb.height as f64 }
}

/// The whole photo if the face already fills enough of it, else a crop centred on the face
/// (as far as the photo's edges allow) with the face at [`CROP_FILL_POSITION`] of the band.
fn crop_for(face: &FaceBox, rgb: &Rgb, options: &CaptureOptions) -> Rect {
    let (w, h) = (rgb.width as f64, rgb.height as f64);
    if guidance::face_fill(face, w as f32, h as f32) >= options.face_fill_min {
        return whole(rgb);
    }
    let fill = options.face_fill_min
        + CROP_FILL_POSITION * (options.face_fill_max - options.face_fill_min);
    let area = (face.width * face.height / fill) as f64;
    let aspect = if h >= w { 0.75 } else { 4.0 / 3.0 };
    let (cw, ch) = ((area * aspect).sqrt(), (area / aspect).sqrt());
    let shrink = (w / cw).min(h / ch).min(1.0);
    let (cw, ch) = (cw * shrink, ch * shrink);
    let (cx, cy) = face.center();
    Rect { x: place(cx as f64, cw, w), y: place(cy as f64, ch, h), width: cw, height: ch }
}

/// Mean grey level inside `rect`.
fn mean_in(gray: &Gray, rect: &Rect) -> f32 {
    let (x0, y0) = (rect.x as usize, rect.y as usize);
    let (x1, y1) = (
        ((rect.x + rect.width) as usize).min(gray.width as usize),
        ((rect.y + rect.height) as usize).min(gray.height as usize),
    );
    let rows = gray.data.chunks_exact(gray.width as usize).take(y1).skip(y0);
    let sum: u64 = rows.map(|row| row[x0..x1].iter().map(|&v| v as u64).sum::<u64>()).sum();
    sum as f32 / ((x1 - x0) * (y1 - y0)).max(1) as f32
}

/// Says why a photo fails a check and how to fix it.
fn problem(advice: &Guidance, faces: &[FaceBox], scene: &Scene<'_>) -> String {
    match advice {
        Guidance::TooDark => format!(
            "photo is too dark (mean brightness {:.0} of 255); use a brighter photo",
            scene.brightness
        ),
        Guidance::NoFace => "no face found (Smile ID fails such a job: ResultCode \
                             0911/0921/0941 \"No Face Found\"); use a photo showing one face, \
                             frontal and well lit"
            .into(),
        Guidance::MultipleFaces => format!(
            "{} faces found (Smile ID needs exactly one face in the selfie); use a photo showing \
             only the user's face",
            faces.len()
        ),
        Guidance::CenterFace => {
            "the face is cut off by the edge of the photo; use a photo showing the whole face"
                .into()
        }
        other => format!("photo not usable ({other:?})"),
    }
}

/// Makes a tag from photos, with the same checks and outputs as a camera capture.
///
/// `selfie` is a JPEG or PNG with exactly one face (EXIF orientation is applied). `liveness` is
/// either empty, and then `options.liveness_frames` liveness images are derived from the selfie
/// photo (slightly shifted crops), or exactly `options.liveness_frames` photos that each pass
/// the same checks. Returns the tag (`tag`, or a generated name); on any error nothing is saved
/// and an existing tag of that name is untouched.
pub fn capture_from_files(
    store: &TagStore,
    tag: Option<&str>,
    selfie: &[u8],
    liveness: &[Vec<u8>],
    options: &CaptureOptions,
) -> Result<String> {
    options.validate()?;
    let count = options.liveness_frames;
    if !liveness.is_empty() && liveness.len() != count as usize {
        return Err(Error::invalid(
            "liveness",
            format!(
                "got {} liveness photos; give exactly {count}, or none to derive them from the \
                 selfie",
                liveness.len()
            ),
        ));
    }
    let mut writer = store.writer(tag)?;
    let photo = Photo::check(selfie, "selfie", options)?;
    if liveness.is_empty() {
        for index in 0..count {
            let jpeg = photo.jpeg(photo.liveness_crop(index, count), LIVENESS_SIDE)?;
            writer.add(ImageType::Liveness, &jpeg)?;
        }
    } else {
        for (index, bytes) in liveness.iter().enumerate() {
            let frame = Photo::check(bytes, &format!("liveness[{index}]"), options)?;
            writer.add(ImageType::Liveness, &frame.jpeg(frame.crop, LIVENESS_SIDE)?)?;
        }
    }
    // The selfie goes last, as in a camera capture.
    writer.add(ImageType::Selfie, &photo.jpeg(photo.crop, SELFIE_SIDE)?)?;
    writer.commit("files")
}

/// Adds (or replaces) an ID card image, front or back, in an existing tag (for JT1). The photo
/// (JPEG or PNG) is turned upright and re-encoded as JPEG, which also drops its metadata.
pub fn add_id_card(store: &TagStore, tag: &str, side: ImageType, image: &[u8]) -> Result<PathBuf> {
    let rgb = imaging::decode_rgb(image, "id_card")?;
    let jpeg =
        encode::jpeg(Source::rgb(&rgb), None, rgb.width.max(rgb.height), Orientation::Upright)?;
    store.put_id_card(tag, side, &jpeg)
}
