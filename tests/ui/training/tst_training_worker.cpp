// The training page's worker on a tiny project and model: progress reaches the GUI thread in
// batches while the event loop keeps running, cancel records the run as cancelled, and a finished
// run is evaluated (with its base) and scores the pairs for the queue.
#include "db/evaluation_store.h"
#include "db/run_registry.h"
#include "tests/ui/training_fixtures.h"
#include "ui/document/project_document.h"
#include "ui/training/run_table_model.h"
#include "ui/training/training_charts.h"
#include "ui/training/training_form.h"
#include "ui/training/training_page.h"
#include "ui/training/training_worker.h"
#include "tests/ui/ui_fixtures.h"

#include <QPushButton>

#include <QElapsedTimer>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

workflows::TrainingRequest tinyRequest(const std::string& name)
{
    workflows::TrainingRequest r;
    r.model = test::kTinyModel;
    r.runName = name;
    r.device = "cpu";
    r.threads = 1;
    r.config = TrainingConfig::defaults(TrainingMethod::RankPO);
    // SimRankPO: the first progress is a training step (RankPO's reference scoring would come first), which the
    // cancel and chart checks below wait for.
    r.config.rankpo.referenceFree = true;
    r.config.numTrainEpochs = 1;
    r.config.perDeviceTrainBatchSize = 2;
    r.config.gradientAccumulationSteps = 1;
    r.config.maxLengthJob = 16;
    r.config.maxLengthCandidate = 16;
    r.maxLengthJob = 16;
    r.maxLengthCandidate = 16;
    r.source = PreferenceSource::Ai;
    return r;
}

} // namespace

