//! smileid-core: the Smile ID client domain. Tags and capture, job packaging, the REST protocol,
//! polling and typed results. No FFI types live here; `bindings/` wraps this crate.
//!
//! The surface: [`Client`] and the types it takes and returns, at the root; [`capture`] (camera
//! frames and photos into tags); [`transport`], the HTTP interface an app may implement with
//! its platform's stack; [`protocol`] and [`vision`], the parts the sandbox shares with the
//! client (request signatures and ID type rules; face detection and image decoding).
//!
//! Inside, a job goes `client` → `runner` (record → prepare → upload → poll → release)
//! → `endpoints` (one protocol call each) → `http` → a [`transport::Transport`] (the built-in
//! reqwest one, or the app's platform HTTP stack); `polling` waits for the result within the
//! job's timeout, and `journal` records every step. Enhanced KYC (`enhanced_kyc`, no capture)
//! and the look-ups (`lookups`, cached per client) are single calls: `client` → `endpoints`.

mod api;
mod callback;
pub mod capture;
mod client;
mod config;
mod document;
mod endpoints;
mod enhanced_kyc;
mod error;
mod face;
mod face_model;
mod http;
mod id_types;
mod imaging;
mod journal;
mod lookups;
mod models;
mod multipart;
mod package;
mod polling;
mod progress;
mod result;
mod runner;
mod signature;
mod smart_selfie;
mod submit;
mod tags;
pub mod transport;

/// What the client and the sandbox agree on besides the wire types: request signatures and the
/// ID types Biometric KYC and Enhanced KYC accept.
pub mod protocol {
    /// `HMAC-SHA256(api_key, timestamp + partner_id + "sid_request")` signatures.
    pub mod signature {
        pub use crate::signature::{iso_timestamp_now, sign, sign_now, verify, Signed};
    }
    /// Each supported (country, ID type): required fields and id_number format.
    pub mod id_types {
        pub use crate::id_types::{
            find, rules, supported_countries, validate, IdTypeRule, Product, RULES,
        };
    }
}

/// Face detection and image decoding, shared by capture and the sandbox's checks of uploads.
pub mod vision {
    /// The SeetaFace cascade on a downscaled grey image.
    pub mod face {
        pub use crate::face::{detect, detect_unscaled, FaceBox, DETECT_SIDE};
    }
    /// JPEG/PNG decoding, pixel buffers and orientation.
    pub mod imaging {
        pub use crate::imaging::{
            decode_gray, decode_rgb, luma, Gray, Orientation, Rgb, MAX_PHOTO_SIDE,
        };
    }
}

pub use callback::verify_callback;
pub use client::{Client, ResumedJob};
pub use config::{Auth, Config, RetryPolicy, SignatureSource, PRODUCTION_URL, SANDBOX_URL};
pub use document::{DocumentActions, DocumentFields};
pub use enhanced_kyc::{
    ConsentInformation, EnhancedKycAccepted, EnhancedKycRequest, EnhancedKycResult,
};
pub use error::{Error, Result};
pub use journal::{JobState, Journal, JournalEntry};
pub use lookups::{
    BankCode, CountryIdTypes, DocumentCountry, DocumentType, HostedWeb, IdSelection, IdTypeInfo,
    ProductCountries, ProductsConfig, Services, ValidDocument, ValidDocuments,
};
pub use models::{GeoInfo, IdInfo, ImageType, JobRef, JobType, PartnerParams};
pub use progress::{JobProgress, NoProgress, ProgressListener};
pub use result::{IncompleteReason, JobResult, JobStatus, SubmitJobResult};
pub use smart_selfie::{SmartSelfieResult, SmartSelfieStatus};
pub use submit::{generate_job_id, SubmitJobRequest};
pub use tags::{
    generate_tag_name, validate_tag_name, TagImages, TagInfo, TagMeta, TagStore, TagWriter,
};
