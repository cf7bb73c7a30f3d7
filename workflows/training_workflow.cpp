#include "workflows/training_workflow.h"

#include "core/evaluation/metric_keys.h"
#include "core/evaluation/exact_retriever.h"
#include "core/model/encoder_model.h"
#include "core/model/model_folder.h"
#include "core/model/profile_tags.h"
#include "core/model/text_encoder.h"
#include "core/training/hard_negative_miner.h"
#include "core/training/split_mix64.h"
#include "core/training/trainer.h"
#include "core/training/trainer_checkpoint.h"
#include "core/util/error.h"
#include "db/model_registry.h"
#include "db/project_embedding_cache.h"
#include "db/project_store.h"
#include "db/project_texts.h"
#include "db/team_rights.h"
#include "workflows/runs_location.h"
#include "workflows/text_embedder.h"
#include "db/training_data.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
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
// the current model, and add the top-ranked non-positives (hard_negative_method topk) or a seeded draw from
// the search range's non-positives (sample) to the job's negatives.
void mineHardNegatives(db::ProjectStore& store, TextEncoder& encoder, const TrainingRequest& request, int round,
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
    options.seed = deriveSeed(request.config.seed, 0x6d696e65ULL + std::uint64_t(round)); // `sample`: each round its own draw
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
    return defaultRunsDirectory(store.path());
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point started)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void reportPhase(const TrainingRequest& request, const char* phase, std::int64_t step = 0)
{
    if (!request.onProgress)
        return;
    TrainingProgress p;
    p.phase = phase;
    p.step = step;
    request.onProgress(p);
}

// How a run loads its model: the request's device and threads, the run's own dtype and recomputation (so that a
// resumed run loads as it began).
EncodingOptions runEncoding(const TrainingRequest& request, const TrainingConfig& config)
{
    EncodingOptions encoding = request;
    encoding.dtype = config.torchDtype;
    encoding.gradientCheckpointing = config.gradientCheckpointing;
    return encoding;
}

// Where a run starts: a new run from the request, or a stopped run from its last checkpoint with its own config.
struct StartingPoint {
    TrainingConfig config;
    std::string baseModel;
    std::optional<db::RunRecord> resumed;
    fs::path checkpoint; // empty for a new run
};

StartingPoint startingPoint(db::RunRegistry& runs, const TrainingRequest& request)
{
    StartingPoint start{request.config, request.model, std::nullopt, {}};
    if (!request.resumeRun.empty()) {
        start.resumed = runs.find(request.resumeRun);
        const auto& resumed = start.resumed;
        if (!resumed)
            throw usageError("no run named '" + request.resumeRun + "' in this project (rankpo runs lists them)");
        if (resumed->status == db::RunStatus::Done)
            throw usageError("run '" + resumed->name + "' is already done");
        // Its own configuration, read as it was meant when recorded (an older run: reference-free, per positive).
        start.config = TrainingConfig::parseRecorded(resumed->configJson, "run '" + resumed->name + "'");
        start.baseModel = resumed->baseModel;
        start.checkpoint = latestCheckpoint(resumed->checkpointDir);
        if (start.checkpoint.empty())
            throw usageError("run '" + resumed->name + "' has no checkpoint to resume from (it stopped before its "
                             "first epoch ended); start it again instead");
        if (start.config.method == TrainingMethod::Contrastive && start.config.contrastive.hardNegativeRounds > 0)
            throw usageError("resuming a run with hard-negative mining rounds is not supported; start it again");
    }
    start.config.validate();
    return start;
}

// The examples of the train split for the run's method, and the hash of what the run sees.
struct TrainingData {
    std::vector<PreferenceExample> preferences;
    std::vector<ContrastiveExample> contrastive;
    std::string hash;
    std::size_t size() const { return preferences.size() + contrastive.size(); }
};

TrainingData trainingData(db::ProjectStore& store, const TrainingConfig& config, const TrainingRequest& request)
{
    TrainingData data;
    if (config.method == TrainingMethod::Contrastive) {
        data.contrastive = db::loadContrastiveExamples(store, std::max(config.contrastive.numNegatives, 1), config.seed);
        if (data.contrastive.empty())
            throw dataError(store.path() + ": no rule-positive labels in the train split: stage 1 has nothing to learn");
        data.hash = rankpo::dataHash(data.contrastive);
        return data;
    }
    db::PreferenceDataOptions options;
    options.source = request.source;
    options.policy = request.policy;
    options.adjudication = request.adjudication;
    options.ties = request.ties;
    options.dropInconsistent = request.dropInconsistent;
    options.weightByConfidence = config.rankpo.weightByConfidence;
    data.preferences = db::loadPreferenceExamples(store, options).examples;
    if (data.preferences.empty())
        throw dataError(store.path() + ": no " + (request.source ? std::string(toString(*request.source)) + " " : "")
                        + "preferences in the train split: " + std::string(toString(config.method))
                        + " has nothing to learn");
    data.hash = rankpo::dataHash(data.preferences);
    return data;
}

