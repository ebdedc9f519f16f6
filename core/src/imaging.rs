//! Decoding of still photos (JPEG, PNG) into pixel planes, and the pixel-order transforms
//! (rotation, EXIF orientation) shared by photos and camera frames.

use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;

use crate::error::{Error, Result};

/// Largest accepted photo side, to bound memory on hostile input.
pub const MAX_PHOTO_SIDE: usize = 10_000;

/// Packed 8-bit pixels, borrowed: `channels` (1, 3 or 4) bytes a pixel, rows `row_stride` bytes
/// apart (camera planes are padded), `width`×`height` pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PixelRows<'a> {
    pub data: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub row_stride: usize,
    pub channels: usize,
}

/// A [`PixelRows`] seen by fast_image_resize as rows of `P`, so strided buffers need no copy.
struct Strided<'a, P> {
    rows: PixelRows<'a>,
    pixel: std::marker::PhantomData<P>,
}

// SAFETY: every row handed out is exactly `width` pixels long; frame validation (or the tight
// layout of decoded photos) guarantees the bytes exist.
#[allow(unsafe_code)] // the trait is unsafe to implement; this is the project's only unsafe code
unsafe impl<P: fast_image_resize::PixelTrait + bytemuck::Pod> fast_image_resize::ImageView
    for Strided<'_, P>
{
    type Pixel = P;

    fn width(&self) -> u32 {
        self.rows.width
    }

    fn height(&self) -> u32 {
        self.rows.height
    }

    fn iter_rows(&self, start_row: u32) -> impl Iterator<Item = &[P]> {
        let row_bytes = self.rows.width as usize * size_of::<P>();
        (start_row as usize..self.rows.height as usize).map(move |y| {
            let start = y * self.rows.row_stride;
            bytemuck::cast_slice(&self.rows.data[start..start + row_bytes])
        })
    }
}

/// Resamples `crop` (x, y, width, height in pixels, inside the image; all of it when `None`) of
/// `src` to `to_width`×`to_height` with a bilinear filter that widens when shrinking, so a
/// downscale averages every source pixel (as Pillow's BILINEAR). Returns tightly packed bytes.
///
/// Grey and 4-byte pixels (camera planes: the per-frame analysis image and every captured image)
/// go through fast_image_resize's SIMD kernels. 3-byte RGB (decoded photos, off the per-frame
/// path) goes through `resize`, whose plain code is ~5x slower but adds ~20 KB to the library
/// where fast_image_resize's RGB kernels add ~300 KB.
pub(crate) fn resample(
    src: PixelRows<'_>,
    crop: Option<[f64; 4]>,
    to_width: u32,
    to_height: u32,
) -> std::result::Result<Vec<u8>, String> {
    use fast_image_resize::pixels::{U8x4, U8};
    use fast_image_resize::{
        images::Image, FilterType, PixelTrait, ResizeAlg, ResizeOptions, Resizer,
    };

    fn simd<P: PixelTrait + bytemuck::Pod>(
        src: PixelRows<'_>,
        options: &ResizeOptions,
        to_width: u32,
        to_height: u32,
    ) -> std::result::Result<Vec<u8>, String> {
        let mut dst = Image::new(to_width, to_height, P::pixel_type());
        let mut view = dst.typed_image_mut::<P>().expect("pixel type matches");
        Resizer::new()
            .resize_typed(
                &Strided::<P> { rows: src, pixel: std::marker::PhantomData },
                &mut view,
                options,
            )
            .map_err(|e| format!("{e:?}"))?;
        Ok(dst.into_vec())
    }

    // Alpha is padding in camera frames: no premultiplication.
    let mut options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Bilinear))
        .use_alpha(false);
    if let Some([x, y, width, height]) = crop {
        options = options.crop(x, y, width, height);
    }
    match src.channels {
        1 => simd::<U8>(src, &options, to_width, to_height),
        4 => simd::<U8x4>(src, &options, to_width, to_height),
        3 => rgb_resample(src, crop, to_width, to_height),
        n => Err(format!("{n} bytes per pixel")),
    }
}

