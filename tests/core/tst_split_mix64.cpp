#include "core/training/split_mix64.h"
#include "core/util/error.h"
#include "tests/support/reference_data.h"

#include <QtTest>

#include <algorithm>
#include <set>

using namespace rankpo;

namespace {
std::uint64_t u64(const nlohmann::json& j)
{
    return std::stoull(j.get<std::string>());
}
} // namespace

class TestSplitMix64 : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_golden;

private Q_SLOTS:
    void initTestCase()
    {
        try {
            m_golden = test::loadReference("training_reference.py", "training_golden.json").golden.at("split_mix64");
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    // The published test vector of Vigna's splitmix64.c.
    void publishedVector()
    {
        SplitMix64 rng(1234567);
        for (std::uint64_t expected : {6457827717110365317ULL, 3203168211198807973ULL, 9817491932198370423ULL,
                                       4593380528125082431ULL, 16408922859458223821ULL})
            QCOMPARE(rng.next(), expected);
    }

    void matchesIndependentPythonVersion()
    {
        SplitMix64 zero(0);
        for (const auto& v : m_golden.at("seed_0"))
            QCOMPARE(zero.next(), u64(v));
        SplitMix64 bounded(7);
        for (const auto& v : m_golden.at("seed_7_below_10"))
            QCOMPARE(bounded.nextBelow(10), v.get<std::uint64_t>());
        for (const auto& v : m_golden.at("seed_7_below_3"))
            QCOMPARE(bounded.nextBelow(3), v.get<std::uint64_t>());
        SplitMix64 doubles(7);
        for (const auto& v : m_golden.at("seed_7_doubles"))
            QCOMPARE(doubles.nextDouble(), v.get<double>());
        for (std::uint64_t stream = 0; stream < 3; ++stream) {
            QCOMPARE(deriveSeed(42, stream), u64(m_golden.at("derive_seed_42")[stream]));
            const auto expected = m_golden.at("shuffled_10_seed_42")[stream].get<std::vector<std::size_t>>();
            QCOMPARE(shuffledIndices(10, 42, stream), expected);
        }
    }

    void shuffleIsAPermutation()
    {
        const auto order = shuffledIndices(1000, 5, 0);
        std::set<std::size_t> seen(order.begin(), order.end());
        QCOMPARE(seen.size(), std::size_t(1000));
        QCOMPARE(*seen.rbegin(), std::size_t(999));
        QVERIFY(order != shuffledIndices(1000, 5, 1)); // another epoch, another order
        QCOMPARE(order, shuffledIndices(1000, 5, 0));  // same seed and epoch, same order
        QVERIFY(shuffledIndices(0, 5, 0).empty());
        QCOMPARE(shuffledIndices(1, 5, 0), std::vector<std::size_t>({0}));
    }

    // A group's members come one after another; the groups' order and the members' order follow the seed.
    void groupedShuffleKeepsGroupsTogether()
    {
        std::vector<std::size_t> groupOf;
        for (std::size_t i = 0; i < 200; ++i)
            groupOf.push_back((i * 7) % 10); // 10 groups of 20, interleaved
        const auto order = groupedShuffledIndices(groupOf, 5, 0);
        std::set<std::size_t> seen(order.begin(), order.end());
        QCOMPARE(seen.size(), std::size_t(200));
        std::size_t changes = 0;
        std::set<std::size_t> finished;
        for (std::size_t k = 1; k < order.size(); ++k)
            if (groupOf[order[k]] != groupOf[order[k - 1]]) {
                ++changes;
                QVERIFY(finished.insert(groupOf[order[k - 1]]).second); // a group never comes back
            }
        QCOMPARE(changes, std::size_t(9));
        QCOMPARE(order, groupedShuffledIndices(groupOf, 5, 0));
        QVERIFY(order != groupedShuffledIndices(groupOf, 5, 1));
        QVERIFY(order != groupedShuffledIndices(groupOf, 6, 0));
        QVERIFY(groupedShuffledIndices({}, 5, 0).empty());
    }

    // Each value of a small bound comes up about equally often (no modulo bias, no stuck bits).
    void boundedDrawsAreUniform()
    {
        SplitMix64 rng(99);
        std::vector<int> counts(6, 0);
        for (int i = 0; i < 60000; ++i)
            ++counts[rng.nextBelow(6)];
        for (int c : counts)
            QVERIFY2(c > 9500 && c < 10500, std::to_string(c).c_str());
        for (int i = 0; i < 1000; ++i) {
            const double d = rng.nextDouble();
            QVERIFY(d >= 0.0 && d < 1.0);
        }
        QVERIFY_THROWS_EXCEPTION(Error, rng.nextBelow(0));
        QCOMPARE(rng.nextBelow(1), std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestSplitMix64)
#include "tst_split_mix64.moc"
