-- Schema version 3 (PostgreSQL, translated from db/sqlite/migrations/ with the same tables and constraints): model scores of (job, candidate), for active learning in the studio.
-- The pair queue's "uncertain first" order sorts pairs by a model's margin
-- |score(job, a) - score(job, b)| (smallest first), and its model-AI disagreement filter compares the
-- model's preferred candidate with the AI judge's. Whoever scores pairs with a model (evaluation,
-- training) writes its cosine similarities here under the model's name in `models`.
CREATE TABLE model_scores (
    model        TEXT COLLATE "C" NOT NULL,
    job_id       BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    score        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (model, job_id, candidate_id)
);
