//! Shared by the capture tests (and the capture bench): camera frames built from the real test
//! photographs, packed the way Android and iOS deliver them.
#![allow(dead_code)] // each test binary uses a different part

use std::ops::Range;
use std::path::Path;

use smileid_core::capture::{Frame, PixelFormat, Plane};
use smileid_core::vision::face::{self, FaceBox};
use smileid_core::vision::imaging::{self, Orientation, Rgb};

/// Bytes of a photo in `testdata/faces`.
pub fn photo_bytes(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/faces").join(name))
        .unwrap()
}

/// A photo decoded upright, with its best face (if any).
pub fn photo(name: &str) -> (Rgb, Option<FaceBox>) {
    let rgb = imaging::decode_rgb(&photo_bytes(name), "photo").unwrap();
    let face = face::detect(&rgb.to_gray()).first().copied();
    (rgb, face)
}

/// A picture region in photo pixels; may reach past the photo (edges are repeated there).
#[derive(Debug, Clone, Copy)]
pub struct Region {
    pub x: f32,
    pub y: f32,
    pub width: f32,
}

/// The region of a `width`×`height` frame in which `face` covers `fill` of the frame, with the
/// face centre moved by (`dx`, `dy`) frame widths/heights from the frame centre.
pub fn region_for(face: &FaceBox, width: u32, height: u32, fill: f32, dx: f32, dy: f32) -> Region {
    let aspect = width as f32 / height as f32;
    let region_w = (face.width * face.height / fill * aspect).sqrt();
    let region_h = region_w / aspect;
    let (cx, cy) = face.center();
    Region { x: cx - (0.5 + dx) * region_w, y: cy - (0.5 + dy) * region_h, width: region_w }
}

/// An upright `width`×`height` picture of `region` of `photo` (area-averaged), brightness ×
/// `light`.
pub fn view(photo: &Rgb, region: Region, width: u32, height: u32, light: f32) -> Rgb {
    let step = region.width / width as f32;
    const SUB: usize = 2;
    let mut data = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let mut sum = [0f32; 3];
            for sy in 0..SUB {
                for sx in 0..SUB {
                    let px = region.x + (x as f32 + (sx as f32 + 0.5) / SUB as f32) * step;
                    let py = region.y + (y as f32 + (sy as f32 + 0.5) / SUB as f32) * step;
                    let px = (px.max(0.0) as u32).min(photo.width - 1);
                    let py = (py.max(0.0) as u32).min(photo.height - 1);
                    let at = ((py * photo.width + px) * 3) as usize;
                    for (total, &v) in sum.iter_mut().zip(&photo.data[at..at + 3]) {
                        *total += v as f32;
                    }
                }
            }
            data.extend(sum.map(|s| (s / (SUB * SUB) as f32 * light).round().min(255.0) as u8));
        }
    }
    Rgb { data, width, height }
}

/// Two pictures of the same height side by side.
pub fn side_by_side(left: &Rgb, right: &Rgb) -> Rgb {
    let rows = left
        .data
        .chunks_exact(left.width as usize * 3)
        .zip(right.data.chunks_exact(right.width as usize * 3));
    let data = rows.flat_map(|(l, r)| l.iter().chain(r).copied()).collect();
    Rgb { data, width: left.width + right.width, height: left.height }
}

/// A frame's bytes and plane layout, owned.
pub struct OwnedFrame {
    pub format: PixelFormat,
    pub width: u32,
    pub height: u32,
    pub rotation: u32,
    data: Vec<u8>,
    layout: Vec<(Range<usize>, u32, u32)>,
}

impl OwnedFrame {
    /// The planes, borrowed, for a [`Frame`].
    pub fn planes(&self) -> Vec<Plane<'_>> {
        self.layout
            .iter()
            .map(|(range, row_stride, pixel_stride)| Plane {
                data: &self.data[range.clone()],
                row_stride: *row_stride,
                pixel_stride: *pixel_stride,
            })
            .collect()
    }

    /// A [`Frame`] over `planes` (from [`OwnedFrame::planes`]) at `timestamp_ms`.
    pub fn frame<'a>(&self, planes: &'a [Plane<'a>], timestamp_ms: u64) -> Frame<'a> {
        Frame {
            format: self.format,
            width: self.width,
            height: self.height,
            planes,
            rotation_degrees: self.rotation,
            timestamp_ms,
            smile_probability: None,
            head_pose: None,
        }
    }

    /// Cuts the last byte off plane `index` (a buffer one byte short).
    pub fn truncate_plane(&mut self, index: usize) {
        self.layout[index].0.end -= 1;
    }

    /// Changes plane `index`'s strides.
    pub fn set_strides(&mut self, index: usize, row_stride: u32, pixel_stride: u32) {
        self.layout[index].1 = row_stride;
        self.layout[index].2 = pixel_stride;
    }
}

/// How a frame is packed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Packing {
    /// RGBA or BGRA with `pad` extra bytes per row.
    Packed { bgr: bool, pad: u32 },
    /// NV21 in one contiguous buffer (legacy Camera API), no padding.
    Nv21Contiguous,
    /// NV21 as two planes (Y, VU), rows padded by `pad`.
    Nv21Planes { pad: u32 },
    /// YUV_420_888 with chroma pixel stride 1 or 2 (interleaved V/U in one buffer, as most
    /// Android devices deliver), rows padded by `pad`.
    Yuv420 { pixel_stride: u32, pad: u32 },
}

