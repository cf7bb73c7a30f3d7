// Runs, models and evaluations as the project records them.
#include "core/util/error.h"
#include "db/evaluation_store.h"
#include "db/store_access.h"
#include "db/model_registry.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/run_registry.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace rankpo;
using namespace rankpo::db;

class TestRegistries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runLifecycle()
    {
        QTemporaryDir dir;
        auto store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
        RunRegistry runs(*store);
        RunRecord r;
        r.method = "rankpo";
        r.configJson = R"({"beta":2.0})";
        r.seed = 42;
        r.dataHash = "abc";
        r.baseModel = "all-MiniLM-L6-v2";
        r.device = "cpu";
        const auto first = runs.begin(r);
        QCOMPARE(first.name, std::string("rankpo-1"));
        QVERIFY(first.status == RunStatus::Running);
        const auto second = runs.begin(r);
        QCOMPARE(second.name, std::string("rankpo-2"));
        r.name = "mine";
        runs.begin(r);
        try {
            runs.begin(r);
            QFAIL("a duplicate name must be refused");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
        }

        runs.logMetrics(first.id, 1, 0.1, {{"rankpo_loss", 0.69}, {"rewards/accuracies", 0.5}, {"bad", std::nan("")}});
        runs.logMetrics(first.id, 2, 0.2, {{"rankpo_loss", 0.6}});
        runs.setCheckpoint(first.id, "/tmp/ckpt");
        runs.finish(first.id, RunStatus::Done, "", 12.5);
        const auto found = runs.find("rankpo-1");
        QVERIFY(found.has_value());
        QVERIFY(found->status == RunStatus::Done);
        QCOMPARE(found->checkpointDir, std::string("/tmp/ckpt"));
        QCOMPARE(*found->seconds, 12.5);
        QCOMPARE(runs.find(std::to_string(first.id))->name, std::string("rankpo-1"));
        const auto points = runs.metrics(first.id);
        QCOMPARE(points.size(), std::size_t(3)); // the NaN is not stored
        QCOMPARE(runs.list().size(), std::size_t(3));
    }

    void modelsAndEvaluations()
    {
        QTemporaryDir dir;
        auto store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
        ModelRegistry models(*store);
        ModelRecord m{0, "stage1", "run", "/models/stage1", "id-1", "all-MiniLM-L6-v2", R"({"dim":384})", 0};
        const auto id = models.upsert(m);
        m.identity = "id-2";
        QCOMPARE(models.upsert(m), id);
        QCOMPARE(models.find("stage1")->identity, std::string("id-2"));
        QVERIFY(!models.find("nope"));

        JobId job;
        CandidateId a, b;
        {
            Transaction tx(rankpo::db::connectionOf(*store));
            ProjectWriter w(*store);
            job = w.addJob("J");
            a = w.addCandidate("A");
            b = w.addCandidate("B");
            tx.commit();
        }
        EvaluationStore evaluations(*store);
        EvaluationRecord e;
        e.model = "stage1";
        e.identity = "id-2";
        e.split = "test";
        e.metricsJson = R"({"nDCG@20":0.7})";
        e.createdAt = 100;
        evaluations.save(e, {{job, 1, b, 0.9}, {job, 2, a, 0.5}});
        e.metricsJson = R"({"nDCG@20":0.8})";
        e.createdAt = 200;
        const auto later = evaluations.save(e, {});
        QCOMPARE(evaluations.latest("stage1", "test")->id, later);
        QVERIFY(!evaluations.latest("stage1", "train"));
        const auto ranking = evaluations.rankings(later - 1, job);
        QCOMPARE(ranking.size(), std::size_t(2));
        QCOMPARE(ranking[0].candidateId, b);
    }
};

QTEST_GUILESS_MAIN(TestRegistries)
#include "tst_registries.moc"
