//! SQLite persistence: schema migration and the few statements the store needs. Everything here
//! is synchronous; [`super::Store`] serialises access and keeps it off the async threads.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::value::RawValue;
use smileid_core::JobType;

use super::records::{Completion, Job, JobState, Partner};

const SCHEMA_V1: &str = include_str!("schema.sql");
const SCHEMA_V2: &str = include_str!("schema_v2.sql");

/// Opens (creating if needed) and migrates the database at `path`.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    // WAL keeps readers unblocked; NORMAL sync is durable across process crashes, which is all a
    // sandbox needs, and avoids an fsync per job.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&conn)?;
    Ok(conn)
}

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < 1 {
        conn.execute_batch(&format!("BEGIN; {SCHEMA_V1} PRAGMA user_version = 1; COMMIT;"))?;
    }
    if version < 2 {
        conn.execute_batch(&format!("BEGIN; {SCHEMA_V2} PRAGMA user_version = 2; COMMIT;"))?;
    }
    Ok(())
}

/// The value stored under `key`, created with `init` the first time.
pub fn meta_value(
    conn: &Connection,
    key: &str,
    init: impl FnOnce() -> Vec<u8>,
) -> rusqlite::Result<Vec<u8>> {
    if let Some(v) =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?
    {
        return Ok(v);
    }
    let value = init();
    conn.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![key, value])?;
    Ok(value)
}

pub fn upsert_partner(
    conn: &Connection,
    partner_id: &str,
    partner: &Partner,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO partners (partner_id, api_key, auth_token) VALUES (?1, ?2, ?3)
         ON CONFLICT (partner_id)
         DO UPDATE SET api_key = excluded.api_key, auth_token = excluded.auth_token",
        params![partner_id, partner.api_key, partner.auth_token],
    )?;
    Ok(())
}

pub fn load_partners(conn: &Connection) -> rusqlite::Result<Vec<(String, Partner)>> {
    let mut stmt = conn.prepare("SELECT partner_id, api_key, auth_token FROM partners")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, Partner { api_key: r.get(1)?, auth_token: r.get(2)? }))
    })?;
    rows.collect()
}

/// Every job, without upload blobs.
pub fn load_jobs(conn: &Connection) -> rusqlite::Result<Vec<Job>> {
    let mut stmt = conn.prepare(
        "SELECT smile_job_id, partner_id, job_id, user_id, job_type, callback_url, extras, state,
                put_count, job_success, result, created_at
         FROM jobs",
    )?;
    let rows = stmt.query_map([], |r| {
        let state: String = r.get(7)?;
        let state = match state.as_str() {
            "awaiting_upload" => JobState::AwaitingUpload,
            "processing" => JobState::Processing,
            _ => JobState::Complete(Arc::new(Completion {
                success: r.get(9)?,
                result: RawValue::from_string(r.get(10)?).map_err(|e| conversion_error(10, e))?,
            })),
        };
        let extras: String = r.get(6)?;
        Ok(Job {
            smile_job_id: r.get(0)?,
            partner_id: r.get(1)?,
            job_id: r.get(2)?,
            user_id: r.get(3)?,
            job_type: JobType::from_id(r.get(4)?).map_err(|e| conversion_error(4, e))?,
            callback_url: r.get(5)?,
            extras: serde_json::from_str::<BTreeMap<String, String>>(&extras)
                .map_err(|e| conversion_error(6, e))?,
            state,
            put_count: r.get(8)?,
            created_at: r.get(11)?,
        })
    })?;
    rows.collect()
}

fn conversion_error(
    column: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}

pub fn insert_job(conn: &Connection, job: &Job) -> rusqlite::Result<()> {
    let extras = serde_json::to_string(&job.extras).expect("a string map serializes");
    conn.execute(
        "INSERT INTO jobs (smile_job_id, partner_id, job_id, user_id, job_type, callback_url,
                           extras, created_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'awaiting_upload')",
        params![
            job.smile_job_id,
            job.partner_id,
            job.job_id,
            job.user_id,
            job.job_type.id(),
            job.callback_url,
            extras,
            job.created_at
        ],
    )?;
    Ok(())
}

pub fn count_put(conn: &Connection, smile_job_id: u64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE jobs SET put_count = put_count + 1 WHERE smile_job_id = ?1",
        [smile_job_id],
    )?;
    Ok(())
}

/// Stores the zip and marks the job as processing.
pub fn store_upload(
    conn: &Connection,
    smile_job_id: u64,
    zip: &[u8],
    received_at: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO uploads (smile_job_id, zip, received_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (smile_job_id)
         DO UPDATE SET zip = excluded.zip, received_at = excluded.received_at",
        params![smile_job_id, zip, received_at],
    )?;
    conn.execute("UPDATE jobs SET state = 'processing' WHERE smile_job_id = ?1", [smile_job_id])?;
    Ok(())
}

pub fn upload_zip(conn: &Connection, smile_job_id: u64) -> rusqlite::Result<Option<Vec<u8>>> {
    conn.query_row("SELECT zip FROM uploads WHERE smile_job_id = ?1", [smile_job_id], |r| r.get(0))
        .optional()
        .map(Option::flatten)
}

/// Records the result, keeps the selfie (and the zip, for the dashboard) and, if `enroll`, enrols
/// the job's user.
pub fn complete(
    conn: &Connection,
    job: &Job,
    completion: &Completion,
    selfie: Option<&[u8]>,
    enroll: bool,
    now: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE jobs SET state = 'complete', job_success = ?2, result = ?3 WHERE smile_job_id = ?1",
        params![job.smile_job_id, completion.success, completion.result.get()],
    )?;
    conn.execute(
        "UPDATE uploads SET selfie = ?2 WHERE smile_job_id = ?1",
        params![job.smile_job_id, selfie],
    )?;
    if enroll {
        conn.execute(
            "INSERT INTO users (partner_id, user_id, enrolled_by, enrolled_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (partner_id, user_id)
             DO UPDATE SET enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at",
            params![job.partner_id, job.user_id, job.smile_job_id, now],
        )?;
    }
    Ok(())
}

pub fn is_enrolled(conn: &Connection, partner_id: &str, user_id: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT 1 FROM users WHERE partner_id = ?1 AND user_id = ?2",
        [partner_id, user_id],
        |_| Ok(()),
    )
    .optional()
    .map(|row| row.is_some())
}

pub fn enrolled_users(conn: &Connection, partner_id: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT user_id FROM users WHERE partner_id = ?1 ORDER BY user_id")?;
    let rows = stmt.query_map([partner_id], |r| r.get(0))?;
    rows.collect()
}

pub fn job_count(conn: &Connection, partner_id: &str, job_id: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT COUNT(*) FROM jobs WHERE partner_id = ?1 AND job_id = ?2",
        [partner_id, job_id],
        |r| r.get(0),
    )
}

pub fn selfie(conn: &Connection, smile_job_id: u64) -> rusqlite::Result<Option<Vec<u8>>> {
    conn.query_row("SELECT selfie FROM uploads WHERE smile_job_id = ?1", [smile_job_id], |r| {
        r.get(0)
    })
    .optional()
    .map(Option::flatten)
}
