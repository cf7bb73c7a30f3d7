#include "core/training/hard_negative_miner.h"
#include "tests/support/error_of.h"
#include "core/util/error.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;
using rankpo::test::errorOf;

using Lists = std::vector<std::vector<CandidateIndex>>;

namespace {

HardNegativeMinerOptions options(int skipTop, int depth, int count, bool allowFewer = false)
{
    HardNegativeMinerOptions o;
    o.skipTop = skipTop;
    o.searchDepth = depth;
    o.negativesPerJob = count;
    o.allowFewer = allowFewer;
    return o;
}

} // namespace

class TestHardNegativeMiner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void topRankedNonPositives()
    {
        const HardNegativeMiner miner(options(0, 100, 3));
        const Lists ranked{{5, 2, 9, 1, 7, 3}, {4, 0, 8, 6}};
        const Lists positives{{2, 7}, {8}};
        QCOMPARE(miner.mine(ranked, positives), Lists({{5, 9, 1}, {4, 0, 6}}));
    }

    // Ranks are cut to [skipTop, searchDepth) before positives are dropped, as upstream slices first.
    void skipTopAndDepthSliceBeforeFiltering()
    {
        const HardNegativeMiner miner(options(2, 5, 2));
        // ranks 2..4 are 9, 1, 7; 7 is a positive -> 9, 1 (the positive 2 at rank 1 was skipped anyway)
        QCOMPARE(miner.mine(Lists{{5, 2, 9, 1, 7, 3}}, Lists{{2, 7}}), Lists({{9, 1}}));
        // depth 0: the whole ranking
        QCOMPARE(HardNegativeMiner(options(4, 0, 2)).mine(Lists{{5, 2, 9, 1, 7, 3}}, Lists{{}}), Lists({{7, 3}}));
    }

    void repeatsCountOnce()
    {
        QCOMPARE(HardNegativeMiner(options(0, 0, 3)).mine(Lists{{1, 1, 2, 1, 3}}, Lists{{}}), Lists({{1, 2, 3}}));
    }

    void tooFewIsAnErrorUnlessAllowed()
    {
        const Lists ranked{{5, 2, 9}, {4, 0, 8, 6}};
        const Lists positives{{2, 9}, {}};
        QCOMPARE(errorOf([&] { HardNegativeMiner(options(0, 100, 2)).mine(ranked, positives); }),
                 QString("hard-negative mining: job 0 has only 1 negatives in ranks [0, 3), 2 wanted: widen the search "
                         "range or allow fewer"));
        QCOMPARE(HardNegativeMiner(options(0, 100, 2, true)).mine(ranked, positives), Lists({{5}, {4, 0}}));
    }

    void fromScoreMatrix()
    {
        // job 0 ranks 3 (0.9), 1 (0.8), 0 and 4 tie (0.5: lower index first), 2 (0.1)
        const std::vector<float> scores{0.5f, 0.8f, 0.1f, 0.9f, 0.5f,
                                        0.2f, 0.1f, 0.7f, 0.3f, 0.6f};
        const ScoreMatrixView view{scores.data(), 2, 5};
        QCOMPARE(HardNegativeMiner::rankRow(scores.data(), 5, 0), std::vector<CandidateIndex>({3, 1, 0, 4, 2}));
        QCOMPARE(HardNegativeMiner::rankRow(scores.data(), 5, 2), std::vector<CandidateIndex>({3, 1}));
        QCOMPARE(HardNegativeMiner(options(0, 4, 2)).mine(view, Lists{{3}, {2}}), Lists({{1, 0}, {4, 3}}));
        QCOMPARE(HardNegativeMiner(options(1, 0, 2)).mine(view, Lists{{}, {}}), Lists({{1, 0}, {4, 3}}));
    }

    void rejectsBadInput()
    {
        const HardNegativeMiner miner(options(0, 10, 1));
        QVERIFY(errorOf([&] { miner.mine(Lists{{1}}, Lists{}); }).contains("1 ranked lists but 0 positive lists"));
        QVERIFY(errorOf([&] { miner.mine(Lists{{-1, 2}}, Lists{{}}); }).contains("job 0 has an invalid candidate index -1"));
        const std::vector<float> scores{0.5f, NAN};
        QVERIFY(errorOf([&] { miner.mine(ScoreMatrixView{scores.data(), 1, 2}, Lists{{}}); })
                    .contains("job 0, candidate 1 is NaN"));
        const std::vector<float> fine{0.5f, 0.4f};
        QVERIFY(errorOf([&] { miner.mine(ScoreMatrixView{fine.data(), 1, 2}, Lists{{2}}); })
                    .contains("positive 2 outside the 2 scored candidates"));
        QVERIFY(errorOf([&] { miner.mine(ScoreMatrixView{fine.data(), 1, 2}, Lists{{}, {}}); }).contains("1 rows"));
        QVERIFY(errorOf([] { HardNegativeMiner(options(5, 5, 1)); }).contains("searchDepth (5) must be greater than skipTop (5)"));
        QVERIFY(errorOf([] { HardNegativeMiner(options(0, 10, 0)); }).contains("negativesPerJob"));
        QVERIFY(errorOf([] { HardNegativeMiner(options(-1, 10, 1)); }).contains("skipTop"));
    }
};

QTEST_GUILESS_MAIN(TestHardNegativeMiner)
#include "tst_hard_negative_miner.moc"
