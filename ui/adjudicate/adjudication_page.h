#pragma once

#include "db/review_queue.h"
#include "ui/shell/studio_page.h"

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace rankpo::ui {

class BackgroundTask;
class PairView;

// The reviewer's page: the pairs whose raters disagree (people, optionally people against the AI judges), each
// with every judgement, confidence and rationale side by side and the pair itself; a decision (A better, B better,
// tie, with a note) is stored apart from the judgements under the annotator's name as reviewer, undoable. The
// queue is selected on a worker; a decided pair leaves it unless *Show decided* is on.
class AdjudicationPage : public StudioPage {
    Q_OBJECT
public:
    explicit AdjudicationPage(QWidget* parent = nullptr);
    ~AdjudicationPage() override;

    QString title() const override { return tr("Adjudicate"); }
    QIcon icon() const override;
    void setDocument(ProjectDocument* document) override;
    void activate() override;

    // For tests: the listed pairs, the selected one, and waiting for the worker.
    std::vector<PairId> listedPairs() const;
    PairId currentPair() const;
    void selectPair(PairId pair);
    void waitForLoaded();
    // Decides the current pair: 0 = its first candidate (lower id), 1 = its second, -1 = a tie.
    bool decideCurrent(int side);

Q_SIGNALS:
    void annotatorNeeded();

private:
    void reload();
    void showItems();
    void showCurrent();

    BackgroundTask* m_loader;
    bool m_dirty = true;
    std::vector<db::ReviewItem> m_items;
    QCheckBox* m_withAi;
    QCheckBox* m_showDecided;
    QLabel* m_status;
    QListWidget* m_list;
    PairView* m_view;
    QTableWidget* m_judgements;
    QLabel* m_decision;
    QLineEdit* m_note;
    QPushButton* m_decide[3]; // first, second, tie
    QPushButton* m_withdraw;
};

} // namespace rankpo::ui
