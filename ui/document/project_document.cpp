#include "ui/document/project_document.h"

#include "core/util/client_id.h"
#include "db/change_watch.h"
#include "db/store_unavailable.h"
#include "ui/common/error_dialog.h"
#include "db/project_store.h"
#include "ui/common/project_location.h"
#include "ui/document/add_preference_command.h"
#include "ui/document/decide_pair_command.h"
#include "db/judgement_outbox.h"
#include "db/judgement_reader.h"
#include "db/model_score_store.h"
#include "ui/document/remove_preference_command.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>

#include <ctime>

namespace rankpo::ui {
namespace {

constexpr std::size_t kCachedPairs = 8;

} // namespace

std::unique_ptr<db::ProjectStore> ProjectDocument::openStore(const QString& path, bool create, bool checkIntegrity)
{
    return db::ProjectStore::open(path.toStdString(),
                                  create ? db::ProjectStore::OpenMode::Create : db::ProjectStore::OpenMode::OpenExisting,
                                  checkIntegrity);
}

void ProjectDocument::checkIntegrity(const QString& path, const std::atomic<bool>* cancel)
{
    auto store = db::ProjectStore::open(path.toStdString(), db::ProjectStore::OpenMode::OpenExisting, false);
    if (cancel && cancel->load())
        return;
    store->checkIntegrity();
}

ProjectDocument::ProjectDocument(std::unique_ptr<db::ProjectStore> store, QObject* parent, QString openedAs)
    : QObject(parent)
    , m_store(std::move(store))
    , m_path(openedAs.isEmpty() ? QString::fromStdString(m_store->path()) : std::move(openedAs))
    , m_location(QString::fromStdString(m_store->path()))
    , m_undoStack(new QUndoStack(this))
    , m_watchTimer(new QTimer(this))
{
    try {
        m_team = db::TeamRights(*m_store).standing();
    } catch (const std::exception&) {
        m_team = {}; // nothing greyed out; the server still refuses what the person may not do
    }
    const QStringList models = scoredModels();
    if (!models.isEmpty())
        m_scoreModel = models.front();
    try {
        m_watch = std::make_unique<db::ChangeWatch>(*m_store);
    } catch (const std::exception&) {
        m_watch.reset(); // no live view of others' changes; opening migrated the project, so this is rare
    }
    // A teammate's judgement shows in the queue's counts and the agreement within two seconds.
    m_watchTimer->setInterval(1000);
    connect(m_watchTimer, &QTimer::timeout, this, &ProjectDocument::checkForTeamChanges);
    m_watchTimer->start();

    if (db::usesOutbox(m_store->path())) {
        // The store's path is the URL without its password: the outbox's name does not carry one either.
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/outbox";
        try {
            QDir().mkpath(folder);
            m_outbox = std::make_unique<db::JudgementOutbox>(
                (folder + "/" + QString::fromStdString(db::outboxFileName(m_store->path()))).toStdString());
        } catch (const std::exception&) {
            m_outbox.reset(); // judgements then go straight to the server, as for a file
        }
    }
    if (m_outbox) {
        m_outboxTimer = new QTimer(this);
        m_outboxTimer->setInterval(3000);
        connect(m_outboxTimer, &QTimer::timeout, this, &ProjectDocument::sendKeptJudgements);
        // What a previous session could not send goes first, before anything new.
        QTimer::singleShot(0, this, &ProjectDocument::sendKeptJudgements);
    }
}

void ProjectDocument::sendKeptJudgements()
{
    if (!m_outbox || m_store->inTransaction())
        return;
    db::OutboxReport report;
    try {
        if (m_outbox->size() == 0) {
            updateKept({});
            return;
        }
        // A reconnect to a server that is down fails at once on a refused port; a host that does not answer waits
        // for libpq's connect_timeout (give one in the URL).
        report = m_outbox->send(*m_store);
    } catch (const std::exception& e) {
        updateKept(QString::fromUtf8(e.what()));
        return;
    }
    for (const std::string& dropped : report.dropped)
        reportEditError(tr("A judgement kept while the server was away was refused and dropped."),
                        QString::fromStdString(dropped));
    if (report.sent > 0 || !report.dropped.empty()) {
        m_cache.clear();
        Q_EMIT dataChanged();
    }
    updateKept(report.unreachable ? QString::fromStdString(report.lastError) : QString());
}

void ProjectDocument::updateKept(const QString& error)
{
    int kept = 0;
    try {
        kept = m_outbox ? static_cast<int>(m_outbox->size()) : 0;
    } catch (const std::exception&) {
    }
    const bool changed = kept != m_kept;
    m_kept = kept;
    if (m_outboxTimer) {
        if (kept > 0 && !m_outboxTimer->isActive())
            m_outboxTimer->start();
        else if (kept == 0)
            m_outboxTimer->stop();
    }
    QString message;
    if (kept > 0)
        message = error.isEmpty() ? tr("%n judgement(s) not yet sent, retrying", nullptr, kept)
                                  : tr("Server unreachable — %n judgement(s) kept, retrying", nullptr, kept);
    if (changed || kept > 0)
        Q_EMIT outboxChanged(kept, message);
}

void ProjectDocument::notifyKeptJudgementUndone(PairId pair)
{
    updateKept(m_kept > 0 ? tr("the server cannot be reached") : QString());
    notifyPairEdited(pair, true);
}

void ProjectDocument::notifyJudgementKept(PairId pair)
{
    updateKept(tr("the server cannot be reached"));
    notifyPairEdited(pair, false);
}

QString ProjectDocument::refusal(db::TeamRight right, const QString& action) const
{
    return QString::fromStdString(db::refusalOf(m_team, right, action.toStdString()));
}

ProjectDocument::~ProjectDocument()
{
    m_watchTimer->stop();
    // Commands refer to this document: they go before the store does.
    m_undoStack->clear();
}

QString ProjectDocument::displayName() const
{
    return projectTitle(m_location);
}

void ProjectDocument::setAnnotator(const QString& name)
{
    if (name == m_annotator)
        return;
    m_annotator = name;
    Q_EMIT annotatorChanged(name);
}

QStringList ProjectDocument::scoredModels()
{
    QStringList models;
    for (const std::string& model : db::ModelScoreStore(*m_store).models())
        models << QString::fromStdString(model);
    return models;
}

void ProjectDocument::setScoreModel(const QString& model)
{
    if (model == m_scoreModel)
        return;
    m_scoreModel = model;
    m_cache.clear();
    Q_EMIT scoreModelChanged(model);
}

std::optional<db::PairDetails> ProjectDocument::pair(PairId id)
{
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
        if (it->id == id) {
            m_cache.splice(m_cache.begin(), m_cache, it);
            return m_cache.front();
        }
    }
    auto details = db::loadPairDetails(*m_store, id, m_scoreModel.toStdString());
    if (details) {
        m_cache.push_front(*details);
        if (m_cache.size() > kCachedPairs)
            m_cache.pop_back();
    }
    return details;
}

