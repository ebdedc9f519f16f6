//! Decoding of still photos (JPEG, PNG) into pixel planes.

use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;

use crate::error::{Error, Result};

/// Largest accepted photo side, to bound memory on hostile input.
pub const MAX_PHOTO_SIDE: usize = 10_000;

/// A tightly packed 8-bit grey image.
#[derive(Debug, Clone)]
pub struct Gray {
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

fn options() -> DecoderOptions {
    DecoderOptions::default().set_strict_mode(true).set_max_width(MAX_PHOTO_SIDE).set_max_height(MAX_PHOTO_SIDE).png_set_strip_to_8bit(true)
}

fn bad(field: &str, reason: impl std::fmt::Display) -> Error {
    Error::InvalidImage { field: field.to_string(), reason: reason.to_string() }
}

/// Decodes a JPEG or PNG to grey. `field` names the input in errors (e.g. `selfie`).
pub fn decode_gray(bytes: &[u8], field: &str) -> Result<Gray> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        // The decoder pads a cut-off scan with grey; a missing end-of-image marker catches that.
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
            return Err(bad(field, "truncated JPEG (no end-of-image marker)"));
        }
        let mut decoder = zune_jpeg::JpegDecoder::new_with_options(bytes, options().jpeg_set_out_colorspace(ColorSpace::Luma));
        let data = decoder.decode().map_err(|e| bad(field, format_args!("corrupt or truncated JPEG ({e:?})")))?;
        let (w, h) = decoder.dimensions().ok_or_else(|| bad(field, "JPEG has no dimensions"))?;
        return Ok(Gray { data, width: w as u32, height: h as u32 });
    }
    if bytes.starts_with(b"\x89PNG") {
        let mut decoder = zune_png::PngDecoder::new_with_options(bytes, options());
        let pixels = decoder.decode_raw().map_err(|e| bad(field, format_args!("corrupt or truncated PNG ({e:?})")))?;
        let (w, h) = decoder.get_dimensions().ok_or_else(|| bad(field, "PNG has no dimensions"))?;
        let colorspace = decoder.get_colorspace().ok_or_else(|| bad(field, "PNG has no colour space"))?;
        let channels = colorspace.num_components();
        if pixels.len() != w * h * channels {
            return Err(bad(field, "PNG with an unsupported bit depth"));
        }
        let data = match channels {
            1 | 2 => pixels.chunks_exact(channels).map(|p| p[0]).collect(),
            _ => pixels.chunks_exact(channels).map(|p| luma(p[0], p[1], p[2])).collect(),
        };
        return Ok(Gray { data, width: w as u32, height: h as u32 });
    }
    Err(bad(field, "not a JPEG or PNG file"))
}

/// BT.601 luma from 8-bit RGB, in integer arithmetic.
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((77 * r as u32 + 150 * g as u32 + 29 * b as u32 + 128) >> 8) as u8
}
