//! The job runner: record → prepare → upload → poll → release, each step written to the
//! journal so a job is finished exactly once whatever happens to the process.

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;

use crate::endpoints::Endpoints;
use crate::error::{Error, Result};
use crate::journal::{JobState, Journal, JournalEntry};
use crate::models::JobType;
use crate::package::build_zip;
use crate::polling::{poll, Polled};
use crate::progress::{JobProgress, ProgressListener};
use crate::result::{IncompleteReason, JobStatus, SubmitJobResult};
use crate::signature::Signed;
use crate::submit::{Job, SubmitJobRequest};
use crate::tags::TagStore;

/// How many times a job whose upload the server lost is uploaded again.
const MAX_REUPLOADS: u32 = 3;

/// Runs jobs with one client's endpoints, tags and journal.
pub(crate) struct Runner<'a> {
    pub endpoints: &'a Endpoints,
    pub tags: &'a TagStore,
    pub journal: &'a Journal,
}

impl Runner<'_> {
    /// Validates a request and records it as `captured`; a job_id the journal knows already is
    /// continued from where it stopped (a failed one starts again).
    pub fn record(&self, request: &SubmitJobRequest) -> Result<JournalEntry> {
        self.record_as(request, false)
    }

    /// [`Runner::record`] for a job of either kind (`enhanced`: v2 SmartSelfie).
    pub fn record_as(&self, request: &SubmitJobRequest, enhanced: bool) -> Result<JournalEntry> {
        let request = request.validate()?.request;
        match self.journal.get(&request.partner_params.job_id)? {
            Some(e) if e.enhanced != enhanced => Err(Error::invalid(
                "partner_params.job_id",
                "names a journalled job of the other kind (zip job or Enhanced SmartSelfie); \
                 use a new job_id",
            )),
            Some(e) if e.state == JobState::Failed => self.journal.record_retry(&e.job_id),
            Some(e) => Ok(e),
            None => {
                let images = match self.tags.images(&request.tag) {
                    Err(Error::TagNotFound(tag)) => return Err(self.missing_tag(tag)?),
                    other => other?,
                };
                if images.selfie.is_none() {
                    return Err(Error::invalid("tag", "the tag has no selfie; capture it again"));
                }
                if JobType::from_id(request.job_type)?.is_document()
                    && images.id_card_front.is_none()
                {
                    return Err(Error::invalid(
                        "tag",
                        "Document Verification needs the document's front image in the tag; \
                         add it with capture_document_from_files (CLI: --document-front)",
                    ));
                }
                self.journal.record_as(&request, enhanced)
            }
        }
    }

    /// A missing tag's error, saying after which job it was released if it was.
    fn missing_tag(&self, tag: String) -> Result<Error> {
        Ok(match self.journal.last_success_on_tag(&tag)? {
            Some(job_id) => Error::TagReleased { tag, job_id },
            None => Error::TagNotFound(tag),
        })
    }

    /// Drives a journalled job to its end or to its polling deadline.
    pub async fn run(
        &self,
        entry: JournalEntry,
        progress: Arc<dyn ProgressListener>,
    ) -> Result<SubmitJobResult> {
        let job = Job::from_validated(entry.request.clone())?;
        let job_id = job.request.partner_params.job_id.clone();
        let mut uploaded = entry.state == JobState::Uploaded;
        let outcome = self.drive(&entry, &job, &progress, &mut uploaded).await;
        match &outcome {
            Ok(result) => progress.on_progress(
                &job_id,
                JobProgress::Done {
                    job_complete: result.status.job_complete,
                    job_success: result.status.job_success,
                },
            ),
            Err(e) => self.record_error(&job_id, e, uploaded)?,
        }
        outcome
    }

    /// Records a run's error: trouble that may pass later leaves the job pending for
    /// resume_pending_jobs, and a job the server has (`uploaded`) stays pending whatever polling
    /// met; anything else fails it.
    pub(crate) fn record_error(&self, job_id: &str, e: &Error, uploaded: bool) -> Result<()> {
        if e.may_pass_later() || uploaded {
            return Ok(());
        }
        let code = match e {
            Error::Api { code, .. } => code.as_str(),
            other => other.code(),
        };
        self.journal.record_failed(job_id, code)
    }

    async fn drive(
        &self,
        entry: &JournalEntry,
        job: &Job,
        progress: &Arc<dyn ProgressListener>,
        uploaded: &mut bool,
    ) -> Result<SubmitJobResult> {
        let job_ref = job.job_ref();
        let result = |smile_job_id: &str, status, incomplete_reason| SubmitJobResult {
            tag: job.request.tag.clone(),
            job_type: job.job_type,
            job_id: job_ref.job_id.clone(),
            user_id: job_ref.user_id.clone(),
            smile_job_id: smile_job_id.to_string(),
            status,
            incomplete_reason,
        };
        let mut smile_job_id = entry.smile_job_id.clone().unwrap_or_default();
        if entry.state == JobState::Complete {
            let raw = entry
                .status_raw
                .as_deref()
                .ok_or_else(|| Error::Storage("completed job without a status".into()))?;
            return Ok(result(&smile_job_id, JobStatus::parse(raw)?, None));
        }
        let (job_type, state) = (job.job_type.id(), entry.state);
        tracing::info!(job_id = %job_ref.job_id, job_type, ?state, "running job");
        progress.on_progress(&job_ref.job_id, JobProgress::Authenticating);
        let signed = self.endpoints.sign(&job_ref, job.id_info.as_ref()).await?;
        // A status from an earlier run stands in until a new one arrives.
        let mut last = entry.status_raw.as_deref().and_then(|raw| JobStatus::parse(raw).ok());
        if !*uploaded {
            smile_job_id = self.upload(job, &signed, progress).await?;
            *uploaded = true;
        }

        // The polling timeout bounds everything from here on.
        let deadline = Instant::now() + job.poll_timeout;
        let mut reuploads = 0;
        loop {
            match poll(self.endpoints, &job_ref, &signed, deadline, progress.as_ref()).await? {
                Polled::Complete(status) => {
                    self.journal.record_complete(&job_ref.job_id, &status.raw)?;
                    self.release_tag(&job.request.tag, &job_ref.job_id, status.job_success)?;
                    return Ok(result(&smile_job_id, status, None));
                }
                Polled::Incomplete(status, reason) => {
                    let status = status.or(last).unwrap_or_else(JobStatus::not_received);
                    if !status.raw.is_empty() {
                        self.journal.record_status(&job_ref.job_id, &status.raw)?;
                    }
                    return Ok(result(&smile_job_id, status, Some(reason)));
                }
                Polled::NoZip(status) => {
                    self.journal.record_status(&job_ref.job_id, &status.raw)?;
                    if reuploads == MAX_REUPLOADS {
                        let reason = Some(IncompleteReason::UploadLost);
                        return Ok(result(&smile_job_id, status, reason));
                    }
                    // The server has no zip although we sent one (the upload was lost).
                    let job_id = &job_ref.job_id;
                    tracing::info!(%job_id, "server lost the upload, sending again");
                    reuploads += 1;
                    let upload = self.upload(job, &signed, progress);
                    match tokio::time::timeout_at(deadline.into(), upload).await {
                        Ok(again) => smile_job_id = again?,
                        Err(_) => {
                            let reason = Some(IncompleteReason::TimedOut);
                            return Ok(result(&smile_job_id, status, reason));
                        }
                    }
                    last = Some(status);
                }
            }
        }
    }

    /// prep_upload then the zip PUT; returns the smile_job_id.
    async fn upload(
        &self,
        job: &Job,
        signed: &Signed,
        progress: &Arc<dyn ProgressListener>,
    ) -> Result<String> {
        let job_id = job.request.partner_params.job_id.clone();
        progress.on_progress(&job_id, JobProgress::Preparing);
        let prepared = self.endpoints.prep_upload(job, signed).await?;
        self.journal.record_prepared(&job_id, &prepared.smile_job_id)?;

        let images = self.tags.images(&job.request.tag)?;
        let zip = Bytes::from(build_zip(&images, job.wire_id_info())?);
        let (listener, id) = (Arc::clone(progress), job_id.clone());
        let on_sent =
            move |sent, total| listener.on_progress(&id, JobProgress::Uploading { sent, total });
        self.endpoints.upload_zip(&prepared.upload_url, zip, on_sent).await?;
        self.journal.record_uploaded(&job_id)?;
        tracing::info!(job_id = %job_id, "uploaded");
        Ok(prepared.smile_job_id)
    }

    /// Deletes a succeeded job's tag unless configured to keep it or another pending job
    /// needs it.
    pub(crate) fn release_tag(&self, tag: &str, job_id: &str, success: bool) -> Result<()> {
        if !success
            || self.endpoints.config.keep_tags_after_success
            || self.journal.tag_needed_by_other(tag, job_id)?
        {
            return Ok(());
        }
        match self.tags.delete(tag) {
            Ok(()) | Err(Error::TagNotFound(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }
}