void ProjectDocument::prefetchPair(PairId id)
{
    for (const auto& cached : m_cache) {
        if (cached.id == id)
            return;
    }
    if (auto details = db::loadPairDetails(*m_store, id, m_scoreModel.toStdString())) {
        m_cache.push_back(std::move(*details)); // least recent: a prefetch must not evict what is shown
        if (m_cache.size() > kCachedPairs)
            m_cache.erase(std::prev(m_cache.end(), 2));
    }
}

bool ProjectDocument::judge(PairId pair, CandidateId shownFirst, Choice choice, std::optional<int> confidence,
                            const QString& rationale)
{
    if (m_annotator.isEmpty())
        return false;
    Preference p;
    p.pairId = pair;
    p.source = PreferenceSource::Human;
    p.annotator = m_annotator.toStdString();
    p.shownFirst = shownFirst;
    p.choice = choice;
    p.confidence = confidence;
    p.rationale = rationale.trimmed().toStdString();
    p.createdAt = static_cast<std::int64_t>(std::time(nullptr));
    p.clientId = newClientId();
    std::vector<Preference> replaces;
    try {
        // With judgements waiting in the outbox, this one waits behind them (the earlier judgement of the pair
        // may be among them): it is replaced when it is sent.
        if (!m_outbox || m_kept == 0)
            replaces = db::JudgementReader(*m_store).ofPairBy(pair, PreferenceSource::Human, p.annotator);
    } catch (const db::StoreUnavailable&) {
        // The server is away: the command keeps the judgement in the outbox.
        if (!m_outbox) {
            reportEditError(tr("Could not record the judgement."), currentExceptionMessage());
            return false;
        }
    } catch (const std::exception& e) {
        reportEditError(tr("Could not record the judgement."), QString::fromUtf8(e.what()));
        return false;
    }
    const int before = m_undoStack->count();
    const int indexBefore = m_undoStack->index();
    m_undoStack->push(new AddPreferenceCommand(this, std::move(p), replaces));
    return m_undoStack->count() != before || m_undoStack->index() != indexBefore;
}

