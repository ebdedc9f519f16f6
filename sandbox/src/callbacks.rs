//! Result callbacks (§3.8): when a job with a `callback_url` completes, its result object plus a
//! fresh `signature` and `timestamp` is POSTed there, retried with exponential backoff. Delivery
//! runs in its own task and never delays job completion.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use backon::{ExponentialBuilder, Retryable};
use serde_json::{Map, Value};
use smileid_core::protocol::signature::sign_now;

use crate::background::Background;
use crate::faults::{FaultEndpoint, FaultKind};
use crate::redact::without_query;
use crate::stats::bump;
use crate::store::{unix_millis, CallbackAttempt, Job, JobState};

/// Time limit of one delivery attempt.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub(crate) struct Callbacks {
    client: reqwest::Client,
    attempts: u32,
    backoff: Duration,
    bg: Background,
}

#[derive(Debug, thiserror::Error)]
enum DeliveryError {
    #[error("{0}")]
    Http(#[from] reqwest::Error),
    #[error("receiver answered HTTP {0}")]
    Status(u16),
    #[error("injected fault: {0}")]
    Injected(FaultKind),
}

impl Callbacks {
    pub fn new(attempts: u32, backoff: Duration, bg: Background) -> Self {
        let client = reqwest::Client::builder()
            .timeout(ATTEMPT_TIMEOUT)
            .build()
            .expect("a default reqwest client builds");
        Callbacks { client, attempts, backoff, bg }
    }

    /// Sends the completed `job`'s result to its callback URL, if it has one.
    pub fn dispatch(&self, job: Arc<Job>) {
        let JobState::Complete(completion) = &job.state else { return };
        if job.callback_url.is_empty() {
            return;
        }
        let Some(partner) = self.bg.store.partner(&job.partner_id) else { return };
        let mut body: Map<String, Value> =
            serde_json::from_str(completion.result.get()).expect("stored results are JSON objects");
        let signed = sign_now(&partner.api_key, &job.partner_id);
        body.insert("signature".into(), signed.signature.into());
        body.insert("timestamp".into(), signed.timestamp.into());
        let this = self.clone();
        self.bg.tasks.spawn(async move {
            let backoff = ExponentialBuilder::default()
                .with_min_delay(this.backoff)
                .with_factor(2.0)
                .with_max_times(this.attempts.saturating_sub(1) as usize);
            let attempts = AtomicU32::new(0);
            let deliver =
                || this.attempt(&job, &body, attempts.fetch_add(1, Ordering::Relaxed) + 1);
            let delivered = tokio::select! {
                _ = this.bg.shutdown.cancelled() => return,
                result = deliver.retry(backoff).notify(|e, _| {
                    let smile_job_id = job.smile_job_id;
                    tracing::debug!(smile_job_id, error = %e, "callback attempt failed")
                }) => result,
            };
            match delivered {
                Ok(()) => bump(&this.bg.counters.callbacks_delivered),
                Err(e) => {
                    bump(&this.bg.counters.callbacks_failed);
                    let smile_job_id = job.smile_job_id;
                    tracing::warn!(smile_job_id, error = %e, "callback not delivered");
                }
            }
        });
    }

    /// One delivery attempt, recorded for the dashboard with its outcome and duration.
    async fn attempt(
        &self,
        job: &Job,
        body: &Map<String, Value>,
        attempt: u32,
    ) -> Result<(), DeliveryError> {
        let (at_ms, started) = (unix_millis(), Instant::now());
        let result = self.post(&job.callback_url, body).await;
        let (status, error) = match &result {
            Ok(status) => (Some(*status), None),
            Err(DeliveryError::Status(status)) => (Some(*status), Some(format!("HTTP {status}"))),
            Err(e) => (None, Some(e.to_string())),
        };
        let record = CallbackAttempt {
            attempt,
            at_ms,
            url: without_query(&job.callback_url),
            status,
            error,
            duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        };
        let (store, smile_job_id) = (self.bg.store.clone(), job.smile_job_id);
        let recorded = tokio::task::spawn_blocking(move || {
            store.record_callback_attempt(smile_job_id, &record)
        })
        .await;
        if !matches!(recorded, Ok(Ok(()))) {
            tracing::warn!(smile_job_id, "recording a callback attempt failed");
        }
        result.map(|_| ())
    }

    /// POSTs the body; the receiver's 2xx status on success.
    async fn post(&self, url: &str, body: &Map<String, Value>) -> Result<u16, DeliveryError> {
        match self.bg.faults.draw(FaultEndpoint::Callbacks) {
            Some(FaultKind::Delay(delay)) => tokio::time::sleep(delay).await,
            Some(kind) => return Err(DeliveryError::Injected(kind)),
            None => {}
        }
        // Without the URL: its query may hold the partner's token.
        let response =
            self.client.post(url).json(body).send().await.map_err(|e| e.without_url())?;
        if response.status().is_success() {
            Ok(response.status().as_u16())
        } else {
            Err(DeliveryError::Status(response.status().as_u16()))
        }
    }
}
