//! Captured images out: resize (and crop), turn upright, encode as JPEG.

use jpeg_encoder::{ColorType, Encoder};

use super::convert::{self, Channels, Rect, Source};
use super::frame::{Frame, Pixels, ValidFrame};
use super::JPEG_QUALITY;
use crate::error::{Error, Result};
use crate::imaging::Orientation;

/// Encodes `crop` of `src` (all of it when `None`) as a JPEG whose longer side is `longer_side`,
/// turned upright by `orientation`, at the capture quality [`JPEG_QUALITY`].
pub(crate) fn jpeg(
    src: Source<'_>,
    crop: Option<Rect>,
    longer_side: u32,
    orientation: Orientation,
) -> Result<Vec<u8>> {
    jpeg_at(src, crop, longer_side, orientation, JPEG_QUALITY)
}

/// [`jpeg`] at another quality (1-100).
pub(crate) fn jpeg_at(
    src: Source<'_>,
    crop: Option<Rect>,
    longer_side: u32,
    orientation: Orientation,
    quality: u8,
) -> Result<Vec<u8>> {
    let region =
        crop.unwrap_or(Rect { x: 0.0, y: 0.0, width: src.width as f64, height: src.height as f64 });
    let scale = longer_side as f64 / region.width.max(region.height);
    let width = ((region.width * scale).round() as u32).max(1);
    let height = ((region.height * scale).round() as u32).max(1);
    let pixels = convert::resize(src, crop, width, height)?;
    let (pixels, width, height) = if orientation == Orientation::Upright {
        (pixels, width as usize, height as usize)
    } else {
        orientation.apply(&pixels, width as usize, height as usize, src.channels.bytes())
    };
    let color = match src.channels {
        Channels::Gray => ColorType::Luma,
        Channels::Rgb => ColorType::Rgb,
        Channels::Rgba => ColorType::Rgba,
        Channels::Bgra => ColorType::Bgra,
    };
    let mut out = Vec::with_capacity(width * height / 4);
    // Sides are at most a few thousand px here, well inside JPEG's 65535 limit.
    Encoder::new(&mut out, quality).encode(&pixels, width as u16, height as u16, color).map_err(
        |e| Error::InvalidImage {
            field: "image".into(),
            reason: format!("JPEG encoding failed ({e})"),
        },
    )?;
    Ok(out)
}

/// Encodes a whole camera frame, upright, with the given longer side.
pub(crate) fn frame_jpeg(frame: &ValidFrame<'_>, longer_side: u32) -> Result<Vec<u8>> {
    let Pixels::Yuv { y, u, v } = frame.pixels else {
        return jpeg(convert::direct_source(frame), None, longer_side, frame.orientation);
    };
    let rgba = convert::yuv_to_rgba(y, u, v, frame.width, frame.height)?;
    let src = Source {
        data: &rgba,
        width: frame.width,
        height: frame.height,
        row_stride: frame.width as usize * 4,
        channels: Channels::Rgba,
    };
    jpeg(src, None, longer_side, frame.orientation)
}

/// Encodes a camera frame as an upright JPEG (quality 80) whose longer side is `longer_side`
/// (16-4096 px): for ID card capture from the camera (then [`super::add_id_card`]) and for
/// measuring the capture pipeline.
pub fn frame_to_jpeg(frame: &Frame<'_>, longer_side: u32) -> Result<Vec<u8>> {
    if !(16..=4096).contains(&longer_side) {
        return Err(Error::invalid("longer_side", "use 16-4096 px"));
    }
    frame_jpeg(&frame.validate()?, longer_side)
}
