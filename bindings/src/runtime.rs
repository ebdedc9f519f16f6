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
        // Timers, and the I/O driver only where tokio's net feature is on (the built-in reqwest
        // transport); the mobile build's transport is the app's, so it links no I/O driver.
        .enable_all()
        .build()
        .expect("the tokio runtime starts (its worker threads can be created)")
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
