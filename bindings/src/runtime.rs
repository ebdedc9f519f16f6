//! The one tokio runtime owned by the library. Every network task runs on it, whatever thread
//! (JNA, Swift concurrency, the JVM's coroutine dispatchers) the call came from.

use std::future::Future;
use std::sync::LazyLock;

use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinHandle;

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    Builder::new_multi_thread()
        // Jobs are network-bound; two workers keep the footprint small on phones.
        .worker_threads(2)
        .thread_name("smileid-worker")
        .enable_all()
        .build()
        .expect("the tokio runtime starts (threads and an I/O driver are available)")
});

/// The library's runtime.
pub(crate) fn get() -> &'static Runtime {
    &RUNTIME
}

/// Spawns `future` on the library's runtime.
pub(crate) fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    RUNTIME.spawn(future)
}
