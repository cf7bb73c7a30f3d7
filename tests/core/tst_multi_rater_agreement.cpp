// Team agreement: Krippendorff's alpha and Fleiss' kappa against published examples and the `krippendorff`
// package's values (tests/reference/agreement_reference.py).
#include "core/evaluation/agreement_evaluator.h"
#include "core/evaluation/multi_rater_agreement.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace rankpo;

class TestMultiRaterAgreement : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the nominal example: 4 observers, 12
    // units with missing values (unit 12 has one value and drops out), alpha = 0.743.
    void krippendorffsPublishedExample()
    {
        const std::vector<std::vector<int>> units{{1, 1, 1},       {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3},
                                                  {2, 2, 2, 2},    {1, 2, 3, 4}, {4, 4, 4, 4}, {1, 1, 2, 1},
                                                  {2, 2, 2, 2},    {5, 5, 5},    {1, 1},       {3}};
        const MultiRaterAgreement a = multiRaterAgreement(units, 6);
        QCOMPARE(a.units, std::int64_t(11));
        QCOMPARE(a.ratings, std::int64_t(40));
        QVERIFY2(std::abs(a.krippendorffAlpha - 0.743421052631579) < 1e-12, std::to_string(a.krippendorffAlpha).c_str());
    }

    // Fleiss (1971) as Wikipedia works it: 10 subjects, 14 raters, 5 categories, kappa = 0.210.
    void fleissPublishedExample()
    {
        const int table[10][5] = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                                  {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        std::vector<std::vector<int>> units;
        for (const auto& row : table) {
            units.emplace_back();
            for (int c = 0; c < 5; ++c)
                units.back().insert(units.back().end(), std::size_t(row[c]), c);
        }
        const MultiRaterAgreement a = multiRaterAgreement(units, 5);
        QVERIFY2(std::abs(a.fleissKappa - 0.20993070442195522) < 1e-12, std::to_string(a.fleissKappa).c_str());
        QVERIFY(std::abs(a.observedAgreement - 0.378) < 1e-3);
        QVERIFY(std::abs(a.expectedAgreement - 0.213) < 1e-3);
    }

    void matchesTheReferencePackage()
    {
        std::ifstream in(RANKPO_SOURCE_DIR "/tests/reference/golden_agreement.json");
        QVERIFY(in.good());
        const auto golden = nlohmann::json::parse(in);
        QVERIFY(golden["cases"].size() >= 5);
        for (const auto& c : golden["cases"]) {
            const auto units = c["units"].get<std::vector<std::vector<int>>>();
            const MultiRaterAgreement a = multiRaterAgreement(units, 3);
            QVERIFY2(std::abs(a.krippendorffAlpha - c["alpha"].get<double>()) < 1e-9,
                     (std::to_string(a.krippendorffAlpha) + " vs " + c["alpha"].dump()).c_str());
            QVERIFY2(std::abs(a.fleissKappa - c["kappa"].get<double>()) < 1e-9,
                     (std::to_string(a.fleissKappa) + " vs " + c["kappa"].dump()).c_str());
        }
    }

    void edgeCases()
    {
        // Nothing pairable: undefined, not 0 or 1.
        const MultiRaterAgreement none = multiRaterAgreement({{0}, {}, {2}}, 3);
        QCOMPARE(none.units, std::int64_t(0));
        QVERIFY(std::isnan(none.krippendorffAlpha) && std::isnan(none.fleissKappa));
        // Everyone always says the same thing: no variation, so agreement beyond chance is undefined.
        const MultiRaterAgreement same = multiRaterAgreement({{1, 1}, {1, 1, 1}}, 3);
        QVERIFY(std::isnan(same.krippendorffAlpha) && std::isnan(same.fleissKappa));
        // Perfect agreement with variation: 1.
        const MultiRaterAgreement perfect = multiRaterAgreement({{0, 0}, {2, 2, 2}, {1, 1}}, 3);
        QCOMPARE(perfect.krippendorffAlpha, 1.0);
        QCOMPARE(perfect.fleissKappa, 1.0);
        QVERIFY_THROWS_EXCEPTION(Error, multiRaterAgreement({{0, 3}}, 3));
    }

    // The audit's team figures: each rater's latest judgement of a pair, people alone and with the AI.
    void theEvaluatorCountsEachRaterOncePerPair()
    {
        auto judgement = [](std::int64_t job, std::int64_t first, std::int64_t second, PreferenceSource source,
                            std::string annotator, std::int64_t chosen) {
            Preference p;
            p.jobId = job;
            p.shownFirst = first;
            p.shownSecond = second;
            p.choice = chosen == first ? Choice::First : Choice::Second;
            p.source = source;
            p.annotator = std::move(annotator);
            return p;
        };
        const auto H = PreferenceSource::Human;
        const auto AI = PreferenceSource::Ai;
        std::vector<Preference> prefs{
            judgement(1, 10, 11, H, "ann", 10), judgement(1, 10, 11, H, "bob", 10), judgement(1, 10, 11, AI, "gpt", 11),
            judgement(1, 11, 10, AI, "gpt", 11), // both orders: one vote
            judgement(2, 20, 21, H, "ann", 21), judgement(2, 20, 21, H, "bob", 20),
            judgement(2, 20, 21, H, "bob", 21), // bob changed his mind: the latest counts
            judgement(3, 30, 31, H, "ann", 30)}; // one person only: not pairable
        const AgreementReport r = AgreementEvaluator().evaluate(prefs);
        QCOMPARE(r.people.units, std::int64_t(2));
        QCOMPARE(r.people.ratings, std::int64_t(4));
        QCOMPARE(r.everyone.units, std::int64_t(2));
        QCOMPARE(r.everyone.ratings, std::int64_t(5)); // pair 1: ann, bob and gpt once; pair 3 stays unpaired
        // People agree on both pairs they share.
        QCOMPARE(r.people.observedAgreement, 1.0);
        QVERIFY(r.everyone.observedAgreement < 1.0);
    }
};

QTEST_GUILESS_MAIN(TestMultiRaterAgreement)
#include "tst_multi_rater_agreement.moc"
