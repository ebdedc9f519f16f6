//! The partner-backend signature mode from JS: the library asks (on a blocking worker thread),
//! `onSignatureRequest {requestId, partnerId}` goes to JS, the app's async function runs there,
//! and the answer comes back as `resolveSignature` or `rejectSignature`. The worker waits at
//! most `timeout`.

use std::collections::HashMap;
use std::sync::mpsc::{sync_channel, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::config::{RequestSignature, SignatureProvider};
use crate::error::SmileIdError;
use crate::react_native::RnPlatform;

type Answer = Result<RequestSignature, String>;

pub(crate) struct SignatureRequests {
    events: Arc<dyn RnPlatform>,
    waiting: Mutex<HashMap<String, SyncSender<Answer>>>,
    timeout: Duration,
}

impl SignatureRequests {
    pub fn new(events: Arc<dyn RnPlatform>, timeout: Duration) -> Self {
        SignatureRequests { events, waiting: Mutex::default(), timeout }
    }

    fn take(&self, request_id: &str) -> Option<SyncSender<Answer>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner()).remove(request_id)
    }

    /// Answers a request; an unknown or expired id is ignored.
    pub fn answer(&self, request_id: &str, answer: Answer) {
        if let Some(tx) = self.take(request_id) {
            // The channel holds one answer; a worker that gave up has dropped its end.
            let _ = tx.try_send(answer);
        }
    }
}

fn network(detail: String) -> SmileIdError {
    SmileIdError::Network { code: "network".into(), field: Some("signature".into()), detail }
}

impl SignatureProvider for SignatureRequests {
    fn signature(&self, partner_id: String) -> Result<RequestSignature, SmileIdError> {
        let request_id = uuid::Uuid::new_v4().to_string();
        let (tx, rx) = sync_channel(1);
        self.waiting.lock().unwrap_or_else(|p| p.into_inner()).insert(request_id.clone(), tx);
        let body = serde_json::json!({ "requestId": request_id, "partnerId": partner_id });
        self.events.emit("onSignatureRequest".into(), body.to_string());
        let answer = rx.recv_timeout(self.timeout);
        self.take(&request_id);
        match answer {
            Ok(Ok(signed)) => Ok(signed),
            Ok(Err(message)) => {
                Err(network(format!("the app's signature function failed: {message}")))
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                Err(network(format!(
                    "the app's signature function did not answer within {} ms",
                    self.timeout.as_millis()
                )))
            }
        }
    }
}
