//! SmartSelfie capture: camera frames or photos in, a selfie tag out.
//!
//! Both paths produce what the official Android SDK (standard SmartSelfie, protocol §6) uploads:
//! [`DEFAULT_LIVENESS_FRAMES`] liveness JPEGs with a longer side of [`LIVENESS_SIDE`] px, then one
//! selfie of [`SELFIE_SIDE`] px, JPEG quality [`JPEG_QUALITY`], saved through the tag store
//! (atomic files, owner-only permissions, nothing visible before the tag is complete).
//!
//! * [`CaptureSession`]: a state machine fed with camera frames ([`Frame`]); each frame returns the
//!   [`Guidance`] the UI shows, and the last one returns [`Guidance::Done`] with the tag.
//! * [`CaptureScreen`]: a camera screen's decisions around a session (prompt texts by stable
//!   key, the timeout from the first frame, one outcome: the tag or a camera error code).
//! * [`capture_from_files`]: a selfie photo (and optional liveness photos) through the same checks.
//! * [`capture_document_from_files`]: a document's front and optional back added to a tag for
//!   Document Verification (jobs 6 and 11), refused when unreadable, too small, dark or blurred.
//! * [`add_id_card`]: an ID card photo (front or back) added to an existing tag for JT1;
//!   [`frame_to_jpeg`] makes one from a camera frame.
//!
//! Camera frames keep the whole field of view, resized (as the official SDKs send them). Photos
//! are cropped around the face to the middle of the face-fill band, as if the user had stood at
//! the distance the camera guidance asks for; see [`capture_from_files`].

mod convert;
mod document;
mod encode;
mod frame;
mod from_files;
mod guidance;
mod prompts;
mod screen;
mod session;

pub use document::{
    capture_document_from_files, check_document, measure_document, save_document, CheckedDocument,
    DocumentQuality, DOCUMENT_JPEG_QUALITY, DOCUMENT_MAX_SIDE, DOCUMENT_MIN_BRIGHTNESS,
    DOCUMENT_MIN_LONG_SIDE, DOCUMENT_MIN_SHARPNESS, DOCUMENT_MIN_SHORT_SIDE, SHARPNESS_SIDE,
};
pub use encode::frame_to_jpeg;
pub use frame::{Frame, HeadPose, PixelFormat, Plane};
pub use from_files::{add_id_card, capture_from_files};
pub use guidance::Guidance;
pub use prompts::{Prompts, ENGLISH as ENGLISH_PROMPTS};
pub use screen::{
    CameraFailure, CaptureScreen, Outcome, ScreenOptions, ScreenView, DEFAULT_TIMEOUT_MS,
};
pub use session::{CaptureSession, Progress};

use crate::error::{Error, Result};

/// Longer side of each liveness image (§6).
pub const LIVENESS_SIDE: u32 = 320;
/// Longer side of the selfie image (§6).
pub const SELFIE_SIDE: u32 = 640;
/// JPEG quality of every captured image (§6: Android 80, iOS 0.8).
pub const JPEG_QUALITY: u8 = 80;
/// Liveness images per capture (§6, Android and iOS standard).
pub const DEFAULT_LIVENESS_FRAMES: u32 = 7;
/// Smallest gap between two captured frames, by frame timestamps (§6).
pub const DEFAULT_MIN_INTERVAL_MS: u64 = 350;
/// A face must cover at least this share of the frame (§6, Android standard).
pub const DEFAULT_FACE_FILL_MIN: f32 = 0.15;
/// A face may cover at most this share of the frame (§6, Android standard).
pub const DEFAULT_FACE_FILL_MAX: f32 = 0.30;
/// How long the "smile" prompt shows before capture resumes when the platform gives no smile
/// probability.
pub const DEFAULT_SMILE_PROMPT_MS: u64 = 1500;
/// Smile probability above which the user counts as smiling (§6: > 0.8).
pub const SMILE_THRESHOLD: f32 = 0.8;

/// Tunable capture parameters. The defaults are the Android standard SmartSelfie values (§6);
/// Android's face-fill band is used because its image sizes and frame count are the ones kept.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptureOptions {
    /// Liveness images to capture before the selfie (1-20).
    pub liveness_frames: u32,
    /// Smallest gap between captures, by frame timestamps.
    pub min_interval_ms: u64,
    /// Face-fill band: the face box area over the frame area must lie within it. Face boxes are
    /// SeetaFace's, which span brows to chin and ear to ear like ML Kit's.
    pub face_fill_min: f32,
    /// Upper end of the face-fill band.
    pub face_fill_max: f32,
    /// Length of the timed smile prompt used when frames carry no smile probability.
    pub smile_prompt_ms: u64,
}

impl Default for CaptureOptions {
    fn default() -> Self {
        CaptureOptions {
            liveness_frames: DEFAULT_LIVENESS_FRAMES,
            min_interval_ms: DEFAULT_MIN_INTERVAL_MS,
            face_fill_min: DEFAULT_FACE_FILL_MIN,
            face_fill_max: DEFAULT_FACE_FILL_MAX,
            smile_prompt_ms: DEFAULT_SMILE_PROMPT_MS,
        }
    }
}

impl CaptureOptions {
    /// Checks that the values make a capture possible.
    pub fn validate(&self) -> Result<()> {
        if !(1..=20).contains(&self.liveness_frames) {
            return Err(Error::invalid("options.liveness_frames", "use 1-20 (the SDKs use 7)"));
        }
        if !(self.face_fill_min > 0.0
            && self.face_fill_min < self.face_fill_max
            && self.face_fill_max < 1.0)
        {
            return Err(Error::invalid(
                "options.face_fill_min",
                "need 0 < face_fill_min < face_fill_max < 1 (the SDKs use 0.15 and 0.30)",
            ));
        }
        if self.min_interval_ms > 60_000 || self.smile_prompt_ms > 60_000 {
            return Err(Error::invalid(
                "options.min_interval_ms",
                "intervals over a minute make capture impossible; use 0-60000 ms",
            ));
        }
        Ok(())
    }

    /// Liveness images captured before the smile is asked for: the first half, rounded down.
    fn neutral_frames(&self) -> u32 {
        self.liveness_frames / 2
    }
}
