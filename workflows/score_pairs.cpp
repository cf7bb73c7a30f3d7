#include "workflows/score_pairs.h"

#include "core/util/error.h"
#include "db/model_score_store.h"
#include "db/project_store.h"
#include "db/project_texts.h"
#include "db/project_embedding_cache.h"
#include "db/team_rights.h"

#include <chrono>
#include <set>
#include <utility>
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

double dot(const EmbeddingMatrix& a, std::size_t rowA, const EmbeddingMatrix& b, std::size_t rowB)
{
    const float* x = a.values.data() + rowA * a.dim;
    const float* y = b.values.data() + rowB * b.dim;
    double score = 0;
    for (std::size_t k = 0; k < a.dim; ++k)
        score += static_cast<double>(x[k]) * static_cast<double>(y[k]);
    return score;
}

// Each id once, in order of first appearance, with its row.
struct DistinctIds {
    std::vector<std::int64_t> ids;
    std::unordered_map<std::int64_t, std::size_t> row;
    void add(std::int64_t id)
    {
        if (row.emplace(id, ids.size()).second)
            ids.push_back(id);
    }
};

} // namespace

MissingScoreResult scoreMissing(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                                const std::vector<db::JobCandidate>& couples, const EncodingOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    MissingScoreResult result;
    result.model = modelName;
    result.asked = couples.size();
    db::ModelScoreStore scoreStore(store);
    std::vector<db::JobCandidate> missing;
    DistinctIds jobs, candidates;
    std::set<std::pair<JobId, CandidateId>> seen; // a couple asked twice is scored once
    for (const auto& c : couples) {
        if (!seen.insert({c.job, c.candidate}).second || scoreStore.score(modelName, c.job, c.candidate))
            continue;
        missing.push_back(c);
        jobs.add(c.job);
        candidates.add(c.candidate);
    }
    if (!missing.empty()) {
        db::TextLookup texts(store);
        std::vector<std::string> jobTexts, candidateTexts;
        for (const auto id : jobs.ids)
            jobTexts.push_back(texts.job(id));
        for (const auto id : candidates.ids)
            candidateTexts.push_back(texts.candidate(id));
        const auto report = [&options](const char* stage) {
            return [&options, stage](std::size_t done, std::size_t total) {
                if (options.progress)
                    options.progress(stage, done, total);
            };
        };
        throwIfCancelled(options.cancel);
        const EmbeddingMatrix jobVectors = embedder.embed(jobTexts, TextKind::Job, report(kStageEmbedJobs));
        throwIfCancelled(options.cancel);
        const EmbeddingMatrix candidateVectors = embedder.embed(candidateTexts, TextKind::Candidate,
                                                                report(kStageEmbedCandidates));
        if (jobVectors.rows != jobTexts.size() || candidateVectors.rows != candidateTexts.size()
            || jobVectors.dim != candidateVectors.dim)
            throw dataError("scoring candidates: the model returned embeddings of different sizes for the jobs and "
                            "the candidates");
        std::vector<double> scores;
        scores.reserve(missing.size());
        for (const auto& c : missing)
            scores.push_back(dot(jobVectors, jobs.row.at(c.job), candidateVectors, candidates.row.at(c.candidate)));
        throwIfCancelled(options.cancel);
        scoreStore.add(modelName, missing, scores);
    }
    result.scored = missing.size();
    result.embeddings = embedder.counts();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

MissingScoreResult scoreMissing(db::ProjectStore& store, const std::vector<db::JobCandidate>& couples,
                                const EncodingOptions& options)
{
    db::requireTeamRight(store, db::TeamRight::Administer, "scoring pairs"); // before the model loads
    const ModelEntry entry = resolveProjectModel(store, options.model);
    db::ProjectEmbeddingCache cache(store);
    EncoderTextEmbedder embedder(entry, encoderOptions(options), options.useCache ? &cache : nullptr,
                                 options.maxLengthJob, options.maxLengthCandidate, options.cancel);
    MissingScoreResult result = scoreMissing(store, embedder, entry.name, couples, options);
    if (result.scored > 0)
        recordModelUse(store, entry, embedder.identity());
    return result;
}

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
    db::requireTeamRight(store, db::TeamRight::Administer, "scoring pairs"); // before the model loads
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
