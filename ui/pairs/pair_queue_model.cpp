#include "ui/pairs/pair_queue_model.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/pair_queue.h"
#include "ui/common/background_task.h"
#include "ui/document/project_document.h"

#include <QFont>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace rankpo::ui {
namespace {

QString outcomeLabel(std::optional<CandidateId> winner, CandidateId lo)
{
    if (!winner)
        return QStringLiteral("tie");
    return *winner == lo ? QStringLiteral("1") : QStringLiteral("2");
}

} // namespace

PairQueueModel::PairQueueModel(QObject* parent) : QAbstractTableModel(parent), m_loader(new BackgroundTask(this))
{
    connect(m_loader, &BackgroundTask::succeeded, this, [this] {
        beginResetModel();
        m_ids = std::move(*m_incoming);
        m_incoming.reset();
        m_pages.clear();
        endResetModel();
        setLoading(false);
        Q_EMIT loaded(static_cast<int>(m_ids.size()));
    });
    connect(m_loader, &BackgroundTask::failed, this, [this](const QString& message) {
        setLoading(false);
        Q_EMIT loadFailed(message);
    });
    connect(m_loader, &BackgroundTask::cancelled, this, [this] { setLoading(false); });
}

PairQueueModel::~PairQueueModel() = default;

void PairQueueModel::setDocument(ProjectDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_loader->cancel();
    m_document = document;
    beginResetModel();
    m_ids.clear();
    m_pages.clear();
    endResetModel();
    if (m_document) {
        connect(m_document, &ProjectDocument::pairEdited, this, &PairQueueModel::onPairEdited);
        connect(m_document, &ProjectDocument::dataChanged, this, &PairQueueModel::reload);
        connect(m_document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
        reload();
    }
}

void PairQueueModel::setQuery(const db::PairQueueQuery& query)
{
    m_query = query;
    reload();
}

void PairQueueModel::reload()
{
    if (!m_document)
        return;
    const std::string path = m_document->path().toStdString();
    const db::PairQueueQuery query = m_query;
    auto out = std::make_shared<std::vector<PairId>>();
    m_incoming = out;
    setLoading(true);
    m_loader->start([path, query, out](TaskControl& control) {
        // Its own read-only connection, without the integrity check: the GUI already opened the project.
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::ReadOnly, false);
        *out = db::PairQueue(*store).select(query, control.cancelFlag());
    });
}

void PairQueueModel::waitForLoaded()
{
    m_loader->waitForFinished();
}

void PairQueueModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

PairId PairQueueModel::pairIdAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_ids.size()) ? m_ids[static_cast<std::size_t>(row)] : 0;
}

int PairQueueModel::rowOfPair(PairId pair) const
{
    const auto it = std::find(m_ids.begin(), m_ids.end(), pair);
    return it == m_ids.end() ? -1 : static_cast<int>(it - m_ids.begin());
}

int PairQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int PairQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PairQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PairColumn: return tr("Pair");
        case JobColumn: return tr("Job");
        case FirstColumn: return tr("Candidate 1");
        case SecondColumn: return tr("Candidate 2");
        case AiColumn: return tr("AI prefers");
        case AiConfidenceColumn: return tr("AI conf.");
        case MineColumn: return tr("You prefer");
        case PeopleColumn: return tr("People");
        case MarginColumn: return tr("Model margin");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case AiColumn: return tr("Which candidate the AI judge preferred (1, 2 or tie); several when it judged the pair more than once");
        case MineColumn: return tr("Your current judgement of the pair");
        case PeopleColumn: return tr("How many human judgements the pair has");
        case MarginColumn: return tr("|score(job, 1) - score(job, 2)| of the score model: small means uncertain");
        }
    }
    return {};
}

