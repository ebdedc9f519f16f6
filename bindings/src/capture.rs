//! Capture: `CaptureSession` (camera frames in, guidance out), `captureFromFiles` and
//! `addIdCard`.
//!
//! Frames are the hot path across the boundary. Both entry points take a [`FrameInfo`] and the
//! pixels beside it: `processBuffers` borrows the platform's pixel buffers without copying
//! (Kotlin: direct `ByteBuffer`s such as CameraX's `ImageProxy` planes; Swift: `Data`);
//! `processFrame` takes a list of `ByteArray`/`Data` planes, at the cost of one copy per frame.
//!
//! `CaptureScreen` (in `screen`) wraps a session with what a camera screen decides: prompts,
//! timeout and its one outcome.

mod screen;

pub use screen::{
    capture_prompts, CaptureOutcome, CaptureScreen, CaptureScreenOptions, CaptureView,
};

use std::sync::{Arc, Mutex, MutexGuard};

use smileid_core::capture::{self, Frame, Plane};
use smileid_core::ImageType;

use crate::error::{unsigned, SmileIdError};
use crate::tag_store::{IdCardSide, TagStore};

/// Pixel layout of a camera frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PixelFormat {
    /// One plane, 4 bytes per pixel R, G, B, A.
    Rgba8888,
    /// One plane, 4 bytes per pixel B, G, R, A (iOS `kCVPixelFormatType_32BGRA`).
    Bgra8888,
    /// Android NV21: Y, then interleaved V/U at half resolution; 2 planes (Y, VU), or 1 plane
    /// with VU right after `rowStride * height` bytes of Y.
    Nv21,
    /// Android `YUV_420_888` (CameraX): 3 planes Y, U, V.
    Yuv420888,
}

/// Head rotation from the platform's face tracker (ML Kit, Vision), in degrees.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct HeadPose {
    pub yaw: f32,
    pub pitch: f32,
    pub roll: f32,
}

/// How one plane's bytes are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct PlaneLayout {
    /// Bytes from the start of one row to the start of the next.
    pub row_stride: i32,
    /// Bytes from one sample to the next within a row: 4 for RGBA/BGRA, 1 for Y, 1 or 2 for U/V.
    pub pixel_stride: i32,
}

/// Everything about a frame but its pixels (for `processBuffers` and `processFrame`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FrameInfo {
    pub format: PixelFormat,
    /// Size of the buffer as stored (before `rotationDegrees`).
    pub width: i32,
    pub height: i32,
    /// One layout per plane passed (1 for RGBA/BGRA, 1 or 2 for NV21, 3 for YUV_420_888).
    pub planes: Vec<PlaneLayout>,
    /// Clockwise turn (0, 90, 180, 270) that makes the frame upright, as CameraX reports it.
    #[uniffi(default)]
    pub rotation_degrees: i32,
    /// Capture time in milliseconds on one monotonic clock.
    pub timestamp_ms: i64,
    /// Smile probability 0-1 from the platform's face tracker, if any.
    #[uniffi(default)]
    pub smile_probability: Option<f32>,
    #[uniffi(default)]
    pub head_pose: Option<HeadPose>,
}

/// Capture parameters; unset fields take the official SDKs' values (7 liveness images, 350 ms
/// apart, face filling 15-30 % of the frame, a 1.5 s smile prompt).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct CaptureOptions {
    #[uniffi(default)]
    pub liveness_frames: Option<i32>,
    #[uniffi(default)]
    pub min_interval_ms: Option<i64>,
    #[uniffi(default)]
    pub face_fill_min: Option<f32>,
    #[uniffi(default)]
    pub face_fill_max: Option<f32>,
    #[uniffi(default)]
    pub smile_prompt_ms: Option<i64>,
}

/// What the UI should show after a frame.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Guidance {
    NoFace,
    MultipleFaces,
    MoveCloser,
    MoveBack,
    CenterFace,
    LookStraight,
    TooDark,
    HoldStill,
    Smile,
    /// All is well; `captured` of `total` images are taken (liveness images, then the selfie).
    Capturing {
        captured: i32,
        total: i32,
    },
    /// The tag is saved; submit it with `submitJob`.
    Done {
        tag: String,
    },
}

/// How far a capture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CaptureProgress {
    pub captured: i32,
    pub total: i32,
    pub done: bool,
}

impl From<PixelFormat> for capture::PixelFormat {
    fn from(f: PixelFormat) -> Self {
        match f {
            PixelFormat::Rgba8888 => capture::PixelFormat::Rgba8888,
            PixelFormat::Bgra8888 => capture::PixelFormat::Bgra8888,
            PixelFormat::Nv21 => capture::PixelFormat::Nv21,
            PixelFormat::Yuv420888 => capture::PixelFormat::Yuv420888,
        }
    }
}

