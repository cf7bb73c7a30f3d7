-- Schema version 2: what training and evaluation produce.

-- Every model the project has used: built-in pretrained encoders, folders, trained runs.
-- `identity` is the model's content identity (config + weights hash): it keys the embedding cache.
CREATE TABLE models (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('pretrained', 'folder', 'run')),
    path       TEXT,
    identity   TEXT NOT NULL,
    base_model TEXT,
    info       TEXT NOT NULL DEFAULT '{}',  -- JSON: dim, pooling, max length, ...
    created_at INTEGER NOT NULL
);

CREATE TABLE runs (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    method         TEXT NOT NULL,           -- contrastive | rankpo | sft
    status         TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
    config         TEXT NOT NULL,           -- JSON of the training config
    seed           INTEGER NOT NULL,
    data_hash      TEXT NOT NULL,           -- hash of the examples the run saw, in order
    base_model     TEXT NOT NULL,
    device         TEXT NOT NULL,
    checkpoint_dir TEXT,
    model_id       INTEGER REFERENCES models(id) ON DELETE SET NULL,
    message        TEXT NOT NULL DEFAULT '',
    started_at     INTEGER NOT NULL,
    finished_at    INTEGER,
    seconds        REAL,
    sweep          TEXT                      -- the sweep this run belongs to, if any
);

-- Per-step metrics with stable names (rankpo_loss, rewards/accuracies, ...).
CREATE TABLE run_metrics (
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step    INTEGER NOT NULL,
    epoch   REAL NOT NULL,
    name    TEXT NOT NULL,
    value   REAL NOT NULL,
    PRIMARY KEY (run_id, step, name)
) WITHOUT ROWID;

CREATE TABLE evaluations (
    id         INTEGER PRIMARY KEY,
    model      TEXT NOT NULL,               -- model name as the user gave it
    identity   TEXT NOT NULL,               -- model identity at evaluation time
    split      TEXT NOT NULL,
    metrics    TEXT NOT NULL,               -- JSON: both metric families, alignment, counts
    run_id     INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX evaluations_model ON evaluations(model, split, created_at);

-- The ranking an evaluation produced (top k per job), exportable as a TREC run.
CREATE TABLE evaluation_rankings (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    job_id        INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    rank          INTEGER NOT NULL,
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    score         REAL NOT NULL,
    PRIMARY KEY (evaluation_id, job_id, rank)
) WITHOUT ROWID;

-- Embeddings per (model identity, text), so re-ranking does not recompute them.
CREATE TABLE embeddings (
    model_identity TEXT NOT NULL,
    content_hash   BLOB NOT NULL,
    dim            INTEGER NOT NULL,
    vector         BLOB NOT NULL,           -- float32, little-endian
    PRIMARY KEY (model_identity, content_hash)
) WITHOUT ROWID;
