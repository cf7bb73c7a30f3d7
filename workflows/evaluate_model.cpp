#include "workflows/evaluate_model.h"

#include "core/evaluation/metric_keys.h"
#include "core/evaluation/evaluation_json.h"
#include "core/evaluation/exact_retriever.h"
#include "core/evaluation/judged_ranking.h"
#include "core/evaluation/standard_metrics_evaluator.h"
#include "core/evaluation/upstream_metrics_evaluator.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "db/run_registry.h"
#include "db/project_embedding_cache.h"
#include "db/project_texts.h"
#include "db/team_rights.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace rankpo::workflows {
namespace {

using Json = nlohmann::ordered_json;

const AlignmentGroup* findGroup(const AlignmentReport& report, const std::string& name)
{
    for (const auto& g : report.groups)
        if (g.group == name)
            return &g;
    return nullptr;
}

void checkSplit(db::ProjectStore& store, Split split)
{
    if (split == Split::Unassigned)
        throw usageError("evaluation needs the train or the test split");
    const auto stats = store.stats();
    if (stats.trainJobs + stats.testJobs == 0)
        throw usageError(store.path() + ": the project has no train/test split yet: run `rankpo split " + store.path()
                         + "` first");
}

// Rows of a matrix by id.
std::unordered_map<std::int64_t, std::size_t> rowsById(const std::vector<std::int64_t>& ids)
{
    std::unordered_map<std::int64_t, std::size_t> rows;
    rows.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        rows.emplace(ids[i], i);
    return rows;
}

double dot(const float* a, const float* b, std::size_t dim)
{
    double sum = 0;
    for (std::size_t k = 0; k < dim; ++k)
        sum += double(a[k]) * double(b[k]);
    return sum;
}

Json buildJson(const EvaluationResult& r, const MetricCutoffs& cutoffs, const TextEmbedder& embedder)
{
    Json j;
    j["model"] = r.model;
    j["identity"] = r.identity;
    j["split"] = std::string(db::toString(r.split));
    j["cutoffs"] = cutoffs.values();
    j[metric_keys::Standard] = toJson(r.standard);
    j[metric_keys::Upstream] = toJson(r.upstream);
    for (const char* name : {metric_keys::NDCG, metric_keys::MRR, metric_keys::Recall}) {
        const std::string key = metricKey(name, metric_keys::kHeadlineCutoff);
        if (const auto v = r.standard.find(key))
            j[key] = numberOrNull<Json>(*v);
    }
    for (const auto& [source, key] : {std::pair{"ai", metric_keys::AlignmentAi}, {"human", metric_keys::AlignmentHuman}}) {
        const AlignmentGroup* g = findGroup(r.alignment, source);
        if (!g && key == metric_keys::AlignmentHuman)
            continue; // only when the split has human preferences
        j[key] = g ? numberOrNull<Json>(g->rate) : Json(nullptr);
        j[metric_keys::interval(key)] = g ? Json::array({g->interval95.lower, g->interval95.upper}) : Json::array({0.0, 1.0});
        j[metric_keys::pairs(key)] = g ? g->pairs : 0;
    }
    Json groups = Json::object();
    for (const auto& g : r.alignment.groups) {
        Json e;
        e["pairs"] = g.pairs;
        e["aligned"] = g.aligned;
        e["score_ties"] = g.scoreTies;
        e["rate"] = numberOrNull<Json>(g.rate);
        e["ci95"] = {g.interval95.lower, g.interval95.upper};
        groups[g.group] = std::move(e);
    }
    j[metric_keys::AlignmentGroups] = std::move(groups);
    j[metric_keys::AlignmentJudgedTies] = r.alignment.judgedTies;
    if (r.jobsEvaluated == 0)
        j["ranking_metrics"] = "need rule labels: no job of the split has a relevant one";
    j["jobs_ranked"] = r.jobsRanked;
    j["jobs_evaluated"] = r.jobsEvaluated;
    j["candidates"] = r.candidates;
    j["max_length_job"] = embedder.maxLength(TextKind::Job);
    j["max_length_candidate"] = embedder.maxLength(TextKind::Candidate);
    j["embeddings"] = {{"cached", r.embeddings.cached}, {"encoded", r.embeddings.encoded}};
    j["seconds"] = r.seconds;
    return j;
}

} // namespace

