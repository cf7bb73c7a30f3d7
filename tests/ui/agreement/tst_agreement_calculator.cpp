// The agreement page's numbers on a fixture small enough to count by hand.
#include "ui/agreement/agreement_calculator.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

Preference judgement(PreferenceId id, PairId pair, JobId job, PreferenceSource source, const char* who, CandidateId shownFirst,
                     CandidateId shownSecond, Choice choice, std::optional<int> confidence = std::nullopt)
{
    Preference p;
    p.id = id;
    p.pairId = pair;
    p.jobId = job;
    p.source = source;
    p.annotator = who;
    p.shownFirst = shownFirst;
    p.shownSecond = shownSecond;
    p.choice = choice;
    p.confidence = confidence;
    return p;
}

constexpr auto Ai = PreferenceSource::Ai;
constexpr auto Human = PreferenceSource::Human;

// Pair 1 (10 vs 20): the judge prefers 10 in both orders; alice prefers 10.
// Pair 2 (10 vs 30): the judge prefers whichever it saw first (10, then 30); alice prefers 30.
// Pair 3 (40 vs 50): the judge prefers 50; alice calls a tie, bob prefers 50.
// Pair 4 (40 vs 60): only the judge, without a confidence.
std::vector<Preference> fixture()
{
    return {
        judgement(1, 1, 1, Ai, "judge", 10, 20, Choice::First, 90),
        judgement(2, 1, 1, Ai, "judge", 20, 10, Choice::Second, 80),
        judgement(3, 1, 1, Human, "alice", 20, 10, Choice::Second),
        judgement(4, 2, 1, Ai, "judge", 10, 30, Choice::First, 70),
        judgement(5, 2, 1, Ai, "judge", 30, 10, Choice::First, 60),
        judgement(6, 2, 1, Human, "alice", 10, 30, Choice::Second),
        judgement(7, 3, 2, Ai, "judge", 40, 50, Choice::Second, 95),
        judgement(8, 3, 2, Human, "alice", 50, 40, Choice::Tie),
        judgement(9, 3, 2, Human, "bob", 40, 50, Choice::Second),
        judgement(10, 4, 2, Ai, "judge", 60, 40, Choice::First),
    };
}

} // namespace

