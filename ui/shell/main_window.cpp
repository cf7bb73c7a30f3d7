#include "ui/shell/main_window.h"

#include "db/project_store.h"
#include "db/team_rights.h"
#include "ui/common/team_gate.h"
#include "ui/adjudicate/adjudication_page.h"
#include "ui/agreement/agreement_page.h"
#include "ui/annotate/annotation_page.h"
#include "ui/shell/app_settings.h"
#include "ui/common/background_task.h"
#include "ui/shell/demo_project.h"
#include "ui/common/error_dialog.h"
#include "ui/common/project_location.h"
#include "ui/evaluation/evaluation_dashboard_page.h"
#include "ui/io/export_dialog.h"
#include "ui/io/import_wizard.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/pairs/pair_queue_page.h"
#include "ui/document/project_document.h"
#include "ui/rankings/ranking_comparison_page.h"
#include "ui/shell/server_project_dialog.h"
#include "ui/shell/start_page.h"
#include "ui/training/training_page.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QUndoGroup>
#include <QUndoStack>

#include <memory>

namespace rankpo::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_integrity(new BackgroundTask(this, TaskPriority::Idle)), m_undoGroup(new QUndoGroup(this))
{
    setWindowIcon(QIcon(QStringLiteral(":/rankpo/rankpo-studio.svg")));
    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName("sidebar");
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setSpacing(2);
    m_sidebar->setFocusPolicy(Qt::NoFocus);
    m_stack = new QStackedWidget(this);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_pages.size())
            showPage(m_pages[row]);
    });

    m_start = new StartPage(this);
    m_pairs = new PairQueuePage(this);
    m_annotate = new AnnotationPage(AnnotationPage::Mode::Annotate, this);
    m_review = new AnnotationPage(AnnotationPage::Mode::ReviewAi, this);
    m_agreement = new AgreementPage(this);
    m_adjudicate = new AdjudicationPage(this);
    m_training = new TrainingPage(this);
    m_evaluation = new EvaluationDashboardPage(this);
    m_rankings = new RankingComparisonPage(this);
    m_reviewQueue = new PairQueueModel(this);
    db::PairQueueQuery reviewQuery;
    reviewQuery.filters = db::AiOnly;
    m_reviewQueue->setQuery(reviewQuery);
    m_annotate->setQueue(m_pairs->model());
    m_review->setQueue(m_reviewQueue);
    for (StudioPage* page : std::initializer_list<StudioPage*>{m_start, m_pairs, m_annotate, m_review, m_agreement,
                                                               m_adjudicate, m_training, m_evaluation, m_rankings})
        addPage(page);

    connect(m_start, &StartPage::newProjectRequested, this, &MainWindow::newProject);
    connect(m_start, &StartPage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(m_start, &StartPage::openServerProjectRequested, this, [this] { openServerProjectDialog(); });
    connect(m_start, &StartPage::openDemoRequested, this, &MainWindow::openDemoProject);
    connect(m_start, &StartPage::openRecentRequested, this, [this](const QString& path) { openProject(path); });
    connect(m_start, &StartPage::importRequested, this, [this] { importData(); });
    connect(m_start, &StartPage::exportRequested, this, &MainWindow::exportData);
    connect(m_pairs, &PairQueuePage::pairActivated, this, [this](int row) {
        showPage(m_annotate);
        m_annotate->showRow(row);
    });
    for (AnnotationPage* page : {m_annotate, m_review})
        connect(page, &AnnotationPage::annotatorNeeded, this, &MainWindow::ensureAnnotator);
    connect(m_adjudicate, &AdjudicationPage::annotatorNeeded, this, &MainWindow::ensureAnnotator);
    connect(m_agreement, &AgreementPage::resolveRequested, this, &MainWindow::resolveDisagreement);
    // A finished run opens its before/after comparison, unless the user is busy on another page.
    connect(m_training, &TrainingPage::compareRequested, this, [this](const QString& base, const QString& trained) {
        compareModels(base, trained);
        if (currentPage() == m_training)
            showPage(m_evaluation);
        else
            statusBar()->showMessage(tr("%1 is trained: the Evaluation page compares it with %2.").arg(trained, base), 10000);
    });
    connect(m_training, &TrainingPage::runsChanged, this, [this] {
        m_evaluation->setModels(m_evaluation->beforeModel(), m_evaluation->afterModel());
    });
    connect(m_evaluation, &EvaluationDashboardPage::sweepRequested, this, [this](const workflows::SweepRequest& request) {
        showPage(m_training);
        m_training->startSweep(request);
    });
    connect(m_evaluation, &EvaluationDashboardPage::rankingRequested, this, [this](const QString& before, const QString& after) {
        m_rankings->setModels(before, after);
        showPage(m_rankings);
    });
    connect(m_integrity, &BackgroundTask::failed, this, [this](const QString& message) {
        // The check ran on the project that is open now (a newer open cancels the older check).
        showError(this, tr("The project file is damaged; it was closed."), message);
        closeProject();
    });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_annotatorLabel = new QLabel(this);
    m_annotatorLabel->setObjectName("annotatorLabel");
    statusBar()->addPermanentWidget(m_annotatorLabel);
    createMenus();
    setDocument(nullptr);
    showPage(m_start);

    AppSettings settings;
    if (!restoreGeometry(settings.windowGeometry()))
        resize(1280, 820);
    restoreState(settings.windowState());
}

