// The Adjudicate page: the disagreements listed with every judgement and rationale, a decision by key or button
// stored under the annotator's name, the pair leaving the list, undo putting it back, withdrawal.
#include "db/adjudications.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/adjudicate/adjudication_page.h"
#include "ui/document/project_document.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>

using namespace rankpo;
using namespace rankpo::ui;

class TestAdjudicationPage : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_settings); }

    void decideUndoAndWithdraw()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("review.rankpo");
        PairId disputed = 0, againstAi = 0;
        CandidateId hi = 0;
        {
            test::ProjectBuilder b(path.toStdString());
            const JobId j = b.job("Lecturer in computational linguistics", "J1");
            const CandidateId c1 = b.candidate("<keyword>Parsing</keyword>", "C1");
            const CandidateId c2 = b.candidate("<keyword>Phonology</keyword>", "C2");
            const CandidateId c3 = b.candidate("<keyword>Semantics</keyword>", "C3");
            hi = c2;
            const auto H = PreferenceSource::Human;
            disputed = b.pair(j, c1, c2, {{H, "alice", true, Choice::First, 80, "parsing is the post"},
                                          {H, "bob", true, Choice::Second, 60, "phonology is asked for"}});
            b.pair(j, c1, c3, {{H, "alice", true, Choice::First, 70}, {H, "bob", false, Choice::Second, 70}});
            againstAi = b.pair(j, c2, c3, {{H, "alice", true, Choice::First, 70},
                                           {PreferenceSource::Ai, "judge", true, Choice::Second, 90, "C3"}});
            b.close();
        }
        ProjectDocument doc(ProjectDocument::openStore(path, false));
        doc.setAnnotator("rita");
        AdjudicationPage page;
        page.setDocument(&doc);
        page.waitForLoaded();
        QCOMPARE(page.listedPairs(), std::vector<PairId>{disputed});
        auto* table = page.findChild<QTableWidget*>("judgements");
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(1, 4)->text(), QString("phonology is asked for"));
        QCOMPARE(table->item(1, 1)->text(), QString("C%1").arg(hi));

        page.findChild<QCheckBox*>("withAi")->setChecked(true);
        page.waitForLoaded();
        QCOMPARE(page.listedPairs(), (std::vector<PairId>{disputed, againstAi}));

        // Decide the disputed pair: its second candidate, with a note.
        page.selectPair(disputed);
        page.findChild<QLineEdit*>("decisionNote")->setText("the advert asks for phonology");
        page.findChild<QPushButton*>("decideSecond")->click();
        auto stored = db::Adjudications(doc.store()).of(disputed);
        QVERIFY(stored);
        QCOMPARE(*stored->winner, hi);
        QCOMPARE(stored->reviewer, std::string("rita"));
        QCOMPARE(stored->note, std::string("the advert asks for phonology"));
        page.activate(); // the page is not on screen: it reloads when shown
        page.waitForLoaded();
        QCOMPARE(page.listedPairs(), std::vector<PairId>{againstAi});

        // Undo: no decision, the pair is back.
        doc.undoStack()->undo();
        QVERIFY(!db::Adjudications(doc.store()).of(disputed));
        page.activate();
        page.waitForLoaded();
        QCOMPARE(page.listedPairs(), (std::vector<PairId>{disputed, againstAi}));

        // Show decided: a tie decision stays listed, and can be withdrawn.
        page.findChild<QCheckBox*>("showDecided")->setChecked(true);
        page.waitForLoaded();
        page.selectPair(againstAi);
        QVERIFY(page.decideCurrent(-1));
        page.activate();
        page.waitForLoaded();
        page.selectPair(againstAi);
        QVERIFY(page.findChild<QLabel*>("decision")->text().contains("a tie"));
        auto* withdraw = page.findChild<QPushButton*>("withdrawDecision");
        QVERIFY(withdraw->isEnabled());
        withdraw->click();
        QVERIFY(!db::Adjudications(doc.store()).of(againstAi));
    }

    void noReviewerNameStoresNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("noname.rankpo");
        {
            test::ProjectBuilder b(path.toStdString());
            const JobId j = b.job("job");
            const CandidateId c1 = b.candidate("a"), c2 = b.candidate("b");
            b.pair(j, c1, c2, {{PreferenceSource::Human, "alice", true, Choice::First, 50},
                               {PreferenceSource::Human, "bob", true, Choice::Second, 50}});
            b.close();
        }
        ProjectDocument doc(ProjectDocument::openStore(path, false));
        AdjudicationPage page;
        int asked = 0;
        connect(&page, &AdjudicationPage::annotatorNeeded, [&asked] { ++asked; });
        page.setDocument(&doc);
        page.waitForLoaded();
        QVERIFY(!page.decideCurrent(0));
        QCOMPARE(asked, 1);
        QVERIFY(db::Adjudications(doc.store()).all().empty());
    }
};

QTEST_MAIN(TestAdjudicationPage)
#include "tst_adjudication_page.moc"