QVariant PairQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == PairIdRole)
        return QVariant::fromValue<qint64>(pairIdAt(index.row()));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::FontRole && role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole) {
        const int c = index.column();
        const bool numeric = c == PairColumn || c == AiConfidenceColumn || c == PeopleColumn || c == MarginColumn;
        return QVariant::fromValue(Qt::Alignment((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    }
    const Row* r = rowAt(index.row());
    if (!r)
        return {};
    if (role == Qt::FontRole) {
        if (index.column() == MineColumn && r->mineDisagreesWithAi) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    }
    switch (index.column()) {
    case PairColumn: return QStringLiteral("P%1").arg(r->id);
    case JobColumn: return r->job;
    case FirstColumn: return r->first;
    case SecondColumn: return r->second;
    case AiColumn: return r->ai;
    case AiConfidenceColumn: return r->aiConfidence;
    case MineColumn:
        if (role == Qt::ToolTipRole && r->mineDisagreesWithAi)
            return tr("You and the AI disagree");
        return r->mine;
    case PeopleColumn: return r->people ? QVariant(r->people) : QVariant();
    case MarginColumn: return r->margin;
    }
    return {};
}

const PairQueueModel::Row* PairQueueModel::rowAt(int row) const
{
    if (!m_document || row < 0 || row >= static_cast<int>(m_ids.size()))
        return nullptr;
    const int page = row / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        try {
            loadPage(page);
        } catch (const std::exception&) {
            return nullptr; // the file went away under us; the view shows empty cells
        }
        it = m_pages.find(page);
        if (it == m_pages.end())
            return nullptr;
    }
    it->second.lastUsed = ++m_tick;
    const auto offset = static_cast<std::size_t>(row - page * kPageSize);
    return offset < it->second.rows.size() ? &it->second.rows[offset] : nullptr;
}

void PairQueueModel::loadPage(int page) const
{
    if (static_cast<int>(m_pages.size()) >= kCachedPages) {
        auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                       [](const auto& a, const auto& b) { return a.second.lastUsed < b.second.lastUsed; });
        m_pages.erase(oldest);
    }
    const std::size_t begin = static_cast<std::size_t>(page) * kPageSize;
    const std::size_t end = std::min(m_ids.size(), begin + kPageSize);
    const std::vector<PairId> ids(m_ids.begin() + static_cast<std::ptrdiff_t>(begin),
                                  m_ids.begin() + static_cast<std::ptrdiff_t>(end));
    std::unordered_map<PairId, db::PairQueueRow> rows;
    for (auto& row : db::PairQueue(m_document->store()).rows(ids, m_document->scoreModel().toStdString()))
        rows.emplace(row.id, std::move(row));
    const std::string me = m_document->annotator().toStdString();

    Page& out = m_pages[page];
    out.rows.reserve(end - begin);
    for (PairId id : ids) {
        Row r;
        r.id = id;
        const auto found = rows.find(id);
        if (found == rows.end()) {
            out.rows.push_back(std::move(r)); // removed since the queue was selected
            continue;
        }
        const db::PairQueueRow& b = found->second;
        r.job = QString::fromStdString(b.jobLabel);
        r.first = QString::fromStdString(b.loLabel);
        r.second = QString::fromStdString(b.hiLabel);
        std::set<QString> outcomes;
        std::size_t aiVotes = 0;
        std::vector<int> aiConfidence;
        std::optional<std::optional<CandidateId>> mine;
        for (const auto& j : b.judgements) {
            if (j.source == PreferenceSource::Ai) {
                ++aiVotes;
                outcomes.insert(outcomeLabel(j.winner, b.lo));
                if (j.confidence)
                    aiConfidence.push_back(*j.confidence);
            } else {
                ++r.people;
                if (!me.empty() && j.annotator == me)
                    mine = j.winner;
            }
        }
        QStringList list(outcomes.begin(), outcomes.end());
        r.ai = list.join(QStringLiteral(" / "));
        if (aiVotes > 1 && outcomes.size() == 1)
            r.ai += QStringLiteral(" (×%1)").arg(aiVotes);
        if (!aiConfidence.empty()) {
            const auto [lo, hi] = std::minmax_element(aiConfidence.begin(), aiConfidence.end());
            r.aiConfidence = *lo == *hi ? QString::number(*lo) : QStringLiteral("%1–%2").arg(*lo).arg(*hi);
        }
        if (mine) {
            r.mine = outcomeLabel(*mine, b.lo);
            r.mineDisagreesWithAi = !outcomes.empty() && (outcomes.size() > 1 || *outcomes.begin() != r.mine);
        }
        if (b.scoreLo && b.scoreHi)
            r.margin = QString::number(std::abs(*b.scoreHi - *b.scoreLo), 'f', 3);
        out.rows.push_back(std::move(r));
    }
}

void PairQueueModel::onPairEdited(qint64 pair)
{
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        const auto& rows = it->second.rows;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].id == pair) {
                const int row = it->first * kPageSize + static_cast<int>(i);
                m_pages.erase(it);
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
                return;
            }
        }
    }
}

} // namespace rankpo::ui
