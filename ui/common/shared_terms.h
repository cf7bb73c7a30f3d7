#pragma once

#include <QSet>
#include <QString>

namespace rankpo::ui {

// Terms for "what does this candidate share with the job": words of at least four letters or digits,
// lower-cased, a final plural "s" dropped ("networks" ~ "network"), minus English stop words and the
// words every academic posting uses ("research", "university", "experience"), which would light up
// everything.
QString termKey(const QString& word);
QSet<QString> contentTerms(const QString& text);
QSet<QString> sharedTerms(const QString& jobText, const QString& candidateText);

// `text` as HTML: escaped, blank lines as paragraph breaks, single newlines as <br>, and every word
// whose termKey() is in `terms` wrapped in a span with background `color`.
QString highlightedHtml(const QString& text, const QSet<QString>& terms, const QString& color);

} // namespace rankpo::ui
