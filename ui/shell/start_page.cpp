#include "ui/shell/start_page.h"

#include "db/pair_assignments.h"
#include "db/project_store.h"
#include "ui/common/team_gate.h"
#include "ui/shell/app_settings.h"
#include "ui/common/background_task.h"
#include "ui/common/project_location.h"
#include "ui/document/project_document.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <memory>

namespace rankpo::ui {

StartPage::StartPage(QWidget* parent) : StudioPage(parent), m_stats(new BackgroundTask(this))
{
    setObjectName("startPage");
    auto* heading = new QLabel(tr("<h1>RankPO Studio</h1><p>Align job–candidate matching models with preferences: "
                                  "judge pairs, audit the AI judge, export training data.</p>"),
                               this);
    heading->setWordWrap(true);

    auto* projects = new QGroupBox(tr("Projects"), this);
    m_recent = new QListWidget(projects);
    m_recent->setObjectName("recentProjects");
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        Q_EMIT openRecentRequested(item->data(Qt::UserRole).toString());
    });
    auto* newButton = new QPushButton(style()->standardIcon(QStyle::SP_FileIcon), tr("New project…"), projects);
    auto* openButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open project…"), projects);
    auto* serverButton = new QPushButton(style()->standardIcon(QStyle::SP_DriveNetIcon), tr("Open shared project…"), projects);
    serverButton->setObjectName("openServerProject");
    serverButton->setToolTip(tr("A team's project on a PostgreSQL server"));
    auto* demoButton = new QPushButton(style()->standardIcon(QStyle::SP_DirHomeIcon), tr("Open the demo project"), projects);
    connect(newButton, &QPushButton::clicked, this, &StartPage::newProjectRequested);
    connect(openButton, &QPushButton::clicked, this, &StartPage::openProjectRequested);
    connect(serverButton, &QPushButton::clicked, this, &StartPage::openServerProjectRequested);
    connect(demoButton, &QPushButton::clicked, this, &StartPage::openDemoRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addWidget(serverButton);
    buttons->addWidget(demoButton);
    buttons->addStretch(1);
    auto* projectsLayout = new QVBoxLayout(projects);
    projectsLayout->addWidget(new QLabel(tr("Recent projects"), projects));
    projectsLayout->addWidget(m_recent, 1);
    projectsLayout->addLayout(buttons);

    m_projectBox = new QGroupBox(tr("This project"), this);
    m_projectName = new QLabel(m_projectBox);
    m_projectName->setWordWrap(true);
    m_projectName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts = new QFormLayout;
    m_import = new QPushButton(tr("Import data…"), m_projectBox);
    m_import->setObjectName("importData");
    m_export = new QPushButton(tr("Export…"), m_projectBox);
    connect(m_import, &QPushButton::clicked, this, &StartPage::importRequested);
    connect(m_export, &QPushButton::clicked, this, &StartPage::exportRequested);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_import);
    actions->addWidget(m_export);
    actions->addStretch(1);
    auto* projectLayout = new QVBoxLayout(m_projectBox);
    projectLayout->addWidget(m_projectName);
    projectLayout->addLayout(m_counts);
    projectLayout->addStretch(1);
    projectLayout->addLayout(actions);

    auto* columns = new QHBoxLayout;
    columns->addWidget(projects, 3);
    columns->addWidget(m_projectBox, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(columns, 1);

    refreshRecentProjects();
    setDocument(nullptr);
}

StartPage::~StartPage() = default;

QIcon StartPage::icon() const
{
    return style()->standardIcon(QStyle::SP_DirHomeIcon);
}

