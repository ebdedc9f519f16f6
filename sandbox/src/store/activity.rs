//! What happened to each job on the wire: its API requests with their timings, and each delivery
//! attempt of its result callback. Written as it happens, read by the dashboard.

use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::params;

use super::{Store, StoreResult};

/// Most requests recorded per job: clients that poll job_status in a tight loop (or a load
/// test) would otherwise fill the database; later requests are only counted.
pub(crate) const MAX_EXCHANGES_PER_JOB: u32 = 200;

/// Now, in milliseconds since the Unix epoch (how activity is timed).
pub(crate) fn unix_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// One API request of a job and the sandbox's answer. Bodies are stored without secrets.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Exchange {
    pub at_ms: i64,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub duration_ms: f64,
    pub request: String,
    pub response: String,
}

/// One delivery attempt of a result callback.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct CallbackAttempt {
    pub attempt: u32,
    pub at_ms: i64,
    /// The callback URL without its query string.
    pub url: String,
    /// The receiver's HTTP status; `None` when no answer came (network error, injected fault).
    pub status: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: f64,
}

impl Store {
    /// Counts a request of the job; whether it may be recorded (the first
    /// [`MAX_EXCHANGES_PER_JOB`] since start may). Never touches SQLite.
    pub fn admit_exchange(&self, smile_job_id: u64) -> bool {
        let mut counts = self.exchange_counts.lock().unwrap_or_else(|p| p.into_inner());
        let seen = counts.entry(smile_job_id).or_default();
        *seen = seen.saturating_add(1);
        *seen <= MAX_EXCHANGES_PER_JOB
    }

    /// Requests of the job seen since start but not recorded (over the limit).
    pub fn exchanges_not_recorded(&self, smile_job_id: u64) -> u32 {
        let counts = self.exchange_counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.get(&smile_job_id).map_or(0, |n| n.saturating_sub(MAX_EXCHANGES_PER_JOB))
    }

    /// Records an exchange of a job; ignored if the job no longer exists.
    pub fn record_exchange(&self, smile_job_id: u64, exchange: &Exchange) -> StoreResult<()> {
        let conn = self.conn();
        if self.job_by_smile_id(smile_job_id).is_none() {
            return Ok(());
        }
        conn.execute(
            "INSERT INTO exchanges
                 (smile_job_id, at_ms, method, path, status, duration_ms, request, response)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                smile_job_id,
                exchange.at_ms,
                exchange.method,
                exchange.path,
                exchange.status,
                exchange.duration_ms,
                exchange.request,
                exchange.response
            ],
        )?;
        self.changed();
        Ok(())
    }

    /// The job's exchanges, oldest first.
    pub fn exchanges(&self, smile_job_id: u64) -> StoreResult<Vec<Exchange>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT at_ms, method, path, status, duration_ms, request, response FROM exchanges
             WHERE smile_job_id = ?1 ORDER BY at_ms, id",
        )?;
        let rows = stmt.query_map([smile_job_id], |r| {
            Ok(Exchange {
                at_ms: r.get(0)?,
                method: r.get(1)?,
                path: r.get(2)?,
                status: r.get(3)?,
                duration_ms: r.get(4)?,
                request: r.get(5)?,
                response: r.get(6)?,
            })
        })?;
        rows.collect()
    }

    /// Records a callback attempt of a job; ignored if the job no longer exists.
    pub fn record_callback_attempt(
        &self,
        smile_job_id: u64,
        attempt: &CallbackAttempt,
    ) -> StoreResult<()> {
        let conn = self.conn();
        if self.job_by_smile_id(smile_job_id).is_none() {
            return Ok(());
        }
        conn.execute(
            "INSERT INTO callback_attempts
                 (smile_job_id, attempt, at_ms, url, status, error, duration_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                smile_job_id,
                attempt.attempt,
                attempt.at_ms,
                attempt.url,
                attempt.status,
                attempt.error,
                attempt.duration_ms
            ],
        )?;
        self.changed();
        Ok(())
    }

    /// The job's callback attempts, in order.
    pub fn callback_attempts(&self, smile_job_id: u64) -> StoreResult<Vec<CallbackAttempt>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT attempt, at_ms, url, status, error, duration_ms FROM callback_attempts
             WHERE smile_job_id = ?1 ORDER BY at_ms, id",
        )?;
        let rows = stmt.query_map([smile_job_id], |r| {
            Ok(CallbackAttempt {
                attempt: r.get(0)?,
                at_ms: r.get(1)?,
                url: r.get(2)?,
                status: r.get(3)?,
                error: r.get(4)?,
                duration_ms: r.get(5)?,
            })
        })?;
        rows.collect()
    }
}
