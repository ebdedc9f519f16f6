//! smileid-ffi: the Kotlin and Swift face of smileid-core, generated with uniffi.
//!
//! A thin layer: every export converts its arguments into core types, calls core, and converts the
//! answer back. No protocol logic lives here. One file per exported object:
//!
//! - `client`: `SmileIdClient` (configuration, auth modes, `submitJob`, `startJob`, `jobStatus`,
//!   the offline queue, `cancelJob` by job id)
//! - `task_handle`: `JobTask`, `ResumeTask`, `StatusTask`: long calls that can be cancelled and
//!   awaited
//! - `tag_store`: `TagStore` (list, images, delete)
//! - `capture`: `CaptureSession` (camera frames in, guidance out), `CaptureScreen` (a camera
//!   screen's prompts, timeout and outcome), `captureFromFiles`, `addIdCard`
//! - `progress`: the `ProgressListener` callback interface and its events
//! - `react_native`: `RnBridge`, the React Native module's one boundary (JSON documents in and
//!   out, so the Android and iOS glue only pass strings)
//! - `job`, `results`, `config`: records crossing the boundary
//! - `error`: `SmileIdError`, converted from core's error in one place
//! - `transport`: `HttpTransport`, the app's own HTTP stack (OkHttp, URLSession) as the
//!   library's
//! - `logging`: `setLogger`, the library's log handed to a Kotlin or Swift `Logger`
//! - `runtime`: the one tokio runtime the library owns

uniffi::setup_scaffolding!("smileid");

pub mod capture;
pub mod client;
pub mod config;
pub mod document;
pub mod error;
pub mod job;
pub mod logging;
pub mod lookups;
pub mod progress;
pub mod react_native;
pub mod results;
mod running;
pub mod runtime;
pub mod smart_selfie;
pub mod tag_store;
pub mod task_handle;
#[cfg(feature = "test-hooks")]
pub mod test_hooks;
pub mod transport;

pub use client::SmileIdClient;
pub use error::SmileIdError;
pub use tag_store::TagStore;
pub use task_handle::{JobTask, ResumeTask, StatusTask};

/// The version of this library, e.g. `0.1.0`.
#[uniffi::export]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
