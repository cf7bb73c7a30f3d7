#pragma once

#include <QSet>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace rankpo::ui {

// Marks the words of a plain-text document whose termKey() is in a set (the terms a JD shares with
// the candidates). A highlighter formats the laid-out lines, not the document: on a long JD this is
// several times faster than the same marks as HTML spans, which keeps the next pair under a frame.
class TermHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit TermHighlighter(QTextDocument* document);

    // Takes effect at the next setPlainText() or rehighlight().
    void setTerms(const QSet<QString>& terms, const QColor& background);
    const QSet<QString>& terms() const { return m_terms; }

protected:
    void highlightBlock(const QString& text) override;

private:
    QSet<QString> m_terms;
    QTextCharFormat m_format;
};

} // namespace rankpo::ui
