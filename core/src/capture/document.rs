//! Document photos (an ID card's front and back, a passport page) into a tag, for Document
//! Verification (job 6) and Enhanced Document Verification (job 11).
//!
//! A photo is refused, with the field (`front`, `back`) and the rule named, for what makes Smile
//! ID fail a document job:
//! - **unreadable**: not a JPEG or PNG, or corrupt (ResultCode 0001, "ID Card image unusable");
//! - **too small**: the longer side under [`DOCUMENT_MIN_LONG_SIDE`] px or the shorter under
//!   [`DOCUMENT_MIN_SHORT_SIDE`] px. Smile ID's Document Verification page (docs.usesmileid.com,
//!   "Image Specifications") sets 1500 px on the longer side of credit-card-sized IDs as the
//!   minimum (2200 px for passports, whose type a capture does not know); the shorter side is
//!   that 1500 px at ID-1's 85.60 × 53.98 mm proportions. The same page's 600 KB file-size floor
//!   is not checked: it stands for this resolution, and the byte count depends on the encoder.
//! - **too blurred**: the variance of the Laplacian of the grey image, scaled so its longer side
//!   is [`SHARPNESS_SIDE`] px, under [`DOCUMENT_MIN_SHARPNESS`]. Measured on the specimen card in
//!   `testdata/documents` (see its SOURCES.md for every figure): the flat card 1127 (its back
//!   2336), a phone-style photo of it 523, the same card blurred by a 4 px Gaussian 7. Printed text gives the
//!   Laplacian its strength; once text edges are smeared over several pixels it drops by an
//!   order of magnitude, and that text is what the service reads.
//! - **too dark**: mean grey level under [`DOCUMENT_MIN_BRIGHTNESS`] (of 255): the specimen
//!   photo is 116, the dark variant 22. The limit is the selfie capture's, below which a camera
//!   frame loses the detail the service needs.
//!
//! A document that passes is turned upright (EXIF orientation), re-encoded as JPEG at
//! [`DOCUMENT_JPEG_QUALITY`] at its own size (at most [`DOCUMENT_MAX_SIDE`] px), which drops its
//! metadata (location, device), and saved next to the tag's selfie.

use super::convert::{self, Source};
use super::encode;
use crate::error::{Error, Result};
use crate::imaging::{self, Gray, Orientation, Rgb};
use crate::tags::{TagImages, TagStore};

/// Smallest longer side of a document photo, px (Smile ID: card-sized IDs).
pub const DOCUMENT_MIN_LONG_SIDE: u32 = 1500;
/// Smallest shorter side, px: [`DOCUMENT_MIN_LONG_SIDE`] at ID-1's 85.60 × 53.98 mm.
pub const DOCUMENT_MIN_SHORT_SIDE: u32 = 945;
/// Longer side of the grey image the sharpness is measured on, so the measure does not grow or
/// shrink with the photo's resolution.
pub const SHARPNESS_SIDE: u32 = 1024;
/// Smallest variance of the Laplacian at [`SHARPNESS_SIDE`] px.
pub const DOCUMENT_MIN_SHARPNESS: f64 = 100.0;
/// Smallest mean grey level, 0-255.
pub const DOCUMENT_MIN_BRIGHTNESS: f64 = 40.0;
/// JPEG quality of saved document images: higher than the selfie's 80, as the service reads
/// small print and security features off them.
pub const DOCUMENT_JPEG_QUALITY: u8 = 92;
/// Largest side a document image is saved at (Smile ID accepts up to 10 MB a file).
pub const DOCUMENT_MAX_SIDE: u32 = 4096;

/// What the checks measured on a document photo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocumentQuality {
    /// Upright size in px.
    pub width: u32,
    pub height: u32,
    /// Mean grey level, 0-255.
    pub brightness: f64,
    /// Variance of the Laplacian at [`SHARPNESS_SIDE`] px.
    pub sharpness: f64,
}

/// A document photo that passed the checks, decoded and upright.
#[derive(Debug, Clone)]
pub struct CheckedDocument {
    rgb: Rgb,
    pub quality: DocumentQuality,
}

impl CheckedDocument {
    fn jpeg(&self) -> Result<Vec<u8>> {
        let side = self.rgb.width.max(self.rgb.height).min(DOCUMENT_MAX_SIDE);
        let source = Source::rgb(&self.rgb);
        encode::jpeg_at(source, None, side, Orientation::Upright, DOCUMENT_JPEG_QUALITY)
    }
}

/// Measures a document photo without judging it. `field` names it in decoding errors.
pub fn measure_document(bytes: &[u8], field: &str) -> Result<DocumentQuality> {
    Ok(decode(bytes, field)?.1)
}

