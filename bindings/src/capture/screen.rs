//! `CaptureScreen`: what a camera screen draws and how it ends, decided in core; the Android
//! Activity and the iOS view controller only show the preview, feed it and draw its answer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use smileid_core::capture;

use super::{core_options, planes, CaptureOptions, FrameInfo, Meta};
use crate::error::{unsigned, SmileIdError};
use crate::tag_store::TagStore;

/// The screen's own settings; unset fields take the defaults (60 s, English prompts).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct CaptureScreenOptions {
    /// Milliseconds from the first camera frame to `capture_timeout`.
    #[uniffi(default)]
    pub timeout_ms: Option<i64>,
    /// Replacement texts by prompt key (see `capturePrompts()` for the keys and English texts).
    #[uniffi(default)]
    pub prompts: HashMap<String, String>,
}

/// How a camera screen ended.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CaptureOutcome {
    /// The capture saved `tag`.
    Captured { tag: String },
    /// No tag. `code`: `camera_permission_denied`, `capture_cancelled`, `camera_unavailable`,
    /// `capture_timeout`, or the code of the error that refused a frame (e.g. `invalid_image`).
    Failed { code: String, message: String },
}

/// What the screen draws now; when `outcome` is set, the screen closes and reports it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CaptureView {
    /// Stable prompt key, e.g. `starting_camera`, `no_face`, `capturing`.
    pub prompt_key: String,
    /// The prompt text (English or the app's replacement).
    pub prompt: String,
    pub captured: i32,
    pub total: i32,
    /// `captured / total`, 0-1.
    pub progress: f32,
    pub outcome: Option<CaptureOutcome>,
}

impl From<capture::ScreenView> for CaptureView {
    fn from(v: capture::ScreenView) -> Self {
        let outcome = v.outcome.clone().map(|o| match o {
            capture::Outcome::Captured { tag } => CaptureOutcome::Captured { tag },
            capture::Outcome::Failed { code, message } => CaptureOutcome::Failed { code, message },
        });
        CaptureView {
            prompt_key: v.prompt_key.to_string(),
            prompt: v.prompt.clone(),
            captured: super::count(v.captured),
            total: super::count(v.total),
            progress: v.fraction(),
            outcome,
        }
    }
}

/// Prompt keys with their English texts: what `CaptureScreenOptions.prompts` may replace.
#[uniffi::export]
pub fn capture_prompts() -> HashMap<String, String> {
    capture::ENGLISH_PROMPTS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// One camera screen's decisions. Feed it the camera's frames and the screen's events with the
/// time from one monotonic clock (`nowMs`: Android `SystemClock.elapsedRealtime()`, iOS
/// `DispatchTime.now()` in ms); each call returns the view to draw. The first event that ends
/// the screen wins (the last frame, cancel, a camera failure, the timeout counted from the first
/// frame); later ones return the same outcome. Thread-safe: frames on an analysis thread, events
/// on the main thread. Never throws once made.
#[derive(uniffi::Object)]
pub struct CaptureScreen {
    tag: String,
    inner: Mutex<capture::CaptureScreen>,
}

impl CaptureScreen {
    /// The screen; a panic during an earlier call leaves it usable, and ends it.
    fn screen(&self) -> MutexGuard<'_, capture::CaptureScreen> {
        let poisoned = self.inner.is_poisoned();
        let mut screen = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if poisoned {
            let e = SmileIdError::internal("the capture failed with an internal error");
            screen.fail_with(&e.error_code(), e.error_detail());
        }
        screen
    }

    fn frame(&self, info: &FrameInfo, data: &[&[u8]], now_ms: i64) -> CaptureView {
        let mut screen = self.screen();
        let converted = Meta::new(info).and_then(|meta| {
            let now: u64 = unsigned(now_ms, "now_ms")?;
            Ok((meta, planes(info, data)?, now))
        });
        match converted {
            Ok((meta, planes, now)) => screen.frame(&meta.frame(&planes), now),
            Err(e) => screen.fail_with(&e.error_code(), e.error_detail()),
        }
        .into()
    }
}

