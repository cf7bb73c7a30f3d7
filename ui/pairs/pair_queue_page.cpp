#include "ui/pairs/pair_queue_page.h"

#include "ui/common/team_gate.h"
#include "ui/shell/app_settings.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/pairs/assign_dialog.h"
#include "ui/pairs/make_pairs_dialog.h"
#include "ui/pairs/pair_scoring.h"
#ifdef RANKPO_WITH_JUDGE
#include "ui/pairs/judge_dialog.h"
#endif
#include "ui/document/project_document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace rankpo::ui {

PairQueuePage::PairQueuePage(QWidget* parent) : StudioPage(parent), m_model(new PairQueueModel(this))
{
    setObjectName("pairsPage");
    m_search = new QLineEdit(this);
    m_search->setObjectName("pairSearch");
    m_search->setPlaceholderText(tr("Search the jobs' and candidates' texts and ids…"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(350);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &PairQueuePage::applyQuery);

    m_order = new QComboBox(this);
    m_order->addItem(tr("Import order"), static_cast<int>(db::QueueOrder::PairId));
    m_order->addItem(tr("Uncertain first"), static_cast<int>(db::QueueOrder::UncertainFirst));
    m_order->setToolTip(tr("Uncertain first: the pairs the score model separates least come first (active learning)"));
    m_scoreModel = new QComboBox(this);
    m_scoreModel->setToolTip(tr("The model whose scores give the margins"));
    connect(m_order, qOverload<int>(&QComboBox::currentIndexChanged), this, &PairQueuePage::applyQuery);
    connect(m_scoreModel, &QComboBox::textActivated, this, [this](const QString& model) {
        if (auto* doc = document())
            doc->setScoreModel(model);
    });

    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(new QLabel(tr("Order"), this));
    searchRow->addWidget(m_order);
    searchRow->addWidget(new QLabel(tr("Score model"), this));
    searchRow->addWidget(m_scoreModel);
    m_scoreButton = new QPushButton(tr("Score pairs with model…"), this);
    m_scoreButton->setObjectName("scorePairs");
    m_scoreButton->setToolTip(tr("Score both candidates of every pair with a model (on a worker): the scores order "
                                 "the queue and find where the model and the AI judge disagree"));
    connect(m_scoreButton, &QPushButton::clicked, this, [this] { scorePairsWithModel(this, document()); });
    searchRow->addWidget(m_scoreButton);
    m_judgeButton = new QPushButton(tr("Judge with AI…"), this);
    m_judgeButton->setObjectName("judgeWithAi");
#ifdef RANKPO_WITH_JUDGE
    m_judgeButton->setToolTip(tr("Ask an AI model over an OpenAI-compatible endpoint which candidate of each pair "
                                 "fits better (on a worker; every answer is stored as it arrives)"));
    connect(m_judgeButton, &QPushButton::clicked, this, [this] { judgeWithAi(this, document()); });
#else
    m_judgeButton->setToolTip(tr("This build has no HTTP client (RANKPO_WITH_HTTP=OFF)"));
#endif
    searchRow->addWidget(m_judgeButton);
    m_makePairsButton = new QPushButton(tr("Make pairs…"), this);
    m_makePairsButton->setObjectName("makePairs");
    m_makePairsButton->setToolTip(tr("Rank every candidate for each job with a model and draw pairs to judge among "
                                     "its best ones (on a worker)"));
    connect(m_makePairsButton, &QPushButton::clicked, this, [this] {
        if (makePairsWithDialog(this, document()) > 0)
            setFilters(db::NotJudgedYet); // show what was just made
    });
    searchRow->addWidget(m_makePairsButton);
    m_assignButton = new QPushButton(tr("Assign…"), this);
    m_assignButton->setObjectName("assignPairs");
    m_assignButton->setToolTip(tr("Give each pair to k people of the team, balanced: each one's queue shows their "
                                  "pairs first"));
    connect(m_assignButton, &QPushButton::clicked, this, [this] {
        if (assignPairsWithDialog(this, document()))
            m_model->setQuery(currentQuery()); // the order changed even where the filters did not
    });
    searchRow->addWidget(m_assignButton);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Show only:"), this));
    m_notMine = new QCheckBox(tr("Not judged by me"), this);
    m_notJudged = new QCheckBox(tr("Not judged yet"), this);
    m_notJudged->setObjectName("notJudgedYet");
    m_notJudged->setToolTip(tr("Pairs nobody has judged yet (made with Make pairs… or imported unjudged)"));
    m_assignedToMe = new QCheckBox(tr("Assigned to me"), this);
    m_assignedToMe->setObjectName("assignedToMe");
    m_assignedToMe->setToolTip(tr("Pairs assigned to the current annotator (Assign…, rankpo assign)"));
    m_aiOnly = new QCheckBox(tr("AI only"), this);
    m_aiOnly->setToolTip(tr("Judged by an AI and by no person"));
    m_humanAi = new QCheckBox(tr("Human–AI disagreement"), this);
    m_lowConfidence = new QCheckBox(tr("AI confidence below"), this);
    m_confidenceThreshold = new QSpinBox(this);
    m_confidenceThreshold->setRange(1, 100);
    m_confidenceThreshold->setValue(60);
    m_modelAi = new QCheckBox(tr("Model–AI disagreement"), this);
    m_modelAi->setToolTip(tr("The score model prefers the other candidate than the AI judge"));
    for (QCheckBox* box : {m_notMine, m_assignedToMe, m_notJudged, m_aiOnly, m_humanAi, m_lowConfidence, m_modelAi}) {
        filterRow->addWidget(box);
        if (box == m_lowConfidence)
            filterRow->addWidget(m_confidenceThreshold);
        connect(box, &QCheckBox::toggled, this, &PairQueuePage::applyQuery);
    }
    connect(m_confidenceThreshold, qOverload<int>(&QSpinBox::valueChanged), this, [this] {
        if (m_lowConfidence->isChecked())
            applyQuery();
    });
    filterRow->addStretch(1);

    m_table = new QTableView(this);
    m_table->setObjectName("pairTable");
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // long ids (URLs) differ at their ends
    // Fixed row heights and no size-to-contents: a million rows cost nothing until they are seen.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int w = m_table->fontMetrics().horizontalAdvance('m');
    const int widths[] = {7, 30, 13, 13, 8, 7, 8, 6, 10};
    for (int c = 0; c < PairQueueModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c] * w);
    m_table->horizontalHeader()->restoreState(AppSettings().layoutState("pairTable/header"));
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) { Q_EMIT pairActivated(index.row()); });

    m_status = new QLabel(this);
    m_status->setObjectName("queueStatus");
    connect(m_model, &PairQueueModel::loadingChanged, this, &PairQueuePage::updateStatus);
    connect(m_model, &PairQueueModel::loaded, this, &PairQueuePage::updateStatus);
    connect(m_model, &PairQueueModel::loadFailed, this, [this](const QString& message) {
        m_status->setText(tr("Could not select the pairs: %1").arg(message));
    });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(searchRow);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    updateModelControls();
    updateStatus();
}

