// The keyboard annotation flow through the real main window: the stored winner under the randomised
// order, skip, tie, undo/redo, re-judging, blind mode, the AI review page and the annotator prompt.
#include "core/util/error.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/agreement/agreement_page.h"
#include "ui/annotate/annotation_page.h"
#include "ui/shell/app_settings.h"
#include "ui/shell/main_window.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/common/pair_html.h"
#include "ui/pairs/pair_queue_page.h"
#include "ui/annotate/pair_view.h"
#include "db/judgement_reader.h"
#include "ui/document/project_document.h"
#include "workflows/engine.h"

#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QTimer>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

constexpr int kPairs = 40;

// One job, kPairs pairs of distinct candidates; the AI judged every pair but the last ten, always
// preferring the pair's first (smaller id) candidate, shown first, with confidence 80.
QString makeProject(const QTemporaryDir& dir)
{
    const QString path = dir.filePath("flow.rankpo");
    test::ProjectBuilder b(path.toStdString());
    const JobId job = b.job("Job Title: Research Fellow in protein folding\nLocation: Manchester\n\nWe study protein folding "
                            "with molecular dynamics. Contact Dr Ada Smith, ada@example.org.");
    for (int i = 0; i < kPairs; ++i) {
        const CandidateId a = b.candidate("<keyword>protein folding<sep>topic " + std::to_string(i) + "</keyword><title>Paper "
                                          + std::to_string(i) + "</title><abstract>Abstract " + std::to_string(i) + "</abstract>");
        const CandidateId c = b.candidate("<keyword>other topic " + std::to_string(i) + "</keyword>");
        std::vector<test::Judgement> ai;
        if (i < kPairs - 10)
            ai.push_back({PreferenceSource::Ai, "judge", true, Choice::First, 80, "A fits the project."});
        b.pair(job, a, c, ai);
    }
    b.close();
    return path;
}

} // namespace

class TestAnnotationFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings(m_settings);
        AppSettings s;
        s.setAnnotator("tester");
        s.setBlindMode(true);
        s.setAutoAdvance(true);
        s.setMaskPersonalDetails(false);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = makeProject(*m_dir);
        m_window = std::make_unique<MainWindow>();
        m_window->annotationPage()->setSessionSeed(20250301);
        m_window->reviewPage()->setSessionSeed(20250301);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_window->openProject(m_path));
        m_window->pairsPage()->model()->waitForLoaded();
        m_window->showPage(m_window->annotationPage());
        QCOMPARE(page()->currentRow(), 0);
        QVERIFY(page()->hasFocus());
    }

    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void keysStoreTheWinnerUnderTheShownOrder()
    {
        auto* p = page();
        // 1: A (the candidate shown first) better.
        const PairId first = p->currentPair();
        const CandidateId shownA = p->shownFirst();
        QVERIFY(!p->aiChoiceVisible()); // blind until you choose
        QVERIFY(p->findChild<QLabel*>("aiSummary")->text().contains("Hidden"));
        QTest::keyClick(p, Qt::Key_1);
        auto mine = judgements(first);
        QCOMPARE(mine.size(), std::size_t(1));
        QCOMPARE(mine[0].shownFirst, shownA);
        QVERIFY(mine[0].choice == Choice::First);
        QCOMPARE(mine[0].winner(), shownA);
        QCOMPARE(mine[0].annotator, std::string("tester"));
        QCOMPARE(p->currentRow(), 1); // auto-advance

        // Right arrow: B better; the winner is the candidate shown second.
        const PairId second = p->currentPair();
        const CandidateId shownB = otherOf(second, p->shownFirst());
        QTest::keyClick(p, Qt::Key_Right);
        mine = judgements(second);
        QCOMPARE(mine.size(), std::size_t(1));
        QVERIFY(mine[0].choice == Choice::Second);
        QCOMPARE(mine[0].winner(), shownB);

        // Down arrow: tie.
        const PairId third = p->currentPair();
        QTest::keyClick(p, Qt::Key_Down);
        QVERIFY(judgements(third).at(0).choice == Choice::Tie);

        // Space skips without storing anything.
        const PairId skipped = p->currentPair();
        QTest::keyClick(p, Qt::Key_Space);
        QVERIFY(judgements(skipped).empty());
        QCOMPARE(p->currentRow(), 4);

        // 2 with a confidence and a rationale.
        const PairId fifth = p->currentPair();
        p->setConfidence(35);
        p->setRationale("B's methods match");
        QTest::keyClick(p, Qt::Key_2);
        mine = judgements(fifth);
        QCOMPARE(mine.size(), std::size_t(1));
        QCOMPARE(*mine[0].confidence, 35);
        QCOMPARE(mine[0].rationale, std::string("B's methods match"));
        QCOMPARE(humanCount(), std::int64_t(4));
        QVERIFY(p->findChild<QLabel*>("progressLabel")->text().contains("6</b> of 40"));
    }

    // The annotator's app never loads libtorch: opening, annotating and reviewing stay off the engine module.
    void annotatingNeverLoadsTheEngine()
    {
        auto* p = page();
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(p, Qt::Key_1);
        m_window->showPage(m_window->reviewPage());
        m_window->showPage(m_window->pairsPage());
        QVERIFY(!workflows::engineLoaded());
        QFile maps(QStringLiteral("/proc/self/maps"));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY2(!mapped.contains("libtorch") && !mapped.contains("libc10"), "libtorch is mapped into the process");
    }

    void orderIsRandomisedPerPairAndStable()
    {
        auto* p = page();
        auto* model = m_window->pairsPage()->model();
        int loFirst = 0;
        std::vector<CandidateId> shown;
        for (int row = 0; row < kPairs; ++row) {
            p->showRow(row);
            const auto pair = m_window->document()->pair(p->currentPair());
            QVERIFY(pair);
            QVERIFY(p->shownFirst() == pair->lo.id || p->shownFirst() == pair->hi.id);
            loFirst += p->shownFirst() == pair->lo.id ? 1 : 0;
            shown.push_back(p->shownFirst());
        }
        // A fair coin per pair: 40 tosses landing 12..28 times on one side has probability > 0.98; the
        // seed is fixed, so this is deterministic.
        QVERIFY2(loFirst >= 12 && loFirst <= 28, qPrintable(QString::number(loFirst)));
        // Coming back shows the same order.
        for (int row = 0; row < kPairs; row += 9) {
            p->showRow(row);
            QCOMPARE(p->shownFirst(), shown[static_cast<std::size_t>(row)]);
        }
        QCOMPARE(model->rowCount(), kPairs);
    }

    void undoRemovesAndGoesBack()
    {
        auto* p = page();
        const PairId a = p->currentPair();
        QTest::keyClick(p, Qt::Key_1);
        const PairId b = p->currentPair();
        QTest::keyClick(p, Qt::Key_3);
        QCOMPARE(humanCount(), std::int64_t(2));
        QCOMPARE(p->currentRow(), 2);

        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(humanCount(), std::int64_t(1));
        QVERIFY(judgements(b).empty());
        QCOMPARE(p->currentPair(), b); // back to the pair whose judgement was undone
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(humanCount(), std::int64_t(0));
        QCOMPARE(p->currentPair(), a);

        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); // redo
        QCOMPARE(judgements(a).size(), std::size_t(1));
        QVERIFY(judgements(a)[0].choice == Choice::First);
    }

    void rejudgingReplacesAndUndoRestores()
    {
        auto* p = page();
        const PairId pair = p->currentPair();
        const CandidateId shownA = p->shownFirst();
        QTest::keyClick(p, Qt::Key_1);
        p->showRow(0);
        QCOMPARE(p->shownFirst(), shownA); // your own judgement fixes the order
        QVERIFY(p->aiChoiceVisible());    // judged: the AI's choice is no longer hidden
        QTest::keyClick(p, Qt::Key_2);
        auto mine = judgements(pair);
        QCOMPARE(mine.size(), std::size_t(1)); // one current judgement per person and pair
        QVERIFY(mine[0].choice == Choice::Second);
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        mine = judgements(pair);
        QCOMPARE(mine.size(), std::size_t(1));
        QVERIFY(mine[0].choice == Choice::First);
    }

    void deleteRemovesYourJudgement()
    {
        auto* p = page();
        const PairId pair = p->currentPair();
        QTest::keyClick(p, Qt::Key_1);
        p->showRow(0);
        QTest::keyClick(p, Qt::Key_Delete);
        QVERIFY(judgements(pair).empty());
        QCOMPARE(countRows("SELECT count(*) FROM preferences WHERE source = 'ai'"), std::int64_t(kPairs - 10)); // the AI's stays
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(judgements(pair).size(), std::size_t(1));
    }

    void maskingHidesPersonalDetailsOnlyOnScreen()
    {
        auto* p = page();
        p->setMaskPersonalDetails(false);
        QVERIFY(p->pairView()->jobTextShown().contains("ada@example.org"));
        p->setMaskPersonalDetails(true);
        const QString shown = p->pairView()->jobTextShown();
        QVERIFY(!shown.contains("ada@example.org"));
        QVERIFY(!shown.contains("Ada Smith"));
        QVERIFY(shown.contains("[email]"));
        QVERIFY(shown.contains("[name]"));
        const auto job = m_window->document()->store().job(1);
        QVERIFY(QString::fromStdString(job->text).contains("Contact Dr Ada Smith, ada@example.org.")); // stored as it was
        p->setMaskPersonalDetails(false);
    }

    void sharedTermsAreHighlighted()
    {
        auto* p = page();
        const auto pair = m_window->document()->pair(p->currentPair());
        // "protein folding" is in the JD and in the keywords of the pair's first candidate.
        const int side = p->shownFirst() == pair->lo.id ? 0 : 1;
        const QString mark = HtmlColors::fromPalette(p->pairView()->palette()).highlight;
        QVERIFY(p->pairView()->candidateHtmlShown(side).contains(mark));
        QVERIFY(p->pairView()->jobHighlights().contains("protein"));
        QVERIFY(p->pairView()->jobHighlights().contains("folding"));
        QVERIFY(p->pairView()->jobFactsShown().contains("Research Fellow in protein folding"));
        QVERIFY(p->pairView()->jobFactsShown().contains("Manchester"));
        QVERIFY(!p->pairView()->candidateHtmlShown(1 - side).contains(mark)); // "other topic N" shares nothing
    }

    void blindModeCanBeTurnedOff()
    {
        auto* p = page();
        QVERIFY(!p->aiChoiceVisible());
        p->setBlindMode(false);
        QVERIFY(p->aiChoiceVisible());
        QVERIFY(p->findChild<QLabel*>("aiSummary")->text().contains("judge"));
        QCOMPARE(AppSettings().blindMode(), false);
        p->setBlindMode(true);
    }

    void rationaleBoxKeepsItsKeys()
    {
        auto* p = page();
        auto* edit = p->findChild<QLineEdit*>("rationaleEdit");
        edit->setFocus();
        QTest::keyClicks(edit, "1 2 3");
        QCOMPARE(edit->text(), QStringLiteral("1 2 3"));
        QCOMPARE(humanCount(), std::int64_t(0)); // typing is not judging
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(p->hasFocus());
        const PairId pair = p->currentPair();
        QTest::keyClick(p, Qt::Key_1);
        QCOMPARE(judgements(pair).at(0).rationale, std::string("1 2 3"));
    }

    void reviewPageAgreesWithOneKey()
    {
        m_window->showPage(m_window->reviewPage());
        auto* review = m_window->reviewPage();
        review->queue()->waitForLoaded();
        QCOMPARE(review->queue()->rowCount(), kPairs - 10); // AI only: every AI-judged pair, none judged by people
        QVERIFY(review->currentPair() != 0);
        QVERIFY(review->aiChoiceVisible());
        const PairId pair = review->currentPair();
        const auto details = m_window->document()->pair(pair);
        QTest::keyClick(review, Qt::Key_Return);
        const auto mine = judgements(pair);
        QCOMPARE(mine.size(), std::size_t(1));
        QCOMPARE(mine[0].winner(), details->lo.id); // the AI preferred the pair's first candidate
        QVERIFY(mine[0].source == PreferenceSource::Human);
        // 2 overrides: B better, whatever the AI said.
        const PairId next = review->currentPair();
        QVERIFY(next != pair);
        const CandidateId shownB = otherOf(next, review->shownFirst());
        QTest::keyClick(review, Qt::Key_2);
        QCOMPARE(judgements(next).at(0).winner(), shownB);
    }

    void agreementPageFindsTheDisagreementAndResolvesIt()
    {
        auto* p = page();
        // Judge the first pair against the AI (which preferred the pair's smaller candidate id) and the
        // second one with it.
        const PairId against = p->currentPair();
        const auto details = m_window->document()->pair(against);
        QTest::keyClick(p, p->shownFirst() == details->lo.id ? Qt::Key_2 : Qt::Key_1);
        const PairId with = p->currentPair();
        QTest::keyClick(p, p->shownFirst() == m_window->document()->pair(with)->lo.id ? Qt::Key_1 : Qt::Key_2);

        auto* agreement = m_window->agreementPage();
        m_window->showPage(agreement);
        agreement->waitForComputed();
        const AgreementSummary& s = agreement->summary();
        QCOMPARE(s.sharedPairs, std::int64_t(2));
        QCOMPARE(s.agreements, std::int64_t(1));
        QCOMPARE(s.disagreementCount, std::int64_t(1));
        QCOMPARE(s.disagreements.at(0).pair, against);
        auto* table = agreement->findChild<QTableWidget*>("disagreementTable");
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("P%1").arg(against));

        Q_EMIT agreement->resolveRequested(against);
        QCOMPARE(m_window->currentPage(), static_cast<StudioPage*>(p));
        m_window->pairsPage()->model()->waitForLoaded();
        QCOMPARE(m_window->pairsPage()->model()->rowCount(), 1); // the queue now holds the disagreements
        QCOMPARE(p->currentPair(), against);
        QCOMPARE(p->currentRow(), 0);
    }

    void annotatorIsAskedOnceAndRemembered()
    {
        AppSettings().setAnnotator(QString());
        m_window->document()->setAnnotator(QString());
        int asked = 0;
        auto answer = [&asked] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            ++asked;
            dialog->setTextValue("zoe");
            dialog->accept();
        };
        QTimer::singleShot(200, this, answer);
        auto* p = page();
        const PairId pair = p->currentPair();
        QTest::keyClick(p, Qt::Key_1);
        QCOMPARE(asked, 1);
        QCOMPARE(m_window->document()->annotator(), QStringLiteral("zoe"));
        QCOMPARE(AppSettings().annotator(), QStringLiteral("zoe"));
        QCOMPARE(db::JudgementReader(m_window->document()->store()).ofPairBy(pair, PreferenceSource::Human, "zoe").size(), std::size_t(1));
        m_window->activateWindow(); // the offscreen platform has no window manager to do it
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(p->hasFocus());
        QTest::keyClick(p, Qt::Key_1); // no second question
        QCOMPARE(asked, 1);
        QCOMPARE(countRows("SELECT count(*) FROM preferences WHERE annotator = 'zoe'"), std::int64_t(2));
        AppSettings().setAnnotator("tester");
    }

private:
    AnnotationPage* page() const { return m_window->annotationPage(); }

    std::vector<Preference> judgements(PairId pair) const
    {
        return db::JudgementReader(m_window->document()->store()).ofPairBy(pair, PreferenceSource::Human, m_window->document()->annotator().toStdString());
    }
    CandidateId otherOf(PairId pair, CandidateId candidate) const
    {
        const auto details = m_window->document()->pair(pair);
        return details->other(candidate);
    }
    std::int64_t countRows(const std::string& sql) const { return test::countRows(m_window->document()->store(), sql); }
    std::int64_t humanCount() const { return countRows("SELECT count(*) FROM preferences WHERE source = 'human'"); }

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestAnnotationFlow)
#include "tst_annotation_flow.moc"
