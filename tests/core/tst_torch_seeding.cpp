#include "core/training/torch_seeding.h"
#include "tests/support/reference_tensors.h"

#include <QtTest>

using namespace rankpo;

class TestTorchSeeding : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_golden;

private Q_SLOTS:
    void initTestCase()
    {
        try {
            m_golden = test::loadReference("training_reference.py", "training_golden.json").golden.at("seeding");
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    // libtorch draws exactly what Python's torch draws after the same seed.
    void sameDrawsAsPythonTorch()
    {
        seedTorch(m_golden.at("seed").get<std::uint64_t>());
        const auto normal = torch::randn({5});
        const auto uniform = torch::rand({3}, torch::kFloat64);
        const auto integers = torch::randint(0, 1000, {4});
        QCOMPARE(test::maxAbsDifference(normal, test::tensorFromJson(m_golden.at("randn_float32"), torch::kFloat32)), 0.0);
        QCOMPARE(test::maxAbsDifference(uniform, test::tensorFromJson(m_golden.at("rand_float64"), torch::kFloat64)), 0.0);
        const auto expected = m_golden.at("randint_0_1000").get<std::vector<std::int64_t>>();
        for (std::size_t i = 0; i < expected.size(); ++i)
            QCOMPARE(integers[std::int64_t(i)].item<std::int64_t>(), expected[i]);
    }

    void reseedingRepeats()
    {
        seedTorch(7);
        const auto a = torch::randn({8});
        seedTorch(7);
        QVERIFY(torch::equal(a, torch::randn({8})));
        seedTorch(8);
        QVERIFY(!torch::equal(a, torch::randn({8})));
    }

    void deterministicModeIsOptIn()
    {
        seedTorch(1, true);
        QVERIFY(at::globalContext().deterministicAlgorithms());
        QVERIFY(at::globalContext().deterministicCuDNN());
        seedTorch(1);
        QVERIFY(!at::globalContext().deterministicAlgorithms());
    }
};

QTEST_GUILESS_MAIN(TestTorchSeeding)
#include "tst_torch_seeding.moc"
