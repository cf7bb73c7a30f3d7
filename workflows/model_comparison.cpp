#include "workflows/model_comparison.h"

#include "core/model/model_folder.h"
#include "core/util/error.h"
#include "core/evaluation/evaluation_json.h"
#include "core/evaluation/metric_keys.h"
#include "db/project_store.h"
#include "db/project_texts.h"
#include "workflows/evaluate_model.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

namespace rankpo::workflows {
namespace {

using Json = nlohmann::ordered_json;

struct JobRanks {
    std::vector<CandidateId> order;                     // by rank
    std::unordered_map<CandidateId, int> rankOf;
};

std::map<JobId, JobRanks> byJob(const std::vector<db::RankedCandidate>& rankings, int* depth)
{
    std::map<JobId, JobRanks> out;
    *depth = 0;
    for (const auto& r : rankings) {
        auto& job = out[r.jobId];
        job.order.push_back(r.candidateId);
        job.rankOf.emplace(r.candidateId, r.rank);
        *depth = std::max(*depth, r.rank);
    }
    for (auto& [id, job] : out)
        std::sort(job.order.begin(), job.order.end(),
                  [&job](CandidateId a, CandidateId b) { return job.rankOf[a] < job.rankOf[b]; });
    return out;
}

std::optional<int> rankIn(const JobRanks& job, CandidateId candidate)
{
    const auto it = job.rankOf.find(candidate);
    return it == job.rankOf.end() ? std::nullopt : std::optional<int>(it->second);
}

std::set<CandidateId> topOf(const JobRanks& job, int top)
{
    std::set<CandidateId> out;
    for (CandidateId c : job.order)
        if (job.rankOf.at(c) <= top)
            out.insert(c);
    return out;
}

Json rankJson(const std::optional<int>& rank)
{
    return rank ? Json(*rank) : Json(nullptr);
}

Json movesJson(const std::vector<CandidateMove>& moves)
{
    Json out = Json::array();
    for (const auto& m : moves)
        out.push_back({{"candidate", m.reference}, {"candidate_id", m.candidate}, {"rank_from", rankJson(m.rankFrom)},
                       {"rank_to", rankJson(m.rankTo)}});
    return out;
}

std::string candidateReference(db::ProjectStore& store, CandidateId id)
{
    const std::string reference = db::ProjectTextReader(store).candidateReference(id);
    return reference.empty() ? db::ProjectStore::candidateReference(id, {}) : reference;
}

std::string jobReference(db::ProjectStore& store, JobId id)
{
    const std::string reference = db::ProjectTextReader(store).jobReference(id);
    return reference.empty() ? db::ProjectStore::jobReference(id, {}) : reference;
}

// One row of the metric table: each model's value of `key` in `object` (null where absent or undefined).
Json metricRow(const std::vector<const Json*>& objects, const std::string& key)
{
    Json values = Json::array();
    for (const Json* o : objects) {
        if (o && o->is_object() && o->contains(key) && (*o)[key].is_number())
            values.push_back((*o)[key]);
        else
            values.push_back(nullptr);
    }
    Json deltas = Json::array();
    for (std::size_t i = 1; i < values.size(); ++i) {
        if (values[i].is_number() && values[0].is_number())
            deltas.push_back(values[i].get<double>() - values[0].get<double>());
        else
            deltas.push_back(nullptr);
    }
    return {{"values", std::move(values)}, {"deltas", std::move(deltas)}};
}

Json metricFamily(const std::vector<ComparedModel>& models, const char* family)
{
    std::vector<const Json*> objects;
    std::vector<std::string> keys;
    std::set<std::string> seen;
    for (const auto& m : models) {
        const Json* o = m.metrics.contains(family) ? &m.metrics[family] : nullptr;
        objects.push_back(o);
        if (o && o->is_object())
            for (const auto& [key, value] : o->items())
                if (seen.insert(key).second)
                    keys.push_back(key);
    }
    Json out = Json::object();
    for (const auto& key : keys)
        out[key] = metricRow(objects, key);
    return out;
}

// Alignment rates by group ("ai", "human", "ai:<judge>", ...), with their pair counts.
Json alignmentFamily(const std::vector<ComparedModel>& models)
{
    std::vector<std::string> groups;
    std::set<std::string> seen;
    for (const auto& m : models)
        if (m.metrics.contains(metric_keys::AlignmentGroups) && m.metrics[metric_keys::AlignmentGroups].is_object())
            for (const auto& [group, value] : m.metrics[metric_keys::AlignmentGroups].items())
                if (seen.insert(group).second)
                    groups.push_back(group);
    Json out = Json::object();
    for (const auto& group : groups) {
        std::vector<Json> holders;
        holders.reserve(models.size());
        for (const auto& m : models) {
            Json h = Json::object();
            if (m.metrics.contains(metric_keys::AlignmentGroups) && m.metrics[metric_keys::AlignmentGroups].contains(group))
                h["rate"] = m.metrics[metric_keys::AlignmentGroups][group].value("rate", Json(nullptr));
            holders.push_back(std::move(h));
        }
        std::vector<const Json*> objects;
        for (const auto& h : holders)
            objects.push_back(&h);
        Json row = metricRow(objects, "rate");
        Json pairs = Json::array();
        for (const auto& m : models)
            pairs.push_back(m.metrics.contains(metric_keys::AlignmentGroups) && m.metrics[metric_keys::AlignmentGroups].contains(group)
                                ? m.metrics[metric_keys::AlignmentGroups][group].value("pairs", Json(0))
                                : Json(0));
        row["pairs"] = std::move(pairs);
        out[group] = std::move(row);
    }
    return out;
}

} // namespace

RankComparison compareRankings(const std::vector<db::RankedCandidate>& from, const std::vector<db::RankedCandidate>& to,
                               int top, std::size_t movesPerJob)
{
    if (top < 1)
        throw usageError("rank comparison: the top must be at least 1, got " + std::to_string(top));
    int depthFrom = 0, depthTo = 0;
    const auto a = byJob(from, &depthFrom);
    const auto b = byJob(to, &depthTo);
    RankComparison out;
    out.depthFrom = depthFrom;
    out.depthTo = depthTo;
    out.top = std::max(1, std::min({top, depthFrom > 0 ? depthFrom : top, depthTo > 0 ? depthTo : top}));
    double overlapSum = 0;
    for (const auto& [job, ranksA] : a) {
        const auto itB = b.find(job);
        if (itB == b.end())
            continue;
        const JobRanks& ranksB = itB->second;
        const auto topA = topOf(ranksA, out.top);
        const auto topB = topOf(ranksB, out.top);
        JobRankChanges changes;
        changes.job = job;
        for (CandidateId c : ranksB.order)
            if (topB.count(c) && !topA.count(c))
                changes.entered.push_back({c, {}, rankIn(ranksA, c), rankIn(ranksB, c)});
        for (CandidateId c : ranksA.order) {
            if (topA.count(c) && !topB.count(c))
                changes.left.push_back({c, {}, rankIn(ranksA, c), rankIn(ranksB, c)});
            if (topA.count(c) && topB.count(c))
                ++changes.overlap;
        }
        std::set<CandidateId> either(topA);
        either.insert(topB.begin(), topB.end());
        for (CandidateId c : either) {
            const auto ra = rankIn(ranksA, c), rb = rankIn(ranksB, c);
            if (ra && rb && *ra != *rb)
                changes.biggestMoves.push_back({c, {}, ra, rb});
        }
        std::sort(changes.biggestMoves.begin(), changes.biggestMoves.end(),
                  [](const CandidateMove& x, const CandidateMove& y) {
                      const int dx = std::abs(*x.rankTo - *x.rankFrom), dy = std::abs(*y.rankTo - *y.rankFrom);
                      return dx != dy ? dx > dy : *x.rankTo < *y.rankTo;
                  });
        if (changes.biggestMoves.size() > movesPerJob)
            changes.biggestMoves.resize(movesPerJob);
        const std::size_t size = std::max(topA.size(), topB.size());
        overlapSum += size ? double(changes.overlap) / double(size) : 1.0;
        ++out.jobsCompared;
        if (!changes.entered.empty() || !changes.left.empty())
            ++out.jobsChanged;
        out.jobs.push_back(std::move(changes));
    }
    out.meanOverlap = out.jobsCompared ? overlapSum / double(out.jobsCompared) : std::nan("");
    return out;
}

ModelComparison compareModels(db::ProjectStore& store, const CompareOptions& options)
{
    if (options.models.size() < 2)
        throw usageError("compare needs at least two models (--models A,B)");
    const std::string splitName(db::toString(options.split));
    ModelComparison out;
    out.split = options.split;
    db::EvaluationStore evaluations(store);
    std::set<std::string> names;
    for (const auto& given : options.models) {
        const ModelEntry entry = resolveProjectModel(store, given);
        if (!names.insert(entry.name).second)
            throw usageError("model '" + given + "' is listed twice (as " + entry.name + ")");
        ComparedModel m;
        m.name = entry.name;
        // A stored evaluation counts while the model's files are those it was made with.
        const std::string identity = ModelFolder::open(entry.folder).identity();
        auto stored = evaluations.latest(entry.name, splitName);
        if (!stored || stored->identity != identity) {
            EvaluationOptions eval;
            static_cast<EncodingOptions&>(eval) = options;
            eval.model = given;
            eval.split = options.split;
            eval.cutoffs = options.cutoffs;
            eval.store = true;
            const EvaluationResult result = evaluateModel(store, eval);
            stored = evaluations.find(*result.evaluationId);
            m.evaluatedNow = true;
        }
        m.evaluation = *stored;
        try {
            m.metrics = Json::parse(m.evaluation.metricsJson);
        } catch (const nlohmann::json::exception& e) {
            throw dataError(store.path() + ": evaluation " + std::to_string(m.evaluation.id)
                            + " holds unreadable metrics: " + e.what());
        }
        out.models.push_back(std::move(m));
    }

    const auto baseline = evaluations.rankings(out.models[0].evaluation.id);
    std::unordered_map<CandidateId, std::string> candidateRefs;
    std::unordered_map<JobId, std::string> jobRefs;
    const auto candidateRef = [&](CandidateId id) -> const std::string& {
        auto it = candidateRefs.find(id);
        if (it == candidateRefs.end())
            it = candidateRefs.emplace(id, candidateReference(store, id)).first;
        return it->second;
    };
    for (std::size_t i = 1; i < out.models.size(); ++i) {
        RankComparison c = compareRankings(baseline, evaluations.rankings(out.models[i].evaluation.id), options.top,
                                           options.movesPerJob);
        c.from = out.models[0].name;
        c.to = out.models[i].name;
        for (auto& job : c.jobs) {
            auto it = jobRefs.find(job.job);
            if (it == jobRefs.end())
                it = jobRefs.emplace(job.job, jobReference(store, job.job)).first;
            job.reference = it->second;
            for (auto* moves : {&job.entered, &job.left, &job.biggestMoves})
                for (auto& m : *moves)
                    m.reference = candidateRef(m.candidate);
        }
        out.rankChanges.push_back(std::move(c));
    }

    Json j;
    j["split"] = splitName;
    Json models = Json::array();
    for (const auto& m : out.models)
        models.push_back({{"name", m.name}, {"evaluation_id", m.evaluation.id}, {"identity", m.evaluation.identity},
                          {"created_at", m.evaluation.createdAt}, {"evaluated_now", m.evaluatedNow}});
    j["models"] = std::move(models);
    j["metrics"] = {{metric_keys::Standard, metricFamily(out.models, metric_keys::Standard)},
                    {metric_keys::Upstream, metricFamily(out.models, metric_keys::Upstream)},
                    {metric_keys::AlignmentGroups, alignmentFamily(out.models)}};
    Json changes = Json::array();
    for (const auto& c : out.rankChanges) {
        Json jobs = Json::array();
        for (const auto& job : c.jobs)
            jobs.push_back({{"job", job.reference}, {"job_id", job.job}, {"overlap", job.overlap},
                            {"entered", movesJson(job.entered)}, {"left", movesJson(job.left)},
                            {"biggest_moves", movesJson(job.biggestMoves)}});
        changes.push_back({{"from", c.from}, {"to", c.to}, {"top", c.top}, {"depth_from", c.depthFrom},
                           {"depth_to", c.depthTo}, {"jobs_compared", c.jobsCompared},
                           {"jobs_changed", c.jobsChanged},
                           {"mean_overlap", numberOrNull<Json>(c.meanOverlap)},
                           {"jobs", std::move(jobs)}});
    }
    j["rank_changes"] = std::move(changes);
    out.json = std::move(j);
    return out;
}

} // namespace rankpo::workflows
