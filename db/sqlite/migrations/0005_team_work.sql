-- Schema version 5: team work.

-- Which people each pair is assigned to (`rankpo assign`, k annotators a pair so that agreement can be measured).
-- An assignment is done when its annotator has a human judgement of the pair; it is not removed then, so progress
-- reads as "judged of assigned".
CREATE TABLE assignments (
    pair_id    INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    annotator  TEXT NOT NULL CHECK (annotator <> ''),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (pair_id, annotator)
) WITHOUT ROWID;
-- "Assigned to me" in the queue and per-person progress go by annotator.
CREATE INDEX assignments_annotator ON assignments(annotator, pair_id);

-- A reviewer's decision on a pair the raters disagree on (`rankpo adjudicate`, the Review page): one per pair, a new
-- decision replaces the earlier one. `winner` is one of the pair's candidates, NULL for a tie. Kept apart from the
-- preferences so that agreement figures stay the raters' own; export and training use it by --adjudication.
CREATE TABLE adjudications (
    pair_id    INTEGER PRIMARY KEY REFERENCES pairs(id) ON DELETE CASCADE,
    winner     INTEGER REFERENCES candidates(id),
    reviewer   TEXT NOT NULL CHECK (reviewer <> ''),
    note       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