/// The RGB path of [`resample`]; the crop snaps to whole pixels.
fn rgb_resample(
    src: PixelRows<'_>,
    crop: Option<[f64; 4]>,
    to_width: u32,
    to_height: u32,
) -> std::result::Result<Vec<u8>, String> {
    let [x, y, width, height] =
        crop.unwrap_or([0.0, 0.0, src.width as f64, src.height as f64]).map(|v| v.round() as usize);
    let (width, height) =
        (width.clamp(1, src.width as usize - x), height.clamp(1, src.height as usize - y));
    // The resampler counts its stride in pixels. RGB comes from decoded photos, tightly packed.
    if src.row_stride % 3 != 0 {
        return Err(format!("RGB rows {} bytes apart are not whole pixels", src.row_stride));
    }
    let data = &src.data[y * src.row_stride + x * 3..];
    let (data, stride) = (&data[..data.len() / 3 * 3], src.row_stride / 3);
    let mut out = vec![0u8; to_width as usize * to_height as usize * 3];
    resize::new(
        width,
        height,
        to_width as usize,
        to_height as usize,
        resize::Pixel::RGB8,
        resize::Type::Triangle,
    )
    .and_then(|mut r| {
        r.resize_stride(bytemuck::cast_slice(data), stride, bytemuck::cast_slice_mut(&mut out))
    })
    .map_err(|e| format!("{e:?}"))?;
    Ok(out)
}

/// A tightly packed 8-bit grey image.
#[derive(Debug, Clone)]
pub struct Gray {
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Gray {
    /// This image resampled to `width` × `height`.
    pub(crate) fn resized(&self, width: u32, height: u32) -> std::result::Result<Gray, String> {
        let rows = PixelRows {
            data: &self.data,
            width: self.width,
            height: self.height,
            row_stride: self.width as usize,
            channels: 1,
        };
        Ok(Gray { data: resample(rows, None, width, height)?, width, height })
    }
}

/// A tightly packed 8-bit RGB image, upright.
#[derive(Debug, Clone)]
pub struct Rgb {
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Rgb {
    /// The grey (BT.601 luma) version of this image.
    pub fn to_gray(&self) -> Gray {
        let data = self.data.chunks_exact(3).map(|p| luma(p[0], p[1], p[2])).collect();
        Gray { data, width: self.width, height: self.height }
    }
}

fn options() -> DecoderOptions {
    DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(MAX_PHOTO_SIDE)
        .set_max_height(MAX_PHOTO_SIDE)
        .png_set_strip_to_8bit(true)
}

fn bad(field: &str, reason: impl std::fmt::Display) -> Error {
    Error::InvalidImage { field: field.to_string(), reason: reason.to_string() }
}

/// Decoded pixels: `channels` interleaved bytes per pixel, as stored (no EXIF rotation applied).
struct Decoded {
    data: Vec<u8>,
    width: usize,
    height: usize,
    channels: usize,
    orientation: Orientation,
}

/// Decodes a JPEG (to `jpeg_out`: luma or RGB) or a PNG (to its own channels).
fn decode(bytes: &[u8], field: &str, jpeg_out: ColorSpace) -> Result<Decoded> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        // The decoder pads a cut-off scan with grey; a missing end-of-image marker catches that.
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
            return Err(bad(field, "truncated JPEG (no end-of-image marker)"));
        }
        let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
            bytes,
            options().jpeg_set_out_colorspace(jpeg_out),
        );
        let data = decoder
            .decode()
            .map_err(|e| bad(field, format_args!("corrupt or truncated JPEG ({e:?})")))?;
        let (width, height) =
            decoder.dimensions().ok_or_else(|| bad(field, "JPEG has no dimensions"))?;
        let orientation =
            decoder.exif().map_or(Orientation::Upright, |exif| Orientation::from_exif(exif));
        return Ok(Decoded {
            data,
            width,
            height,
            channels: jpeg_out.num_components(),
            orientation,
        });
    }
    if bytes.starts_with(b"\x89PNG") {
        let mut decoder = zune_png::PngDecoder::new_with_options(bytes, options());
        let data = decoder
            .decode_raw()
            .map_err(|e| bad(field, format_args!("corrupt or truncated PNG ({e:?})")))?;
        let (width, height) =
            decoder.get_dimensions().ok_or_else(|| bad(field, "PNG has no dimensions"))?;
        let colorspace =
            decoder.get_colorspace().ok_or_else(|| bad(field, "PNG has no colour space"))?;
        let channels = colorspace.num_components();
        if data.len() != width * height * channels {
            return Err(bad(field, "PNG with an unsupported bit depth"));
        }
        return Ok(Decoded { data, width, height, channels, orientation: Orientation::Upright });
    }
    Err(bad(field, "not a JPEG or PNG file"))
}