/// BT.601 full-range (JFIF) YUV of one RGB pixel, as Android cameras produce it.
fn yuv(p: &[u8]) -> (u8, u8, u8) {
    let (r, g, b) = (p[0] as f32, p[1] as f32, p[2] as f32);
    let y = 0.299 * r + 0.587 * g + 0.114 * b;
    let u = 128.0 - 0.168736 * r - 0.331264 * g + 0.5 * b;
    let v = 128.0 + 0.5 * r - 0.418688 * g - 0.081312 * b;
    let q = |x: f32| x.round().clamp(0.0, 255.0) as u8;
    (q(y), q(u), q(v))
}

/// Packs an upright picture as a camera would deliver it with `rotation` (the clockwise turn that
/// makes the buffer upright again).
pub fn pack(upright: &Rgb, rotation: u32, packing: Packing) -> OwnedFrame {
    // The sensor buffer is the upright picture turned back.
    let back = Orientation::from_degrees((360 - rotation) % 360).unwrap();
    let (rgb, w, h) = back.apply(&upright.data, upright.width as usize, upright.height as usize, 3);
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let px = |x: usize, y: usize| &rgb[(y * w + x) * 3..(y * w + x) * 3 + 3];
    let mut data = Vec::new();
    let y_plane = |stride: usize, data: &mut Vec<u8>| {
        for y in 0..h {
            data.extend((0..w).map(|x| yuv(px(x, y)).0));
            data.resize(data.len() + stride - w, 0xAA);
        }
    };
    let chroma = |x: usize, y: usize| yuv(px((2 * x).min(w - 1), (2 * y).min(h - 1)));
    let (format, layout) = match packing {
        Packing::Packed { bgr, pad } => {
            let stride = w * 4 + pad as usize;
            for y in 0..h {
                for x in 0..w {
                    let p = px(x, y);
                    data.extend(if bgr {
                        [p[2], p[1], p[0], 255]
                    } else {
                        [p[0], p[1], p[2], 255]
                    });
                }
                data.resize(data.len() + pad as usize, 0xAA);
            }
            let format = if bgr { PixelFormat::Bgra8888 } else { PixelFormat::Rgba8888 };
            (format, vec![(0..data.len(), stride as u32, 4)])
        }
        Packing::Nv21Contiguous | Packing::Nv21Planes { .. } => {
            let pad = if let Packing::Nv21Planes { pad } = packing { pad as usize } else { 0 };
            let stride = w + pad;
            y_plane(stride, &mut data);
            let y_len = data.len();
            for y in 0..ch {
                data.extend((0..cw).flat_map(|x| {
                    let (_, u, v) = chroma(x, y);
                    [v, u]
                }));
                data.resize(data.len() + stride - 2 * cw, 0xAA);
            }
            let layout = if packing == Packing::Nv21Contiguous {
                vec![(0..data.len(), stride as u32, 1)]
            } else {
                vec![(0..y_len, stride as u32, 1), (y_len..data.len(), stride as u32, 2)]
            };
            (PixelFormat::Nv21, layout)
        }
        Packing::Yuv420 { pixel_stride, pad } => {
            let stride = w + pad as usize;
            y_plane(stride, &mut data);
            let y_len = data.len();
            if pixel_stride == 2 {
                // One V,U,V,U... buffer; the V plane starts at its first byte and the U plane one
                // byte later, each ending at its own last sample (as Android's ByteBuffers do).
                let c_stride = 2 * cw + pad as usize;
                for y in 0..ch {
                    data.extend((0..cw).flat_map(|x| {
                        let (_, u, v) = chroma(x, y);
                        [v, u]
                    }));
                    if y + 1 < ch {
                        data.resize(data.len() + pad as usize, 0xAA);
                    }
                }
                let last = data.len();
                let layout = vec![
                    (0..y_len, stride as u32, 1),
                    (y_len + 1..last, c_stride as u32, 2),
                    (y_len..last - 1, c_stride as u32, 2),
                ];
                (PixelFormat::Yuv420888, layout)
            } else {
                let c_stride = cw + pad as usize;
                let plane = |pick: fn((u8, u8, u8)) -> u8, data: &mut Vec<u8>| {
                    let start = data.len();
                    for y in 0..ch {
                        data.extend((0..cw).map(|x| pick(chroma(x, y))));
                        data.resize(data.len() + pad as usize, 0xAA);
                    }
                    start..data.len()
                };
                let u = plane(|c| c.1, &mut data);
                let v = plane(|c| c.2, &mut data);
                (
                    PixelFormat::Yuv420888,
                    vec![
                        (0..y_len, stride as u32, 1),
                        (u, c_stride as u32, 1),
                        (v, c_stride as u32, 1),
                    ],
                )
            }
        }
    };
    OwnedFrame { format, width: w as u32, height: h as u32, rotation, data, layout }
}

/// Width and height of a JPEG.
pub fn jpeg_size(bytes: &[u8]) -> (u32, u32) {
    let gray = imaging::decode_gray(bytes, "jpeg").unwrap();
    (gray.width, gray.height)
}

/// Faces the reference detector finds in a JPEG.
pub fn faces_in_jpeg(bytes: &[u8]) -> usize {
    face::detect(&imaging::decode_gray(bytes, "jpeg").unwrap()).len()
}
