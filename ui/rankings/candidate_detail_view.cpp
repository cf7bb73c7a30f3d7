#include "ui/rankings/candidate_detail_view.h"

#include "db/project_store.h"
#include "ui/common/shared_terms.h"

#include <QEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace rankpo::ui {

CandidateDetailView::CandidateDetailView(QWidget* parent) : QWidget(parent), m_colors(HtmlColors::fromPalette(palette()))
{
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName("candidateSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName("candidateDetail");
    m_browser->setOpenLinks(false);
    m_browser->document()->setDocumentMargin(10);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.toString() == QLatin1String(kToggleAbstracts)) {
            m_expanded = !m_expanded;
            render();
        }
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_browser, 1);
    clear();
}

void CandidateDetailView::showCandidate(const Candidate& candidate, const Job& job, const QString& summary,
                                        bool maskPersonalDetails)
{
    m_candidate = candidate;
    m_mask = maskPersonalDetails;
    m_expanded = false;
    m_shared = sharedTerms(QString::fromStdString(job.text), candidateDisplayText(candidate, true));
    m_title->setText(QStringLiteral("<b>%1</b>")
                         .arg(QString::fromStdString(db::ProjectStore::candidateReference(candidate.id, candidate.externalId))
                                  .toHtmlEscaped()));
    m_summary->setText(summary);
    render();
}

void CandidateDetailView::clear(const QString& message)
{
    m_candidate.reset();
    m_title->setText(tr("<b>Candidate</b>"));
    m_summary->setText(message.isEmpty() ? tr("Click a candidate in either ranking to see the profile.") : message);
    m_browser->clear();
}

void CandidateDetailView::render()
{
    if (!m_candidate)
        return;
    PairHtmlOptions options;
    options.maskPersonalDetails = m_mask;
    options.abstractsExpanded = m_expanded;
    const int scroll = m_browser->verticalScrollBar() ? m_browser->verticalScrollBar()->value() : 0;
    m_browser->setHtml(candidateHtml(*m_candidate, m_shared, m_colors, options));
    if (m_browser->verticalScrollBar())
        m_browser->verticalScrollBar()->setValue(scroll);
}

QString CandidateDetailView::html() const
{
    return m_browser->toHtml();
}

QString CandidateDetailView::summary() const
{
    return m_summary->text();
}

void CandidateDetailView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_colors = HtmlColors::fromPalette(palette());
        render();
    }
    QWidget::changeEvent(event);
}

} // namespace rankpo::ui
