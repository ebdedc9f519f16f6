//! `captureSelfie`'s camera screen from the bridge's side: the options read once, the session
//! the screen feeds, and the documents its outcome resolves with.

use std::sync::Arc;

use serde::Deserialize;

use super::documents::envelope;
use super::requests::{invalid, read_document};
use super::RnBridge;
use crate::capture::CaptureSession;
use crate::error::SmileIdError;

/// How long the screen waits for a capture when the app does not say.
const DEFAULT_TIMEOUT_MILLIS: i64 = 60_000;

/// A camera capture ready to show, or the envelope of why not.
#[derive(uniffi::Record)]
pub struct CaptureStart {
    /// The session the screen feeds frames to; null when `refused` is set.
    pub session: Option<Arc<CaptureSession>>,
    /// Give up (`capture_timeout`) after this long without a capture.
    pub timeout_millis: i64,
    /// The error envelope to resolve the call with instead of showing a screen.
    pub refused: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CaptureIn {
    tag: Option<String>,
    timeout_millis: Option<i64>,
}

impl RnBridge {
    fn capture_session(&self, options: &str) -> Result<(Arc<CaptureSession>, i64), SmileIdError> {
        let o: CaptureIn = read_document(options, "options")?;
        let timeout = o.timeout_millis.unwrap_or(DEFAULT_TIMEOUT_MILLIS);
        if timeout <= 0 {
            return Err(invalid("timeout_millis", "must be more than 0 (milliseconds)"));
        }
        let tag = o.tag.filter(|t| !t.is_empty());
        Ok((CaptureSession::new(self.store()?, tag, None)?, timeout))
    }
}

#[uniffi::export]
impl RnBridge {
    /// `captureSelfie({tag?, timeoutMillis?})`: the session for the camera screen, made before
    /// any screen shows so that a bad tag is refused at once.
    pub fn start_capture(&self, options: String) -> CaptureStart {
        match self.capture_session(&options) {
            Ok((session, timeout_millis)) => {
                CaptureStart { session: Some(session), timeout_millis, refused: None }
            }
            Err(e) => CaptureStart {
                session: None,
                timeout_millis: 0,
                refused: Some(envelope::<()>(Err(e))),
            },
        }
    }

    /// The error envelope of a camera screen that ended without a capture (`code`:
    /// camera_permission_denied, capture_cancelled, camera_unavailable, capture_timeout).
    pub fn capture_failed(&self, code: String, message: String) -> String {
        super::documents::error_envelope(&code, &message)
    }
}
