// The project's model names: registered models and trained runs, beside the built-in models and folders.
#include "core/util/error.h"
#include "db/model_registry.h"
#include "db/project_model_resolver.h"
#include "db/project_store.h"
#include "db/run_registry.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::db;

namespace {

const std::string kTinyModel = RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert";

void addRun(RunRegistry& runs, const std::string& name, const std::string& checkpoint, RunStatus status)
{
    RunRecord r;
    r.name = name;
    r.method = "rankpo";
    r.configJson = "{}";
    r.baseModel = "all-MiniLM-L6-v2";
    r.device = "cpu";
    const auto begun = runs.begin(r);
    if (!checkpoint.empty())
        runs.setCheckpoint(begun.id, checkpoint);
    if (status != RunStatus::Running)
        runs.finish(begun.id, status, "", 1.0);
}

} // namespace

class TestProjectModelResolver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsAndRegisteredModelsByName()
    {
        QTemporaryDir dir;
        const std::string projectPath = dir.path().toStdString() + "/p.rankpo";
        auto store = ProjectStore::open(projectPath, ProjectStore::OpenMode::Create);
        ModelRegistry models(*store);
        models.upsert({0, "stage1", "run", kTinyModel, "id-1", "all-MiniLM-L6-v2", "{}", 0});
        models.upsert({0, "relative", "folder", "models/mine", "id-2", "", "{}", 0});
        models.upsert({0, "all-MiniLM-L6-v2", "pretrained", "", "id-3", "", "{}", 0});
        RunRegistry runs(*store);
        addRun(runs, "rankpo-1", kTinyModel, RunStatus::Done);
        addRun(runs, "stopped", kTinyModel, RunStatus::Cancelled);
        addRun(runs, "still-running", kTinyModel, RunStatus::Running);
        addRun(runs, "broken", kTinyModel, RunStatus::Failed);
        addRun(runs, "no-checkpoint", "", RunStatus::Done);
        addRun(runs, "stage1", "/somewhere/else", RunStatus::Done); // the registered model of that name wins

        const ProjectModelResolver resolver(*store);
        const auto run = resolver.find("rankpo-1");
        QVERIFY(run);
        QCOMPARE(run->folder.string(), kTinyModel);
        QCOMPARE(run->origin, std::string("run"));
        QVERIFY(resolver.find("stopped"));
        QVERIFY(!resolver.find("still-running"));
        QVERIFY(!resolver.find("broken"));
        QVERIFY(!resolver.find("no-checkpoint"));
        QCOMPARE(resolver.find("stage1")->folder.string(), kTinyModel);
        QCOMPARE(resolver.find("stage1")->origin, std::string("run"));
        // Relative folders are relative to the project file's folder.
        QCOMPARE(resolver.find("relative")->folder.string(), dir.path().toStdString() + "/models/mine");
        QCOMPARE(resolver.find("relative")->origin, std::string("project"));
        // A pretrained model without a folder is left to the built-in resolver.
        QVERIFY(!resolver.find("all-MiniLM-L6-v2"));

        std::vector<std::string> names;
        for (const auto& e : resolver.list())
            names.push_back(e.name);
        QCOMPARE(names, (std::vector<std::string>{"stage1", "relative", "rankpo-1", "stopped"}));
    }

    void catalogOfAProject()
    {
        QTemporaryDir dir;
        auto store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
        RunRegistry runs(*store);
        addRun(runs, "contrastive-1", kTinyModel, RunStatus::Done);
        const ModelCatalog catalog = projectModelCatalog(*store);
        QCOMPARE(catalog.resolve("contrastive-1").folder.string(), kTinyModel);
        QCOMPARE(catalog.resolve(kTinyModel).origin, std::string("folder"));
        if (BuiltinModelResolver().find("default")) // installed by scripts/install-python-deps.sh
            QCOMPARE(catalog.resolve("default").origin, std::string("built-in"));
        try {
            catalog.resolve("no-such-model");
            QFAIL("an unknown name must be refused");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
            QVERIFY2(std::string(e.what()).find("contrastive-1") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestProjectModelResolver)
#include "tst_project_model_resolver.moc"
