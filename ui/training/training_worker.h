#pragma once

#include "core/training/training_progress.h"
#include "workflows/training_workflow.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>
#include <vector>

class QThread;

namespace rankpo::ui {

// What a training (or a sweep) ended with, on the GUI thread.
struct TrainingSummary {
    enum class Outcome { Done, Cancelled, Failed };
    Outcome outcome = Outcome::Done;
    QString message;                 // the error, or why it stopped
    QString baseModel;               // as the run recorded it
    QStringList runs;                // the run's name (a sweep: every run it made)
    QString sweep;                   // a sweep's name
    std::optional<qint64> evaluationId; // the trained model's final evaluation (a single run)
    std::size_t scoredPairs = 0;     // pairs the trained model scored for the queue
};

// Runs trainModel (or runSweep) on its own QThread with its own connection to the project (SQLite
// connections never cross threads; WAL lets the GUI read and write judgements meanwhile). The
// trainer's per-step progress is collected on the worker and handed to the GUI thread at most every
// `throttleMs` as one batch, so a fast trainer cannot flood the event loop. After a run that finished
// it evaluates the base model when the project has no evaluation of it (for the before/after
// dashboard) and scores the pairs with the trained model (for the queue's "uncertain first").
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override; // cancels and waits

    struct Options {
        bool evaluateBase = true;
        bool scorePairs = true;
        int throttleMs = 100;
    };
    void setOptions(const Options& options) { m_options = options; }

    // Starts a run; false (and nothing starts) while one is running. request.onProgress and
    // request.cancel are the worker's own.
    bool start(const QString& projectPath, const workflows::TrainingRequest& request);
    bool startSweep(const QString& projectPath, const workflows::SweepRequest& request);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    bool isCancelling() const { return m_cancel.load(); }
    // Blocks (processing events) until the run is over: tests.
    bool waitForFinished(int timeoutMs);

Q_SIGNALS:
    // A batch of the trainer's reports (each logged step, phase changes), in order, on the GUI thread.
    void progress(const std::vector<rankpo::TrainingProgress>& steps);
    void finished(const rankpo::ui::TrainingSummary& summary);

private:
    bool launch(const QString& projectPath, std::function<TrainingSummary()> work);
    void report(const TrainingProgress& p); // worker thread
    void deliverProgress();                 // GUI thread
    void afterTraining(db::ProjectStore& store, const workflows::TrainingRequest& request,
                       const workflows::TrainingResult& result, TrainingSummary& summary, bool scorePairs);

    Options m_options;
    QThread* m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_deliveryQueued{false};
    QMutex m_mutex;
    std::vector<TrainingProgress> m_pending;
    QElapsedTimer m_sinceDelivery;
    TrainingSummary m_summary;
};

} // namespace rankpo::ui
