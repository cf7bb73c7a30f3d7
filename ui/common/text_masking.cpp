#include "ui/common/text_masking.h"

#include <QRegularExpression>
#include <QStringList>

#include <functional>

namespace rankpo::ui {
namespace {

using Replacer = std::function<QString(const QRegularExpressionMatch&)>;

QString replaceAll(const QString& text, const QRegularExpression& re, const Replacer& replace)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += replace(m);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

const QRegularExpression& urlPattern()
{
    static const QRegularExpression re(QStringLiteral(R"((?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"]+)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& emailPattern()
{
    static const QRegularExpression re(QStringLiteral(R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// Candidates only: phoneShaped() decides.
const QRegularExpression& phonePattern()
{
    static const QRegularExpression re(QStringLiteral(R"((?<![\w/.,])(\+\s?)?(\(\d{1,4}\)\s?)?\d(?:[ .\-]?\(?\d\)?){6,}(?![\w/]))"));
    return re;
}

const QRegularExpression& phoneLabelBefore()
{
    static const QRegularExpression re(QStringLiteral(R"((?:tel|telephone|phone|mobile|fax|call)\.?\s*:?\s*$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

bool phoneShaped(const QString& text, const QRegularExpressionMatch& m)
{
    const QString s = m.captured(0);
    int digits = 0;
    int hyphens = 0;
    int dots = 0;
    for (QChar c : s) {
        digits += c.isDigit() ? 1 : 0;
        hyphens += c == '-' ? 1 : 0;
        dots += c == '.' ? 1 : 0;
    }
    if (digits < 8 || digits > 15)
        return false;
    if (s.startsWith('+') || s.startsWith('(') || s.startsWith('0') || hyphens >= 2 || dots >= 2)
        return true;
    const QString before = text.mid(std::max<qsizetype>(0, m.capturedStart() - 16), std::min<qsizetype>(16, m.capturedStart()));
    return phoneLabelBefore().match(before).hasMatch();
}

const QRegularExpression& contactLine()
{
    static const QRegularExpression re(
        QStringLiteral(R"(contact|enquir|inquir|questions|informal discussion|directed to|addressed to|sent to|e-?mail|\btel\b|telephone|phone)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& honorificName()
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx)\.?(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]+)){1,4})"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// "contact Tom Mordue", "Enquiries: Jane Smith": two or three capitalised words after a contact cue.
const QRegularExpression& cuedName()
{
    static const QRegularExpression re(
        QStringLiteral(R"(((?i:contact|enquiries|enquiries to|to|with|from)\s*:?\s+)(\p{Lu}[\p{Ll}'’\-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]+)){1,2}))"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// Capitalised words after a cue that name a role or an office, not a person.
bool namesAnOffice(const QString& words)
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b(?:Professor|Lecturer|Assistant|Associate|Senior|Department|School|University|Office|Human|)"
                       R"(Resources|Team|Faculty|Institute|College|Centre|Center|Director|Manager|Head|Recruitment|Services)\b)"));
    return re.match(words).hasMatch();
}

QString maskNamesInContactLine(const QString& line)
{
    if (!contactLine().match(line).hasMatch())
        return line;
    QString out = replaceAll(line, honorificName(), [](const QRegularExpressionMatch&) { return QStringLiteral("[name]"); });
    return replaceAll(out, cuedName(), [](const QRegularExpressionMatch& m) {
        return namesAnOffice(m.captured(2)) ? m.captured(0) : m.captured(1) + QStringLiteral("[name]");
    });
}

} // namespace

QString maskPersonalDetails(const QString& text)
{
    QString out = replaceAll(text, urlPattern(), [](const QRegularExpressionMatch& m) {
        // A sentence's full stop or a closing bracket after a URL is not part of it.
        const QString url = m.captured(0);
        qsizetype end = url.size();
        while (end > 0 && QStringLiteral(".,;:!?)]'").contains(url[end - 1]))
            --end;
        return QStringLiteral("[link]") + url.mid(end);
    });
    out = replaceAll(out, emailPattern(), [](const QRegularExpressionMatch&) { return QStringLiteral("[email]"); });
    const QString withoutEmails = out;
    out = replaceAll(withoutEmails, phonePattern(), [&withoutEmails](const QRegularExpressionMatch& m) {
        return phoneShaped(withoutEmails, m) ? QStringLiteral("[phone]") : m.captured(0);
    });
    QStringList lines = out.split('\n');
    for (QString& line : lines)
        line = maskNamesInContactLine(line);
    return lines.join('\n');
}

} // namespace rankpo::ui