/// Decodes a JPEG or PNG to grey. `field` names the input in errors (e.g. `selfie`).
/// Pixels are as stored: EXIF orientation is not applied.
pub fn decode_gray(bytes: &[u8], field: &str) -> Result<Gray> {
    let d = decode(bytes, field, ColorSpace::Luma)?;
    let data = match d.channels {
        1 => d.data,
        // Grey + alpha keeps the grey; RGB(A) goes through luma.
        2 => d.data.chunks_exact(2).map(|p| p[0]).collect(),
        n => d.data.chunks_exact(n).map(|p| luma(p[0], p[1], p[2])).collect(),
    };
    Ok(Gray { data, width: d.width as u32, height: d.height as u32 })
}

/// Decodes a JPEG or PNG to upright RGB: a JPEG's EXIF orientation (as phone cameras write it)
/// is applied, alpha is dropped. `field` names the input in errors.
pub fn decode_rgb(bytes: &[u8], field: &str) -> Result<Rgb> {
    let d = decode(bytes, field, ColorSpace::RGB)?;
    let data = match d.channels {
        3 => d.data,
        1 => d.data.iter().flat_map(|&v| [v, v, v]).collect(),
        2 => d.data.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0]]).collect(),
        n => d.data.chunks_exact(n).flat_map(|p| [p[0], p[1], p[2]]).collect(),
    };
    let (data, width, height) = d.orientation.apply(&data, d.width, d.height, 3);
    Ok(Rgb { data, width: width as u32, height: height as u32 })
}

/// BT.601 luma from 8-bit RGB, in integer arithmetic.
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((77 * r as u32 + 150 * g as u32 + 29 * b as u32 + 128) >> 8) as u8
}

/// How stored pixels map to the upright picture, as the EXIF orientation tag (values 1-8) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// 1: as stored.
    Upright,
    /// 2: mirrored left-right.
    MirrorX,
    /// 3: turned 180°.
    Rotate180,
    /// 4: mirrored top-bottom.
    MirrorY,
    /// 5: mirrored along the main diagonal.
    Transpose,
    /// 6: to be turned 90° clockwise (a phone held upright, camera sensor landscape).
    Rotate90,
    /// 7: mirrored along the other diagonal.
    Transverse,
    /// 8: to be turned 270° clockwise.
    Rotate270,
}

impl Orientation {
    /// The turn that makes a camera frame upright, from the platform's clockwise degrees.
    pub fn from_degrees(degrees: u32) -> Option<Self> {
        match degrees {
            0 => Some(Self::Upright),
            90 => Some(Self::Rotate90),
            180 => Some(Self::Rotate180),
            270 => Some(Self::Rotate270),
            _ => None,
        }
    }

    /// Reads tag 0x0112 from an EXIF block (`Exif\0\0` + TIFF); anything unreadable is upright.
    fn from_exif(exif: &[u8]) -> Self {
        let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
        let big_endian = match tiff.get(..2) {
            Some(b"MM") => true,
            Some(b"II") => false,
            _ => return Self::Upright,
        };
        let read = |at: usize, len: usize| -> Option<u32> {
            let bytes = tiff.get(at..at.checked_add(len)?)?;
            let fold = |acc: u32, b: &u8| (acc << 8) | *b as u32;
            Some(if big_endian {
                bytes.iter().fold(0, fold)
            } else {
                bytes.iter().rev().fold(0, fold)
            })
        };
        let value = (|| {
            let ifd = read(4, 4)? as usize;
            let count = read(ifd, 2)? as usize;
            (0..count.min(256)).find_map(|i| {
                let entry = ifd + 2 + i * 12;
                (read(entry, 2)? == 0x0112).then(|| read(entry + 8, 2))?
            })
        })();
        match value {
            Some(2) => Self::MirrorX,
            Some(3) => Self::Rotate180,
            Some(4) => Self::MirrorY,
            Some(5) => Self::Transpose,
            Some(6) => Self::Rotate90,
            Some(7) => Self::Transverse,
            Some(8) => Self::Rotate270,
            _ => Self::Upright,
        }
    }

    /// Whether width and height trade places.
    pub fn swaps_sides(self) -> bool {
        matches!(self, Self::Transpose | Self::Rotate90 | Self::Transverse | Self::Rotate270)
    }

