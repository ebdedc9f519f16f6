//! smileid-core: the Smile ID client domain. Tags and capture, job packaging, the REST protocol,
//! polling and typed results. No FFI types live here; `bindings/` wraps this crate.

pub mod error;
pub mod face;
pub mod id_types;
pub mod imaging;
pub mod models;
pub mod signature;
pub mod tags;

pub use error::{Error, Result};
pub use models::{GeoInfo, IdInfo, ImageType, JobType, PartnerParams};
pub mod capture;
