// From votes to per-job rankings: Bradley-Terry scores with the weak prior, per connected group,
// bootstrap intervals and intransitive triads against the NumPy/SciPy reference
// (tests/reference/bradley_terry_reference.py, golden/bradley_terry.json) to 1e-6; Kendall's tau-b
// against scipy.stats.kendalltau.
#include "core/evaluation/bradley_terry.h"
#include "core/evaluation/kendall_tau.h"
#include "core/util/error.h"

#include "tests/support/reference_data.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;

namespace {

const nlohmann::json& golden()
{
    static const nlohmann::json g = test::readJsonFile(std::string(RANKPO_SOURCE_DIR) + "/tests/reference/golden/bradley_terry.json");
    return g;
}

std::vector<PairwiseComparison> comparisonsOf(const nlohmann::json& fixture)
{
    std::vector<PairwiseComparison> out;
    for (const auto& c : fixture["comparisons"])
        out.push_back({c[0].get<CandidateId>(), c[1].get<CandidateId>(), c[2].get<bool>()});
    return out;
}

const BradleyTerryScore& scoreOf(const BradleyTerryResult& r, CandidateId id)
{
    for (const auto& s : r.scores)
        if (s.candidate == id)
            return s;
    throw std::runtime_error("no score for " + std::to_string(id));
}

Preference preference(JobId job, CandidateId first, CandidateId second, Choice choice)
{
    Preference p;
    p.jobId = job;
    p.shownFirst = first;
    p.shownSecond = second;
    p.choice = choice;
    return p;
}

} // namespace