void StartPage::refreshRecentProjects()
{
    m_recent->clear();
    for (const QString& path : AppSettings().recentProjects()) {
        const bool server = isServerLocation(path);
        auto* item = new QListWidgetItem(style()->standardIcon(server ? QStyle::SP_DriveNetIcon : QStyle::SP_FileIcon),
                                         QStringLiteral("%1\n%2").arg(projectTitle(path), locationDetail(path)), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
        // A server that is down now may be up when clicked: only a missing file is greyed out.
        if (!server && !QFileInfo::exists(path))
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
}

void StartPage::setDocument(ProjectDocument* document)
{
    if (ProjectDocument* old = this->document())
        disconnect(old, nullptr, this, nullptr);
    m_stats->cancel();
    StudioPage::setDocument(document);
    m_statsDirty = true;
    m_projectBox->setEnabled(document != nullptr);
    enableWithRight(m_import, document != nullptr, document, db::TeamRight::Administer, tr("importing"));
    m_export->setEnabled(document != nullptr);
    while (m_counts->rowCount() > 0)
        m_counts->removeRow(0);
    m_projectName->setText(document ? QStringLiteral("<b>%1</b><br>%2").arg(document->displayName().toHtmlEscaped(),
                                                                           document->location().toHtmlEscaped())
                                    : tr("No project open."));
    if (document) {
        connect(document, &ProjectDocument::dataChanged, this, [this] {
            m_statsDirty = true;
            if (isVisible())
                refreshSummary();
        });
        connect(document, &ProjectDocument::pairEdited, this, [this] { m_statsDirty = true; });
    }
    refreshRecentProjects();
}

void StartPage::activate()
{
    refreshRecentProjects();
    if (m_statsDirty)
        refreshSummary();
}

void StartPage::refreshSummary()
{
    auto* doc = document();
    if (!doc)
        return;
    m_statsDirty = false;
    const std::string path = doc->path().toStdString();
    auto stats = std::make_shared<db::ProjectStats>();
    auto work = std::make_shared<std::vector<db::AnnotatorWorkload>>();
    disconnect(m_stats, nullptr, this, nullptr);
    connect(m_stats, &BackgroundTask::succeeded, this, [this, stats, work] {
        while (m_counts->rowCount() > 0)
            m_counts->removeRow(0);
        const QLocale l;
        auto row = [&](const QString& label, std::int64_t value) { m_counts->addRow(label, new QLabel(l.toString(static_cast<qlonglong>(value)))); };
        row(tr("Jobs"), stats->jobs);
        row(tr("Candidates"), stats->candidates);
        row(tr("Pairs"), stats->pairs);
        row(tr("AI judgements"), stats->preferencesAi);
        row(tr("Human judgements"), stats->preferencesHuman);
        row(tr("Ties"), stats->ties);
        row(tr("Rule labels (positive)"), stats->labelsPositive);
        row(tr("Rule labels (negative)"), stats->labelsNegative);
        m_counts->addRow(tr("Split (jobs)"), new QLabel(tr("%1 train · %2 test · %3 unassigned")
                                                          .arg(l.toString(static_cast<qlonglong>(stats->trainJobs)),
                                                               l.toString(static_cast<qlonglong>(stats->testJobs)),
                                                               l.toString(static_cast<qlonglong>(stats->unassignedJobs)))));
        // Each person's share of the assigned pairs (rankpo assign, Assign… on the Pairs page).
        for (const auto& w : *work) {
            auto* label = new QLabel(tr("%1 of %2 judged").arg(l.toString(static_cast<qlonglong>(w.judged)),
                                                               l.toString(static_cast<qlonglong>(w.assigned))));
            label->setObjectName("progress:" + QString::fromStdString(w.annotator));
            m_counts->addRow(tr("Assigned to %1").arg(QString::fromStdString(w.annotator)), label);
        }
    });
    connect(m_stats, &BackgroundTask::failed, this, [this](const QString& message) {
        m_counts->addRow(tr("Counts"), new QLabel(tr("unavailable: %1").arg(message)));
    });
    // Counting is a pass over the project: on a worker, with its own connection.
    m_stats->start([path, stats, work](TaskControl&) {
        auto store = db::ProjectStore::open(path);
        *stats = store->stats();
        *work = db::PairAssignments(*store).progress();
    });
}

} // namespace rankpo::ui
