#pragma once

#include "db/run_registry.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::ui {

// The project's training runs (newest first) with what they reached: name, method, status, start,
// duration, and the trained model's nDCG@20 and alignment with AI preferences on the test split
// (its latest stored evaluation).
class RunTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Method, Status, Started, Duration, Ndcg20, Alignment, Sweep, ColumnCount };

    struct Row {
        db::RunRecord run;
        std::optional<double> ndcg20;
        std::optional<double> alignment;
    };

    explicit RunTableModel(QObject* parent = nullptr);

    // Reads the run registry and the evaluations (small tables: on the calling thread).
    void reload(db::ProjectStore& store);
    void clear();
    const Row& row(int index) const { return m_rows[static_cast<std::size_t>(index)]; }
    int findRun(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<Row> m_rows;
};

// "RankPO", "SimRankPO" (a reference-free RankPO run, older ones included), "SFT", "Stage 1 (contrastive)".
QString methodName(const db::RunRecord& run);
QString runStatusName(db::RunStatus status);

} // namespace rankpo::ui
