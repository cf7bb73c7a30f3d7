#include "core/training/hard_negative_miner.h"
#include "tests/support/error_of.h"
#include "core/util/error.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

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

    // Upstream's `sample`: negativesPerJob drawn from all the search range's non-positives, not its first ones.
    void sampleDrawsFromTheRangesNonPositives()
    {
        // Job 0 ranks 0..29; its positives 3, 7, 12 sit in the range; depth 20, skip 2: the range's non-positives
        // are ranks 2..19 without 3, 7, 12 (15 candidates).
        Lists ranked(3);
        for (CandidateIndex c = 0; c < 30; ++c)
            for (auto& list : ranked)
                list.push_back(c);
        const Lists positives{{3, 7, 12}, {}, {0, 1}};
        auto sampled = options(2, 20, 5);
        sampled.method = HardNegativeMethod::Sample;
        sampled.seed = 11;
        const auto a = HardNegativeMiner(sampled).mine(ranked, positives);
        QCOMPARE(a, HardNegativeMiner(sampled).mine(ranked, positives)); // the same seed, the same draw
        std::set<CandidateIndex> everDrawn;
        for (std::size_t job = 0; job < 3; ++job) {
            QCOMPARE(a[job].size(), std::size_t(5));
            QVERIFY(std::is_sorted(a[job].begin(), a[job].end())); // kept in rank order (here rank = index)
            QCOMPARE(std::set<CandidateIndex>(a[job].begin(), a[job].end()).size(), std::size_t(5));
            for (CandidateIndex c : a[job]) {
                QVERIFY2(c >= 2 && c < 20, qPrintable(QString::number(c)));
                QVERIFY(std::find(positives[job].begin(), positives[job].end(), c) == positives[job].end());
            }
        }
        // Draws over seeds cover the whole range, beyond the 5 that topk takes.
        for (std::uint64_t seed = 0; seed < 60; ++seed) {
            sampled.seed = seed;
            const auto drawn = HardNegativeMiner(sampled).mine(ranked, positives);
            everDrawn.insert(drawn[0].begin(), drawn[0].end());
        }
        QCOMPARE(everDrawn, std::set<CandidateIndex>({2, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19}));
        // It differs from topk, and from another seed's draw; jobs draw independently of each other.
        const auto topk = HardNegativeMiner(options(2, 20, 5)).mine(ranked, positives);
        QCOMPARE(topk[0], std::vector<CandidateIndex>({2, 4, 5, 6, 8}));
        QVERIFY(a != topk);
        sampled.seed = 12;
        QVERIFY(HardNegativeMiner(sampled).mine(ranked, positives) != a);
        QVERIFY(a[1] != std::vector<CandidateIndex>(a[0]));
        // A range with just enough non-positives gives all of them, as topk does; too few is the same error.
        sampled = options(0, 8, 5);
        sampled.method = HardNegativeMethod::Sample;
        QCOMPARE(HardNegativeMiner(sampled).mine(Lists{{0, 1, 2, 3, 4, 5, 6, 7}}, Lists{{1, 3, 5}}), Lists({{0, 2, 4, 6, 7}}));
        QVERIFY(errorOf([&] { HardNegativeMiner(sampled).mine(Lists{{0, 1, 2, 3}}, Lists{{1}}); }).contains("has only 3"));
        // From a score matrix: the draw comes from the ranked range.
        const std::vector<float> scores{0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};
        sampled = options(0, 4, 2);
        sampled.method = HardNegativeMethod::Sample;
        const auto fromScores = HardNegativeMiner(sampled).mine(ScoreMatrixView{scores.data(), 1, 6}, Lists{{1}});
        QCOMPARE(fromScores[0].size(), std::size_t(2));
        for (CandidateIndex c : fromScores[0])
            QVERIFY(c == 0 || c == 2 || c == 3);
    }

    void methodNamesRoundTrip()
    {
        for (auto m : {HardNegativeMethod::TopK, HardNegativeMethod::Sample})
            QVERIFY(*hardNegativeMethodFromString(toString(m)) == m);
        QCOMPARE(std::string(toString(HardNegativeMethod::Sample)), std::string("sample"));
        QVERIFY(!hardNegativeMethodFromString("cluster"));
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
