//! Pixel conversions on the capture path: resizing straight from strided camera buffers (no copy),
//! YUV to RGB, and the small upright grey image the face detector runs on.

use std::borrow::Cow;

use yuvutils_rs::{YuvPlanarImage, YuvRange, YuvStandardMatrix};

use super::frame::{Pixels, PlaneView, ValidFrame};
use crate::error::{Error, Result};
use crate::imaging::{self, luma, Gray, Orientation, PixelRows, Rgb};

/// Face side, in analysis pixels, of a face at half the minimum face fill. SeetaFace found every
/// shared photo's face at 44 px and above but missed some at 38 px, so the analysis image is made
/// just large enough for "move closer" faces to be seen, and no larger (detection time grows
/// with the pixel count).
const ANALYSIS_FACE_PX: f32 = 48.0;

/// Which byte is which colour in a packed source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Channels {
    Gray,
    Rgb,
    Rgba,
    Bgra,
}

impl Channels {
    pub fn bytes(self) -> usize {
        match self {
            Channels::Gray => 1,
            Channels::Rgb => 3,
            Channels::Rgba | Channels::Bgra => 4,
        }
    }
}

/// Packed pixels with a row stride, borrowed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source<'a> {
    pub data: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub row_stride: usize,
    pub channels: Channels,
}

impl<'a> Source<'a> {
    /// A decoded photo.
    pub fn rgb(image: &'a Rgb) -> Self {
        Source {
            data: &image.data,
            width: image.width,
            height: image.height,
            row_stride: image.width as usize * 3,
            channels: Channels::Rgb,
        }
    }
}

/// A source region in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// The part of this region inside a `width`×`height` image (at least one pixel), so that
    /// rounding in crop arithmetic can never push a crop past the image's edge.
    fn inside(self, width: u32, height: u32) -> Rect {
        let (w, h) = (width as f64, height as f64);
        let x = self.x.clamp(0.0, w - 1.0);
        let y = self.y.clamp(0.0, h - 1.0);
        Rect {
            x,
            y,
            width: self.width.min(w - x).max(1.0),
            height: self.height.min(h - y).max(1.0),
        }
    }
}

/// Start of a span of `size` centred on `centre` as far as `0..limit` allows.
pub(crate) fn place(centre: f64, size: f64, limit: f64) -> f64 {
    (centre - size / 2.0).min(limit - size).max(0.0)
}

/// Resizes `crop` of `src` (all of it when `None`) to `width`×`height`; returns packed bytes with
/// the source's channels. Strided camera buffers are read in place.
pub(crate) fn resize(
    src: Source<'_>,
    crop: Option<Rect>,
    width: u32,
    height: u32,
) -> Result<Vec<u8>> {
    let rows = PixelRows {
        data: src.data,
        width: src.width,
        height: src.height,
        row_stride: src.row_stride,
        channels: src.channels.bytes(),
    };
    let crop = crop.map(|r| r.inside(src.width, src.height)).map(|r| [r.x, r.y, r.width, r.height]);
    imaging::resample(rows, crop, width, height).map_err(|e| Error::InvalidImage {
        field: "image".into(),
        reason: format!("cannot be resized ({e})"),
    })
}

