// The JSON forms of evaluation results: stable keys, undefined values as null.
#include "core/evaluation/evaluation_json.h"
#include "preference_fixtures.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;

class TestEvaluationJson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void metricValuesKeepOrderAndNullForNaN()
    {
        MetricValues v;
        v.set("nDCG@20", 0.25);
        v.set("AUC@20", std::nan(""));
        QCOMPARE(QString::fromStdString(toJson(v).dump()), QString(R"({"nDCG@20":0.25,"AUC@20":null})"));
    }

    void alignment()
    {
        AlignmentReport r;
        r.judgedTies = 2;
        AlignmentGroup g;
        g.group = "ai:gpt";
        g.pairs = 4;
        g.aligned = 3.5;
        g.scoreTies = 1;
        g.rate = 0.875;
        g.interval95 = {0.5, 0.99};
        r.groups.push_back(g);
        QCOMPARE(QString::fromStdString(toJson(r).dump()),
                 QString(R"({"judged_ties":2,"groups":[{"group":"ai:gpt","pairs":4,"aligned":3.5,"score_ties":1,"rate":0.875,"ci95":[0.5,0.99]}]})"));
    }

    void agreementAndAudit()
    {
        const std::vector<Preference> prefs{test::ai("gpt", 1, 1, 2, 'A', 80), test::human("ann", 1, 2, 1, 'B')};
        const auto agreement = toJson(AgreementEvaluator().evaluate(prefs));
        QCOMPARE(agreement["human_vs_ai"]["comparisons"].get<int>(), 1);
        QCOMPARE(agreement["human_vs_ai"]["agreement"].get<double>(), 1.0);
        QVERIFY(agreement["human_vs_ai"]["kappa"].is_null()); // one outcome only
        QCOMPARE(agreement["between_raters"][0]["rater_a"].get<std::string>(), std::string("ai:gpt"));

        const auto audit = toJson(JudgeAuditEvaluator().evaluate(prefs));
        QCOMPARE(audit["position_bias"][0]["judge"].get<std::string>(), std::string("ai"));
        QCOMPARE(audit["position_bias"][1]["first_shown_wins"].get<int>(), 1);
        QVERIFY(audit["swap_consistency"][1]["rate"].is_null());
        const auto& bucket = audit["calibration"][1]["buckets"][4];
        QCOMPARE(bucket["confidence"], nlohmann::ordered_json({80, 90}));
        QCOMPARE(bucket["correct"].get<int>(), 1);
        QVERIFY(audit["calibration"][1]["buckets"][0]["accuracy"].is_null());
        QVERIFY(std::abs(audit["calibration"][1]["expected_calibration_error"].get<double>() - 0.2) < 1e-15);
    }
};

QTEST_GUILESS_MAIN(TestEvaluationJson)
#include "tst_evaluation_json.moc"
