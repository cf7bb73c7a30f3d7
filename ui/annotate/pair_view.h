#pragma once

#include "db/pair_details.h"
#include "ui/common/pair_html.h"

#include <QWidget>

#include <optional>

class QLabel;
class QScrollArea;
class QSplitter;
class QTextBrowser;
class QUrl;

namespace rankpo::ui {

// One pair as an annotator sees it: the JD on the left (facts on top, formatted text), the two
// candidates side by side on the right in the order given (A = shownFirst), with the terms each
// shares with the JD highlighted. Display only: choosing happens in AnnotationPage.
class PairView : public QWidget {
    Q_OBJECT
public:
    explicit PairView(QWidget* parent = nullptr);

    void showPair(const db::PairDetails& pair, CandidateId shownFirst, bool maskPersonalDetails);
    void showMessage(const QString& message);
    // Marks the side the annotator chose (nullopt: none yet).
    void setChoice(std::optional<Choice> choice);

    CandidateId shownFirst() const { return m_shownFirst; }
    QSplitter* splitter() const { return m_splitter; }
    // What is on screen, for tests: the JD's facts and text, a candidate's HTML, the marked terms.
    QString jobFactsShown() const;
    QString jobTextShown() const;
    QString candidateHtmlShown(int side) const; // 0 = A, 1 = B
    QSet<QString> jobHighlights() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    void renderSide(int side);
    void updateSharedTerms();
    void renderJob();
    void updateHeaders();
    void onAnchor(int side, const QUrl& url);

    QSplitter* m_splitter;
    QLabel* m_jobFacts;
    QTextBrowser* m_job;
    class TermHighlighter* m_jobHighlighter;
    QLabel* m_header[2];
    QTextBrowser* m_candidate[2];
    std::optional<db::PairDetails> m_pair;
    CandidateId m_shownFirst = 0;
    bool m_mask = false;
    bool m_expanded[2] = {false, false};
    std::optional<Choice> m_choice;
    QSet<QString> m_jobTerms;
    QSet<QString> m_shared[2];
    HtmlColors m_colors;
};

} // namespace rankpo::ui
