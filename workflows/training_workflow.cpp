#include "workflows/training_workflow.h"

#include "core/evaluation/metric_keys.h"
#include "core/evaluation/exact_retriever.h"
#include "core/model/encoder_model.h"
#include "core/model/model_folder.h"
#include "core/model/text_encoder.h"
#include "core/training/hard_negative_miner.h"
#include "core/training/trainer.h"
#include "core/training/trainer_checkpoint.h"
#include "core/util/error.h"
#include "db/model_registry.h"
#include "db/project_embedding_cache.h"
#include "db/project_store.h"
#include "db/project_texts.h"
#include "workflows/text_embedder.h"
#include "db/training_data.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace rankpo::workflows {
namespace {

namespace fs = std::filesystem;

// The newest checkpoint-epoch-<n> folder of a run directory (and of its hard-negative rounds).
fs::path latestCheckpoint(const fs::path& runDir)
{
    fs::path best;
    int bestEpoch = -1;
    std::error_code ec;
    if (!fs::is_directory(runDir, ec))
        return best;
    for (const auto& entry : fs::directory_iterator(runDir, ec)) {
        const std::string name = entry.path().filename().string();
        const std::string prefix = "checkpoint-epoch-";
        if (name.rfind(prefix, 0) != 0 || !isTrainerCheckpoint(entry.path()))
            continue;
        try {
            const int epoch = std::stoi(name.substr(prefix.size()));
            if (epoch > bestEpoch) {
                bestEpoch = epoch;
                best = entry.path();
            }
        } catch (const std::exception&) {
        }
    }
    return best;
}

// RankPO's frozen reference is the starting model: its scores come from the project's embedding
// cache when that model has been used before (stage 1's evaluation cached every candidate), and
// each distinct text is encoded once otherwise.
std::vector<float> referenceScores(db::ProjectStore& store, const ModelEntry& start, const EncodingOptions& options,
                                   std::size_t maxLengthJob, std::size_t maxLengthCandidate,
                                   const std::vector<PreferenceExample>& examples)
{
    std::vector<std::string> jobs, candidates;
    std::unordered_map<std::string, std::size_t> jobRow, candidateRow;
    auto row = [](const std::string& text, std::vector<std::string>& list, std::unordered_map<std::string, std::size_t>& index) {
        auto [it, added] = index.emplace(text, list.size());
        if (added)
            list.push_back(text);
        return it->second;
    };
    std::vector<std::size_t> q, c, r;
    for (const auto& e : examples) {
        q.push_back(row(e.job, jobs, jobRow));
        c.push_back(row(e.chosen, candidates, candidateRow));
        r.push_back(row(e.rejected, candidates, candidateRow));
    }
    db::ProjectEmbeddingCache cache(store);
    EncoderTextEmbedder embedder(start, encoderOptions(options), options.useCache ? &cache : nullptr, maxLengthJob,
                                 maxLengthCandidate, options.cancel);
    const EmbeddingMatrix jobVectors = embedder.embed(jobs, TextKind::Job, {});
    const EmbeddingMatrix candidateVectors = embedder.embed(candidates, TextKind::Candidate, {});
    auto dot = [&](std::size_t job, std::size_t candidate) {
        double s = 0;
        const float* a = jobVectors.row(job);
        const float* b = candidateVectors.row(candidate);
        for (std::size_t k = 0; k < jobVectors.dim; ++k)
            s += double(a[k]) * double(b[k]);
        return float(s);
    };
    std::vector<float> scores(examples.size() * 2);
    for (std::size_t i = 0; i < examples.size(); ++i) {
        scores[2 * i] = dot(q[i], c[i]);
        scores[2 * i + 1] = dot(q[i], r[i]);
    }
    return scores;
}

std::map<std::string, double> flatMetrics(const EvaluationResult& r)
{
    std::map<std::string, double> out;
    auto put = [&](const std::string& name, const nlohmann::ordered_json& value) {
        if (value.is_number())
            out[name] = value.get<double>();
    };
    for (const char* key : {metric_keys::NDCG20, metric_keys::MRR20, metric_keys::Recall20, metric_keys::AlignmentAi, metric_keys::AlignmentHuman})
        if (r.json.contains(key))
            put(key, r.json[key]);
    return out;
}

std::string formatRate(double lr)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", lr);
    return buf;
}