class TestTrainingWorker : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString makeProject(const QString& name, int pairsPerJob)
    {
        const QString path = m_dir.filePath(name);
        auto store = db::ProjectStore::open(path.toStdString(), db::ProjectStore::OpenMode::Create);
        test::writeTrainingProject(*store, 8, 8, pairsPerJob);
        const auto stats = store->stats();
        if (stats.trainJobs == 0 || stats.testJobs == 0)
            qFatal("the fixture's split left a side empty");
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir);
    }

    void cancelRecordsTheRunAsCancelledAndTheLoopStaysResponsive()
    {
        const QString path = makeProject(QStringLiteral("cancel.rankpo"), 28); // 8 x 28 pairs: ~56 steps of 2
        TrainingWorker worker;
        worker.setOptions({false, false, 10});
        std::vector<TrainingProgress> seen;
        int batches = 0;
        connect(&worker, &TrainingWorker::progress, this, [&](const std::vector<TrainingProgress>& steps) {
            QCOMPARE(QThread::currentThread(), qApp->thread());
            ++batches;
            seen.insert(seen.end(), steps.begin(), steps.end());
            worker.cancel(); // as the Cancel button does, as soon as training is under way
        });
        std::optional<TrainingSummary> summary;
        connect(&worker, &TrainingWorker::finished, this, [&](const TrainingSummary& s) { summary = s; });
        // The GUI thread's timer keeps firing while the worker trains.
        QElapsedTimer clock;
        qint64 last = 0, longestGap = 0;
        int ticks = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] {
            ++ticks;
            longestGap = std::max(longestGap, clock.elapsed() - last);
            last = clock.elapsed();
        });
        tick.start(5);
        clock.start();
        QVERIFY(worker.start(path, tinyRequest("cancel-me")));
        QVERIFY(worker.isRunning());
        QVERIFY(!worker.start(path, tinyRequest("second"))); // one run at a time
        QVERIFY(worker.waitForFinished(60000));
        tick.stop();
        QVERIFY(summary.has_value());
        QVERIFY(summary->outcome == TrainingSummary::Outcome::Cancelled);
        QCOMPARE(summary->runs, QStringList{QStringLiteral("cancel-me")});
        QVERIFY(batches >= 1);
        QVERIFY(!seen.empty());
        QCOMPARE(seen.front().phase, std::string("train"));
        QVERIFY(seen.front().totalSteps >= 50);
        QVERIFY(seen.back().step < seen.front().totalSteps); // stopped before the end
        QVERIFY2(ticks >= 3, qPrintable(QString::number(ticks)));
        QVERIFY2(longestGap < 1000, qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(longestGap)));

        auto store = db::ProjectStore::open(path.toStdString());
        const auto run = db::RunRegistry(*store).find("cancel-me");
        QVERIFY(run.has_value());
        QVERIFY(run->status == db::RunStatus::Cancelled);
        QVERIFY(!db::RunRegistry(*store).metrics(run->id).empty());
    }

    void finishedRunIsEvaluatedAndScoresThePairs()
    {
        const QString path = makeProject(QStringLiteral("done.rankpo"), 3);
        TrainingWorker worker;
        worker.setOptions({true, true, 10});
        std::optional<TrainingSummary> summary;
        std::vector<std::string> phases;
        connect(&worker, &TrainingWorker::progress, this, [&](const std::vector<TrainingProgress>& steps) {
            for (const auto& s : steps)
                if (phases.empty() || phases.back() != s.phase)
                    phases.push_back(s.phase);
        });
        connect(&worker, &TrainingWorker::finished, this, [&](const TrainingSummary& s) { summary = s; });
        QVERIFY(worker.start(path, tinyRequest("tiny-run")));
        QVERIFY(worker.waitForFinished(120000));
        QVERIFY(summary.has_value());
        QVERIFY2(summary->outcome == TrainingSummary::Outcome::Done, qPrintable(summary->message));
        QVERIFY(summary->evaluationId.has_value());
        QCOMPARE(summary->scoredPairs, std::size_t(8 * 3));
        QVERIFY(std::find(phases.begin(), phases.end(), "train") != phases.end());
        QVERIFY(std::find(phases.begin(), phases.end(), "score") != phases.end());

        auto store = db::ProjectStore::open(path.toStdString());
        QVERIFY(db::RunRegistry(*store).find("tiny-run")->status == db::RunStatus::Done);
        db::EvaluationStore evaluations(*store);
        QVERIFY(evaluations.latest("tiny-run", "test").has_value());
        QVERIFY(evaluations.latest(summary->baseModel.toStdString(), "test").has_value()); // the base, for the dashboard
        // Every pair's two candidates, scored once per (job, candidate): 3 pairs over 4 candidates per job.
        QCOMPARE(test::countRows(*store, "SELECT count(*) FROM model_scores WHERE model = 'tiny-run'"), std::int64_t(8 * 4));
        QCOMPARE(test::countRows(*store, "SELECT count(*) FROM model_scores WHERE model = 'tiny-run' AND abs(score) > 1.0001"),
                 std::int64_t(0));
    }

    void pageStartsCancelsAndOffersResume()
    {
        const QString path = makeProject(QStringLiteral("page.rankpo"), 28);
        ProjectDocument doc(db::ProjectStore::open(path.toStdString()));
        TrainingPage page;
        page.setDocument(&doc);
        page.worker()->setOptions({false, false, 10});
        page.form()->setModels({{QString::fromUtf8(test::kTinyModel), QStringLiteral("tiny"), QStringLiteral("project"), {}}});
        TrainingConfig config = tinyRequest("").config;
        config.perDeviceTrainBatchSize = 1;
        page.form()->setConfig(config);
        QVERIFY(page.startButton()->isEnabled());
        QSignalSpy progress(page.worker(), &TrainingWorker::progress);
        QSignalSpy finished(page.worker(), &TrainingWorker::finished);
        page.startButton()->click();
        QVERIFY(page.worker()->isRunning());
        QVERIFY(!page.startButton()->isEnabled());
        QVERIFY(page.cancelButton()->isEnabled());
        QVERIFY(progress.wait(30000)); // the event loop runs meanwhile
        page.cancelButton()->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(page.runs()->rowCount(), 1);
        const auto& run = page.runs()->row(0).run;
        QVERIFY(run.status == db::RunStatus::Cancelled);
        QVERIFY(page.startButton()->isEnabled());
        QVERIFY(page.charts()->lossSeries()->count() > 0); // the run's recorded curve is shown
    }
};

QTEST_MAIN(TestTrainingWorker)
#include "tst_training_worker.moc"
