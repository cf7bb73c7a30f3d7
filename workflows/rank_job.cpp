#include "workflows/rank_job.h"

#include "core/evaluation/exact_retriever.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "db/project_embedding_cache.h"
#include "db/project_texts.h"

#include <unordered_map>

namespace rankpo::workflows {

JobRanking rankJob(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName, JobId job,
                   const RankOptions& options)
{
    if (options.top < 1)
        throw usageError("--top must be at least 1, got " + std::to_string(options.top));
    const db::ProjectTexts jobText = db::ProjectTextReader(store).job(job);
    if (jobText.size() != 1)
        throw usageError(store.path() + ": no job J" + std::to_string(job));
    const db::ProjectTexts candidates = db::ProjectTextReader(store).candidates();
    if (candidates.size() == 0)
        throw dataError(store.path() + ": the project has no candidates");
    const auto progress = [&](const char* stage) {
        return [&options, stage](std::size_t done, std::size_t total) {
            if (options.progress)
                options.progress(stage, done, total);
        };
    };
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix jobVector = embedder.embed(jobText.texts, TextKind::Job, progress(kStageEmbedJobs));
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix candidateVectors = embedder.embed(candidates.texts, TextKind::Candidate,
                                                            progress(kStageEmbedCandidates));
    if (jobVector.dim != candidateVectors.dim || candidateVectors.rows != candidates.size())
        throw dataError("ranking: the model returned embeddings of different sizes for the job and the candidates");

    RetrievalOptions retrieval;
    retrieval.k = options.top;
    retrieval.threads = retrievalThreads(options.threads);
    const TopKResult top = ExactRetriever(retrieval).search(jobVector.values.data(), 1, candidateVectors.values.data(),
                                                            static_cast<std::int64_t>(candidateVectors.rows),
                                                            static_cast<std::int64_t>(jobVector.dim));
    std::unordered_map<CandidateId, int> labels;
    JobRanking out;
    for (const RuleLabel& label : store.labelsOfJob(job)) {
        labels.emplace(label.candidateId, label.relevance);
        if (label.relevance >= 1)
            ++out.relevantLabels;
    }
    out.job = job;
    out.reference = jobText.references[0];
    out.model = modelName;
    out.candidates = candidates.size();
    for (std::int64_t r = 0; r < top.k; ++r) {
        const auto row = static_cast<std::size_t>(top.index(0, r));
        RankedCandidateEntry e;
        e.rank = static_cast<int>(r + 1);
        e.candidate = candidates.ids[row];
        e.reference = candidates.references[row];
        e.score = top.score(0, r);
        if (const auto it = labels.find(e.candidate); it != labels.end())
            e.relevance = it->second;
        out.entries.push_back(std::move(e));
    }
    out.embeddings = embedder.counts();
    return out;
}

JobRanking rankJob(db::ProjectStore& store, JobId job, const RankOptions& options)
{
    const ModelEntry entry = resolveProjectModel(store, options.model);
    db::ProjectEmbeddingCache cache(store);
    // Loaded only if a text is missing from the cache.
    EncoderTextEmbedder embedder(entry, encoderOptions(options), options.useCache ? &cache : nullptr,
                                 options.maxLengthJob, options.maxLengthCandidate, options.cancel);
    return rankJob(store, embedder, entry.name, job, options);
}

} // namespace rankpo::workflows
