#include "core/training/method_names.h"
#include "core/training/training_config.h"
#include "core/util/error.h"

#include <QtTest>

using namespace rankpo;
using nlohmann::json;

namespace {

QString errorOf(const std::string& text)
{
    try {
        TrainingConfig::parse(text, "run.json");
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Usage)
            return "wrong kind: " + QString::fromStdString(e.what());
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestTrainingConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The paper's runs (upstream scripts/train/*.sh over HF TrainingArguments' defaults).
    void defaultsAreThePapers()
    {
        const auto c = TrainingConfig::defaults(TrainingMethod::RankPO);
        QVERIFY(c.method == TrainingMethod::RankPO);
        QCOMPARE(c.learningRate, 1e-5);
        QCOMPARE(c.numTrainEpochs, 3);
        QCOMPARE(c.perDeviceTrainBatchSize, 8);
        QCOMPARE(c.gradientAccumulationSteps, 4);
        QVERIFY(c.lrSchedulerType == LrSchedulerType::Cosine);
        QCOMPARE(c.warmupRatio, 0.1);
        QCOMPARE(c.weightDecay, 0.0);
        QCOMPARE(c.maxGradNorm, 1.0);
        QCOMPARE(c.seed, std::uint64_t(42));
        QCOMPARE(c.rankpo.tau, 0.1);
        QCOMPARE(c.rankpo.beta, 2.0);
        QCOMPARE(c.rankpo.gamma, 0.0);
        QVERIFY(c.rankpo.lossType == PreferenceLossType::Sigmoid);
        QVERIFY(!c.rankpo.referenceFree); // the paper's RankPO, against the frozen reference (SimRankPO is reference-free)
        QCOMPARE(c.rankpo.rankpoWeight, 1.0);
        QCOMPARE(c.rankpo.sftWeight, 0.0);
        QVERIFY(!c.rankpo.weightByConfidence);
        QCOMPARE(c.contrastive.loss.tau, 0.02);
        QVERIFY(c.contrastive.loss.useInBatchNegatives);
        QCOMPARE(c.contrastive.numNegatives, 5);
        QCOMPARE(c.contrastive.hardNegatives.searchDepth, 100);
        QCOMPARE(c.contrastive.hardNegatives.negativesPerJob, 10);
        QVERIFY(c.contrastive.hardNegatives.method == HardNegativeMethod::TopK);
        QVERIFY(c.contrastive.stage1Sampler == Stage1SamplerKind::PerJob); // upstream's dataset
        QCOMPARE(c.toJson().at("rankpo").at("reference_free").get<bool>(), false);
        QCOMPARE(c.toJson().at("contrastive").at("stage1_sampler"), "per_job");
        QCOMPARE(c.toJson().at("contrastive").at("hard_negative_method"), "topk");
        QVERIFY(!TrainingConfig::cpuPreset(TrainingMethod::RankPO).rankpo.referenceFree);
        QCOMPARE(c.sft.tau, 0.1);
        c.validate();
        TrainingConfig::defaults(TrainingMethod::Contrastive).validate();
        TrainingConfig::defaults(TrainingMethod::Sft).validate();
    }

    void jsonRoundTrip()
    {
        TrainingConfig c = TrainingConfig::defaults(TrainingMethod::Contrastive);
        c.learningRate = 3e-5;
        c.seed = 18446744073709551615ULL;
        c.lrSchedulerType = LrSchedulerType::Linear;
        c.warmupSteps = 7;
        c.maxSteps = 100;
        c.contrastive.numNegatives = 3;
        c.contrastive.hardNegativeRounds = 2;
        c.contrastive.hardNegatives.skipTop = 3;
        c.contrastive.hardNegatives.allowFewer = true;
        c.contrastive.hardNegatives.method = HardNegativeMethod::Sample;
        c.contrastive.stage1Sampler = Stage1SamplerKind::PerPositive;
        c.rankpo.lossType = PreferenceLossType::Hinge;
        c.rankpo.referenceFree = false;
        c.rankpo.gamma = 0.25;
        c.rankpo.weightByConfidence = true;
        c.sft.tau = 0.05;
        const json j = c.toJson();
        QCOMPARE(j.at("method"), "contrastive");
        QCOMPARE(j.at("lr_scheduler_type"), "linear");
        QCOMPARE(j.at("rankpo").at("gamma_beta_ratio").get<double>(), 0.25);
        const TrainingConfig back = TrainingConfig::parse(j.dump(2));
        QCOMPARE(back.toJson(), j);
        QCOMPARE(back.seed, c.seed);
        QVERIFY(back.rankpo.lossType == PreferenceLossType::Hinge);
        QVERIFY(back.contrastive.hardNegatives.allowFewer);
        QVERIFY(back.contrastive.hardNegatives.method == HardNegativeMethod::Sample);
        QVERIFY(back.contrastive.stage1Sampler == Stage1SamplerKind::PerPositive);
        QVERIFY(!back.rankpo.referenceFree);
        // A recorded config that names every field reads the same either way.
        QCOMPARE(TrainingConfig::parseRecorded(j.dump()).toJson(), j);
        QCOMPARE(TrainingConfig::parseRecorded(TrainingConfig().toJson().dump()).toJson(), TrainingConfig().toJson());
    }

