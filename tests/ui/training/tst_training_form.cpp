// The training form: the paper's defaults, every field reaching the request, per-method τ, the device
// list (CUDA disabled with its reason on a CPU-only libtorch), and invalid input named.
#include "core/util/error.h"
#include "ui/training/training_form.h"
#include "workflows/engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
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
};

QTEST_MAIN(TestTrainingForm)
#include "tst_training_form.moc"