    /// Where the upright pixel (x, y) sits in a stored `width`×`height` image, as the pixel
    /// index `origin + x * step_x + y * step_y`.
    fn index_steps(self, width: usize, height: usize) -> (isize, isize, isize) {
        let (w, h) = (width as isize, height as isize);
        match self {
            Self::Upright => (0, 1, w),
            Self::MirrorX => (w - 1, -1, w),
            Self::Rotate180 => ((h - 1) * w + w - 1, -1, -w),
            Self::MirrorY => ((h - 1) * w, 1, -w),
            Self::Transpose => (0, w, 1),
            Self::Rotate90 => ((h - 1) * w, -w, 1),
            Self::Transverse => ((h - 1) * w + w - 1, -w, -1),
            Self::Rotate270 => (w - 1, w, -1),
        }
    }

    /// Maps a stored image (`bpp` = 1, 3 or 4 bytes per pixel, tightly packed) to the upright
    /// one; returns it with its width and height.
    ///
    /// # Panics
    /// If `bpp` is another value or `src` is not `width * height` pixels.
    pub fn apply(
        self,
        src: &[u8],
        width: usize,
        height: usize,
        bpp: usize,
    ) -> (Vec<u8>, usize, usize) {
        // A constant pixel size makes each copy one move; 16×16 tiles keep the column-wise
        // reads of a quarter turn inside the cache.
        fn turn<const N: usize>(
            src: &[u8],
            steps: (isize, isize, isize),
            out_w: usize,
            out_h: usize,
        ) -> Vec<u8> {
            const TILE: usize = 16;
            assert_eq!(src.len(), out_w * out_h * N, "buffer does not match its size");
            let (origin, step_x, step_y) = steps;
            let mut out = vec![0u8; src.len()];
            for tile_y in (0..out_h).step_by(TILE) {
                for tile_x in (0..out_w).step_by(TILE) {
                    for y in tile_y..(tile_y + TILE).min(out_h) {
                        let row = origin + y as isize * step_y;
                        for x in tile_x..(tile_x + TILE).min(out_w) {
                            let (from, to) =
                                ((row + x as isize * step_x) as usize * N, (y * out_w + x) * N);
                            out[to..to + N].copy_from_slice(&src[from..from + N]);
                        }
                    }
                }
            }
            out
        }
        let (out_w, out_h) = if self.swaps_sides() { (height, width) } else { (width, height) };
        let steps = self.index_steps(width, height);
        let out = match bpp {
            1 => turn::<1>(src, steps, out_w, out_h),
            3 => turn::<3>(src, steps, out_w, out_h),
            4 => turn::<4>(src, steps, out_w, out_h),
            n => panic!("{n} bytes per pixel is not supported: use 1, 3 or 4"),
        };
        (out, out_w, out_h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientations_map_corners() {
        // 3×2 image, one byte per pixel: 0 1 2 / 3 4 5.
        let src = [0u8, 1, 2, 3, 4, 5];
        let turn = |o: Orientation| o.apply(&src, 3, 2, 1);
        assert_eq!(turn(Orientation::Upright), (src.to_vec(), 3, 2));
        assert_eq!(turn(Orientation::Rotate90), (vec![3, 0, 4, 1, 5, 2], 2, 3));
        assert_eq!(turn(Orientation::Rotate180), (vec![5, 4, 3, 2, 1, 0], 3, 2));
        assert_eq!(turn(Orientation::Rotate270), (vec![2, 5, 1, 4, 0, 3], 2, 3));
        assert_eq!(turn(Orientation::MirrorX), (vec![2, 1, 0, 5, 4, 3], 3, 2));
        assert_eq!(turn(Orientation::MirrorY), (vec![3, 4, 5, 0, 1, 2], 3, 2));
        assert_eq!(turn(Orientation::Transpose), (vec![0, 3, 1, 4, 2, 5], 2, 3));
        assert_eq!(turn(Orientation::Transverse), (vec![5, 2, 4, 1, 3, 0], 2, 3));
    }

    #[test]
    fn exif_orientation_tag_is_read_in_both_byte_orders() {
        let le = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0";
        let be = b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x08\0\0";
        assert_eq!(Orientation::from_exif(le), Orientation::Rotate90);
        assert_eq!(Orientation::from_exif(be), Orientation::Rotate270);
        assert_eq!(Orientation::from_exif(b"Exif\0\0II*\0\xff\xff\0\0"), Orientation::Upright);
        assert_eq!(Orientation::from_exif(b""), Orientation::Upright);
    }
}
