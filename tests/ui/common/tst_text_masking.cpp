// The fairness mask: what it hides and, as much, what it must leave alone.
#include "ui/common/text_masking.h"

#include <QtTest>

using namespace rankpo::ui;

class TestTextMasking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void masks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("email") << "Write to i.g.davies@ljmu.ac.uk today." << "Write to [email] today.";
        QTest::newRow("url") << "See https://jobs.ac.uk/job/ABC123. Apply now." << "See [link]. Apply now.";
        QTest::newRow("www url in brackets") << "(www.example.org/apply)" << "([link])";
        QTest::newRow("uk phone with (0)") << "telephone: +44 (0)1752 636844 Email: recruitment@marjon.ac.uk"
                                            << "telephone: [phone] Email: [email]";
        QTest::newRow("us phone with hyphens") << "or by contacting the office at 217-333-0885, or" << "or by contacting the office at [phone], or";
        QTest::newRow("australian phone") << "+61 2 9850 9071" << "[phone]";
        QTest::newRow("leading zero") << "Call 0161 275 4000." << "Call [phone].";
        QTest::newRow("honorific name in contact line")
            << "Informal enquiries may be made to Dr Ian G. Davies i.g.davies@ljmu.ac.uk"
            << "Informal enquiries may be made to [name] [email]";
        QTest::newRow("professor") << "please contact Professor Tom Mordue at tom.mordue@northumbria.ac.uk"
                                   << "please contact [name] at [email]";
        QTest::newRow("name after contact") << "For further information please contact Jane Smith." << "For further information please contact [name].";
        QTest::newRow("dotted honorific") << "Questions should be directed to Dr. Kathleen M. Mulder at kmm15@psu.edu."
                                          << "Questions should be directed to [name] at [email].";
        QTest::newRow("demo corpus contact") << "For enquiries please contact Dr Maria Keller (m.keller@uni-bern.ch)."
                                             << "For enquiries please contact [name] ([email]).";
    }
    void masks()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(maskPersonalDetails(text), expected);
    }

    void leavesOtherDetailsAlone_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("salary") << "Salary £27,511 per annum";
        QTest::newRow("date") << "Closing Date 06/02/2020";
        QTest::newRow("years") << "between 2019 2020 and 2021";
        QTest::newRow("title outside contact lines") << "Associate Professor Jane Doe leads the group.";
        QTest::newRow("job title in contact line") << "Contact: Assistant Professor / Lecturer";
        QTest::newRow("reference number") << "Reference 2891 Postdoctoral Research Assistant";
        QTest::newRow("profile") << "<keyword>Graph neural networks<sep>Message passing</keyword>";
    }
    void leavesOtherDetailsAlone()
    {
        QFETCH(QString, text);
        QCOMPARE(maskPersonalDetails(text), text);
    }

    void masksLineByLine()
    {
        const QString jd = "Professor Ada Smith leads the lab.\nFor enquiries contact Professor Ada Smith.";
        QCOMPARE(maskPersonalDetails(jd), QStringLiteral("Professor Ada Smith leads the lab.\nFor enquiries contact [name]."));
    }
};

QTEST_GUILESS_MAIN(TestTextMasking)
#include "tst_text_masking.moc"
