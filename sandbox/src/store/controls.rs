//! What the dashboard changes: results forced for a user's or a job's next judgement, and
//! deleting jobs and users.

use std::sync::Arc;

use rusqlite::{params, OptionalExtension};

use super::{Job, Store, StoreResult};

/// Whom a forced result is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ForceTarget {
    /// The next job of this user to be judged.
    User,
    /// The job with this job id, when it is judged.
    Job,
}

impl ForceTarget {
    fn as_str(self) -> &'static str {
        match self {
            ForceTarget::User => "user",
            ForceTarget::Job => "job",
        }
    }
}

/// A result waiting for its job: `sandbox_result` is "0" (approve), "1" (reject) or "2"
/// (provisional).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct ForcedResult {
    pub partner_id: String,
    pub target: ForceTarget,
    pub id: String,
    pub sandbox_result: String,
}

/// What a deletion removed.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Removed {
    /// SmileJobIDs of the deleted jobs.
    pub jobs: Vec<u64>,
    /// Users no longer enrolled.
    pub unenrolled: Vec<String>,
}

impl Store {
    /// Every job, newest first.
    pub fn jobs_newest_first(&self) -> Vec<Arc<Job>> {
        let mut jobs: Vec<_> =
            self.jobs.read().expect("jobs lock").by_id.values().cloned().collect();
        jobs.sort_by_key(|j| std::cmp::Reverse(j.smile_job_id));
        jobs
    }

    /// Forces the result of the target's next judgement (replacing one already forced).
    pub fn force_result(&self, forced: &ForcedResult) -> StoreResult<()> {
        self.conn().execute(
            "INSERT INTO forced_results (partner_id, target, id, sandbox_result)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (partner_id, target, id)
             DO UPDATE SET sandbox_result = excluded.sandbox_result",
            params![forced.partner_id, forced.target.as_str(), forced.id, forced.sandbox_result],
        )?;
        self.changed();
        Ok(())
    }

    /// Results forced and not used yet.
    pub fn forced_results(&self) -> StoreResult<Vec<ForcedResult>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT partner_id, target, id, sandbox_result FROM forced_results
             ORDER BY partner_id, target, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let target: String = r.get(1)?;
            Ok(ForcedResult {
                partner_id: r.get(0)?,
                target: if target == "job" { ForceTarget::Job } else { ForceTarget::User },
                id: r.get(2)?,
                sandbox_result: r.get(3)?,
            })
        })?;
        rows.collect()
    }

    /// Takes the result forced for `job` (by its job id first, else by its user), if any: it
    /// applies once.
    pub fn take_forced_result(&self, job: &Job) -> StoreResult<Option<String>> {
        let conn = self.conn();
        for (target, id) in [(ForceTarget::Job, &job.job_id), (ForceTarget::User, &job.user_id)] {
            let taken: Option<String> = conn
                .query_row(
                    "DELETE FROM forced_results WHERE partner_id = ?1 AND target = ?2 AND id = ?3
                     RETURNING sandbox_result",
                    params![job.partner_id, target.as_str(), id],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                self.changed();
                return Ok(taken);
            }
        }
        Ok(None)
    }

    /// Deletes a job with its upload, requests and callbacks; the user it enrolled is no longer
    /// enrolled. `None` if there is no such job.
    pub fn delete_job(&self, smile_job_id: u64) -> StoreResult<Option<Removed>> {
        let mut conn = self.conn();
        let Some(job) = self.job_by_smile_id(smile_job_id) else { return Ok(None) };
        let tx = conn.transaction()?;
        let unenrolled: Vec<String> = {
            let mut stmt =
                tx.prepare("DELETE FROM users WHERE enrolled_by = ?1 RETURNING user_id")?;
            let rows = stmt.query_map([smile_job_id], |r| r.get(0))?;
            rows.collect::<StoreResult<_>>()?
        };
        delete_job_rows(&tx, smile_job_id)?;
        tx.commit()?;
        self.jobs.write().expect("jobs lock").remove(job.smile_job_id);
        self.changed();
        Ok(Some(Removed { jobs: vec![smile_job_id], unenrolled }))
    }

    /// Deletes a user of a partner: their enrolment, every job of theirs and the results forced
    /// for them. An empty [`Removed`] if the sandbox knows no such user.
    pub fn delete_user(&self, partner_id: &str, user_id: &str) -> StoreResult<Removed> {
        let mut conn = self.conn();
        let ids: Vec<u64> = {
            let jobs = self.jobs.read().expect("jobs lock");
            jobs.by_id
                .values()
                .filter(|j| j.partner_id == partner_id && j.user_id == user_id)
                .map(|j| j.smile_job_id)
                .collect()
        };
        let tx = conn.transaction()?;
        let enrolled = tx.execute(
            "DELETE FROM users WHERE partner_id = ?1 AND user_id = ?2",
            [partner_id, user_id],
        )?;
        tx.execute(
            "DELETE FROM forced_results WHERE partner_id = ?1 AND target = 'user' AND id = ?2",
            [partner_id, user_id],
        )?;
        for id in &ids {
            delete_job_rows(&tx, *id)?;
        }
        tx.commit()?;
        let mut jobs = self.jobs.write().expect("jobs lock");
        for id in &ids {
            jobs.remove(*id);
        }
        drop(jobs);
        self.changed();
        let unenrolled = if enrolled > 0 { vec![user_id.to_string()] } else { Vec::new() };
        Ok(Removed { jobs: ids, unenrolled })
    }
}

/// Deletes a job's rows; its requests and callback attempts go with it (ON DELETE CASCADE).
fn delete_job_rows(conn: &rusqlite::Connection, smile_job_id: u64) -> StoreResult<()> {
    conn.execute("DELETE FROM users WHERE enrolled_by = ?1", [smile_job_id])?;
    conn.execute("DELETE FROM uploads WHERE smile_job_id = ?1", [smile_job_id])?;
    conn.execute("DELETE FROM jobs WHERE smile_job_id = ?1", [smile_job_id])?;
    Ok(())
}
