//! The camera capture state machine: frames in, guidance out, a tag at the end.

use super::frame::ValidFrame;
use super::guidance::{self, Guidance, Scene};
use super::{convert, encode, CaptureOptions, Frame, LIVENESS_SIDE, SELFIE_SIDE, SMILE_THRESHOLD};
use crate::error::{Error, Result};
use crate::face::{self, FaceBox};
use crate::models::ImageType;
use crate::tags::{TagStore, TagWriter};

/// Shortest accepted frame side (a 16:9 640×360 preview passes).
const MIN_FRAME_SHORTER_SIDE: u32 = 240;

/// How far a session has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Images taken so far (liveness frames, then the selfie).
    pub captured: u32,
    /// Images to take: the liveness frames plus the selfie.
    pub total: u32,
    /// Whether the tag is saved.
    pub done: bool,
}

enum Phase {
    Capturing(TagWriter),
    Done,
    /// Saving the tag failed; the staging folder is gone and nothing was published.
    Failed,
}

/// One SmartSelfie capture from camera frames.
///
/// Per frame, in order: buffer checks (errors), then [`Guidance::TooDark`], face count
/// ([`Guidance::NoFace`], [`Guidance::MultipleFaces`]), face size ([`Guidance::MoveCloser`],
/// [`Guidance::MoveBack`]), [`Guidance::CenterFace`], [`Guidance::LookStraight`] (with a head
/// pose), [`Guidance::HoldStill`] (the face moved since the previous good frame; the first good
/// frame only sets the reference), [`Guidance::Smile`] once half the liveness frames are taken
/// (until the smile probability exceeds 0.8, or for `smile_prompt_ms` without one), then a
/// capture if `min_interval_ms` has passed since the previous one. The liveness frames come
/// first and the selfie last (Android standard); the frame that takes the selfie saves the tag
/// and returns [`Guidance::Done`]. Until then nothing is visible in the store, and a tag of the
/// same name is untouched if the session is cancelled, dropped or fails.
///
/// All timing comes from [`Frame::timestamp_ms`], so a replayed sequence behaves the same.
pub struct CaptureSession {
    options: CaptureOptions,
    tag: String,
    phase: Phase,
    liveness_captured: u32,
    last_timestamp_ms: Option<u64>,
    last_capture_ms: Option<u64>,
    /// The face in the previous frame that passed every check, with that frame's analysis size.
    previous_face: Option<(FaceBox, u32, u32)>,
    smile_prompt_since_ms: Option<u64>,
}

impl std::fmt::Debug for CaptureSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureSession")
            .field("tag", &self.tag)
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

impl CaptureSession {
    /// Starts a capture into `tag` (validated), or into a generated tag name when `None`.
    pub fn new(store: &TagStore, tag: Option<&str>, options: CaptureOptions) -> Result<Self> {
        options.validate()?;
        let writer = store.writer(tag)?;
        Ok(CaptureSession {
            options,
            tag: writer.tag().to_string(),
            phase: Phase::Capturing(writer),
            liveness_captured: 0,
            last_timestamp_ms: None,
            last_capture_ms: None,
            previous_face: None,
            smile_prompt_since_ms: None,
        })
    }

    /// The tag this session saves to.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Images taken so far and in all.
    pub fn progress(&self) -> Progress {
        let done = matches!(self.phase, Phase::Done);
        Progress { captured: self.liveness_captured + u32::from(done), total: self.total(), done }
    }

    fn total(&self) -> u32 {
        self.options.liveness_frames + 1
    }

    fn capturing(&self) -> Guidance {
        Guidance::Capturing { captured: self.liveness_captured, total: self.total() }
    }

