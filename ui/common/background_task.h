#pragma once

#include <QFutureWatcher>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

class QWidget;

namespace rankpo::ui {

// Shared between a worker thread and the GUI. The worker writes progress into atomics (no lock, no
// signal per step) and checks cancelled() between steps; the GUI polls on a timer, so a fast worker
// cannot flood the event loop (PlotJuggler's pattern).
class TaskControl {
public:
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    void cancel() { m_cancelled.store(true); }
    // For code that polls a plain flag (SQLite's progress handler).
    const std::atomic<bool>* cancelFlag() const { return &m_cancelled; }
    void setProgress(std::int64_t done, std::int64_t total)
    {
        m_done.store(done, std::memory_order_relaxed);
        m_total.store(total, std::memory_order_relaxed);
    }
    std::int64_t done() const { return m_done.load(std::memory_order_relaxed); }
    std::int64_t total() const { return m_total.load(std::memory_order_relaxed); }
    void setStatus(const QString& status);
    QString status() const;

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<std::int64_t> m_done{0};
    std::atomic<std::int64_t> m_total{0};
    mutable QMutex m_mutex;
    QString m_status;
};

// Runs one piece of heavy work on the thread pool (QtConcurrent) and reports back on the GUI thread.
// The work throws to fail (rankpo::Error of kind Cancelled, or returning after cancel(), counts as
// cancelled). The destructor cancels and waits, so no worker outlives its owner. A worker must use
// its own SQLite connection: connections are never shared across threads.
//
// Idle priority runs the work on a thread of its own that the scheduler gives only cores nobody else wants
// (SCHED_IDLE on Linux): for checks behind what is on screen, which on two cores would otherwise slow it.
enum class TaskPriority { Normal, Idle };

class BackgroundTask : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(TaskControl& control)>;

    explicit BackgroundTask(QObject* parent = nullptr, TaskPriority priority = TaskPriority::Normal);
    ~BackgroundTask() override;

    // Starts `work`; a task still running is cancelled first and its outcome is dropped.
    void start(Work work);
    void cancel();
    bool isRunning() const;
    // Blocks until the current work has finished and its outcome was delivered (for tests and shutdown).
    void waitForFinished();

Q_SIGNALS:
    void progress(qint64 done, qint64 total, const QString& status);
    void succeeded();
    void failed(const QString& message);
    void cancelled();

private:
    void deliver();

    struct Run {
        TaskControl control;
        QString error;
        bool failed = false;
    };
    // Declared before the watcher: destroyed after it, once the work has finished. Null for normal priority
    // (the global pool); a pool of one idle thread otherwise (a pool's threads keep the priority they start with,
    // so idle work never shares the global pool's threads).
    std::unique_ptr<QThreadPool> m_idlePool;
    std::shared_ptr<Run> m_run;
    QFutureWatcher<void> m_watcher;
    QTimer m_poll;
};

enum class TaskOutcome { Succeeded, Cancelled, Failed };

struct TaskResult {
    TaskOutcome outcome = TaskOutcome::Succeeded;
    QString message;
};

// Runs `work` off the GUI thread behind a modal progress dialog with a Cancel button, and returns
// when it is over. The dialog shows `label` and the work's progress (done/total; busy while total is 0).
TaskResult runWithProgressDialog(QWidget* parent, const QString& title, const QString& label,
                                 BackgroundTask::Work work);

} // namespace rankpo::ui
