//! Camera frames cross the FFI with caller-chosen sizes, strides and planes: whatever they are,
//! `process_frame` must answer with guidance or a typed error, never panic or read out of bounds.
#![no_main]
use smileid_core::capture::{CaptureOptions, CaptureSession, Frame, PixelFormat, Plane};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((header, pixels)) = data.split_at_checked(12) else { return };
    let format =
        [PixelFormat::Rgba8888, PixelFormat::Bgra8888, PixelFormat::Nv21, PixelFormat::Yuv420888]
            [header[0] as usize % 4];
    // Sizes around the capture minimum (640×240) so both the checks and the pipeline run.
    let width = 600 + u32::from(header[1]);
    let height = 200 + u32::from(header[2]);
    let row_stride = width * u32::from(header[3] % 5) + u32::from(header[4]);
    let pixel_stride = u32::from(header[5] % 5);
    let plane_count = 1 + header[6] as usize % 3;
    let buffer: Vec<u8> = pixels
        .iter()
        .copied()
        .cycle()
        .take(row_stride as usize * height as usize * 4 / 3 + header[7] as usize)
        .collect();
    let third = buffer.len() / 3;
    let planes: Vec<Plane> = (0..plane_count)
        .map(|i| Plane {
            data: &buffer[i * third..],
            row_stride: if i == 0 { row_stride } else { row_stride / 2 + 1 },
            pixel_stride,
        })
        .collect();
    let frame = Frame {
        format,
        width,
        height,
        planes: &planes,
        rotation_degrees: u32::from(header[8] % 4) * 90 + u32::from(header[9] % 2),
        timestamp_ms: u64::from(header[10]) * 100,
        smile_probability: Some(f32::from(header[11]) / 200.0),
        head_pose: None,
    };
    let dir = std::env::temp_dir().join("smileid-fuzz-capture");
    let store = smileid_core::TagStore::open(&dir).unwrap();
    let mut session = CaptureSession::new(&store, Some("fuzz"), CaptureOptions::default()).unwrap();
    let _ = session.process_frame(&frame);
});
