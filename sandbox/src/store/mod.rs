//! Partners, jobs and enrolled users: an in-memory cache written through to SQLite.
//!
//! Every change takes the connection mutex, writes SQLite, then updates the cache, so the cache
//! never shows a state the database does not have, and check-then-insert (duplicate job ids,
//! duplicate uploads) is atomic. Reads that must be fast (`job_status`, signature checks) only
//! take a read lock on the cache.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use rusqlite::Connection;
use smileid_core::protocol::signature::iso_timestamp_now;
use smileid_core::JobType;
use tokio::sync::watch;

mod activity;
mod controls;
mod db;
mod records;

pub(crate) use activity::{unix_millis, CallbackAttempt, Exchange};
pub(crate) use controls::{ForceTarget, ForcedResult, Removed};
pub(crate) use records::{Completion, Job, JobState, Partner};

/// What prep_upload asks the store to create.
pub(crate) struct NewJob {
    pub partner_id: String,
    pub job_id: String,
    pub user_id: String,
    pub job_type: JobType,
    pub callback_url: String,
    pub extras: BTreeMap<String, String>,
    pub retry: bool,
    pub allow_new_enroll: bool,
    /// Sent to a v2 SmartSelfie endpoint: an authentication of a user who never enrolled is
    /// created and judged (rejected) instead of refused.
    pub v2: bool,
}

/// Why prep_upload may not create a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The job id is taken and `retry` was not set (2215).
    JobExists,
    /// Enrollment for an enrolled user without `allow_new_enroll` (2209).
    AlreadyEnrolled,
    /// Authentication for a user who never enrolled (2210).
    NotEnrolled,
}

/// What happened to a zip PUT.
pub(crate) enum UploadOutcome {
    /// The first zip of the job: it is stored and must be processed.
    Queued(Arc<Job>),
    /// The job already has its zip; this one is ignored.
    Duplicate,
}

pub(crate) type StoreResult<T> = Result<T, rusqlite::Error>;

#[derive(Default)]
struct Jobs {
    by_id: HashMap<u64, Arc<Job>>,
    /// partner_id → job_id → smile_job_id.
    index: HashMap<String, HashMap<String, u64>>,
    next_id: u64,
}

impl Jobs {
    fn insert(&mut self, job: Job) -> Arc<Job> {
        self.next_id = self.next_id.max(job.smile_job_id + 1);
        self.index
            .entry(job.partner_id.clone())
            .or_default()
            .insert(job.job_id.clone(), job.smile_job_id);
        let job = Arc::new(job);
        self.by_id.insert(job.smile_job_id, job.clone());
        job
    }

    fn find(&self, partner_id: &str, job_id: &str) -> Option<&Arc<Job>> {
        self.index.get(partner_id)?.get(job_id).and_then(|id| self.by_id.get(id))
    }

    fn remove(&mut self, smile_job_id: u64) -> Option<Arc<Job>> {
        let job = self.by_id.remove(&smile_job_id)?;
        if let Some(ids) = self.index.get_mut(&job.partner_id) {
            ids.remove(&job.job_id);
        }
        Some(job)
    }

    /// Replaces a job by a modified copy.
    fn update(&mut self, smile_job_id: u64, change: impl FnOnce(&mut Job)) -> Option<Arc<Job>> {
        let slot = self.by_id.get_mut(&smile_job_id)?;
        let mut job = Job::clone(slot);
        change(&mut job);
        *slot = Arc::new(job);
        Some(slot.clone())
    }
}

/// The sandbox's state. Methods that touch SQLite block; call them through `spawn_blocking`.
pub(crate) struct Store {
    conn: Mutex<Connection>,
    jobs: RwLock<Jobs>,
    partners: RwLock<HashMap<String, Arc<Partner>>>,
    /// A revision number bumped after every change the dashboard shows (jobs, requests,
    /// callbacks), so it can update live.
    revision: watch::Sender<u64>,
    /// Requests seen per job since start, recorded or not (see `activity`).
    exchange_counts: Mutex<HashMap<u64, u32>>,
}

impl Store {
    /// Opens the database and loads partners and jobs into memory.
    pub fn open(path: &Path) -> StoreResult<Store> {
        let conn = db::open(path)?;
        let partners =
            db::load_partners(&conn)?.into_iter().map(|(id, p)| (id, Arc::new(p))).collect();
        let mut jobs = Jobs { next_id: 1, ..Jobs::default() };
        for job in db::load_jobs(&conn)? {
            jobs.insert(job);
        }
        Ok(Store {
            conn: Mutex::new(conn),
            jobs: RwLock::new(jobs),
            partners: RwLock::new(partners),
            revision: watch::Sender::new(0),
            exchange_counts: Mutex::default(),
        })
    }

