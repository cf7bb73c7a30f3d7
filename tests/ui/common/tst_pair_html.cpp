// A plain résumé in Annotate: its own section headings shown as headings, the terms it shares with the job
// marked in each section, personal details masked per section; the paper's tagged profiles unchanged.
#include "core/formats/candidate_profile_parser.h"
#include "ui/common/pair_html.h"

#include <QGuiApplication>
#include <QPalette>
#include <QtTest>

using namespace rankpo;

namespace {

Candidate candidateOf(const std::string& text)
{
    Candidate c;
    c.id = 1;
    c.text = text;
    c.profile = parseCandidateProfile(text);
    return c;
}

} // namespace

class TestPairHtml : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resumeSectionsAreHeadings()
    {
        const Candidate c = candidateOf("Jane Doe\njane.doe@example.org\n\nExperience\nResearch engineer working on "
                                        "protein folding.\n\nEducation\nMSc Physics\n\nSkills\nPython, C++\n");
        const ui::HtmlColors colors = ui::HtmlColors::fromPalette(QPalette());
        ui::PairHtmlOptions options;
        const QString html = ui::candidateHtml(c, {QStringLiteral("protein")}, colors, options);
        for (const char* heading : {"Experience", "Education", "Skills"})
            QVERIFY2(html.contains(QStringLiteral("<h4 class=\"section\" style=\"margin-bottom:2px\">%1</h4>").arg(heading)),
                     qPrintable(html));
        QVERIFY(html.indexOf("Experience") < html.indexOf("Education"));
        QVERIFY(html.contains("Jane Doe"));
        QVERIFY(html.contains(colors.highlight)); // "protein" is marked inside its section
        options.maskPersonalDetails = true;
        const QString masked = ui::candidateHtml(c, {}, colors, options);
        QVERIFY2(!masked.contains("jane.doe@example.org"), qPrintable(masked));
        QVERIFY(masked.contains("Education"));
    }

    void untaggedTextWithoutHeadingsAndTaggedProfilesAsBefore()
    {
        const ui::HtmlColors colors = ui::HtmlColors::fromPalette(QPalette());
        const QString plain = ui::candidateHtml(candidateOf("Works on lasers and lenses."), {}, colors, {});
        QVERIFY(!plain.contains("<h4"));
        QVERIFY(plain.contains("lasers"));
        const QString tagged = ui::candidateHtml(candidateOf("<keyword>Optics<sep>Lasers</keyword>"), {}, colors, {});
        QVERIFY(!tagged.contains("<h4"));
        QVERIFY(tagged.contains("Optics"));
    }
};

QTEST_MAIN(TestPairHtml)
#include "tst_pair_html.moc"