    // A run recorded before the variants had names and the sampler was a setting trained reference-free, one
    // example per (job, positive): resumed or listed, it keeps that.
    void recordedRunsKeepWhatTheyTrainedWith()
    {
        const std::string old = R"({"method": "rankpo", "learning_rate": 2e-5,
            "rankpo": {"temperature": 0.1, "beta": 2.0, "loss_type": "sigmoid"},
            "contrastive": {"temperature": 0.02, "num_negatives": 5}})";
        const TrainingConfig recorded = TrainingConfig::parseRecorded(old, "run 'rankpo-1'");
        QVERIFY(recorded.rankpo.referenceFree);
        QVERIFY(recorded.contrastive.stage1Sampler == Stage1SamplerKind::PerPositive);
        QVERIFY(recorded.contrastive.hardNegatives.method == HardNegativeMethod::TopK);
        QCOMPARE(recorded.learningRate, 2e-5);
        // The same text as a new config takes today's defaults.
        const TrainingConfig fresh = TrainingConfig::parse(old);
        QVERIFY(!fresh.rankpo.referenceFree);
        QVERIFY(fresh.contrastive.stage1Sampler == Stage1SamplerKind::PerJob);
        // What an old run did record is kept.
        const TrainingConfig withReference = TrainingConfig::parseRecorded(R"({"rankpo": {"reference_free": false}})");
        QVERIFY(!withReference.rankpo.referenceFree);
        QVERIFY(withReference.contrastive.stage1Sampler == Stage1SamplerKind::PerPositive);
        const TrainingConfig perJob = TrainingConfig::parseRecorded(R"({"contrastive": {"stage1_sampler": "per_job"}})");
        QVERIFY(perJob.contrastive.stage1Sampler == Stage1SamplerKind::PerJob);
        // A recorded config is checked as strictly as any.
        try {
            TrainingConfig::parseRecorded(R"({"contrastive": {"stage1_sampler": "per_pair"}})", "run 'x'");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString("run 'x': field 'contrastive.stage1_sampler': expected one of "
                                                "\"per_job\", \"per_positive\", got \"per_pair\""));
        }
        QVERIFY_THROWS_EXCEPTION(Error, TrainingConfig::parseRecorded("{", "run 'x'"));
        QCOMPARE(errorOf(R"({"contrastive": {"hard_negative_method": "cluster"}})"),
                 QString("run.json: field 'contrastive.hard_negative_method': expected one of \"topk\", \"sample\", got "
                         "\"cluster\""));
    }

    // The names of the paper's figure: RankPO against the reference, SimRankPO without it.
    void displayNamesFollowThePaper()
    {
        TrainingConfig c = TrainingConfig::defaults(TrainingMethod::RankPO);
        QCOMPARE(methodDisplayName(c), std::string("RankPO"));
        c.rankpo.referenceFree = true;
        QCOMPARE(methodDisplayName(c), std::string("SimRankPO"));
        QCOMPARE(methodDisplayName(TrainingConfig::defaults(TrainingMethod::Sft)), std::string("SFT"));
        QCOMPARE(methodDisplayName(TrainingConfig::defaults(TrainingMethod::Contrastive)), std::string("Contrastive"));
        // Recorded runs: an old reference-free one (no field) is SimRankPO; the method key decides the objective.
        QCOMPARE(recordedMethodDisplayName("rankpo", R"({"method": "rankpo"})"), std::string("SimRankPO"));
        QCOMPARE(recordedMethodDisplayName("rankpo", TrainingConfig().toJson().dump()), std::string("RankPO"));
        QCOMPARE(recordedMethodDisplayName("rankpo", c.toJson().dump()), std::string("SimRankPO"));
        QCOMPARE(recordedMethodDisplayName("sft", R"({"rankpo": {"reference_free": true}})"), std::string("SFT"));
        // A record that no longer reads still has a name.
        QCOMPARE(recordedMethodDisplayName("rankpo", "not json"), std::string("SimRankPO"));
        QCOMPARE(recordedMethodDisplayName("dpo", "{}"), std::string("dpo"));
        // The variants' keys, as sweeps name their runs and the dashboard groups them.
        QCOMPARE(recordedMethodKey("rankpo", R"({"method": "rankpo"})"), std::string("simrankpo"));
        QCOMPARE(recordedMethodKey("rankpo", TrainingConfig().toJson().dump()), std::string("rankpo"));
        QCOMPARE(recordedMethodKey("sft", R"({"rankpo": {"reference_free": true}})"), std::string("sft"));
        QCOMPARE(recordedMethodKey("dpo", "{}"), std::string("dpo"));
        QCOMPARE(namedMethodKey(*namedMethodFromString("simrankpo")), std::string("simrankpo"));
        QCOMPARE(namedMethodKey({TrainingMethod::Contrastive, false}), std::string("contrastive"));
        // The names `rankpo train` takes.
        QVERIFY(namedMethodFromString("simrankpo")->method == TrainingMethod::RankPO);
        QVERIFY(namedMethodFromString("simrankpo")->referenceFree);
        QVERIFY(!namedMethodFromString("rankpo")->referenceFree);
        QVERIFY(namedMethodFromString("contrastive")->method == TrainingMethod::Contrastive);
        QVERIFY(!namedMethodFromString("SimRankPO"));
        QVERIFY(defaultsFor(*namedMethodFromString("simrankpo")).rankpo.referenceFree);
        QVERIFY(!defaultsFor(*namedMethodFromString("rankpo")).rankpo.referenceFree);
    }

    void missingFieldsKeepDefaults()
    {
        const auto c = TrainingConfig::parse(R"({"method": "sft", "rankpo": {"beta": 1.5}})");
        QVERIFY(c.method == TrainingMethod::Sft);
        QCOMPARE(c.rankpo.beta, 1.5);
        QCOMPARE(c.rankpo.tau, 0.1);
        QCOMPARE(c.learningRate, 1e-5);
        QCOMPARE(TrainingConfig::parse("{}").toJson(), TrainingConfig().toJson());
    }

    void errorsNameTheField()
    {
        QCOMPARE(errorOf(R"({"learnig_rate": 1e-5})"), QString("run.json: unknown field 'learnig_rate'"));
        QCOMPARE(errorOf(R"({"rankpo": {"betta": 1}})"), QString("run.json: unknown field 'rankpo.betta'"));
        QCOMPARE(errorOf(R"({"rankpo": {"beta": -1}})"), QString("run.json: field 'rankpo.beta' must be > 0, got -1"));
        QCOMPARE(errorOf(R"({"rankpo": {"beta": "2"}})"),
                 QString("run.json: field 'rankpo.beta': expected a number, got string"));
        QCOMPARE(errorOf(R"({"num_train_epochs": 2.5})"),
                 QString("run.json: field 'num_train_epochs': expected an integer, got a number"));
        QCOMPARE(errorOf(R"({"seed": -3})"), QString("run.json: field 'seed': expected a non-negative integer, got -3"));
        QCOMPARE(errorOf(R"({"method": "dpo"})"),
                 QString("run.json: field 'method': expected one of \"contrastive\", \"rankpo\", \"sft\", got \"dpo\""));
        QCOMPARE(errorOf(R"({"rankpo": {"loss_type": "hinge", "label_smoothing": 0.1}})"),
                 QString("run.json: field 'rankpo.label_smoothing' must be 0 with loss_type \"hinge\", got 0.1"));
        QCOMPARE(errorOf(R"({"rankpo": {"label_smoothing": 0.5}})"),
                 QString("run.json: field 'rankpo.label_smoothing' must be in [0, 0.5), got 0.5"));
        QCOMPARE(errorOf(R"({"warmup_ratio": 1.5})"), QString("run.json: field 'warmup_ratio' must be in [0, 1], got 1.5"));
        QCOMPARE(errorOf(R"({"max_steps": 0})"),
                 QString("run.json: field 'max_steps' must be -1 (use num_train_epochs) or >= 1, got 0"));
        QCOMPARE(errorOf(R"({"gradient_accumulation_steps": 0})"),
                 QString("run.json: field 'gradient_accumulation_steps' must be >= 1, got 0"));
        QCOMPARE(errorOf(R"({"per_device_train_batch_size": 3000000000})"),
                 QString("run.json: field 'per_device_train_batch_size': integer out of range"));
        QCOMPARE(errorOf(R"({"contrastive": {"hard_negative_skip_top": 100}})"),
                 QString("run.json: field 'contrastive.hard_negative_search_depth' must be greater than "
                         "hard_negative_skip_top (100), got 100"));
        QCOMPARE(errorOf(R"({"method": "contrastive", "per_device_train_batch_size": 1, "contrastive": {"num_negatives": 0}})"),
                 QString("run.json: field 'contrastive.num_negatives' is 0 and there are no in-batch negatives: nothing "
                         "to contrast"));
        QCOMPARE(errorOf(R"({"rankpo": {"rankpo_weight": 0}})"),
                 QString("run.json: field 'rankpo.rankpo_weight' and rankpo.sft_weight are both 0: there is nothing to train"));
        QCOMPARE(errorOf(R"({"sft": 0.1})"), QString("run.json: field 'sft' must be an object, got a number"));
        QCOMPARE(errorOf("[1]"), QString("run.json: the document must be an object, got array"));
        QVERIFY(errorOf(R"({"seed": 1,})").startsWith("run.json: not valid JSON (byte"));
    }

    void groupByJobRoundTripsAndIsStageTwoOnly()
    {
        TrainingConfig c = TrainingConfig::defaults(TrainingMethod::RankPO);
        QVERIFY(!c.groupByJob);
        QCOMPARE(c.toJson().at("group_by_job").get<bool>(), false);
        c.groupByJob = true;
        const TrainingConfig back = TrainingConfig::parse(c.toJson().dump());
        QVERIFY(back.groupByJob);
        c.method = TrainingMethod::Contrastive;
        try {
            c.validate();
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("training config: field 'group_by_job' applies to RankPO and SFT"), e.what());
        }
    }

    void dtypeAndCheckpointingRoundTrip()
    {
        TrainingConfig c = TrainingConfig::defaults(TrainingMethod::RankPO);
        QCOMPARE(c.torchDtype, std::string("auto"));
        QVERIFY(!c.gradientCheckpointing);
        c.torchDtype = "bfloat16";
        c.gradientCheckpointing = true;
        const TrainingConfig back = TrainingConfig::parse(c.toJson().dump());
        QCOMPARE(back.torchDtype, std::string("bfloat16"));
        QVERIFY(back.gradientCheckpointing);
        // A run recorded before these keys existed loads as it ran: auto dtype, no recomputation.
        const TrainingConfig old = TrainingConfig::parse(R"({"learning_rate": 1e-5})");
        QCOMPARE(old.torchDtype, std::string("auto"));
        QVERIFY(!old.gradientCheckpointing);
        try {
            TrainingConfig::parse(R"({"torch_dtype": "int8"})", "run.json");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("torch_dtype") && QString(e.what()).contains("int8"), e.what());
        }
        c.torchDtype = "double";
        QVERIFY_THROWS_EXCEPTION(Error, c.validate());
    }

    void validateNamesFieldsForProgrammaticConfigs()
    {
        TrainingConfig c;
        c.adamEpsilon = 0;
        try {
            c.validate();
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString("training config: field 'adam_epsilon' must be > 0, got 0"));
        }
    }

    void methodNamesRoundTrip()
    {
        for (auto m : {TrainingMethod::Contrastive, TrainingMethod::RankPO, TrainingMethod::Sft})
            QVERIFY(*trainingMethodFromString(toString(m)) == m);
        QVERIFY(!trainingMethodFromString("RankPO"));
    }
};

QTEST_GUILESS_MAIN(TestTrainingConfig)
#include "tst_training_config.moc"
