#include "ui/common/background_task.h"

#include "core/util/error.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace rankpo::ui {

void TaskControl::setStatus(const QString& status)
{
    QMutexLocker lock(&m_mutex);
    m_status = status;
}

QString TaskControl::status() const
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

BackgroundTask::BackgroundTask(QObject* parent, TaskPriority priority) : QObject(parent)
{
    if (priority == TaskPriority::Idle) {
        m_idlePool = std::make_unique<QThreadPool>();
        m_idlePool->setMaxThreadCount(1);
        m_idlePool->setThreadPriority(QThread::IdlePriority);
    }
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_run)
            Q_EMIT progress(m_run->control.done(), m_run->control.total(), m_run->control.status());
    });
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &BackgroundTask::deliver);
}

BackgroundTask::~BackgroundTask()
{
    if (m_run)
        m_run->control.cancel();
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void BackgroundTask::start(Work work)
{
    if (m_run) {
        m_run->control.cancel();
        // The old run's outcome must not be delivered as the new one's.
        m_watcher.disconnect(this);
        m_watcher.waitForFinished();
        connect(&m_watcher, &QFutureWatcher<void>::finished, this, &BackgroundTask::deliver);
    }
    auto run = std::make_shared<Run>();
    m_run = run;
    QThreadPool* pool = m_idlePool ? m_idlePool.get() : QThreadPool::globalInstance();
    m_watcher.setFuture(QtConcurrent::run(pool, [run, work = std::move(work)] {
        try {
            work(run->control);
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::Cancelled) {
                run->control.cancel();
            } else {
                run->failed = true;
                run->error = QString::fromUtf8(e.what());
            }
        } catch (const std::exception& e) {
            run->failed = true;
            run->error = QString::fromUtf8(e.what());
        } catch (...) {
            run->failed = true;
            run->error = QStringLiteral("unknown error");
        }
    }));
    m_poll.start();
}

void BackgroundTask::cancel()
{
    if (m_run)
        m_run->control.cancel();
}

bool BackgroundTask::isRunning() const
{
    return m_run != nullptr;
}

void BackgroundTask::waitForFinished()
{
    if (!m_run)
        return;
    m_watcher.waitForFinished();
    // waitForFinished does not run the finished slot; deliver it now, once.
    if (m_run)
        deliver();
}

void BackgroundTask::deliver()
{
    auto run = std::move(m_run);
    m_run.reset();
    m_poll.stop();
    if (!run)
        return;
    if (run->failed)
        Q_EMIT failed(run->error);
    else if (run->control.cancelled())
        Q_EMIT cancelled();
    else
        Q_EMIT succeeded();
}

TaskResult runWithProgressDialog(QWidget* parent, const QString& title, const QString& label, BackgroundTask::Work work)
{
    QProgressDialog dialog(label, QObject::tr("Cancel"), 0, 0, parent);
    dialog.setWindowTitle(title);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    dialog.setAutoReset(false);
    dialog.setAutoClose(false);

    BackgroundTask task;
    TaskResult result;
    QEventLoop loop;
    QObject::connect(&task, &BackgroundTask::progress, &dialog, [&dialog, label](qint64 done, qint64 total, const QString& status) {
        if (total > 0) {
            // QProgressDialog takes ints: scale to per-mille.
            dialog.setMaximum(1000);
            dialog.setValue(static_cast<int>(1000 * done / total));
        }
        dialog.setLabelText(status.isEmpty() ? label : label + "\n" + status);
    });
    QObject::connect(&dialog, &QProgressDialog::canceled, &task, [&task, &dialog] {
        dialog.setLabelText(QObject::tr("Cancelling…"));
        task.cancel();
    });
    QObject::connect(&task, &BackgroundTask::succeeded, &loop, [&] { loop.quit(); });
    QObject::connect(&task, &BackgroundTask::cancelled, &loop, [&] {
        result.outcome = TaskOutcome::Cancelled;
        loop.quit();
    });
    QObject::connect(&task, &BackgroundTask::failed, &loop, [&](const QString& message) {
        result.outcome = TaskOutcome::Failed;
        result.message = message;
        loop.quit();
    });
    task.start(std::move(work));
    loop.exec();
    dialog.reset();
    return result;
}

} // namespace rankpo::ui
