//! Frames/s of core's CaptureSession fed directly from Rust: the baseline for the Kotlin side of
//! scripts/bench-bindings (bindings/kotlin/.../FrameBench.kt), on the same 1280×720 NV21 frame.
//! With `yuv420888`, the same bytes go in as Android's YUV_420_888 with interleaved chroma (Y, U
//! and V planes, U and V one byte apart), as the React Native camera screen passes them.
//!
//!   cargo run --release -p smileid-ffi --example frame-bench -- FRAME.nv21 [COUNT [yuv420888]]

use std::time::Instant;

use smileid_core::capture::{CaptureOptions, CaptureSession, Frame, Guidance, PixelFormat, Plane};
use smileid_core::TagStore;

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 720;
const WARMUP: u64 = 30;

fn measure(nv21: &[u8], count: u64, yuv420888: bool) -> f64 {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = TagStore::open(dir.path()).expect("tag store");
    let options = CaptureOptions { min_interval_ms: 60_000, ..CaptureOptions::default() };
    let mut session = CaptureSession::new(&store, None, options).expect("session");
    let y_len = (WIDTH * HEIGHT) as usize;
    let y = Plane { data: &nv21[..y_len], row_stride: WIDTH, pixel_stride: 1 };
    let vu = Plane { data: &nv21[y_len..], row_stride: WIDTH, pixel_stride: 2 };
    let u = Plane { data: &nv21[y_len + 1..], ..vu };
    let (format, planes) = if yuv420888 {
        (PixelFormat::Yuv420888, vec![y, u, vu])
    } else {
        (PixelFormat::Nv21, vec![y, vu])
    };
    let mut feed = |i: u64| {
        let frame = Frame {
            format,
            width: WIDTH,
            height: HEIGHT,
            planes: &planes,
            rotation_degrees: 90,
            timestamp_ms: i * 33,
            smile_probability: Some(0.95),
            head_pose: None,
        };
        session.process_frame(&frame).expect("frame")
    };
    for i in 0..WARMUP {
        feed(i);
    }
    let start = Instant::now();
    for i in 0..count {
        let g = feed(WARMUP + i);
        assert!(matches!(g, Guidance::Capturing { .. }), "frame {i}: {g:?}");
    }
    count as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: frame-bench FRAME.nv21 [COUNT [yuv420888]]");
    let count: u64 = args.next().map_or(300, |c| c.parse().expect("COUNT is a number"));
    let yuv420888 = args.next().is_some_and(|layout| layout == "yuv420888");
    let nv21 = std::fs::read(&path).expect("read the frame file");
    assert_eq!(nv21.len(), (WIDTH * HEIGHT * 3 / 2) as usize, "a 1280x720 NV21 frame");
    let fps = (0..2).map(|_| measure(&nv21, count, yuv420888)).fold(0.0, f64::max);
    println!("RUST_FPS {fps:.1} frames={count}");
}
