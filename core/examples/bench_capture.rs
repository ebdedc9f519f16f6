//! Measurements for `scripts/bench-capture` (a bench, not a test). Modes:
//!
//! * `prepare DIR`: writes the bench frames, camera-like 640×480 BGRA buffers (rotation 270, as
//!   an Android front camera held upright) cut from a real photo, plus `frames.txt` describing
//!   them.
//! * `pipeline DIR STORE RUNS`: the capture's output work on those 8 frames (7 liveness at 320 px,
//!   the selfie at 640 px: resize, turn upright, JPEG, atomic files in a tag, zip); prints the
//!   median ms. `scripts/bench_capture_pillow.py` does the same work with Pillow.
//! * `detect DIR RUNS`: `CaptureSession::process_frame` on frames that are not captured
//!   (analysis downscale + face detection); prints the median ms per frame.
//! * `session DIR STORE`: one whole capture session to Done; prints the peak RSS (VmHWM) before
//!   and after it, in kB.

#[path = "../tests/capture_util/mod.rs"]
mod capture_util;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use smileid_core::capture::{
    frame_to_jpeg, CaptureOptions, CaptureSession, Frame, Guidance, PixelFormat, Plane,
};
use smileid_core::{ImageType, TagStore};

const FRAMES: usize = 8;
const ROTATION: u32 = 270;

/// One raw BGRA frame as written by `prepare`.
struct Raw {
    data: Vec<u8>,
    width: u32,
    height: u32,
    row_stride: u32,
}

impl Raw {
    fn with_frame<R>(&self, timestamp_ms: u64, f: impl FnOnce(&Frame<'_>) -> R) -> R {
        let planes = [Plane { data: &self.data, row_stride: self.row_stride, pixel_stride: 4 }];
        f(&Frame {
            format: PixelFormat::Bgra8888,
            width: self.width,
            height: self.height,
            planes: &planes,
            rotation_degrees: ROTATION,
            timestamp_ms,
            smile_probability: None,
            head_pose: None,
        })
    }
}

fn prepare(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let (rgb, face) = capture_util::photo("grace_hopper.jpg");
    let face = face.expect("the bench photo has a face");
    let mut index = String::new();
    for i in 0..FRAMES {
        // A hand-held phone: the framing drifts a little from frame to frame.
        let drift = (i as f32 * 0.9).sin() * 0.01;
        let region =
            capture_util::region_for(&face, 480, 640, 0.18 + drift.abs() / 2.0, drift, -drift);
        let upright = capture_util::view(&rgb, region, 480, 640, 1.0);
        let owned = capture_util::pack(
            &upright,
            ROTATION,
            capture_util::Packing::Packed { bgr: true, pad: 0 },
        );
        let plane = owned.planes()[0];
        let name = format!("frame_{i}.bgra");
        std::fs::write(dir.join(&name), plane.data).unwrap();
        index +=
            &format!("{name} {} {} {} {ROTATION}\n", owned.width, owned.height, plane.row_stride);
    }
    std::fs::write(dir.join("frames.txt"), index).unwrap();
}

fn load(dir: &Path) -> Vec<Raw> {
    let index = std::fs::read_to_string(dir.join("frames.txt")).expect("run `prepare` first");
    index
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split(' ').collect();
            let n = |i: usize| f[i].parse::<u32>().unwrap();
            Raw {
                data: std::fs::read(dir.join(f[0])).unwrap(),
                width: n(1),
                height: n(2),
                row_stride: n(3),
            }
        })
        .collect()
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// The tag's images in a zip (stored: JPEGs do not compress), as the upload does.
fn zip_tag(store: &TagStore, tag: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (_, path) in store.images(tag).unwrap().all() {
        zip.start_file(path.file_name().unwrap().to_str().unwrap(), stored).unwrap();
        zip.write_all(&std::fs::read(path).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn pipeline(frames: &[Raw], store: &Path, runs: usize) -> f64 {
    let store = TagStore::open(store).unwrap();
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let mut writer = store.writer(Some("bench")).unwrap();
            for (i, raw) in frames.iter().enumerate() {
                let (kind, side) = if i + 1 < frames.len() {
                    (ImageType::Liveness, 320)
                } else {
                    (ImageType::Selfie, 640)
                };
                writer.add(kind, &raw.with_frame(0, |f| frame_to_jpeg(f, side)).unwrap()).unwrap();
            }
            let tag = writer.commit("camera").unwrap();
            std::hint::black_box(zip_tag(&store, &tag));
            start.elapsed()
        })
        .collect();
    median(times)
}

fn detect(frames: &[Raw], runs: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let mut session = CaptureSession::new(&store, None, CaptureOptions::default()).unwrap();
    // Frames 1 ms apart: after the first capture the interval never passes, so each frame is
    // analysis and detection only. The first frames (reference, capture) are left out.
    let times: Vec<Duration> = (0..runs + 2)
        .map(|i| {
            let start = Instant::now();
            let guidance = frames[i % frames.len()]
                .with_frame(i as u64, |f| session.process_frame(f))
                .unwrap();
            assert!(
                matches!(guidance, Guidance::Capturing { .. }),
                "bench frames are good frames: {guidance:?}"
            );
            start.elapsed()
        })
        .skip(2)
        .collect();
    median(times)
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
        .unwrap_or(0)
}

fn session(frames: &[Raw], store: &Path) {
    let before = peak_rss_kb();
    let store = TagStore::open(store).unwrap();
    let mut session =
        CaptureSession::new(&store, Some("bench-session"), CaptureOptions::default()).unwrap();
    for i in 0.. {
        let guidance = frames[i % frames.len()]
            .with_frame(i as u64 * 100, |f| session.process_frame(f))
            .unwrap();
        if matches!(guidance, Guidance::Done { .. }) {
            break;
        }
        assert!(i < 200, "no Done: {guidance:?}");
    }
    println!("{before} {}", peak_rss_kb());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("usage: see the header of examples/bench_capture.rs"))
    };
    match arg(0) {
        "prepare" => prepare(Path::new(arg(1))),
        "pipeline" => println!(
            "{:.3}",
            pipeline(&load(Path::new(arg(1))), Path::new(arg(2)), arg(3).parse().unwrap())
        ),
        "detect" => println!("{:.3}", detect(&load(Path::new(arg(1))), arg(2).parse().unwrap())),
        "session" => session(&load(Path::new(arg(1))), Path::new(arg(2))),
        other => panic!("unknown mode {other}"),
    }
}
