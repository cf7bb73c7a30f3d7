#include "ui/adjudicate/adjudication_page.h"

#include "db/project_store.h"
#include "ui/common/team_gate.h"
#include "ui/annotate/pair_view.h"
#include "ui/common/background_task.h"
#include "ui/document/project_document.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

namespace rankpo::ui {
namespace {

QString outcomeText(const Preference& p)
{
    return p.isTie() ? QObject::tr("tie") : QStringLiteral("C%1").arg(p.winner());
}

QString decisionText(const db::Adjudication& d)
{
    const QString what = d.winner ? QObject::tr("C%1 better").arg(*d.winner) : QObject::tr("a tie");
    QString text = QObject::tr("Decided by %1: %2").arg(QString::fromStdString(d.reviewer), what);
    if (!d.note.empty())
        text += QStringLiteral(" — ") + QString::fromStdString(d.note);
    return text;
}

} // namespace

AdjudicationPage::AdjudicationPage(QWidget* parent) : StudioPage(parent), m_loader(new BackgroundTask(this))
{
    setObjectName("adjudicatePage");
    m_withAi = new QCheckBox(tr("Also people against the AI judges"), this);
    m_withAi->setObjectName("withAi");
    m_showDecided = new QCheckBox(tr("Show decided"), this);
    m_showDecided->setObjectName("showDecided");
    m_status = new QLabel(this);
    m_status->setObjectName("reviewStatus");
    for (QCheckBox* box : {m_withAi, m_showDecided})
        connect(box, &QCheckBox::toggled, this, &AdjudicationPage::reload);
    auto* top = new QHBoxLayout;
    top->addWidget(m_withAi);
    top->addWidget(m_showDecided);
    top->addStretch(1);
    top->addWidget(m_status);

    m_list = new QListWidget(this);
    m_list->setObjectName("reviewList");
    connect(m_list, &QListWidget::currentRowChanged, this, &AdjudicationPage::showCurrent);

    m_view = new PairView(this);
    m_judgements = new QTableWidget(0, 5, this);
    m_judgements->setObjectName("judgements");
    m_judgements->setHorizontalHeaderLabels({tr("Rater"), tr("Prefers"), tr("Confidence"), tr("Shown first"), tr("Rationale")});
    m_judgements->horizontalHeader()->setStretchLastSection(true);
    m_judgements->verticalHeader()->hide();
    m_judgements->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_judgements->setWordWrap(true);
    m_decision = new QLabel(this);
    m_decision->setObjectName("decision");
    m_decision->setWordWrap(true);
    m_note = new QLineEdit(this);
    m_note->setObjectName("decisionNote");
    m_note->setPlaceholderText(tr("Why (kept with the decision)"));
    const char* names[3] = {"decideFirst", "decideSecond", "decideTie"};
    for (int i = 0; i < 3; ++i) {
        m_decide[i] = new QPushButton(this);
        m_decide[i]->setObjectName(names[i]);
        const int side = i == 2 ? -1 : i;
        connect(m_decide[i], &QPushButton::clicked, this, [this, side] { decideCurrent(side); });
    }
    m_decide[2]->setText(tr("Tie (3)"));
    m_withdraw = new QPushButton(tr("Withdraw decision"), this);
    m_withdraw->setObjectName("withdrawDecision");
    connect(m_withdraw, &QPushButton::clicked, this, [this] {
        if (auto* doc = document(); doc && currentPair())
            doc->withdrawDecision(currentPair());
    });
    // The same keys as Annotate: 1 / 2 / 3.
    for (int i = 0; i < 3; ++i) {
        auto* key = new QShortcut(QKeySequence(QString::number(i + 1)), this);
        key->setContext(Qt::WidgetWithChildrenShortcut);
        const int side = i == 2 ? -1 : i;
        connect(key, &QShortcut::activated, this, [this, side] {
            if (!m_note->hasFocus())
                decideCurrent(side);
        });
    }

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_note, 1);
    for (QPushButton* b : m_decide)
        buttons->addWidget(b);
    buttons->addWidget(m_withdraw);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, right);
    split->addWidget(m_view);
    split->addWidget(m_judgements);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    rightLayout->addWidget(split, 1);
    rightLayout->addWidget(m_decision);
    rightLayout->addLayout(buttons);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(m_list);
    main->addWidget(right);
    main->setStretchFactor(1, 4);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(main, 1);

    connect(m_loader, &BackgroundTask::failed, this, [this](const QString& message) {
        m_status->setText(tr("Could not read the disagreements: %1").arg(message));
    });
    showCurrent();
}

AdjudicationPage::~AdjudicationPage() = default;

QIcon AdjudicationPage::icon() const
{
    return style()->standardIcon(QStyle::SP_MessageBoxQuestion);
}

void AdjudicationPage::setDocument(ProjectDocument* document)
{
    if (ProjectDocument* old = this->document())
        disconnect(old, nullptr, this, nullptr);
    StudioPage::setDocument(document);
    m_items.clear();
    m_dirty = true;
    if (document) {
        const auto stale = [this] {
            m_dirty = true;
            if (isVisible())
                reload();
        };
        connect(document, &ProjectDocument::dataChanged, this, stale);
        connect(document, &ProjectDocument::pairEdited, this, stale);
        connect(document, &ProjectDocument::decisionChanged, this, stale);
    }
    showItems();
    if (document)
        reload();
}

