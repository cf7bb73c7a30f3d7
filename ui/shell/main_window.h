#pragma once

#include <QMainWindow>
#include <QStringList>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QUndoGroup;

namespace rankpo::ui {

class AdjudicationPage;
class AgreementPage;
class AnnotationPage;
class BackgroundTask;
class EvaluationDashboardPage;
class PairQueueModel;
class PairQueuePage;
class ProjectDocument;
class RankingComparisonPage;
class StartPage;
class StudioPage;
class TrainingPage;

// The studio's frame: a sidebar of pages (Start, Pairs, Annotate, AI review, Agreement, Training,
// Evaluation, Rankings, each added with addPage), the menus, the open project's lifetime and the
// hand-offs between pages (a finished run opens its comparison). It owns no view logic: pages do.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a project file or server URL off the GUI thread (migrated when older); SQLite's integrity check then
    // runs on a worker, and a damaged file is reported and closed. Errors become dialogs; a server that wants a
    // password gets the Open shared project dialog.
    bool openProject(const QString& path, bool create = false);
    // The integrity check of the open project is still running (tests).
    void waitForIntegrityCheck();
    bool openDemoProject();
    void closeProject();
    ProjectDocument* document() const { return m_document; }

    // Adds a page to the sidebar; the window hands it the document and activates it when shown.
    void addPage(StudioPage* page);
    void showPage(StudioPage* page);
    // "start", "pairs", "annotate", "review", "agreement", "training", "evaluation", "rankings" (or a
    // page's title); false if unknown.
    bool showPageByName(const QString& name);
    StudioPage* currentPage() const;
    // The two models (run or model names) the Evaluation and Rankings pages compare.
    void compareModels(const QString& before, const QString& after);

    StartPage* startPage() const { return m_start; }
    PairQueuePage* pairsPage() const { return m_pairs; }
    AnnotationPage* annotationPage() const { return m_annotate; }
    AnnotationPage* reviewPage() const { return m_review; }
    AgreementPage* agreementPage() const { return m_agreement; }
    AdjudicationPage* adjudicationPage() const { return m_adjudicate; }
    TrainingPage* trainingPage() const { return m_training; }
    EvaluationDashboardPage* evaluationPage() const { return m_evaluation; }
    RankingComparisonPage* rankingsPage() const { return m_rankings; }

public Q_SLOTS:
    void newProject();
    void openProjectDialog();
    // A shared project on a PostgreSQL server; `url` and `problem` prefill the dialog (a password asked for).
    void openServerProjectDialog(const QString& url = {}, const QString& problem = {});
    void importData(const QStringList& files = {});
    void exportData();
    void editAnnotator();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void setDocument(ProjectDocument* document);
    void updateTitle();
    void updateRecentMenu();
    bool ensureAnnotator();
    void resolveDisagreement(qint64 pair);

    QListWidget* m_sidebar;
    QStackedWidget* m_stack;
    QList<StudioPage*> m_pages;
    StartPage* m_start;
    PairQueuePage* m_pairs;
    AnnotationPage* m_annotate;
    AnnotationPage* m_review;
    AdjudicationPage* m_adjudicate;
    AgreementPage* m_agreement;
    TrainingPage* m_training;
    EvaluationDashboardPage* m_evaluation;
    RankingComparisonPage* m_rankings;
    BackgroundTask* m_integrity;
    PairQueueModel* m_reviewQueue;
    ProjectDocument* m_document = nullptr;
    QUndoGroup* m_undoGroup;
    QMenu* m_recentMenu = nullptr;
    QList<QAction*> m_projectActions;
    QLabel* m_annotatorLabel;
    // On a server project with team rights: the connected person's role there ("annotator"), read once on open.
    QString m_teamRole;
    QAction* m_importAction = nullptr; // needs the admin right on a team's project
};

} // namespace rankpo::ui
