#include "ui/annotate/annotation_page.h"

#include "ui/common/team_gate.h"
#include "ui/shell/app_settings.h"
#include "ui/pairs/pair_queue_model.h"
#include "ui/annotate/pair_view.h"
#include "ui/document/project_document.h"
#include "ui/annotate/shown_order.h"
#include "ui/common/text_masking.h"
#ifdef RANKPO_WITH_JUDGE
#include "ui/pairs/judge_dialog.h"
#endif

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRandomGenerator>
#include <QShortcut>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace rankpo::ui {
namespace {

QString letterOf(const Preference& p, CandidateId shownFirst)
{
    if (p.choice == Choice::Tie)
        return QObject::tr("a tie");
    return p.winner() == shownFirst ? QStringLiteral("A") : QStringLiteral("B");
}

QPushButton* keyButton(const QString& text, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setFocusPolicy(Qt::NoFocus); // keys stay with the page
    return b;
}

} // namespace

AnnotationPage::AnnotationPage(Mode mode, QWidget* parent)
    : StudioPage(parent), m_mode(mode), m_seed(QRandomGenerator::global()->generate64())
{
    AppSettings settings;
    m_blind = settings.blindMode();
    m_mask = settings.maskPersonalDetails();
    m_autoAdvance = settings.autoAdvance();
    setFocusPolicy(Qt::StrongFocus);
    buildUi();
    addShortcuts();
    m_confidence->setValue(settings.defaultConfidence());
    m_view->showMessage(tr("Open a project to start."));
    updateProgress();
}

AnnotationPage::~AnnotationPage()
{
    AppSettings().setLayoutState(objectName() + "/splitter", m_splitter->saveState());
}

QString AnnotationPage::title() const
{
    return m_mode == Mode::Annotate ? tr("Annotate") : tr("AI review");
}

QIcon AnnotationPage::icon() const
{
    return style()->standardIcon(m_mode == Mode::Annotate ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxQuestion);
}

