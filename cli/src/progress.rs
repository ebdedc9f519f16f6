//! Shows a job's progress events as an indicatif spinner/bar on stderr.

use indicatif::{ProgressBar, ProgressStyle};
use smileid_core::{JobProgress, ProgressListener};

/// A progress line for one job.
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new(label: &str) -> Self {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix:.bold} {msg}").expect("valid template"),
        );
        bar.set_prefix(label.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Bar(bar)
    }
}

impl ProgressListener for Bar {
    fn on_progress(&self, _job_id: &str, event: JobProgress) {
        let message = match event {
            JobProgress::Authenticating => "authenticating".to_string(),
            JobProgress::Preparing => "preparing upload".to_string(),
            JobProgress::Uploading { sent, total } => {
                format!("uploading {}%", sent * 100 / total.max(1))
            }
            JobProgress::Polling { attempt, job_complete } => {
                format!(
                    "job status #{attempt}: {}",
                    if job_complete { "complete" } else { "processing" }
                )
            }
            JobProgress::Done { job_complete, .. } => {
                self.0.finish_and_clear();
                return tracing::debug!(job_complete, "job finished");
            }
        };
        self.0.set_message(message);
    }
}
