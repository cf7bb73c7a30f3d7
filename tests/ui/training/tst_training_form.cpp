// The training form: the paper's defaults, every field reaching the request, per-method τ, the device
// list (CUDA disabled with its reason on a CPU-only libtorch), and invalid input named.
#include "core/util/error.h"
#include "ui/training/training_form.h"
#include "workflows/engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::ui;

class TestTrainingForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsAreThePapers()
    {
        TrainingForm form;
        form.setModels({{QStringLiteral("base-a"), QStringLiteral("base-a — pretrained"), QStringLiteral("built-in"), {}},
                        {QStringLiteral("run-1"), QStringLiteral("run-1 — stage-1 run"), QStringLiteral("run"), QStringLiteral("contrastive")}});
        const TrainingConfig expected = TrainingConfig::defaults(TrainingMethod::RankPO);
        const workflows::TrainingRequest r = form.request();
        QCOMPARE(r.model, std::string("base-a"));
        QVERIFY(r.config.toJson() == expected.toJson());
        QVERIFY(r.source.has_value() && *r.source == PreferenceSource::Ai);
        QCOMPARE(r.maxLengthJob, std::size_t(expected.maxLengthJob));
        form.setBaseModel(QStringLiteral("run-1"));
        QCOMPARE(form.request().model, std::string("run-1"));
        QVERIFY(!r.dropInconsistent);
        form.findChild<QCheckBox*>(QStringLiteral("dropInconsistent"))->setChecked(true);
        QVERIFY(form.request().dropInconsistent);
    }

    void editedFieldsReachTheConfig()
    {
        TrainingForm form;
        form.setModels({{QStringLiteral("m"), QStringLiteral("m"), QStringLiteral("built-in"), {}}});
        TrainingConfig c = TrainingConfig::defaults(TrainingMethod::RankPO);
        c.learningRate = 5e-6;
        c.numTrainEpochs = 2;
        c.perDeviceTrainBatchSize = 4;
        c.gradientAccumulationSteps = 2;
        c.warmupRatio = 0.2;
        c.seed = 7;
        c.disableDropout = true;
        c.maxLengthJob = 16;
        c.maxLengthCandidate = 24;
        c.rankpo.tau = 0.05;
        c.rankpo.beta = 1.5;
        c.rankpo.gamma = 0.25;
        c.rankpo.labelSmoothing = 0.1;
        c.rankpo.sftWeight = 0.5;
        c.rankpo.weightByConfidence = true;
        c.rankpo.referenceFree = false;
        c.groupByJob = true;
        form.setConfig(c);
        QVERIFY2(form.config().toJson() == c.toJson(), form.config().toJson().dump().c_str());
        QVERIFY(form.findChild<QCheckBox*>(QStringLiteral("groupByJob"))->isChecked());
        // Hinge with label smoothing is invalid: the error names the field.
        c.rankpo.lossType = PreferenceLossType::Hinge;
        form.setConfig(c);
        try {
            form.config();
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("label") != std::string::npos, e.what());
        }
    }

    void methodsCarryTheirOwnTau()
    {
        TrainingForm form;
        form.setModels({{QStringLiteral("m"), QStringLiteral("m"), QStringLiteral("built-in"), {}}});
        form.setMethod(TrainingForm::Method::Contrastive);
        TrainingConfig c = form.config();
        QVERIFY(c.method == TrainingMethod::Contrastive);
        QCOMPARE(c.contrastive.loss.tau, 0.02);
        form.setMethod(TrainingForm::Method::Sft);
        c = form.config();
        QVERIFY(c.method == TrainingMethod::Sft);
        QCOMPARE(c.sft.tau, 0.1);
    }

    // The paper's two variants by name: RankPO (the default, against the reference) and SimRankPO.
    void methodListNamesRankPOAndSimRankPO()
    {
        TrainingForm form;
        form.setModels({{QStringLiteral("m"), QStringLiteral("m"), QStringLiteral("built-in"), {}}});
        QComboBox* box = form.methodBox();
        QCOMPARE(box->count(), 4);
        QVERIFY(box->itemText(0).startsWith(QStringLiteral("RankPO ")));
        QVERIFY(box->itemText(1).startsWith(QStringLiteral("SimRankPO ")));
        QVERIFY(box->itemText(2).startsWith(QStringLiteral("SFT")));
        QVERIFY(box->itemText(3).contains(QStringLiteral("contrastive")));
        QVERIFY(form.method() == TrainingForm::Method::RankPO);
        QVERIFY(!form.config().rankpo.referenceFree);
        form.setMethod(TrainingForm::Method::SimRankPO);
        TrainingConfig c = form.config();
        QVERIFY(c.method == TrainingMethod::RankPO);
        QVERIFY(c.rankpo.referenceFree);
        QCOMPARE(c.rankpo.tau, 0.1);
        // A reference-free config (an older run's) shows as SimRankPO, and back.
        TrainingForm again;
        again.setConfig(c);
        QVERIFY(again.method() == TrainingForm::Method::SimRankPO);
        QVERIFY(again.config().toJson() == c.toJson());
        c.rankpo.referenceFree = false;
        again.setConfig(c);
        QVERIFY(again.method() == TrainingForm::Method::RankPO);
        // SimRankPO's CPU preset stays SimRankPO.
        form.findChild<QPushButton*>("cpuPreset")->click();
        QVERIFY(form.method() == TrainingForm::Method::SimRankPO);
        QVERIFY(form.config().rankpo.referenceFree);
    }

    // Stage 1's sampler and hard-negative method: shown for contrastive runs only, into the request.
    void stageOneSamplerAndHardNegativeMethod()
    {
        TrainingForm form;
        form.setModels({{QStringLiteral("m"), QStringLiteral("m"), QStringLiteral("built-in"), {}}});
        auto* sampler = form.findChild<QComboBox*>(QStringLiteral("stage1Sampler"));
        auto* method = form.findChild<QComboBox*>(QStringLiteral("hardNegativeMethod"));
        auto* rounds = form.findChild<QSpinBox*>(QStringLiteral("hardNegativeRounds"));
        QVERIFY(sampler && method && rounds);
        QVERIFY(sampler->isHidden() && method->isHidden() && rounds->isHidden()); // RankPO: not stage 1's
        form.setMethod(TrainingForm::Method::Contrastive);
        QVERIFY(!sampler->isHidden() && !method->isHidden() && sampler->isEnabled());
        QCOMPARE(sampler->currentData().toString(), QStringLiteral("per_job"));
        QCOMPARE(method->currentData().toString(), QStringLiteral("topk"));
        QVERIFY(form.request().config.contrastive.stage1Sampler == Stage1SamplerKind::PerJob);
        sampler->setCurrentIndex(sampler->findData(QStringLiteral("per_positive")));
        method->setCurrentIndex(method->findData(QStringLiteral("sample")));
        rounds->setValue(2);
        const TrainingConfig c = form.request().config;
        QVERIFY(c.contrastive.stage1Sampler == Stage1SamplerKind::PerPositive);
        QVERIFY(c.contrastive.hardNegatives.method == HardNegativeMethod::Sample);
        QCOMPARE(c.contrastive.hardNegativeRounds, 2);
        // And back from a config.
        TrainingForm again;
        again.setConfig(c);
        QVERIFY(again.config().toJson() == c.toJson());
        QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("stage1Sampler"))->currentData().toString(),
                 QStringLiteral("per_positive"));
        form.setMethod(TrainingForm::Method::Sft);
        QVERIFY(sampler->isHidden());
    }

    void badLearningRateIsNamed()
    {
        TrainingForm form;
        form.setModels({{QStringLiteral("m"), QStringLiteral("m"), QStringLiteral("built-in"), {}}});
        form.findChild<QLineEdit*>(QStringLiteral("learningRate"))->setText(QStringLiteral("0"));
        try {
            form.request();
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("learning rate") != std::string::npos, e.what());
        }
    }

    void devicesListCpuAndExplainCuda()
    {
        TrainingForm form;
        QComboBox* box = form.deviceBox();
        QCOMPARE(box->count(), 3);
        QVERIFY(box->itemText(2).contains(QStringLiteral("checking"))); // before the engine answers
        form.waitForDevices();
        QCOMPARE(box->count(), 3);
        QCOMPARE(box->itemData(0).toString(), QStringLiteral("auto"));
        QCOMPARE(box->itemData(1).toString(), QStringLiteral("cpu"));
        QCOMPARE(box->itemData(2).toString(), QStringLiteral("cuda"));
        const auto devices = workflows::engine().computeDevices();
        auto* model = qobject_cast<QStandardItemModel*>(box->model());
        QCOMPARE(model->item(2)->isEnabled(), devices[2].available);
        if (!devices[2].available) {
            QVERIFY(!model->item(2)->toolTip().isEmpty()); // why CUDA cannot be used
            QVERIFY(box->itemText(2).contains(QStringLiteral("unavailable")));
        } else {
            QVERIFY(box->itemText(2).startsWith(QStringLiteral("CUDA (")));
        }
    }

    void precisionAndCheckpointingReachTheConfig()
    {
        TrainingForm form;
        QCOMPARE(form.config().torchDtype, std::string("auto"));
        QVERIFY(!form.config().gradientCheckpointing);
        auto* dtype = form.findChild<QComboBox*>("dtype");
        auto* checkpointing = form.findChild<QCheckBox*>("gradientCheckpointing");
        QVERIFY(dtype && checkpointing);
        dtype->setCurrentIndex(dtype->findData(QStringLiteral("bfloat16")));
        checkpointing->setChecked(true);
        const TrainingConfig c = form.config();
        QCOMPARE(c.torchDtype, std::string("bfloat16"));
        QVERIFY(c.gradientCheckpointing);
        TrainingForm again;
        again.setConfig(c);
        QCOMPARE(again.config().torchDtype, std::string("bfloat16"));
        QVERIFY(again.config().gradientCheckpointing);
    }

    void cpuPresetSizesTheRunForTwoCores()
    {
        TrainingForm form;
        form.findChild<QPushButton*>("cpuPreset")->click();
        const TrainingConfig c = form.config();
        QCOMPARE(c.maxLengthJob, 128);
        QCOMPARE(c.maxLengthCandidate, 128);
        QCOMPARE(c.gradientAccumulationSteps, 1);
        QCOMPARE(c.numTrainEpochs, 1);
        QVERIFY(c.method == TrainingMethod::RankPO);
        // The method chosen stays: stage 1 gets its own preset.
        form.setMethod(TrainingForm::Method::Contrastive);
        form.findChild<QPushButton*>("cpuPreset")->click();
        QVERIFY(form.config().method == TrainingMethod::Contrastive);
        QCOMPARE(form.config().maxLengthJob, 128);
    }

    void memoryFollowsModelLengthsAndPrecision()
    {
        TrainingForm form;
        const QString llama = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-llama");
        form.setModels({{QStringLiteral("tiny-llama"), QStringLiteral("tiny-llama"), QStringLiteral("project"), {}, llama}});
        auto* memory = form.findChild<QLabel*>("memoryEstimate");
        QVERIFY(memory->text().contains(QStringLiteral("GiB")));
        QVERIFY2(memory->text().contains(QStringLiteral("float32")), qPrintable(memory->text()));
        const QString full = memory->text();
        form.findChild<QCheckBox*>("gradientCheckpointing")->setChecked(true);
        QVERIFY(memory->text() != full); // fewer activations kept
        auto* dtype = form.findChild<QComboBox*>("dtype");
        dtype->setCurrentIndex(dtype->findData(QStringLiteral("bfloat16")));
        QVERIFY(memory->text().contains(QStringLiteral("bfloat16")));
        // A folder that is not a model says so instead of a number.
        form.setModels({{QStringLiteral("broken"), QStringLiteral("broken"), QStringLiteral("project"), {},
                         QStringLiteral(RANKPO_SOURCE_DIR "/tests")}});
        QVERIFY(!memory->text().contains(QStringLiteral("GiB")));
        QVERIFY(!memory->text().isEmpty());
    }
};

QTEST_MAIN(TestTrainingForm)
#include "tst_training_form.moc"
