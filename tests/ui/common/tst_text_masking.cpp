// The studio's mask is the core masker behind a QString seam (tests/core/tst_personal_details_masker.cpp holds
// the cases); what is checked here is the seam: UTF-16 in, UTF-8 through the core, UTF-16 out, untouched text
// equal to its input, and that it is the core's mask and not a second one.
#include "ui/common/text_masking.h"

#include "core/text/personal_details_masker.h"

#include <QtTest>

using namespace rankpo::ui;

class TestTextMasking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void masksAsTheCoreDoes()
    {
        const std::string text = "For enquiries please contact Dr Maria Keller (m.keller@uni-bern.ch), +41 31 684 11 11.";
        QCOMPARE(maskPersonalDetails(QString::fromStdString(text)),
                 QString::fromStdString(rankpo::maskPersonalDetails(text)));
        QCOMPARE(maskPersonalDetails(QString::fromStdString(text)),
                 QStringLiteral("For enquiries please contact [name] ([email]), [phone]."));
    }

    void keepsNonAsciiTextAround()
    {
        const QString text = QStringLiteral("Zürich — Prof. Jürgen Groß: contact jürgen@ethz.ch « bienvenue » 東京");
        const QString masked = maskPersonalDetails(text);
        QVERIFY(masked.startsWith(QStringLiteral("Zürich — ")));
        QVERIFY(masked.endsWith(QStringLiteral("« bienvenue » 東京")));
        QVERIFY(!masked.contains(QStringLiteral("ethz.ch")));
    }

    void leavesTextWithoutDetailsEqual()
    {
        const QString text = QStringLiteral("Salary £27,511 per annum; closing date 06/02/2020; Ångström-scale imaging.");
        QCOMPARE(maskPersonalDetails(text), text);
        QCOMPARE(maskPersonalDetails(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(TestTextMasking)
#include "tst_text_masking.moc"