impl From<HeadPose> for capture::HeadPose {
    fn from(p: HeadPose) -> Self {
        capture::HeadPose { yaw: p.yaw, pitch: p.pitch, roll: p.roll }
    }
}

impl From<capture::Guidance> for Guidance {
    fn from(g: capture::Guidance) -> Self {
        use capture::Guidance as G;
        match g {
            G::NoFace => Guidance::NoFace,
            G::MultipleFaces => Guidance::MultipleFaces,
            G::MoveCloser => Guidance::MoveCloser,
            G::MoveBack => Guidance::MoveBack,
            G::CenterFace => Guidance::CenterFace,
            G::LookStraight => Guidance::LookStraight,
            G::TooDark => Guidance::TooDark,
            G::HoldStill => Guidance::HoldStill,
            G::Smile => Guidance::Smile,
            G::Capturing { captured, total } => {
                Guidance::Capturing { captured: count(captured), total: count(total) }
            }
            G::Done { tag } => Guidance::Done { tag },
        }
    }
}

fn count(n: u32) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

impl TryFrom<CaptureOptions> for capture::CaptureOptions {
    type Error = SmileIdError;

    fn try_from(o: CaptureOptions) -> Result<Self, SmileIdError> {
        let d = capture::CaptureOptions::default();
        Ok(capture::CaptureOptions {
            liveness_frames: o
                .liveness_frames
                .map_or(Ok(d.liveness_frames), |n| unsigned(n, "options.liveness_frames"))?,
            min_interval_ms: o
                .min_interval_ms
                .map_or(Ok(d.min_interval_ms), |n| unsigned(n, "options.min_interval_ms"))?,
            face_fill_min: o.face_fill_min.unwrap_or(d.face_fill_min),
            face_fill_max: o.face_fill_max.unwrap_or(d.face_fill_max),
            smile_prompt_ms: o
                .smile_prompt_ms
                .map_or(Ok(d.smile_prompt_ms), |n| unsigned(n, "options.smile_prompt_ms"))?,
        })
    }
}

fn core_options(o: Option<CaptureOptions>) -> Result<capture::CaptureOptions, SmileIdError> {
    o.unwrap_or_default().try_into()
}

/// A frame's [`FrameInfo`] converted for core, with its pixel planes.
struct Meta {
    format: capture::PixelFormat,
    width: u32,
    height: u32,
    rotation_degrees: u32,
    timestamp_ms: u64,
    smile_probability: Option<f32>,
    head_pose: Option<capture::HeadPose>,
}

impl Meta {
    fn new(info: &FrameInfo) -> Result<Self, SmileIdError> {
        Ok(Meta {
            format: info.format.into(),
            width: unsigned(info.width, "frame.width")?,
            height: unsigned(info.height, "frame.height")?,
            rotation_degrees: unsigned(info.rotation_degrees, "frame.rotation_degrees")?,
            timestamp_ms: unsigned(info.timestamp_ms, "frame.timestamp_ms")?,
            smile_probability: info.smile_probability,
            head_pose: info.head_pose.map(Into::into),
        })
    }

    fn frame<'a>(&self, planes: &'a [Plane<'a>]) -> Frame<'a> {
        Frame {
            format: self.format,
            width: self.width,
            height: self.height,
            planes,
            rotation_degrees: self.rotation_degrees,
            timestamp_ms: self.timestamp_ms,
            smile_probability: self.smile_probability,
            head_pose: self.head_pose,
        }
    }
}

/// Pairs each of `info.planes` with its bytes; `data` may hold more buffers than are used.
fn planes<'a>(info: &FrameInfo, data: &[&'a [u8]]) -> Result<Vec<Plane<'a>>, SmileIdError> {
    if info.planes.len() > data.len() {
        let reason = format!(
            "{} plane layouts but {} buffers; pass one buffer per layout (at most 3)",
            info.planes.len(),
            data.len()
        );
        return Err(
            smileid_core::Error::InvalidInput { field: "frame.planes".into(), reason }.into()
        );
    }
    let field = |index: usize, name: &str| format!("frame.planes[{index}].{name}");
    (info.planes.iter().zip(data).enumerate())
        .map(|(index, (layout, &data))| {
            Ok(Plane {
                data,
                row_stride: unsigned(layout.row_stride, &field(index, "row_stride"))?,
                pixel_stride: unsigned(layout.pixel_stride, &field(index, "pixel_stride"))?,
            })
        })
        .collect()
}

/// A SmartSelfie capture fed with camera frames. Each frame returns the guidance to show; the
/// last returns `Guidance.Done` with the saved tag. Thread-safe (frames are processed one at a
/// time). Nothing is saved until the capture completes; `cancel()` (or dropping the session)
/// discards it and leaves any existing tag of the same name untouched.
#[derive(uniffi::Object)]
pub struct CaptureSession {
    tag: String,
    inner: Mutex<Option<capture::CaptureSession>>,
}

