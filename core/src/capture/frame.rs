//! Camera frames as the platforms deliver them, borrowed without copying, and their validation.

use std::str::FromStr;

use crate::error::{Error, Result};
use crate::imaging::Orientation;

/// Largest accepted frame side: bounds the memory a frame can make the core allocate.
pub const MAX_FRAME_SIDE: u32 = 4096;

/// Pixel layout of a camera frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PixelFormat {
    /// 4 bytes per pixel R, G, B, A in one plane.
    Rgba8888,
    /// 4 bytes per pixel B, G, R, A in one plane (iOS `kCVPixelFormatType_32BGRA`).
    Bgra8888,
    /// Android NV21: a Y plane, then interleaved V/U at half resolution. Either 2 planes (Y with
    /// pixel stride 1, VU with pixel stride 2) or 1 plane (pixel stride 1) with VU right after
    /// `row_stride * height` bytes of Y, at the same row stride.
    Nv21,
    /// Android `YUV_420_888` (CameraX): 3 planes Y, U, V; U and V at half resolution with pixel
    /// stride 1 (planar) or 2 (interleaved).
    Yuv420888,
}

impl FromStr for PixelFormat {
    type Err = Error;

    /// Parses `rgba8888`, `bgra8888`, `nv21` or `yuv420888` (case and `_` ignored), for bridges
    /// that carry the format as text.
    fn from_str(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().replace('_', "").as_str() {
            "rgba8888" | "rgba" => Ok(PixelFormat::Rgba8888),
            "bgra8888" | "bgra" => Ok(PixelFormat::Bgra8888),
            "nv21" => Ok(PixelFormat::Nv21),
            "yuv420888" => Ok(PixelFormat::Yuv420888),
            _ => Err(Error::invalid(
                "frame.format",
                "unknown pixel format; use rgba8888, bgra8888, nv21 or yuv420888",
            )),
        }
    }
}

/// One plane of a frame: its bytes and how they are laid out.
#[derive(Debug, Clone, Copy)]
pub struct Plane<'a> {
    pub data: &'a [u8],
    /// Bytes from the start of one row to the start of the next.
    pub row_stride: u32,
    /// Bytes from one pixel (sample) to the next within a row: 4 for RGBA/BGRA, 1 for Y, 1 or 2
    /// for U and V.
    pub pixel_stride: u32,
}

/// Head rotation reported by the platform's face tracker (ML Kit, Vision), in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadPose {
    pub yaw: f32,
    pub pitch: f32,
    pub roll: f32,
}

/// A camera frame, borrowed from the platform's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub format: PixelFormat,
    /// Width and height of the buffer as stored (before `rotation_degrees`).
    pub width: u32,
    pub height: u32,
    /// 1 plane for RGBA/BGRA, 1 or 2 for NV21, 3 for `YUV_420_888`.
    pub planes: &'a [Plane<'a>],
    /// Clockwise turn (0, 90, 180, 270) that makes the frame upright, as CameraX reports it.
    pub rotation_degrees: u32,
    /// Capture time in milliseconds on any monotonic clock; all timing uses it.
    pub timestamp_ms: u64,
    /// Smile probability 0-1 from the platform's face tracker, if it has one.
    pub smile_probability: Option<f32>,
    /// Head pose from the platform's face tracker, if it has one.
    pub head_pose: Option<HeadPose>,
}

/// A plane after validation, in `usize`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlaneView<'a> {
    pub data: &'a [u8],
    pub row_stride: usize,
    pub pixel_stride: usize,
}

/// Where a frame's pixels are, once checked against its size.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pixels<'a> {
    /// One plane of 4-byte pixels; `bgr` says B comes first.
    Packed { plane: PlaneView<'a>, bgr: bool },
    /// Full-resolution Y, half-resolution U and V.
    Yuv { y: PlaneView<'a>, u: PlaneView<'a>, v: PlaneView<'a> },
}

/// A frame whose buffers are known to cover its size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ValidFrame<'a> {
    pub pixels: Pixels<'a>,
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
}

fn bad_plane(index: usize, reason: String) -> Error {
    Error::InvalidImage { field: format!("frame.planes[{index}]"), reason }
}