MainWindow::~MainWindow()
{
    // Pages drop their document before it goes.
    setDocument(nullptr);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setToolTipsVisible(true); // a greyed-out action says which right it needs
    file->addAction(tr("&New project…"), QKeySequence::New, this, &MainWindow::newProject);
    file->addAction(tr("&Open project…"), QKeySequence::Open, this, &MainWindow::openProjectDialog);
    file->addAction(tr("Open &shared project…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    [this] { openServerProjectDialog(); });
    file->addAction(tr("Open the &demo project"), this, &MainWindow::openDemoProject);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addSeparator();
    m_importAction = file->addAction(tr("&Import data…"), QKeySequence(tr("Ctrl+I")), this, [this] { importData(); });
    m_projectActions << m_importAction;
    m_projectActions << file->addAction(tr("&Export…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportData);
    file->addSeparator();
    m_projectActions << file->addAction(tr("&Close project"), QKeySequence::Close, this, &MainWindow::closeProject);
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    // Ctrl+Shift+Z everywhere, plus the platform's own binding (Ctrl+Y on some desktops).
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(QStringLiteral("Ctrl+Shift+Z"))))
        redoKeys.prepend(QKeySequence(QStringLiteral("Ctrl+Shift+Z")));
    redo->setShortcuts(redoKeys);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_pages.size(); ++i) {
        StudioPage* page = m_pages[i];
        view->addAction(page->icon(), page->title(), QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)), this,
                        [this, page] { showPage(page); });
    }

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Annotator name…"), this, &MainWindow::editAnnotator);
}

