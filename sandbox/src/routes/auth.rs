//! `POST /v1/auth_smile` (§3.1): exchanges the partner's auth token for a signature pair.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use smileid_core::protocol::signature::sign_now;
use subtle::ConstantTimeEq;

use crate::errors::ApiError;
use crate::state::SharedState;
use crate::wire::{lenient_int, lenient_string, required, SmileJson};

#[derive(Deserialize)]
pub(crate) struct AuthSmileRequest {
    #[serde(default, deserialize_with = "lenient_string")]
    partner_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    auth_token: Option<String>,
    #[serde(default, deserialize_with = "lenient_int")]
    job_type: Option<i64>,
    #[serde(default, deserialize_with = "lenient_string")]
    job_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    user_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    country: Option<String>,
}

pub(crate) async fn auth_smile(
    State(state): State<SharedState>,
    SmileJson(req): SmileJson<AuthSmileRequest>,
) -> Result<Json<Value>, ApiError> {
    let partner_id = required(&req.partner_id, "partner_id")?;
    let token = required(&req.auth_token, "auth_token")?;
    let partner = state
        .store
        .partner(partner_id)
        .ok_or_else(|| ApiError::unauthorized("partner_id", "unknown partner"))?;
    if !bool::from(token.as_bytes().ct_eq(partner.auth_token.as_bytes())) {
        return Err(ApiError::unauthorized("auth_token", "not valid for this partner_id"));
    }
    let signed = sign_now(&partner.api_key, partner_id);
    // Ids are generated when absent (§11); job_type only echoed when known.
    let id_or_new = |id: Option<String>, prefix: &str| {
        id.filter(|s| !s.is_empty()).unwrap_or_else(|| format!("{prefix}-{}", uuid::Uuid::new_v4()))
    };
    let mut params = json!({
        "job_id": id_or_new(req.job_id, "job"),
        "user_id": id_or_new(req.user_id, "user"),
    });
    if let Some(job_type) = req.job_type {
        params["job_type"] = job_type.into();
    }
    let mut body = json!({
        "success": true,
        "signature": signed.signature,
        "timestamp": signed.timestamp,
        "partner_params": params,
    });
    if req.country.is_some() {
        body["consent_info"] = json!({ "can_access": true, "consent_required": false });
    }
    Ok(Json(body))
}
