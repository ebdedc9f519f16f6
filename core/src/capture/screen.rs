//! What a camera screen decides, without a camera or a UI: the prompt to draw, the progress, the
//! timeout, and the one outcome the screen ends with.
//!
//! The platform screens (Android Activity, iOS view controller) show the preview, hand every
//! frame and event here and draw the [`ScreenView`] they get back; when it carries an
//! [`Outcome`] they close. Times are passed in (`now_ms`, one monotonic clock of the caller's),
//! so a test replays a screen's life without waiting.

use super::guidance::Guidance;
use super::prompts::Prompts;
use super::{CaptureSession, Frame};
use crate::error::Error;

/// How long a capture may take, counted from the first camera frame, when the app sets nothing.
pub const DEFAULT_TIMEOUT_MS: u64 = 60_000;

/// Why a camera screen ended without a tag, for the reasons the platform reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CameraFailure {
    /// The user refused camera access (now, earlier, or for good).
    PermissionDenied,
    /// The user closed the screen (close button, back, leaving the app).
    Cancelled,
    /// No front camera, or the camera failed, or another app holds it.
    Unavailable,
    /// No capture finished within the timeout.
    Timeout,
}

impl CameraFailure {
    /// The stable code the app sees.
    pub fn code(self) -> &'static str {
        match self {
            CameraFailure::PermissionDenied => "camera_permission_denied",
            CameraFailure::Cancelled => "capture_cancelled",
            CameraFailure::Unavailable => "camera_unavailable",
            CameraFailure::Timeout => "capture_timeout",
        }
    }
}

/// How a camera screen ended.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The capture saved `tag`.
    Captured { tag: String },
    /// No tag: a [`CameraFailure`] code, or the code of the error that refused a frame.
    Failed { code: String, message: String },
}

/// What the screen should draw now.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenView {
    /// Stable key of the prompt (see [`super::prompts::ENGLISH`]).
    pub prompt_key: &'static str,
    /// The prompt's text (English, or the app's replacement).
    pub prompt: String,
    /// Images taken so far, out of `total`.
    pub captured: u32,
    pub total: u32,
    /// Set once the screen has ended: close it and report this.
    pub outcome: Option<Outcome>,
}

impl ScreenView {
    /// Share of the images taken, 0-1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.captured as f32 / self.total as f32
        }
    }
}

/// Screen settings beyond the capture's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenOptions {
    /// Time from the first camera frame to `capture_timeout` (a permission prompt before the
    /// camera starts does not count).
    pub timeout_ms: u64,
    pub prompts: Prompts,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions { timeout_ms: DEFAULT_TIMEOUT_MS, prompts: Prompts::default() }
    }
}

/// One camera screen's state: the capture session it feeds, and its single outcome. The first
/// event that ends the screen (the last frame, cancel, a camera failure, the timeout) settles
/// it; every later event is ignored and returns the same view. A screen that ends without a tag
/// cancels its session, so nothing is saved.
pub struct CaptureScreen {
    session: Option<CaptureSession>,
    tag: String,
    options: ScreenOptions,
    prompt_key: &'static str,
    captured: u32,
    total: u32,
    first_frame_ms: Option<u64>,
    outcome: Option<Outcome>,
}

impl std::fmt::Debug for CaptureScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureScreen")
            .field("tag", &self.tag)
            .field("prompt_key", &self.prompt_key)
            .field("outcome", &self.outcome)
            .finish_non_exhaustive()
    }
}

impl CaptureScreen {
    /// A screen feeding `session`; it shows `starting_camera` until the first frame.
    pub fn new(session: CaptureSession, options: ScreenOptions) -> Self {
        let total = session.progress().total;
        CaptureScreen {
            tag: session.tag().to_string(),
            session: Some(session),
            options,
            prompt_key: "starting_camera",
            captured: 0,
            total,
            first_frame_ms: None,
            outcome: None,
        }
    }

    /// The tag a successful capture is saved under.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// What to draw now.
    pub fn view(&self) -> ScreenView {
        ScreenView {
            prompt_key: self.prompt_key,
            prompt: self.options.prompts.text(self.prompt_key).to_string(),
            captured: self.captured,
            total: self.total,
            outcome: self.outcome.clone(),
        }
    }

