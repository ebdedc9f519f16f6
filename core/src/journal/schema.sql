-- One row per job this device has started. A job leaves the pending set only when it is
-- complete or has failed for a reason a retry cannot fix.
CREATE TABLE IF NOT EXISTS jobs (
    job_id        TEXT PRIMARY KEY NOT NULL,
    tag           TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('captured', 'prepared', 'uploaded', 'complete', 'failed')),
    request_json  TEXT NOT NULL,  -- the validated SubmitJobRequest, generated ids filled in
    smile_job_id  TEXT,
    status_raw    TEXT,           -- the last job_status body
    error_code    TEXT,           -- why a failed job failed (stable error code or API code)
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, created_at);
