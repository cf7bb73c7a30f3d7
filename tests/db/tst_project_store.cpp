// The project file: creation, the checks on open, migrations, the split.
#include "core/util/error.h"
#include "db/sqlite/sqlite_connection.h"
#include "db/sqlite/sqlite_migrations.h"
#include "db/store_access.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "tests/support/error_of.h"
#include "tests/support/test_files.h"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace rankpo;
using namespace rankpo::db;

namespace {

void addJobs(ProjectStore& store, int n, const std::string& prefix = "job ")
{
    Transaction tx(rankpo::db::connectionOf(store));
    ProjectWriter w(store);
    for (int i = 0; i < n; ++i)
        w.addJob(prefix + std::to_string(i));
    tx.commit();
}


} // namespace

class TestProjectStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createsAProjectWithPragmas()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/p.rankpo";
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::Create);
        auto& db = rankpo::db::connectionOf(*store);
        auto mode = db.prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), std::string("wal"));
        auto fk = db.prepare("PRAGMA foreign_keys");
        QVERIFY(fk.step());
        QCOMPARE(fk.int32(0), 1);
        QCOMPARE(db.schemaVersion(), latestSchemaVersion());
        QVERIFY(latestSchemaVersion() >= 2);
        QVERIFY(!store->info("created").empty());
    }

    void refusesWhatIsNotAProject()
    {
        QTemporaryDir dir;
        const auto text = test::writeFile(dir, "notes.rankpo", "this is not a database, just some text that is long enough");
        QVERIFY(test::errorOf([&] { ProjectStore::open(text); }).toStdString().find("not a RankPO project (not an SQLite database)") != std::string::npos);

        const std::string other = dir.path().toStdString() + "/other.db";
        {
            SqliteConnection db(other);
            db.exec("CREATE TABLE t(x)");
        }
        QVERIFY(test::errorOf([&] { ProjectStore::open(other); }).toStdString().find("an SQLite database of another program") != std::string::npos);
        QVERIFY(test::errorOf([&] { ProjectStore::open(dir.path().toStdString() + "/missing.rankpo"); }).toStdString().find("no such project file") != std::string::npos);
        QVERIFY(test::errorOf([&] { ProjectStore::open(text, ProjectStore::OpenMode::Create); }).toStdString().find("already exists") != std::string::npos);
    }

    void refusesANewerProject()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/p.rankpo";
        ProjectStore::open(path, ProjectStore::OpenMode::Create);
        {
            SqliteConnection db(path);
            db.setUserVersion(latestSchemaVersion() + 1);
        }
        const std::string message = test::errorOf([&] { ProjectStore::open(path); }).toStdString();
        QVERIFY2(message.find("written by a newer RankPO Studio") != std::string::npos, message.c_str());
    }

    void detectsADamagedFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/p.rankpo";
        {
            auto store = ProjectStore::open(path, ProjectStore::OpenMode::Create);
            addJobs(*store, 2000, std::string(300, 'x'));
            rankpo::db::connectionOf(*store).exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        // Overwrite a page in the middle of the jobs table.
        {
            std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(4096 * 20);
            const std::string junk(4096, '\x5a');
            f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
        }
        const std::string message = test::errorOf([&] { ProjectStore::open(path); }).toStdString();
        QVERIFY2(message.find("the project file is damaged") != std::string::npos, message.c_str());

        // Cut short (a copy that did not finish): the first read fails, and says so in the same words.
        std::filesystem::resize_file(path, 40000);
        const std::string cut = test::errorOf([&] { ProjectStore::open(path); }).toStdString();
        QVERIFY2(cut.find(path + ": the project file is damaged") != std::string::npos, cut.c_str());
    }

    void opensAVersion1FileAfterMigrations()
    {
        // A project file as version 1 of the schema wrote it (tests/data/project-v1.sql).
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/v1.rankpo";
        {
            SqliteConnection db(path);
            db.exec(test::readFile(std::string(RANKPO_SOURCE_DIR) + "/tests/data/project-v1.sql"));
            QCOMPARE(db.userVersion(), 1);
        }
        auto store = ProjectStore::open(path);
        QCOMPARE(rankpo::db::connectionOf(*store).schemaVersion(), latestSchemaVersion());
        const auto s = store->stats();
        QCOMPARE(s.jobs, std::int64_t(2));
        QCOMPARE(s.candidates, std::int64_t(3));
        QCOMPARE(s.pairs, std::int64_t(1));
        QCOMPARE(s.preferencesAi, std::int64_t(1));
        QCOMPARE(s.preferencesHuman, std::int64_t(1));
        QCOMPARE(s.labelsPositive, std::int64_t(1));
        QCOMPARE(s.trainJobs, std::int64_t(1));
        QCOMPARE(store->findJob("job-url-1").value_or(0), JobId(1));
        // The tables of later versions exist and work.
        rankpo::db::connectionOf(*store).exec("INSERT INTO models(name, kind, identity, created_at) VALUES ('m', 'pretrained', 'x', 0)");
    }

    void migratingStepByStepMatchesAFreshFile()
    {
        QTemporaryDir dir;
        const std::string stepped = dir.path().toStdString() + "/stepped.rankpo";
        for (int v = 1; v <= latestSchemaVersion(); ++v)
            ProjectStore::openAtVersion(stepped, v);
        const std::string fresh = dir.path().toStdString() + "/fresh.rankpo";
        ProjectStore::open(fresh, ProjectStore::OpenMode::Create);
        auto schema = [](const std::string& path) {
            SqliteConnection db(path);
            auto st = db.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name");
            std::string all;
            while (st.step())
                all += st.text(0) + " " + st.text(1) + " " + st.text(2) + "\n";
            return all;
        };
        QCOMPARE(schema(stepped), schema(fresh));
    }

    void splitKeepsJobsWholeAndIsReproducible()
    {
        QTemporaryDir dir;
        auto a = ProjectStore::open(dir.path().toStdString() + "/a.rankpo", ProjectStore::OpenMode::Create);
        addJobs(*a, 100);
        const auto r = a->assignSplit(0.3, 7);
        QCOMPARE(r.test, std::int64_t(30));
        QCOMPARE(r.train, std::int64_t(70));

        // The same jobs imported in another order get the same split.
        auto b = ProjectStore::open(dir.path().toStdString() + "/b.rankpo", ProjectStore::OpenMode::Create);
        {
            Transaction tx(rankpo::db::connectionOf(*b));
            ProjectWriter w(*b);
            for (int i = 99; i >= 0; --i)
                w.addJob("job " + std::to_string(i));
            tx.commit();
        }
        b->assignSplit(0.3, 7);
        auto testTexts = [](ProjectStore& s) {
            std::set<std::string> texts;
            for (JobId id : s.jobIds(Split::Test))
                texts.insert(s.job(id)->text);
            return texts;
        };
        QCOMPARE(testTexts(*a), testTexts(*b));
        // Another seed gives another split.
        const auto before = testTexts(*a);
        a->assignSplit(0.3, 8);
        QVERIFY(testTexts(*a) != before);
        QCOMPARE(a->jobIds(Split::Unassigned).size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_project_store.moc"
