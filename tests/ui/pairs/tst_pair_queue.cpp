// The pair queue: each filter, the "uncertain first" order, text search, and the lazy model over it.
#include "db/sqlite/sqlite_connection.h"
#include "db/store_access.h"
#include "core/util/error.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/pairs/assign_dialog.h"
#include "ui/pairs/pair_queue_page.h"
#include "db/pair_assignments.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include "db/pair_queue.h"
#include "ui/document/project_document.h"

using namespace rankpo;
using namespace rankpo::ui;
using test::Judgement;

namespace {

constexpr auto Ai = PreferenceSource::Ai;
constexpr auto Human = PreferenceSource::Human;

// Two jobs, six candidates, six pairs P1..P6 (ids 1..6):
//   P1 J1 C1-C2  AI C1 (90), alice C1              model: C1 .90 / C2 .50  margin .40, model C1
//   P2 J1 C1-C3  AI C3 (40), alice C1              model: C1 .90 / C3 .45  margin .45, model C1 (AI disagrees)
//   P3 J1 C2-C3  AI C2 (80)                        margin .05, model C2
//   P4 J2 C4-C5  AI C5 (55), bob tie               model: C4 .30 / C5 .31  margin .01, model C5
//   P5 J2 C4-C6  (no judgements)                   C6 .80: margin .50
//   P6 J2 C5-C6  AI C6 (95), bob C6                margin .49, model C6
struct Fixture {
    QTemporaryDir dir;
    QString path;

    Fixture()
    {
        path = dir.filePath("queue.rankpo");
        test::ProjectBuilder b(path.toStdString());
        const JobId j1 = b.job("Research fellow in graph neural networks, 100% on site, Manchester", "job-gnn");
        const JobId j2 = b.job("Lecturer in medieval manuscripts, Oxford", "job-medieval");
        const CandidateId c1 = b.candidate("<keyword>Graph neural networks</keyword>", "cand-1");
        const CandidateId c2 = b.candidate("<keyword>Message passing</keyword>", "cand-2");
        const CandidateId c3 = b.candidate("<keyword>Zebrafish imaging</keyword>", "cand-3");
        const CandidateId c4 = b.candidate("<keyword>Palaeography</keyword>", "cand-4");
        const CandidateId c5 = b.candidate("<keyword>Codicology</keyword>", "cand-5");
        const CandidateId c6 = b.candidate("<keyword>Medieval Latin</keyword>", "cand-6");
        b.pair(j1, c1, c2, {{Ai, "judge", true, Choice::First, 90}, {Human, "alice", false, Choice::Second, 80}});
        b.pair(j1, c1, c3, {{Ai, "judge", true, Choice::Second, 40}, {Human, "alice", true, Choice::First, 70}});
        b.pair(j1, c2, c3, {{Ai, "judge", false, Choice::Second, 80}});
        b.pair(j2, c4, c5, {{Ai, "judge", true, Choice::Second, 55}, {Human, "bob", true, Choice::Tie, 50}});
        b.pair(j2, c4, c6);
        b.pair(j2, c5, c6, {{Ai, "judge", true, Choice::Second, 95}, {Human, "bob", false, Choice::First, 90}});
        for (auto [job, c, s] : {std::tuple{j1, c1, .90}, {j1, c2, .50}, {j1, c3, .45}, {j2, c4, .30}, {j2, c5, .31}, {j2, c6, .80}})
            b.score("m", job, c, s);
        b.close();
    }

    std::vector<PairId> run(const db::PairQueueQuery& q) const
    {
        auto store = db::ProjectStore::open(path.toStdString(), db::ProjectStore::OpenMode::ReadOnly, false);
        return db::PairQueue(*store).select(q);
    }
};

using Ids = std::vector<PairId>;

} // namespace

Q_DECLARE_METATYPE(rankpo::db::PairQueueQuery)

class TestPairQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_settings); }

    void filters_data()
    {
        QTest::addColumn<db::PairQueueQuery>("query");
        QTest::addColumn<Ids>("expected");
        auto q = [](unsigned filters, const char* annotator = "alice") {
            db::PairQueueQuery query;
            query.filters = filters;
            query.annotator = annotator;
            query.scoreModel = "m";
            return query;
        };
        QTest::newRow("all") << q(0) << Ids{1, 2, 3, 4, 5, 6};
        QTest::newRow("not judged by alice") << q(db::NotJudgedByMe) << Ids{3, 4, 5, 6};
        QTest::newRow("not judged by bob") << q(db::NotJudgedByMe, "bob") << Ids{1, 2, 3, 5};
        QTest::newRow("not judged by a newcomer") << q(db::NotJudgedByMe, "carol") << Ids{1, 2, 3, 4, 5, 6};
        QTest::newRow("ai only") << q(db::AiOnly) << Ids{3};
        QTest::newRow("not judged yet") << q(db::NotJudgedYet) << Ids{5};
        QTest::newRow("not judged yet, not judged by alice") << q(db::NotJudgedYet | db::NotJudgedByMe) << Ids{5};
        QTest::newRow("human-ai disagreement (a tie counts)") << q(db::HumanAiDisagreement) << Ids{2, 4};
        QTest::newRow("low ai confidence") << q(db::LowAiConfidence) << Ids{2, 4};
        auto below41 = q(db::LowAiConfidence);
        below41.lowConfidenceBelow = 41;
        QTest::newRow("low ai confidence, threshold 41") << below41 << Ids{2};
        QTest::newRow("model-ai disagreement") << q(db::ModelAiDisagreement) << Ids{2};
        auto noModel = q(db::ModelAiDisagreement);
        noModel.scoreModel.clear();
        QTest::newRow("model-ai disagreement without a model") << noModel << Ids{};
        QTest::newRow("combined: low confidence, not judged by alice") << q(db::LowAiConfidence | db::NotJudgedByMe) << Ids{4};
    }
    void filters()
    {
        QFETCH(db::PairQueueQuery, query);
        QFETCH(Ids, expected);
        Fixture f;
        QCOMPARE(f.run(query), expected);
    }

    void uncertainFirst()
    {
        Fixture f;
        db::PairQueueQuery q;
        q.order = db::QueueOrder::UncertainFirst;
        q.scoreModel = "m";
        QCOMPARE(f.run(q), (Ids{4, 3, 1, 2, 6, 5}));
        q.scoreModel = "unknown-model"; // no scores: import order
        QCOMPARE(f.run(q), (Ids{1, 2, 3, 4, 5, 6}));
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Ids>("expected");
        QTest::newRow("job text, any case") << "MEDIEVAL manuscripts" << Ids{4, 5, 6};
        QTest::newRow("candidate text") << "zebrafish" << Ids{2, 3};
        QTest::newRow("external id") << "cand-6" << Ids{5, 6};
        QTest::newRow("percent is literal") << "100%" << Ids{1, 2, 3};
        QTest::newRow("percent does not match anything") << "n%e" << Ids{};
        QTest::newRow("underscore is literal") << "graph_neural" << Ids{};
        QTest::newRow("nothing") << "no such words" << Ids{};
    }
    void search()
    {
        QFETCH(QString, text);
        QFETCH(Ids, expected);
        Fixture f;
        db::PairQueueQuery q;
        q.search = text.toStdString();
        QCOMPARE(f.run(q), expected);
    }

    void cancelStopsTheQuery()
    {
        Fixture f;
        auto store = db::ProjectStore::open(f.path.toStdString(), db::ProjectStore::OpenMode::ReadOnly, false);
        std::atomic<bool> cancelled{true};
        db::PairQueueQuery q;
        q.order = db::QueueOrder::UncertainFirst;
        q.scoreModel = "m";
        // Six pairs finish before SQLite's progress handler fires; the flag is still honoured after.
        try {
            const auto ids = db::PairQueue(*store).select(q, &cancelled);
            QCOMPARE(ids.size(), std::size_t(6));
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Cancelled);
        }
    }

    // Assign…: the form's request, the work on a worker, then the page's queue shows the annotator's pairs first
    // and "Assigned to me" keeps only them.
    void assignFromThePageAndMyPairsComeFirst()
    {
        Fixture f;
        AssignDialog dialog({"alice", "bob"});
        auto r = dialog.request();
        QCOMPARE(r.annotators, (std::vector<std::string>{"alice", "bob"}));
        QCOMPARE(r.perPair, 2);
        QVERIFY(!r.rebalance && !r.split);
        dialog.annotatorsEdit()->setText(" alice , carol ");
        dialog.perPairBox()->setValue(1);
        dialog.rebalanceBox()->setChecked(true);
        r = dialog.request();
        QCOMPARE(r.annotators, (std::vector<std::string>{"alice", "carol"}));
        QCOMPARE(r.perPair, 1);
        QVERIFY(r.rebalance);

        ProjectDocument doc(ProjectDocument::openStore(f.path, false));
        doc.setAnnotator("carol");
        r.rebalance = false;
        const auto result = assignPairsOnWorker(nullptr, &doc, r);
        QVERIFY(result);
        QCOMPARE(result->assignmentsAdded, 6);
        Ids carols;
        for (PairId p = 1; p <= 6; ++p)
            if (db::PairAssignments(doc.store()).assigneesOf(p) == std::vector<std::string>{"carol"})
                carols.push_back(p);
        QCOMPARE(carols.size(), std::size_t(3));

        PairQueuePage page;
        page.setDocument(&doc);
        auto* table = page.findChild<QTableView*>("pairTable");
        QTRY_COMPARE(table->model()->rowCount(), 6);
        auto* model = static_cast<PairQueueModel*>(table->model());
        model->waitForLoaded();
        for (std::size_t i = 0; i < carols.size(); ++i)
            QCOMPARE(model->pairIdAt(static_cast<int>(i)), carols[i]);
        page.findChild<QCheckBox*>("assignedToMe")->setChecked(true);
        QTRY_COMPARE(table->model()->rowCount(), 3);
        // A bad request (k above the team's size) is refused: a message, nothing stored.
        r.perPair = 5;
        QTimer closer; // the error dialog is modal: close it when it shows
        bool shown = false;
        connect(&closer, &QTimer::timeout, [&shown] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible()) {
                    shown = box->informativeText().contains("between 1 and");
                    box->accept();
                }
        });
        closer.start(20);
        QVERIFY(!assignPairsOnWorker(nullptr, &doc, r));
        QVERIFY(shown);
        QCOMPARE(db::PairAssignments(doc.store()).progress().size(), std::size_t(2));
    }

    void modelRowsAndPaging()
    {
        Fixture f;
        ProjectDocument doc(ProjectDocument::openStore(f.path, false));
        doc.setAnnotator("alice");
        PairQueueModel model;
        model.setDocument(&doc);
        QVERIFY(model.isLoading());
        model.waitForLoaded();
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.pairIdAt(1), PairId(2));
        QCOMPARE(model.rowOfPair(5), 4);
        QCOMPARE(model.rowOfPair(99), -1);
        auto cell = [&](int row, int column) { return model.data(model.index(row, column)).toString(); };
        QCOMPARE(cell(0, PairQueueModel::PairColumn), QStringLiteral("P1"));
        QCOMPARE(cell(0, PairQueueModel::FirstColumn), QStringLiteral("cand-1"));
        QCOMPARE(cell(0, PairQueueModel::SecondColumn), QStringLiteral("cand-2"));
        QCOMPARE(cell(0, PairQueueModel::AiColumn), QStringLiteral("1"));
        QCOMPARE(cell(0, PairQueueModel::AiConfidenceColumn), QStringLiteral("90"));
        QCOMPARE(cell(0, PairQueueModel::MineColumn), QStringLiteral("1"));
        QCOMPARE(cell(1, PairQueueModel::AiColumn), QStringLiteral("2"));
        QCOMPARE(cell(1, PairQueueModel::MineColumn), QStringLiteral("1"));
        QCOMPARE(model.data(model.index(1, PairQueueModel::MineColumn), Qt::FontRole).value<QFont>().bold(), true);
        QCOMPARE(cell(3, PairQueueModel::MineColumn), QString()); // bob's, not alice's
        QCOMPARE(cell(3, PairQueueModel::PeopleColumn), QStringLiteral("1"));
        QCOMPARE(cell(4, PairQueueModel::AiColumn), QString());
        QCOMPARE(cell(2, PairQueueModel::MarginColumn), QStringLiteral("0.050"));
        QCOMPARE(model.data(model.index(2, 0), PairQueueModel::PairIdRole).toLongLong(), 3);

        // A judgement changes its row (and only reads that page again).
        QSignalSpy changed(&model, &PairQueueModel::dataChanged);
        QVERIFY(doc.judge(3, 3, Choice::First, 60, "C3 works on imaging"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 2);
        QCOMPARE(cell(2, PairQueueModel::MineColumn), QStringLiteral("2")); // C3 is the pair's second (larger id)

        // A new query replaces the rows once the worker has selected them.
        db::PairQueueQuery q;
        q.filters = db::NotJudgedByMe;
        q.annotator = "alice";
        model.setQuery(q);
        QCOMPARE(model.rowCount(), 6); // the old rows stay while loading
        model.waitForLoaded();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.pairIdAt(0), PairId(4));
    }

    void modelPagesAManyPairProject()
    {
        // Enough pairs for several pages: the cached window is bounded and rows read correctly anywhere.
        QTemporaryDir dir;
        const QString path = dir.filePath("many.rankpo");
        {
            test::ProjectBuilder b(path.toStdString());
            const JobId job = b.job("A job");
            std::vector<CandidateId> cands;
            for (int i = 0; i < 80; ++i)
                cands.push_back(b.candidate("profile " + std::to_string(i), "c" + std::to_string(i)));
            db::Transaction tx(rankpo::db::connectionOf(b.store()));
            db::ProjectWriter w(b.store());
            for (int i = 0; i < 80; ++i)
                for (int k = i + 1; k < 80; ++k)
                    w.addPair(job, cands[static_cast<std::size_t>(i)], cands[static_cast<std::size_t>(k)]);
            tx.commit();
        }
        ProjectDocument doc(ProjectDocument::openStore(path, false));
        PairQueueModel model;
        model.setDocument(&doc);
        model.waitForLoaded();
        QCOMPARE(model.rowCount(), 80 * 79 / 2);
        for (int row = 0; row < model.rowCount(); row += 7)
            QCOMPARE(model.data(model.index(row, PairQueueModel::PairColumn)).toString(), QStringLiteral("P%1").arg(row + 1));
        const int last = model.rowCount() - 1;
        QCOMPARE(model.data(model.index(last, PairQueueModel::FirstColumn)).toString(), QStringLiteral("c78"));
        QCOMPARE(model.data(model.index(last, PairQueueModel::SecondColumn)).toString(), QStringLiteral("c79"));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestPairQueue)
#include "tst_pair_queue.moc"
