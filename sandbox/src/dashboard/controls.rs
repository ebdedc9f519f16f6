//! The dashboard's controls: results forced for a user's or a job's next judgement, fault
//! injection presets, and deleting jobs and users.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{find_job, no_such_job, parse_job_id, query, refused, Shared};
use crate::errors::ApiError;
use crate::faults::FaultConfig;
use crate::store::{ForceTarget, ForcedResult, Removed};
use crate::wire::{required, SmileJson};

/// Named fault sets: (name, `--faults` spec, what it does).
const FAULT_PRESETS: [(&str, &str, &str); 6] = [
    ("none", "", "no faults"),
    (
        "flaky-network",
        "upload:503:0.2,put:reset:0.2,job_status:503:0.3",
        "some requests fail with 503 or a reset; clients must retry",
    ),
    (
        "slow-server",
        "upload:delay=1500:1,job_status:delay=1000:0.5",
        "prep_upload takes 1.5 s, half the job_status calls 1 s",
    ),
    ("rate-limited", "job_status:429:0.5", "half the job_status calls answer 429 Retry-After: 1"),
    ("lost-uploads", "put:drop:0.5", "half the zip uploads are answered 200 and thrown away"),
    ("callbacks-down", "callbacks:503:1", "every callback delivery attempt fails"),
];

/// `GET /dashboard/api/info`: what the page needs to know about this sandbox (no secrets).
pub(crate) async fn info(State(state): State<Shared>) -> Json<Value> {
    Json(json!({
        "partner_id": state.partner_id,
        "token_required": state.token.is_some(),
        "max_export_bytes": state.max_export_bytes,
    }))
}

/// The outcome a forced result stands for, as `sandbox_result` means it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ForcedOutcome {
    Approve,
    Reject,
    Provisional,
}

impl ForcedOutcome {
    fn sandbox_result(self) -> &'static str {
        match self {
            ForcedOutcome::Approve => "0",
            ForcedOutcome::Reject => "1",
            ForcedOutcome::Provisional => "2",
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct ForceRequest {
    target: Option<ForceTarget>,
    id: Option<String>,
    result: Option<ForcedOutcome>,
    partner_id: Option<String>,
}

/// `GET /dashboard/api/forced`: results forced and not used yet.
pub(crate) async fn forced(State(state): State<Shared>) -> Result<Json<Value>, ApiError> {
    let forced = state.app.blocking(|store| store.forced_results()).await?;
    Ok(Json(json!({ "forced": forced })))
}

/// `POST /dashboard/api/forced` `{"target":"user"|"job","id":..,"result":"approve"|"reject"|
/// "provisional"[,"partner_id":..]}`: the next judgement of that user's jobs (or of that job id)
/// gets this result, once.
pub(crate) async fn force(
    State(state): State<Shared>,
    SmileJson(request): SmileJson<ForceRequest>,
) -> Result<Json<Value>, ApiError> {
    let target = request.target.ok_or_else(|| ApiError::missing("target"))?;
    let outcome = request.result.ok_or_else(|| ApiError::missing("result"))?;
    let forced = ForcedResult {
        partner_id: request.partner_id.unwrap_or_else(|| state.partner_id.clone()),
        target,
        id: required(&request.id, "id")?.to_string(),
        sandbox_result: outcome.sandbox_result().to_string(),
    };
    let stored = forced.clone();
    state.app.blocking(move |store| store.force_result(&stored)).await?;
    Ok(Json(json!({ "forced": forced })))
}

#[derive(Deserialize)]
pub(crate) struct FaultsRequest {
    preset: Option<String>,
    spec: Option<String>,
}

fn faults_view(state: &super::DashboardState) -> Json<Value> {
    let spec = state.faults.rules().iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
    let preset = FAULT_PRESETS.iter().find(|(_, s, _)| *s == spec).map(|(name, ..)| *name);
    let presets: Vec<Value> = FAULT_PRESETS
        .iter()
        .map(|(name, spec, description)| {
            json!({"name": name, "spec": spec, "description": description})
        })
        .collect();
    Json(json!({"active": spec, "preset": preset, "presets": presets}))
}

/// `GET /dashboard/api/faults`: the faults in force and the presets.
pub(crate) async fn faults(State(state): State<Shared>) -> Json<Value> {
    faults_view(&state)
}

/// `POST /dashboard/api/faults` `{"preset": NAME}` or `{"spec": "ENDPOINT:KIND:P,..."}`: puts
/// those faults in force (replacing the others) until changed again.
pub(crate) async fn set_faults(
    State(state): State<Shared>,
    SmileJson(request): SmileJson<FaultsRequest>,
) -> Result<Json<Value>, ApiError> {
    let spec =
        match (&request.preset, &request.spec) {
            (Some(name), None) => FAULT_PRESETS
                .iter()
                .find(|(preset, ..)| preset == name)
                .map(|(_, spec, _)| spec.to_string())
                .ok_or_else(|| {
                    let names: Vec<&str> = FAULT_PRESETS.iter().map(|(name, ..)| *name).collect();
                    ApiError::wrong_type("preset", format!("unknown preset; use one of {names:?}"))
                })?,
            (None, Some(spec)) => spec.clone(),
            _ => return Err(ApiError::wrong_type(
                "preset",
                "send either {\"preset\": NAME} or {\"spec\": \"ENDPOINT:KIND:PROBABILITY,...\"}",
            )),
        };
    let config = FaultConfig::parse(&spec, 0).map_err(|e| ApiError::wrong_type("spec", e))?;
    state.faults.replace(config);
    tracing::info!(faults = %spec, "fault injection changed from the dashboard");
    Ok(faults_view(&state))
}

/// `DELETE /dashboard/api/jobs/{smile_job_id}`.
pub(crate) async fn delete_job(
    State(state): State<Shared>,
    Path(raw_id): Path<String>,
) -> Result<Json<Removed>, ApiError> {
    let id = find_job(&state, parse_job_id(&raw_id)?)?.smile_job_id;
    let removed = state.app.blocking(move |store| store.delete_job(id)).await?;
    // None: deleted in between by another request.
    removed.map(Json).ok_or_else(|| no_such_job(id))
}

#[derive(Deserialize)]
pub(crate) struct PartnerQuery {
    partner_id: Option<String>,
}

/// `DELETE /dashboard/api/users/{user_id}[?partner_id=..]`: the user's enrolment, jobs and
/// forced results.
pub(crate) async fn delete_user(
    State(state): State<Shared>,
    Path(user_id): Path<String>,
    partner: Result<Query<PartnerQuery>, QueryRejection>,
) -> Result<Json<Removed>, ApiError> {
    let partner_id = query(partner)?.partner_id.unwrap_or_else(|| state.partner_id.clone());
    let (partner, user) = (partner_id.clone(), user_id.clone());
    let removed = state.app.blocking(move |store| store.delete_user(&partner, &user)).await?;
    if removed == Removed::default() {
        return Err(refused(
            StatusCode::NOT_FOUND,
            format!(
                "user_id: partner {partner_id} has no user `{user_id}` (no jobs, not enrolled)"
            ),
        ));
    }
    Ok(Json(removed))
}
