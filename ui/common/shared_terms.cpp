#include "ui/common/shared_terms.h"

#include <QStringList>

namespace rankpo::ui {
namespace {

const QSet<QString>& stopWords()
{
    static const QSet<QString> words = [] {
        const QString list = QStringLiteral(
            "about above after again against also among an and any are around based because been before being below "
            "between both but can could did does doing down during each either else even ever every few for from "
            "further had has have having her here hers herself him himself his how however into its itself just least "
            "less like made make many may might more most much must neither never none nor not now off often once only "
            "other others otherwise our ours ourselves out over own per rather same she should since some such than "
            "that the their theirs them themselves then there these they this those through thus too under until upon "
            "very was well were what when where whether which while who whom whose why will with within without would "
            "year yet you your yours yourself yourselves "
            // Words every academic posting and profile uses.
            "research university work working experience position role candidate candidates application applications "
            "apply applicant applicants post posts project projects team group department school faculty include "
            "including including include new using used use study studies paper papers result results show shows "
            "shown approach approaches data skill skills ability able strong excellent opportunity "
            "opportunities support within across join successful please information further closing date salary "
            "contract location title full time part level staff job jobs vacancy vacancies offer offers required "
            "requirements essential desirable relevant related field fields area areas well high develop developed "
            "development provide provides provided "
            // Common English that carries no topic.
            "first second third fourth month months week weeks time times term terms final finally large small "
            "great good best better higher highest long longer short number numbers part parts type types form forms "
            "case cases example examples fact point points order place places line lines side sides kind need needs "
            "take taken give given find found help helps keep kept turn turned start started begin began continue "
            "continued increase increased increasing improve improved improving reduce reduced change changes "
            "changed individual individuals international national local global general specific particular current "
            "recent early late future present past public private available possible important major main whole "
            "entire throughout total overall various several certain different similar another quite just still "
            "already always sometimes usually test tested testing rate quality life aims assess assessed measure "
            "measured response engagement arisen arise exciting enthusiastic hours hour days open close closes "
            "following follow follows well-known known high-quality world leading leads lead");
        const QStringList split = list.split(' ', Qt::SkipEmptyParts);
        QSet<QString> set;
        for (const QString& w : split)
            set.insert(termKey(w));
        return set;
    }();
    return words;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == '-';
}

} // namespace

QString termKey(const QString& word)
{
    QString key = word.toLower();
    while (key.endsWith('-'))
        key.chop(1);
    if (key.size() > 4 && key.endsWith('s') && !key.endsWith(QStringLiteral("ss")))
        key.chop(1);
    return key;
}

QSet<QString> contentTerms(const QString& text)
{
    QSet<QString> terms;
    const auto& stop = stopWords();
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && !text[i].isLetterOrNumber())
            ++i;
        qsizetype j = i;
        while (j < n && isWordChar(text[j]))
            ++j;
        if (j - i >= 4) {
            const QString key = termKey(text.mid(i, j - i));
            bool hasLetter = false;
            for (QChar c : key)
                hasLetter = hasLetter || c.isLetter();
            if (hasLetter && !stop.contains(key))
                terms.insert(key);
        }
        i = j;
    }
    return terms;
}

QSet<QString> sharedTerms(const QString& jobText, const QString& candidateText)
{
    return contentTerms(jobText).intersect(contentTerms(candidateText));
}

QString highlightedHtml(const QString& text, const QSet<QString>& terms, const QString& color)
{
    QString out;
    out.reserve(text.size() + text.size() / 4);
    out += QStringLiteral("<p>");
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c.isLetterOrNumber()) {
            qsizetype j = i;
            while (j < n && isWordChar(text[j]))
                ++j;
            const QString word = text.mid(i, j - i);
            if (!terms.isEmpty() && word.size() >= 4 && terms.contains(termKey(word)))
                out += QStringLiteral("<span style=\"background-color:%1\">%2</span>").arg(color, word.toHtmlEscaped());
            else
                out += word.toHtmlEscaped();
            i = j;
            continue;
        }
        if (c == '\n') {
            qsizetype j = i + 1;
            int newlines = 1;
            while (j < n && (text[j] == '\n' || text[j] == '\r' || text[j] == ' ' || text[j] == '\t')) {
                newlines += text[j] == '\n' ? 1 : 0;
                ++j;
            }
            out += newlines >= 2 ? QStringLiteral("</p><p>") : QStringLiteral("<br>");
            i = j;
            continue;
        }
        if (c == '\r') {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < n && !text[j].isLetterOrNumber() && text[j] != '\n' && text[j] != '\r')
            ++j;
        out += text.mid(i, j - i).toHtmlEscaped();
        i = j;
    }
    out += QStringLiteral("</p>");
    return out;
}

} // namespace rankpo::ui
