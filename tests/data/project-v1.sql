-- A project file as schema version 1 wrote it (generated once from db/migrations/0001_project_data.sql).
PRAGMA application_id = 1380994899;
PRAGMA user_version = 1;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE project_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO project_info VALUES('created','1700000000');
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
INSERT INTO jobs VALUES(1,X'ae0238f98d050d6427550fd7b6e27c3d',replace('Lecturer in Optics\nSalary £40,000','\n',char(10)),'job-url-1','Lecturer in Optics',NULL,NULL,NULL,NULL,NULL,'train',1700000000);
INSERT INTO jobs VALUES(2,X'57dac169ed2dcad22122f76a36cd4d65','Postdoc in Graphs',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1700000000);
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
INSERT INTO candidates VALUES(1,X'0fb68e00c017324295c4b8ea1f778912','<keyword>optics</keyword><title>Lenses</title><abstract>We study lenses.</abstract>',NULL,NULL,NULL,NULL,1700000000);
INSERT INTO candidates VALUES(2,X'dccd1943451bc21686e9cb32c4a8a425','A plain profile.',NULL,NULL,NULL,NULL,1700000000);
INSERT INTO candidates VALUES(3,X'787e81076a50f1298e8e7a4921cbb3c9','Another profile.',NULL,NULL,NULL,NULL,1700000000);
CREATE TABLE external_ids (
    kind        TEXT NOT NULL CHECK (kind IN ('job', 'candidate')),
    external_id TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    PRIMARY KEY (kind, external_id)
) WITHOUT ROWID;
INSERT INTO external_ids VALUES('job','job-url-1',1);
CREATE TABLE pairs (
    id           INTEGER PRIMARY KEY,
    job_id       INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    candidate_lo INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    candidate_hi INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    CHECK (candidate_lo < candidate_hi),
    UNIQUE (job_id, candidate_lo, candidate_hi)
);
INSERT INTO pairs VALUES(1,1,1,2,1700000000);
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
INSERT INTO preferences VALUES(1,1,'ai','deepseek-chat',1,'first',80,'A fits',1700000000);
INSERT INTO preferences VALUES(2,1,'human','alice',2,'second',60,'',1700000001);
CREATE TABLE labels (
    job_id       INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    relevance    INTEGER NOT NULL CHECK (relevance >= 0),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (job_id, candidate_id)
) WITHOUT ROWID;
INSERT INTO labels VALUES(1,1,1,1700000000);
INSERT INTO labels VALUES(1,3,0,1700000000);
CREATE INDEX labels_candidate ON labels(candidate_id);
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
COMMIT;
