-- Schema version 4: projects from one's own documents, pairs to judge, the AI judge inside the tool.

-- Where a text came from (pdf, docx, html, txt, md, jsonl, csv; NULL for texts of pair and label files) and,
-- for plain résumés, the section headings found in it: JSON [{"heading", "kind", "begin", "end"}] with byte
-- offsets into `text` (NULL when the text has none or uses the paper's tagged format).
ALTER TABLE jobs ADD COLUMN source_format TEXT;
ALTER TABLE candidates ADD COLUMN source_format TEXT;
ALTER TABLE candidates ADD COLUMN sections TEXT;

-- How a pair was made: the model whose ranking it was drawn from (`rankpo make-pairs`, or the model an imported
-- file names), the strategy (paper, adjacent, uniform, uncertain; 'import' for pairs read from a file), and both
-- candidates' 1-based ranks and scores in that ranking at the time (the sample's passage_rank1/passage_rank2).
ALTER TABLE pairs ADD COLUMN made_by TEXT;
ALTER TABLE pairs ADD COLUMN strategy TEXT;
ALTER TABLE pairs ADD COLUMN rank_lo INTEGER;
ALTER TABLE pairs ADD COLUMN rank_hi INTEGER;
ALTER TABLE pairs ADD COLUMN score_lo REAL;
ALTER TABLE pairs ADD COLUMN score_hi REAL;

-- One run of the AI judge (`rankpo judge`, the app's Judge with AI): who judged, how, and what came of it.
-- The API key is never stored; endpoint_host has no user info, path or query.
CREATE TABLE judge_runs (
    id              INTEGER PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
    endpoint_host   TEXT NOT NULL,
    model           TEXT NOT NULL,           -- the judge model's name as the endpoint knows it
    annotator       TEXT NOT NULL,           -- the preferences' annotator: model, or model#<prompt short hash>
    prompt_hash     TEXT NOT NULL,           -- SHA-256 of the prompt template's text
    prompt          TEXT NOT NULL,           -- the template itself
    options         TEXT NOT NULL DEFAULT '{}', -- JSON: both orders, split, limit, concurrency, masking, ...
    judged          INTEGER NOT NULL DEFAULT 0,
    inconsistent    INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    retried         INTEGER NOT NULL DEFAULT 0,
    prompt_tokens   INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    message         TEXT NOT NULL DEFAULT '',
    started_at      INTEGER NOT NULL,
    finished_at     INTEGER,
    seconds         REAL
);

-- What an AI judge answered, kept with its preference: the raw response (reasoning blocks included), the token
-- usage as JSON {"prompt_tokens", "completion_tokens", "total_tokens"}, the seconds the answer took, and the
-- judge run that asked (NULL for imported judgements).
ALTER TABLE preferences ADD COLUMN response TEXT;
ALTER TABLE preferences ADD COLUMN usage TEXT;
ALTER TABLE preferences ADD COLUMN seconds REAL;
ALTER TABLE preferences ADD COLUMN judge_run_id INTEGER REFERENCES judge_runs(id) ON DELETE SET NULL;

-- Answers that did not become a preference: the failure's kind (http_status, timeout, network, tls,
-- malformed_reply, cut_off, no_preferred_line, ...), its message and the raw text, for the pair and order asked.
CREATE TABLE judge_failures (
    id            INTEGER PRIMARY KEY,
    judge_run_id  INTEGER NOT NULL REFERENCES judge_runs(id) ON DELETE CASCADE,
    pair_id       INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    shown_first   INTEGER NOT NULL REFERENCES candidates(id),
    kind          TEXT NOT NULL,
    message       TEXT NOT NULL DEFAULT '',
    http_status   INTEGER,
    response      TEXT,
    created_at    INTEGER NOT NULL
);
CREATE INDEX judge_failures_pair ON judge_failures(pair_id);
