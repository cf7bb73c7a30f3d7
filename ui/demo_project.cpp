#include "ui/demo_project.h"

#include "db/project_store.h"
#include "db/sqlite_database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace rankpo::ui {
namespace {

// What the demo project holds; a demo project written by another version is made again. Bump it
// when populateDemoProject() changes.
constexpr const char* kDemoVersion = "0";

// Fills a newly created demo project. This is where the generated demo corpus (jobs, profiles,
// rule labels, simulated AI judgements: rankpo::demo::generateDemoCorpus and the db function that
// writes it) is written once it exists; it writes nothing yet.
void populateDemoProject(db::ProjectStore& store)
{
    store.setInfo("demo.version", kDemoVersion);
}

bool isCurrentDemo(const QString& path)
{
    try {
        db::SqliteDatabase db(path.toStdString(), true, false);
        auto st = db.prepare("SELECT value FROM project_info WHERE key = 'demo.version'");
        return st.step() && st.text(0) == kDemoVersion;
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
        store->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // Renamed into place only when complete: an interrupted generation leaves no half demo behind.
    QFile::remove(partial + QStringLiteral("-wal"));
    QFile::remove(partial + QStringLiteral("-shm"));
    QFile::rename(partial, path);
    return path;
}

} // namespace rankpo::ui
