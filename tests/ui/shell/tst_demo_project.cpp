// The demo project: made once with the built-in demo corpus, split into train and test, opened by
// the main window (whose integrity check then runs on a worker and finds nothing).
#include "core/demo/demo_corpus.h"
#include "ui/shell/demo_project.h"
#include "ui/shell/main_window.h"
#include "ui/document/project_document.h"
#include "tests/ui/ui_fixtures.h"

#include <QFileInfo>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::ui;

class TestDemoProject : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir);
        qputenv("RANKPO_DEMO_DIR", m_dir.filePath(QStringLiteral("demo")).toUtf8());
    }

    void demoHoldsTheCorpusSplit()
    {
        const QString path = ensureDemoProject();
        QCOMPARE(path, demoProjectPath());
        const demo::DemoCorpus corpus = demo::generateDemoCorpus(demo::DemoOptions{});
        auto store = db::ProjectStore::open(path.toStdString());
        const auto stats = store->stats();
        QCOMPARE(stats.jobs, std::int64_t(corpus.jobs.size()));
        QCOMPARE(stats.candidates, std::int64_t(corpus.candidates.size()));
        QCOMPARE(stats.preferencesAi, std::int64_t(corpus.preferences.size()));
        QCOMPARE(stats.labelsPositive + stats.labelsNegative, std::int64_t(corpus.labels.size()));
        QCOMPARE(stats.trainJobs + stats.testJobs, stats.jobs);
        QVERIFY(stats.testJobs > stats.jobs / 5 && stats.testJobs < stats.jobs * 2 / 5); // 30 %
        QCOMPARE(store->info("demo.version"), std::string("1"));
        store.reset();
        // A second call keeps the file as it is (the user's judgements stay).
        const auto modified = QFileInfo(path).lastModified();
        QCOMPARE(ensureDemoProject(), path);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
    }

    void mainWindowOpensTheDemo()
    {
        MainWindow window;
        QVERIFY(window.openDemoProject());
        QVERIFY(window.document());
        QCOMPARE(window.document()->path(), demoProjectPath());
        window.waitForIntegrityCheck();
        QVERIFY(window.document()); // intact: still open
        QVERIFY(window.showPageByName(QStringLiteral("training")));
        QVERIFY(window.showPageByName(QStringLiteral("evaluation")));
        QVERIFY(window.showPageByName(QStringLiteral("rankings")));
    }

    void damagedFileIsReportedAndClosed()
    {
        // A project whose pages are overwritten after the header: opening (without the check) works,
        // the check on the worker finds the damage and the window closes the project.
        const QString path = m_dir.filePath(QStringLiteral("damaged.rankpo"));
        QVERIFY(QFile::copy(demoProjectPath(), path));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 size = f.size();
            for (qint64 offset = 64 * 4096; offset + 4096 < size; offset += 16 * 4096) {
                f.seek(offset + 100);
                f.write(QByteArray(2000, '\x5a'));
            }
        }
        MainWindow window;
        // The error dialog is modal: close it as soon as it shows.
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [] {
            if (QWidget* w = QApplication::activeModalWidget())
                w->close();
        });
        closer.start(20);
        if (!window.openProject(path))
            return; // damaged beyond opening: also reported, nothing stays open
        window.waitForIntegrityCheck();
        QTRY_VERIFY_WITH_TIMEOUT(window.document() == nullptr, 5000);
    }
};

QTEST_MAIN(TestDemoProject)
#include "tst_demo_project.moc"