// A new run recorded as running (with its checkpoint folder), or the resumed run reopened.
db::RunRecord recordRun(db::ProjectStore& store, db::RunRegistry& runs, const TrainingRequest& request,
                        const StartingPoint& start, const TrainingData& data, const std::string& baseName,
                        const std::string& device)
{
    if (start.resumed) {
        runs.reopen(start.resumed->id, "resumed from " + start.checkpoint.filename().string());
        return *start.resumed;
    }
    db::RunRecord run;
    run.name = request.runName;
    run.method = std::string(toString(start.config.method));
    run.configJson = start.config.toJson().dump();
    run.seed = static_cast<std::int64_t>(start.config.seed);
    run.dataHash = data.hash;
    run.baseModel = baseName;
    run.device = device;
    run.sweep = request.sweep;
    run = runs.begin(run);
    run.checkpointDir = (runsDirectory(store, request) / run.name).string();
    runs.setCheckpoint(run.id, run.checkpointDir);
    return run;
}

// The trained model, addressable by the run's name from now on.
fs::path registerTrainedModel(db::ProjectStore& store, TextEncoder& encoder, const db::RunRecord& run,
                              const std::string& baseName, std::size_t examples)
{
    const fs::path folder = fs::path(run.checkpointDir) / "model";
    encoder.model().save(folder);
    const ModelFolder saved = ModelFolder::open(folder);
    db::ModelRecord model;
    model.name = run.name;
    model.kind = "run";
    model.path = fs::absolute(folder).string();
    model.identity = saved.identity();
    model.baseModel = baseName;
    model.infoJson = nlohmann::json{{"method", run.method}, {"run_id", run.id}, {"examples", examples},
                                    {"dim", saved.config.hiddenSize}}
                         .dump();
    db::ModelRegistry(store).upsert(model);
    return folder;
}

// One run from its starting point to its recorded end.
class TrainingSession {
public:
    TrainingSession(db::ProjectStore& store, const TrainingRequest& request)
        : m_store(store), m_request(request), m_runs(store), m_start(startingPoint(m_runs, request))
    {
    }

    TrainingResult run()
    {
        const TrainingConfig& config = m_start.config;
        m_data = trainingData(m_store, config, m_request);
        m_result.examples = m_data.size();

        // The model: the base, or the checkpoint a resumed run stopped at.
        m_base = resolveProjectModel(m_store, m_start.baseModel);
        m_startModel = m_start.checkpoint.empty() ? m_base : ModelEntry{m_base.name, m_start.checkpoint, "checkpoint"};
        m_encoding = runEncoding(m_request, config);
        m_encoder = openModel(m_startModel, m_encoding);
        if (config.method == TrainingMethod::Contrastive && m_start.checkpoint.empty())
            addProfileTags(m_encoder->model(), NewTokenInit::Mean);

        m_result.run = recordRun(m_store, m_runs, m_request, m_start, m_data, m_base.name, m_encoder->deviceName());
        m_started = std::chrono::steady_clock::now();
        try {
            Trainer trainer(config, m_encoder->model(), m_result.run.checkpointDir);
            train(trainer);
            if (m_result.outcome.cancelled) {
                finishCancelled(m_result.outcome.lastCheckpoint.empty()
                                    ? "cancelled before the first epoch ended"
                                    : "cancelled; resume from " + m_result.outcome.lastCheckpoint.string());
                return m_result;
            }
            m_result.modelFolder = registerTrainedModel(m_store, *m_encoder, m_result.run, m_base.name, m_result.examples);
            m_runs.finish(m_result.run.id, db::RunStatus::Done, "", secondsSince(m_started));
            m_result.run = *m_runs.find(m_result.run.name);
            if (m_request.evaluateFinal)
                evaluateFinalModel(trainer);
            return m_result;
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::Cancelled) {
                m_runs.finish(m_result.run.id, db::RunStatus::Failed, e.what(), secondsSince(m_started));
                throw;
            }
            m_result.outcome.cancelled = true;
            finishCancelled(e.what());
            return m_result;
        } catch (const std::exception& e) {
            m_runs.finish(m_result.run.id, db::RunStatus::Failed, e.what(), secondsSince(m_started));
            throw dataError(std::string("training failed: ") + e.what());
        }
    }

