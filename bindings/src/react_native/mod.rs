//! `RnBridge`: the React Native module's one boundary. Each method takes the JS call's
//! arguments as JSON and answers a JSON envelope (`{"ok": …}` or `{"error": …}`, see
//! [`documents`]), so the Android and iOS glue only pass strings between the TurboModule and
//! this object. Field names, defaults, validation, rn-smile-id's positional form, result and
//! error documents, cancel by job id and the JS signature provider are all defined here, once.

mod capture;
mod documents;
mod requests;
mod signatures;
#[cfg(test)]
mod tests;

pub use capture::CaptureStart;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::capture::capture_from_files;
use crate::client::SmileIdClient;
use crate::error::SmileIdError;
use crate::job::SubmitJobParams;
use crate::progress::{ProgressEvent, ProgressListener};
use crate::running::Running;
use crate::tag_store::TagStore;
use crate::transport::HttpTransport;
use documents::{
    envelope, CapturedDoc, CapturedDocumentDoc, EnhancedKycDoc, PendingJobDoc, ProgressDoc,
    ResumedJobDoc, StatusDoc, SubmitDoc, TagImagesDoc,
};
use signatures::SignatureRequests;

/// How long a job waits for the app's signature function.
const SIGNATURE_TIMEOUT: Duration = Duration::from_secs(30);

/// Implemented by the glue: what the bridge needs from the platform. Called on the library's
/// worker threads.
#[uniffi::export(foreign)]
pub trait RnPlatform: Send + Sync {
    /// Sends an event to JS: `name` is `onProgress` or `onSignatureRequest`; `body` its JSON.
    fn emit(&self, name: String, body: String);
    /// The bytes behind a URI only the platform can open (Android's `content://`, as photo
    /// pickers and camera apps hand them over); null when it cannot open it.
    fn read_uri(&self, uri: String) -> Option<Vec<u8>>;
    /// The platform's HTTP stack (`OkHttpTransport`, `URLSessionTransport`) for the client that
    /// `configure` makes, with `certificate_pins` (host or `*.` / `**.` pattern to `sha256/`
    /// hashes, already checked; empty: none). Null only where the library has a built-in
    /// transport (desktop builds): phones always answer one.
    fn http_transport(
        &self,
        certificate_pins: HashMap<String, Vec<String>>,
    ) -> Option<Arc<dyn HttpTransport>>;
}

/// The React Native module's state: the tag store, the client (made from `configure` or the
/// bundled smile_config.json), the work in flight and the signature requests waiting for JS.
#[derive(uniffi::Object)]
pub struct RnBridge {
    /// Opening the store can fail (storage); every call that needs it answers that error.
    store: Result<Arc<TagStore>, SmileIdError>,
    bundled_config: Option<String>,
    platform: Arc<dyn RnPlatform>,
    signatures: Arc<SignatureRequests>,
    running: Arc<Running>,
    client: RwLock<Option<Arc<SmileIdClient>>>,
}

/// Sends a job's progress to JS as `onProgress`.
struct EmitProgress(Arc<dyn RnPlatform>);

impl ProgressListener for EmitProgress {
    fn on_progress(&self, job_id: String, event: ProgressEvent) {
        let body = serde_json::to_string(&ProgressDoc::new(job_id, event));
        if let Ok(body) = body {
            self.0.emit("onProgress".into(), body);
        }
    }
}

impl RnBridge {
    fn store(&self) -> Result<Arc<TagStore>, SmileIdError> {
        self.store.clone()
    }

    fn make_client(&self, config: Option<&str>) -> Result<Arc<SmileIdClient>, SmileIdError> {
        let signatures = Arc::clone(&self.signatures) as Arc<dyn crate::config::SignatureProvider>;
        let (mut config, pins) =
            requests::client_config(config, self.bundled_config.as_deref(), signatures)?;
        let pinned = !pins.is_empty();
        config.transport = self.platform.http_transport(pins.into_map().into_iter().collect());
        match &config.transport {
            None if pinned => {
                return Err(requests::invalid(
                    "certificate_pins",
                    "pinning needs the platform's HTTP stack, and here there is none that can \
                     check pins: use the module's Android or iOS build",
                ))
            }
            Some(_) if !config.extra_root_certificates_pem.is_empty() => {
                return Err(requests::invalid(
                    "extra_root_certificates_pem",
                    "the platform's HTTP stack trusts what the system and the app trust: add the \
                     CA to the app's network security config (Android) or the device's trust \
                     settings (iOS), and leave extraRootCertificatesPem out",
                ))
            }
            _ => {}
        }
        let running = Arc::clone(&self.running);
        let store = self.store()?;
        Ok(Arc::new(SmileIdClient::with_running(config.try_into()?, &store, running)?))
    }

