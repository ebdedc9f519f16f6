//! What every handler shares: the store, the URL signer, counters, the job processor and the
//! prebuilt configuration documents.

use std::sync::Arc;

use axum::http::{header, uri::Authority, HeaderMap};
use smileid_core::protocol::signature;

use crate::catalog::Catalog;
use crate::errors::ApiError;
use crate::presign::Presigner;
use crate::processing::Processor;
use crate::stats::Counters;
use crate::store::{Partner, Store, StoreResult};
use crate::wire::required;

pub(crate) struct AppState {
    pub store: Arc<Store>,
    pub presigner: Presigner,
    pub counters: Arc<Counters>,
    pub processor: Processor,
    pub catalog: Catalog,
    /// `http` or `https`.
    pub scheme: &'static str,
    /// `host:port` to use in minted URLs when a request has no usable `Host` header.
    pub local_authority: String,
}

pub(crate) type SharedState = Arc<AppState>;

impl AppState {
    /// Checks a signed request (§4.1): a known partner and a signature over its timestamp.
    /// `partner_field` names where the partner id came from (`partner_id` or `smile_client_id`).
    /// Any valid pair is accepted; the timestamp is opaque (no validity window, §2.1).
    pub fn authenticate<'a>(
        &self,
        partner_field: &str,
        partner_id: &'a Option<String>,
        timestamp: &Option<String>,
        signature: &Option<String>,
    ) -> Result<(&'a str, Arc<Partner>), ApiError> {
        let partner_id = required(partner_id, partner_field)?;
        let timestamp = required(timestamp, "timestamp")?;
        let given = required(signature, "signature")?;
        let partner = self
            .store
            .partner(partner_id)
            .ok_or_else(|| ApiError::unauthorized(partner_field, "unknown partner"))?;
        if !signature::verify(&partner.api_key, partner_id, timestamp, given) {
            return Err(ApiError::unauthorized(
                "signature",
                "does not match; sign timestamp + partner_id + \"sid_request\" with the partner's \
                 API key (HMAC-SHA256, base64)",
            ));
        }
        Ok((partner_id, partner))
    }

    /// `scheme://host:port` under which the client reached the sandbox, so minted URLs work
    /// from an emulator (10.0.2.2) or a phone on the LAN as well as from localhost.
    pub fn origin(&self, headers: &HeaderMap) -> String {
        let authority = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| h.parse::<Authority>().is_ok())
            .unwrap_or(&self.local_authority);
        format!("{}://{authority}", self.scheme)
    }

    /// Runs a store operation off the async threads; storage failures become 500 envelopes.
    pub async fn blocking<T: Send + 'static>(
        &self,
        op: impl FnOnce(&Store) -> StoreResult<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.store.clone();
        match tokio::task::spawn_blocking(move || op(&store)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "storage error");
                Err(ApiError::internal("storage error in the sandbox"))
            }
            Err(e) => {
                tracing::error!(error = %e, "storage task failed");
                Err(ApiError::internal("internal error in the sandbox"))
            }
        }
    }
}
