#include "ui/document/project_document.h"

#include "db/project_store.h"
#include "ui/document/add_preference_command.h"
#include "db/judgement_reader.h"
#include "db/model_score_store.h"
#include "ui/document/remove_preference_command.h"

#include <QFileInfo>
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

ProjectDocument::ProjectDocument(std::unique_ptr<db::ProjectStore> store, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_path(QString::fromStdString(m_store->path()))
    , m_undoStack(new QUndoStack(this))
{
    const QStringList models = scoredModels();
    if (!models.isEmpty())
        m_scoreModel = models.front();
}

ProjectDocument::~ProjectDocument()
{
    // Commands refer to this document: they go before the store does.
    m_undoStack->clear();
}

QString ProjectDocument::displayName() const
{
    return QFileInfo(m_path).completeBaseName();
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
    std::vector<Preference> replaces;
    try {
        replaces = db::JudgementReader(*m_store).ofPairBy(pair, PreferenceSource::Human, p.annotator);
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
    Q_EMIT dataChanged();
}

} // namespace rankpo::ui
