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

class AgreementPage;
class AnnotationPage;
class PairQueueModel;
class PairQueuePage;
class ProjectDocument;
class StartPage;
class StudioPage;

// The studio's frame: a sidebar of pages (Start, Pairs, Annotate, AI review, Agreement; Training,
// Evaluation dashboard and Ranking comparison plug in with addPage), the menus, and the open
// project's lifetime. It owns no view logic: pages do.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a project file off the GUI thread (it is checked and migrated); errors become dialogs.
    bool openProject(const QString& path, bool create = false);
    bool openDemoProject();
    void closeProject();
    ProjectDocument* document() const { return m_document; }

    // Adds a page to the sidebar; the window hands it the document and activates it when shown.
    void addPage(StudioPage* page);
    void showPage(StudioPage* page);
    // "start", "pairs", "annotate", "review", "agreement" (or a page's title); false if unknown.
    bool showPageByName(const QString& name);
    StudioPage* currentPage() const;

    StartPage* startPage() const { return m_start; }
    PairQueuePage* pairsPage() const { return m_pairs; }
    AnnotationPage* annotationPage() const { return m_annotate; }
    AnnotationPage* reviewPage() const { return m_review; }
    AgreementPage* agreementPage() const { return m_agreement; }

public Q_SLOTS:
    void newProject();
    void openProjectDialog();
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
    AgreementPage* m_agreement;
    PairQueueModel* m_reviewQueue;
    ProjectDocument* m_document = nullptr;
    QUndoGroup* m_undoGroup;
    QMenu* m_recentMenu = nullptr;
    QList<QAction*> m_projectActions;
    QLabel* m_annotatorLabel;
};

} // namespace rankpo::ui