void ProjectDocument::removeJudgement(const Preference& stored)
{
    m_undoStack->push(new RemovePreferenceCommand(this, stored));
}

bool ProjectDocument::decide(PairId pair, std::optional<CandidateId> winner, const QString& note)
{
    if (m_annotator.isEmpty())
        return false;
    db::Adjudication next;
    next.pairId = pair;
    next.winner = winner;
    next.reviewer = m_annotator.toStdString();
    next.note = note.trimmed().toStdString();
    next.createdAt = static_cast<std::int64_t>(std::time(nullptr));
    std::optional<db::Adjudication> previous;
    try {
        previous = db::Adjudications(*m_store).of(pair);
    } catch (const std::exception& e) {
        reportEditError(tr("Could not record the decision."), QString::fromUtf8(e.what()));
        return false;
    }
    // An obsolete command (the write failed) is deleted by push(): tell by the stack, not the command.
    const int before = m_undoStack->count();
    const int indexBefore = m_undoStack->index();
    m_undoStack->push(new DecidePairCommand(this, pair, next, previous));
    return m_undoStack->count() != before || m_undoStack->index() != indexBefore;
}

void ProjectDocument::withdrawDecision(PairId pair)
{
    std::optional<db::Adjudication> previous;
    try {
        previous = db::Adjudications(*m_store).of(pair);
    } catch (const std::exception& e) {
        reportEditError(tr("Could not withdraw the decision."), QString::fromUtf8(e.what()));
        return;
    }
    if (previous)
        m_undoStack->push(new DecidePairCommand(this, pair, std::nullopt, previous));
}

bool ProjectDocument::checkForTeamChanges()
{
    if (!m_watch || m_store->inTransaction())
        return false;
    try {
        if (!m_watch->judgementsChanged())
            return false;
    } catch (const std::exception&) {
        return false; // a busy or vanished file: the next tick tries again; opening reports real damage
    }
    m_cache.clear(); // a cached pair may hold a teammate's old judgement
    Q_EMIT dataChanged();
    return true;
}

void ProjectDocument::notifyDecisionChanged(PairId pair)
{
    Q_EMIT decisionChanged(pair);
}

void ProjectDocument::notifyPairEdited(PairId pair, bool undone)
{
    m_cache.remove_if([pair](const db::PairDetails& d) { return d.id == pair; });
    Q_EMIT pairEdited(pair, undone);
}

void ProjectDocument::reportEditError(const QString& summary, const QString& detail)
{
    Q_EMIT editFailed(summary, detail);
}

void ProjectDocument::notifyDataChanged()
{
    m_cache.clear();
    if (m_watch) {
        try {
            m_watch->acknowledge(); // the views reload now: the change watch need not tell them again
        } catch (const std::exception&) {
        }
    }
    Q_EMIT dataChanged();
}

} // namespace rankpo::ui
