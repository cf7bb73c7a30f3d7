// A teammate's judgement, made through another connection (another app, `rankpo annotate`), reaches an open
// document's views within two seconds; writes that are not team work (a run's metrics, project info) and the
// document's own edits do not make the views reload.
#include "db/judgement_edits.h"
#include "db/pair_assignments.h"
#include "db/project_store.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/document/project_document.h"
#include "ui/pairs/pair_queue_model.h"

#include <QSignalSpy>

using namespace rankpo;
using namespace rankpo::ui;

class TestTeamChanges : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_settings); }

    void aTeammatesJudgementReachesTheQueueWithinTwoSeconds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("team.rankpo");
        std::vector<PairId> pairs;
        CandidateId c1 = 0;
        {
            test::ProjectBuilder b(path.toStdString());
            const JobId j = b.job("Data engineer");
            c1 = b.candidate("spark");
            for (int i = 0; i < 4; ++i)
                pairs.push_back(b.pair(j, c1, b.candidate("candidate " + std::to_string(i))));
            b.close();
        }
        ProjectDocument doc(ProjectDocument::openStore(path, false));
        doc.setAnnotator("alice");
        PairQueueModel queue;
        db::PairQueueQuery q;
        q.filters = db::NotJudgedYet;
        queue.setQuery(q);
        queue.setDocument(&doc);
        queue.waitForLoaded();
        QCOMPARE(queue.rowCount(), 4);
        QSignalSpy changed(&doc, &ProjectDocument::dataChanged);

        // Not team work: a setting written through another connection wakes nobody.
        db::ProjectStore::open(path.toStdString())->setInfo("training.note", "a run wrote its metrics");
        QTest::qWait(1300);
        QCOMPARE(changed.count(), 0);

        // Our own judgement: the queue hears of it as an edit, not as a teammate's change.
        QVERIFY(doc.judge(pairs[0], c1, Choice::First, 70, ""));
        QTest::qWait(1300);
        QCOMPARE(changed.count(), 0);

        // Bob, in his own app: a judgement through his own connection.
        QElapsedTimer clock;
        clock.start();
        {
            auto bob = db::ProjectStore::open(path.toStdString());
            Preference p;
            p.pairId = pairs[1];
            p.source = PreferenceSource::Human;
            p.annotator = "bob";
            p.shownFirst = c1;
            p.choice = Choice::Second;
            p.createdAt = 1;
            db::WriteTransaction tx(*bob);
            db::JudgementEdits(*bob).add(p);
            tx.commit();
        }
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() == 1, 2000);
        queue.waitForLoaded();
        QCOMPARE(queue.rowCount(), 2); // alice's own and bob's are judged now
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));

        // An assignment made by the team lead's script counts too.
        {
            auto lead = db::ProjectStore::open(path.toStdString());
            db::AssignmentRequest r;
            r.annotators = {"alice", "bob"};
            r.perPair = 1;
            db::PairAssignments(*lead).assign(r);
        }
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() == 2, 2000);
    }
};

QTEST_MAIN(TestTeamChanges)
#include "tst_team_changes.moc"