    /// The configured client, or one from the bundled smile_config.json on first use.
    fn client(&self) -> Result<Arc<SmileIdClient>, SmileIdError> {
        if let Some(client) = self.client.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
            return Ok(Arc::clone(client));
        }
        let mut slot = self.client.write().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(self.make_client(None)?);
        }
        Ok(Arc::clone(slot.as_ref().expect("set above")))
    }

    fn progress(&self) -> Option<Arc<dyn ProgressListener>> {
        Some(Arc::new(EmitProgress(Arc::clone(&self.platform))))
    }

    fn captured(&self, tag: String) -> Result<CapturedDoc, SmileIdError> {
        let images = self.store()?.images(tag.clone())?;
        Ok(CapturedDoc::new(tag, images))
    }
}

#[uniffi::export]
impl RnBridge {
    /// `tags_root`: the app-private folder of the tag store; `bundled_config`: the app's
    /// smile_config.json, if it ships one; `platform`: where `onProgress` and
    /// `onSignatureRequest` go, and what opens `content://` URIs.
    #[uniffi::constructor]
    pub fn new(
        tags_root: String,
        bundled_config: Option<String>,
        platform: Arc<dyn RnPlatform>,
    ) -> Arc<Self> {
        Arc::new(RnBridge {
            store: TagStore::new(tags_root),
            bundled_config,
            signatures: Arc::new(SignatureRequests::new(Arc::clone(&platform), SIGNATURE_TIMEOUT)),
            platform,
            running: Arc::default(),
            client: RwLock::default(),
        })
    }

    /// `configure(config)`: replaces the client; jobs already running go on.
    pub async fn configure(&self, config: String) -> String {
        envelope(self.make_client(Some(&config)).map(|client| {
            *self.client.write().unwrap_or_else(|p| p.into_inner()) = Some(client);
        }))
    }

    /// `submitJob(...args)`, both forms; answers a `JobResult` (job type 5, Enhanced KYC: the
    /// ID details without a tag, answered with the authority's result; `enhanced: true`: an
    /// Enhanced SmartSelfie's answer). `cancelJob(jobId)` stops it.
    pub async fn submit_job(&self, args: String) -> String {
        envelope(self.run_job(&args).await)
    }

    /// `enqueueJob(options)`: records the job for `resumePendingJobs`; answers its job id.
    pub async fn enqueue_job(&self, args: String) -> String {
        envelope(requests::submit_args(&args).and_then(|a| {
            if a.enhanced {
                return Err(requests::invalid(
                    "enhanced",
                    "enqueueJob records standard jobs: submit an Enhanced SmartSelfie with \
                     submitJob (a job it cannot finish stays pending for resumePendingJobs)",
                ));
            }
            self.client()?.enqueue_job(a.params)
        }))
    }

    /// `jobStatus({jobId, userId, jobType, isProduction?})`; answers a `JobStatusResult`.
    pub async fn job_status(&self, job: String) -> String {
        envelope(self.status(&job).await)
    }

    /// `pendingJobs()`; answers `PendingJob[]`.
    pub async fn pending_jobs(&self) -> String {
        envelope(
            self.client()
                .and_then(|c| c.pending_jobs())
                .map(|jobs| jobs.into_iter().map(PendingJobDoc::from).collect::<Vec<_>>()),
        )
    }

    /// `resumePendingJobs()`; answers `ResumedJob[]`. `cancelResume()` stops it.
    pub async fn resume_pending_jobs(&self) -> String {
        envelope(self.resume().await)
    }

    /// `services({isProduction?})`: every product's countries and ID types (`GET /services`),
    /// fetched once per configured client.
    pub async fn services(&self, options: String) -> String {
        envelope(self.lookup(&options, |c, p| async move { c.services(p).await }).await)
    }

    /// `productsConfig({isProduction?})`: the ID types this partner has enabled, and those
    /// that need consent. Fetched once per configured client.
    pub async fn products_config(&self, options: String) -> String {
        envelope(self.lookup(&options, |c, p| async move { c.products_config(p).await }).await)
    }

    /// `validDocuments({isProduction?})`: the documents accepted per country. Fetched once per
    /// configured client.
    pub async fn valid_documents(&self, options: String) -> String {
        envelope(self.lookup(&options, |c, p| async move { c.valid_documents(p).await }).await)
    }

    /// Stops the running job (or job_status) of `job_id`; false when none runs.
    pub fn cancel_job(&self, job_id: String) -> bool {
        self.running.cancel_job(&job_id)
    }

    /// Stops every running `resumePendingJobs`; false when none runs.
    pub fn cancel_resume(&self) -> bool {
        self.running.cancel_resumes()
    }