#[uniffi::export]
impl CaptureScreen {
    /// A screen capturing into `tag` (a generated name when null) in `store`. Throws for a bad
    /// tag or option, before any screen is shown.
    #[uniffi::constructor(default(tag = None, options = None, screen = None))]
    pub fn new(
        store: Arc<TagStore>,
        tag: Option<String>,
        options: Option<CaptureOptions>,
        screen: Option<CaptureScreenOptions>,
    ) -> Result<Arc<Self>, SmileIdError> {
        let screen = screen.unwrap_or_default();
        let timeout_ms = match screen.timeout_ms {
            Some(ms) if ms <= 0 => {
                let reason = "must be more than 0 (milliseconds from the first camera frame)";
                return Err(smileid_core::Error::InvalidInput {
                    field: "options.timeout_ms".into(),
                    reason: reason.into(),
                }
                .into());
            }
            Some(ms) => unsigned(ms, "options.timeout_ms")?,
            None => capture::DEFAULT_TIMEOUT_MS,
        };
        let prompts = capture::Prompts::with_replacements(&screen.prompts)?;
        let session =
            capture::CaptureSession::new(store.core(), tag.as_deref(), core_options(options)?)?;
        let screen =
            capture::CaptureScreen::new(session, capture::ScreenOptions { timeout_ms, prompts });
        Ok(Arc::new(CaptureScreen { tag: screen.tag().to_string(), inner: Mutex::new(screen) }))
    }

    /// The tag a successful capture is saved under.
    pub fn tag(&self) -> String {
        self.tag.clone()
    }

    /// What to draw now (`starting_camera` before the first frame).
    pub fn view(&self) -> CaptureView {
        self.screen().view().into()
    }

    /// The text for any prompt key, e.g. `cancel` for the close button's label.
    pub fn prompt(&self, key: String) -> String {
        self.screen().prompt(&key).to_string()
    }

    /// The outcome, once the screen has ended.
    pub fn outcome(&self) -> Option<CaptureOutcome> {
        self.view().outcome
    }

    /// The system's camera permission prompt is up: the prompt asks for access.
    pub fn permission_requested(&self) -> CaptureView {
        self.screen().permission_requested().into()
    }

    /// A camera frame whose planes are borrowed, not copied (as `CaptureSession.processBuffers`).
    /// A frame its description does not fit ends the screen with that error's code.
    pub fn process_buffers(
        &self,
        info: FrameInfo,
        plane0: &[u8],
        plane1: &[u8],
        plane2: &[u8],
        now_ms: i64,
    ) -> CaptureView {
        self.frame(&info, &[plane0, plane1, plane2], now_ms)
    }

    /// A camera frame as one `ByteArray`/`Data` per plane (as `CaptureSession.processFrame`).
    pub fn process_frame(&self, info: FrameInfo, planes: Vec<Vec<u8>>, now_ms: i64) -> CaptureView {
        let data: Vec<&[u8]> = planes.iter().map(Vec::as_slice).collect();
        self.frame(&info, &data, now_ms)
    }

    /// Time passed (call it from a timer, e.g. every 250 ms): the timeout also ends a screen
    /// whose camera stopped sending frames.
    pub fn tick(&self, now_ms: i64) -> CaptureView {
        let now = u64::try_from(now_ms).unwrap_or(0);
        self.screen().tick(now).into()
    }

    /// The user closed the screen (close button, back, leaving the app): `capture_cancelled`.
    pub fn cancel(&self) -> CaptureView {
        self.screen().cancel().into()
    }

    /// Camera access is refused, now or for good: `camera_permission_denied`.
    pub fn permission_denied(&self) -> CaptureView {
        self.screen().permission_denied().into()
    }

    /// The camera cannot be used (`detail` says why, for the message): `camera_unavailable`.
    pub fn camera_unavailable(&self, detail: String) -> CaptureView {
        self.screen().camera_unavailable(&detail).into()
    }
}
