#include "core/losses/metric_names.h"
#include "tests/support/error_of.h"
#include "core/losses/rankpo_loss.h"
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

RankPOLossOptions optionsFromGolden(const nlohmann::json& j)
{
    RankPOLossOptions o;
    o.tau = j.at("tau");
    o.beta = j.at("beta");
    o.gamma = j.at("gamma");
    o.labelSmoothing = j.at("label_smoothing");
    o.lossType = *preferenceLossTypeFromString(j.at("loss_type").get<std::string>());
    o.referenceFree = j.at("reference_free");
    o.rankpoWeight = j.at("rankpo_weight");
    o.sftWeight = j.at("sft_weight");
    o.weightByConfidence = j.at("weight_by_confidence");
    return o;
}

} // namespace

class TestRankPOLoss : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_golden;

private Q_SLOTS:
    void initTestCase()
    {
        try {
            const auto data = test::loadReference("losses_reference.py", "losses_golden.json");
            m_golden = data.golden;
            if (!data.regenerated)
                qInfo("/usr/bin/python3 has no torch: using the committed golden values only");
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    // One pair, paper defaults: logits = (0.5 - 0.3) / 0.1 = 2, beta * logits = 4.
    void sigmoidSinglePairExact()
    {
        const RankPOLoss loss;
        auto c = vec({0.5}, true), r = vec({0.3}, true);
        const auto out = loss.forward({c, r});
        out.loss.backward();
        QVERIFY(std::abs(out.loss.item<double>() - 0.018149927917809738) < 1e-15);
        QVERIFY(std::abs(c.grad().item<double>() - -0.3597241992418312) < 1e-14);
        QVERIFY(std::abs(r.grad().item<double>() - 0.3597241992418312) < 1e-14);
        QCOMPARE(out.metrics.at(metric::RewardsAccuracies), 1.0);
        QVERIFY(std::abs(out.metrics.at(metric::RewardsMargins) - 0.4) < 1e-15);
        QVERIFY(std::abs(out.metrics.at(metric::ScoresMargins) - 0.2) < 1e-15);
    }

    void sigmoidLabelSmoothingExact()
    {
        RankPOLossOptions o;
        o.labelSmoothing = 0.1;
        const auto out = RankPOLoss(o).forward({vec({0.5}), vec({0.3})});
        QVERIFY(std::abs(out.loss.item<double>() - 0.4181499279178097) < 1e-15);
    }

    void sigmoidMeanOverPairsExact()
    {
        const auto out = RankPOLoss().forward({vec({0.5, 0.3}), vec({0.3, 0.5})});
        QVERIFY(std::abs(out.loss.item<double>() - 2.0181499279178094) < 1e-14);
        QCOMPARE(out.metrics.at(metric::RewardsAccuracies), 0.5);
    }

    void hingeExact()
    {
        RankPOLossOptions o;
        o.lossType = PreferenceLossType::Hinge;
        auto c = vec({0.5, 0.3}, true), r = vec({0.3, 0.5}, true);
        const auto out = RankPOLoss(o).forward({c, r});
        out.loss.backward();
        // pair 1: relu(1 - 4) = 0; pair 2: relu(1 + 4) = 5; mean 2.5; slope beta / tau / B = 10.
        QCOMPARE(out.loss.item<double>(), 2.5);
        QCOMPARE(c.grad()[0].item<double>(), 0.0);
        QVERIFY(std::abs(c.grad()[1].item<double>() - -10.0) < 1e-12);
    }

    void gammaShiftsLogitsBeforeBeta()
    {
        RankPOLossOptions o;
        o.gamma = 0.5; // logits 2 - 0.5 = 1.5, beta * logits = 3
        const auto out = RankPOLoss(o).forward({vec({0.5}), vec({0.3})});
        QVERIFY(std::abs(out.loss.item<double>() - 0.04858735157374206) < 1e-15);
    }

    void referenceOffsetsAdvantagesAndRewards()
    {
        RankPOLossOptions o;
        o.referenceFree = false;
        const PreferenceScores ref{vec({0.45}), vec({0.2})};
        // advantage 0.2 - 0.25 = -0.05, logits -0.5, beta * logits = -1.
        const auto out = RankPOLoss(o).forward({vec({0.5}), vec({0.3})}, ref);
        QVERIFY(std::abs(out.loss.item<double>() - 1.3132616875182228) < 1e-14);
        QVERIFY(std::abs(out.metrics.at(metric::RewardsChosen) - 0.1) < 1e-15);   // 2 * (0.5 - 0.45)
        QVERIFY(std::abs(out.metrics.at(metric::RewardsRejected) - 0.2) < 1e-15); // 2 * (0.3 - 0.2)
        QCOMPARE(out.metrics.at(metric::RewardsAccuracies), 0.0);
    }

    void confidenceWeightsAreAWeightedMean()
    {
        RankPOLossOptions o;
        o.lossType = PreferenceLossType::Hinge;
        o.weightByConfidence = true;
        // per-pair losses 0 and 5; weights 3 and 1 -> (0 * 3 + 5 * 1) / 4
        const auto out = RankPOLoss(o).forward({vec({0.5, 0.3}), vec({0.3, 0.5})}, std::nullopt, vec({3.0, 1.0}));
        QCOMPARE(out.loss.item<double>(), 1.25);
    }

    void sftTermAddsWithItsWeight()
    {
        RankPOLossOptions o;
        o.lossType = PreferenceLossType::Hinge;
        o.sftWeight = 2.0;
        const auto out = RankPOLoss(o).forward({vec({0.5}), vec({0.3})});
        // hinge 0 + 2 * softplus(-2)
        QVERIFY(std::abs(out.loss.item<double>() - 2 * 0.1269280110429725) < 1e-14);
        QVERIFY(std::abs(out.metrics.at(metric::SftLoss) - 0.1269280110429725) < 1e-15);
        QCOMPARE(out.metrics.at(metric::RankPOLoss), 0.0);
    }

    void metricNamesAreUpstreams()
    {
        RankPOLossOptions o;
        o.sftWeight = 0.5;
        const auto out = RankPOLoss(o).forward({vec({0.5, 0.1}), vec({0.3, 0.2})});
        QStringList names;
        for (const auto& [name, value] : out.metrics)
            names << QString::fromStdString(name);
        QCOMPARE(names, QStringList({"rankpo_loss", "rewards/accuracies", "rewards/chosen", "rewards/margins",
                                     "rewards/rejected", "scores/chosen", "scores/margins", "scores/rejected",
                                     "sft_loss"}));
        o.rankpoWeight = 0.0;
        QVERIFY(!RankPOLoss(o).forward({vec({0.5}), vec({0.3})}).metrics.count(metric::RankPOLoss));
    }

    void referenceIsNotDifferentiated()
    {
        RankPOLossOptions o;
        o.referenceFree = false;
        auto refC = vec({0.45}, true), refR = vec({0.2}, true);
        auto c = vec({0.5}, true);
        RankPOLoss(o).forward({c, vec({0.3})}, PreferenceScores{refC, refR}).loss.backward();
        QVERIFY(c.grad().defined());
        QVERIFY(!refC.grad().defined());
    }

    void rejectsBadInput()
    {
        RankPOLossOptions withRef;
        withRef.referenceFree = false;
        QVERIFY(errorOf([&] { RankPOLoss(withRef).forward({vec({0.5}), vec({0.3})}); }).contains("reference scores"));
        QVERIFY(errorOf([] { RankPOLoss().forward({vec({0.5, 0.1}), vec({0.3})}); }).contains("'rejected_scores'"));
        QVERIFY(errorOf([] { RankPOLoss().forward({torch::ones({2, 2}), torch::ones({2, 2})}); })
                    .contains("'chosen_scores' must have 1 dimension(s), got shape [2, 2]"));
        QVERIFY(errorOf([] { RankPOLoss().forward({torch::ones({2}, torch::kLong), torch::ones({2})}); })
                    .contains("floating point"));
        QVERIFY(errorOf([] { RankPOLoss().forward({vec({}), vec({})}); }).contains("empty"));
        QVERIFY(errorOf([] { RankPOLoss().forward({vec({0.5}), torch::zeros({1}, torch::dtype(torch::kFloat64).device(torch::kMeta))}); })
                    .contains("'rejected_scores' is on meta but 'chosen_scores' is on cpu"));
        QVERIFY(errorOf([&] {
                    RankPOLoss(withRef).forward({vec({0.5}), vec({0.3})}, PreferenceScores{vec({0.1, 0.2}), vec({0.1})});
                }).contains("'ref_chosen_scores'"));
        RankPOLossOptions weighted;
        weighted.weightByConfidence = true;
        QVERIFY(errorOf([&] { RankPOLoss(weighted).forward({vec({0.5}), vec({0.3})}); }).contains("no pair weights"));
        QVERIFY(errorOf([&] { RankPOLoss(weighted).forward({vec({0.5}), vec({0.3})}, std::nullopt, vec({-1.0})); })
                    .contains("negative"));
        QVERIFY(errorOf([&] { RankPOLoss(weighted).forward({vec({0.5}), vec({0.3})}, std::nullopt, vec({0.0})); })
                    .contains("sums to 0"));
        QVERIFY(errorOf([&] { RankPOLoss(weighted).forward({vec({0.5}), vec({0.3})}, std::nullopt, vec({NAN})); })
                    .contains("NaN"));
    }

    void rejectsBadOptions()
    {
        auto bad = [](auto edit) {
            RankPOLossOptions o;
            edit(o);
            return errorOf([&] { RankPOLoss{o}; });
        };
        QVERIFY(bad([](auto& o) { o.tau = 0; }).contains("tau must be a positive number, got 0"));
        QVERIFY(bad([](auto& o) { o.beta = -1; }).contains("beta"));
        QVERIFY(bad([](auto& o) { o.labelSmoothing = 0.5; }).contains("labelSmoothing must be in [0, 0.5)"));
        QVERIFY(bad([](auto& o) {
                    o.lossType = PreferenceLossType::Hinge;
                    o.labelSmoothing = 0.1;
                }).contains("hinge"));
        QVERIFY(bad([](auto& o) { o.sftWeight = -0.1; }).contains("sftWeight"));
        QVERIFY(bad([](auto& o) { o.rankpoWeight = 0; }).contains("nothing to train"));
        QVERIFY(bad([](auto& o) { o.gamma = NAN; }).contains("gamma"));
        QVERIFY(bad([](auto&) {}).isEmpty());
    }

    void parity_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name :
             {"sigmoid_paper_defaults", "sigmoid_label_smoothing", "hinge", "sigmoid_with_reference",
              "hinge_with_reference_gamma", "sigmoid_gamma", "sigmoid_with_sft_term", "sft_term_only",
              "confidence_weights", "confidence_weights_reference_smoothing_sft", "reference_free_but_rewards_offset",
              "sigmoid_float32"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    // Our loss against the python reference of upstream's formula: loss, every metric, gradients.
    void parity()
    {
        QFETCH(QString, name);
        const auto& c = test::caseNamed(m_golden.at("rankpo_cases"), name.toStdString());
        const auto dtype = test::dtypeNamed(c.at("dtype"));
        const auto& in = c.at("inputs");
        const auto& expected = c.at("expected");
        auto chosen = test::tensorFromJson(in.at("chosen"), dtype).requires_grad_(true);
        auto rejected = test::tensorFromJson(in.at("rejected"), dtype).requires_grad_(true);
        std::optional<PreferenceScores> reference;
        if (in.contains("ref_chosen"))
            reference = PreferenceScores{test::tensorFromJson(in.at("ref_chosen"), dtype),
                                         test::tensorFromJson(in.at("ref_rejected"), dtype)};
        torch::Tensor weights;
        if (in.contains("weights"))
            weights = test::tensorFromJson(in.at("weights"), dtype);

        const auto out = RankPOLoss(optionsFromGolden(c.at("options"))).forward({chosen, rejected}, reference, weights);
        out.loss.backward();

        QVERIFY(std::abs(out.loss.item<double>() - expected.at("loss").get<double>()) < 1e-6);
        const auto& metrics = expected.at("metrics");
        QCOMPARE(out.metrics.size(), metrics.size());
        for (auto it = metrics.begin(); it != metrics.end(); ++it) {
            QVERIFY2(out.metrics.count(it.key()), it.key().c_str());
            QVERIFY2(std::abs(out.metrics.at(it.key()) - it.value().get<double>()) < 1e-6, it.key().c_str());
        }
        QVERIFY(test::maxAbsDifference(chosen.grad(), test::tensorFromJson(expected.at("grad_chosen"), dtype)) < 1e-6);
        QVERIFY(test::maxAbsDifference(rejected.grad(), test::tensorFromJson(expected.at("grad_rejected"), dtype)) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestRankPOLoss)
#include "tst_rankpo_loss.moc"