/// Checks that `plane` holds `rows` rows of `cols` samples of `sample` bytes each.
fn check_plane<'a>(
    plane: &Plane<'a>,
    index: usize,
    cols: u32,
    rows: u32,
    sample: u32,
    pixel_strides: &[u32],
) -> Result<PlaneView<'a>> {
    if !pixel_strides.contains(&plane.pixel_stride) {
        let allowed: Vec<String> = pixel_strides.iter().map(u32::to_string).collect();
        return Err(bad_plane(
            index,
            format!(
                "pixel_stride {} is not supported here; use {}",
                plane.pixel_stride,
                allowed.join(" or ")
            ),
        ));
    }
    // u64 cannot overflow: every factor is below 2^32 and the sides are capped.
    let row_bytes = (cols as u64 - 1) * plane.pixel_stride as u64 + sample as u64;
    if (plane.row_stride as u64) < row_bytes {
        return Err(bad_plane(
            index,
            format!(
                "row_stride {} is shorter than a row ({row_bytes} bytes); pass the buffer's \
                 bytes-per-row",
                plane.row_stride
            ),
        ));
    }
    let needed = (rows as u64 - 1) * plane.row_stride as u64 + row_bytes;
    if (plane.data.len() as u64) < needed {
        return Err(bad_plane(
            index,
            format!(
                "buffer has {} bytes but the frame size and strides need {needed}; pass the \
                 whole plane",
                plane.data.len()
            ),
        ));
    }
    Ok(PlaneView {
        data: plane.data,
        row_stride: plane.row_stride as usize,
        pixel_stride: plane.pixel_stride as usize,
    })
}

/// U and V views into one interleaved V,U plane (NV21).
fn vu_views(vu: PlaneView<'_>) -> (PlaneView<'_>, PlaneView<'_>) {
    (PlaneView { data: &vu.data[1..], ..vu }, vu)
}

impl<'a> Frame<'a> {
    /// Checks every buffer against the size, strides and format; never panics.
    pub(crate) fn validate(&self) -> Result<ValidFrame<'a>> {
        let orientation = Orientation::from_degrees(self.rotation_degrees).ok_or_else(|| {
            Error::invalid(
                "frame.rotation_degrees",
                "use 0, 90, 180 or 270 (clockwise turn to upright)",
            )
        })?;
        if self.width == 0
            || self.height == 0
            || self.width > MAX_FRAME_SIDE
            || self.height > MAX_FRAME_SIDE
        {
            return Err(Error::InvalidImage {
                field: "frame".into(),
                reason: format!(
                    "frame size {}x{} is out of range; each side must be 1-{MAX_FRAME_SIDE} px",
                    self.width, self.height
                ),
            });
        }
        if let Some(p) = self.smile_probability.filter(|p| !(0.0..=1.0).contains(p)) {
            return Err(Error::invalid(
                "frame.smile_probability",
                format!("{p} is not a probability; pass 0-1 or none"),
            ));
        }
        if self.head_pose.is_some_and(|h| ![h.yaw, h.pitch, h.roll].iter().all(|a| a.is_finite())) {
            return Err(Error::invalid(
                "frame.head_pose",
                "angles must be finite degrees; pass none if unknown",
            ));
        }
        let (w, h) = (self.width, self.height);
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        let planes = self.planes;
        let count_error = |expected: &str| Error::InvalidImage {
            field: "frame.planes".into(),
            reason: format!("{:?} takes {expected}, got {} planes", self.format, planes.len()),
        };
        let pixels = match (self.format, planes) {
            (PixelFormat::Rgba8888 | PixelFormat::Bgra8888, [p]) => Pixels::Packed {
                plane: check_plane(p, 0, w, h, 4, &[4])?,
                bgr: self.format == PixelFormat::Bgra8888,
            },
            (PixelFormat::Rgba8888 | PixelFormat::Bgra8888, _) => {
                return Err(count_error("1 plane"))
            }
            (PixelFormat::Nv21, [p]) => {
                let y = check_plane(p, 0, w, h, 1, &[1])?;
                let vu_start = y.row_stride * h as usize;
                let rest = Plane { data: p.data.get(vu_start..).unwrap_or_default(), ..*p };
                let vu = check_plane(&Plane { pixel_stride: 2, ..rest }, 0, cw, ch, 2, &[2])?;
                let (u, v) = vu_views(vu);
                Pixels::Yuv { y, u, v }
            }
            (PixelFormat::Nv21, [py, pvu]) => {
                let y = check_plane(py, 0, w, h, 1, &[1])?;
                let (u, v) = vu_views(check_plane(pvu, 1, cw, ch, 2, &[2])?);
                Pixels::Yuv { y, u, v }
            }
            (PixelFormat::Nv21, _) => {
                return Err(count_error("1 plane (Y then VU) or 2 planes (Y, VU)"))
            }
            (PixelFormat::Yuv420888, [py, pu, pv]) => Pixels::Yuv {
                y: check_plane(py, 0, w, h, 1, &[1])?,
                u: check_plane(pu, 1, cw, ch, 1, &[1, 2])?,
                v: check_plane(pv, 2, cw, ch, 1, &[1, 2])?,
            },
            (PixelFormat::Yuv420888, _) => return Err(count_error("3 planes (Y, U, V)")),
        };
        Ok(ValidFrame { pixels, width: w, height: h, orientation })
    }
}
