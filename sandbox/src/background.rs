//! What background work (job processing, result callbacks) shares, apart from the request
//! handlers' state, so the processor and callbacks need nothing from the handlers.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::faults::Faults;
use crate::stats::Counters;
use crate::store::Store;

/// What background work (processing, callbacks) shares. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Background {
    pub store: Arc<Store>,
    pub counters: Arc<Counters>,
    pub faults: Arc<Faults>,
    /// Every background task, so shutdown can wait for them.
    pub tasks: TaskTracker,
    /// Cancelled at shutdown.
    pub shutdown: CancellationToken,
}
