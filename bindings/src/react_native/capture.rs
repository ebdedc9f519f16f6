//! `captureSelfie`'s camera screen from the bridge's side: the options read once into the
//! screen's decisions (`CaptureScreen`), and the document its outcome resolves with.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use super::documents::{envelope, error_envelope};
use super::requests::read_document;
use super::RnBridge;
use crate::capture::{CaptureOutcome, CaptureScreen, CaptureScreenOptions};
use crate::error::SmileIdError;

/// A camera screen ready to show, or the envelope of why not.
#[derive(uniffi::Record)]
pub struct CaptureStart {
    /// What the screen feeds and draws; null when `refused` is set.
    pub screen: Option<Arc<CaptureScreen>>,
    /// The error envelope to resolve the call with instead of showing a screen.
    pub refused: Option<String>,
}

/// `captureSelfie`'s options.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CaptureIn {
    tag: Option<String>,
    /// From the first camera frame; the default is core's (60 s).
    timeout_millis: Option<i64>,
    /// The app's texts by prompt key, replacing the English ones.
    #[serde(default)]
    prompts: HashMap<String, String>,
}

impl RnBridge {
    fn capture_screen(&self, options: &str) -> Result<Arc<CaptureScreen>, SmileIdError> {
        let o: CaptureIn = read_document(options, "options")?;
        let screen = CaptureScreenOptions { timeout_ms: o.timeout_millis, prompts: o.prompts };
        let tag = o.tag.filter(|t| !t.is_empty());
        CaptureScreen::new(self.store()?, tag, None, Some(screen))
    }
}

#[uniffi::export]
impl RnBridge {
    /// `captureSelfie({tag?, timeoutMillis?, prompts?})`: the screen's decisions, made before
    /// any screen shows so that a bad tag or option is refused at once.
    pub fn start_capture(&self, options: String) -> CaptureStart {
        match self.capture_screen(&options) {
            Ok(screen) => CaptureStart { screen: Some(screen), refused: None },
            Err(e) => CaptureStart { screen: None, refused: Some(envelope::<()>(Err(e))) },
        }
    }

    /// What a finished camera screen resolves with: `CapturedSelfie`, or the error of its code
    /// (camera_permission_denied, capture_cancelled, camera_unavailable, capture_timeout, …).
    pub fn capture_outcome(&self, outcome: CaptureOutcome) -> String {
        match outcome {
            CaptureOutcome::Captured { tag } => envelope(self.captured(tag)),
            CaptureOutcome::Failed { code, message } => error_envelope(&code, &message),
        }
    }

    /// The error envelope of a failure the glue met itself (e.g. the app's tag folder could not
    /// be made private: `storage`), so that no platform writes JSON.
    pub fn failure(&self, code: String, message: String) -> String {
        error_envelope(&code, &message)
    }
}
