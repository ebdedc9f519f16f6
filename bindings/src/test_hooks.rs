//! Test-only exports (feature `test-hooks`, enabled by scripts/test-kotlin and never in release
//! builds): they prove a Rust panic reaches Kotlin/Swift as an exception, not a crash.

use std::sync::Arc;

use crate::error::SmileIdError;
use crate::task_handle::Task;

/// Panics on the calling thread, inside the FFI call.
#[uniffi::export]
pub fn test_hook_panic(message: String) -> Result<(), SmileIdError> {
    panic!("test hook: {message}");
}

/// Panics inside a task on the library's runtime, as a bug in a job would.
#[uniffi::export]
pub async fn test_hook_panic_async(message: String) -> Result<(), SmileIdError> {
    let task: Task<()> =
        Task::spawn(Arc::default(), async move { panic!("test hook (async): {message}") });
    task.await_or_cancel().await
}