fn decode(bytes: &[u8], field: &str) -> Result<(Rgb, DocumentQuality)> {
    let rgb = imaging::decode_rgb(bytes, field)?;
    let gray = rgb.to_gray();
    let brightness = convert::brightness(&gray) as f64;
    let quality =
        DocumentQuality { width: rgb.width, height: rgb.height, brightness, sharpness: 0.0 };
    if rgb.width.max(rgb.height) < DOCUMENT_MIN_LONG_SIDE {
        // Too small already; the sharpness of an upscaled image means nothing.
        return Ok((rgb, quality));
    }
    let sharpness = laplacian_variance(&scaled(&gray)?);
    Ok((rgb, DocumentQuality { sharpness, ..quality }))
}

/// `gray` scaled so its longer side is [`SHARPNESS_SIDE`].
fn scaled(gray: &Gray) -> Result<Gray> {
    let scale = SHARPNESS_SIDE as f64 / gray.width.max(gray.height) as f64;
    let width = ((gray.width as f64 * scale).round() as u32).max(3);
    let height = ((gray.height as f64 * scale).round() as u32).max(3);
    gray.resized(width, height).map_err(|e| Error::InvalidImage {
        field: "image".into(),
        reason: format!("cannot be resized ({e})"),
    })
}

/// Variance of the 4-neighbour Laplacian over the image's inner pixels.
fn laplacian_variance(gray: &Gray) -> f64 {
    let (w, h) = (gray.width as usize, gray.height as usize);
    let px = |x: usize, y: usize| gray.data[y * w + x] as f64;
    let (mut sum, mut sum_sq) = (0.0, 0.0);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let l = px(x - 1, y) + px(x + 1, y) + px(x, y - 1) + px(x, y + 1) - 4.0 * px(x, y);
            sum += l;
            sum_sq += l * l;
        }
    }
    let n = ((w - 2) * (h - 2)) as f64;
    sum_sq / n - (sum / n).powi(2)
}

/// Decodes a document photo and applies the checks above. `field` (`front`, `back`) names it in
/// errors, which say which rule failed, the measured value and the fix.
pub fn check_document(bytes: &[u8], field: &str) -> Result<CheckedDocument> {
    let (rgb, quality) = decode(bytes, field)?;
    let refuse = |reason: String| Err(Error::InvalidImage { field: field.into(), reason });
    let (long, short) = (quality.width.max(quality.height), quality.width.min(quality.height));
    if long < DOCUMENT_MIN_LONG_SIDE || short < DOCUMENT_MIN_SHORT_SIDE {
        return refuse(format!(
            "too small: {}x{} px; Smile ID needs at least {DOCUMENT_MIN_LONG_SIDE} px on the \
             longer side of an ID card ({DOCUMENT_MIN_LONG_SIDE}x{DOCUMENT_MIN_SHORT_SIDE}); \
             photograph the document closer or at a higher resolution",
            quality.width, quality.height
        ));
    }
    if quality.brightness < DOCUMENT_MIN_BRIGHTNESS {
        return refuse(format!(
            "too dark: mean brightness {:.0} of 255, at least {DOCUMENT_MIN_BRIGHTNESS:.0} \
             needed; photograph the document in better light",
            quality.brightness
        ));
    }
    if quality.sharpness < DOCUMENT_MIN_SHARPNESS {
        return refuse(format!(
            "too blurred: sharpness (variance of the Laplacian) {:.0}, at least \
             {DOCUMENT_MIN_SHARPNESS:.0} needed; hold the camera still and let it focus on the \
             document",
            quality.sharpness
        ));
    }
    Ok(CheckedDocument { rgb, quality })
}

/// Adds a document's front and optional back to an existing tag (one with a selfie, from
/// [`super::capture_from_files`] or a camera capture), replacing any document it held. Both
/// photos are checked before anything is written; on any error the tag is unchanged.
pub fn capture_document_from_files(
    store: &TagStore,
    tag: &str,
    front: &[u8],
    back: Option<&[u8]>,
) -> Result<TagImages> {
    store.images(tag)?;
    let front = check_document(front, "front")?;
    let back = back.map(|b| check_document(b, "back")).transpose()?;
    save_document(store, tag, &front, back.as_ref())
}

/// Saves documents already checked with [`check_document`] into an existing tag.
pub fn save_document(
    store: &TagStore,
    tag: &str,
    front: &CheckedDocument,
    back: Option<&CheckedDocument>,
) -> Result<TagImages> {
    let back = back.map(CheckedDocument::jpeg).transpose()?;
    store.put_document(tag, &front.jpeg()?, back.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(width: u32, height: u32, f: impl Fn(u32, u32) -> u8) -> Gray {
        let data = (0..height).flat_map(|y| (0..width).map(move |x| (x, y))).map(|(x, y)| f(x, y));
        Gray { data: data.collect(), width, height }
    }

    #[test]
    fn laplacian_variance_is_zero_on_flat_and_high_on_edges() {
        assert_eq!(laplacian_variance(&gray(10, 10, |_, _| 90)), 0.0);
        let stripes = laplacian_variance(&gray(10, 10, |x, _| if x % 2 == 0 { 0 } else { 255 }));
        assert!(stripes > 10_000.0, "{stripes}");
    }
}
