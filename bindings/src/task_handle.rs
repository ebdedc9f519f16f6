//! Handles on long calls running on the library's runtime, which can be cancelled and awaited:
//! `JobTask` (a job), `ResumeTask` (resuming pending jobs) and `StatusTask` (one job_status).
//! For callers that cannot cancel a suspended call themselves (React Native promises); Kotlin
//! coroutines and Swift tasks can also just cancel the suspending call, which cancels its task.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::watch;
use tokio::task::AbortHandle;

use crate::error::SmileIdError;
use crate::results::{JobStatus, ResumedJob, SubmitJobResult};
use crate::runtime;

type Outcome<T> = Result<T, SmileIdError>;

/// A future running on the runtime, its outcome kept for any number of waiters.
pub(crate) struct Task<T> {
    canceller: Canceller,
    outcome: watch::Receiver<Option<Outcome<T>>>,
}

/// Stops a task from elsewhere (the registry of running work) without owning its outcome.
#[derive(Clone)]
pub(crate) struct Canceller {
    abort: AbortHandle,
    cancelled: Arc<AtomicBool>,
}

impl Canceller {
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Release);
        self.abort.abort();
    }
}

impl<T: Clone + Send + Sync + 'static> Task<T> {
    /// Runs `work` on the runtime. A panic inside it becomes `SmileIdError::Internal`.
    /// `cancelled` is set when the task is cancelled (progress forwarding watches it).
    pub fn spawn(
        cancelled: Arc<AtomicBool>,
        work: impl Future<Output = Outcome<T>> + Send + 'static,
    ) -> Self {
        let (tx, rx) = watch::channel(None);
        let handle = runtime::spawn(async move {
            let outcome = AssertUnwindSafe(work)
                .catch_unwind()
                .await
                .unwrap_or_else(|panic| Err(SmileIdError::from_panic(panic)));
            let _ = tx.send(Some(outcome));
        });
        Task { canceller: Canceller { abort: handle.abort_handle(), cancelled }, outcome: rx }
    }

    fn cancel(&self) {
        self.canceller.cancel();
    }

    pub fn canceller(&self) -> Canceller {
        self.canceller.clone()
    }

    /// Keeps `value` (e.g. a registration of the running work) alive until the task ends.
    pub fn hold_until_finished(&self, value: impl Send + 'static) {
        let mut outcome = self.outcome.clone();
        runtime::spawn(async move {
            // Err: the task was aborted, which ends it too.
            let _ = outcome.wait_for(Option::is_some).await;
            drop(value);
        });
    }

    fn is_finished(&self) -> bool {
        // The outcome is published just before the task itself ends, and an aborted task drops
        // its sender before the runtime marks it finished (awaitResult has already answered
        // `Cancelled` by then): any of the three counts.
        self.outcome.borrow().is_some()
            || self.outcome.has_changed().is_err()
            || self.canceller.abort.is_finished()
    }

    async fn await_result(&self) -> Outcome<T> {
        let mut outcome = self.outcome.clone();
        let finished = outcome.wait_for(Option::is_some).await.map(|done| done.clone());
        match finished {
            Ok(done) => done.expect("wait_for only returns a finished outcome"),
            // The task was dropped without an outcome: aborted by cancel().
            Err(_) => Err(SmileIdError::cancelled()),
        }
    }

    /// Waits for the outcome, cancelling the task if this wait is dropped (a cancelled Kotlin
    /// coroutine or Swift task drops the Rust future it awaits).
    pub async fn await_or_cancel(&self) -> Outcome<T> {
        struct CancelOnDrop<'a, T: Clone + Send + Sync + 'static>(&'a Task<T>);
        impl<T: Clone + Send + Sync + 'static> Drop for CancelOnDrop<'_, T> {
            fn drop(&mut self) {
                self.0.cancel();
            }
        }
        let _cancel_if_dropped = CancelOnDrop(self);
        self.await_result().await
    }
}

/// Exports a handle type over `Task<$output>` with `cancel`, `isFinished` and `awaitResult`.
macro_rules! task_handle {
    ($(#[$doc:meta])* $name:ident, $output:ty) => {
        $(#[$doc])*
        #[derive(uniffi::Object)]
        pub struct $name(pub(crate) Task<$output>);

        #[uniffi::export]
        impl $name {
            /// Stops the work at its next step (a network request in flight is dropped).
            /// Does nothing once finished.
            pub fn cancel(&self) {
                self.0.cancel();
            }

            /// Whether the work has finished (with a result, an error or by cancellation).
            pub fn is_finished(&self) -> bool {
                self.0.is_finished()
            }

            /// Waits for the result; can be called more than once, from several places.
            /// Throws `SmileIdException.Cancelled` once cancelled.
            pub async fn await_result(&self) -> Result<$output, SmileIdError> {
                self.0.await_result().await
            }
        }
    };
}

task_handle!(
    /// A running job (`startJob`). Cancelling it leaves the tag as it was and the job pending in
    /// the journal for `resumePendingJobs`.
    JobTask,
    SubmitJobResult
);
task_handle!(
    /// Pending jobs being resumed (`startResumePendingJobs`). Cancelling it stops the job in
    /// progress, which stays pending, and does not start the others.
    ResumeTask,
    Vec<ResumedJob>
);
task_handle!(
    /// One job_status request (`startJobStatus`).
    StatusTask,
    JobStatus
);