void MainWindow::addPage(StudioPage* page)
{
    m_pages << page;
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(page->icon(), page->title(), m_sidebar);
    item->setSizeHint(QSize(0, 36));
    int width = 0;
    for (StudioPage* p : m_pages)
        width = std::max(width, m_sidebar->fontMetrics().horizontalAdvance(p->title()));
    m_sidebar->setFixedWidth(width + m_sidebar->iconSize().width() + 40);
    page->setDocument(m_document);
    connect(page, &StudioPage::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
}

void MainWindow::showPage(StudioPage* page)
{
    const int index = m_pages.indexOf(page);
    if (index < 0)
        return;
    if (page->needsProject() && !m_document)
        page = m_start;
    m_stack->setCurrentWidget(page);
    {
        const QSignalBlocker block(m_sidebar);
        m_sidebar->setCurrentRow(m_pages.indexOf(page));
    }
    page->activate();
}

void MainWindow::compareModels(const QString& before, const QString& after)
{
    m_evaluation->setModels(before, after);
    m_rankings->setModels(before, after);
}

bool MainWindow::showPageByName(const QString& name)
{
    const QString key = name.toLower();
    for (StudioPage* page : m_pages) {
        const QString objectName = page->objectName().toLower();
        if (objectName == key + "page" || page->title().toLower() == key) {
            showPage(page);
            return true;
        }
    }
    if (key == "review") {
        showPage(m_review);
        return true;
    }
    return false;
}

StudioPage* MainWindow::currentPage() const
{
    return qobject_cast<StudioPage*>(m_stack->currentWidget());
}

bool MainWindow::openProject(const QString& path, bool create)
{
    auto holder = std::make_shared<std::unique_ptr<db::ProjectStore>>();
    const bool server = isServerLocation(path);
    const TaskResult result = runWithProgressDialog(this, tr("Open project"), tr("Opening %1…").arg(projectTitle(path)),
                                                    [path, create, holder](TaskControl&) {
                                                        *holder = ProjectDocument::openStore(path, create, false);
                                                    });
    if (result.outcome == TaskOutcome::Failed) {
        if (server && needsServerPassword(result.message)) {
            openServerProjectDialog(rememberedLocation(path), result.message);
            return m_document && m_document->location() == rememberedLocation(path);
        }
        showError(this, tr("Could not open the project."), result.message);
        // A server that is down now stays in the list; a file that is gone or damaged leaves it.
        if (!server) {
            AppSettings().removeRecentProject(path);
            m_start->refreshRecentProjects();
        }
        return false;
    }
    if (result.outcome == TaskOutcome::Cancelled || !*holder)
        return false;
    setDocument(new ProjectDocument(std::move(*holder), this, path));
    // The whole-file check (about 0.8 s for a million pairs) runs after the project is on screen, at idle
    // priority: on two cores it took a core from showing the first pair (0.44–0.55 s to it instead of 0.09–0.1 s).
    if (!server) // a server checks its own pages
        m_integrity->start([path](TaskControl& control) { ProjectDocument::checkIntegrity(path, control.cancelFlag()); });
    AppSettings().addRecentProject(m_document->location());
    m_start->refreshRecentProjects();
    showPage(m_pairs);
    return true;
}

bool MainWindow::openDemoProject()
{
    auto path = std::make_shared<QString>();
    const TaskResult result = runWithProgressDialog(this, tr("Demo project"), tr("Preparing the demo project…"),
                                                    [path](TaskControl&) { *path = ensureDemoProject(); });
    if (result.outcome == TaskOutcome::Failed) {
        showError(this, tr("Could not create the demo project."), result.message);
        return false;
    }
    if (result.outcome == TaskOutcome::Cancelled || path->isEmpty())
        return false;
    return openProject(*path);
}

void MainWindow::waitForIntegrityCheck()
{
    m_integrity->waitForFinished();
}

void MainWindow::closeProject()
{
    m_integrity->cancel();
    setDocument(nullptr);
    showPage(m_start);
}

void MainWindow::setDocument(ProjectDocument* document)
{
    ProjectDocument* old = m_document;
    m_document = document;
    m_teamRole.clear();
    if (document) {
        // On a server the connected login role is who judges (the team's policies hold everyone to their own
        // name); a file takes the name the person gave.
        const auto user = document->store().sessionUser();
        document->setAnnotator(user ? QString::fromStdString(*user) : AppSettings().annotator());
        const db::TeamStanding& standing = document->team();
        if (standing.enforced)
            m_teamRole = standing.owner ? tr("owner")
                       : standing.role  ? QString::fromUtf8(db::teamRoleName(*standing.role).data())
                                        : tr("not a member");
        m_undoGroup->addStack(document->undoStack());
        m_undoGroup->setActiveStack(document->undoStack());
        connect(document, &ProjectDocument::editFailed, this, [this](const QString& summary, const QString& detail) {
            showError(this, summary, detail);
        });
        connect(document, &ProjectDocument::annotatorChanged, this, &MainWindow::updateTitle);
        // The server went away: say so until everything kept is sent (annotation goes on meanwhile).
        connect(document, &ProjectDocument::outboxChanged, this, [this](int kept, const QString& message) {
            if (kept > 0)
                statusBar()->showMessage(message);
            else
                statusBar()->showMessage(tr("All judgements sent to the server."), 5000);
        });
    }
    for (StudioPage* page : m_pages)
        page->setDocument(document);
    m_reviewQueue->setDocument(document);
    for (QAction* a : m_projectActions)
        a->setEnabled(document != nullptr);
    enableWithRight(m_importAction, document != nullptr, document, db::TeamRight::Administer, tr("importing"));
    if (old) {
        m_undoGroup->removeStack(old->undoStack());
        delete old;
    }
    updateTitle();
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_document ? tr("%1 — RankPO Studio").arg(m_document->displayName()) : tr("RankPO Studio"));
    setWindowFilePath(m_document && !isServerLocation(m_document->location()) ? m_document->location() : QString());
    const QString annotator = m_document ? m_document->annotator() : AppSettings().annotator();
    m_annotatorLabel->setText(annotator.isEmpty()      ? tr("Annotator: not set")
                              : m_teamRole.isEmpty() ? tr("Annotator: %1").arg(annotator)
                                                     : tr("Annotator: %1 (%2)").arg(annotator, m_teamRole));
    if (m_document)
        statusBar()->showMessage(m_document->location());
    else
        statusBar()->clearMessage();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = AppSettings().recentProjects();
    for (const QString& path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openProject(path); });
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::newProject()
{
    AppSettings settings;
    QString path = QFileDialog::getSaveFileName(this, tr("New project"), settings.lastDirectory(),
                                                tr("RankPO projects (*.rankpo)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".rankpo")))
        path += QStringLiteral(".rankpo");
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    if (QFileInfo::exists(path) && QFileInfo(path).size() > 0) {
        showError(this, tr("Choose a new file name."), tr("%1 already exists; open it instead.").arg(path));
        return;
    }
    QFile::remove(path); // an empty file the dialog may have left
    openProject(path, true);
}

void MainWindow::openProjectDialog()
{
    AppSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), settings.lastDirectory(),
                                                      tr("RankPO projects (*.rankpo);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    openProject(path);
}

void MainWindow::openServerProjectDialog(const QString& url, const QString& problem)
{
    ServerProjectDialog dialog(this, url.isEmpty() ? AppSettings().lastServerUrl() : url, problem);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings().setLastServerUrl(rememberedLocation(dialog.location()));
    openProject(dialog.location());
}

void MainWindow::importData(const QStringList& files)
{
    if (!m_document)
        return;
    ImportWizard wizard(m_document, this);
    if (!files.isEmpty()) {
        // Files chosen already (on the command line): straight to the check.
        ImportChoices choices;
        choices.files = files;
        wizard.setChoices(choices);
        QTimer::singleShot(0, &wizard, &QWizard::next);
    }
    wizard.exec();
}

void MainWindow::exportData()
{
    if (!m_document)
        return;
    ExportDialog dialog(m_document, this);
    dialog.exec();
}

bool MainWindow::ensureAnnotator()
{
    if (m_document && !m_document->annotator().isEmpty())
        return true;
    editAnnotator();
    return m_document && !m_document->annotator().isEmpty();
}

void MainWindow::editAnnotator()
{
    if (m_document && m_document->store().sessionUser()) {
        showError(this, tr("On a server project you judge as the login role you connected with"),
                  tr("%1 is your name on this server, and every judgement and decision you make here is stored under "
                     "it. To judge as someone else, open the project with their login.")
                      .arg(m_document->annotator()));
        return;
    }
    AppSettings settings;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Annotator"),
                                               tr("Your name as annotator. It is stored with each of your judgements "
                                                  "and remembered for next time."),
                                               QLineEdit::Normal, settings.annotator(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    settings.setAnnotator(name);
    if (m_document)
        m_document->setAnnotator(name);
    updateTitle();
}

void MainWindow::resolveDisagreement(qint64 pair)
{
    m_pairs->setFilters(db::HumanAiDisagreement);
    showPage(m_annotate);
    m_annotate->showPair(pair);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    AppSettings().setWindowLayout(saveGeometry(), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace rankpo::ui
