#include "ui/annotate/pair_view.h"

#include "db/project_store.h"
#include "ui/common/shared_terms.h"
#include "ui/common/term_highlighter.h"

#include <QEvent>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace rankpo::ui {
namespace {

QTextBrowser* makeBrowser(QWidget* parent)
{
    auto* b = new QTextBrowser(parent);
    b->setOpenLinks(false);
    b->setOpenExternalLinks(false);
    // Keys belong to the annotation page (1/2/3, arrows, space); the text scrolls with the mouse.
    b->setFocusPolicy(Qt::NoFocus);
    b->document()->setDocumentMargin(10);
    return b;
}

} // namespace

PairView::PairView(QWidget* parent) : QWidget(parent), m_colors(HtmlColors::fromPalette(palette()))
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName("pairViewSplitter");
    m_splitter->setChildrenCollapsible(false);

    auto* jobPane = new QWidget(m_splitter);
    auto* jobLayout = new QVBoxLayout(jobPane);
    jobLayout->setContentsMargins(0, 0, 0, 0);
    auto* jobHeader = new QLabel(tr("<b>Job description</b>"), jobPane);
    jobLayout->addWidget(jobHeader);
    // The facts stay in view while the text scrolls.
    m_jobFacts = new QLabel(jobPane);
    m_jobFacts->setObjectName("jobFacts");
    m_jobFacts->setTextFormat(Qt::RichText);
    m_jobFacts->setWordWrap(true);
    m_jobFacts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_jobFacts->setContentsMargins(6, 0, 6, 4);
    jobLayout->addWidget(m_jobFacts);
    m_job = makeBrowser(jobPane);
    m_job->setObjectName("jobBrowser");
    m_jobHighlighter = new TermHighlighter(m_job->document());
    jobLayout->addWidget(m_job, 1);
    m_splitter->addWidget(jobPane);

    for (int side = 0; side < 2; ++side) {
        auto* pane = new QWidget(m_splitter);
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        m_header[side] = new QLabel(pane);
        m_header[side]->setTextFormat(Qt::RichText);
        layout->addWidget(m_header[side]);
        m_candidate[side] = makeBrowser(pane);
        m_candidate[side]->setObjectName(side == 0 ? "candidateABrowser" : "candidateBBrowser");
        layout->addWidget(m_candidate[side]);
        connect(m_candidate[side], &QTextBrowser::anchorClicked, this, [this, side](const QUrl& url) { onAnchor(side, url); });
        m_splitter->addWidget(pane);
    }
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    updateHeaders();
}

void PairView::showPair(const db::PairDetails& pair, CandidateId shownFirst, bool maskPersonalDetails)
{
    const bool samePair = m_pair && m_pair->id == pair.id && m_shownFirst == shownFirst;
    m_pair = pair;
    m_shownFirst = shownFirst;
    m_mask = maskPersonalDetails;
    if (!samePair) {
        m_expanded[0] = m_expanded[1] = false;
        m_choice.reset();
    }
    m_jobTerms = contentTerms(QString::fromStdString(pair.job.text));
    updateSharedTerms();
    render();
}

void PairView::showMessage(const QString& message)
{
    m_pair.reset();
    m_choice.reset();
    m_jobFacts->clear();
    m_jobHighlighter->setTerms({}, QColor());
    m_job->setHtml(QStringLiteral("<p style=\"color:%1\">%2</p>").arg(m_colors.muted, message.toHtmlEscaped()));
    m_candidate[0]->clear();
    m_candidate[1]->clear();
    updateHeaders();
}

void PairView::setChoice(std::optional<Choice> choice)
{
    m_choice = choice;
    updateHeaders();
}

QString PairView::jobFactsShown() const
{
    return m_jobFacts->text();
}

QString PairView::jobTextShown() const
{
    return m_job->toPlainText();
}

QSet<QString> PairView::jobHighlights() const
{
    return m_jobHighlighter->terms();
}

QString PairView::candidateHtmlShown(int side) const
{
    return m_candidate[side == 0 ? 0 : 1]->toHtml();
}

void PairView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_colors = HtmlColors::fromPalette(palette());
        if (m_pair)
            render();
    }
    QWidget::changeEvent(event);
}

void PairView::updateSharedTerms()
{
    for (int side = 0; side < 2; ++side) {
        const Candidate& c = m_pair->candidate(side == 0 ? m_shownFirst : m_pair->other(m_shownFirst));
        m_shared[side] = contentTerms(candidateDisplayText(c, m_expanded[side])).intersect(m_jobTerms);
    }
}

void PairView::render()
{
    if (!m_pair)
        return;
    renderJob();
    renderSide(0);
    renderSide(1);
    updateHeaders();
}

void PairView::renderJob()
{
    PairHtmlOptions options;
    options.maskPersonalDetails = m_mask;
    m_jobFacts->setText(jobFactsHtml(m_pair->job, m_colors, options));
    m_jobHighlighter->setTerms(m_shared[0] + m_shared[1], QColor(m_colors.highlight));
    m_job->setPlainText(rankpo::ui::jobTextShown(m_pair->job, options));
}

void PairView::renderSide(int side)
{
    const Candidate& c = m_pair->candidate(side == 0 ? m_shownFirst : m_pair->other(m_shownFirst));
    PairHtmlOptions options;
    options.maskPersonalDetails = m_mask;
    options.abstractsExpanded = m_expanded[side];
    const int scroll = m_candidate[side]->verticalScrollBar()->value();
    m_candidate[side]->setHtml(candidateHtml(c, m_shared[side], m_colors, options));
    m_candidate[side]->verticalScrollBar()->setValue(scroll);
}

void PairView::updateHeaders()
{
    for (int side = 0; side < 2; ++side) {
        const QString letter = side == 0 ? QStringLiteral("A") : QStringLiteral("B");
        QString reference;
        if (m_pair) {
            const Candidate& c = m_pair->candidate(side == 0 ? m_shownFirst : m_pair->other(m_shownFirst));
            reference = QString::fromStdString(db::ProjectStore::candidateReference(c.id, c.externalId));
        }
        QString mark;
        if (m_choice) {
            const bool chosen = (*m_choice == Choice::First && side == 0) || (*m_choice == Choice::Second && side == 1);
            if (chosen)
                mark = tr("  ✔ your choice");
            else if (*m_choice == Choice::Tie)
                mark = tr("  = tie");
        }
        m_header[side]->setText(QStringLiteral("<span style=\"font-size:x-large; font-weight:bold\">%1</span>"
                                               "&nbsp;&nbsp;<span style=\"color:%2\">%3</span><b>%4</b>")
                                    .arg(letter, m_colors.muted, reference.toHtmlEscaped(), mark.toHtmlEscaped()));
    }
}

void PairView::onAnchor(int side, const QUrl& url)
{
    if (url.toString() != QLatin1String(kToggleAbstracts) || !m_pair)
        return;
    m_expanded[side] = !m_expanded[side];
    // Unfolded abstracts bring their own shared terms, in the JD too.
    updateSharedTerms();
    m_jobHighlighter->setTerms(m_shared[0] + m_shared[1], QColor(m_colors.highlight));
    m_jobHighlighter->rehighlight();
    renderSide(side);
}

} // namespace rankpo::ui
