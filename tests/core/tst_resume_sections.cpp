// Sections of plain résumés found by their own headings, on résumés written here; the paper's tagged profiles
// are left to parseCandidateProfile.
#include "core/formats/resume_section_parser.h"
#include "tests/support/sample_texts.h"

#include <QtTest>

using namespace rankpo;

namespace {

std::string summary(const ResumeSections& s)
{
    std::string out = "[" + s.preamble + "]";
    for (const ResumeSection& section : s.sections)
        out += " " + std::string(resumeSectionKindName(section.kind)) + ":" + section.heading + "{" + section.body + "}";
    return out;
}

} // namespace

class TestResumeSections : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsHeadingsWithOffsets()
    {
        const std::string cv = "Jane Doe\njane@example.org | +44 20 7946 0000\n\n"
                               "PROFESSIONAL SUMMARY\nData scientist with eight years of experience.\n\n"
                               "Work Experience:\nSenior analyst, Acme (2019-2023)\nLed the skills survey.\n\n"
                               "Education\nPhD Statistics, University of Leeds\n\n"
                               "Technical Skills & Languages\nPython, R, SQL\n";
        const ResumeSections s = parseResumeSections(cv);
        QVERIFY(s.found());
        QCOMPARE(summary(s), std::string("[Jane Doe\njane@example.org | +44 20 7946 0000]"
                                         " summary:PROFESSIONAL SUMMARY{Data scientist with eight years of experience.}"
                                         " experience:Work Experience{Senior analyst, Acme (2019-2023)\nLed the skills survey.}"
                                         " education:Education{PhD Statistics, University of Leeds}"
                                         " skills:Technical Skills & Languages{Python, R, SQL}"));
        QCOMPARE(s.preambleOffset, std::size_t(0));
        QCOMPARE(cv.substr(s.preambleOffset, s.preambleEnd - s.preambleOffset), s.preamble);
        for (const ResumeSection& section : s.sections) {
            QCOMPARE(cv.substr(section.bodyOffset, section.bodyEnd - section.bodyOffset), section.body);
            QCOMPARE(cv.compare(section.headingOffset, section.heading.size(), section.heading), 0);
        }
        QCOMPARE(s.sections[1].headingOffset, cv.find("Work Experience:"));
    }

    void markdownAndUnderlinedHeadings()
    {
        const std::string md = "# Jane Doe\n\nLondon\n\n## Experience\n\n- Lecturer\n\n**Publications:**\n\nA paper.\n\n"
                               "Awards and Honours\n------------------\nBest paper\n\n### Side Projects\nA compiler\n";
        QCOMPARE(summary(parseResumeSections(md)),
                 std::string("[# Jane Doe\n\nLondon] experience:Experience{- Lecturer} publications:Publications{A paper.}"
                             " awards:Awards and Honours{Best paper} other:Side Projects{A compiler}"));
    }

    void kindsFromTheHeadingsWords_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<QString>("kind");
        QTest::newRow("employment history") << "Employment History" << "experience";
        QTest::newRow("research experience") << "Research Experience" << "experience";
        QTest::newRow("research interests") << "Research Interests" << "interests";
        QTest::newRow("research") << "RESEARCH" << "research";
        QTest::newRow("education and training") << "Education and Training" << "education";
        QTest::newRow("selected publications") << "Selected Publications" << "publications";
        QTest::newRow("peer-reviewed") << "Peer-Reviewed Journal Articles" << "publications";
        QTest::newRow("certifications") << "Licenses & Certifications" << "certifications";
        QTest::newRow("honors") << "Honors and Awards" << "awards";
        QTest::newRow("contact information") << "Contact Information" << "contact";
        QTest::newRow("personal details") << "Personal Details" << "contact";
        QTest::newRow("personal statement") << "Personal Statement" << "summary";
        QTest::newRow("about me") << "About Me" << "summary";
        QTest::newRow("referees") << "Referees" << "references";
        QTest::newRow("teaching") << "Teaching and Supervision" << "teaching";
        QTest::newRow("memberships") << "Professional Memberships" << "service";
        QTest::newRow("additional information") << "Additional Information" << "other";
        QTest::newRow("areas of expertise") << "Areas of Expertise" << "skills";
        QTest::newRow("projects") << "projects" << "projects";
        QTest::newRow("languages") << "Languages:" << "languages";
        QTest::newRow("hobbies") << "Hobbies / Interests" << "interests";
    }
    void kindsFromTheHeadingsWords()
    {
        QFETCH(QString, heading);
        QFETCH(QString, kind);
        const std::string cv = "Jane Doe\n" + heading.toStdString() + "\nsome text\n";
        const ResumeSections s = parseResumeSections(cv);
        QCOMPARE(s.sections.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(std::string(resumeSectionKindName(s.sections[0].kind))), kind);
        QCOMPARE(s.sections[0].body, std::string("some text"));
    }

    void linesThatAreNotHeadings_data()
    {
        QTest::addColumn<QString>("line");
        QTest::newRow("sentence") << "Experience in teaching undergraduate statistics.";
        QTest::newRow("inline") << "Skills: Python, R";
        QTest::newRow("dates") << "Education 2010";
        QTest::newRow("long") << "Education Education Education Education Education Education Education";
        QTest::newRow("other words") << "Jane Doe";
        QTest::newRow("email") << "contact@example.org";
        QTest::newRow("possessive") << "Master's Education";
        QTest::newRow("connector first") << "and Skills";
        QTest::newRow("caps before any heading") << "JANE DOE";
    }
    void linesThatAreNotHeadings()
    {
        QFETCH(QString, line);
        const ResumeSections s = parseResumeSections("Intro line\n\n" + line.toStdString() + "\nmore text\n");
        QVERIFY2(!s.found(), qPrintable(line));
        QVERIFY(s.preamble.empty());
    }

    void allCapsLinesAfterAKnownHeading()
    {
        const std::string cv = "JANE DOE\n\nEDUCATION\nUCL\nMSc\n\nLEADERSHIP ROLES\nChair of the society\n";
        // "UCL" and "MSc" are body lines (no blank line before them); "LEADERSHIP ROLES" is a heading by its form.
        QCOMPARE(summary(parseResumeSections(cv)),
                 std::string("[JANE DOE] education:EDUCATION{UCL\nMSc} other:LEADERSHIP ROLES{Chair of the society}"));
    }

    void crlfTextAndEmptyBodies()
    {
        const ResumeSections s = parseResumeSections("Jane\r\nSkills\r\nLanguages\r\nEnglish\r\n");
        QCOMPARE(summary(s), std::string("[Jane] skills:Skills{} languages:Languages{English}"));
    }

    void noHeadingsNoSections()
    {
        const ResumeSections s = parseResumeSections("A researcher in statistics.\nShe works on surveys.\n");
        QVERIFY(!s.found());
        QVERIFY(s.preamble.empty());
        QVERIFY(!parseResumeSections("").found());
    }

    void thePapersTaggedProfilesAreNotPlainResumes()
    {
        QVERIFY(!parseResumeSections("<keyword>Education<sep>Skills</keyword><title>Experience</title>"
                                     "<abstract>Skills\nEducation\nA study.</abstract>")
                     .found());
        int tagged = 0;
        for (const std::string& t : test::sampleTexts()) {
            if (t.find("<keyword>") == std::string::npos && t.find("<abstract>") == std::string::npos)
                continue;
            ++tagged;
            QVERIFY(!parseResumeSections(t).found());
        }
        QVERIFY(tagged > 100);
    }
};

QTEST_GUILESS_MAIN(TestResumeSections)
#include "tst_resume_sections.moc"
