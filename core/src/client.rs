//! The Smile ID client: what an app calls. Jobs run through [`crate::runner`]; every step is
//! recorded in the job journal.

use std::sync::Arc;

use crate::config::Config;
use crate::endpoints::Endpoints;
use crate::error::Result;
use crate::journal::{Journal, JournalEntry};
use crate::models::JobRef;
use crate::progress::ProgressListener;
use crate::result::{JobStatus, SubmitJobResult};
use crate::runner::Runner;
use crate::submit::SubmitJobRequest;
use crate::tags::TagStore;

/// The outcome of one resumed job.
#[derive(Debug)]
pub struct ResumedJob {
    pub job_id: String,
    pub result: Result<SubmitJobResult>,
}

/// The client. Cheap to clone; share one per app.
#[derive(Debug, Clone)]
pub struct Client {
    endpoints: Endpoints,
    tags: TagStore,
    journal: Arc<Journal>,
}

impl Client {
    /// Creates a client over `config`, reading captures from `tags` and journalling jobs
    /// beside them ([`Journal::open_beside`]).
    pub fn new(config: Config, tags: TagStore) -> Result<Self> {
        let endpoints = Endpoints::new(config)?;
        let journal = Arc::new(Journal::open_beside(&tags)?);
        Ok(Client { endpoints, tags, journal })
    }

    /// The tag store this client reads.
    pub fn tags(&self) -> &TagStore {
        &self.tags
    }

    /// The job journal.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    fn runner(&self) -> Runner<'_> {
        Runner { endpoints: &self.endpoints, tags: &self.tags, journal: &self.journal }
    }

    /// Runs a whole job: validate, record it in the journal, sign, prep_upload, upload the zip,
    /// then poll job_status until the job completes or `job_status_polling_timeout_millis`
    /// passes. That timeout bounds the whole wait after the upload: at the deadline a request
    /// in flight is dropped and the last status comes back with `job_complete = false` and
    /// [`SubmitJobResult::incomplete_reason`] set. A job_id the journal already knows is
    /// continued from where it stopped (a completed one returns its recorded result without
    /// contacting the server).
    pub async fn submit_job(
        &self,
        request: &SubmitJobRequest,
        progress: Arc<dyn ProgressListener>,
    ) -> Result<SubmitJobResult> {
        let runner = self.runner();
        let entry = runner.record(request)?;
        runner.run(entry, progress).await
    }

    /// Records a job without sending anything (offline mode); `resume_pending_jobs` submits it
    /// later. Returns the job_id.
    pub fn enqueue_job(&self, request: &SubmitJobRequest) -> Result<String> {
        Ok(self.runner().record(request)?.job_id)
    }

    /// Jobs recorded but not yet complete or failed.
    pub fn pending_jobs(&self) -> Result<Vec<JournalEntry>> {
        self.journal.pending()
    }

    /// Continues every pending job (after a crash, a kill or while offline), one after another.
    pub async fn resume_pending_jobs(
        &self,
        progress: Arc<dyn ProgressListener>,
    ) -> Result<Vec<ResumedJob>> {
        let mut out = Vec::new();
        for entry in self.journal.pending()? {
            let job_id = entry.job_id.clone();
            let result = self.runner().run(entry, Arc::clone(&progress)).await;
            out.push(ResumedJob { job_id, result });
        }
        Ok(out)
    }

    /// Asks job_status once for a job (retrying transient failures within the retry budget).
    pub async fn job_status(&self, job: &JobRef) -> Result<JobStatus> {
        let signed = self.endpoints.sign(job, None).await?;
        self.endpoints.job_status(job, &signed).await
    }
}
