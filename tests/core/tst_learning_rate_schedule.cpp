#include "core/training/learning_rate_schedule.h"
#include "core/util/error.h"
#include "tests/support/reference_data.h"

#include <QtTest>

using namespace rankpo;

class TestLearningRateSchedule : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_golden;

private Q_SLOTS:
    void initTestCase()
    {
        try {
            m_golden = test::loadReference("training_reference.py", "training_golden.json").golden;
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    void cosineWithWarmupExact()
    {
        // 10 steps, 2 of warm-up: 0, 0.5, then 0.5 (1 + cos(pi (s - 2) / 8)).
        const LearningRateSchedule s(LrSchedulerType::Cosine, 1e-5, 2, 10);
        QCOMPARE(s.factor(0), 0.0);
        QCOMPARE(s.factor(1), 0.5);
        QCOMPARE(s.factor(2), 1.0);
        QCOMPARE(s.factor(6), 0.5 * (1.0 + std::cos(3.14159265358979323846 * 0.5 * 2.0 * 0.5)));
        QCOMPARE(s.factor(10), 0.0);
        QCOMPARE(s.learningRate(1), 0.5e-5);
    }

    void warmupStepsFollowHf()
    {
        QCOMPARE(warmupStepsFor(100, 0.1), std::int64_t(10));
        QCOMPARE(warmupStepsFor(96, 0.1), std::int64_t(10));  // ceil(9.600000000000001)
        QCOMPARE(warmupStepsFor(100, 0.07), std::int64_t(8)); // ceil(7.000000000000001), as Python
        QCOMPARE(warmupStepsFor(100, 0.1, 3), std::int64_t(3)); // explicit steps win
        QCOMPARE(warmupStepsFor(0, 0.1), std::int64_t(0));
    }

    void totalStepsFollowHf()
    {
        QCOMPARE(totalTrainingSteps(100, 4, 3), std::int64_t(75));
        QCOMPARE(totalTrainingSteps(13, 4, 3), std::int64_t(9));  // 13 // 4 = 3 per epoch: the tail does not count
        QCOMPARE(totalTrainingSteps(3, 4, 3), std::int64_t(3));   // at least one per epoch
        QCOMPARE(totalTrainingSteps(100, 4, 3, 17), std::int64_t(17));
    }

    void namesRoundTrip()
    {
        for (auto t : {LrSchedulerType::Cosine, LrSchedulerType::Linear, LrSchedulerType::Constant,
                       LrSchedulerType::ConstantWithWarmup})
            QVERIFY(*lrSchedulerTypeFromString(toString(t)) == t);
        QVERIFY(!lrSchedulerTypeFromString("cosine_with_restarts"));
    }

    void rejectsBadArguments()
    {
        QVERIFY_THROWS_EXCEPTION(Error, LearningRateSchedule(LrSchedulerType::Cosine, 0.0, 0, 10));
        QVERIFY_THROWS_EXCEPTION(Error, LearningRateSchedule(LrSchedulerType::Cosine, 1e-5, -1, 10));
        QVERIFY_THROWS_EXCEPTION(Error, LearningRateSchedule(LrSchedulerType::Cosine, 1e-5, 0, 10).factor(-1));
        QVERIFY_THROWS_EXCEPTION(Error, warmupStepsFor(10, 1.5));
        QVERIFY_THROWS_EXCEPTION(Error, totalTrainingSteps(10, 0, 3));
    }

    // Every factor of every schedule equals the Python reproduction of HF's lr lambdas bit for bit.
    void parityWithHf()
    {
        const auto& cases = m_golden.at("schedules");
        QCOMPARE(cases.size(), std::size_t(9));
        for (const auto& c : cases) {
            const std::string type = c.at("type");
            const std::int64_t total = c.at("total_steps");
            const std::int64_t warmup = warmupStepsFor(total, c.at("warmup_ratio").get<double>(),
                                                       c.at("warmup_steps_arg").get<std::int64_t>());
            QCOMPARE(warmup, c.at("warmup_steps").get<std::int64_t>());
            const LearningRateSchedule schedule(*lrSchedulerTypeFromString(type), 1.0, warmup, total);
            const auto& factors = c.at("factors");
            for (std::size_t step = 0; step < factors.size(); ++step)
                QVERIFY2(schedule.factor(std::int64_t(step)) == factors[step].get<double>(),
                         (type + " total " + std::to_string(total) + " step " + std::to_string(step)).c_str());
        }
        for (const auto& c : m_golden.at("step_counts"))
            QCOMPARE(totalTrainingSteps(c.at("batches_per_epoch"), c.at("accumulation"), c.at("epochs").get<double>(),
                                        c.at("max_steps")),
                     c.at("total").get<std::int64_t>());
    }
};

QTEST_GUILESS_MAIN(TestLearningRateSchedule)
#include "tst_learning_rate_schedule.moc"