EvaluationResult evaluateEmbeddings(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                                    const EvaluationOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    const std::string splitName(db::toString(options.split));
    checkSplit(store, options.split);
    const auto report = [&](const char* stage, std::size_t done, std::size_t total) {
        if (options.progress)
            options.progress(stage, done, total);
    };

    const db::ProjectTexts jobs = db::ProjectTextReader(store).jobs(options.split);
    if (jobs.size() == 0)
        throw dataError(store.path() + ": the " + splitName + " split has no jobs");
    // Rule labels by job; the metrics' queries are the jobs with at least one relevant candidate.
    std::unordered_map<JobId, std::vector<JudgedDocument>> judgements;
    std::unordered_set<JobId> relevant;
    for (const RuleLabel& l : store.labels(options.split)) {
        judgements[l.jobId].push_back({l.candidateId, l.relevance});
        if (l.relevance >= 1)
            relevant.insert(l.jobId);
    }
    // A project of one's own documents often has preferences but no rule labels: then the ranking metrics are
    // missing and alignment is what there is; with neither there is nothing to evaluate.
    const auto preferences = store.preferences({std::nullopt, std::nullopt, options.split});
    if (relevant.empty() && preferences.empty())
        throw dataError(store.path() + ": no job of the " + splitName + " split has a relevant rule label or a "
                        "judged pair, so there is nothing to evaluate against (import labels: rankpo-contrastive, "
                        "rankpo-eval or trec-qrels files; judge pairs; or split again)");
    const db::ProjectTexts candidates = db::ProjectTextReader(store).candidates();
    if (candidates.size() == 0)
        throw dataError(store.path() + ": the project has no candidates");

    EvaluationResult result;
    result.model = modelName;
    result.identity = embedder.identity();
    result.split = options.split;
    result.jobsRanked = jobs.size();
    result.candidates = candidates.size();

    throwIfCancelled(options.cancel);
    const EmbeddingMatrix jobVectors = embedder.embed(jobs.texts, TextKind::Job, [&](std::size_t done, std::size_t total) {
        report(kStageEmbedJobs, done, total);
    });
    throwIfCancelled(options.cancel);
    const EmbeddingMatrix candidateVectors = embedder.embed(
        candidates.texts, TextKind::Candidate,
        [&](std::size_t done, std::size_t total) { report(kStageEmbedCandidates, done, total); });
    if (jobVectors.rows != jobs.size() || candidateVectors.rows != candidates.size() || jobVectors.dim == 0
        || jobVectors.dim != candidateVectors.dim)
        throw dataError("evaluation: the model returned " + std::to_string(jobVectors.rows) + " x "
                        + std::to_string(jobVectors.dim) + " job and " + std::to_string(candidateVectors.rows) + " x "
                        + std::to_string(candidateVectors.dim) + " candidate embeddings for "
                        + std::to_string(jobs.size()) + " jobs and " + std::to_string(candidates.size())
                        + " candidates");
    result.embeddings = embedder.counts();

    // Every candidate ranked for every job; the top k kept.
    throwIfCancelled(options.cancel);
    report(kStageRank, 0, jobs.size());
    RetrievalOptions retrieval;
    retrieval.k = options.cutoffs.largest();
    retrieval.threads = retrievalThreads(options.threads);
    const TopKResult top = ExactRetriever(retrieval).search(
        jobVectors.values.data(), static_cast<std::int64_t>(jobVectors.rows), candidateVectors.values.data(),
        static_cast<std::int64_t>(candidateVectors.rows), static_cast<std::int64_t>(jobVectors.dim));
    const auto hits = toRetrievalHits(top, jobs.ids, candidates.ids);
    result.rankings.reserve(hits.size());
    for (const auto& h : hits)
        result.rankings.push_back({h.jobId, h.rank, h.candidateId, h.score});

    std::vector<JudgedRanking> judged;
    for (std::size_t q = 0; q < jobs.size(); ++q) {
        const JobId job = jobs.ids[q];
        if (!relevant.count(job))
            continue;
        std::vector<ScoredDocument> retrieved;
        retrieved.reserve(static_cast<std::size_t>(top.k));
        for (std::int64_t r = 0; r < top.k; ++r)
            retrieved.push_back({candidates.ids[static_cast<std::size_t>(top.index(std::int64_t(q), r))],
                                 double(top.score(std::int64_t(q), r))});
        judged.push_back(judgeRanking(jobs.references[q], std::move(retrieved), judgements[job]));
    }
    result.jobsEvaluated = judged.size();
    result.standard = StandardMetricsEvaluator(options.cutoffs).evaluate(judged);
    result.upstream = UpstreamMetricsEvaluator(options.cutoffs).evaluate(judged);
    if (judged.empty()) {
        // The evaluators' means over no jobs are 0: missing (null in the JSON), not a score of zero.
        for (MetricValues* values : {&result.standard, &result.upstream}) {
            MetricValues missing;
            for (const auto& [key, value] : values->entries())
                missing.set(key, std::numeric_limits<double>::quiet_NaN());
            *values = std::move(missing);
        }
    }
    report(kStageRank, jobs.size(), jobs.size());

    // Alignment: the model's cosine for both candidates of every preference of the split.
    const auto jobRows = rowsById(jobs.ids);
    const auto candidateRows = rowsById(candidates.ids);
    JobCandidateScores scores;
    for (const auto& p : preferences) {
        const auto jr = jobRows.find(p.jobId);
        if (jr == jobRows.end())
            continue; // cannot happen: the preferences were read for the split's jobs
        for (CandidateId c : {p.shownFirst, p.shownSecond}) {
            const auto cr = candidateRows.find(c);
            if (cr != candidateRows.end())
                scores.set(p.jobId, c, dot(jobVectors.row(jr->second), candidateVectors.row(cr->second), jobVectors.dim));
        }
    }
    result.alignment = AlignmentEvaluator().evaluate(preferences, scores);

    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.json = buildJson(result, options.cutoffs, embedder);
    if (options.store) {
        throwIfCancelled(options.cancel);
        report(kStageStore, 0, 1);
        db::EvaluationRecord record;
        record.model = result.model;
        record.identity = result.identity;
        record.split = splitName;
        record.metricsJson = result.json.dump();
        // An evaluation of a trained run's model links to the run.
        if (const auto run = db::RunRegistry(store).find(result.model); run && run->name == result.model)
            record.runId = run->id;
        result.evaluationId = db::EvaluationStore(store).save(record, result.rankings);
        report(kStageStore, 1, 1);
    }
    return result;
}