PairQueuePage::~PairQueuePage()
{
    AppSettings().setLayoutState("pairTable/header", m_table->horizontalHeader()->saveState());
}

QIcon PairQueuePage::icon() const
{
    return style()->standardIcon(QStyle::SP_FileDialogDetailedView);
}

void PairQueuePage::setDocument(ProjectDocument* document)
{
    if (ProjectDocument* old = this->document())
        disconnect(old, nullptr, this, nullptr);
    StudioPage::setDocument(document);
    if (document) {
        connect(document, &ProjectDocument::annotatorChanged, this, [this] {
            m_model->setQuery(currentQuery()); // whose pairs come first, and "not judged by me", follow the name
        });
        connect(document, &ProjectDocument::scoreModelChanged, this, [this] {
            updateModelControls();
            applyQuery();
        });
        connect(document, &ProjectDocument::dataChanged, this, &PairQueuePage::updateModelControls);
    }
    updateModelControls();
    // Scores, the judge's work, pairs and assignments are an admin's to write on a team's project.
    enableWithRight(m_scoreButton, document != nullptr, document, db::TeamRight::Administer, tr("scoring pairs"));
#ifdef RANKPO_WITH_JUDGE
    enableWithRight(m_judgeButton, document != nullptr, document, db::TeamRight::Administer,
                    tr("judging with an AI model"));
#else
    m_judgeButton->setEnabled(false);
#endif
    enableWithRight(m_makePairsButton, document != nullptr, document, db::TeamRight::Administer, tr("making pairs"));
    enableWithRight(m_assignButton, document != nullptr, document, db::TeamRight::Administer, tr("assigning pairs"));
    // The model keeps the query; it reloads for the new document.
    m_model->setQuery(currentQuery());
    m_model->setDocument(document);
    updateStatus();
}

