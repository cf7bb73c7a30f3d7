// The trainer on a tiny BERT (tests/reference/tiny-cls-bert): determinism, learning, checkpoints and
// resuming, cancellation, NaN detection, the contrastive objective.
#include "core/model/encoder_model.h"
#include "core/model/model_folder.h"
#include "core/training/trainer.h"
#include "core/training/trainer_checkpoint.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

using namespace rankpo;
namespace fs = std::filesystem;

namespace {

const fs::path kTinyModel = fs::path(RANKPO_SOURCE_DIR) / "tests/reference/tiny-cls-bert";

std::unique_ptr<EncoderModel> loadTiny(const fs::path& folder = kTinyModel)
{
    return EncoderModel::load(ModelFolder::open(folder), torch::kCPU);
}

// Jobs about one topic prefer candidates about the same topic.
std::vector<PreferenceExample> topicPreferences()
{
    // Words the tiny model's 3,000-word vocabulary knows.
    const std::vector<std::pair<std::string, std::string>> topics = {
        {"school university", "university school"}, {"city state", "state city national"},
        {"film world", "world film"}, {"people team", "team people american"}};
    std::vector<PreferenceExample> out;
    for (std::size_t i = 0; i < topics.size(); ++i)
        for (std::size_t j = 0; j < topics.size(); ++j)
            if (i != j)
                out.push_back({"about " + topics[i].first, "with " + topics[i].second, "with " + topics[j].second, 1.0});
    return out;
}

TrainingConfig smallConfig(TrainingMethod method)
{
    TrainingConfig c = TrainingConfig::defaults(method);
    c.learningRate = 1e-3;
    c.numTrainEpochs = 2;
    c.perDeviceTrainBatchSize = 4;
    c.gradientAccumulationSteps = 1;
    c.maxLengthJob = 32;
    c.maxLengthCandidate = 32;
    c.seed = 7;
    return c;
}

std::vector<float> flatWeights(EncoderModel& model)
{
    std::vector<float> out;
    for (const auto& p : model.module()->parameters()) {
        const auto flat = p.detach().to(torch::kFloat32).contiguous().view(-1);
        out.insert(out.end(), flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
    }
    return out;
}

// Share of examples where the model scores the chosen candidate above the rejected one.
double preferenceAccuracy(EncoderModel& model, const std::vector<PreferenceExample>& examples)
{
    torch::NoGradGuard noGrad;
    model.module()->eval();
    int right = 0;
    for (const auto& e : examples) {
        const auto emb = model.embed(model.tokenizeBatch({e.job, e.chosen, e.rejected}, 32));
        const double sc = (emb[0] * emb[1]).sum().item<double>(), sr = (emb[0] * emb[2]).sum().item<double>();
        right += sc > sr;
    }
    return double(right) / double(examples.size());
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rankpoLearnsAndIsDeterministic()
    {
        QTemporaryDir dir;
        auto config = smallConfig(TrainingMethod::RankPO);
        config.rankpo.referenceFree = false;
        config.numTrainEpochs = 20;
        config.disableDropout = true; // a 2-layer random model learns these 12 pairs only without dropout noise
        std::vector<double> accuracies;
        double before = 0;
        std::vector<float> weights[2];
        for (int run = 0; run < 2; ++run) {
            auto model = loadTiny();
            before = preferenceAccuracy(*model, topicPreferences());
            Trainer trainer(config, *model, dir.path().toStdString() + "/run" + std::to_string(run));
            std::vector<TrainingProgress> log;
            TrainerCallbacks callbacks;
            callbacks.onProgress = [&](const TrainingProgress& p) { log.push_back(p); };
            const auto outcome = trainer.train(topicPreferences(), callbacks);
            QVERIFY(!outcome.cancelled);
            QCOMPARE(outcome.epochsCompleted, 20);
            QCOMPARE(outcome.steps, std::int64_t(60)); // 12 examples / batch 4 = 3 steps per epoch
            QVERIFY(log.front().phase == "reference");
            const auto& last = outcome.lastMetrics;
            for (const char* name : {"rankpo_loss", "rewards/accuracies", "rewards/margins", "scores/chosen",
                                     "learning_rate", "grad_norm", "loss"})
                QVERIFY2(last.count(name), name);
            accuracies.push_back(preferenceAccuracy(*model, topicPreferences()));
            weights[run] = flatWeights(*model);
            QVERIFY(fs::exists(outcome.lastCheckpoint / "model.safetensors"));
            QVERIFY(isTrainerCheckpoint(outcome.lastCheckpoint));
        }
        QCOMPARE(weights[0], weights[1]); // same seed, same data: the same model, bit for bit
        // It learned the preferences it was shown.
        QVERIFY2(accuracies[0] >= 0.75 && accuracies[0] > before,
                 qPrintable(QString("before %1, after %2").arg(before).arg(accuracies[0])));
    }

    // --group-by-job: a seeded order of jobs, so the same model twice, and another one than the pair shuffle's.
    void groupingByJobIsDeterministic()
    {
        QTemporaryDir dir;
        auto config = smallConfig(TrainingMethod::RankPO);
        config.disableDropout = true;
        std::vector<float> weights[3];
        for (int run = 0; run < 3; ++run) {
            config.groupByJob = run < 2;
            auto model = loadTiny();
            Trainer trainer(config, *model, dir.path().toStdString() + "/run" + std::to_string(run));
            const auto outcome = trainer.train(topicPreferences(), TrainerCallbacks{});
            QCOMPARE(outcome.steps, std::int64_t(6));
            weights[run] = flatWeights(*model);
        }
        QCOMPARE(weights[0], weights[1]);
        QVERIFY(weights[0] != weights[2]);
    }

    void resumingFromACheckpointGivesTheSameModel()
    {
        QTemporaryDir dir;
        auto config = smallConfig(TrainingMethod::RankPO);
        config.rankpo.referenceFree = false;
        config.numTrainEpochs = 3;
        auto straight = loadTiny();
        Trainer(config, *straight, dir.path().toStdString() + "/straight").train(topicPreferences(), {});

        // Stop after the first epoch (cancel at its end), then resume from its checkpoint.
        auto first = loadTiny();
        std::atomic<bool> cancel{false};
        TrainerCallbacks stopAfterEpoch;
        stopAfterEpoch.cancel = &cancel;
        stopAfterEpoch.onEpochEnd = [&](int, const fs::path&) {
            cancel = true;
            return std::map<std::string, double>{{"metric", 1.0}};
        };
        const auto partial = Trainer(config, *first, dir.path().toStdString() + "/parts").train(topicPreferences(), stopAfterEpoch);
        QVERIFY(partial.cancelled);
        QCOMPARE(partial.epochsCompleted, 1);
        QCOMPARE(partial.lastMetrics.at("eval/metric"), 1.0);
        const fs::path checkpoint = partial.lastCheckpoint;
        auto resumed = loadTiny(checkpoint);
        const auto outcome = Trainer(config, *resumed, dir.path().toStdString() + "/parts").train(topicPreferences(), {}, checkpoint);
        QCOMPARE(outcome.epochsCompleted, 3);
        const auto a = flatWeights(*straight), b = flatWeights(*resumed);
        QCOMPARE(a.size(), b.size());
        double maxDiff = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            maxDiff = std::max(maxDiff, double(std::abs(a[i] - b[i])));
        QVERIFY2(maxDiff < 1e-6, qPrintable(QString::number(maxDiff)));

        // Other data: resuming is refused.
        auto other = topicPreferences();
        other.pop_back();
        auto again = loadTiny(checkpoint);
        try {
            Trainer(config, *again, dir.path().toStdString() + "/x").train(other, {}, checkpoint);
            QFAIL("resuming on other data must fail");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("other data") != std::string::npos);
        }
    }

    void cancellingStopsWithinOneStep()
    {
        QTemporaryDir dir;
        auto model = loadTiny();
        auto config = smallConfig(TrainingMethod::Sft);
        config.numTrainEpochs = 50;
        std::atomic<bool> cancel{false};
        TrainerCallbacks callbacks;
        callbacks.cancel = &cancel;
        std::int64_t stepsSeen = 0;
        callbacks.onProgress = [&](const TrainingProgress& p) {
            if (p.phase == "train" && p.step == 2)
                cancel = true;
            stepsSeen = std::max(stepsSeen, p.step);
        };
        const auto outcome = Trainer(config, *model, dir.path().toStdString()).train(topicPreferences(), callbacks);
        QVERIFY(outcome.cancelled);
        QCOMPARE(outcome.steps, std::int64_t(2));
    }

    void aNonFiniteLossStopsWithAClearMessage()
    {
        QTemporaryDir dir;
        auto model = loadTiny();
        auto config = smallConfig(TrainingMethod::Sft);
        config.learningRate = 1e30;
        config.maxGradNorm = 0;
        config.warmupRatio = 0;
        config.lrSchedulerType = LrSchedulerType::Constant;
        config.numTrainEpochs = 20;
        try {
            Trainer(config, *model, dir.path().toStdString()).train(topicPreferences(), {});
            QFAIL("expected the loss to blow up");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("training stopped: the loss became") != std::string::npos, e.what());
        }
    }