void AdjudicationPage::activate()
{
    if (m_dirty)
        reload();
}

void AdjudicationPage::reload()
{
    auto* doc = document();
    if (!doc)
        return;
    m_dirty = false;
    m_status->setText(tr("Finding disagreements…"));
    const std::string path = doc->path().toStdString();
    db::ReviewQuery query;
    query.withAi = m_withAi->isChecked();
    query.includeDecided = m_showDecided->isChecked();
    auto items = std::make_shared<std::vector<db::ReviewItem>>();
    disconnect(m_loader, &BackgroundTask::succeeded, this, nullptr);
    connect(m_loader, &BackgroundTask::succeeded, this, [this, items] {
        m_items = std::move(*items);
        showItems();
    });
    // One pass over the judgements' outcomes, then each listed pair's judgements: on a worker, its own connection.
    m_loader->start([path, query, items](TaskControl&) {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::ReadOnly, false);
        *items = db::reviewQueue(*store, query);
    });
}

void AdjudicationPage::showItems()
{
    const PairId keep = currentPair();
    const QSignalBlocker block(m_list);
    m_list->clear();
    int row = -1;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const auto& item = m_items[i];
        QString text = tr("P%1 · %n judgement(s)", nullptr, static_cast<int>(item.judgements.size())).arg(item.pairId);
        if (item.decision)
            text += QStringLiteral(" ✓");
        m_list->addItem(text);
        if (item.pairId == keep)
            row = static_cast<int>(i);
    }
    if (row < 0 && !m_items.empty())
        row = 0; // the decided pair left the list: the next one
    m_list->setCurrentRow(row);
    m_status->setText(document() ? tr("%n pair(s) to review", nullptr, static_cast<int>(m_items.size())) : QString());
    showCurrent();
}

void AdjudicationPage::showCurrent()
{
    const int row = m_list->currentRow();
    const bool has = row >= 0 && row < static_cast<int>(m_items.size());
    // Deciding is a reviewer's (or an admin's); an annotator reads the disagreements.
    for (QPushButton* b : m_decide)
        enableWithRight(b, has, document(), db::TeamRight::Review, tr("adjudicating"));
    enableWithRight(m_withdraw, has && m_items[static_cast<std::size_t>(row)].decision.has_value(), document(),
                    db::TeamRight::Review, tr("adjudicating"));
    m_judgements->setRowCount(0);
    if (!has) {
        m_view->showMessage(document() ? tr("No disagreements to review.") : tr("No project open."));
        m_decision->clear();
        m_decide[0]->setText(tr("First better (1)"));
        m_decide[1]->setText(tr("Second better (2)"));
        return;
    }
    const db::ReviewItem& item = m_items[static_cast<std::size_t>(row)];
    m_decide[0]->setText(tr("C%1 better (1)").arg(item.lo));
    m_decide[1]->setText(tr("C%1 better (2)").arg(item.hi));
    if (auto details = document()->pair(item.pairId))
        m_view->showPair(*details, item.lo, false); // A is always the lower id here: the raters saw both orders
    else
        m_view->showMessage(tr("P%1 was removed.").arg(item.pairId));
    m_judgements->setRowCount(static_cast<int>(item.judgements.size()));
    for (int r = 0; r < static_cast<int>(item.judgements.size()); ++r) {
        const Preference& p = item.judgements[static_cast<std::size_t>(r)];
        const QString rater = (p.source == PreferenceSource::Ai ? tr("AI: %1") : QStringLiteral("%1"))
                                  .arg(QString::fromStdString(p.annotator));
        const QString cells[5] = {rater, outcomeText(p), p.confidence ? QString::number(*p.confidence) : QString(),
                                  QStringLiteral("C%1").arg(p.shownFirst), QString::fromStdString(p.rationale)};
        for (int c = 0; c < 5; ++c)
            m_judgements->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_judgements->resizeRowsToContents();
    m_decision->setText(item.decision ? decisionText(*item.decision) : tr("Not decided yet."));
    m_note->setText(item.decision ? QString::fromStdString(item.decision->note) : QString());
}

std::vector<PairId> AdjudicationPage::listedPairs() const
{
    std::vector<PairId> out;
    for (const auto& item : m_items)
        out.push_back(item.pairId);
    return out;
}

PairId AdjudicationPage::currentPair() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < static_cast<int>(m_items.size()) ? m_items[static_cast<std::size_t>(row)].pairId : 0;
}

void AdjudicationPage::selectPair(PairId pair)
{
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].pairId == pair)
            m_list->setCurrentRow(static_cast<int>(i));
}

void AdjudicationPage::waitForLoaded()
{
    m_loader->waitForFinished();
}

bool AdjudicationPage::decideCurrent(int side)
{
    auto* doc = document();
    const PairId pair = currentPair();
    if (!doc || pair == 0)
        return false;
    if (doc->annotator().isEmpty())
        Q_EMIT annotatorNeeded();
    if (doc->annotator().isEmpty())
        return false;
    const auto& item = m_items[static_cast<std::size_t>(m_list->currentRow())];
    const std::optional<CandidateId> winner = side < 0 ? std::nullopt : std::optional<CandidateId>(side == 0 ? item.lo : item.hi);
    const bool stored = doc->decide(pair, winner, m_note->text());
    if (stored)
        Q_EMIT statusMessage(tr("Decided P%1.").arg(pair));
    return stored;
}

} // namespace rankpo::ui
