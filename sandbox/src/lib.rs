//! smileid-sandbox: a local emulator of the Smile ID v1 REST API (the zip flow of job types 1, 2
//! and 4) and of the v2 SmartSelfie endpoints, for developing and testing clients without
//! network access or credentials.
//!
//! It serves `auth_smile`, `upload` (prep_upload), pre-signed zip PUTs, `job_status`,
//! `services`, `products_config`, `valid_documents`, and result callbacks, with the field types
//! the official SDKs decode. Jobs are judged with real checks (zip, info.json, image decoding,
//! face detection) and the sandbox test-data rules; state lives in SQLite and survives restarts.
//! `sandbox/README.md` lists every rule and the code it returns.
//!
//! ```no_run
//! # async fn demo() -> Result<(), smileid_sandbox::SandboxError> {
//! let sandbox = smileid_sandbox::start(smileid_sandbox::SandboxConfig::default()).await?;
//! println!("{} partner {}", sandbox.base_url(), sandbox.partner_id());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod background;
mod callbacks;
mod catalog;
mod config;
mod dashboard;
mod errors;
mod faults;
#[doc(hidden)]
pub mod fuzzing;
mod multipart;
mod presign;
mod processing;
mod redact;
mod results;
mod routes;
mod rules;
mod running;
mod serve;
mod server;
pub mod shapes;
mod state;
mod stats;
mod store;
mod test_numbers;
mod tls;
mod upload_zip;
mod wire;

pub use config::{SandboxConfig, DEFAULT_API_KEY, DEFAULT_AUTH_TOKEN, DEFAULT_PARTNER_ID};
pub use errors::SandboxError;
pub use faults::{FaultConfig, FaultEndpoint, FaultKind, FaultRule, FaultSpecError};
pub use running::{start, RunningSandbox};
pub use serve::{banner, ready_line, serve, ServeArgs};
pub use stats::SandboxStats;