db::PairQueueQuery PairQueuePage::currentQuery() const
{
    db::PairQueueQuery q;
    if (m_notMine->isChecked())
        q.filters |= db::NotJudgedByMe;
    if (m_notJudged->isChecked())
        q.filters |= db::NotJudgedYet;
    if (m_assignedToMe->isChecked())
        q.filters |= db::AssignedToMe;
    if (m_aiOnly->isChecked())
        q.filters |= db::AiOnly;
    if (m_humanAi->isChecked())
        q.filters |= db::HumanAiDisagreement;
    if (m_lowConfidence->isChecked())
        q.filters |= db::LowAiConfidence;
    if (m_modelAi->isChecked() && m_modelAi->isEnabled())
        q.filters |= db::ModelAiDisagreement;
    q.lowConfidenceBelow = m_confidenceThreshold->value();
    q.order = m_order->isEnabled() ? static_cast<db::QueueOrder>(m_order->currentData().toInt()) : db::QueueOrder::PairId;
    q.search = m_search->text().trimmed().toStdString();
    if (auto* doc = document()) {
        q.annotator = doc->annotator().toStdString();
        q.scoreModel = doc->scoreModel().toStdString();
    }
    return q;
}

void PairQueuePage::applyQuery()
{
    m_searchDelay->stop();
    const db::PairQueueQuery q = currentQuery();
    if (q != m_model->query() || m_model->rowCount() == 0)
        m_model->setQuery(q);
}

void PairQueuePage::setFilters(unsigned filters)
{
    const QSignalBlocker b1(m_notMine), b2(m_aiOnly), b3(m_humanAi), b4(m_lowConfidence), b5(m_modelAi), b6(m_notJudged),
        b7(m_assignedToMe);
    m_notJudged->setChecked(filters & db::NotJudgedYet);
    m_assignedToMe->setChecked(filters & db::AssignedToMe);
    m_notMine->setChecked(filters & db::NotJudgedByMe);
    m_aiOnly->setChecked(filters & db::AiOnly);
    m_humanAi->setChecked(filters & db::HumanAiDisagreement);
    m_lowConfidence->setChecked(filters & db::LowAiConfidence);
    m_modelAi->setChecked(filters & db::ModelAiDisagreement);
    applyQuery();
}

void PairQueuePage::setSearchText(const QString& text)
{
    m_search->setText(text);
    applyQuery();
}

void PairQueuePage::setOrder(db::QueueOrder order)
{
    m_order->setCurrentIndex(m_order->findData(static_cast<int>(order)));
    applyQuery();
}

void PairQueuePage::updateModelControls()
{
    QStringList models;
    auto* doc = document();
    if (doc) {
        try {
            models = doc->scoredModels();
        } catch (const std::exception&) {
            models.clear();
        }
    }
    const QSignalBlocker block(m_scoreModel);
    m_scoreModel->clear();
    m_scoreModel->addItems(models);
    if (doc)
        m_scoreModel->setCurrentText(doc->scoreModel());
    const bool scored = !models.isEmpty();
    const QString why = tr("No model has scored this project's pairs yet: Score pairs with model… (or a finished training run) enables this");
    for (QWidget* w : std::initializer_list<QWidget*>{m_scoreModel, m_modelAi, m_order}) {
        w->setEnabled(scored);
        if (!scored)
            w->setToolTip(why);
    }
    if (scored) {
        m_modelAi->setToolTip(tr("The score model prefers the other candidate than the AI judge"));
        m_order->setToolTip(tr("Uncertain first: the pairs the score model separates least come first (active learning)"));
        m_scoreModel->setToolTip(tr("The model whose scores give the margins"));
    }
}

void PairQueuePage::updateStatus()
{
    if (!document()) {
        m_status->setText(tr("No project open."));
        return;
    }
    const int n = m_model->rowCount();
    const QString count = n == 1 ? tr("1 pair") : tr("%1 pairs").arg(QLocale().toString(n));
    m_status->setText(m_model->isLoading() ? tr("Selecting pairs… (%1 shown)").arg(count) : count);
}

} // namespace rankpo::ui
