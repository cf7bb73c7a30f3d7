#include "ui/pair_queue_model.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/sqlite_database.h"
#include "ui/background_task.h"
#include "ui/project_document.h"

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

void PairQueueModel::setQuery(const PairQueueQuery& query)
{
    m_query = query;
    reload();
}

void PairQueueModel::reload()
{
    if (!m_document)
        return;
    const std::string path = m_document->path().toStdString();
    const PairQueueQuery query = m_query;
    auto out = std::make_shared<std::vector<PairId>>();
    m_incoming = out;
    setLoading(true);
    m_loader->start([path, query, out](TaskControl& control) {
        // Read-only and without the store's open checks: the GUI already opened (and checked) the file.
        db::SqliteDatabase db(path, true, false);
        *out = runPairQueueQuery(db, query, control.cancelFlag());
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
    std::string ids;
    for (std::size_t i = begin; i < end; ++i)
        ids += (i == begin ? "" : ",") + std::to_string(m_ids[i]);

    auto& db = m_document->database();
    const std::string model = m_document->scoreModel().toStdString();
    struct Base {
        CandidateId lo = 0, hi = 0;
        QString job, first, second;
        std::optional<double> scoreLo, scoreHi;
    };
    std::unordered_map<PairId, Base> bases;
    auto st = db.prepare("SELECT p.id, p.candidate_lo, p.candidate_hi, "
                         "coalesce(nullif(j.title, ''), j.external_id, 'J' || j.id), "
                         "coalesce(cl.external_id, 'C' || cl.id), coalesce(ch.external_id, 'C' || ch.id), "
                         "sl.score, sh.score "
                         "FROM pairs p JOIN jobs j ON j.id = p.job_id "
                         "JOIN candidates cl ON cl.id = p.candidate_lo JOIN candidates ch ON ch.id = p.candidate_hi "
                         "LEFT JOIN model_scores sl ON sl.model = ?1 AND sl.job_id = p.job_id AND sl.candidate_id = p.candidate_lo "
                         "LEFT JOIN model_scores sh ON sh.model = ?1 AND sh.job_id = p.job_id AND sh.candidate_id = p.candidate_hi "
                         "WHERE p.id IN (" + ids + ")");
    st.bind(1, model);
    while (st.step()) {
        Base b;
        b.lo = st.int64(1);
        b.hi = st.int64(2);
        b.job = QString::fromUtf8(st.textView(3).data(), static_cast<int>(st.textView(3).size()));
        b.first = QString::fromStdString(st.text(4));
        b.second = QString::fromStdString(st.text(5));
        if (!st.isNull(6))
            b.scoreLo = st.real(6);
        if (!st.isNull(7))
            b.scoreHi = st.real(7);
        bases.emplace(st.int64(0), std::move(b));
    }

    struct Votes {
        std::vector<std::optional<CandidateId>> ai;
        std::vector<int> aiConfidence;
        std::optional<std::optional<CandidateId>> mine;
        int people = 0;
    };
    std::unordered_map<PairId, Votes> votes;
    auto prefs = db.prepare("SELECT pair_id, source, annotator, winner, confidence FROM preference_outcomes "
                            "WHERE pair_id IN (" + ids + ") ORDER BY preference_id");
    const std::string me = m_document->annotator().toStdString();
    while (prefs.step()) {
        Votes& v = votes[prefs.int64(0)];
        const std::optional<CandidateId> winner = prefs.isNull(3) ? std::nullopt : std::optional<CandidateId>(prefs.int64(3));
        if (prefs.textView(1) == "ai") {
            v.ai.push_back(winner);
            if (!prefs.isNull(4))
                v.aiConfidence.push_back(prefs.int32(4));
        } else {
            ++v.people;
            if (!me.empty() && prefs.textView(2) == me)
                v.mine = winner;
        }
    }

    Page& out = m_pages[page];
    out.rows.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
        Row r;
        r.id = m_ids[i];
        const auto b = bases.find(r.id);
        if (b == bases.end()) {
            out.rows.push_back(std::move(r)); // removed since the queue was selected
            continue;
        }
        r.job = b->second.job;
        r.first = b->second.first;
        r.second = b->second.second;
        const Votes& v = votes[r.id];
        std::set<QString> outcomes;
        for (const auto& w : v.ai)
            outcomes.insert(outcomeLabel(w, b->second.lo));
        QStringList list(outcomes.begin(), outcomes.end());
        r.ai = list.join(QStringLiteral(" / "));
        if (v.ai.size() > 1 && outcomes.size() == 1)
            r.ai += QStringLiteral(" (×%1)").arg(v.ai.size());
        if (!v.aiConfidence.empty()) {
            const auto [lo, hi] = std::minmax_element(v.aiConfidence.begin(), v.aiConfidence.end());
            r.aiConfidence = *lo == *hi ? QString::number(*lo) : QStringLiteral("%1–%2").arg(*lo).arg(*hi);
        }
        if (v.mine) {
            r.mine = outcomeLabel(*v.mine, b->second.lo);
            r.mineDisagreesWithAi = !outcomes.empty() && (outcomes.size() > 1 || *outcomes.begin() != r.mine);
        }
        r.people = v.people;
        if (b->second.scoreLo && b->second.scoreHi)
            r.margin = QString::number(std::abs(*b->second.scoreHi - *b->second.scoreLo), 'f', 3);
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
