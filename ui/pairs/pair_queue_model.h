#pragma once

#include "db/pair_queue.h"

#include <QAbstractTableModel>
#include <QString>

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace rankpo::ui {

class BackgroundTask;
class ProjectDocument;

// The pair queue over a project of any size. The matching pair ids (8 bytes a pair) are selected in
// order on a worker thread with its own read-only connection; the rows' display values are read
// lazily on the GUI thread, a page of kPageSize rows at a time by id (never the texts), and only a
// window of kCachedPages pages is kept.
class PairQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PairColumn, JobColumn, FirstColumn, SecondColumn, AiColumn, AiConfidenceColumn, MineColumn,
                  PeopleColumn, MarginColumn, ColumnCount };
    static constexpr int PairIdRole = Qt::UserRole + 1;
    static constexpr int kPageSize = 128;
    static constexpr int kCachedPages = 24;

    explicit PairQueueModel(QObject* parent = nullptr);
    ~PairQueueModel() override;

    void setDocument(ProjectDocument* document);
    ProjectDocument* document() const { return m_document; }
    // Selects the pairs again in the background; the current rows stay until the new ones arrive.
    void setQuery(const db::PairQueueQuery& query);
    const db::PairQueueQuery& query() const { return m_query; }
    void reload();
    bool isLoading() const { return m_loading; }
    // Blocks until the current load is over (tests, benchmarks).
    void waitForLoaded();

    PairId pairIdAt(int row) const;
    int rowOfPair(PairId pair) const; // -1 when the pair is not in the queue

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loaded(int rows);
    void loadFailed(const QString& message);

private:
    struct Row {
        PairId id = 0;
        QString job, first, second, ai, aiConfidence, mine, margin;
        int people = 0;
        bool mineDisagreesWithAi = false;
    };
    struct Page {
        std::vector<Row> rows;
        std::uint64_t lastUsed = 0;
    };

    const Row* rowAt(int row) const;
    void loadPage(int page) const;
    void onPairEdited(qint64 pair);
    void setLoading(bool loading);

    ProjectDocument* m_document = nullptr;
    db::PairQueueQuery m_query;
    std::vector<PairId> m_ids;
    std::shared_ptr<std::vector<PairId>> m_incoming;
    mutable std::unordered_map<int, Page> m_pages;
    mutable std::uint64_t m_tick = 0;
    BackgroundTask* m_loader;
    bool m_loading = false;
};

} // namespace rankpo::ui