/// Converts a YUV 4:2:0 frame to tightly packed RGBA (BT.601 full range, what Android cameras
/// deliver). Interleaved chroma is first split into planes: yuvutils-rs accepts padded rows only
/// for planar chroma, and the split touches a quarter of the pixels once per captured frame.
pub(crate) fn yuv_to_rgba(
    y: PlaneView<'_>,
    u: PlaneView<'_>,
    v: PlaneView<'_>,
    width: u32,
    height: u32,
) -> Result<Vec<u8>> {
    let (cw, ch) = (width.div_ceil(2) as usize, height.div_ceil(2) as usize);
    fn planar(p: PlaneView<'_>, cw: usize, ch: usize) -> (Cow<'_, [u8]>, u32) {
        if p.pixel_stride == 1 {
            return (p.data.into(), p.row_stride as u32);
        }
        let mut out = Vec::with_capacity(cw * ch);
        for row in 0..ch {
            out.extend((0..cw).map(|col| p.data[row * p.row_stride + col * p.pixel_stride]));
        }
        (out.into(), cw as u32)
    }
    let ((u_plane, u_stride), (v_plane, v_stride)) = (planar(u, cw, ch), planar(v, cw, ch));
    let image = YuvPlanarImage {
        y_plane: y.data,
        y_stride: y.row_stride as u32,
        u_plane: &u_plane,
        u_stride,
        v_plane: &v_plane,
        v_stride,
        width,
        height,
    };
    // RGBA rather than RGB: 4-byte pixels take the SIMD resampling path (see imaging::resample).
    let mut rgba = vec![0u8; width as usize * height as usize * 4];
    yuvutils_rs::yuv420_to_rgba(
        &image,
        &mut rgba,
        width * 4,
        YuvRange::Full,
        YuvStandardMatrix::Bt601,
    )
    .map_err(|e| Error::InvalidImage {
        field: "frame.planes".into(),
        reason: format!("YUV layout not convertible ({e:?}); check strides"),
    })?;
    Ok(rgba)
}

/// Scale from a frame to its analysis image, picked from the face-fill band (see
/// [`ANALYSIS_FACE_PX`]); never enlarges.
pub(crate) fn analysis_scale(width: u32, height: u32, face_fill_min: f32) -> f32 {
    let smallest_face = (face_fill_min / 2.0 * width as f32 * height as f32).sqrt();
    (ANALYSIS_FACE_PX / smallest_face).min(1.0)
}

/// The frame as a small upright grey image for brightness and face detection. YUV frames use
/// their Y plane as is; packed frames are shrunk first and turned to grey after.
pub(crate) fn analysis_gray(frame: &ValidFrame<'_>, scale: f32) -> Result<Gray> {
    let width = ((frame.width as f32 * scale).round() as u32).max(1);
    let height = ((frame.height as f32 * scale).round() as u32).max(1);
    let src = direct_source(frame);
    let small = resize(src, None, width, height)?;
    let gray = match src.channels {
        Channels::Bgra => small.chunks_exact(4).map(|p| luma(p[2], p[1], p[0])).collect(),
        Channels::Rgba => small.chunks_exact(4).map(|p| luma(p[0], p[1], p[2])).collect(),
        _ => small,
    };
    Ok(upright_gray(gray, width, height, frame.orientation))
}

/// The frame's pixels as they can be read without conversion: the packed plane, or the Y plane
/// (grey) of a YUV frame.
pub(crate) fn direct_source<'a>(frame: &ValidFrame<'a>) -> Source<'a> {
    let (plane, channels) = match frame.pixels {
        Pixels::Yuv { y, .. } => (y, Channels::Gray),
        Pixels::Packed { plane, bgr: true } => (plane, Channels::Bgra),
        Pixels::Packed { plane, bgr: false } => (plane, Channels::Rgba),
    };
    Source {
        data: plane.data,
        width: frame.width,
        height: frame.height,
        row_stride: plane.row_stride,
        channels,
    }
}

fn upright_gray(data: Vec<u8>, width: u32, height: u32, orientation: Orientation) -> Gray {
    if orientation == Orientation::Upright {
        return Gray { data, width, height };
    }
    let (data, w, h) = orientation.apply(&data, width as usize, height as usize, 1);
    Gray { data, width: w as u32, height: h as u32 }
}

/// Mean grey level, 0-255.
pub(crate) fn brightness(gray: &Gray) -> f32 {
    if gray.data.is_empty() {
        return 0.0;
    }
    gray.data.iter().map(|&v| v as u64).sum::<u64>() as f32 / gray.data.len() as f32
}