void AnnotationPage::buildUi()
{
    setObjectName(m_mode == Mode::Annotate ? "annotatePage" : "reviewPage");
    auto* top = new QHBoxLayout;
    auto* prev = keyButton(tr("◀ Previous"), this);
    auto* next = keyButton(tr("Skip ▶"), this);
    prev->setToolTip(tr("Previous pair (Backspace)"));
    next->setToolTip(tr("Next pair without judging (Space)"));
    connect(prev, &QPushButton::clicked, this, &AnnotationPage::previous);
    connect(next, &QPushButton::clicked, this, &AnnotationPage::skip);
    m_progress = new QLabel(this);
    m_progress->setObjectName("progressLabel");
    m_blindBox = new QCheckBox(tr("Blind"), this);
    m_blindBox->setToolTip(tr("Hide the AI's choice until you have chosen"));
    m_maskBox = new QCheckBox(tr("Mask personal details"), this);
    m_maskBox->setToolTip(tr("Hide e-mail addresses, phone numbers, links and contact names in what is shown "
                             "(the stored texts do not change)"));
    m_autoAdvanceBox = new QCheckBox(tr("Auto-advance"), this);
    m_autoAdvanceBox->setToolTip(tr("Go to the next pair after each judgement"));
    for (QCheckBox* box : {m_blindBox, m_maskBox, m_autoAdvanceBox})
        box->setFocusPolicy(Qt::NoFocus);
    m_blindBox->setChecked(m_blind);
    m_maskBox->setChecked(m_mask);
    m_autoAdvanceBox->setChecked(m_autoAdvance);
    m_blindBox->setVisible(m_mode == Mode::Annotate);
    connect(m_blindBox, &QCheckBox::toggled, this, &AnnotationPage::setBlindMode);
    connect(m_maskBox, &QCheckBox::toggled, this, &AnnotationPage::setMaskPersonalDetails);
    connect(m_autoAdvanceBox, &QCheckBox::toggled, this, &AnnotationPage::setAutoAdvance);
    top->addWidget(prev);
    top->addWidget(next);
    top->addSpacing(12);
    top->addWidget(m_progress, 1);
    top->addWidget(m_blindBox);
    top->addWidget(m_maskBox);
    top->addWidget(m_autoAdvanceBox);
#ifdef RANKPO_WITH_JUDGE
    if (m_mode == Mode::ReviewAi) {
        m_judgeButton = new QPushButton(tr("Judge with AI…"), this);
        m_judgeButton->setObjectName("judgeWithAi");
        m_judgeButton->setToolTip(
            tr("Ask an AI model over an OpenAI-compatible endpoint for the pairs it has not judged yet"));
        connect(m_judgeButton, &QPushButton::clicked, this, [this] { judgeWithAi(this, document()); });
        top->addWidget(m_judgeButton);
    }
#endif

    m_view = new PairView(this);

    // Your judgement.
    auto* judgeBox = new QGroupBox(m_mode == Mode::Annotate ? tr("Your judgement") : tr("Your review"), this);
    auto* judgeLayout = new QVBoxLayout(judgeBox);
    auto* buttons = new QHBoxLayout;
    m_agreeButton = keyButton(tr("Agree with the AI  [Enter]"), judgeBox);
    m_agreeButton->setVisible(m_mode == Mode::ReviewAi);
    connect(m_agreeButton, &QPushButton::clicked, this, &AnnotationPage::agreeWithAi);
    auto* a = keyButton(tr("A better  [1 / ←]"), judgeBox);
    auto* tie = keyButton(tr("Tie  [3 / ↓]"), judgeBox);
    auto* b = keyButton(tr("B better  [2 / →]"), judgeBox);
    connect(a, &QPushButton::clicked, this, [this] { choose(Choice::First); });
    connect(tie, &QPushButton::clicked, this, [this] { choose(Choice::Tie); });
    connect(b, &QPushButton::clicked, this, [this] { choose(Choice::Second); });
    buttons->addWidget(m_agreeButton);
    buttons->addWidget(a);
    buttons->addWidget(tie);
    buttons->addWidget(b);
    judgeLayout->addLayout(buttons);
    auto* confidenceRow = new QHBoxLayout;
    confidenceRow->addWidget(new QLabel(tr("Confidence"), judgeBox));
    m_confidence = new QSlider(Qt::Horizontal, judgeBox);
    m_confidence->setRange(0, 100);
    m_confidence->setSingleStep(5);
    m_confidence->setPageStep(10);
    m_confidence->setFocusPolicy(Qt::NoFocus);
    m_confidence->setToolTip(tr("How sure you are (+ / - change it by 10)"));
    m_confidenceLabel = new QLabel(judgeBox);
    m_confidenceLabel->setMinimumWidth(m_confidenceLabel->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    connect(m_confidence, &QSlider::valueChanged, this, [this](int v) {
        m_confidenceLabel->setText(QStringLiteral("%1 %").arg(v));
        AppSettings().setDefaultConfidence(v);
    });
    confidenceRow->addWidget(m_confidence, 1);
    confidenceRow->addWidget(m_confidenceLabel);
    judgeLayout->addLayout(confidenceRow);
    m_rationale = new QLineEdit(judgeBox);
    m_rationale->setObjectName("rationaleEdit");
    m_rationale->setPlaceholderText(tr("Rationale (optional; Enter or Esc returns to the keys)"));
    connect(m_rationale, &QLineEdit::returnPressed, this, [this] { setFocus(); });
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_rationale);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, this, [this] { setFocus(); });
    judgeLayout->addWidget(m_rationale);
    m_status = new QLabel(judgeBox);
    m_status->setObjectName("judgementStatus");
    m_status->setWordWrap(true);
    judgeLayout->addWidget(m_status);
    judgeLayout->addStretch(1);

    // The AI judge.
    auto* aiBox = new QGroupBox(tr("AI judge"), this);
    auto* aiLayout = new QVBoxLayout(aiBox);
    m_aiSummary = new QLabel(aiBox);
    m_aiSummary->setObjectName("aiSummary");
    m_aiSummary->setWordWrap(true);
    m_aiSummary->setTextFormat(Qt::RichText);
    m_aiRationale = new QTextBrowser(aiBox);
    m_aiRationale->setFocusPolicy(Qt::NoFocus);
    aiLayout->addWidget(m_aiSummary);
    aiLayout->addWidget(m_aiRationale, 1);

    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(judgeBox, 1);
    bottomLayout->addWidget(aiBox, 1);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(bottom);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 1);
    if (!m_splitter->restoreState(AppSettings().layoutState(objectName() + "/splitter")))
        m_splitter->setSizes({700, 190});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);
}

