#include "ui/common/term_highlighter.h"

#include "ui/common/shared_terms.h"

namespace rankpo::ui {

TermHighlighter::TermHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

void TermHighlighter::setTerms(const QSet<QString>& terms, const QColor& background)
{
    m_terms = terms;
    m_format.setBackground(background);
}

void TermHighlighter::highlightBlock(const QString& text)
{
    if (m_terms.isEmpty())
        return;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (!text[i].isLetterOrNumber()) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < n && (text[j].isLetterOrNumber() || text[j] == '-'))
            ++j;
        if (j - i >= 4 && m_terms.contains(termKey(text.mid(i, j - i))))
            setFormat(static_cast<int>(i), static_cast<int>(j - i), m_format);
        i = j;
    }
}

} // namespace rankpo::ui
