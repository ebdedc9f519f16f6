//! `GET /v1/services`, `POST /v1/products_config`, `POST /v1/valid_documents` (§3.7): the
//! prebuilt catalog documents; the two POSTs are signed like every other API call.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::errors::ApiError;
use crate::state::SharedState;
use crate::stats::bump;
use crate::wire::{lenient_string, SmileJson};

#[derive(Deserialize)]
pub(crate) struct SignedRequest {
    #[serde(default, deserialize_with = "lenient_string")]
    partner_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    timestamp: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    signature: Option<String>,
}

fn json(document: &Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document.clone()).into_response()
}

pub(crate) async fn services(State(state): State<SharedState>) -> Response {
    bump(&state.counters.lookups_served);
    json(&state.catalog.services)
}

pub(crate) async fn products_config(
    State(state): State<SharedState>,
    SmileJson(req): SmileJson<SignedRequest>,
) -> Result<Response, ApiError> {
    state.authenticate("partner_id", &req.partner_id, &req.timestamp, &req.signature)?;
    bump(&state.counters.lookups_served);
    Ok(json(&state.catalog.products_config))
}

pub(crate) async fn valid_documents(
    State(state): State<SharedState>,
    SmileJson(req): SmileJson<SignedRequest>,
) -> Result<Response, ApiError> {
    state.authenticate("partner_id", &req.partner_id, &req.timestamp, &req.signature)?;
    bump(&state.counters.lookups_served);
    Ok(json(&state.catalog.valid_documents))
}
