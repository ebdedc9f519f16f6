-- Schema version 1 of the sandbox database. Applied by db.rs when PRAGMA user_version is 0.

-- Sandbox-wide settings, e.g. the secret that signs upload URLs (so they survive a restart).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE partners (
    partner_id TEXT PRIMARY KEY,
    api_key    TEXT NOT NULL,
    auth_token TEXT NOT NULL
);

CREATE TABLE jobs (
    smile_job_id INTEGER PRIMARY KEY,
    partner_id   TEXT NOT NULL REFERENCES partners (partner_id),
    job_id       TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    job_type     INTEGER NOT NULL,
    callback_url TEXT NOT NULL,
    extras       TEXT NOT NULL,               -- partner_params extras: JSON object of strings
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('awaiting_upload', 'processing', 'complete')),
    put_count    INTEGER NOT NULL DEFAULT 0,  -- zip PUTs received, duplicates included
    job_success  INTEGER,                     -- set once complete
    result       TEXT,                        -- the result object (JSON), once complete
    UNIQUE (partner_id, job_id)
);

CREATE TABLE uploads (
    smile_job_id INTEGER PRIMARY KEY REFERENCES jobs (smile_job_id),
    zip          BLOB,                        -- kept for the dashboard (schema v1 cleared it)
    selfie       BLOB,                        -- kept for image_links
    received_at  TEXT NOT NULL
);

CREATE TABLE users (
    partner_id  TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    enrolled_by INTEGER NOT NULL REFERENCES jobs (smile_job_id),
    enrolled_at TEXT NOT NULL,
    PRIMARY KEY (partner_id, user_id)
);
