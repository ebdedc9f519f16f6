//! smileid-core: the Smile ID client domain. Tags and capture, job packaging, the REST protocol,
//! polling and typed results. No FFI types live here; `bindings/` wraps this crate.

mod api;
pub mod callback;
pub mod capture;
pub mod client;
pub mod config;
pub mod error;
pub mod face;
mod face_model;
mod http;
pub mod id_types;
pub mod imaging;
pub mod journal;
pub mod models;
mod package;
pub mod progress;
pub mod result;
pub mod signature;
pub mod submit;
pub mod tags;

pub use callback::verify_callback;
pub use client::{Client, JobRef, ResumedJob, SubmitJobResult};
pub use config::{Auth, Config, RetryPolicy, SignatureSource};
pub use error::{Error, Result};
pub use journal::{JobState, JournalEntry};
pub use models::{GeoInfo, IdInfo, ImageType, JobType, PartnerParams};
pub use progress::{NoProgress, Progress, ProgressListener};
pub use result::{JobResult, JobStatus};
pub use submit::SubmitJobRequest;
pub use tags::{TagImages, TagInfo, TagStore};
