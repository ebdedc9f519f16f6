//! The durable job journal (SQLite, WAL): every job's state, so a job survives a crash, a kill
//! or a missing network and is finished exactly once with the same job_id.
//!
//! States: `captured` (recorded, nothing sent yet) → `prepared` (prep_upload accepted) →
//! `uploaded` (zip PUT accepted) → `complete` | `failed`. An Enhanced SmartSelfie job (v2) goes
//! `captured` (not answered yet) → `uploaded` (answered `pending`: the server has it) →
//! `complete` | `failed`.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::signature::iso_timestamp_now;
use crate::submit::SubmitJobRequest;
use crate::tags::TagStore;

/// File name of the journal inside the tag store's folder (not a valid tag name, so never
/// listed as a tag).
const JOURNAL_FILE: &str = ".journal.sqlite3";

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Captured,
    Prepared,
    Uploaded,
    Complete,
    Failed,
}

impl JobState {
    fn as_str(self) -> &'static str {
        match self {
            JobState::Captured => "captured",
            JobState::Prepared => "prepared",
            JobState::Uploaded => "uploaded",
            JobState::Complete => "complete",
            JobState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "captured" => JobState::Captured,
            "prepared" => JobState::Prepared,
            "uploaded" => JobState::Uploaded,
            "complete" => JobState::Complete,
            "failed" => JobState::Failed,
            other => return Err(Error::Storage(format!("journal has an unknown state {other:?}"))),
        })
    }

    /// Whether the job still needs work.
    pub fn is_pending(self) -> bool {
        !matches!(self, JobState::Complete | JobState::Failed)
    }
}

/// One job as the journal knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalEntry {
    pub job_id: String,
    pub tag: String,
    pub state: JobState,
    /// The request with its generated ids, replayed on resume.
    pub request: SubmitJobRequest,
    pub smile_job_id: Option<String>,
    /// The last job_status body received.
    pub status_raw: Option<String>,
    pub error_code: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Sent over the v2 SmartSelfie endpoints ([`crate::Client::submit_smart_selfie`]).
    pub enhanced: bool,
    /// The job_id the v2 answer gave (the server makes it; the journal's own `job_id` is local).
    pub server_job_id: Option<String>,
    /// The v2 answer body.
    pub answer_raw: Option<String>,
}

/// The journal database.
#[derive(Debug)]
pub struct Journal {
    conn: Mutex<Connection>,
}

fn db_err(e: rusqlite::Error) -> Error {
    Error::storage("job journal", e)
}

