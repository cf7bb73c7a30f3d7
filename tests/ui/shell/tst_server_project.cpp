// The app on a shared project: File ▸ Open shared project… and the recent list take a PostgreSQL URL; a typed
// password reaches the server (and the app's workers) but never the settings, the title or the recent list; a
// server that is down stays in the list. Against the pg_cluster fixture's throw-away server (skips without one).
#include "db/project_store.h"
#include "tests/support/pg_test_url.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/document/project_document.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/pairs/pair_queue_page.h"
#include "ui/shell/app_settings.h"
#include "ui/shell/main_window.h"
#include "ui/shell/server_project_dialog.h"
#include "ui/shell/start_page.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::ui;

class TestServerProject : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // Closes the next modal dialog (the error box) and returns what it said.
    static void closeNextModal(QString* text)
    {
        QTimer::singleShot(300, [text] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                *text = box->text() + "\n" + box->detailedText();
                box->accept();
            } else if (QWidget* w = QApplication::activeModalWidget()) {
                w->close();
            }
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir);
    }

    void opensAUrlAndRemembersItWithoutThePassword()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const std::string url = test::pgProjectUrl(base, "studio");
        {
            test::ProjectBuilder b(url);
            const JobId job = b.job("Research engineer, speech recognition", "job-1");
            const CandidateId c1 = b.candidate("<keyword>asr</keyword>", "cand-1");
            const CandidateId c2 = b.candidate("<keyword>vision</keyword>", "cand-2");
            b.pair(job, c1, c2);
        }
        const QString remembered = QString::fromStdString(url);
        // The fixture's server trusts loopback, so the password is not checked: what matters is where it goes.
        const QString typed = remembered + QStringLiteral("&password=s3cret");

        MainWindow window;
        QVERIFY(window.openProject(typed));
        ProjectDocument* doc = window.document();
        QVERIFY(doc);
        QCOMPARE(doc->location(), remembered);
        QCOMPARE(doc->path(), typed); // for the workers' own connections
        QVERIFY(doc->displayName().startsWith(QStringLiteral("studio_")));
        QVERIFY(window.windowTitle().startsWith(doc->displayName()));
        QVERIFY(!window.windowTitle().contains(QStringLiteral("s3cret")));

        // The queue is loaded by a worker that connects with the document's path.
        window.pairsPage()->model()->waitForLoaded();
        QCOMPARE(window.pairsPage()->model()->rowCount(), 1);

        QCOMPARE(AppSettings().recentProjects(), QStringList{remembered});
        auto* recent = window.startPage()->findChild<QListWidget*>("recentProjects");
        QVERIFY(recent && recent->count() == 1);
        QVERIFY(recent->item(0)->text().startsWith(doc->displayName()));
        QVERIFY(recent->item(0)->flags() & Qt::ItemIsEnabled);
        QSettings().sync();
        QFile ini(QSettings().fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains("s3cret"));
    }

    void aServerThatIsDownStaysInTheRecentList()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        // Port 1 on loopback: nobody listens, libpq is refused at once.
        const QString down = QStringLiteral("postgresql://nobody@127.0.0.1:1/rankpo?project=gone&connect_timeout=2");
        AppSettings().addRecentProject(down);
        MainWindow window;
        QString said;
        closeNextModal(&said);
        QVERIFY(!window.openProject(down));
        QVERIFY2(said.contains(QStringLiteral("127.0.0.1")), qPrintable(said));
        QVERIFY(AppSettings().recentProjects().contains(down));
    }

    void dialogChecksTheUrlInPlace()
    {
        ServerProjectDialog dialog(nullptr, QStringLiteral("postgresql://me@db/team"));
        auto* problem = dialog.findChild<QLabel*>("problem");
        dialog.accept(); // no project in the URL: stays open and says so
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(problem->text().contains(QStringLiteral("project")));
        dialog.findChild<QLineEdit*>("url")->setText(QStringLiteral("postgresql://me@db/team?project=fellows"));
        dialog.findChild<QLineEdit*>("password")->setText(QStringLiteral("pw"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.location(), QStringLiteral("postgresql://me@db/team?project=fellows&password=pw"));
    }
};

QTEST_MAIN(TestServerProject)
#include "tst_server_project.moc"
