// "Make pairs…" on the Pairs page: the dialog's options (defaults as `rankpo make-pairs`), the work on a worker
// through the engine module with the tiny model (pairs stored with their ranks, none made twice), and the Pairs
// page's "Not judged yet" filter listing what was made.
#include "tests/ui/ui_fixtures.h"
#include "ui/common/model_choices.h"
#include "ui/document/project_document.h"
#include "ui/pairs/make_pairs_dialog.h"
#include "ui/pairs/pair_queue_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

using namespace rankpo;

class TestMakePairsDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_settings); }

    void optionsFromTheForm()
    {
        const QList<ui::ModelChoice> models{{"all-MiniLM-L6-v2", "all-MiniLM-L6-v2 — pretrained", "built-in", {}},
                                            {"rankpo-1", "rankpo-1 — RankPO run", "run", "rankpo"}};
        ui::MakePairsDialog dialog(models);
        auto o = dialog.options();
        QCOMPARE(o.model, std::string("all-MiniLM-L6-v2"));
        QVERIFY(o.strategy == PairStrategy::Paper);
        QCOMPARE(o.perJob, 10);
        QCOMPARE(o.top, 100);
        QCOMPARE(o.seed, std::uint64_t(42));
        QVERIFY(!o.split);
        dialog.modelBox()->setCurrentIndex(1);
        dialog.strategyBox()->setCurrentIndex(dialog.strategyBox()->findData("uncertain"));
        dialog.perJobBox()->setValue(3);
        dialog.topBox()->setValue(5);
        dialog.seedBox()->setValue(7);
        dialog.findChild<QComboBox*>("split")->setCurrentIndex(2);
        o = dialog.options();
        QCOMPARE(o.model, std::string("rankpo-1"));
        QVERIFY(o.strategy == PairStrategy::Uncertain);
        QCOMPARE(o.perJob, 3);
        QCOMPARE(o.top, 5);
        QCOMPARE(o.seed, std::uint64_t(7));
        QVERIFY(*o.split == Split::Test);
    }

    void makesPairsOnAWorkerAndTheQueueShowsThem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("make.rankpo");
        {
            test::ProjectBuilder b(path.toStdString());
            const JobId j = b.job("postdoc in protein folding", "J1");
            b.job("lecturer in ocean physics", "J2");
            const CandidateId c1 = b.candidate("protein folding and structure", "C1");
            const CandidateId c2 = b.candidate("ocean climate models", "C2");
            b.candidate("graph theory", "C3");
            b.candidate("machine learning for proteins", "C4");
            b.pair(j, c1, c2, {{PreferenceSource::Ai, "judge", true, Choice::First, 80}});
            b.close();
        }
        ui::ProjectDocument document(ui::ProjectDocument::openStore(path, false));
        workflows::MakePairsOptions options;
        options.model = RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert";
        options.device = "cpu";
        options.perJob = 2;
        options.top = 4;
        const auto result = ui::makePairsOnWorker(nullptr, &document, options);
        QVERIFY(result);
        QCOMPARE(result->added, std::size_t(4));
        QCOMPARE(test::countRows(document.store(), "SELECT count(*) FROM pairs WHERE rank_lo IS NOT NULL AND "
                                                   "rank_hi IS NOT NULL AND strategy = 'paper'"),
                 std::int64_t(4));
        QCOMPARE(document.store().stats().pairsUnjudged, std::int64_t(4));

        ui::PairQueuePage page;
        page.setDocument(&document);
        page.setFilters(db::NotJudgedYet);
        QVERIFY(page.findChild<QCheckBox*>("notJudgedYet")->isChecked());
        auto* table = page.findChild<QTableView*>("pairTable");
        QTRY_COMPARE(table->model()->rowCount(), 4);
        page.setFilters(0);
        QTRY_COMPARE(table->model()->rowCount(), 5);
    }
};

QTEST_MAIN(TestMakePairsDialog)
#include "tst_make_pairs_dialog.moc"