    // Stage 1 as upstream samples it: each of the 4 jobs once an epoch (1 batch), against today's 12 (job,
    // positive) examples (3 batches); the same seed gives the same model.
    void contrastiveSamplesPerJobOrPerPositive()
    {
        QTemporaryDir dir;
        std::vector<ContrastiveExample> examples;
        for (const auto& p : topicPreferences())
            examples.push_back({p.job, p.rejected, {p.chosen, "unrelated text"}}); // 3 positives per job
        auto config = smallConfig(TrainingMethod::Contrastive);
        config.contrastive.numNegatives = 1;
        config.disableDropout = true;
        QVERIFY(config.contrastive.stage1Sampler == Stage1SamplerKind::PerJob);
        std::vector<float> weights[3];
        for (int run = 0; run < 3; ++run) {
            if (run == 2)
                config.contrastive.stage1Sampler = Stage1SamplerKind::PerPositive;
            auto model = loadTiny();
            const auto outcome = Trainer(config, *model, dir.path().toStdString() + "/run" + std::to_string(run))
                                     .train(examples, {});
            QCOMPARE(outcome.steps, std::int64_t(run == 2 ? 6 : 2)); // 2 epochs
            weights[run] = flatWeights(*model);
        }
        QCOMPARE(weights[0], weights[1]);
        QVERIFY(weights[0] != weights[2]);
        // Fewer jobs than a batch: said in jobs.
        config.contrastive.stage1Sampler = Stage1SamplerKind::PerJob;
        config.perDeviceTrainBatchSize = 8;
        auto model = loadTiny();
        try {
            Trainer(config, *model, dir.path().toStdString() + "/few").train(examples, {});
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("too few jobs with a positive: 4 (the batch size is 8)") != std::string::npos,
                     e.what());
        }
    }

    void contrastiveTrains()
    {
        QTemporaryDir dir;
        auto model = loadTiny();
        auto config = smallConfig(TrainingMethod::Contrastive);
        config.contrastive.numNegatives = 2;
        config.numTrainEpochs = 4;
        std::vector<ContrastiveExample> examples;
        for (const auto& p : topicPreferences())
            examples.push_back({p.job, p.chosen, {p.rejected, "unrelated text", "another unrelated text"}});
        const auto outcome = Trainer(config, *model, dir.path().toStdString()).train(examples, {});
        QVERIFY(outcome.lastMetrics.count("contrastive_loss"));
        QCOMPARE(outcome.epochsCompleted, 4);
        // Preferences are not contrastive examples.
        try {
            Trainer(config, *model, dir.path().toStdString()).train(topicPreferences(), {});
            QFAIL("expected a usage error");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
