//! Counters of what the sandbox did since it started, for tests and `GET /__sandbox/stats`.

use std::sync::atomic::{AtomicU64, Ordering};

macro_rules! counters {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// A snapshot of the sandbox's counters (since start; not persisted).
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct SandboxStats {
            $($(#[$doc])* pub $name: u64,)*
        }

        /// The live counters behind [`SandboxStats`].
        #[derive(Default)]
        pub(crate) struct Counters {
            $(pub $name: AtomicU64,)*
        }

        impl Counters {
            pub fn snapshot(&self) -> SandboxStats {
                SandboxStats { $($name: self.$name.load(Ordering::Relaxed),)* }
            }
        }
    };
}

counters! {
    /// Jobs created by prep_upload or Enhanced KYC.
    jobs_created,
    /// prep_upload calls for an existing job id: refused with 2215, or answered for the same job
    /// when `retry` was set; id_verification calls repeating a job id (answered with that job,
    /// or 2215 when another job type has it). None creates a job.
    duplicates_refused,
    /// Zip PUTs stored and queued for processing (one per job at most).
    uploads_accepted,
    /// Zip PUTs for a job that already had its zip: acknowledged and ignored.
    duplicate_uploads,
    /// Jobs processed to a result.
    jobs_completed,
    /// Callbacks the receiver acknowledged with a 2xx.
    callbacks_delivered,
    /// Callbacks given up after every attempt failed.
    callbacks_failed,
    /// Faults injected, all endpoints and kinds together.
    faults_injected,
    /// Zip PUTs answered 200 and discarded by a `drop` fault.
    uploads_dropped,
    /// Look-ups answered: services, products_config and valid_documents together.
    lookups_served,
}

/// Adds one to a counter.
pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}