// Stage 1's mining rounds (the paper's Figure 1): rank every candidate for each training job with
// the current model, and add the top-ranked non-positives to the job's negatives.
void mineHardNegatives(db::ProjectStore& store, TextEncoder& encoder, const TrainingRequest& request,
                       std::size_t maxLengthJob, std::size_t maxLengthCandidate, std::vector<ContrastiveExample>& examples)
{
    const db::ProjectTexts candidates = db::ProjectTextReader(store).candidates();
    std::vector<std::string> jobTexts;
    std::unordered_map<std::string, std::size_t> jobRow;
    std::vector<std::set<std::string>> positives;
    for (const auto& e : examples) {
        auto [it, added] = jobRow.emplace(e.job, jobTexts.size());
        if (added) {
            jobTexts.push_back(e.job);
            positives.emplace_back();
        }
        positives[it->second].insert(e.positive);
    }
    // The trained weights are not those of any model folder: no cache for them.
    EncoderTextEmbedder embedder(encoder, nullptr, maxLengthJob, maxLengthCandidate, request.cancel);
    const EmbeddingMatrix jobs = embedder.embed(jobTexts, TextKind::Job, {});
    const EmbeddingMatrix all = embedder.embed(candidates.texts, TextKind::Candidate, {});
    const auto& mining = request.config.contrastive.hardNegatives;
    RetrievalOptions retrieval;
    retrieval.k = mining.searchDepth > 0 ? std::min<std::int64_t>(mining.searchDepth, std::int64_t(all.rows))
                                         : std::int64_t(all.rows);
    const TopKResult top = ExactRetriever(retrieval).search(jobs.values.data(), std::int64_t(jobs.rows), all.values.data(),
                                                            std::int64_t(all.rows), std::int64_t(all.dim));
    std::vector<std::vector<CandidateIndex>> ranked(jobs.rows), positiveRows(jobs.rows);
    std::unordered_map<std::string, CandidateIndex> rowOfText;
    for (std::size_t c = 0; c < candidates.texts.size(); ++c)
        rowOfText.emplace(candidates.texts[c], CandidateIndex(c));
    for (std::size_t j = 0; j < jobs.rows; ++j) {
        for (std::int64_t r = 0; r < top.k; ++r)
            ranked[j].push_back(top.index(std::int64_t(j), r));
        for (const auto& text : positives[j])
            if (auto it = rowOfText.find(text); it != rowOfText.end())
                positiveRows[j].push_back(it->second);
    }
    HardNegativeMinerOptions options = mining;
    options.allowFewer = true; // a job with many positives near the top keeps what there is
    const auto mined = HardNegativeMiner(options).mine(ranked, positiveRows);
    for (auto& e : examples) {
        const std::size_t j = jobRow.at(e.job);
        std::set<std::string> have(e.negatives.begin(), e.negatives.end());
        for (CandidateIndex c : mined[j])
            if (have.insert(candidates.texts[std::size_t(c)]).second)
                e.negatives.push_back(candidates.texts[std::size_t(c)]);
    }
}

} // namespace

fs::path runsDirectory(db::ProjectStore& store, const TrainingRequest& request)
{
    if (!request.runsDir.empty())
        return request.runsDir;
    const std::string path = store.path();
    if (path.empty() || path == ":memory:")
        throw usageError("an in-memory project needs a runs folder for its checkpoints");
    return fs::path(path + ".runs");
}