impl Journal {
    /// Opens (creating if needed) the journal at `path`, readable only by its owner.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent() {
            crate::tags::create_private_dir(parent)?;
        }
        let conn = Connection::open(path).map_err(db_err)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        Self::init(conn)
    }

    /// Opens the journal kept beside a tag store's tags (the one a [`crate::Client`] over that
    /// store writes).
    pub fn open_beside(tags: &TagStore) -> Result<Self> {
        Self::open(&tags.root().join(JOURNAL_FILE))
    }

    fn init(conn: Connection) -> Result<Self> {
        // WAL + synchronous=FULL: a committed state change survives power loss and SIGKILL.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(db_err)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(db_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(db_err)?;
        conn.execute_batch(include_str!("schema.sql")).map_err(db_err)?;
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(db_err)?;
        if version < 1 {
            conn.execute_batch(&format!(
                "BEGIN; {} PRAGMA user_version = 1; COMMIT;",
                include_str!("enhanced.sql")
            ))
            .map_err(db_err)?;
        }
        Ok(Journal { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written; keep going.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records a new job as `captured`. A job_id already in the journal keeps its row (and so
    /// its progress): the caller resumes it instead of starting over.
    pub fn record(&self, request: &SubmitJobRequest) -> Result<JournalEntry> {
        self.record_as(request, false)
    }

    /// [`Journal::record`] for a job of either kind (`enhanced`: v2 SmartSelfie).
    pub(crate) fn record_as(
        &self,
        request: &SubmitJobRequest,
        enhanced: bool,
    ) -> Result<JournalEntry> {
        let job_id = &request.partner_params.job_id;
        let now = iso_timestamp_now();
        let json = serde_json::to_string(request).expect("requests serialise");
        self.conn()
            .execute(
                "INSERT INTO jobs (job_id, tag, state, request_json, created_at, updated_at,
                 enhanced) VALUES (?1, ?2, 'captured', ?3, ?4, ?4, ?5)
                 ON CONFLICT(job_id) DO NOTHING",
                params![job_id, request.tag, json, now, enhanced],
            )
            .map_err(db_err)?;
        self.get(job_id)?.ok_or_else(|| Error::Storage("journal lost a row it just wrote".into()))
    }

    /// Records that a failed job is being tried again under the same job_id.
    pub(crate) fn record_retry(&self, job_id: &str) -> Result<JournalEntry> {
        self.update(job_id, Some(JobState::Captured), None, None, None)?;
        self.get(job_id)?.ok_or_else(|| Error::Storage("journal row vanished".into()))
    }

    /// Records that prep_upload accepted the job under Smile ID's job number.
    pub(crate) fn record_prepared(&self, job_id: &str, smile_job_id: &str) -> Result<()> {
        self.update(job_id, Some(JobState::Prepared), Some(smile_job_id), None, None)
    }

    /// Records that the zip upload was accepted.
    pub(crate) fn record_uploaded(&self, job_id: &str) -> Result<()> {
        self.update(job_id, Some(JobState::Uploaded), None, None, None)
    }

    /// Records the last job_status answer of a job that is not complete yet.
    pub(crate) fn record_status(&self, job_id: &str, status_raw: &str) -> Result<()> {
        self.update(job_id, None, None, Some(status_raw), None)
    }

    /// Records the job_status answer that completed the job.
    pub(crate) fn record_complete(&self, job_id: &str, status_raw: &str) -> Result<()> {
        self.update(job_id, Some(JobState::Complete), None, Some(status_raw), None)
    }

    /// Records that a job failed for a reason a retry cannot fix, with its error code.
    pub(crate) fn record_failed(&self, job_id: &str, error_code: &str) -> Result<()> {
        self.update(job_id, Some(JobState::Failed), None, None, Some(error_code))
    }

    /// Records a v2 answer: `complete` when final, `uploaded` when pending (the server has it).
    pub(crate) fn record_answer(
        &self,
        job_id: &str,
        server_job_id: &str,
        answer_raw: &str,
        complete: bool,
    ) -> Result<()> {
        let state = if complete { JobState::Complete } else { JobState::Uploaded };
        self.conn()
            .execute(
                "UPDATE jobs SET state = ?2, server_job_id = ?3, answer_raw = ?4,
                 error_code = NULL, updated_at = ?5 WHERE job_id = ?1",
                params![job_id, state.as_str(), server_job_id, answer_raw, iso_timestamp_now()],
            )
            .map_err(db_err)?;
        Ok(())
    }

    /// Changes the given facts of a job (`None` keeps the state, job number and status).
    fn update(
        &self,
        job_id: &str,
        state: Option<JobState>,
        smile_job_id: Option<&str>,
        status_raw: Option<&str>,
        error_code: Option<&str>,
    ) -> Result<()> {
        let changed = self
            .conn()
            .execute(
                "UPDATE jobs SET state = COALESCE(?2, state),
                 smile_job_id = COALESCE(?3, smile_job_id),
                 status_raw = COALESCE(?4, status_raw), error_code = ?5, updated_at = ?6
                 WHERE job_id = ?1",
                params![
                    job_id,
                    state.map(JobState::as_str),
                    smile_job_id,
                    status_raw,
                    error_code,
                    iso_timestamp_now()
                ],
            )
            .map_err(db_err)?;
        if changed == 0 {
            return Err(Error::Storage(format!("journal has no job {job_id}")));
        }
        Ok(())
    }

    /// One job.
    pub fn get(&self, job_id: &str) -> Result<Option<JournalEntry>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached(&format!("{SELECT} WHERE job_id = ?1")).map_err(db_err)?;
        let row = stmt.query_row([job_id], read_row).optional().map_err(db_err)?;
        row.map(|r| r.into_entry()).transpose()
    }

    /// Jobs that still need work, oldest first.
    pub fn pending(&self) -> Result<Vec<JournalEntry>> {
        self.select("WHERE state NOT IN ('complete', 'failed') ORDER BY created_at, job_id", [])
    }

    /// Every job, oldest first.
    pub fn all(&self) -> Result<Vec<JournalEntry>> {
        self.select("ORDER BY created_at, job_id", [])
    }

    /// Whether another pending job still needs `tag`.
    pub fn tag_needed_by_other(&self, tag: &str, job_id: &str) -> Result<bool> {
        self.conn()
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM jobs WHERE tag = ?1 AND job_id != ?2
                 AND state NOT IN ('complete', 'failed'))",
                [tag, job_id],
                |r| r.get(0),
            )
            .map_err(db_err)
    }

    /// The most recent completed job on `tag` whose result was a success (after which the tag
    /// was released unless kept).
    pub(crate) fn last_success_on_tag(&self, tag: &str) -> Result<Option<String>> {
        let complete = self.select(
            "WHERE tag = ?1 AND state = 'complete' ORDER BY updated_at DESC, job_id DESC",
            [tag],
        )?;
        Ok(complete
            .into_iter()
            .find(|e| match (&e.status_raw, &e.answer_raw) {
                (Some(raw), _) => {
                    crate::result::JobStatus::parse(raw).ok().is_some_and(|s| s.job_success)
                }
                (None, Some(answer)) => crate::smart_selfie::approved(answer),
                (None, None) => false,
            })
            .map(|e| e.job_id))
    }

    fn select<P: rusqlite::Params>(&self, tail: &str, params: P) -> Result<Vec<JournalEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!("{SELECT} {tail}")).map_err(db_err)?;
        let rows = stmt.query_map(params, read_row).map_err(db_err)?;
        rows.map(|r| r.map_err(db_err)?.into_entry()).collect()
    }
}