    /// Takes one camera frame and says what the user should do next. Errors mean the frame
    /// itself is unusable (buffer sizes, strides, format, rotation) or saving failed; they never
    /// end the session, except a failed save of the finished tag.
    pub fn process_frame(&mut self, frame: &Frame<'_>) -> Result<Guidance> {
        match self.phase {
            Phase::Done => return Ok(Guidance::Done { tag: self.tag.clone() }),
            Phase::Failed => {
                return Err(Error::invalid(
                    "session",
                    "saving this capture failed; start a new capture session",
                ))
            }
            Phase::Capturing(_) => {}
        }
        let valid = frame.validate()?;
        if valid.width.max(valid.height) < SELFIE_SIDE
            || valid.width.min(valid.height) < MIN_FRAME_SHORTER_SIDE
        {
            return Err(Error::InvalidImage {
                field: "frame".into(),
                reason: format!(
                    "frame is {}x{}; the selfie is {SELFIE_SIDE} px on its longer side, so set the \
                     camera to at least 640x480 (or 640x360)",
                    valid.width, valid.height
                ),
            });
        }
        let now = frame.timestamp_ms;
        if self.last_timestamp_ms.is_some_and(|last| now < last) {
            return Err(Error::invalid(
                "frame.timestamp_ms",
                "went backwards; pass timestamps from one monotonic clock",
            ));
        }
        self.last_timestamp_ms = Some(now);

        let scale = convert::analysis_scale(valid.width, valid.height, self.options.face_fill_min);
        let gray = convert::analysis_gray(&valid, scale)?;
        let faces = face::detect_unscaled(&gray, 0);
        let scene = Scene {
            width: gray.width as f32,
            height: gray.height as f32,
            brightness: convert::brightness(&gray),
            faces: &faces,
            head_pose: frame.head_pose,
        };
        let face = match guidance::assess(&scene, &self.options, self.previous_face.is_some()) {
            Ok(face) => face,
            Err(advice) => {
                self.previous_face = None;
                return Ok(advice);
            }
        };
        let previous = self.previous_face.replace((face, gray.width, gray.height));
        match previous {
            Some((before, w, h)) if (w, h) == (gray.width, gray.height) => {
                if guidance::moved(&before, &face) {
                    return Ok(Guidance::HoldStill);
                }
            }
            // The first good frame (or a new frame size) only sets the reference.
            _ => return Ok(self.capturing()),
        }
        if self.liveness_captured >= self.options.neutral_frames() {
            let smiling = match frame.smile_probability {
                Some(p) => p > SMILE_THRESHOLD,
                None => {
                    now - *self.smile_prompt_since_ms.get_or_insert(now)
                        >= self.options.smile_prompt_ms
                }
            };
            if !smiling {
                return Ok(Guidance::Smile);
            }
        }
        if self.last_capture_ms.is_some_and(|last| now - last < self.options.min_interval_ms) {
            return Ok(self.capturing());
        }
        self.capture(&valid, now)
    }

    fn capture(&mut self, frame: &ValidFrame<'_>, now: u64) -> Result<Guidance> {
        let selfie = self.liveness_captured == self.options.liveness_frames;
        let (kind, side) = if selfie {
            (ImageType::Selfie, SELFIE_SIDE)
        } else {
            (ImageType::Liveness, LIVENESS_SIDE)
        };
        let jpeg = encode::frame_jpeg(frame, side)?;
        if let Phase::Capturing(writer) = &mut self.phase {
            writer.add(kind, &jpeg)?;
        }
        self.last_capture_ms = Some(now);
        if !selfie {
            self.liveness_captured += 1;
            return Ok(self.capturing());
        }
        // A failed commit leaves the session failed: the writer is consumed and cleans up.
        if let Phase::Capturing(writer) = std::mem::replace(&mut self.phase, Phase::Failed) {
            writer.commit("camera")?;
            self.phase = Phase::Done;
        }
        Ok(Guidance::Done { tag: self.tag.clone() })
    }

    /// Abandons the capture: nothing is published, and a tag of the same name stays as it was.
    /// (Dropping the session does the same.)
    pub fn cancel(self) {}
}
