#include "workflows/score_pairs.h"

#include "core/util/error.h"
#include "db/model_score_store.h"
#include "db/project_store.h"
#include "db/project_texts.h"
#include "db/project_embedding_cache.h"

#include <chrono>
#include <unordered_map>

namespace rankpo::workflows {
namespace {

std::unordered_map<std::int64_t, std::size_t> rowsById(const std::vector<std::int64_t>& ids)
{
    std::unordered_map<std::int64_t, std::size_t> rows;
    rows.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        rows.emplace(ids[i], i);
    return rows;
}

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
    result.pairs = static_cast<std::size_t>(store.pairCount());
    if (result.pairs == 0)
        throw dataError(store.path() + ": the project has no pairs to score");

    // Only the texts that take part in a pair.
    db::ProjectTextReader texts(store);
    const db::ProjectTexts jobs = texts.jobsInPairs();
    const db::ProjectTexts candidates = texts.candidatesInPairs();
    result.jobs = jobs.size();
    result.candidates = candidates.size();
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix jobVectors = embedder.embed(jobs.texts, TextKind::Job, report(kStageEmbedJobs));
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix candidateVectors = embedder.embed(candidates.texts, TextKind::Candidate,
                                                            report(kStageEmbedCandidates));
    if (jobVectors.rows != jobs.size() || candidateVectors.rows != candidates.size()
        || jobVectors.dim != candidateVectors.dim)
        throw dataError("scoring pairs: the model returned embeddings of different sizes for the jobs and the candidates");
    const auto jobRow = rowsById(jobs.ids);
    const auto candidateRow = rowsById(candidates.ids);
    const std::size_t dim = jobVectors.dim;

    db::ModelScoreStore scoreStore(store);
    const std::vector<db::JobCandidate> couples = scoreStore.pairCandidates();
    std::vector<double> scores;
    scores.reserve(couples.size());
    for (const auto& c : couples) {
        const float* a = jobVectors.values.data() + jobRow.at(c.job) * dim;
        const float* b = candidateVectors.values.data() + candidateRow.at(c.candidate) * dim;
        double score = 0;
        for (std::size_t k = 0; k < dim; ++k)
            score += static_cast<double>(a[k]) * static_cast<double>(b[k]);
        scores.push_back(score);
    }
    // The earlier scores go only when the new ones are complete: one transaction.
    const auto progress = report(kStageScore);
    scoreStore.replace(result.model, couples, scores, [&](std::size_t done, std::size_t total) {
        throwIfCancelled(options.cancel);
        progress(done, total);
    });
    result.scores = scores.size();
    result.embeddings = embedder.counts();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

PairScoreResult scorePairs(db::ProjectStore& store, const PairScoreOptions& options)
{
    const ModelEntry entry = resolveProjectModel(store, options.model);
    db::ProjectEmbeddingCache cache(store);
    // Loaded only if a text is missing from the cache.
    EncoderTextEmbedder embedder(entry, encoderOptions(options), options.useCache ? &cache : nullptr,
                                 options.maxLengthJob, options.maxLengthCandidate, options.cancel);
    PairScoreResult result = scorePairs(store, embedder, entry.name, options);
    recordModelUse(store, entry, embedder.identity());
    return result;
}

} // namespace rankpo::workflows
