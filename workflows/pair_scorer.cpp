#include "workflows/pair_scorer.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/sqlite_embedding_cache.h"

#include <chrono>
#include <unordered_map>

namespace rankpo::workflows {
namespace {

struct Texts {
    std::vector<std::int64_t> ids;
    std::vector<std::string> texts;
};

Texts readTexts(db::ProjectStore& store, const std::string& sql)
{
    Texts out;
    auto st = store.database().prepare(sql);
    while (st.step()) {
        out.ids.push_back(st.int64(0));
        out.texts.push_back(st.text(1));
    }
    return out;
}

std::unordered_map<std::int64_t, std::size_t> rowsById(const std::vector<std::int64_t>& ids)
{
    std::unordered_map<std::int64_t, std::size_t> rows;
    rows.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        rows.emplace(ids[i], i);
    return rows;
}

// Every 4096 rows: often enough for a responsive cancel and progress, rare enough to cost nothing.
constexpr std::size_t kReportEvery = 4096;

} // namespace

PairScoreResult scorePairs(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                           const PairScoreOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    const auto report = [&](const char* stage) {
        return [&options, stage](std::size_t done, std::size_t total) {
            if (options.progress)
                options.progress(stage, done, total);
        };
    };
    PairScoreResult result;
    result.model = options.storeAs.empty() ? modelName : options.storeAs;
    {
        auto st = store.database().prepare("SELECT count(*) FROM pairs");
        st.step();
        result.pairs = static_cast<std::size_t>(st.int64(0));
    }
    if (result.pairs == 0)
        throw dataError(store.path() + ": the project has no pairs to score");

    // Only the texts that take part in a pair.
    const Texts jobs = readTexts(store, "SELECT id, text FROM jobs WHERE id IN (SELECT job_id FROM pairs) ORDER BY id");
    const Texts candidates = readTexts(store, "SELECT id, text FROM candidates WHERE id IN "
                                              "(SELECT candidate_lo FROM pairs UNION SELECT candidate_hi FROM pairs) "
                                              "ORDER BY id");
    result.jobs = jobs.ids.size();
    result.candidates = candidates.ids.size();
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix jobVectors = embedder.embed(jobs.texts, TextKind::Job, report(kStageEmbedJobs));
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix candidateVectors = embedder.embed(candidates.texts, TextKind::Candidate,
                                                            report(kStageEmbedCandidates));
    if (jobVectors.rows != jobs.ids.size() || candidateVectors.rows != candidates.ids.size()
        || jobVectors.dim != candidateVectors.dim)
        throw dataError("scoring pairs: the model returned embeddings of different sizes for the jobs and the candidates");
    const auto jobRow = rowsById(jobs.ids);
    const auto candidateRow = rowsById(candidates.ids);
    const std::size_t dim = jobVectors.dim;

    // The earlier scores go only when the new ones are complete: one transaction.
    db::Transaction tx(store.database());
    {
        auto clear = store.database().prepare("DELETE FROM model_scores WHERE model = ?");
        clear.bind(1, result.model).run();
    }
    auto couples = store.database().prepare("SELECT job_id, candidate_lo FROM pairs UNION "
                                            "SELECT job_id, candidate_hi FROM pairs");
    auto insert = store.database().prepare("INSERT INTO model_scores(model, job_id, candidate_id, score) VALUES (?, ?, ?, ?)");
    const auto progress = report(kStageScore);
    // Each pair has two candidates: at most twice as many rows as pairs (the bar's total).
    const std::size_t expected = 2 * result.pairs;
    while (couples.step()) {
        const std::int64_t job = couples.int64(0);
        const std::int64_t candidate = couples.int64(1);
        const float* a = jobVectors.values.data() + jobRow.at(job) * dim;
        const float* b = candidateVectors.values.data() + candidateRow.at(candidate) * dim;
        double score = 0;
        for (std::size_t k = 0; k < dim; ++k)
            score += static_cast<double>(a[k]) * static_cast<double>(b[k]);
        insert.reset();
        insert.bind(1, result.model).bind(2, job).bind(3, candidate).bind(4, score).run();
        if (++result.scores % kReportEvery == 0) {
            throwIfCancelled(options.cancel);
            progress(result.scores, expected);
        }
    }
    tx.commit();
    progress(result.scores, result.scores);
    result.embeddings = embedder.counts();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

PairScoreResult scorePairs(db::ProjectStore& store, const PairScoreOptions& options)
{
    const ModelEntry entry = resolveProjectModel(store, options.model);
    db::SqliteEmbeddingCache cache(store.database());
    // Loaded only if a text is missing from the cache.
    EncoderTextEmbedder embedder(entry, encoderOptions(options), options.useCache ? &cache : nullptr,
                                 options.maxLengthJob, options.maxLengthCandidate, options.cancel);
    PairScoreResult result = scorePairs(store, embedder, entry.name, options);
    recordModelUse(store, entry, embedder.identity());
    return result;
}

} // namespace rankpo::workflows
