#pragma once

#include "core/domain/candidate.h"
#include "core/domain/job.h"
#include "ui/common/pair_html.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTextBrowser;

namespace rankpo::ui {

// One candidate's profile as the Annotate page shows it (keywords as chips, publications, abstracts
// folded), with the terms it shares with the job highlighted, under a line saying where the two
// models rank it and how the rules and the AI judge see it.
class CandidateDetailView : public QWidget {
    Q_OBJECT
public:
    explicit CandidateDetailView(QWidget* parent = nullptr);

    void showCandidate(const Candidate& candidate, const Job& job, const QString& summary, bool maskPersonalDetails);
    void clear(const QString& message = {});

    QString html() const;
    QString summary() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    QLabel* m_title;
    QLabel* m_summary;
    QTextBrowser* m_browser;
    std::optional<Candidate> m_candidate;
    QSet<QString> m_shared;
    bool m_mask = false;
    bool m_expanded = false;
    HtmlColors m_colors;
};

} // namespace rankpo::ui
