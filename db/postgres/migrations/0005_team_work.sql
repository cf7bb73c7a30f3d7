-- Schema version 5 (PostgreSQL, as db/sqlite/migrations/0005_team_work.sql): team work.

-- Which people each pair is assigned to (`rankpo assign`, k annotators a pair so that agreement can be measured).
-- An assignment is done when its annotator has a human judgement of the pair; it is not removed then, so progress
-- reads as "judged of assigned".
CREATE TABLE assignments (
    pair_id    BIGINT NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    annotator  TEXT COLLATE "C" NOT NULL CHECK (annotator <> ''),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (pair_id, annotator)
);
-- "Assigned to me" in the queue and per-person progress go by annotator.
CREATE INDEX assignments_annotator ON assignments(annotator, pair_id);

-- A reviewer's decision on a pair the raters disagree on (`rankpo adjudicate`, the Adjudicate page): one per pair,
-- a new decision replaces the earlier one. `winner` is one of the pair's candidates, NULL for a tie. Kept apart from
-- the preferences so that agreement figures stay the raters' own; export and training use it by --adjudication.
CREATE TABLE adjudications (
    pair_id    BIGINT PRIMARY KEY REFERENCES pairs(id) ON DELETE CASCADE,
    winner     BIGINT REFERENCES candidates(id),
    reviewer   TEXT COLLATE "C" NOT NULL CHECK (reviewer <> ''),
    note       TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

-- Live views: a statement that changes judgements, decisions or assignments tells the project's listeners
-- (`LISTEN rankpo_changes`, the payload is the project's schema) when it commits; an open app then re-reads within
-- a second instead of polling the tables.
CREATE FUNCTION notify_team_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('rankpo_changes', TG_TABLE_SCHEMA);
    RETURN NULL;
END
$$;
CREATE TRIGGER preferences_changed AFTER INSERT OR UPDATE OR DELETE ON preferences
    FOR EACH STATEMENT EXECUTE FUNCTION notify_team_change();
CREATE TRIGGER adjudications_changed AFTER INSERT OR UPDATE OR DELETE ON adjudications
    FOR EACH STATEMENT EXECUTE FUNCTION notify_team_change();
CREATE TRIGGER assignments_changed AFTER INSERT OR UPDATE OR DELETE ON assignments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_team_change();
