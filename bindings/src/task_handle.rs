//! `JobTask`: a job running on the library's runtime, which can be cancelled and awaited. For
//! callers that cannot cancel a suspended call themselves (React Native promises); Kotlin
//! coroutines and Swift tasks can also just cancel `submitJob`.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::watch;
use tokio::task::AbortHandle;

use crate::error::SmileIdError;
use crate::results::SubmitJobResult;
use crate::runtime;

type Outcome = Result<SubmitJobResult, SmileIdError>;

/// A running job. `cancel()` stops it at its next step (the network request in flight is
/// dropped, the tag is left as it was); `awaitResult()` returns its result, or throws
/// `SmileIdException.Cancelled` once cancelled.
#[derive(uniffi::Object)]
pub struct JobTask {
    abort: AbortHandle,
    cancelled: Arc<AtomicBool>,
    outcome: watch::Receiver<Option<Outcome>>,
}

impl JobTask {
    /// Runs `job` on the runtime. A panic inside it becomes `SmileIdError::Internal`. `cancelled`
    /// is set when the job is cancelled (its progress forwarding watches it).
    pub(crate) fn spawn(cancelled: Arc<AtomicBool>, job: impl Future<Output = Outcome> + Send + 'static) -> Arc<Self> {
        let (tx, rx) = watch::channel(None);
        let handle = runtime::spawn(async move {
            let outcome = AssertUnwindSafe(job).catch_unwind().await.unwrap_or_else(|panic| Err(SmileIdError::from_panic(panic)));
            let _ = tx.send(Some(outcome));
        });
        Arc::new(JobTask { abort: handle.abort_handle(), cancelled, outcome: rx })
    }
}

#[uniffi::export]
impl JobTask {
    /// Stops the job. Does nothing if it has finished already.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Release);
        self.abort.abort();
    }

    /// Whether the job has finished (with a result, an error or by cancellation).
    pub fn is_finished(&self) -> bool {
        // The outcome is published just before the task itself ends: either counts.
        self.outcome.borrow().is_some() || self.abort.is_finished()
    }

    /// Waits for the job's result. Can be called more than once, from several places.
    pub async fn await_result(&self) -> Result<SubmitJobResult, SmileIdError> {
        let mut outcome = self.outcome.clone();
        let finished = outcome.wait_for(Option::is_some).await.map(|done| done.clone());
        match finished {
            Ok(done) => done.expect("wait_for only returns a finished outcome"),
            // The task was dropped without an outcome: aborted by cancel().
            Err(_) => Err(SmileIdError::cancelled()),
        }
    }
}

/// Cancels a task when dropped, e.g. when Kotlin cancels the coroutine awaiting `submitJob`
/// and uniffi drops the Rust future.
pub(crate) struct CancelOnDrop(pub Arc<JobTask>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}
