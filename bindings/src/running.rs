//! The client's work in flight, so it can be stopped by name: `cancelJob(jobId)` for a job or a
//! job_status request, `cancelResume()` for every running `resumePendingJobs`. Promises (React
//! Native) cannot be cancelled; entries here can. Each entry leaves the registry when its work
//! ends, whatever the outcome.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::task_handle::Canceller;

/// What one entry stops, and which kind it is (a job outranks a status request).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Job,
    Status,
}

struct Entry {
    token: u64,
    kind: Kind,
    cancel: Canceller,
}

#[derive(Default)]
struct Inner {
    /// Per job id: the running job and any job_status requests of it.
    by_job: HashMap<String, Vec<Entry>>,
    resumes: HashMap<u64, Canceller>,
}

/// Shared by every client a React Native module makes, so a job started before `configure`
/// stays cancellable after it.
#[derive(Default)]
pub(crate) struct Running {
    inner: Mutex<Inner>,
    next: AtomicU64,
}

/// Removes its entry when dropped: keep it alive for as long as the work runs.
pub(crate) struct Registration {
    running: Arc<Running>,
    token: u64,
    job_id: Option<String>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut inner = self.running.lock();
        match &self.job_id {
            Some(id) => {
                if let Some(entries) = inner.by_job.get_mut(id) {
                    entries.retain(|e| e.token != self.token);
                    if entries.is_empty() {
                        inner.by_job.remove(id);
                    }
                }
            }
            None => {
                inner.resumes.remove(&self.token);
            }
        }
    }
}

impl Running {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves the maps consistent (single inserts/removes).
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn token(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }

    /// Registers a running job under its job id.
    pub fn job(self: &Arc<Self>, job_id: &str, cancel: Canceller) -> Registration {
        self.by_id(job_id, Kind::Job, cancel)
    }

    /// Registers a job_status request under the job's id. While a job of that id runs,
    /// `cancelJob` stops the job, not the status request.
    pub fn status(self: &Arc<Self>, job_id: &str, cancel: Canceller) -> Registration {
        self.by_id(job_id, Kind::Status, cancel)
    }

    fn by_id(self: &Arc<Self>, job_id: &str, kind: Kind, cancel: Canceller) -> Registration {
        let token = self.token();
        let entry = Entry { token, kind, cancel };
        self.lock().by_job.entry(job_id.to_string()).or_default().push(entry);
        Registration { running: Arc::clone(self), token, job_id: Some(job_id.to_string()) }
    }

    /// Registers a running `resumePendingJobs`; several may run at once.
    pub fn resume(self: &Arc<Self>, cancel: Canceller) -> Registration {
        let token = self.token();
        self.lock().resumes.insert(token, cancel);
        Registration { running: Arc::clone(self), token, job_id: None }
    }

    /// Cancels the job running under `job_id` or, when none runs, its status requests; false
    /// when nothing of that id runs.
    pub fn cancel_job(&self, job_id: &str) -> bool {
        let stopped: Vec<Entry> = {
            let mut inner = self.lock();
            let Some(entries) = inner.by_job.get_mut(job_id) else { return false };
            let kind =
                if entries.iter().any(|e| e.kind == Kind::Job) { Kind::Job } else { Kind::Status };
            let (stop, keep) = std::mem::take(entries).into_iter().partition(|e| e.kind == kind);
            *entries = keep;
            if entries.is_empty() {
                inner.by_job.remove(job_id);
            }
            stop
        };
        stopped.iter().for_each(|e| e.cancel.cancel());
        !stopped.is_empty()
    }

    /// Cancels every running `resumePendingJobs`; false when none runs.
    pub fn cancel_resumes(&self) -> bool {
        let resumes: Vec<Canceller> = self.lock().resumes.drain().map(|(_, c)| c).collect();
        resumes.iter().for_each(Canceller::cancel);
        !resumes.is_empty()
    }

    /// Cancels everything (the module is going away).
    pub fn cancel_all(&self) {
        let mut inner = self.lock();
        let jobs: Vec<Entry> = inner.by_job.drain().flat_map(|(_, e)| e).collect();
        let resumes: Vec<Canceller> = inner.resumes.drain().map(|(_, c)| c).collect();
        drop(inner);
        jobs.iter().for_each(|e| e.cancel.cancel());
        resumes.iter().for_each(Canceller::cancel);
    }
}
