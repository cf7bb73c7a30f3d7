#include "core/losses/metric_names.h"
#include "tests/support/error_of.h"
#include "core/losses/sft_loss.h"
#include "core/util/error.h"
#include "tests/support/reference_tensors.h"

#include <QtTest>

using namespace rankpo;
using rankpo::test::errorOf;

namespace {

torch::Tensor vec(std::vector<double> values, bool grad = false)
{
    return torch::tensor(values, torch::kFloat64).requires_grad_(grad);
}

} // namespace

class TestSftLoss : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_golden;

private Q_SLOTS:
    void initTestCase()
    {
        try {
            m_golden = test::loadReference("losses_reference.py", "losses_golden.json").golden;
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    // Two logits [0.5, 0.3] / 0.1: cross-entropy = softplus(-2), d/ds_c = -sigma(-2) / tau.
    void singlePairExact()
    {
        auto c = vec({0.5}, true), r = vec({0.3}, true);
        const auto out = SftLoss().forward(c, r);
        out.loss.backward();
        QVERIFY(std::abs(out.loss.item<double>() - 0.1269280110429725) < 1e-15);
        QVERIFY(std::abs(c.grad().item<double>() - -1.1920292202211755) < 1e-14);
        QVERIFY(std::abs(r.grad().item<double>() - 1.1920292202211755) < 1e-14);
        QStringList names;
        for (const auto& [name, value] : out.metrics)
            names << QString::fromStdString(name);
        QCOMPARE(names, QStringList({"scores/chosen", "scores/margins", "scores/rejected", "sft_loss"}));
        QVERIFY(std::abs(out.metrics.at(metric::ScoresMargins) - 0.2) < 1e-15);
    }

    void equalScoresGiveLog2()
    {
        const auto out = SftLoss().forward(vec({0.4, -0.1}), vec({0.4, -0.1}));
        QVERIFY(std::abs(out.loss.item<double>() - std::log(2.0)) < 1e-15);
    }

    void rejectsBadInput()
    {
        QVERIFY(errorOf([] { SftLoss().forward(vec({0.5, 0.2}), vec({0.3})); }).contains("'rejected_scores' has shape [1]"));
        QVERIFY(errorOf([] { SftLoss().forward(torch::Tensor(), vec({0.3})); }).contains("'chosen_scores' is missing"));
        QVERIFY(errorOf([] { SftLoss().forward(vec({}), vec({})); }).contains("empty"));
        QVERIFY(errorOf([] { SftLoss(SftLossOptions{-0.1}); }).contains("tau must be a positive number"));
    }

    void parity_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("tau_0_1") << "tau_0_1";
        QTest::newRow("tau_0_05") << "tau_0_05";
    }

    void parity()
    {
        QFETCH(QString, name);
        const auto& c = test::caseNamed(m_golden.at("sft_cases"), name.toStdString());
        const auto dtype = test::dtypeNamed(c.at("dtype"));
        const auto& expected = c.at("expected");
        auto chosen = test::tensorFromJson(c.at("inputs").at("chosen"), dtype).requires_grad_(true);
        auto rejected = test::tensorFromJson(c.at("inputs").at("rejected"), dtype).requires_grad_(true);
        const auto out = SftLoss(SftLossOptions{c.at("options").at("tau").get<double>()}).forward(chosen, rejected);
        out.loss.backward();
        QVERIFY(std::abs(out.loss.item<double>() - expected.at("loss").get<double>()) < 1e-6);
        const auto& metrics = expected.at("metrics");
        QCOMPARE(out.metrics.size(), metrics.size());
        for (auto it = metrics.begin(); it != metrics.end(); ++it)
            QVERIFY2(std::abs(out.metrics.at(it.key()) - it.value().get<double>()) < 1e-6, it.key().c_str());
        QVERIFY(test::maxAbsDifference(chosen.grad(), test::tensorFromJson(expected.at("grad_chosen"), dtype)) < 1e-6);
        QVERIFY(test::maxAbsDifference(rejected.grad(), test::tensorFromJson(expected.at("grad_rejected"), dtype)) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestSftLoss)
#include "tst_sft_loss.moc"
