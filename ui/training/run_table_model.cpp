#include "ui/training/run_table_model.h"

#include "core/evaluation/metric_keys.h"
#include "core/training/method_names.h"
#include "db/evaluation_store.h"
#include "db/project_store.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace rankpo::ui {
namespace {

std::optional<double> number(const nlohmann::json& j, const char* key)
{
    if (j.contains(key) && j[key].is_number())
        return j[key].get<double>();
    return std::nullopt;
}

QString duration(double seconds)
{
    const auto s = static_cast<qint64>(seconds + 0.5);
    if (s < 60)
        return QObject::tr("%1 s").arg(s);
    if (s < 3600)
        return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace

QString methodName(const db::RunRecord& run)
{
    // Stage 1 says which stage it is; stage 2 has the core's name (RankPO or SimRankPO from the recorded config).
    if (run.method == "contrastive")
        return QObject::tr("Stage 1 (contrastive)");
    return QString::fromStdString(recordedMethodDisplayName(run.method, run.configJson));
}

QString runStatusName(db::RunStatus status)
{
    switch (status) {
    case db::RunStatus::Running:
        return QObject::tr("running");
    case db::RunStatus::Done:
        return QObject::tr("done");
    case db::RunStatus::Cancelled:
        return QObject::tr("cancelled");
    case db::RunStatus::Failed:
        return QObject::tr("failed");
    }
    return {};
}

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunTableModel::reload(db::ProjectStore& store)
{
    std::vector<Row> rows;
    db::EvaluationStore evaluations(store);
    for (auto& run : db::RunRegistry(store).list()) {
        Row row;
        if (run.status == db::RunStatus::Done) {
            if (const auto e = evaluations.latest(run.name, "test")) {
                const auto j = nlohmann::json::parse(e->metricsJson, nullptr, false);
                if (!j.is_discarded()) {
                    row.ndcg20 = number(j, metric_keys::NDCG20);
                    row.alignment = number(j, metric_keys::AlignmentAi);
                }
            }
        }
        row.run = std::move(run);
        rows.push_back(std::move(row));
    }
    std::reverse(rows.begin(), rows.end()); // newest first
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void RunTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int RunTableModel::findRun(const QString& name) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (QString::fromStdString(m_rows[i].run.name) == name)
            return static_cast<int>(i);
    return -1;
}

int RunTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && (index.column() == Ndcg20 || index.column() == Alignment || index.column() == Duration))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return r.run.message.empty() ? QVariant() : QString::fromStdString(r.run.message);
    if (role == Qt::ForegroundRole && index.column() == Status && r.run.status == db::RunStatus::Failed)
        return QColor(Qt::red);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return QString::fromStdString(r.run.name);
    case Method:
        return methodName(r.run);
    case Status:
        return runStatusName(r.run.status);
    case Started:
        return QDateTime::fromSecsSinceEpoch(r.run.startedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Duration:
        return r.run.seconds ? duration(*r.run.seconds) : QStringLiteral("–");
    case Ndcg20:
        // Missing (a failed run, a project without rule labels): a dash, never a number.
        return r.ndcg20 ? QString::number(*r.ndcg20, 'f', 4) : QStringLiteral("–");
    case Alignment:
        return r.alignment ? QString::number(*r.alignment * 100.0, 'f', 1) + QStringLiteral(" %") : QStringLiteral("–");
    case Sweep:
        return QString::fromStdString(r.run.sweep);
    }
    return {};
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Run");
    case Method:
        return tr("Method");
    case Status:
        return tr("Status");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Time");
    case Ndcg20:
        return tr("nDCG@20");
    case Alignment:
        return tr("Alignment (AI)");
    case Sweep:
        return tr("Sweep");
    }
    return {};
}

} // namespace rankpo::ui