EvaluationResult evaluateModel(db::ProjectStore& store, TextEncoder& encoder, const EvaluationOptions& options)
{
    checkSplit(store, options.split);
    std::optional<ModelEntry> entry;
    try {
        entry = resolveProjectModel(store, options.model);
    } catch (const Error&) {
        // A model that lives only in memory (a trainer's, not saved yet) is stored under the name given.
    }
    db::ProjectEmbeddingCache cache(store);
    EncoderTextEmbedder embedder(encoder, options.useCache ? &cache : nullptr, options.maxLengthJob,
                                 options.maxLengthCandidate, options.cancel);
    // The caller owns the model and its registration: nothing is recorded in the model registry.
    return evaluateEmbeddings(store, embedder, entry ? entry->name : options.model, options);
}

EvaluationResult evaluateModel(db::ProjectStore& store, const EvaluationOptions& options)
{
    db::requireTeamRight(store, db::TeamRight::Administer, "evaluating"); // before the model loads
    checkSplit(store, options.split);
    const ModelEntry entry = resolveProjectModel(store, options.model);
    db::ProjectEmbeddingCache cache(store);
    // Loaded only if a text is missing from the cache.
    EncoderTextEmbedder embedder(entry, encoderOptions(options), options.useCache ? &cache : nullptr,
                                 options.maxLengthJob, options.maxLengthCandidate, options.cancel);
    EvaluationResult result = evaluateEmbeddings(store, embedder, entry.name, options);
    if (options.store)
        recordModelUse(store, entry, embedder.identity());
    return result;
}

} // namespace rankpo::workflows