    /// Receives the revision number after each change.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.revision.subscribe()
    }

    fn changed(&self) {
        self.revision.send_modify(|r| *r += 1);
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (statements are atomic).
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The value stored under `key` in the meta table, created with `init` the first time.
    pub fn meta_value(&self, key: &str, init: impl FnOnce() -> Vec<u8>) -> StoreResult<Vec<u8>> {
        db::meta_value(&self.conn(), key, init)
    }

    pub fn upsert_partner(&self, partner_id: &str, partner: Partner) -> StoreResult<()> {
        let conn = self.conn();
        db::upsert_partner(&conn, partner_id, &partner)?;
        self.partners
            .write()
            .expect("partners lock")
            .insert(partner_id.to_string(), Arc::new(partner));
        Ok(())
    }

    pub fn partner(&self, partner_id: &str) -> Option<Arc<Partner>> {
        self.partners.read().expect("partners lock").get(partner_id).cloned()
    }

    pub fn job(&self, partner_id: &str, job_id: &str) -> Option<Arc<Job>> {
        self.jobs.read().expect("jobs lock").find(partner_id, job_id).cloned()
    }

    pub fn job_by_smile_id(&self, smile_job_id: u64) -> Option<Arc<Job>> {
        self.jobs.read().expect("jobs lock").by_id.get(&smile_job_id).cloned()
    }

    /// Jobs whose zip arrived but whose processing did not finish (e.g. before a restart).
    pub fn processing_jobs(&self) -> Vec<Arc<Job>> {
        let jobs = self.jobs.read().expect("jobs lock");
        jobs.by_id.values().filter(|j| matches!(j.state, JobState::Processing)).cloned().collect()
    }

    /// prep_upload: creates the job, or returns the existing one when `retry` is set.
    /// The bool is true when the job already existed.
    pub fn prepare_job(&self, new: NewJob) -> StoreResult<Result<(Arc<Job>, bool), Refusal>> {
        let conn = self.conn();
        if let Some(existing) = self.job(&new.partner_id, &new.job_id) {
            return Ok(if new.retry { Ok((existing, true)) } else { Err(Refusal::JobExists) });
        }
        let enrolled = || db::is_enrolled(&conn, &new.partner_id, &new.user_id);
        match new.job_type {
            JobType::SmartSelfieEnrollment if !new.allow_new_enroll && enrolled()? => {
                return Ok(Err(Refusal::AlreadyEnrolled))
            }
            JobType::SmartSelfieAuthentication if !new.v2 && !enrolled()? => {
                return Ok(Err(Refusal::NotEnrolled))
            }
            _ => {}
        }
        let smile_job_id = self.jobs.read().expect("jobs lock").next_id;
        let job = Job {
            smile_job_id,
            partner_id: new.partner_id,
            job_id: new.job_id,
            user_id: new.user_id,
            job_type: new.job_type,
            callback_url: new.callback_url,
            extras: new.extras,
            state: JobState::AwaitingUpload,
            put_count: 0,
            created_at: iso_timestamp_now(),
        };
        db::insert_job(&conn, &job)?;
        let job = self.jobs.write().expect("jobs lock").insert(job);
        self.changed();
        Ok(Ok((job, false)))
    }

    /// A zip PUT for the job: stored and queued if it is the job's first, otherwise ignored.
    /// `None` if there is no such job.
    pub fn accept_upload(
        &self,
        smile_job_id: u64,
        zip: &[u8],
    ) -> StoreResult<Option<UploadOutcome>> {
        let conn = self.conn();
        let Some(job) = self.job_by_smile_id(smile_job_id) else { return Ok(None) };
        db::count_put(&conn, smile_job_id)?;
        let first = matches!(job.state, JobState::AwaitingUpload);
        if first {
            db::store_upload(&conn, smile_job_id, zip, &iso_timestamp_now())?;
        }
        let job = self.jobs.write().expect("jobs lock").update(smile_job_id, |j| {
            j.put_count += 1;
            if first {
                j.state = JobState::Processing;
            }
        });
        self.changed();
        Ok(job.map(|job| if first { UploadOutcome::Queued(job) } else { UploadOutcome::Duplicate }))
    }

    pub fn upload_zip(&self, smile_job_id: u64) -> StoreResult<Option<Vec<u8>>> {
        db::upload_zip(&self.conn(), smile_job_id)
    }

    /// Records a job's result (and enrols its user if `enroll`); returns the updated job, or
    /// `None` if the job was deleted while it was being judged.
    pub fn complete(
        &self,
        job: &Job,
        completion: Completion,
        selfie: Option<&[u8]>,
        enroll: bool,
    ) -> StoreResult<Option<Arc<Job>>> {
        let conn = self.conn();
        if self.job_by_smile_id(job.smile_job_id).is_none() {
            return Ok(None);
        }
        db::complete(&conn, job, &completion, selfie, enroll, &iso_timestamp_now())?;
        let completion = Arc::new(completion);
        let updated = self
            .jobs
            .write()
            .expect("jobs lock")
            .update(job.smile_job_id, |j| j.state = JobState::Complete(completion));
        self.changed();
        Ok(updated)
    }

    pub fn is_enrolled(&self, partner_id: &str, user_id: &str) -> StoreResult<bool> {
        db::is_enrolled(&self.conn(), partner_id, user_id)
    }

    pub fn enrolled_users(&self, partner_id: &str) -> StoreResult<Vec<String>> {
        db::enrolled_users(&self.conn(), partner_id)
    }

    pub fn job_count(&self, partner_id: &str, job_id: &str) -> StoreResult<u64> {
        db::job_count(&self.conn(), partner_id, job_id)
    }

    pub fn selfie(&self, smile_job_id: u64) -> StoreResult<Option<Vec<u8>>> {
        db::selfie(&self.conn(), smile_job_id)
    }
}