private:
    // The test-split evaluation's options at the lengths the trainer uses.
    EvaluationOptions evaluationOptions(const Trainer& trainer) const
    {
        EvaluationOptions evaluation;
        static_cast<EncodingOptions&>(evaluation) = m_encoding;
        evaluation.maxLengthJob = trainer.maxLengthJob();
        evaluation.maxLengthCandidate = trainer.maxLengthCandidate();
        evaluation.progress = {};
        return evaluation;
    }

    TrainerCallbacks callbacks(const Trainer& trainer)
    {
        TrainerCallbacks callbacks;
        callbacks.cancel = m_request.cancel;
        callbacks.onProgress = [this](const TrainingProgress& p) {
            if (p.phase == "train" || (p.phase == "evaluate" && !p.metrics.empty()))
                m_runs.logMetrics(m_result.run.id, p.step, p.epoch, p.metrics);
            if (m_request.onProgress)
                m_request.onProgress(p);
        };
        if (m_request.evaluateEachEpoch) {
            callbacks.onEpochEnd = [this, evaluation = evaluationOptions(trainer)](int epoch, const fs::path& checkpoint) {
                // Evaluated from the checkpoint's folder: its own identity keys the embedding cache.
                EvaluationOptions options = evaluation;
                options.model = checkpoint.string();
                const ModelEntry entry{m_result.run.name + "@epoch-" + std::to_string(epoch), checkpoint, "checkpoint"};
                EncoderTextEmbedder embedder(entry, encoderOptions(options), nullptr, options.maxLengthJob,
                                             options.maxLengthCandidate, options.cancel);
                return flatMetrics(evaluateEmbeddings(m_store, embedder, entry.name, options));
            };
        }
        return callbacks;
    }

    void train(Trainer& trainer)
    {
        const TrainingConfig& config = m_start.config;
        const TrainerCallbacks hooks = callbacks(trainer);
        if (config.method == TrainingMethod::Contrastive) {
            m_result.outcome = trainer.train(m_data.contrastive, hooks, m_start.checkpoint);
            // The paper's Figure 1 loop: mine the current model's hard negatives, train again.
            for (int round = 1; round <= config.contrastive.hardNegativeRounds && !m_result.outcome.cancelled; ++round) {
                reportPhase(m_request, "mine", m_result.outcome.steps);
                mineHardNegatives(m_store, *m_encoder, m_request, round, trainer.maxLengthJob(), trainer.maxLengthCandidate(),
                                  m_data.contrastive);
                Trainer again(config, m_encoder->model(), fs::path(m_result.run.checkpointDir) / ("round-" + std::to_string(round)));
                m_result.outcome = again.train(m_data.contrastive, hooks);
            }
            return;
        }
        if (config.method == TrainingMethod::RankPO && !config.rankpo.referenceFree && m_start.checkpoint.empty()) {
            reportPhase(m_request, "reference");
            trainer.setReferenceScores(referenceScores(m_store, m_startModel, m_encoding, trainer.maxLengthJob(),
                                                       trainer.maxLengthCandidate(), m_data.preferences));
        }
        m_result.outcome = trainer.train(m_data.preferences, hooks, m_start.checkpoint);
    }

    void evaluateFinalModel(const Trainer& trainer)
    {
        EvaluationOptions options = evaluationOptions(trainer);
        options.model = m_result.run.name;
        m_result.evaluation = evaluateModel(m_store, options);
        std::map<std::string, double> metrics;
        for (const auto& [k, v] : flatMetrics(*m_result.evaluation))
            metrics["final/" + k] = v;
        m_runs.logMetrics(m_result.run.id, m_result.outcome.steps, m_result.outcome.epochsCompleted, metrics);
    }

    void finishCancelled(const std::string& message)
    {
        m_runs.finish(m_result.run.id, db::RunStatus::Cancelled, message, secondsSince(m_started));
        m_result.run = *m_runs.find(m_result.run.name);
    }

    db::ProjectStore& m_store;
    const TrainingRequest& m_request;
    db::RunRegistry m_runs;
    StartingPoint m_start;
    TrainingData m_data;
    ModelEntry m_base, m_startModel;
    EncodingOptions m_encoding;
    std::unique_ptr<TextEncoder> m_encoder;
    TrainingResult m_result;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace

TrainingResult trainModel(db::ProjectStore& store, const TrainingRequest& request)
{
    db::requireTeamRight(store, db::TeamRight::Administer, "training"); // before the model loads
    if (store.jobIds(Split::Train).empty())
        throw usageError(store.path() + ": the project has no training split: run `rankpo split` first");
    return TrainingSession(store, request).run();
}