    /// `captureSelfieFromFiles({selfie, liveness?, tag?})`; answers `CapturedSelfie`.
    pub async fn capture_selfie_from_files(&self, options: String) -> String {
        envelope(requests::capture_files(&options, self.platform.as_ref()).and_then(|files| {
            let tag =
                capture_from_files(self.store()?, files.tag, files.selfie, files.liveness, None)?;
            self.captured(tag)
        }))
    }

    /// `captureDocumentFromFiles({tag, front, back?})`: adds the document's photos to a selfie
    /// tag for job types 6 and 11; answers `CapturedDocument`.
    pub async fn capture_document_from_files(&self, options: String) -> String {
        envelope(requests::document_files(&options, self.platform.as_ref()).and_then(|d| {
            let store = self.store()?;
            crate::document::capture_document_from_files(store, d.tag.clone(), d.front, d.back)
                .map(|images| CapturedDocumentDoc::new(d.tag, images))
        }))
    }

    /// `getCurrentTags()`; answers `string[]`.
    pub async fn get_current_tags(&self) -> String {
        envelope(
            self.store()
                .and_then(|s| s.list())
                .map(|tags| tags.into_iter().map(|t| t.tag).collect::<Vec<_>>()),
        )
    }

    /// `getImagesForTag(tag)`; answers `TagImages`.
    pub async fn get_images_for_tag(&self, tag: String) -> String {
        envelope(self.store().and_then(|s| s.images(tag)).map(TagImagesDoc::from))
    }

    /// `deleteTag(tag)`; answers null.
    pub async fn delete_tag(&self, tag: String) -> String {
        envelope(self.store().and_then(|s| s.delete(tag)))
    }

    /// The app's signature function answered `onSignatureRequest` `request_id`.
    pub fn resolve_signature(&self, request_id: String, signature: String, timestamp: String) {
        let signed = crate::config::RequestSignature { signature, timestamp };
        self.signatures.answer(&request_id, Ok(signed));
    }

    /// The app's signature function failed: the job fails with a `network` error.
    pub fn reject_signature(&self, request_id: String, message: String) {
        self.signatures.answer(&request_id, Err(message));
    }

    /// The module is going away: stops all work in flight.
    pub fn shutdown(&self) {
        self.running.cancel_all();
        self.client.write().unwrap_or_else(|p| p.into_inner()).take();
    }
}

impl RnBridge {
    async fn run_job(&self, args: &str) -> Result<SubmitDoc, SmileIdError> {
        let requests::SubmitArgs { params, enhanced } = requests::submit_args(args)?;
        if enhanced {
            let task = self.client()?.start_smart_selfie(params, self.progress());
            return Ok(SubmitDoc::SmartSelfie(Box::new(task.await_or_cancel().await?.into())));
        }
        if params.job_type == requests::ENHANCED_KYC {
            return Ok(SubmitDoc::EnhancedKyc(Box::new(self.enhanced_kyc(params).await?)));
        }
        let task = self.client()?.start_job(params, self.progress());
        Ok(SubmitDoc::Job(Box::new(task.0.await_or_cancel().await?.into())))
    }

    /// Job 5: the ID details alone (a tag is refused), cancellable by its job id.
    async fn enhanced_kyc(&self, params: SubmitJobParams) -> Result<EnhancedKycDoc, SmileIdError> {
        if !params.tag.is_empty() {
            return Err(requests::invalid(
                "tag",
                "Enhanced KYC (job type 5) sends no images: leave the tag out",
            ));
        }
        Ok(self.client()?.enhanced_kyc(params.into()).await?.into())
    }

    /// A look-up for the environment the JSON `options` name, served as core's document.
    async fn lookup<T, Fut>(
        &self,
        options: &str,
        fetch: impl FnOnce(smileid_core::Client, bool) -> Fut,
    ) -> Result<T, SmileIdError>
    where
        T: Clone + Send + Sync + 'static,
        Fut: Future<Output = smileid_core::Result<Arc<T>>> + Send + 'static,
    {
        let is_production = requests::lookup_environment(options)?;
        let work = move |c| {
            let fetched = fetch(c, is_production);
            async move { Ok(Arc::unwrap_or_clone(fetched.await?)) }
        };
        self.client()?.lookup(work).await
    }

    async fn status(&self, job: &str) -> Result<StatusDoc, SmileIdError> {
        let task = self.client()?.start_job_status(requests::job_ref(job)?);
        Ok(task.0.await_or_cancel().await?.into())
    }

    async fn resume(&self) -> Result<Vec<ResumedJobDoc>, SmileIdError> {
        let task = self.client()?.start_resume_pending_jobs(self.progress());
        Ok(task.0.await_or_cancel().await?.into_iter().map(Into::into).collect())
    }
}
