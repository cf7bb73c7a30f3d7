// Training on a project (workflows/training_workflow.h) with the tiny BERT of tests/reference: the
// train split's data, the run registry (done, cancelled, resumed), the trained model addressable by
// the run's name, per-epoch and final evaluations stored, sweeps, and the errors a user meets.
#include "core/demo/demo_corpus.h"
#include "core/util/error.h"
#include "db/demo_project.h"
#include "db/evaluation_store.h"
#include "db/model_registry.h"
#include "db/project_store.h"
#include "core/training/method_names.h"
#include "db/run_registry.h"
#include "db/store_access.h"
#include "db/training_data.h"
#include "workflows/training_workflow.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <set>

using namespace rankpo;
using namespace rankpo::workflows;
namespace fs = std::filesystem;

namespace {

const std::string kTinyModel = RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert";

struct DemoFixture {
    QTemporaryDir dir;
    std::unique_ptr<db::ProjectStore> store;
    DemoFixture(bool split = true)
    {
        store = db::ProjectStore::open(dir.path().toStdString() + "/demo.rankpo", db::ProjectStore::OpenMode::Create);
        demo::DemoOptions options;
        options.jobs = 10;
        options.candidates = 300;
        options.pairs = 60;
        db::writeDemoCorpus(*store, demo::generateDemoCorpus(options));
        if (split)
            store->assignSplit(0.3, 1);
    }
};

TrainingRequest tinyRequest(TrainingMethod method)
{
    TrainingRequest r;
    r.model = kTinyModel;
    r.config = TrainingConfig::defaults(method);
    r.config.learningRate = 1e-3;
    r.config.numTrainEpochs = 2;
    r.config.perDeviceTrainBatchSize = 4;
    r.config.gradientAccumulationSteps = 1;
    r.config.maxLengthJob = 16;
    r.config.maxLengthCandidate = 16;
    r.config.contrastive.numNegatives = 2;
    r.maxLengthJob = 16;
    r.maxLengthCandidate = 16;
    return r;
}

} // namespace

