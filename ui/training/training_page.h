#pragma once

#include "ui/shell/studio_page.h"
#include "ui/training/training_worker.h"

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace rankpo::ui {

class BackgroundTask;
class RunTableModel;
class TrainingCharts;
class TrainingForm;

// Training: the run's configuration (TrainingForm), Start and Cancel, live progress (bar, ETA,
// loss and reward-accuracy charts) and the project's runs. The run happens on a TrainingWorker
// thread, so the window stays responsive and annotation goes on meanwhile. A run that ends is
// evaluated, scores the pairs for the queue, and the page asks for the before/after comparison.
class TrainingPage : public StudioPage {
    Q_OBJECT
public:
    explicit TrainingPage(QWidget* parent = nullptr);
    ~TrainingPage() override;

    QString title() const override { return tr("Training"); }
    QIcon icon() const override;
    void setDocument(ProjectDocument* document) override;
    void activate() override;

    // Starts a run with the form's settings (errors: a dialog); false if none started.
    bool startTraining();
    // Goes on with a cancelled run from its last checkpoint.
    bool resumeRun(const QString& name);
    // A learning-rate sweep (the dashboard's "Run sweep…"), shown here while it runs.
    bool startSweep(const workflows::SweepRequest& request);
    void cancelTraining();
    // Lists the project's models and runs again.
    void refresh();
    // Times a few optimizer steps of the form's run on its device (on a worker) and says how long the whole run
    // will take; false if none started.
    bool estimateTime();
    QString estimateText() const;
    void waitForEstimate(); // tests

    TrainingForm* form() const { return m_form; }
    TrainingWorker* worker() const { return m_worker; }
    TrainingCharts* charts() const { return m_charts; }
    RunTableModel* runs() const { return m_runs; }
    QProgressBar* progressBar() const { return m_progress; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* cancelButton() const { return m_cancel; }

Q_SIGNALS:
    // A run finished: show the base model against the trained one.
    void compareRequested(const QString& base, const QString& trained);
    // Runs and models changed (a run finished, was cancelled or failed).
    void runsChanged();

private:
    // The form's request, or nullopt after saying what is wrong with the settings.
    std::optional<workflows::TrainingRequest> formRequest();
    bool begin(const QString& what, const std::function<bool(const QString& path)>& start);
    void onProgress(const std::vector<TrainingProgress>& steps);
    void onFinished(const TrainingSummary& summary);
    void updateButtons();
    void selectionChanged();

    TrainingForm* m_form;
    TrainingWorker* m_worker;
    TrainingCharts* m_charts;
    RunTableModel* m_runs;
    QTableView* m_runTable;
    QProgressBar* m_progress;
    QLabel* m_phase;
    QLabel* m_eta;
    QLabel* m_metrics;
    QPushButton* m_start;
    QPushButton* m_cancel;
    QPushButton* m_resume;
    QPushButton* m_compare;
    QPushButton* m_estimate;
    QLabel* m_estimateLabel;
    BackgroundTask* m_estimateTask = nullptr;
    QString m_runningProject;
};

} // namespace rankpo::ui
