-- Schema version 1: the project's data. Never edit a released migration: add a new one.
CREATE TABLE project_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Texts are deduplicated by content (XXH3-128 of the exact UTF-8 bytes).
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    content_hash BLOB NOT NULL UNIQUE,
    text         TEXT NOT NULL,
    external_id  TEXT,               -- the first external id seen; all of them are in external_ids
    title        TEXT,
    institution  TEXT,
    location     TEXT,
    contract     TEXT,
    salary       TEXT,
    closing_date TEXT,
    split        TEXT CHECK (split IN ('train', 'test')),
    created_at   INTEGER NOT NULL
);

CREATE TABLE candidates (
    id           INTEGER PRIMARY KEY,
    content_hash BLOB NOT NULL UNIQUE,
    text         TEXT NOT NULL,
    external_id  TEXT,
    keywords     TEXT,               -- JSON arrays of the parsed profile sections (NULL for plain text)
    titles       TEXT,
    abstracts    TEXT,
    created_at   INTEGER NOT NULL
);

-- Every external id ever given to a job or candidate, so that any of them finds it.
CREATE TABLE external_ids (
    kind        TEXT NOT NULL CHECK (kind IN ('job', 'candidate')),
    external_id TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    PRIMARY KEY (kind, external_id)
) WITHOUT ROWID;

-- A pair is unordered: the smaller candidate id first. (No index by candidate: lookups go by job,
-- and every extra index slows bulk imports measurably.)
CREATE TABLE pairs (
    id           INTEGER PRIMARY KEY,
    job_id       INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    candidate_lo INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    candidate_hi INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    CHECK (candidate_lo < candidate_hi),
    UNIQUE (job_id, candidate_lo, candidate_hi)
);

-- A judgement records the order it was shown in (shown_first is candidate "A") and the choice
-- relative to that order, so that position bias can be audited.
CREATE TABLE preferences (
    id          INTEGER PRIMARY KEY,
    pair_id     INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source IN ('ai', 'human')),
    annotator   TEXT NOT NULL DEFAULT '',
    shown_first INTEGER NOT NULL REFERENCES candidates(id),
    choice      TEXT NOT NULL CHECK (choice IN ('first', 'second', 'tie')),
    confidence  INTEGER CHECK (confidence BETWEEN 0 AND 100),
    rationale   TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (pair_id, source, annotator, shown_first, choice)
);

-- Rule-based relevance: 0 negative, >= 1 relevant (graded).
CREATE TABLE labels (
    job_id       INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    relevance    INTEGER NOT NULL CHECK (relevance >= 0),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (job_id, candidate_id)
) WITHOUT ROWID;
CREATE INDEX labels_candidate ON labels(candidate_id);

-- Winner and loser of every judgement, as candidate ids (NULL for a tie).
CREATE VIEW preference_outcomes AS
SELECT p.id AS preference_id, p.pair_id, pr.job_id, p.source, p.annotator, p.shown_first,
       CASE WHEN p.shown_first = pr.candidate_lo THEN pr.candidate_hi ELSE pr.candidate_lo END AS shown_second,
       p.choice, p.confidence, p.rationale, p.created_at,
       CASE p.choice WHEN 'first' THEN p.shown_first
                     WHEN 'second' THEN (CASE WHEN p.shown_first = pr.candidate_lo THEN pr.candidate_hi ELSE pr.candidate_lo END)
       END AS winner,
       CASE p.choice WHEN 'second' THEN p.shown_first
                     WHEN 'first' THEN (CASE WHEN p.shown_first = pr.candidate_lo THEN pr.candidate_hi ELSE pr.candidate_lo END)
       END AS loser
FROM preferences p JOIN pairs pr ON pr.id = p.pair_id;
