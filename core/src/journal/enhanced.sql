-- Enhanced SmartSelfie (v2) jobs: one synchronous request, the server makes the job id.
ALTER TABLE jobs ADD COLUMN enhanced INTEGER NOT NULL DEFAULT 0;  -- 1: sent over /v2 SmartSelfie
ALTER TABLE jobs ADD COLUMN server_job_id TEXT;                   -- the job_id the v2 answer gave
ALTER TABLE jobs ADD COLUMN answer_raw TEXT;                      -- the v2 answer body
