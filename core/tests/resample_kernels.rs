//! The resampler's SIMD kernels (fast_image_resize, patched in `vendor/` to shift by a register
//! instead of one compiled copy per fixed-point precision) give exactly the pixels of its plain
//! code, for grey and 4-byte pixels, at scales that reach every precision the filters pick.

#![cfg(target_arch = "x86_64")]
// Choosing the kernels is unsafe in the crate's API: only extensions this CPU has are chosen.
#![allow(unsafe_code)]

use fast_image_resize::images::Image;
use fast_image_resize::pixels::{U8x4, U8};
use fast_image_resize::{
    CpuExtensions, FilterType, PixelTrait, PixelType, ResizeAlg, ResizeOptions, Resizer,
};

/// Deterministic noise with edges, so every tap of every filter matters.
fn pixels(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    (0..len)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            if i % 97 < 8 {
                255
            } else {
                state as u8
            }
        })
        .collect()
}

fn resize<P: PixelTrait>(
    extensions: CpuExtensions,
    src: &Image<'_>,
    size: (u32, u32),
    options: &ResizeOptions,
) -> Vec<u8> {
    let mut dst = Image::new(size.0, size.1, P::pixel_type());
    let mut resizer = Resizer::new();
    // SAFETY: only extensions the CPU supports reach here (checked by the caller).
    unsafe { resizer.set_cpu_extensions(extensions) };
    resizer.resize(src, &mut dst, options).expect("resize");
    dst.into_vec()
}

fn check<P: PixelTrait>(pixel_type: PixelType, bytes_per_pixel: usize) {
    let simd: Vec<_> = [CpuExtensions::Sse4_1, CpuExtensions::Avx2]
        .into_iter()
        .filter(|e| e.is_supported())
        .collect();
    assert!(!simd.is_empty(), "x86_64 without SSE4.1: nothing to compare");
    // From 3x up to 1/40 down: the bilinear filter's largest weight, and with it the precision
    // the kernels shift by, runs from about 2^14 to 2^21.
    let sizes = [
        ((64, 48), (192, 144)),
        ((97, 61), (100, 60)),
        ((640, 480), (320, 240)),
        ((1280, 720), (427, 240)),
        ((1280, 720), (160, 90)),
        ((1920, 1080), (48, 27)),
        ((333, 1000), (31, 25)),
    ];
    let mut compared = 0;
    for (seed, ((sw, sh), (dw, dh))) in sizes.into_iter().enumerate() {
        let data = pixels(sw as usize * sh as usize * bytes_per_pixel, seed as u32 + 1);
        let src = Image::from_vec_u8(sw, sh, data, pixel_type).expect("source image");
        let whole = ResizeOptions::new()
            .resize_alg(ResizeAlg::Convolution(FilterType::Bilinear))
            .use_alpha(false);
        let cropped = whole.clone().crop(3.25, 1.5, sw as f64 * 0.7, sh as f64 * 0.8);
        for options in [whole, cropped] {
            let plain = resize::<P>(CpuExtensions::None, &src, (dw, dh), &options);
            for &extensions in &simd {
                let got = resize::<P>(extensions, &src, (dw, dh), &options);
                let differing = plain.iter().zip(&got).filter(|(a, b)| a != b).count();
                assert_eq!(
                    differing, 0,
                    "{extensions:?} {pixel_type:?} {sw}x{sh} -> {dw}x{dh}: {differing} bytes differ"
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, sizes.len() * 2 * simd.len());
}

#[test]
fn grey_kernels_match_the_plain_code() {
    check::<U8>(PixelType::U8, 1);
}

#[test]
fn four_byte_kernels_match_the_plain_code() {
    check::<U8x4>(PixelType::U8x4, 4);
}
