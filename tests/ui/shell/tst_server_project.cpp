// The app on a shared project: File ▸ Open shared project… and the recent list take a PostgreSQL URL; a typed
// password reaches the server (and the app's workers) but never the settings, the title or the recent list; a
// server that is down stays in the list. Against the pg_cluster fixture's throw-away server (skips without one).
#include "db/project_location.h"
#include "db/project_store.h"
#include "db/sql/connection.h"
#include "db/store_access.h"
#include "db/team_admin.h"
#include "tests/support/pg_test_url.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/adjudicate/adjudication_page.h"
#include "ui/document/project_document.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/pairs/pair_queue_page.h"
#include "ui/shell/app_settings.h"
#include "ui/shell/main_window.h"
#include "ui/shell/server_project_dialog.h"
#include "ui/shell/start_page.h"
#include "ui/training/training_page.h"

#include <QAction>
#include <QApplication>
#include <QPushButton>
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

    void whatARoleLacksIsGreyedOutAndSaysWhy()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const std::string url = test::pgProjectUrl(base, "rights");
        const std::string schema = url.substr(url.find("?project=") + 9);
        const std::string bob = schema + "_bob";
        {
            test::ProjectBuilder b(url);
            b.pair(b.job("Research engineer, speech recognition", "job-1"), b.candidate("<keyword>asr</keyword>", "c1"),
                   b.candidate("<keyword>vision</keyword>", "c2"));
        }
        {
            auto owner = db::ProjectStore::open(url);
            db::connectionOf(*owner).exec("CREATE ROLE " + bob + " LOGIN");
            db::initTeam(*owner, "Owner");
            db::addTeamMember(*owner, {bob, "Bob", db::TeamRole::Annotator, std::nullopt});
        }
        const auto adminWork = [](MainWindow& window) {
            QList<QWidget*> controls;
            for (const char* name : {"makePairs", "scorePairs", "assignPairs"})
                controls << window.pairsPage()->findChild<QPushButton*>(name);
            controls << window.trainingPage()->findChild<QPushButton*>("startTraining")
                     << window.startPage()->findChild<QPushButton*>("importData");
            return controls;
        };
        const auto importAction = [](MainWindow& window) {
            for (QAction* a : window.findChildren<QAction*>())
                if (a->text() == QStringLiteral("&Import data…"))
                    return a;
            return static_cast<QAction*>(nullptr);
        };
        {
            MainWindow window;
            QVERIFY(window.openProject(QString::fromStdString(db::locationAsUser(url, bob))));
            QCOMPARE(window.findChild<QLabel*>("annotatorLabel")->text(),
                     QString::fromStdString("Annotator: " + bob + " (annotator)"));
            const QString refusal = QString::fromStdString(bob + " is an annotator on project " + schema + "; ");
            for (QWidget* w : adminWork(window)) {
                QVERIFY(w);
                QVERIFY2(!w->isEnabled(), qPrintable(w->objectName()));
                QVERIFY2(w->toolTip().startsWith(refusal) && w->toolTip().endsWith("needs the admin right"),
                         qPrintable(w->objectName() + ": " + w->toolTip()));
            }
            QVERIFY(window.pairsPage()->findChild<QPushButton*>("makePairs")->toolTip().contains("making pairs"));
            QVERIFY(!importAction(window)->isEnabled());
            auto* decide = window.adjudicationPage()->findChild<QPushButton*>("decideTie");
            QVERIFY(!decide->isEnabled());
            QVERIFY2(decide->toolTip().endsWith("adjudicating needs the reviewer right"), qPrintable(decide->toolTip()));
            // What an annotator may do stays: estimating a run trains in a scratch folder and records nothing.
            QVERIFY(window.trainingPage()->findChild<QPushButton*>("estimateTime")->isEnabled());
        }
        {
            // The owner holds every right: the same controls, enabled, with their own tooltips.
            MainWindow window;
            QVERIFY(window.openProject(QString::fromStdString(url)));
            for (QWidget* w : adminWork(window)) {
                QVERIFY2(w->isEnabled(), qPrintable(w->objectName()));
                QVERIFY2(!w->toolTip().contains("right"), qPrintable(w->objectName() + ": " + w->toolTip()));
            }
            QVERIFY(importAction(window)->isEnabled());
        }
        auto cleanup = db::ProjectStore::open(url);
        db::connectionOf(*cleanup).exec("DROP OWNED BY " + bob + "; DROP ROLE " + bob);
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
