#pragma once

#include "db/pair_queue.h"
#include "ui/shell/studio_page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace rankpo::ui {

class PairQueueModel;

// The pair queue: every pair of the project in a table, narrowed by filters (not judged by me, AI
// only, human-AI disagreement, low AI confidence, model-AI disagreement) and a text search, in
// import order or "uncertain first" (a model's smallest score margin: active learning). The
// annotation page walks the same queue; activating a row opens it there.
class PairQueuePage : public StudioPage {
    Q_OBJECT
public:
    explicit PairQueuePage(QWidget* parent = nullptr);
    ~PairQueuePage() override;

    QString title() const override { return tr("Pairs"); }
    QIcon icon() const override;
    void setDocument(ProjectDocument* document) override;

    PairQueueModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // Sets the filter check boxes (QueueFilter flags) and reloads.
    void setFilters(unsigned filters);
    void setSearchText(const QString& text);
    void setOrder(db::QueueOrder order);
    // The query the controls describe, for the current annotator and score model.
    db::PairQueueQuery currentQuery() const;

Q_SIGNALS:
    void pairActivated(int row);

private:
    void applyQuery();
    void updateModelControls();
    void updateStatus();

    PairQueueModel* m_model;
    QTableView* m_table;
    QLineEdit* m_search;
    QTimer* m_searchDelay;
    QCheckBox* m_notMine;
    QCheckBox* m_aiOnly;
    QCheckBox* m_notJudged;
    QCheckBox* m_assignedToMe;
    QCheckBox* m_humanAi;
    QCheckBox* m_lowConfidence;
    QSpinBox* m_confidenceThreshold;
    QCheckBox* m_modelAi;
    QComboBox* m_order;
    QComboBox* m_scoreModel;
    QPushButton* m_scoreButton;
    QPushButton* m_judgeButton;
    QPushButton* m_makePairsButton;
    QPushButton* m_assignButton;
    QLabel* m_status;
};

} // namespace rankpo::ui