class TestTrainingWorkflow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trainingDataComesFromTheTrainSplit()
    {
        DemoFixture f;
        const auto data = loadPreferenceExamples(*f.store, {});
        db::PreferenceFilter train;
        train.split = Split::Train;
        std::size_t nonTies = 0;
        for (const auto& p : f.store->preferences(train))
            nonTies += !p.isTie();
        QCOMPARE(data.examples.size(), nonTies);
        db::PreferenceDataOptions half;
        half.ties = db::TiePolicy::Half;
        half.weightByConfidence = true;
        const auto halfData = loadPreferenceExamples(*f.store, half);
        QCOMPARE(halfData.examples.size(), nonTies + 2 * std::size_t(halfData.selection.tiesSplit));
        for (const auto& e : halfData.examples)
            QVERIFY(e.weight > 0 && e.weight <= 1.0);

        const auto contrastive = loadContrastiveExamples(*f.store, 3, 1);
        QVERIFY(!contrastive.empty());
        for (const auto& e : contrastive)
            QVERIFY(e.negatives.size() >= 3);
        // No test job's text appears in the training data.
        std::set<std::string> testJobs;
        for (JobId id : f.store->jobIds(Split::Test))
            testJobs.insert(f.store->job(id)->text);
        for (const auto& e : data.examples)
            QVERIFY(!testJobs.count(e.job));
        for (const auto& e : contrastive)
            QVERIFY(!testJobs.count(e.job));
    }

    void aRunIsRecordedAndItsModelIsAddressable()
    {
        DemoFixture f;
        auto request = tinyRequest(TrainingMethod::RankPO);
        request.config.rankpo.referenceFree = false;
        request.runName = "tiny-rankpo";
        std::vector<std::string> phases;
        request.onProgress = [&](const TrainingProgress& p) { phases.push_back(p.phase); };
        const auto result = trainModel(*f.store, request);
        QVERIFY(!result.outcome.cancelled);
        QVERIFY(result.run.status == db::RunStatus::Done);
        QCOMPARE(result.outcome.epochsCompleted, 2);
        QVERIFY(std::count(phases.begin(), phases.end(), "reference") == 1);
        QVERIFY(std::count(phases.begin(), phases.end(), "evaluate") >= 2);
        QVERIFY(fs::exists(result.modelFolder / "model.safetensors"));
        const auto model = db::ModelRegistry(*f.store).find("tiny-rankpo");
        QVERIFY(model.has_value());
        QCOMPARE(model->kind, std::string("run"));
        QVERIFY(result.evaluation.has_value());
        QCOMPARE(result.evaluation->model, std::string("tiny-rankpo"));
        db::EvaluationStore evaluations(*f.store);
        QVERIFY(evaluations.latest("tiny-rankpo", "test").has_value());
        QVERIFY(evaluations.latest("tiny-rankpo@epoch-1", "test").has_value());
        // The run's record: config, seed, data hash, device, metrics per step and the final ones.
        db::RunRegistry runs(*f.store);
        const auto run = runs.find("tiny-rankpo");
        QCOMPARE(run->seed, std::int64_t(42));
        QCOMPARE(run->dataHash.size(), std::size_t(32));
        QCOMPARE(run->device, std::string("cpu"));
        QVERIFY(TrainingConfig::parse(run->configJson).rankpo.referenceFree == false);
        bool sawLoss = false, sawFinal = false;
        for (const auto& p : runs.metrics(run->id)) {
            sawLoss |= p.name == "rankpo_loss";
            sawFinal |= p.name == "final/nDCG@20";
        }
        QVERIFY(sawLoss && sawFinal);

        // The trained model is a base model for the next run, by name.
        auto next = tinyRequest(TrainingMethod::Sft);
        next.model = "tiny-rankpo";
        next.evaluateEachEpoch = false;
        const auto second = trainModel(*f.store, next);
        QCOMPARE(second.run.baseModel, std::string("tiny-rankpo"));
        QCOMPARE(second.run.name, std::string("sft-1"));
    }

    void anEstimateTimesStepsAndRecordsNothing()
    {
        DemoFixture f;
        auto request = tinyRequest(TrainingMethod::RankPO);
        request.config.rankpo.referenceFree = false;
        request.config.numTrainEpochs = 3;
        const TrainingEstimate e = estimateTraining(*f.store, request, 2);
        QCOMPARE(e.device, std::string("cpu"));
        QCOMPARE(e.measuredSteps, 2);
        QVERIFY(e.secondsPerStep > 0 && e.firstStepSeconds > 0);
        QVERIFY(e.referenceSeconds > 0); // RankPO with its reference scores the pairs first
        QVERIFY(!e.completed);
        QVERIFY(e.totalSeconds() > e.secondsPerStep * double(e.totalSteps - 1));
        QVERIFY(db::RunRegistry(*f.store).list().empty()); // an estimate is not a run
        // Its step count is the real run's.
        request.runName = "counted";
        const auto run = trainModel(*f.store, request);
        QCOMPARE(e.totalSteps, run.outcome.steps);
        // A run shorter than the measurement is measured whole.
        request.config.maxSteps = 2;
        const TrainingEstimate whole = estimateTraining(*f.store, request, 5);
        QVERIFY(whole.completed);
        QCOMPARE(whole.totalSteps, std::int64_t(2));
        QCOMPARE(whole.measuredSteps, 1);
        request.resumeRun = "counted";
        QVERIFY_THROWS_EXCEPTION(Error, estimateTraining(*f.store, request, 2));
    }

    void aCancelledRunResumes()
    {
        DemoFixture f;
        auto request = tinyRequest(TrainingMethod::Contrastive);
        request.config.numTrainEpochs = 3;
        request.runName = "stage1";
        request.evaluateFinal = false;
        std::atomic<bool> cancel{false};
        request.cancel = &cancel;
        request.onProgress = [&](const TrainingProgress& p) {
            if (p.phase == "evaluate" && !p.metrics.empty())
                cancel = true; // after the first epoch's evaluation
        };
        const auto stopped = trainModel(*f.store, request);
        QVERIFY(stopped.outcome.cancelled);
        QVERIFY(stopped.run.status == db::RunStatus::Cancelled);
        QCOMPARE(stopped.outcome.epochsCompleted, 1);
        QVERIFY(!db::ModelRegistry(*f.store).find("stage1"));

        auto resume = tinyRequest(TrainingMethod::Contrastive);
        resume.resumeRun = "stage1";
        resume.evaluateEachEpoch = false;
        TrainingResult finished;
        try {
            finished = trainModel(*f.store, resume);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        } catch (...) {
            QFAIL("unknown exception");
        }
        QVERIFY(!finished.outcome.cancelled);
        QVERIFY(finished.run.status == db::RunStatus::Done);
        QCOMPARE(finished.outcome.epochsCompleted, 3);
        QCOMPARE(db::RunRegistry(*f.store).list().size(), std::size_t(1));
        // A finished run cannot be resumed.
        try {
            trainModel(*f.store, resume);
            QFAIL("resuming a finished run must fail");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("already done") != std::string::npos);
        }
    }

    // A run recorded before reference_free and stage1_sampler were written down trained reference-free and per
    // positive: resumed, it goes on so (read with today's defaults, the RankPO run would look for reference scores
    // its checkpoint does not have, and stage 1 would plan other steps).
    void anOlderRunResumesAsItBegan()
    {
        DemoFixture f;
        auto forget = [&](const std::string& run, const char* object, const char* field) {
            auto config = nlohmann::json::parse(db::RunRegistry(*f.store).find(run)->configJson);
            config.at(object).erase(field);
            db::connectionOf(*f.store)
                .prepare("UPDATE runs SET config = ? WHERE name = ?")
                .bind(1, config.dump())
                .bind(2, run)
                .run();
        };
        auto stopAfterFirstEpoch = [](TrainingRequest& r, std::atomic<bool>& cancel) {
            r.config.numTrainEpochs = 3;
            r.evaluateFinal = false;
            r.cancel = &cancel;
            r.onProgress = [&cancel](const TrainingProgress& p) {
                if (p.phase == "checkpoint")
                    cancel = true;
            };
        };
        for (const auto method : {TrainingMethod::RankPO, TrainingMethod::Contrastive}) {
            const bool rankpo = method == TrainingMethod::RankPO;
            auto first = tinyRequest(method);
            first.runName = rankpo ? "old-rankpo" : "old-stage1";
            first.evaluateEachEpoch = false;
            first.config.rankpo.referenceFree = true;
            first.config.contrastive.stage1Sampler = Stage1SamplerKind::PerPositive;
            std::atomic<bool> cancel{false};
            stopAfterFirstEpoch(first, cancel);
            const auto stopped = trainModel(*f.store, first);
            QVERIFY(stopped.outcome.cancelled);
            QCOMPARE(stopped.outcome.epochsCompleted, 1);
            forget(first.runName, rankpo ? "rankpo" : "contrastive", rankpo ? "reference_free" : "stage1_sampler");
            const auto record = *db::RunRegistry(*f.store).find(first.runName);
            if (rankpo)
                QCOMPARE(recordedMethodDisplayName(record.method, record.configJson), std::string("SimRankPO"));

            auto resume = tinyRequest(method); // today's defaults: with reference, per job
            resume.resumeRun = first.runName;
            resume.evaluateEachEpoch = false;
            resume.evaluateFinal = false;
            bool referencePhase = false;
            resume.onProgress = [&](const TrainingProgress& p) { referencePhase |= p.phase == "reference"; };
            TrainingResult finished;
            try {
                finished = trainModel(*f.store, resume);
            } catch (const std::exception& e) {
                QFAIL(e.what());
            }
            QVERIFY(finished.run.status == db::RunStatus::Done);
            QCOMPARE(finished.outcome.epochsCompleted, 3);
            QVERIFY(!referencePhase);
            // Every epoch had as many steps as the first: the same sampler throughout.
            QCOMPARE(finished.outcome.steps, 3 * stopped.outcome.steps);
        }
    }

    void aSweepRunsEveryRateAndMethod()
    {
        DemoFixture f;
        SweepRequest request;
        static_cast<TrainingRequest&>(request) = tinyRequest(TrainingMethod::RankPO);
        request.config.numTrainEpochs = 1;
        request.learningRates = {1e-4, 1e-3};
        request.sweep = "s";
        // The paper's two RankPO variants are methods of their own, whatever the request's config says.
        request.config.rankpo.referenceFree = true;
        request.methods = {NamedMethod{TrainingMethod::RankPO, false}, NamedMethod{TrainingMethod::RankPO, true}};
        const auto result = runSweep(*f.store, request);
        QCOMPARE(result.runs.size(), std::size_t(4));
        QCOMPARE(result.runs[0].run.name, std::string("s-rankpo-lr0.0001"));
        QCOMPARE(result.runs[3].run.name, std::string("s-simrankpo-lr0.001"));
        QCOMPARE(recordedMethodKey(result.runs[1].run.method, result.runs[1].run.configJson), std::string("rankpo"));
        QCOMPARE(recordedMethodKey(result.runs[2].run.method, result.runs[2].run.configJson), std::string("simrankpo"));
        QCOMPARE(recordedMethodDisplayName(result.runs[3].run.method, result.runs[3].run.configJson), std::string("SimRankPO"));
        for (const auto& r : result.runs) {
            QVERIFY(r.evaluation.has_value());
            QCOMPARE(r.run.sweep, std::string("s"));
        }
    }

    void errorsAUserMeets()
    {
        DemoFixture unsplit(false);
        auto request = tinyRequest(TrainingMethod::RankPO);
        try {
            trainModel(*unsplit.store, request);
            QFAIL("training without a split must fail");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
            QVERIFY(std::string(e.what()).find("rankpo split") != std::string::npos);
        }
        DemoFixture f;
        request.source = PreferenceSource::Human; // the demo has only AI preferences
        try {
            trainModel(*f.store, request);
            QFAIL("training on no data must fail");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Data);
            QVERIFY(std::string(e.what()).find("no human preferences") != std::string::npos);
        }
        request.source.reset();
        request.model = "no-such-model";
        try {
            trainModel(*f.store, request);
            QFAIL("an unknown base model must fail");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
        }
        QCOMPARE(db::RunRegistry(*f.store).list().size(), std::size_t(0)); // nothing recorded
    }
};

QTEST_GUILESS_MAIN(TestTrainingWorkflow)
#include "tst_training_workflow.moc"
