#pragma once

#include "ui/shell/studio_page.h"

class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace rankpo::ui {

class BackgroundTask;

// The start page: recent projects, new project, open, the demo project; and, with a project open,
// what it holds (counted on a worker: a pass over the project) with import and export at hand.
class StartPage : public StudioPage {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    ~StartPage() override;

    QString title() const override { return tr("Start"); }
    QIcon icon() const override;
    bool needsProject() const override { return false; }
    void setDocument(ProjectDocument* document) override;
    void activate() override;

    void refreshRecentProjects();

Q_SIGNALS:
    void newProjectRequested();
    void openProjectRequested();
    void openServerProjectRequested();
    void openDemoRequested();
    void openRecentRequested(const QString& path);
    void importRequested();
    void exportRequested();

private:
    void refreshSummary();

    BackgroundTask* m_stats;
    bool m_statsDirty = true;
    QListWidget* m_recent;
    QGroupBox* m_projectBox;
    QLabel* m_projectName;
    QFormLayout* m_counts;
    QPushButton* m_import;
    QPushButton* m_export;
};

} // namespace rankpo::ui
