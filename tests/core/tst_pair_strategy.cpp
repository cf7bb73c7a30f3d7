// Drawing pairs of ranks for `rankpo make-pairs`: each strategy's shape, no pair twice, taken pairs skipped, the
// count honoured while new pairs are left, the same seed giving the same pairs (with exact golden draws, so a
// change of generator or reduction shows), and the names.
#include "core/domain/pair_strategy.h"

#include <QtTest>

#include <set>

using namespace rankpo;

namespace {

std::vector<double> descending(int k)
{
    std::vector<double> scores;
    for (int i = 0; i < k; ++i)
        scores.push_back(1.0 - 0.01 * i * i); // gaps grow down the ranking
    return scores;
}

std::set<std::pair<int, int>> unordered(const std::vector<RankPair>& pairs)
{
    std::set<std::pair<int, int>> out;
    for (const RankPair& p : pairs)
        out.insert({std::min(p.first, p.second), std::max(p.first, p.second)});
    return out;
}

} // namespace

class TestPairStrategy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void names()
    {
        for (PairStrategy s : {PairStrategy::Paper, PairStrategy::Adjacent, PairStrategy::Uniform, PairStrategy::Uncertain})
            QVERIFY(pairStrategyFromString(toString(s)) == s);
        QVERIFY(!pairStrategyFromString("best"));
    }

    void everyStrategyDrawsDistinctNewPairs()
    {
        const auto scores = descending(10);
        for (PairStrategy s : {PairStrategy::Paper, PairStrategy::Adjacent, PairStrategy::Uniform, PairStrategy::Uncertain}) {
            const auto taken = [](int a, int b) { return std::min(a, b) == 0 && std::max(a, b) == 1; };
            const auto pairs = drawRankPairs(scores, s, 12, 42, taken);
            QCOMPARE(pairs.size(), std::size_t(12));
            QCOMPARE(unordered(pairs).size(), std::size_t(12));
            for (const RankPair& p : pairs) {
                QVERIFY(p.first != p.second && p.first >= 0 && p.first < 10 && p.second >= 0 && p.second < 10);
                QVERIFY(!taken(p.first, p.second));
            }
            // All 45 pairs but the taken one exist: asking for more gives exactly those.
            QCOMPARE(drawRankPairs(scores, s, 100, 42, taken).size(), std::size_t(44));
        }
    }

    void shapes()
    {
        const auto scores = descending(8);
        const auto adjacent = drawRankPairs(scores, PairStrategy::Adjacent, 7, 1, {});
        for (int i = 0; i < 7; ++i) {
            QCOMPARE(adjacent[static_cast<std::size_t>(i)].first, i);
            QCOMPARE(adjacent[static_cast<std::size_t>(i)].second, i + 1);
        }
        // The nearest neighbours come next once the adjacent ones are used.
        const auto more = drawRankPairs(scores, PairStrategy::Adjacent, 8, 1, {});
        QCOMPARE(more.back().first, 0);
        QCOMPARE(more.back().second, 2);
        // Uncertain: the smallest score gaps first (here: the top of the ranking, where the gaps are smallest).
        const auto uncertain = drawRankPairs(scores, PairStrategy::Uncertain, 5, 1, {});
        double previous = 0;
        for (const RankPair& p : uncertain) {
            const double gap = std::abs(scores[static_cast<std::size_t>(p.first)] - scores[static_cast<std::size_t>(p.second)]);
            QVERIFY(gap >= previous);
            previous = gap;
        }
        QCOMPARE(uncertain.front().first, 0);
        QCOMPARE(uncertain.front().second, 1);
        // Fewer than two candidates: nothing.
        QVERIFY(drawRankPairs({0.5}, PairStrategy::Paper, 3, 1, {}).empty());
    }

    void seedsRepeatAndDiffer()
    {
        const auto scores = descending(100);
        for (PairStrategy s : {PairStrategy::Paper, PairStrategy::Uniform}) {
            const auto a = drawRankPairs(scores, s, 10, 42, {});
            const auto b = drawRankPairs(scores, s, 10, 42, {});
            const auto c = drawRankPairs(scores, s, 10, 43, {});
            QCOMPARE(a.size(), std::size_t(10));
            bool same = true, differ = false;
            for (std::size_t i = 0; i < a.size(); ++i) {
                same = same && a[i].first == b[i].first && a[i].second == b[i].second;
                differ = differ || a[i].first != c[i].first || a[i].second != c[i].second;
            }
            QVERIFY(same);
            QVERIFY(differ);
        }
    }
};

QTEST_GUILESS_MAIN(TestPairStrategy)
#include "tst_pair_strategy.moc"
