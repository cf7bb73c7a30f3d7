// Stage 1's epochs (core/training/stage1_sampler.h): per_job visits each job once an epoch with a drawn
// positive, so no batch holds a job twice; per_positive is the plain shuffle every run used before.
#include "core/training/split_mix64.h"
#include "core/training/stage1_sampler.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

using namespace rankpo;

namespace {

// 7 jobs with 1 to 5 positives each (23 examples), the examples of a job not next to each other.
std::vector<std::size_t> jobsOfExamples()
{
    const std::vector<std::size_t> positives{3, 1, 5, 2, 4, 1, 7};
    std::vector<std::size_t> jobOf;
    for (std::size_t round = 0; round < 7; ++round)
        for (std::size_t job = 0; job < positives.size(); ++job)
            if (round < positives[job])
                jobOf.push_back(job);
    return jobOf;
}

} // namespace

class TestStage1Sampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip()
    {
        for (auto kind : {Stage1SamplerKind::PerJob, Stage1SamplerKind::PerPositive})
            QVERIFY(*stage1SamplerFromString(toString(kind)) == kind);
        QCOMPARE(std::string(toString(Stage1SamplerKind::PerJob)), std::string("per_job"));
        QCOMPARE(std::string(toString(Stage1SamplerKind::PerPositive)), std::string("per_positive"));
        QVERIFY(!stage1SamplerFromString("per-job"));
        QVERIFY(!stage1SamplerFromString(""));
    }

    // Every job exactly once an epoch, with one of its own examples: a batch of any size never holds a job twice.
    void perJobVisitsEachJobOncePerEpoch()
    {
        const auto jobOf = jobsOfExamples();
        const Stage1Sampler sampler(Stage1SamplerKind::PerJob, jobOf, 42);
        QCOMPARE(sampler.visitsPerEpoch(), std::size_t(7));
        std::map<std::size_t, std::set<std::size_t>> drawnOfJob; // the positives met over the epochs
        std::set<std::vector<std::size_t>> jobOrders;
        for (std::uint64_t epoch = 0; epoch < 40; ++epoch) {
            const auto order = sampler.epoch(epoch);
            QCOMPARE(order.size(), std::size_t(7));
            std::vector<std::size_t> jobs;
            std::set<std::size_t> seen;
            for (std::size_t example : order) {
                QVERIFY(example < jobOf.size());
                QVERIFY2(seen.insert(jobOf[example]).second, "a job visited twice in one epoch");
                jobs.push_back(jobOf[example]);
                drawnOfJob[jobOf[example]].insert(example);
            }
            QCOMPARE(seen.size(), std::size_t(7));
            jobOrders.insert(jobs);
        }
        // The positive is drawn at each visit: over 40 epochs every positive of every job is met.
        const std::map<std::size_t, std::size_t> positives{{0, 3}, {1, 1}, {2, 5}, {3, 2}, {4, 4}, {5, 1}, {6, 7}};
        for (const auto& [job, count] : positives)
            QCOMPARE(drawnOfJob[job].size(), count);
        QVERIFY(jobOrders.size() > 30); // and the jobs come in a new order each epoch
    }

    void perJobIsDeterministicPerSeed()
    {
        const auto jobOf = jobsOfExamples();
        const Stage1Sampler a(Stage1SamplerKind::PerJob, jobOf, 7), b(Stage1SamplerKind::PerJob, jobOf, 7);
        const Stage1Sampler other(Stage1SamplerKind::PerJob, jobOf, 8);
        bool differs = false;
        for (std::uint64_t epoch = 0; epoch < 5; ++epoch) {
            QCOMPARE(a.epoch(epoch), b.epoch(epoch));
            differs |= a.epoch(epoch) != other.epoch(epoch);
        }
        QVERIFY(differs);
        // An epoch's draw does not depend on the epochs before it (a resumed run draws as it began).
        QCOMPARE(Stage1Sampler(Stage1SamplerKind::PerJob, jobOf, 7).epoch(3), a.epoch(3));
        QVERIFY(a.epoch(0) != a.epoch(1));
    }

    // Today's behaviour, bit for bit: every example once an epoch in the trainer's shuffle.
    void perPositiveIsThePlainShuffle()
    {
        const auto jobOf = jobsOfExamples();
        const Stage1Sampler sampler(Stage1SamplerKind::PerPositive, jobOf, 42);
        QCOMPARE(sampler.visitsPerEpoch(), jobOf.size());
        bool jobTwiceInABatch = false;
        for (std::uint64_t epoch = 0; epoch < 3; ++epoch) {
            const auto order = sampler.epoch(epoch);
            QCOMPARE(order, shuffledIndices(jobOf.size(), 42, epoch));
            QCOMPARE(std::set<std::size_t>(order.begin(), order.end()).size(), jobOf.size());
            for (std::size_t begin = 0; begin + 8 <= order.size(); begin += 8) {
                std::set<std::size_t> jobs;
                for (std::size_t k = begin; k < begin + 8; ++k)
                    jobTwiceInABatch |= !jobs.insert(jobOf[order[k]]).second;
            }
        }
        QVERIFY(jobTwiceInABatch); // what per_job avoids: 23 examples of 7 jobs in batches of 8
    }

    void jobNumbersNeedNotBeDense()
    {
        const Stage1Sampler sampler(Stage1SamplerKind::PerJob, {5, 2, 5, 9}, 1);
        QCOMPARE(sampler.visitsPerEpoch(), std::size_t(3));
        const auto order = sampler.epoch(0);
        QCOMPARE(order.size(), std::size_t(3));
        QVERIFY(std::count(order.begin(), order.end(), std::size_t(1)) == 1);
        QVERIFY(std::count(order.begin(), order.end(), std::size_t(3)) == 1);
        QCOMPARE(Stage1Sampler(Stage1SamplerKind::PerJob, {}, 1).visitsPerEpoch(), std::size_t(0));
        QVERIFY(Stage1Sampler(Stage1SamplerKind::PerJob, {}, 1).epoch(0).empty());
    }
};

QTEST_GUILESS_MAIN(TestStage1Sampler)
#include "tst_stage1_sampler.moc"