const SELECT: &str = "SELECT job_id, tag, state, request_json, smile_job_id, status_raw, \
                      error_code, created_at, updated_at, enhanced, server_job_id, answer_raw \
                      FROM jobs";

struct Row {
    job_id: String,
    tag: String,
    state: String,
    request_json: String,
    smile_job_id: Option<String>,
    status_raw: Option<String>,
    error_code: Option<String>,
    created_at: String,
    updated_at: String,
    enhanced: bool,
    server_job_id: Option<String>,
    answer_raw: Option<String>,
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        job_id: r.get(0)?,
        tag: r.get(1)?,
        state: r.get(2)?,
        request_json: r.get(3)?,
        smile_job_id: r.get(4)?,
        status_raw: r.get(5)?,
        error_code: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        enhanced: r.get(9)?,
        server_job_id: r.get(10)?,
        answer_raw: r.get(11)?,
    })
}

impl Row {
    fn into_entry(self) -> Result<JournalEntry> {
        let request = serde_json::from_str(&self.request_json)
            .map_err(|e| Error::storage("journal request unreadable", e))?;
        Ok(JournalEntry {
            state: JobState::parse(&self.state)?,
            job_id: self.job_id,
            tag: self.tag,
            request,
            smile_job_id: self.smile_job_id,
            status_raw: self.status_raw,
            error_code: self.error_code,
            created_at: self.created_at,
            updated_at: self.updated_at,
            enhanced: self.enhanced,
            server_job_id: self.server_job_id,
            answer_raw: self.answer_raw,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(job_id: &str, tag: &str) -> SubmitJobRequest {
        let mut r = SubmitJobRequest { tag: tag.into(), job_type: 4, ..Default::default() };
        r.partner_params.job_id = job_id.into();
        r.partner_params.user_id = "u".into();
        r
    }

    #[test]
    fn states_persist_across_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        {
            let j = Journal::open(&path).unwrap();
            j.record(&request("a", "t1")).unwrap();
            j.record(&request("b", "t1")).unwrap();
            j.record_prepared("a", "0000000001").unwrap();
            j.record_uploaded("a").unwrap();
            j.record_status("a", "{}").unwrap();
            j.record_failed("b", "2210").unwrap();
        }
        let j = Journal::open(&path).unwrap();
        let a = j.get("a").unwrap().unwrap();
        assert_eq!(
            (a.state, a.smile_job_id.as_deref(), a.status_raw.as_deref()),
            (JobState::Uploaded, Some("0000000001"), Some("{}"))
        );
        assert_eq!(a.request, request("a", "t1"));
        assert_eq!(
            j.pending().unwrap().iter().map(|e| e.job_id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
        assert_eq!(j.get("b").unwrap().unwrap().error_code.as_deref(), Some("2210"));
        assert!(!j.tag_needed_by_other("t1", "a").unwrap());
        j.record(&request("c", "t1")).unwrap();
        assert!(j.tag_needed_by_other("t1", "a").unwrap());
        // Recording a known job keeps its progress.
        assert_eq!(j.record(&request("a", "t1")).unwrap().state, JobState::Uploaded);
        assert!(j.record_complete("zzz", "{}").is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
