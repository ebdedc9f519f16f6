//! The records the store keeps: partners, jobs and their outcomes.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::value::RawValue;
use smileid_core::JobType;

/// A partner's credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Partner {
    pub api_key: String,
    pub auth_token: String,
}

/// A job as prep_upload created it, plus its processing state.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub smile_job_id: u64,
    pub partner_id: String,
    pub job_id: String,
    pub user_id: String,
    pub job_type: JobType,
    pub callback_url: String,
    /// `partner_params` besides job_id, user_id and job_type, as strings.
    pub extras: BTreeMap<String, String>,
    pub state: JobState,
    pub put_count: u32,
    /// When prep_upload created it (ISO 8601).
    pub created_at: String,
}

#[derive(Debug, Clone)]
pub(crate) enum JobState {
    AwaitingUpload,
    Processing,
    Complete(Arc<Completion>),
}

/// A finished job's outcome: the result object exactly as job_status and callbacks send it.
#[derive(Debug)]
pub(crate) struct Completion {
    pub success: bool,
    pub result: Box<RawValue>,
}
