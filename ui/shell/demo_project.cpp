#include "ui/shell/demo_project.h"

#include "core/demo/demo_corpus.h"
#include "db/demo_project.h"
#include "db/project_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace rankpo::ui {
namespace {

// What the demo project holds; a demo project written by another version is made again. Bump it
// when populateDemoProject() changes. 1: the generated demo corpus, split 70/30.
constexpr const char* kDemoVersion = "1";

// Fills a newly created demo project: the built-in demo corpus (academic jobs, researcher profiles,
// rule labels, a simulated AI judge's preferences; generated from its default seed, so every demo
// project is the same) and the train/test split that training and evaluation need.
void populateDemoProject(db::ProjectStore& store)
{
    const demo::DemoCorpus corpus = demo::generateDemoCorpus(demo::DemoOptions{});
    db::writeDemoCorpus(store, corpus);
    store.assignSplit(0.3, 42);
    store.setInfo("demo.version", kDemoVersion);
}

bool isCurrentDemo(const QString& path)
{
    try {
        auto store = db::ProjectStore::open(path.toStdString(), db::ProjectStore::OpenMode::ReadOnly, false);
        return store->info("demo.version") == kDemoVersion;
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

QString demoProjectPath()
{
    QString dir = qEnvironmentVariable("RANKPO_DEMO_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("demo.rankpo"));
}

QString ensureDemoProject()
{
    const QString path = demoProjectPath();
    if (QFileInfo::exists(path)) {
        if (isCurrentDemo(path))
            return path;
        // An older demo (perhaps annotated) is kept beside the new one.
        const QString old = path + QStringLiteral(".old");
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            QFile::remove(old + suffix);
            QFile::rename(path + suffix, old + suffix);
        }
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    {
        auto store = db::ProjectStore::open(partial.toStdString(), db::ProjectStore::OpenMode::Create);
        populateDemoProject(*store);
        store->checkpoint();
    }
    // Renamed into place only when complete: an interrupted generation leaves no half demo behind.
    QFile::remove(partial + QStringLiteral("-wal"));
    QFile::remove(partial + QStringLiteral("-shm"));
    QFile::rename(partial, path);
    return path;
}

} // namespace rankpo::ui
