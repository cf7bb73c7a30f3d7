// The studio on a project of one million pairs: time to open it (to the first pair on screen), time
// to show the next pair (95th percentile), memory. Label `bench` (ctest -L bench). The project is
// generated once with ProjectWriter under the build folder (about 370 MB, 15 s).
//
// Goals (issue 6): open < 1 s, next pair p95 < 16 ms, memory < 300 MB.
#include "tests/ui/bench_project.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/annotate/annotation_page.h"
#include "ui/shell/app_settings.h"
#include "ui/shell/main_window.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/pairs/pair_queue_page.h"
#include "ui/document/project_document.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QUndoStack>

#include <algorithm>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

double megabytes(const char* field)
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(static_cast<int>(qstrlen(field))).trimmed().split(' ').front().toDouble() / 1024.0;
    }
    return -1;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

double ms(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

} // namespace

class TestStudioBenchmark : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings(m_settings);
        AppSettings().setAnnotator("bench-annotator");
        AppSettings().setAutoAdvance(true);
        const QString dir = QStringLiteral(RANKPO_BINARY_DIR "/bench-data");
        QDir().mkpath(dir);
        m_path = dir + "/million-pairs.rankpo";
        QElapsedTimer t;
        t.start();
        const bool existed = QFile::exists(m_path);
        test::ensureBenchProject(m_path.toStdString(), {});
        if (!existed)
            qInfo("generated the 1,000,000-pair project in %.1f s", ms(t) / 1000.0);
        m_baselineRss = megabytes("VmRSS:");
    }

    void openProject()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QElapsedTimer t;
        t.start();
        QVERIFY(m_window->openProject(m_path));
        const double storeOpen = ms(t);
        m_window->pairsPage()->model()->waitForLoaded();
        const double queueLoaded = ms(t);
        m_window->showPage(m_window->annotationPage());
        m_window->repaint();
        const double firstPair = ms(t);
        QCOMPARE(m_window->pairsPage()->model()->rowCount(), 1'000'000);
        QVERIFY(m_window->annotationPage()->currentPair() != 0);
        // SQLite's integrity check runs on a worker after the open (ProjectStore::checkIntegrity).
        m_window->waitForIntegrityCheck();
        const double checked = ms(t);
        QVERIFY(m_window->document()); // intact
        qInfo("open: %.0f ms to the first pair on screen (goal < 300 ms): store open %.0f ms, "
              "queue of 1,000,000 ids %.0f ms, first pair shown %.0f ms; the integrity check on its worker "
              "ended at %.0f ms",
              firstPair, storeOpen, queueLoaded - storeOpen, firstPair - queueLoaded, checked);
        QVERIFY2(firstPair < 3000, "opening is ten times over its 0.3 s goal");
    }

    void nextPair()
    {
        auto* page = m_window->annotationPage();
        QVERIFY(page->currentPair() != 0);
        std::vector<double> shown, painted, whole;
        for (int i = 0; i < 600; ++i) {
            QElapsedTimer t;
            t.start();
            page->skip(); // read (prefetched), texts formatted and highlighted, documents laid out
            shown.push_back(ms(t));
            // The next frame: Qt paints what changed (the update request of the window).
            QCoreApplication::sendPostedEvents(m_window.get(), QEvent::UpdateRequest);
            painted.push_back(ms(t));
            if (i % 2) {
                m_window->repaint(); // a bound: every widget of the window painted again
                whole.push_back(ms(t));
            }
            QCoreApplication::processEvents(); // between two key presses: the next pair is prefetched
        }
        qInfo("next pair: p50 %.2f ms, p95 %.2f ms, max %.2f ms over %zu pairs, shown and painted (goal p95 < 16 ms)",
              percentile(painted, 0.5), percentile(painted, 0.95), percentile(painted, 1.0), painted.size());
        qInfo("next pair, parts: shown before painting p50 %.2f ms, p95 %.2f ms; with the whole window repainted "
              "p50 %.2f ms, p95 %.2f ms", percentile(shown, 0.5), percentile(shown, 0.95), percentile(whole, 0.5),
              percentile(whole, 0.95));
        QVERIFY2(percentile(painted, 0.95) < 48, "the next pair is far over its 16 ms goal");
    }

    void nextPairBenchmark()
    {
        auto* page = m_window->annotationPage();
        QBENCHMARK {
            page->skip();
            QCoreApplication::sendPostedEvents(m_window.get(), QEvent::UpdateRequest);
            QCoreApplication::processEvents();
        }
    }

    void judgeAndAdvance()
    {
        auto* page = m_window->annotationPage();
        std::vector<double> times;
        for (int i = 0; i < 200; ++i) {
            QElapsedTimer t;
            t.start();
            page->choose(i % 3 == 0 ? Choice::Tie : i % 2 ? Choice::First : Choice::Second);
            QCoreApplication::sendPostedEvents(m_window.get(), QEvent::UpdateRequest);
            times.push_back(ms(t));
            QCoreApplication::processEvents();
        }
        qInfo("judge (a transaction through ProjectWriter) and show the next pair: p50 %.2f ms, p95 %.2f ms",
              percentile(times, 0.5), percentile(times, 0.95));
        // Undo them all: the cached project stays as generated for the next run.
        QUndoStack* undo = m_window->document()->undoStack();
        while (undo->canUndo())
            undo->undo();
        QCOMPARE(test::countRows(m_window->document()->store(), "SELECT count(*) FROM preferences WHERE annotator = 'bench-annotator'"),
                 std::int64_t(0));
    }

    void scrollTheQueue()
    {
        auto* model = m_window->pairsPage()->model();
        std::vector<double> times;
        for (int row = 0; row < 1'000'000; row += 49'999) {
            QElapsedTimer t;
            t.start();
            const QString job = model->data(model->index(row, PairQueueModel::JobColumn)).toString();
            times.push_back(ms(t));
            QVERIFY(!job.isEmpty());
        }
        qInfo("queue: a page of %d rows read anywhere in the million: p50 %.2f ms, max %.2f ms", PairQueueModel::kPageSize,
              percentile(times, 0.5), percentile(times, 1.0));
    }

    void filtersAndOrders()
    {
        auto* pairs = m_window->pairsPage();
        auto measure = [&](const char* what, auto apply) {
            QElapsedTimer t;
            t.start();
            apply();
            pairs->model()->waitForLoaded();
            qInfo("queue: %s: %d pairs in %.0f ms (on a worker)", what, pairs->model()->rowCount(), ms(t));
        };
        measure("not judged by me", [&] { pairs->setFilters(db::NotJudgedByMe); });
        measure("human-AI disagreement", [&] { pairs->setFilters(db::HumanAiDisagreement); });
        measure("low AI confidence", [&] { pairs->setFilters(db::LowAiConfidence); });
        measure("text search", [&] {
            pairs->setFilters(0);
            pairs->setSearchText("profile 1234)");
        });
        measure("uncertain first (1,000,000 margins sorted)", [&] {
            pairs->setSearchText(QString());
            pairs->setOrder(db::QueueOrder::UncertainFirst);
        });
        QCOMPARE(pairs->model()->rowCount(), 1'000'000);
    }

    void memory()
    {
        const double rss = megabytes("VmRSS:");
        const double peak = megabytes("VmHWM:");
        // Opening and annotating a million pairs never load the engine module (and with it libtorch, ~160 MB).
        QFile maps(QStringLiteral("/proc/self/maps"));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const bool torchMapped = maps.readAll().contains("libtorch");
        qInfo("memory: resident %.0f MB now, peak %.0f MB (goal < 150 MB); before opening %.0f MB; libtorch %s",
              rss, peak, m_baselineRss, torchMapped ? "loaded" : "not loaded");
        QVERIFY2(!torchMapped, "annotating loaded libtorch");
        QVERIFY2(peak < 300, "twice over the 150 MB memory goal");
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    QTemporaryDir m_settings;
    QString m_path;
    double m_baselineRss = 0;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestStudioBenchmark)
#include "tst_studio_benchmark.moc"
