// Human-AI agreement and Cohen's kappa between every two raters, on a fixture computed by hand.
#include "core/evaluation/agreement_evaluator.h"
#include "preference_fixtures.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;
using test::ai;
using test::human;

class TestAgreementEvaluator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreementAndKappa()
    {
        // Outcomes in the pair's frame (L: lower id wins, H: higher id wins, T: tie):
        //   (10,11): ann L; gpt H, H (asked in both orders)
        //   (10,12): ann L, bob L; gpt L
        //   (11,12): bob T; gpt H
        //   job 2 (10,13): gpt only
        const std::vector<Preference> prefs{
            human("ann", 1, 10, 11, 'A'), ai("gpt", 1, 11, 10, 'A'), ai("gpt", 1, 10, 11, 'B'),
            human("ann", 1, 12, 10, 'B'), human("bob", 1, 10, 12, 'A'), ai("gpt", 1, 10, 12, 'A'),
            human("bob", 1, 11, 12, 'T'), ai("gpt", 1, 12, 11, 'A'),   ai("gpt", 2, 10, 13, 'A'),
        };
        const auto report = AgreementEvaluator().evaluate(prefs);

        // human x AI: (L,H) (L,H) (L,L) (L,L) (T,H): p_o = 2/5, p_e = (4*2 + 1*0 + 0*3) / 25
        const auto& h = report.humanVsAi;
        QCOMPARE(h.raterA, std::string("human"));
        QCOMPARE(h.sharedPairs, std::int64_t(3));
        QCOMPARE(h.comparisons, std::int64_t(5));
        QCOMPARE(h.agreement, 0.4);
        QCOMPARE(h.expectedAgreement, 8.0 / 25.0);
        QVERIFY(std::abs(h.kappa - (0.4 - 0.32) / 0.68) < 1e-15);

        QCOMPARE(report.betweenRaters.size(), std::size_t(3));
        const auto& gptAnn = report.betweenRaters[0];
        QCOMPARE(gptAnn.raterA + " " + gptAnn.raterB, std::string("ai:gpt human:ann"));
        QCOMPARE(gptAnn.sharedPairs, std::int64_t(2));
        QCOMPARE(gptAnn.comparisons, std::int64_t(3)); // (H,L) (H,L) (L,L)
        QVERIFY(std::abs(gptAnn.kappa) < 1e-15);       // p_o = p_e = 1/3
        const auto& gptBob = report.betweenRaters[1];
        QCOMPARE(gptBob.raterB, std::string("human:bob"));
        QCOMPARE(gptBob.comparisons, std::int64_t(2)); // (L,L) (H,T): p_o 1/2, p_e 1/4
        QVERIFY(std::abs(gptBob.kappa - 1.0 / 3.0) < 1e-15);
        const auto& annBob = report.betweenRaters[2];
        QCOMPARE(annBob.raterA + " " + annBob.raterB, std::string("human:ann human:bob"));
        QCOMPARE(annBob.comparisons, std::int64_t(1));
        QCOMPARE(annBob.agreement, 1.0);
        QVERIFY(std::isnan(annBob.kappa)); // one outcome only: chance agreement 1
    }

    void noSharedPairs()
    {
        const auto report = AgreementEvaluator().evaluate({ai("gpt", 1, 1, 2, 'A'), human("ann", 1, 1, 3, 'A')});
        QCOMPARE(report.humanVsAi.comparisons, std::int64_t(0));
        QVERIFY(std::isnan(report.humanVsAi.agreement));
        QVERIFY(report.betweenRaters.empty());
    }
};

QTEST_GUILESS_MAIN(TestAgreementEvaluator)
#include "tst_agreement_evaluator.moc"