void AnnotationPage::addShortcuts()
{
    auto bind = [this](QKeySequence key, auto slot) {
        auto* s = new QShortcut(key, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    for (int key : {Qt::Key_1, Qt::Key_Left})
        bind(QKeySequence(key), [this] { choose(Choice::First); });
    for (int key : {Qt::Key_2, Qt::Key_Right})
        bind(QKeySequence(key), [this] { choose(Choice::Second); });
    for (int key : {Qt::Key_3, Qt::Key_Down})
        bind(QKeySequence(key), [this] { choose(Choice::Tie); });
    bind(QKeySequence(Qt::Key_Space), [this] { skip(); });
    bind(QKeySequence(Qt::Key_Backspace), [this] { previous(); });
    bind(QKeySequence(Qt::Key_Delete), [this] { removeMine(); });
    for (int key : {Qt::Key_Plus, Qt::Key_Equal})
        bind(QKeySequence(key), [this] { setConfidence(m_confidence->value() + 10); });
    bind(QKeySequence(Qt::Key_Minus), [this] { setConfidence(m_confidence->value() - 10); });
    if (m_mode == Mode::ReviewAi) {
        for (int key : {Qt::Key_Return, Qt::Key_Enter})
            bind(QKeySequence(key), [this] { agreeWithAi(); });
    }
}

void AnnotationPage::setDocument(ProjectDocument* document)
{
    if (ProjectDocument* old = this->document())
        disconnect(old, nullptr, this, nullptr);
    StudioPage::setDocument(document);
    m_row = -1;
    m_pairId = 0;
    m_pendingPair = 0;
    m_judgedThisSession = 0;
    if (document)
        connect(document, &ProjectDocument::pairEdited, this, &AnnotationPage::onPairEdited);
    if (m_judgeButton) // the judge's work is an admin's on a team's project
        enableWithRight(m_judgeButton, true, document, db::TeamRight::Administer, tr("judging with an AI model"));
    m_view->showMessage(document ? tr("The queue is loading…") : tr("Open a project to start."));
    m_aiSummary->clear();
    m_aiRationale->clear();
    m_status->clear();
    updateProgress();
}

void AnnotationPage::setQueue(PairQueueModel* queue)
{
    if (m_queue)
        disconnect(m_queue, nullptr, this, nullptr);
    m_queue = queue;
    if (m_queue) {
        connect(m_queue, &PairQueueModel::loaded, this, &AnnotationPage::onQueueLoaded);
        connect(m_queue, &PairQueueModel::loadingChanged, this, [this] { updateProgress(); });
    }
}

void AnnotationPage::activate()
{
    setFocus();
    if (m_pairId == 0 && m_queue && !m_queue->isLoading() && m_queue->rowCount() > 0)
        showRow(0);
}

void AnnotationPage::onQueueLoaded()
{
    if (m_pendingPair != 0) {
        const PairId pending = m_pendingPair;
        m_pendingPair = 0;
        showPair(pending);
        return;
    }
    if (m_pairId != 0) {
        m_row = m_queue->rowOfPair(m_pairId);
        updateProgress();
        return;
    }
    const db::PairQueueQuery& q = m_queue->query();
    if (m_queue->rowCount() > 0)
        showRow(0);
    else if (q.filters == 0 && q.search.empty())
        m_view->showMessage(tr("The project has no pairs yet: import some with File ▸ Import data… (Ctrl+I)."));
    else
        m_view->showMessage(tr("No pairs match the queue's filters."));
    updateProgress();
}

void AnnotationPage::showRow(int row)
{
    if (!m_queue || !document())
        return;
    if (row >= m_queue->rowCount()) {
        m_row = m_queue->rowCount();
        m_pairId = 0;
        m_view->showMessage(tr("End of the queue: %n pair(s) judged in this session.", nullptr, m_judgedThisSession));
        m_aiSummary->clear();
        m_aiRationale->clear();
        updateProgress();
        return;
    }
    m_row = std::max(0, row);
    m_pairId = m_queue->pairIdAt(m_row);
    refresh();
}

void AnnotationPage::showPair(PairId pair)
{
    if (m_queue && m_queue->isLoading()) {
        m_pendingPair = pair;
    } else if (m_queue) {
        const int row = m_queue->rowOfPair(pair);
        if (row >= 0) {
            showRow(row);
            return;
        }
    }
    m_row = -1;
    m_pairId = pair;
    refresh();
}

bool AnnotationPage::aiChoiceVisible() const
{
    if (m_mode == Mode::ReviewAi || !m_blind)
        return true;
    auto* doc = document();
    if (!doc || m_pairId == 0)
        return false;
    const auto pair = doc->pair(m_pairId);
    return pair && pair->humanJudgement(doc->annotator().toStdString()) != nullptr;
}

void AnnotationPage::refresh()
{
    auto* doc = document();
    if (!doc || m_pairId == 0)
        return;
    std::optional<db::PairDetails> pair;
    try {
        pair = doc->pair(m_pairId);
    } catch (const std::exception& e) {
        m_view->showMessage(tr("Could not read pair %1: %2").arg(m_pairId).arg(QString::fromUtf8(e.what())));
        return;
    }
    if (!pair) {
        m_view->showMessage(tr("Pair %1 is no longer in the project.").arg(m_pairId));
        return;
    }
    const Preference* mine = pair->humanJudgement(doc->annotator().toStdString());
    // Your own judgement fixes the order: you see the pair again as you saw it then.
    m_shownFirst = mine ? mine->shownFirst : randomisedShownFirst(pair->id, pair->lo.id, pair->hi.id, m_seed);
    m_view->showPair(*pair, m_shownFirst, m_mask);
    m_view->setChoice(mine ? std::optional<Choice>(mine->choice) : std::nullopt);
    m_rationale->setText(mine ? QString::fromStdString(mine->rationale) : QString());
    if (mine && mine->confidence)
        m_confidence->setValue(*mine->confidence);
    updateAiPanel(*pair);
    updateProgress();

    if (m_queue && m_row >= 0 && m_row + 1 < m_queue->rowCount()) {
        const PairId next = m_queue->pairIdAt(m_row + 1);
        QTimer::singleShot(0, this, [this, next] {
            if (auto* d = document()) {
                try {
                    d->prefetchPair(next);
                } catch (const std::exception&) {
                    // Shown (with its error) when the annotator gets there.
                }
            }
        });
    }
}

void AnnotationPage::updateAiPanel(const db::PairDetails& pair)
{
    const auto ai = pair.aiJudgements();
    if (ai.empty()) {
        m_aiSummary->setText(tr("No AI judgement for this pair."));
        m_aiRationale->clear();
        m_agreeButton->setEnabled(false);
        return;
    }
    m_agreeButton->setEnabled(true);
    const bool visible = m_mode == Mode::ReviewAi || !m_blind
        || pair.humanJudgement(document()->annotator().toStdString()) != nullptr;
    if (!visible) {
        m_aiSummary->setText(tr("<i>Hidden until you choose (blind mode).</i>"));
        m_aiRationale->clear();
        return;
    }
    QStringList lines;
    for (const Preference* p : ai) {
        QString line = tr("<b>%1</b> prefers <b>%2</b>").arg(QString::fromStdString(p->annotator).toHtmlEscaped(), letterOf(*p, m_shownFirst));
        if (p->confidence)
            line += tr(" · confidence %1").arg(*p->confidence);
        if (p->shownFirst != m_shownFirst)
            line += tr(" <i>(it saw them the other way round: its “A” is your B)</i>");
        lines << line;
    }
    m_aiSummary->setText(lines.join(QStringLiteral("<br>")));
    const QString rationale = QString::fromStdString(ai.back()->rationale);
    m_aiRationale->setPlainText(m_mask ? maskPersonalDetails(rationale) : rationale);
}

void AnnotationPage::updateProgress()
{
    if (!document()) {
        m_progress->setText(tr("No project open"));
        return;
    }
    if (!m_queue || (m_queue->isLoading() && m_queue->rowCount() == 0)) {
        m_progress->setText(tr("Loading the queue…"));
        return;
    }
    const QLocale locale;
    const QString session = tr("%n judged this session", nullptr, m_judgedThisSession);
    if (m_pairId == 0 && m_row >= m_queue->rowCount()) {
        m_progress->setText(tr("End of the queue · %1").arg(session));
    } else if (m_row < 0) {
        m_progress->setText(m_pairId ? tr("Pair P%1 (not in this queue) · %2").arg(m_pairId).arg(session) : session);
    } else {
        m_progress->setText(tr("<b>%1</b> of %2 · %3")
                                .arg(locale.toString(m_row + 1), locale.toString(m_queue->rowCount()), session));
    }
}

void AnnotationPage::choose(Choice choice)
{
    record(choice);
}

void AnnotationPage::agreeWithAi()
{
    auto* doc = document();
    if (!doc || m_pairId == 0)
        return;
    const auto pair = doc->pair(m_pairId);
    if (!pair)
        return;
    const auto ai = pair->aiJudgements();
    if (ai.empty())
        return;
    const Preference& latest = *ai.back();
    if (latest.choice == Choice::Tie)
        record(Choice::Tie);
    else
        record(latest.winner() == m_shownFirst ? Choice::First : Choice::Second);
}

void AnnotationPage::record(Choice choice)
{
    auto* doc = document();
    if (!doc || m_pairId == 0)
        return;
    if (doc->annotator().isEmpty())
        Q_EMIT annotatorNeeded();
    if (doc->annotator().isEmpty())
        return;
    const PairId pair = m_pairId;
    const QString yours = choice == Choice::Tie ? tr("a tie") : choice == Choice::First ? tr("A") : tr("B");
    QString message = tr("Saved P%1: %2.").arg(pair).arg(yours);
    if (const auto details = doc->pair(pair)) {
        const auto ai = details->aiJudgements();
        if (!ai.empty()) {
            const QString theirs = letterOf(*ai.back(), m_shownFirst);
            message += theirs == yours ? tr(" The AI agrees.") : tr(" The AI preferred %1.").arg(theirs);
        }
    }
    m_recording = true;
    const bool stored = doc->judge(pair, m_shownFirst, choice, m_confidence->value(), m_rationale->text());
    m_recording = false;
    if (!stored)
        return;
    ++m_judgedThisSession;
    m_status->setText(message);
    if (m_autoAdvance && m_queue && m_row >= 0)
        showRow(m_row + 1);
    else
        refresh();
}

void AnnotationPage::skip()
{
    if (m_queue)
        showRow(m_row + 1);
}

void AnnotationPage::previous()
{
    if (m_queue && m_row > 0)
        showRow(m_row - 1);
}

void AnnotationPage::removeMine()
{
    auto* doc = document();
    if (!doc || m_pairId == 0)
        return;
    const auto pair = doc->pair(m_pairId);
    if (!pair)
        return;
    if (const Preference* mine = pair->humanJudgement(doc->annotator().toStdString())) {
        doc->removeJudgement(*mine);
        m_status->setText(tr("Removed your judgement of P%1.").arg(m_pairId));
    }
}

void AnnotationPage::onPairEdited(qint64 pair, bool undone)
{
    if (m_recording)
        return; // record() moves on by itself
    if (undone && isVisible()) {
        // Undo takes you back to the pair whose judgement it took away.
        m_judgedThisSession = std::max(0, m_judgedThisSession - 1);
        m_status->setText(tr("Undone: the judgement of P%1.").arg(pair));
        showPair(pair);
        return;
    }
    if (pair == m_pairId)
        refresh();
}

void AnnotationPage::setBlindMode(bool on)
{
    m_blind = on;
    m_blindBox->setChecked(on);
    AppSettings().setBlindMode(on);
    refresh();
}

void AnnotationPage::setMaskPersonalDetails(bool on)
{
    m_mask = on;
    m_maskBox->setChecked(on);
    AppSettings().setMaskPersonalDetails(on);
    refresh();
}

void AnnotationPage::setAutoAdvance(bool on)
{
    m_autoAdvance = on;
    m_autoAdvanceBox->setChecked(on);
    AppSettings().setAutoAdvance(on);
}

void AnnotationPage::setConfidence(int value)
{
    m_confidence->setValue(std::clamp(value, 0, 100));
}

void AnnotationPage::setRationale(const QString& text)
{
    m_rationale->setText(text);
}

} // namespace rankpo::ui
