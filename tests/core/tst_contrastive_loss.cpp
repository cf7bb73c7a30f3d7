#include "core/losses/contrastive_loss.h"
#include "tests/support/error_of.h"
#include "core/losses/metric_names.h"
#include "core/util/error.h"
#include "tests/support/reference_tensors.h"

#include <QtTest>

using namespace rankpo;
using rankpo::test::errorOf;

namespace {

torch::Tensor mat(std::vector<double> values, std::vector<int64_t> shape, bool grad = false)
{
    return torch::tensor(values, torch::kFloat64).reshape(shape).requires_grad_(grad);
}

// Two orthogonal queries, each with its own positive (itself) and a negative equal to the other
// query's positive. tau 0.5 makes the logits 2 and 0.
const auto kQueries = [] { return mat({1, 0, 0, 1}, {2, 2}); };
const auto kPositives = [] { return mat({1, 0, 0, 1}, {2, 2}); };
const auto kNegatives = [] { return mat({0, 1, 1, 0}, {2, 1, 2}); };

} // namespace

class TestContrastiveLoss : public QObject {
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

    void inBatchOnlyExact()
    {
        // row 1 logits [2, 0] (its positive, the other positive): softplus(-2)
        const auto out = ContrastiveLoss(ContrastiveLossOptions{0.5, true}).forward(kQueries(), kPositives());
        QVERIFY(std::abs(out.loss.item<double>() - 0.1269280110429725) < 1e-15);
        QCOMPARE(out.metrics.at(metric::ContrastiveAccuracy), 1.0);
        QCOMPARE(out.metrics.at(metric::ScoresPositive), 1.0);
        QVERIFY(!out.metrics.count(metric::ScoresNegative));
    }

    void inBatchPlusOwnNegativesExact()
    {
        // groups [p1, n1, p2, n2]; row 1 logits [2, 0, 0, 2]: log(2 e^2 + 2) - 2
        const auto out = ContrastiveLoss(ContrastiveLossOptions{0.5, true}).forward(kQueries(), kPositives(), kNegatives());
        QVERIFY(std::abs(out.loss.item<double>() - 0.8200751916029176) < 1e-14);
        QCOMPARE(out.metrics.at(metric::ScoresNegative), 0.0);
        // Row 2 ([0, 2, 2, 0], target 2) ties its positive with query 1's negative, which comes first:
        // argmax takes the first maximum (as torch does in the reference), so only row 1 counts.
        QCOMPARE(out.metrics.at(metric::ContrastiveAccuracy), 0.5);
    }

    void ownGroupOnlyExact()
    {
        const auto out = ContrastiveLoss(ContrastiveLossOptions{0.5, false}).forward(kQueries(), kPositives(), kNegatives());
        QVERIFY(std::abs(out.loss.item<double>() - 0.1269280110429725) < 1e-15);
    }

    void flatAndGroupedNegativesAgree()
    {
        const ContrastiveLoss loss(ContrastiveLossOptions{0.3, true});
        const auto q = torch::nn::functional::normalize(torch::randn({3, 5}, torch::kFloat64),
                                                        torch::nn::functional::NormalizeFuncOptions().dim(1));
        const auto p = torch::nn::functional::normalize(torch::randn({3, 5}, torch::kFloat64),
                                                        torch::nn::functional::NormalizeFuncOptions().dim(1));
        const auto n = torch::randn({3, 2, 5}, torch::kFloat64);
        QCOMPARE(loss.forward(q, p, n).loss.item<double>(), loss.forward(q, p, n.reshape({6, 5})).loss.item<double>());
    }

    void rejectsBadInput()
    {
        const ContrastiveLoss loss;
        QVERIFY(errorOf([&] { loss.forward(kQueries(), mat({1, 0}, {1, 2})); }).contains("'positives' has shape [1, 2]"));
        QVERIFY(errorOf([&] { loss.forward(kQueries(), kPositives(), mat({1, 0, 0}, {1, 3})); })
                    .contains("'negatives' must be [2 * n, 2], got [1, 3]"));
        QVERIFY(errorOf([&] { loss.forward(kQueries(), kPositives(), torch::zeros({3, 1, 2}, torch::kFloat64)); })
                    .contains("'negatives' must be [2, n, 2]"));
        QVERIFY(errorOf([&] { loss.forward(kQueries(), kPositives(), torch::zeros({2, 1, 2}, torch::kFloat32)); })
                    .contains("dtype"));
        QVERIFY(errorOf([&] { loss.forward(mat({1, 0}, {1, 2}), mat({1, 0}, {1, 2})); }).contains("nothing to contrast"));
        QVERIFY(errorOf([&] { ContrastiveLoss(ContrastiveLossOptions{0.02, false}).forward(kQueries(), kPositives()); })
                    .contains("nothing to contrast"));
        QVERIFY(errorOf([&] { loss.forward(mat({1, 0, 0}, {1, 3}), mat({1, 0, 0}, {1, 3}).reshape({3})); })
                    .contains("'positives' must have 2 dimension(s)"));
        QVERIFY(errorOf([] { ContrastiveLoss(ContrastiveLossOptions{0.0, true}); }).contains("tau"));
    }

    void parity_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("flatNegatives");
        for (const char* name : {"inbatch_and_extra_negatives", "inbatch_only", "own_negatives_only",
                                 "inbatch_and_extra_negatives_float32"}) {
            QTest::newRow(name) << QString::fromLatin1(name) << false;
            QTest::newRow((std::string(name) + "_flat").c_str()) << QString::fromLatin1(name) << true;
        }
    }

    void parity()
    {
        QFETCH(QString, name);
        QFETCH(bool, flatNegatives);
        const auto& c = test::caseNamed(m_golden.at("contrastive_cases"), name.toStdString());
        const auto dtype = test::dtypeNamed(c.at("dtype"));
        const auto& in = c.at("inputs");
        const auto& expected = c.at("expected");
        auto q = test::tensorFromJson(in.at("queries"), dtype).requires_grad_(true);
        auto p = test::tensorFromJson(in.at("positives"), dtype).requires_grad_(true);
        torch::Tensor n;
        if (in.contains("negatives"))
            n = test::tensorFromJson(in.at("negatives"), dtype).requires_grad_(true);
        torch::Tensor handed = n.defined() && flatNegatives ? n.reshape({-1, n.size(2)}) : n;

        const ContrastiveLossOptions options{c.at("options").at("tau").get<double>(),
                                             c.at("options").at("use_inbatch_neg").get<bool>()};
        const auto out = ContrastiveLoss(options).forward(q, p, handed);
        out.loss.backward();

        QVERIFY(std::abs(out.loss.item<double>() - expected.at("loss").get<double>()) < 1e-6);
        const auto& metrics = expected.at("metrics");
        QCOMPARE(out.metrics.size(), metrics.size());
        for (auto it = metrics.begin(); it != metrics.end(); ++it)
            QVERIFY2(std::abs(out.metrics.at(it.key()) - it.value().get<double>()) < 1e-6, it.key().c_str());
        QVERIFY(test::maxAbsDifference(q.grad(), test::tensorFromJson(expected.at("grad_queries"), dtype)) < 1e-6);
        QVERIFY(test::maxAbsDifference(p.grad(), test::tensorFromJson(expected.at("grad_positives"), dtype)) < 1e-6);
        if (n.defined())
            QVERIFY(test::maxAbsDifference(n.grad(), test::tensorFromJson(expected.at("grad_negatives"), dtype)) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestContrastiveLoss)
#include "tst_contrastive_loss.moc"