class TestAgreementCalculator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void humanAiAgreementAndKappa()
    {
        auto prefs = fixture();
        std::reverse(prefs.begin(), prefs.end()); // input order must not matter
        const AgreementSummary s = AgreementCalculator().compute(prefs);
        QCOMPARE(s.sharedPairs, std::int64_t(3));
        QCOMPARE(s.comparisons, std::int64_t(6));
        QCOMPARE(s.agreements, std::int64_t(4));
        QCOMPARE(s.agreement, 4.0 / 6.0);
        // Expected agreement: people [2, 3, 1] and AI [3, 3, 0] over (lo, hi, tie): 15/36.
        QVERIFY(std::abs(s.kappa - 3.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(s.expectedAgreement - 15.0 / 36.0) < 1e-12);
        // The team: only pair 3 has two people (alice's tie, bob's 50): alpha 0. With the judge, pairs 1-3, the
        // judge counted once per pair by its latest judgement, whatever order the input came in.
        QCOMPARE(s.people.units, std::int64_t(1));
        QCOMPARE(s.people.krippendorffAlpha, 0.0);
        QCOMPARE(s.everyone.units, std::int64_t(3));
        QCOMPARE(s.everyone.ratings, std::int64_t(7));
        const AgreementSummary forward = AgreementCalculator().compute(fixture());
        QCOMPARE(forward.everyone.krippendorffAlpha, s.everyone.krippendorffAlpha);
        QVERIFY(!std::isnan(s.everyone.krippendorffAlpha));
    }

    void perAnnotatorCountsAndFirstPosition()
    {
        const AgreementSummary s = AgreementCalculator().compute(fixture());
        QCOMPARE(s.annotators.size(), std::size_t(3));
        const auto& judge = s.annotators[0];
        QCOMPARE(judge.annotator, std::string("judge"));
        QCOMPARE(judge.judgements, std::int64_t(6));
        QCOMPARE(judge.ties, std::int64_t(0));
        QCOMPARE(judge.firstShownWins, std::int64_t(4));
        QCOMPARE(judge.firstShownRate, 4.0 / 6.0);
        // Exact binomial test of 4 first-shown wins in 6 against 1/2: P(X >= 4) + P(X <= 2) = 44/64.
        QVERIFY(std::abs(judge.pValue - 44.0 / 64.0) < 1e-12);
        const auto& alice = s.annotators[1];
        QCOMPARE(alice.annotator, std::string("alice"));
        QCOMPARE(alice.judgements, std::int64_t(3));
        QCOMPARE(alice.ties, std::int64_t(1));
        QCOMPARE(alice.firstShownRate, 0.0);
        QCOMPARE(s.annotators[2].annotator, std::string("bob"));
        QCOMPARE(s.annotators[2].judgements, std::int64_t(1));
    }

    void swapConsistency()
    {
        const AgreementSummary s = AgreementCalculator().compute(fixture());
        QCOMPARE(s.swapPairs, std::int64_t(2));
        QCOMPARE(s.swapComparisons, std::int64_t(2));
        QCOMPARE(s.swapConsistent, std::int64_t(1));
        QCOMPARE(s.swapRate, 0.5);
    }

    void calibrationBins()
    {
        const AgreementSummary s = AgreementCalculator().compute(fixture());
        QCOMPARE(s.calibration.size(), std::size_t(10));
        QCOMPARE(s.calibration[6].comparisons, std::int64_t(1));
        QCOMPARE(s.calibration[6].agreementRate, 1.0);
        QCOMPARE(s.calibration[7].comparisons, std::int64_t(1));
        QCOMPARE(s.calibration[7].agreementRate, 0.0);
        QCOMPARE(s.calibration[8].agreementRate, 1.0);
        QCOMPARE(s.calibration[9].comparisons, std::int64_t(3));
        QCOMPARE(s.calibration[9].agreements, std::int64_t(2));
        QVERIFY(std::abs(s.calibration[9].meanConfidence - 280.0 / 3.0) < 1e-12);
        QCOMPARE(s.calibration[9].to, 101);
        QVERIFY(std::isnan(s.calibration[0].agreementRate));
    }

    void disagreementsMostConfidentFirst()
    {
        const AgreementSummary s = AgreementCalculator().compute(fixture());
        QCOMPARE(s.disagreementCount, std::int64_t(2));
        QCOMPARE(s.disagreements.size(), std::size_t(2));
        QCOMPARE(s.disagreements[0].pair, PairId(3));
        QCOMPARE(s.disagreements[0].human, std::string("alice"));
        QVERIFY(!s.disagreements[0].humanWinner); // a tie
        QCOMPARE(*s.disagreements[0].aiWinner, CandidateId(50));
        QCOMPARE(*s.disagreements[0].aiConfidence, 95);
        QCOMPARE(s.disagreements[1].pair, PairId(2));
        QCOMPARE(*s.disagreements[1].humanWinner, CandidateId(30));
        QCOMPARE(*s.disagreements[1].aiWinner, CandidateId(10));
    }

    void latestHumanJudgementCounts()
    {
        auto prefs = fixture();
        // alice changes her mind on pair 2 (now 10, as the judge's first look): that comparison pair flips.
        prefs.push_back(judgement(11, 2, 1, Human, "alice", 30, 10, Choice::Second));
        const AgreementSummary s = AgreementCalculator().compute(prefs);
        QCOMPARE(s.comparisons, std::int64_t(6));
        QCOMPARE(s.agreements, std::int64_t(4));
        QCOMPARE(s.disagreements[1].pair, PairId(2));
        QCOMPARE(*s.disagreements[1].humanWinner, CandidateId(10));
    }

    void emptyInput()
    {
        const AgreementSummary s = AgreementCalculator().compute({});
        QCOMPARE(s.comparisons, std::int64_t(0));
        QVERIFY(std::isnan(s.agreement));
        QVERIFY(std::isnan(s.kappa));
        QVERIFY(s.disagreements.empty());
    }
};

QTEST_GUILESS_MAIN(TestAgreementCalculator)
#include "tst_agreement_calculator.moc"
