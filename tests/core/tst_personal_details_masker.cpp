// The personal-details mask in pure C++: the same cases as tests/ui/tst_text_masking.cpp (the app's
// Qt version), which both must pass, and what a std::string brings on top (UTF-8 offsets, bad bytes).
#include "core/text/personal_details_masker.h"

#include <QtTest>

#include <thread>

using namespace rankpo;

class TestPersonalDetailsMasker : public QObject {
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
        // Beyond the Qt test's rows: non-ASCII text around the details.
        QTest::newRow("accented name") << "Enquiries: Élodie Durand, élodie.durand@uni.fr" << "Enquiries: [name], [email]";
        QTest::newRow("label after non-ASCII") << "Téléphone: 7123 456 789" << "Téléphone: [phone]";
        QTest::newRow("curly apostrophe name") << "please contact Dr Seán O’Brien today" << "please contact [name] today";
    }
    void masks()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(maskPersonalDetails(text.toStdString())), expected);
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
        QTest::newRow("digits without a phone's shape") << "grant 12345678 awarded";
    }
    void leavesOtherDetailsAlone()
    {
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(maskPersonalDetails(text.toStdString())), text);
    }

    void masksLineByLine()
    {
        const std::string jd = "Professor Ada Smith leads the lab.\nFor enquiries contact Professor Ada Smith.";
        QCOMPARE(maskPersonalDetails(jd), std::string("Professor Ada Smith leads the lab.\nFor enquiries contact [name]."));
    }

    void labelWindow()
    {
        // A number without a phone's own shape needs a label within the 16 UTF-16 units before it.
        const std::string near = "Mobile:" + std::string(9, ' ') + "7123 456 789";
        QCOMPARE(maskPersonalDetails(near), "Mobile:" + std::string(9, ' ') + "[phone]");
        const std::string far = "Mobile:" + std::string(10, ' ') + "7123 456 789"; // "obile:": no label
        QCOMPARE(maskPersonalDetails(far), far);
        // Characters before the window do not matter, however many bytes they take.
        QCOMPARE(maskPersonalDetails("\xF0\x9F\x93\x9E\xC3\xA9 Mobile: 7123 456 789"), std::string("\xF0\x9F\x93\x9E\xC3\xA9 Mobile: [phone]"));
    }

    void invalidUtf8IsLeftAlone()
    {
        const std::string text = "bad \xFF\xFE byte, mail a.b@c.org or call +44 20 7946 0958\n\xC3";
        QCOMPARE(maskPersonalDetails(text), std::string("bad \xFF\xFE byte, mail [email] or call [phone]\n\xC3"));
    }

    void sharedMaskerIsThreadSafe()
    {
        const std::string text = "For enquiries please contact Dr Maria Keller (m.keller@uni-bern.ch). Call 0161 275 4000.";
        const std::string expected = "For enquiries please contact [name] ([email]). Call [phone].";
        std::vector<std::thread> threads;
        std::atomic<int> wrong{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 200; ++i)
                    wrong += maskPersonalDetails(text) == expected ? 0 : 1;
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(wrong.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPersonalDetailsMasker)
#include "tst_personal_details_masker.moc"