TrainingEstimate estimateTraining(db::ProjectStore& store, const TrainingRequest& request, int steps)
{
    if (!request.resumeRun.empty())
        throw usageError("a time estimate is for a new run (a resumed run keeps its own measured pace)");
    if (steps < 1)
        throw usageError("the estimate measures at least one step");
    if (store.jobIds(Split::Train).empty())
        throw usageError(store.path() + ": the project has no training split: run `rankpo split` first");
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    TrainingConfig config = request.config;
    config.loggingSteps = 1; // a report, hence a time stamp, after every optimizer step
    config.validate();
    TrainingEstimate estimate;
    const TrainingData data = trainingData(store, config, request);
    const ModelEntry base = resolveProjectModel(store, request.model);
    const EncodingOptions encoding = runEncoding(request, config);
    const std::unique_ptr<TextEncoder> encoder = openModel(base, encoding);
    if (config.method == TrainingMethod::Contrastive)
        addProfileTags(encoder->model(), NewTokenInit::Mean); // as the run will
    estimate.device = encoder->deviceName();

    // Checkpoints of a run this short are never kept: a scratch folder, removed however this ends.
    const fs::path scratch = fs::temp_directory_path()
                             / ("rankpo-estimate-" + std::to_string(Clock::now().time_since_epoch().count()));
    struct Remove {
        fs::path path;
        ~Remove()
        {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    } removeScratch{scratch};
    Trainer trainer(config, encoder->model(), scratch);
    estimate.loadSeconds = secondsSince(started);
    if (config.method == TrainingMethod::RankPO && !config.rankpo.referenceFree) {
        const auto referenceStarted = Clock::now();
        trainer.setReferenceScores(referenceScores(store, base, encoding, trainer.maxLengthJob(),
                                                   trainer.maxLengthCandidate(), data.preferences));
        estimate.referenceSeconds = secondsSince(referenceStarted);
    }

    std::atomic<bool> stop{false};
    std::vector<Clock::time_point> stamps; // after each optimizer step
    TrainerCallbacks callbacks;
    callbacks.cancel = &stop;
    callbacks.onProgress = [&](const TrainingProgress& p) {
        if (p.phase != "train")
            return;
        stamps.push_back(Clock::now());
        estimate.totalSteps = p.totalSteps;
        if (int(stamps.size()) > steps || (request.cancel && request.cancel->load()))
            stop = true;
    };
    const auto trainStarted = Clock::now();
    const TrainingOutcome outcome = config.method == TrainingMethod::Contrastive
                                        ? trainer.train(data.contrastive, callbacks)
                                        : trainer.train(data.preferences, callbacks);
    if (request.cancel && request.cancel->load())
        throw Error(ErrorKind::Cancelled, "the estimate was cancelled");
    if (stamps.empty())
        throw dataError("training made no optimizer step: too few examples for one batch");
    estimate.completed = !outcome.cancelled;
    estimate.firstStepSeconds = std::chrono::duration<double>(stamps.front() - trainStarted).count();
    estimate.measuredSteps = int(stamps.size()) - 1;
    estimate.secondsPerStep = estimate.measuredSteps > 0
                                  ? std::chrono::duration<double>(stamps.back() - stamps.front()).count()
                                        / estimate.measuredSteps
                                  : estimate.firstStepSeconds;
    return estimate;
}

SweepResult runSweep(db::ProjectStore& store, const SweepRequest& request)
{
    if (request.learningRates.empty())
        throw usageError("a sweep needs learning rates (--lrs 5e-7,1e-6,...)");
    SweepResult result;
    result.sweep = request.sweep.empty() ? "sweep-" + std::to_string(db::RunRegistry(store).list().size() + 1)
                                         : request.sweep;
    for (const NamedMethod& named : request.methods) {
        if (named.method == TrainingMethod::Contrastive)
            throw usageError("a sweep compares stage-2 methods (rankpo, simrankpo, sft), not contrastive");
    }
    for (const NamedMethod& named : request.methods) {
        for (double lr : request.learningRates) {
            if (request.cancel && request.cancel->load()) {
                result.cancelled = true;
                return result;
            }
            TrainingRequest one = request;
            one.config.method = named.method;
            one.config.rankpo.referenceFree = named.referenceFree;
            one.config.learningRate = lr;
            one.sweep = result.sweep;
            one.runName = result.sweep + "-" + namedMethodKey(named) + "-lr" + formatRate(lr);
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
