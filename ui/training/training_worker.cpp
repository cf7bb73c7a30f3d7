#include "ui/training/training_worker.h"

#include "core/util/error.h"
#include "db/evaluation_store.h"
#include "db/project_store.h"
#include "workflows/engine.h"
#include "workflows/score_pairs.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace rankpo::ui {
TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent)
{
    m_sinceDelivery.start();
}

TrainingWorker::~TrainingWorker()
{
    m_cancel.store(true);
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool TrainingWorker::start(const QString& projectPath, const workflows::TrainingRequest& request)
{
    return launch(projectPath, [this, path = projectPath.toStdString(), request]() {
        TrainingSummary summary;
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
        workflows::TrainingRequest r = request;
        r.cancel = &m_cancel;
        r.onProgress = [this](const TrainingProgress& p) { report(p); };
        const workflows::TrainingResult result = workflows::engine().trainModel(*store, r);
        summary.runs << QString::fromStdString(result.run.name);
        summary.baseModel = QString::fromStdString(result.run.baseModel);
        if (result.outcome.cancelled || result.run.status == db::RunStatus::Cancelled) {
            summary.outcome = TrainingSummary::Outcome::Cancelled;
            summary.message = QString::fromStdString(result.run.message);
            return summary;
        }
        if (result.evaluation)
            summary.evaluationId = result.evaluation->evaluationId;
        afterTraining(*store, r, result, summary, m_options.scorePairs);
        return summary;
    });
}

bool TrainingWorker::startSweep(const QString& projectPath, const workflows::SweepRequest& request)
{
    return launch(projectPath, [this, path = projectPath.toStdString(), request]() {
        TrainingSummary summary;
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
        workflows::SweepRequest r = request;
        r.cancel = &m_cancel;
        r.onProgress = [this](const TrainingProgress& p) { report(p); };
        const workflows::SweepResult result = workflows::engine().runSweep(*store, r);
        summary.sweep = QString::fromStdString(result.sweep);
        for (const auto& run : result.runs) {
            summary.runs << QString::fromStdString(run.run.name);
            summary.baseModel = QString::fromStdString(run.run.baseModel);
        }
        if (result.cancelled) {
            summary.outcome = TrainingSummary::Outcome::Cancelled;
            summary.message = tr("The sweep was cancelled after %n run(s).", nullptr, static_cast<int>(result.runs.size()));
            return summary;
        }
        if (!result.runs.empty()) {
            // No pair scores: a sweep makes many models, and the queue needs one model's scores.
            afterTraining(*store, r, result.runs.back(), summary, false);
        }
        return summary;
    });
}

bool TrainingWorker::launch(const QString& projectPath, std::function<TrainingSummary()> work)
{
    if (m_thread || projectPath.isEmpty())
        return false;
    m_cancel.store(false);
    m_summary = {};
    {
        QMutexLocker lock(&m_mutex);
        m_pending.clear();
    }
    m_thread = QThread::create([this, work = std::move(work)] {
        try {
            m_summary = work();
        } catch (const Error& e) {
            m_summary.outcome = e.kind() == ErrorKind::Cancelled ? TrainingSummary::Outcome::Cancelled
                                                                 : TrainingSummary::Outcome::Failed;
            m_summary.message = QString::fromUtf8(e.what());
        } catch (const std::exception& e) {
            m_summary.outcome = TrainingSummary::Outcome::Failed;
            m_summary.message = QString::fromUtf8(e.what());
        } catch (...) {
            m_summary.outcome = TrainingSummary::Outcome::Failed;
            m_summary.message = QStringLiteral("unknown error");
        }
    });
    m_thread->setObjectName(QStringLiteral("training"));
    connect(m_thread, &QThread::finished, this, [this] {
        QThread* thread = m_thread;
        m_thread = nullptr;
        thread->wait();
        delete thread;
        deliverProgress(); // what the worker reported last, before the end
        Q_EMIT finished(m_summary);
    }, Qt::QueuedConnection);
    m_thread->start(QThread::LowPriority); // the GUI and annotation stay smooth on a busy machine
    return true;
}

void TrainingWorker::cancel()
{
    m_cancel.store(true);
}

bool TrainingWorker::waitForFinished(int timeoutMs)
{
    if (!m_thread)
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &TrainingWorker::finished, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    loop.exec();
    return m_thread == nullptr;
}

void TrainingWorker::report(const TrainingProgress& p)
{
    {
        QMutexLocker lock(&m_mutex);
        m_pending.push_back(p);
    }
    if (m_deliveryQueued.exchange(true))
        return;
    // One delivery in flight at a time, at most one per throttle interval.
    QMetaObject::invokeMethod(this, [this] {
        const int wait = std::max<int>(0, m_options.throttleMs - static_cast<int>(m_sinceDelivery.elapsed()));
        QTimer::singleShot(wait, this, &TrainingWorker::deliverProgress);
    }, Qt::QueuedConnection);
}

void TrainingWorker::deliverProgress()
{
    std::vector<TrainingProgress> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_pending);
        m_deliveryQueued.store(false);
    }
    m_sinceDelivery.restart();
    if (!batch.empty())
        Q_EMIT progress(batch);
}

void TrainingWorker::afterTraining(db::ProjectStore& store, const workflows::TrainingRequest& request,
                                   const workflows::TrainingResult& result, TrainingSummary& summary, bool scorePairs)
{
    const TrainingConfig config = TrainingConfig::parseRecorded(result.run.configJson, "run '" + result.run.name + "'");
    workflows::EncodingOptions encoding = request;
    encoding.maxLengthJob = static_cast<std::size_t>(config.maxLengthJob);
    encoding.maxLengthCandidate = static_cast<std::size_t>(config.maxLengthCandidate);
    encoding.cancel = &m_cancel;
    const auto stage = [this](const char* phase) {
        return [this, phase](const std::string&, std::size_t done, std::size_t total) {
            TrainingProgress p;
            p.phase = phase;
            p.step = static_cast<std::int64_t>(done);
            p.totalSteps = static_cast<std::int64_t>(total);
            report(p);
        };
    };
    try {
        // The dashboard compares the trained model with its base: the base needs an evaluation too.
        if (m_options.evaluateBase && !result.run.baseModel.empty()
            && !db::EvaluationStore(store).latest(result.run.baseModel, "test")) {
            workflows::EvaluationOptions options;
            static_cast<workflows::EncodingOptions&>(options) = encoding;
            options.model = result.run.baseModel;
            options.progress = stage("evaluate base");
            workflows::engine().evaluateModel(store, options);
        }
        if (scorePairs && store.pairCount() > 0) {
            workflows::PairScoreOptions options;
            static_cast<workflows::EncodingOptions&>(options) = encoding;
            options.model = result.run.name;
            options.progress = stage("score");
            summary.scoredPairs = workflows::engine().scorePairs(store, options).pairs;
        }
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Cancelled)
            throw;
        summary.message = tr("The run finished; what came after it (evaluating the base model, scoring the pairs) was cancelled.");
    }
}

} // namespace rankpo::ui