class TestBradleyTerry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesReference_data()
    {
        QTest::addColumn<int>("index");
        const auto& fixtures = golden()["bradley_terry"];
        for (std::size_t i = 0; i < fixtures.size(); ++i)
            QTest::newRow(fixtures[i]["name"].get<std::string>().c_str()) << int(i);
    }
    void matchesReference()
    {
        QFETCH(int, index);
        const auto& g = golden();
        const auto& fixture = g["bradley_terry"][static_cast<std::size_t>(index)];
        BradleyTerryOptions options;
        options.priorWins = g["prior_wins"].get<double>();
        options.resamples = g["resamples"].get<int>();
        options.seed = g["seed"].get<std::uint64_t>();
        options.level = g["level"].get<double>();
        const auto result = fitBradleyTerry(comparisonsOf(fixture), options, fixture["candidates"].get<std::vector<CandidateId>>());
        const auto& expected = fixture["expected"];

        QCOMPARE(result.groups, expected["groups"].get<std::vector<std::vector<CandidateId>>>());
        QCOMPARE(result.split(), expected["groups"].size() > 1);
        QCOMPARE(result.scores.size(), expected["scores"].size());
        for (const auto& [id, values] : expected["scores"].items()) {
            const BradleyTerryScore& s = scoreOf(result, std::stoll(id));
            const double tolerance = 1e-6;
            QVERIFY2(std::abs(s.score - values[0].get<double>()) < tolerance, qPrintable(QString::fromStdString(id)));
            QVERIFY2(std::abs(s.lower - values[1].get<double>()) < tolerance, qPrintable(QString::fromStdString(id)));
            QVERIFY2(std::abs(s.upper - values[2].get<double>()) < tolerance, qPrintable(QString::fromStdString(id)));
        }
        std::vector<std::vector<CandidateId>> triads;
        for (const auto& t : result.triads)
            triads.push_back({t.a, t.b, t.c});
        QCOMPARE(triads, expected["triads"].get<std::vector<std::vector<CandidateId>>>());
        QCOMPARE(result.comparisons, std::int64_t(fixture["comparisons"].size()));
    }

    void closedFormTwoCandidates()
    {
        // 3 wins of 7 over 9 and no loss: with the prior 3.5 : 0.5 wins, so score(7) - score(9) = log 7.
        BradleyTerryOptions options;
        options.resamples = 0;
        const auto r = fitBradleyTerry({{7, 9, false}, {7, 9, false}, {7, 9, false}}, options);
        QCOMPARE(r.scores.size(), std::size_t(2));
        QCOMPARE(r.scores[0].candidate, CandidateId(7));
        QVERIFY(std::abs(r.scores[0].score - std::log(7.0) / 2) < 1e-12);
        QVERIFY(std::abs(r.scores[1].score + std::log(7.0) / 2) < 1e-12);
        QCOMPARE(r.scores[0].wins, 3.0);
        QCOMPARE(r.scores[0].losses, 0.0);
        QCOMPARE(r.scores[1].comparisons, std::int64_t(3));
        // Without resamples the interval is the point.
        QCOMPARE(r.scores[0].lower, r.scores[0].score);
        QCOMPARE(r.scores[0].upper, r.scores[0].score);
        // A tie is half a win each way: one tie and one win is 1.5 + 0.5 : 0.5 + 0.5, a ratio of 2.
        const auto t = fitBradleyTerry({{7, 9, true}, {7, 9, false}}, options);
        QVERIFY(std::abs((scoreOf(t, 7).score - scoreOf(t, 9).score) - std::log(2.0)) < 1e-12);
        QCOMPARE(scoreOf(t, 9).wins, 0.5);
        QCOMPARE(scoreOf(t, 9).losses, 1.5);
        // The shown order plays no part: the tie written the other way round is the same.
        const auto t2 = fitBradleyTerry({{9, 7, true}, {7, 9, false}}, options);
        QVERIFY(std::abs(scoreOf(t2, 7).score - scoreOf(t, 7).score) < 1e-12);
    }

    void splitJobsArePerGroup()
    {
        BradleyTerryOptions options;
        options.resamples = 50;
        const auto r = fitBradleyTerry({{1, 2, false}, {3, 4, false}, {4, 3, false}, {3, 4, false}}, options, {8});
        QVERIFY(r.split());
        QCOMPARE(r.groups.size(), std::size_t(3));
        QCOMPARE(scoreOf(r, 1).group, 0);
        QCOMPARE(scoreOf(r, 3).group, 1);
        QCOMPARE(scoreOf(r, 8).group, 2);
        // Each group is centred on its own; a candidate without comparisons scores 0 with no interval.
        QVERIFY(std::abs(scoreOf(r, 1).score + scoreOf(r, 2).score) < 1e-12);
        QVERIFY(std::abs(scoreOf(r, 3).score + scoreOf(r, 4).score) < 1e-12);
        QCOMPARE(scoreOf(r, 8).score, 0.0);
        QCOMPARE(scoreOf(r, 8).lower, 0.0);
        QCOMPARE(scoreOf(r, 8).upper, 0.0);
        QCOMPARE(scoreOf(r, 8).comparisons, std::int64_t(0));
        // Scores come by group, then best first.
        QCOMPARE(r.scores[0].candidate, CandidateId(1));
        QCOMPARE(r.scores[2].candidate, CandidateId(3));
    }

    void bootstrapIsDeterministic()
    {
        const auto comparisons = comparisonsOf(golden()["bradley_terry"][4]);
        const auto a = fitBradleyTerry(comparisons);
        const auto b = fitBradleyTerry(comparisons);
        for (std::size_t i = 0; i < a.scores.size(); ++i) {
            QCOMPARE(a.scores[i].lower, b.scores[i].lower);
            QCOMPARE(a.scores[i].upper, b.scores[i].upper);
        }
        BradleyTerryOptions other;
        other.seed = 7;
        const auto c = fitBradleyTerry(comparisons, other);
        bool differs = false;
        for (std::size_t i = 0; i < a.scores.size(); ++i)
            differs = differs || a.scores[i].lower != c.scores[i].lower;
        QVERIFY(differs);
    }

    void byJobFromPreferences()
    {
        // Job 1: 5 beats 6 shown either way; job 2: a tie and a win for 11.
        const std::vector<Preference> prefs = {
            preference(1, 5, 6, Choice::First), preference(1, 6, 5, Choice::Second),
            preference(2, 10, 11, Choice::Tie), preference(2, 10, 11, Choice::Second)};
        BradleyTerryOptions options;
        options.resamples = 0;
        const auto byJob = fitBradleyTerryByJob(prefs, options);
        QCOMPARE(byJob.size(), std::size_t(2));
        const auto& j1 = byJob.at(1);
        QVERIFY(std::abs((scoreOf(j1, 5).score - scoreOf(j1, 6).score) - std::log(5.0)) < 1e-12); // 2.5 : 0.5
        const auto& j2 = byJob.at(2);
        QVERIFY(std::abs((scoreOf(j2, 11).score - scoreOf(j2, 10).score) - std::log(2.0)) < 1e-12); // 2 : 1
        QVERIFY_THROWS_EXCEPTION(Error, fitBradleyTerryByJob({preference(3, 4, 4, Choice::First)}));
    }

    void badInput()
    {
        QVERIFY_THROWS_EXCEPTION(Error, fitBradleyTerry({{3, 3, false}}));
        BradleyTerryOptions noPrior;
        noPrior.priorWins = 0;
        QVERIFY_THROWS_EXCEPTION(Error, fitBradleyTerry({{1, 2, false}}, noPrior));
        const auto empty = fitBradleyTerry({});
        QVERIFY(empty.scores.empty());
        QVERIFY(!empty.split());
    }

    void kendallTauMatchesScipy()
    {
        int cases = 0;
        for (const auto& c : golden()["kendall_tau_b"]) {
            const double tau = kendallTauB(c["x"].get<std::vector<double>>(), c["y"].get<std::vector<double>>());
            if (c["tau_b"].is_null()) {
                QVERIFY(std::isnan(tau));
            } else {
                QVERIFY2(std::abs(tau - c["tau_b"].get<double>()) < 1e-12, qPrintable(QString::number(tau)));
            }
            ++cases;
        }
        QCOMPARE(cases, 15);
        QCOMPARE(kendallTauB({1, 2, 3}, {10, 20, 30}), 1.0);
        QCOMPARE(kendallTauB({1, 2, 3}, {3, 2, 1}), -1.0);
        QVERIFY(std::isnan(kendallTauB({1}, {1})));
        QVERIFY_THROWS_EXCEPTION(Error, kendallTauB({1, 2}, {1}));
        QVERIFY_THROWS_EXCEPTION(Error, kendallTauB({1, std::nan("")}, {1, 2}));
    }
};

QTEST_GUILESS_MAIN(TestBradleyTerry)
#include "tst_bradley_terry.moc"
