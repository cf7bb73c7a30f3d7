#include "ui/common/pair_html.h"

#include "core/formats/resume_section_parser.h"
#include "ui/common/shared_terms.h"
#include "ui/common/text_masking.h"

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QStringList>

namespace rankpo::ui {
namespace {

QString mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t))
        .name();
}

QString shown(const std::string& text, const PairHtmlOptions& options)
{
    const QString s = QString::fromStdString(text);
    return options.maskPersonalDetails ? maskPersonalDetails(s) : s;
}

QString inlineHtml(const std::string& text, const QSet<QString>& highlight, const HtmlColors& colors, const PairHtmlOptions& options)
{
    QString html = highlightedHtml(shown(text, options), highlight, colors.highlight);
    // highlightedHtml wraps in <p>…</p>; inline uses drop it.
    return html.mid(3, html.size() - 7);
}

} // namespace

HtmlColors HtmlColors::fromPalette(const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const bool dark = base.lightness() < 128;
    HtmlColors c;
    // A marker yellow that keeps the text readable on light and dark bases.
    c.highlight = mix(base, QColor(dark ? "#b38f00" : "#ffd84d"), dark ? 0.55 : 0.75);
    c.chip = mix(base, palette.color(QPalette::Highlight), dark ? 0.35 : 0.15);
    c.chipText = text.name();
    c.muted = mix(base, text, 0.6);
    return c;
}

QString candidateDisplayText(const Candidate& candidate, bool withAbstracts)
{
    const auto& p = candidate.profile;
    if (!p.tagged())
        return QString::fromStdString(candidate.text);
    QStringList parts;
    for (const auto& k : p.keywords)
        parts << QString::fromStdString(k);
    for (const auto& t : p.publicationTitles)
        parts << QString::fromStdString(t);
    if (withAbstracts) {
        for (const auto& a : p.abstracts)
            parts << QString::fromStdString(a);
    }
    parts << QString::fromStdString(p.plainText);
    return parts.join('\n');
}

QString jobFactsHtml(const Job& job, const HtmlColors& colors, const PairHtmlOptions& options)
{
    QString html;
    const JobFacts& f = job.facts;
    const QString title = f.title.empty() ? QString::fromStdString(job.externalId.empty() ? "J" + std::to_string(job.id) : job.externalId)
                                          : shown(f.title, options);
    html += QStringLiteral("<h2 style=\"margin-bottom:2px\">%1</h2>").arg(title.toHtmlEscaped());
    struct Fact {
        const char* label;
        const std::string& value;
    };
    const Fact facts[] = {{"Institution", f.institution}, {"Location", f.location}, {"Contract", f.contract},
                          {"Salary", f.salary}, {"Closing date", f.closingDate}};
    QString rows;
    for (const Fact& fact : facts) {
        if (fact.value.empty())
            continue;
        rows += QStringLiteral("<tr><td style=\"color:%1; padding-right:10px\">%2</td><td>%3</td></tr>")
                    .arg(colors.muted, QObject::tr(fact.label), shown(fact.value, options).toHtmlEscaped());
    }
    if (!rows.isEmpty())
        html += QStringLiteral("<table cellspacing=\"0\">%1</table>").arg(rows);
    return html;
}

QString jobTextShown(const Job& job, const PairHtmlOptions& options)
{
    return shown(job.text, options);
}

QString candidateHtml(const Candidate& candidate, const QSet<QString>& highlight, const HtmlColors& colors,
                      const PairHtmlOptions& options)
{
    const auto& p = candidate.profile;
    QString html;
    if (!p.tagged()) {
        // A plain résumé is shown by its own sections (Experience, Education, ...), each masked and marked on its
        // own, so that a heading stands out however the document was laid out.
        const ResumeSections sections = parseResumeSections(candidate.text);
        if (!sections.found()) {
            html += highlightedHtml(shown(candidate.text, options), highlight, colors.highlight);
            return html;
        }
        if (!sections.preamble.empty())
            html += highlightedHtml(shown(sections.preamble, options), highlight, colors.highlight);
        for (const ResumeSection& section : sections.sections) {
            html += QStringLiteral("<h4 class=\"section\" style=\"margin-bottom:2px\">%1</h4>")
                        .arg(QString::fromStdString(section.heading).toHtmlEscaped());
            if (!section.body.empty())
                html += highlightedHtml(shown(section.body, options), highlight, colors.highlight);
        }
        return html;
    }
    if (!p.keywords.empty()) {
        QString chips;
        for (const auto& k : p.keywords) {
            const QString keyword = shown(k, options);
            bool shared = false;
            for (const QString& term : contentTerms(keyword))
                shared = shared || highlight.contains(term);
            chips += QStringLiteral("<span style=\"background-color:%1; color:%2\">&nbsp;%3&nbsp;</span> &nbsp;")
                         .arg(shared ? colors.highlight : colors.chip, colors.chipText, keyword.toHtmlEscaped());
        }
        html += QStringLiteral("<p style=\"line-height:160%\">%1</p>").arg(chips);
    }
    if (!p.publicationTitles.empty()) {
        html += QStringLiteral("<p style=\"color:%1; margin-bottom:0\">%2</p><ul style=\"margin-top:2px\">")
                    .arg(colors.muted, QObject::tr("Publications (%1)").arg(p.publicationTitles.size()));
        for (const auto& t : p.publicationTitles)
            html += QStringLiteral("<li>%1</li>").arg(inlineHtml(t, highlight, colors, options));
        html += QStringLiteral("</ul>");
    }
    if (!p.abstracts.empty()) {
        const QString arrow = options.abstractsExpanded ? QStringLiteral("▾") : QStringLiteral("▸");
        const QString label = options.abstractsExpanded ? QObject::tr("Hide abstracts") : QObject::tr("Show %n abstract(s)", nullptr, static_cast<int>(p.abstracts.size()));
        html += QStringLiteral("<p><a href=\"%1\">%2 %3</a></p>").arg(QString::fromLatin1(kToggleAbstracts), arrow, label);
        if (options.abstractsExpanded) {
            for (std::size_t i = 0; i < p.abstracts.size(); ++i)
                html += QStringLiteral("<p><span style=\"color:%1\">%2.</span> %3</p>")
                            .arg(colors.muted)
                            .arg(i + 1)
                            .arg(inlineHtml(p.abstracts[i], highlight, colors, options));
        }
    }
    if (!p.plainText.empty())
        html += highlightedHtml(shown(p.plainText, options), highlight, colors.highlight);
    return html;
}

} // namespace rankpo::ui
