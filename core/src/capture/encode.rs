//! Captured images out: resize (and crop), turn upright, encode as JPEG.

use jpeg_encoder::{rgb_to_ycbcr, Encoder, ImageBuffer, JpegColorType};

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
    let mut out = Vec::with_capacity(width * height / 4);
    // Sides are at most a few thousand px here, well inside JPEG's 65535 limit.
    let rows =
        Rows { data: &pixels, width: width as u16, height: height as u16, channels: src.channels };
    Encoder::new(&mut out, quality).encode_image(rows).map_err(|e| Error::InvalidImage {
        field: "image".into(),
        reason: format!("JPEG encoding failed ({e})"),
    })?;
    Ok(out)
}

/// Tightly packed rows in any of the capture's layouts, as the JPEG encoder's input. One type for
/// all four: the encoder is compiled once per input type (twice on x86_64, with and without
/// AVX2), and `Encoder::encode` would bring its nine colour types: 70 KB more library.
struct Rows<'a> {
    data: &'a [u8],
    width: u16,
    height: u16,
    channels: Channels,
}

impl ImageBuffer for Rows<'_> {
    fn get_jpeg_color_type(&self) -> JpegColorType {
        match self.channels {
            Channels::Gray => JpegColorType::Luma,
            _ => JpegColorType::Ycbcr,
        }
    }

    fn width(&self) -> u16 {
        self.width
    }

    fn height(&self) -> u16 {
        self.height
    }

    fn fill_buffers(&self, y: u16, buffers: &mut [Vec<u8>; 4]) {
        let row_len = self.width as usize * self.channels.bytes();
        let row = &self.data[y as usize * row_len..][..row_len];
        match self.channels {
            Channels::Gray => buffers[0].extend_from_slice(row),
            Channels::Rgb => to_ycbcr::<0, 2, 3>(row, buffers),
            Channels::Rgba => to_ycbcr::<0, 2, 4>(row, buffers),
            Channels::Bgra => to_ycbcr::<2, 0, 4>(row, buffers),
        }
    }
}

/// Appends a row of `N`-byte pixels (red at byte `R`, green at 1, blue at `B`) to the Y, Cb and
/// Cr buffers, with the encoder's own conversion. Writing into slices sized up front, not pushing
/// byte by byte, keeps it within 8 % of the encoder's AVX2 conversion on x86_64 (which only its
/// built-in pixel types get); phones run the same plain conversion either way.
fn to_ycbcr<const R: usize, const B: usize, const N: usize>(
    row: &[u8],
    buffers: &mut [Vec<u8>; 4],
) {
    let [luma, cb, cr, _] = buffers;
    let pixels = row.chunks_exact(N);
    let [luma, cb, cr] = [luma, cb, cr].map(|buffer| {
        let start = buffer.len();
        buffer.resize(start + pixels.len(), 0);
        &mut buffer[start..]
    });
    for (((pixel, luma), cb), cr) in pixels.zip(luma).zip(cb).zip(cr) {
        (*luma, *cb, *cr) = rgb_to_ycbcr(pixel[R], pixel[1], pixel[B]);
    }
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
