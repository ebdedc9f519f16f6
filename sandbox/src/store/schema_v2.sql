-- Schema version 2: what the dashboard shows and the results it forces. Applied by db.rs after
-- version 1. Times are Unix milliseconds.

-- Each API request of a job (prep_upload, zip PUTs, job_status) with its timing. Signatures,
-- tokens and pre-signed query strings are removed before a row is written.
CREATE TABLE exchanges (
    id           INTEGER PRIMARY KEY,
    smile_job_id INTEGER NOT NULL REFERENCES jobs (smile_job_id) ON DELETE CASCADE,
    at_ms        INTEGER NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    status       INTEGER NOT NULL,
    duration_ms  REAL NOT NULL,
    request      TEXT NOT NULL,
    response     TEXT NOT NULL
);
CREATE INDEX exchanges_by_job ON exchanges (smile_job_id);

-- Each delivery attempt of a job's result callback.
CREATE TABLE callback_attempts (
    id           INTEGER PRIMARY KEY,
    smile_job_id INTEGER NOT NULL REFERENCES jobs (smile_job_id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,
    at_ms        INTEGER NOT NULL,
    url          TEXT NOT NULL,               -- without its query string
    status       INTEGER,                     -- the receiver's HTTP status; NULL if none came
    error        TEXT,                        -- why the attempt failed, if it did
    duration_ms  REAL NOT NULL
);
CREATE INDEX callback_attempts_by_job ON callback_attempts (smile_job_id);

-- Results forced for the next job of a user, or for a job id, used once (sandbox_result codes).
CREATE TABLE forced_results (
    partner_id     TEXT NOT NULL,
    target         TEXT NOT NULL CHECK (target IN ('user', 'job')),
    id             TEXT NOT NULL,
    sandbox_result TEXT NOT NULL CHECK (sandbox_result IN ('0', '1', '2')),
    PRIMARY KEY (partner_id, target, id)
);