    /// The text for a prompt key (e.g. `cancel`, the close button's label).
    pub fn prompt(&self, key: &str) -> &str {
        self.options.prompts.text(key)
    }

    /// The outcome, once settled.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// The platform is asking the user for camera access: the prompt says so.
    pub fn permission_requested(&mut self) -> ScreenView {
        if self.outcome.is_none() && self.first_frame_ms.is_none() {
            self.prompt_key = "camera_permission";
        }
        self.view()
    }

    /// A camera frame arrived at `now_ms`. The first one starts the timeout; a frame after it
    /// has run out settles `capture_timeout` without being analysed. A frame the session refuses
    /// (its buffers do not match its description) settles with that error's code: the camera's
    /// next frames would be refused the same way.
    pub fn frame(&mut self, frame: &Frame<'_>, now_ms: u64) -> ScreenView {
        if self.outcome.is_some() {
            return self.view();
        }
        self.first_frame_ms.get_or_insert(now_ms);
        if self.timed_out(now_ms) {
            return self.fail(CameraFailure::Timeout, None);
        }
        let Some(session) = self.session.as_mut() else { return self.view() };
        match session.process_frame(frame) {
            Ok(Guidance::Done { tag }) => {
                self.captured = self.total;
                self.prompt_key = "done";
                self.settle(Outcome::Captured { tag })
            }
            Ok(guidance) => {
                if let Guidance::Capturing { captured, .. } = guidance {
                    self.captured = captured;
                }
                self.prompt_key = guidance.key();
                self.view()
            }
            Err(e) => self.refuse(&e),
        }
    }

    /// Time passed without a frame being analysed (the platform calls this from a timer, so a
    /// camera that stops sending frames still times out).
    pub fn tick(&mut self, now_ms: u64) -> ScreenView {
        if self.outcome.is_none() && self.timed_out(now_ms) {
            return self.fail(CameraFailure::Timeout, None);
        }
        self.view()
    }

    /// The user closed the screen.
    pub fn cancel(&mut self) -> ScreenView {
        self.fail(CameraFailure::Cancelled, None)
    }

    /// Camera access is refused (the user said no, or refused it for good earlier).
    pub fn permission_denied(&mut self) -> ScreenView {
        self.fail(CameraFailure::PermissionDenied, None)
    }

    /// The camera cannot be used; `detail` says why (no front camera, taken by another app…).
    pub fn camera_unavailable(&mut self, detail: &str) -> ScreenView {
        self.fail(CameraFailure::Unavailable, Some(detail))
    }

    /// Ends the screen with an error met before the frame reached the session (e.g. a frame
    /// description the bindings could not convert), under that error's code.
    pub fn refuse(&mut self, error: &Error) -> ScreenView {
        self.fail_with(error.code(), error.to_string())
    }

    /// Ends the screen with `code` and `message` (first outcome wins).
    pub fn fail_with(&mut self, code: &str, message: String) -> ScreenView {
        self.settle(Outcome::Failed { code: code.to_string(), message })
    }

    fn fail(&mut self, failure: CameraFailure, detail: Option<&str>) -> ScreenView {
        let message = match failure {
            CameraFailure::PermissionDenied => {
                "camera access is denied; allow it in the app's settings to take a selfie".into()
            }
            CameraFailure::Cancelled => {
                "the selfie screen was closed before the capture finished".into()
            }
            CameraFailure::Unavailable => {
                format!("the front camera cannot be used: {}", detail.unwrap_or("unknown reason"))
            }
            CameraFailure::Timeout => format!(
                "no selfie was captured within {} ms of the first camera frame; try again with \
                 more light and the face centred",
                self.options.timeout_ms
            ),
        };
        self.fail_with(failure.code(), message)
    }

    fn timed_out(&self, now_ms: u64) -> bool {
        self.first_frame_ms
            .is_some_and(|first| now_ms.saturating_sub(first) >= self.options.timeout_ms)
    }

    /// Records `outcome` unless one is recorded; a failure discards the session's images.
    fn settle(&mut self, outcome: Outcome) -> ScreenView {
        if self.outcome.is_none() {
            if matches!(outcome, Outcome::Failed { .. }) {
                if let Some(session) = self.session.take() {
                    session.cancel();
                }
            }
            self.outcome = Some(outcome);
        }
        self.view()
    }
}
