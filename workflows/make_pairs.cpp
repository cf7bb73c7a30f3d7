#include "workflows/make_pairs.h"

#include "core/evaluation/exact_retriever.h"
#include "core/util/error.h"
#include "db/made_pair_writer.h"
#include "db/project_embedding_cache.h"
#include "db/project_store.h"
#include "db/project_texts.h"
#include "db/team_rights.h"

#include <algorithm>
#include <chrono>
#include <set>

namespace rankpo::workflows {
namespace {

// One seed per job from the run's seed and the job's id (SplitMix64's finaliser), so that a job's pairs do not
// depend on which other jobs are in the run.
std::uint64_t jobSeed(std::uint64_t seed, JobId job)
{
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (static_cast<std::uint64_t>(job) + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace

MakePairsResult makePairs(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                          const MakePairsOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    if (options.perJob < 1)
        throw usageError("--per-job must be at least 1, got " + std::to_string(options.perJob));
    if (options.top < 2)
        throw usageError("--top must be at least 2 (a pair needs two candidates), got " + std::to_string(options.top));
    const auto report = [&options](const char* stage) {
        return [&options, stage](std::size_t done, std::size_t total) {
            if (options.progress)
                options.progress(stage, done, total);
        };
    };
    db::ProjectTextReader reader(store);
    const db::ProjectTexts jobs = reader.jobs(options.split);
    if (jobs.size() == 0)
        throw dataError(store.path() + ": no jobs"
                        + (options.split ? " in the " + std::string(db::toString(*options.split)) + " split" : std::string())
                        + " to make pairs for");
    const db::ProjectTexts candidates = reader.candidates();

    MakePairsResult result;
    result.model = modelName;
    result.strategy = options.strategy;
    result.jobs = jobs.size();
    result.candidates = candidates.size();
    if (candidates.size() < 2) {
        for (std::size_t j = 0; j < jobs.size(); ++j)
            result.skipped.push_back({jobs.ids[j], jobs.references[j],
                                      "fewer than two candidates (the project has " + std::to_string(candidates.size()) + ")"});
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return result;
    }

    throwIfCancelled(options.cancel);
    const EmbeddingMatrix jobVectors = embedder.embed(jobs.texts, TextKind::Job, report(kStageEmbedJobs));
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix candidateVectors = embedder.embed(candidates.texts, TextKind::Candidate,
                                                            report(kStageEmbedCandidates));
    if (jobVectors.rows != jobs.size() || candidateVectors.rows != candidates.size() || jobVectors.dim != candidateVectors.dim)
        throw dataError("making pairs: the model returned embeddings of different sizes for the jobs and the candidates");
    throwIfCancelled(options.cancel);
    RetrievalOptions retrieval;
    retrieval.k = options.top;
    retrieval.threads = retrievalThreads(options.threads);
    const TopKResult top = ExactRetriever(retrieval).search(
        jobVectors.values.data(), static_cast<std::int64_t>(jobVectors.rows), candidateVectors.values.data(),
        static_cast<std::int64_t>(candidateVectors.rows), static_cast<std::int64_t>(jobVectors.dim));

    db::MadePairWriter writer(store);
    std::vector<db::MadePair> toWrite;
    const auto progress = report(kStageMakePairs);
    for (std::size_t q = 0; q < jobs.size(); ++q) {
        throwIfCancelled(options.cancel);
        const JobId job = jobs.ids[q];
        std::vector<double> scores;
        std::vector<std::size_t> rows;
        for (std::int64_t r = 0; r < top.k; ++r) {
            rows.push_back(static_cast<std::size_t>(top.index(static_cast<std::int64_t>(q), r)));
            scores.push_back(top.score(static_cast<std::int64_t>(q), r));
        }
        const auto existing = writer.existingPairs(job);
        const auto taken = [&](int a, int b) {
            const CandidateId x = candidates.ids[rows[static_cast<std::size_t>(a)]];
            const CandidateId y = candidates.ids[rows[static_cast<std::size_t>(b)]];
            return existing.count({std::min(x, y), std::max(x, y)}) > 0;
        };
        const std::vector<RankPair> drawn
            = drawRankPairs(scores, options.strategy, options.perJob, jobSeed(options.seed, job), taken);
        if (drawn.empty())
            result.skipped.push_back({job, jobs.references[q],
                                      "every pair of its top " + std::to_string(top.k) + " candidates exists already"});
        for (const RankPair& p : drawn) {
            const auto a = static_cast<std::size_t>(p.first), b = static_cast<std::size_t>(p.second);
            MadePairEntry e;
            e.job = job;
            e.jobReference = jobs.references[q];
            e.first = candidates.ids[rows[a]];
            e.second = candidates.ids[rows[b]];
            e.firstReference = candidates.references[rows[a]];
            e.secondReference = candidates.references[rows[b]];
            e.firstRank = p.first + 1;
            e.secondRank = p.second + 1;
            e.firstScore = scores[a];
            e.secondScore = scores[b];
            toWrite.push_back({job, e.first, e.second, e.firstRank, e.secondRank, e.firstScore, e.secondScore});
            result.pairs.push_back(std::move(e));
        }
        progress(q + 1, jobs.size());
    }
    throwIfCancelled(options.cancel);
    if (!options.dryRun && !toWrite.empty())
        result.added = writer.add(toWrite, modelName, std::string(toString(options.strategy)));
    result.embeddings = embedder.counts();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

MakePairsResult makePairs(db::ProjectStore& store, const MakePairsOptions& options)
{
    // Asked before the model loads, so that a refused person waits for nothing.
    db::requireTeamRight(store, db::TeamRight::Administer, "making pairs");
    const ModelEntry entry = resolveProjectModel(store, options.model);
    db::ProjectEmbeddingCache cache(store);
    // Loaded only if a text is missing from the cache.
    EncoderTextEmbedder embedder(entry, encoderOptions(options), options.useCache ? &cache : nullptr,
                                 options.maxLengthJob, options.maxLengthCandidate, options.cancel);
    MakePairsResult result = makePairs(store, embedder, entry.name, options);
    recordModelUse(store, entry, embedder.identity());
    return result;
}

} // namespace rankpo::workflows
