#pragma once

#include "core/domain/candidate.h"
#include "core/domain/job.h"
#include "ui/common/model_choices.h"
#include "ui/rankings/rank_moves.h"
#include "ui/shell/studio_page.h"

#include <QHash>
#include <QSet>

class QComboBox;
class QLabel;
class QTableWidget;

namespace rankpo::ui {

class BackgroundTask;
class CandidateDetailView;

// One job's ranking under two models side by side: each model's top 20, arrows for how the second
// model moved each candidate (↑3, ↓5, new) and where the first model's went (→ 4, out), candidates
// the rules call relevant (★) and those the AI judge preferred in this job's pairs (◆) marked.
// Rankings come from the models' stored evaluations (the job ranked now, on a worker, when none
// holds it); clicking a candidate shows the profile beside the tables.
class RankingComparisonPage : public StudioPage {
    Q_OBJECT
public:
    static constexpr int kTop = 20;

    explicit RankingComparisonPage(QWidget* parent = nullptr);
    ~RankingComparisonPage() override;

    QString title() const override { return tr("Rankings"); }
    QIcon icon() const override;
    void setDocument(ProjectDocument* document) override;
    void activate() override;

    void setModels(const QString& before, const QString& after);
    void setJob(JobId job);
    JobId job() const;
    void waitForLoaded(); // tests
    // Shows a candidate of a table (side 0: before, 1: after) in the detail pane.
    void openCandidate(int side, int row);

    QTableWidget* table(int side) const { return m_tables[side]; }
    CandidateDetailView* detailView() const { return m_detail; }
    const RankingSideBySide& comparison() const { return m_view.rows; }

    // What the page shows of one job, read on a worker.
    struct JobView {
        JobId job = 0;
        std::optional<Job> jobRecord;
        RankingSideBySide rows;
        QString beforeSource; // "stored evaluation 12" or "ranked now"
        QString afterSource;
        QHash<qint64, int> relevance;  // rule labels of the job
        QSet<qint64> aiPreferred;      // won more AI judgements than they lost in this job's pairs
        QHash<qint64, Candidate> candidates;
        QHash<qint64, QString> votes;  // Bradley-Terry score and 95% interval from all of the job's judgements
    };

private:
    void loadJobs();
    void loadComparison();
    void show(const JobView& view);
    void fillTable(int side);
    QString marks(CandidateId candidate) const;

    BackgroundTask* m_jobsTask;
    BackgroundTask* m_task;
    bool m_dirty = true;
    QComboBox* m_job;
    QComboBox* m_before;
    QComboBox* m_after;
    QLabel* m_status;
    QLabel* m_headers[2];
    QTableWidget* m_tables[2];
    CandidateDetailView* m_detail;
    JobView m_view;
    JobId m_wantJob = 0;
    QString m_wantBefore;
    QString m_wantAfter;
};

} // namespace rankpo::ui
