#pragma once

#include "core/domain/candidate.h"
#include "core/domain/job.h"

#include <QSet>
#include <QString>

class QPalette;

namespace rankpo::ui {

// Colours for the pair's HTML, taken from the system palette so that light and dark themes both read.
struct HtmlColors {
    QString highlight;  // shared terms
    QString chip;       // keyword chips
    QString chipText;
    QString muted;      // labels, ids

    static HtmlColors fromPalette(const QPalette& palette);
};

struct PairHtmlOptions {
    bool maskPersonalDetails = false; // the fairness option (text_masking.h)
    bool abstractsExpanded = false;
};

// The JD's title and facts (institution, location, contract, salary, closing date when the text
// states them), shown above its text.
QString jobFactsHtml(const Job& job, const HtmlColors& colors, const PairHtmlOptions& options);
// The JD's text as shown: masked when the fairness option is on.
QString jobTextShown(const Job& job, const PairHtmlOptions& options);

// A candidate: keywords as chips, publication titles as a list, abstracts folded behind a link
// (href kToggleAbstracts) unless expanded; an untagged profile as plain text.
QString candidateHtml(const Candidate& candidate, const QSet<QString>& highlight, const HtmlColors& colors,
                      const PairHtmlOptions& options);

inline constexpr const char* kToggleAbstracts = "rankpo:toggle-abstracts";

// The text the annotator sees of a candidate, for matching terms: keywords, publication titles and
// plain text, and the abstracts when they are unfolded (a highlight should point at something shown).
QString candidateDisplayText(const Candidate& candidate, bool withAbstracts);

} // namespace rankpo::ui
