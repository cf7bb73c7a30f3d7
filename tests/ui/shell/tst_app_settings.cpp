// Settings: the recent-projects list and what persists between runs.
#include "ui/shell/app_settings.h"
#include "ui/shell/demo_project.h"
#include "tests/ui/ui_fixtures.h"

#include <QDir>
#include <QFileInfo>

using namespace rankpo::ui;

class TestAppSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rankpo::test::isolateSettings(m_dir); }

    void recentProjects_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QString>("opened");
        QTest::addColumn<int>("max");
        QTest::addColumn<QStringList>("after");
        QTest::newRow("first") << QStringList{} << "/p/a.rankpo" << 3 << QStringList{"/p/a.rankpo"};
        QTest::newRow("goes first") << QStringList{"/p/a.rankpo"} << "/p/b.rankpo" << 3 << QStringList{"/p/b.rankpo", "/p/a.rankpo"};
        QTest::newRow("no duplicate") << QStringList{"/p/a.rankpo", "/p/b.rankpo"} << "/p/b.rankpo" << 3
                                      << QStringList{"/p/b.rankpo", "/p/a.rankpo"};
        QTest::newRow("same after cleaning") << QStringList{"/p/a.rankpo"} << "/p/./x/../a.rankpo" << 3 << QStringList{"/p/a.rankpo"};
        // A server project is remembered by its URL without the password, and the same with or without one.
        QTest::newRow("url without password") << QStringList{} << "postgresql://me:secret@db/team?project=f" << 3
                                              << QStringList{"postgresql://me@db/team?project=f"};
        QTest::newRow("url once") << QStringList{"postgresql://me@db/team?project=f", "/p/a.rankpo"}
                                  << "postgresql://me@db/team?project=f&password=x" << 3
                                  << QStringList{"postgresql://me@db/team?project=f", "/p/a.rankpo"};
        QTest::newRow("bounded") << QStringList{"/p/a.rankpo", "/p/b.rankpo", "/p/c.rankpo"} << "/p/d.rankpo" << 3
                                 << QStringList{"/p/d.rankpo", "/p/a.rankpo", "/p/b.rankpo"};
    }
    void recentProjects()
    {
        QFETCH(QStringList, before);
        QFETCH(QString, opened);
        QFETCH(int, max);
        QFETCH(QStringList, after);
        QCOMPARE(withRecentProject(before, opened, max), after);
    }

    void persists()
    {
        {
            AppSettings s;
            s.addRecentProject("/tmp/one.rankpo");
            s.addRecentProject("/tmp/two.rankpo");
            s.setAnnotator("  alice ");
            s.setBlindMode(false);
            s.setMaskPersonalDetails(true);
            s.setAutoAdvance(false);
            s.setDefaultConfidence(65);
        }
        AppSettings s;
        QCOMPARE(s.recentProjects(), (QStringList{"/tmp/two.rankpo", "/tmp/one.rankpo"}));
        QCOMPARE(s.annotator(), QStringLiteral("alice"));
        QCOMPARE(s.blindMode(), false);
        QCOMPARE(s.maskPersonalDetails(), true);
        QCOMPARE(s.autoAdvance(), false);
        QCOMPARE(s.defaultConfidence(), 65);
        s.removeRecentProject("/tmp/two.rankpo");
        QCOMPARE(s.recentProjects(), QStringList{"/tmp/one.rankpo"});
        QVERIFY(QDir(m_dir.path()).entryList(QDir::AllDirs | QDir::NoDotAndDotDot).size() > 0);
    }

    void demoProjectIsMadeOnceAndReused()
    {
        QTemporaryDir dir;
        qputenv("RANKPO_DEMO_DIR", dir.path().toUtf8());
        const QString path = ensureDemoProject();
        QCOMPARE(path, dir.filePath("demo.rankpo"));
        QVERIFY(QFileInfo::exists(path));
        {
            auto store = rankpo::db::ProjectStore::open(path.toStdString());
            store->setInfo("marker", "kept");
        }
        QCOMPARE(ensureDemoProject(), path);
        QCOMPARE(rankpo::db::ProjectStore::open(path.toStdString())->info("marker"), std::string("kept"));

        // A demo from another version of the generator is made again; the old one stays beside it.
        rankpo::db::ProjectStore::open(path.toStdString())->setInfo("demo.version", "older");
        QCOMPARE(ensureDemoProject(), path);
        QCOMPARE(rankpo::db::ProjectStore::open(path.toStdString())->info("marker"), std::string());
        QVERIFY(QFileInfo::exists(path + ".old"));
        qunsetenv("RANKPO_DEMO_DIR");
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_app_settings.moc"