TrainingResult trainModel(db::ProjectStore& store, const TrainingRequest& request)
{
    if (store.jobIds(Split::Train).empty())
        throw usageError(store.path() + ": the project has no training split: run `rankpo split` first");
    db::RunRegistry runs(store);
    TrainingResult result;
    TrainingConfig config = request.config;
    std::string baseModel = request.model;
    fs::path resumeFrom;
    std::optional<db::RunRecord> resumed;
    if (!request.resumeRun.empty()) {
        resumed = runs.find(request.resumeRun);
        if (!resumed)
            throw usageError("no run named '" + request.resumeRun + "' in this project (rankpo runs lists them)");
        if (resumed->status == db::RunStatus::Done)
            throw usageError("run '" + resumed->name + "' is already done");
        config = TrainingConfig::parse(resumed->configJson, "run '" + resumed->name + "'");
        baseModel = resumed->baseModel;
        resumeFrom = latestCheckpoint(resumed->checkpointDir);
        if (resumeFrom.empty())
            throw usageError("run '" + resumed->name + "' has no checkpoint to resume from (it stopped before its "
                             "first epoch ended); start it again instead");
        if (config.method == TrainingMethod::Contrastive && config.contrastive.hardNegativeRounds > 0)
            throw usageError("resuming a run with hard-negative mining rounds is not supported; start it again");
    }
    config.validate();

    // The data: the train split only.
    std::vector<PreferenceExample> preferences;
    std::vector<ContrastiveExample> contrastive;
    std::string dataHash;
    if (config.method == TrainingMethod::Contrastive) {
        contrastive = db::loadContrastiveExamples(store, std::max(config.contrastive.numNegatives, 1), config.seed);
        if (contrastive.empty())
            throw dataError(store.path() + ": no rule-positive labels in the train split: stage 1 has nothing to learn");
        dataHash = rankpo::dataHash(contrastive);
        result.examples = contrastive.size();
    } else {
        db::PreferenceDataOptions data;
        data.source = request.source;
        data.policy = request.policy;
        data.ties = request.ties;
        data.weightByConfidence = config.rankpo.weightByConfidence;
        preferences = db::loadPreferenceExamples(store, data).examples;
        if (preferences.empty())
            throw dataError(store.path() + ": no " + (request.source ? std::string(toString(*request.source)) + " " : "")
                            + "preferences in the train split: " + std::string(toString(config.method))
                            + " has nothing to learn");
        dataHash = rankpo::dataHash(preferences);
        result.examples = preferences.size();
    }

    // The model: the base, or the checkpoint a resumed run stopped at.
    const ModelEntry base = resolveProjectModel(store, baseModel);
    ModelEntry start = base;
    if (!resumeFrom.empty())
        start = ModelEntry{base.name, resumeFrom, "checkpoint"};
    EncodingOptions encoding = request;
    auto encoder = openModel(start, encoding);

    db::RunRecord run;
    if (resumed) {
        run = *resumed;
        runs.reopen(run.id, "resumed from " + resumeFrom.filename().string());
    } else {
        run.name = request.runName;
        run.method = std::string(toString(config.method));
        run.configJson = config.toJson().dump();
        run.seed = static_cast<std::int64_t>(config.seed);
        run.dataHash = dataHash;
        run.baseModel = base.name;
        run.device = encoder->deviceName();
        run.sweep = request.sweep;
        run = runs.begin(run);
        run.checkpointDir = (runsDirectory(store, request) / run.name).string();
        runs.setCheckpoint(run.id, run.checkpointDir);
    }
    result.run = run;
    const fs::path runDir = run.checkpointDir;
    const auto started = std::chrono::steady_clock::now();

    try {
        Trainer trainer(config, encoder->model(), runDir);
        EvaluationOptions evaluation;
        static_cast<EncodingOptions&>(evaluation) = encoding;
        evaluation.maxLengthJob = trainer.maxLengthJob();
        evaluation.maxLengthCandidate = trainer.maxLengthCandidate();
        evaluation.progress = {};

        TrainerCallbacks callbacks;
        callbacks.cancel = request.cancel;
        callbacks.onProgress = [&](const TrainingProgress& p) {
            if (p.phase == "train" || (p.phase == "evaluate" && !p.metrics.empty()))
                runs.logMetrics(run.id, p.step, p.epoch, p.metrics);
            if (request.onProgress)
                request.onProgress(p);
        };
        if (request.evaluateEachEpoch) {
            callbacks.onEpochEnd = [&](int epoch, const fs::path& checkpoint) {
                // Evaluated from the checkpoint's folder: its own identity keys the embedding cache.
                EvaluationOptions options = evaluation;
                options.model = checkpoint.string();
                const ModelEntry entry{run.name + "@epoch-" + std::to_string(epoch), checkpoint, "checkpoint"};
                EncoderTextEmbedder embedder(entry, encoderOptions(options), nullptr, options.maxLengthJob,
                                             options.maxLengthCandidate, options.cancel);
                return flatMetrics(evaluateEmbeddings(store, embedder, entry.name, options));
            };
        }

        if (config.method == TrainingMethod::Contrastive) {
            result.outcome = trainer.train(contrastive, callbacks, resumeFrom);
            for (int round = 1; round <= config.contrastive.hardNegativeRounds && !result.outcome.cancelled; ++round) {
                if (request.onProgress) {
                    TrainingProgress p;
                    p.phase = "mine";
                    p.step = result.outcome.steps;
                    request.onProgress(p);
                }
                mineHardNegatives(store, *encoder, request, trainer.maxLengthJob(), trainer.maxLengthCandidate(), contrastive);
                Trainer again(config, encoder->model(), runDir / ("round-" + std::to_string(round)));
                result.outcome = again.train(contrastive, callbacks);
            }
        } else {
            if (config.method == TrainingMethod::RankPO && !config.rankpo.referenceFree && resumeFrom.empty()) {
                if (request.onProgress) {
                    TrainingProgress p;
                    p.phase = "reference";
                    request.onProgress(p);
                }
                trainer.setReferenceScores(referenceScores(store, start, encoding, trainer.maxLengthJob(),
                                                           trainer.maxLengthCandidate(), preferences));
            }
            result.outcome = trainer.train(preferences, callbacks, resumeFrom);
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (result.outcome.cancelled) {
            runs.finish(run.id, db::RunStatus::Cancelled,
                        result.outcome.lastCheckpoint.empty() ? "cancelled before the first epoch ended"
                                                              : "cancelled; resume from " + result.outcome.lastCheckpoint.string(),
                        seconds);
            result.run = *runs.find(run.name);
            return result;
        }

        // The trained model, addressable by the run's name from now on.
        result.modelFolder = runDir / "model";
        encoder->model().save(result.modelFolder);
        const ModelFolder folder = ModelFolder::open(result.modelFolder);
        db::ModelRecord model;
        model.name = run.name;
        model.kind = "run";
        model.path = fs::absolute(result.modelFolder).string();
        model.identity = folder.identity();
        model.baseModel = base.name;
        model.infoJson = nlohmann::json{{"method", run.method}, {"run_id", run.id}, {"examples", result.examples},
                                        {"dim", folder.config.hiddenSize}}
                             .dump();
        db::ModelRegistry(store).upsert(model);
        runs.finish(run.id, db::RunStatus::Done, "", seconds);
        result.run = *runs.find(run.name);

        if (request.evaluateFinal) {
            EvaluationOptions options = evaluation;
            options.model = run.name;
            result.evaluation = evaluateModel(store, options);
            runs.logMetrics(run.id, result.outcome.steps, result.outcome.epochsCompleted,
                            [&] {
                                std::map<std::string, double> m;
                                for (const auto& [k, v] : flatMetrics(*result.evaluation))
                                    m["final/" + k] = v;
                                return m;
                            }());
        }
        return result;
    } catch (const Error& e) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const bool cancelled = e.kind() == ErrorKind::Cancelled;
        runs.finish(run.id, cancelled ? db::RunStatus::Cancelled : db::RunStatus::Failed, e.what(), seconds);
        if (cancelled) {
            result.outcome.cancelled = true;
            result.run = *runs.find(run.name);
            return result;
        }
        throw;
    } catch (const std::exception& e) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        runs.finish(run.id, db::RunStatus::Failed, e.what(), seconds);
        throw dataError(std::string("training failed: ") + e.what());
    }
}

SweepResult runSweep(db::ProjectStore& store, const SweepRequest& request)
{
    if (request.learningRates.empty())
        throw usageError("a sweep needs learning rates (--lrs 5e-7,1e-6,...)");
    SweepResult result;
    result.sweep = request.sweep.empty() ? "sweep-" + std::to_string(db::RunRegistry(store).list().size() + 1)
                                         : request.sweep;
    for (TrainingMethod method : request.methods) {
        if (method == TrainingMethod::Contrastive)
            throw usageError("a sweep compares stage-2 methods (rankpo, sft), not contrastive");
        for (double lr : request.learningRates) {
            if (request.cancel && request.cancel->load()) {
                result.cancelled = true;
                return result;
            }
            TrainingRequest one = request;
            one.config.method = method;
            one.config.learningRate = lr;
            one.sweep = result.sweep;
            one.runName = result.sweep + "-" + std::string(toString(method)) + "-lr" + formatRate(lr);
            one.evaluateEachEpoch = false;
            one.evaluateFinal = true;
            result.runs.push_back(trainModel(store, one));
            if (result.runs.back().outcome.cancelled) {
                result.cancelled = true;
                return result;
            }
        }
    }
    return result;
}

} // namespace rankpo::workflows