impl CaptureSession {
    fn session(&self) -> Result<MutexGuard<'_, Option<capture::CaptureSession>>, SmileIdError> {
        // A panic while a frame was processed poisons the lock: the session state is unknown.
        self.inner.lock().map_err(|_| {
            SmileIdError::internal(
                "this capture session failed with an internal error; start a new one",
            )
        })
    }

    fn process(&self, frame: &Frame<'_>) -> Result<Guidance, SmileIdError> {
        let mut session = self.session()?;
        let session =
            session.as_mut().ok_or_else(|| SmileIdError::from(smileid_core::Error::Cancelled))?;
        Ok(session.process_frame(frame)?.into())
    }
}

#[uniffi::export]
impl CaptureSession {
    /// Starts a capture into `tag` (a generated name when null) in `store`.
    #[uniffi::constructor(default(tag = None, options = None))]
    #[allow(clippy::new_ret_no_self)]
    pub fn new(
        store: Arc<TagStore>,
        tag: Option<String>,
        options: Option<CaptureOptions>,
    ) -> Result<Arc<Self>, SmileIdError> {
        let session =
            capture::CaptureSession::new(store.core(), tag.as_deref(), core_options(options)?)?;
        Ok(Arc::new(CaptureSession {
            tag: session.tag().to_string(),
            inner: Mutex::new(Some(session)),
        }))
    }

    /// The tag this capture is saved under.
    pub fn tag(&self) -> String {
        self.tag.clone()
    }

    /// Images captured so far.
    pub fn progress(&self) -> Result<CaptureProgress, SmileIdError> {
        let session = self.session()?;
        let p = session.as_ref().map(|s| s.progress()).unwrap_or(capture::Progress {
            captured: 0,
            total: 0,
            done: false,
        });
        Ok(CaptureProgress { captured: count(p.captured), total: count(p.total), done: p.done })
    }

    /// Processes a frame whose planes are borrowed, not copied: pass up to three buffers
    /// (`info.planes` says how many are used; pass empty buffers for the rest). Kotlin: direct
    /// `ByteBuffer`s read from their start (e.g. CameraX `ImageProxy.planes[i].buffer`); Swift:
    /// `Data`.
    pub fn process_buffers(
        &self,
        info: FrameInfo,
        plane0: &[u8],
        plane1: &[u8],
        plane2: &[u8],
    ) -> Result<Guidance, SmileIdError> {
        let meta = Meta::new(&info)?;
        self.process(&meta.frame(&planes(&info, &[plane0, plane1, plane2])?))
    }

    /// Processes a frame whose planes come as `ByteArray`/`Data`, one per `info.planes` layout
    /// (one copy per frame).
    pub fn process_frame(
        &self,
        info: FrameInfo,
        planes: Vec<Vec<u8>>,
    ) -> Result<Guidance, SmileIdError> {
        let meta = Meta::new(&info)?;
        let data: Vec<&[u8]> = planes.iter().map(Vec::as_slice).collect();
        self.process(&meta.frame(&self::planes(&info, &data)?))
    }

    /// Discards the capture: nothing is saved; later frames throw `Cancelled`.
    pub fn cancel(&self) -> Result<(), SmileIdError> {
        if let Some(session) = self.session()?.take() {
            session.cancel();
        }
        Ok(())
    }
}

/// Makes a tag from photos (JPEG or PNG bytes) with the same checks and outputs as a camera
/// capture: `selfie` must show exactly one face; `liveness` is empty (the liveness images are
/// derived from the selfie) or holds exactly `options.livenessFrames` photos. Returns the tag.
/// CPU-bound (decoding, face detection): call it off the main thread.
#[uniffi::export(default(tag = None, liveness = [], options = None))]
pub fn capture_from_files(
    store: Arc<TagStore>,
    tag: Option<String>,
    selfie: Vec<u8>,
    liveness: Vec<Vec<u8>>,
    options: Option<CaptureOptions>,
) -> Result<String, SmileIdError> {
    Ok(capture::capture_from_files(
        store.core(),
        tag.as_deref(),
        &selfie,
        &liveness,
        &core_options(options)?,
    )?)
}

/// Adds or replaces an ID card photo (JPEG or PNG; turned upright, re-encoded, metadata dropped)
/// in an existing tag, for Biometric KYC. Returns the image's path.
#[uniffi::export]
pub fn add_id_card(
    store: Arc<TagStore>,
    tag: String,
    side: IdCardSide,
    image: Vec<u8>,
) -> Result<String, SmileIdError> {
    let side = match side {
        IdCardSide::Front => ImageType::IdCardFront,
        IdCardSide::Back => ImageType::IdCardBack,
    };
    Ok(capture::add_id_card(store.core(), &tag, side, &image)?.to_string_lossy().into_owned())
}
