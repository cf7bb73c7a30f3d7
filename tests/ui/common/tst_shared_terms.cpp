// Terms a candidate shares with the JD, and their highlighting in HTML.
#include "ui/common/shared_terms.h"

#include <QtTest>

using namespace rankpo::ui;

class TestSharedTerms : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void termKeys_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("key");
        QTest::newRow("lower case") << "Proteins" << "protein";
        QTest::newRow("plural") << "networks" << "network";
        QTest::newRow("double s kept") << "Mass" << "mass";
        QTest::newRow("short word kept") << "gas" << "gas";
        QTest::newRow("hyphen") << "message-passing" << "message-passing";
    }
    void termKeys()
    {
        QFETCH(QString, word);
        QFETCH(QString, key);
        QCOMPARE(termKey(word), key);
    }

    void contentTermsSkipStopWordsAndShortWords()
    {
        const QSet<QString> terms = contentTerms("The research group works on graph neural networks and 2020 data.");
        QCOMPARE(terms, (QSet<QString>{"graph", "neural", "network"}));
    }

    void sharedTermsIntersect()
    {
        const QSet<QString> shared = sharedTerms("Postdoc in graph neural networks for protein folding, Manchester.",
                                                 "<keyword>Neural network<sep>Protein design</keyword>");
        QCOMPARE(shared, (QSet<QString>{"neural", "network", "protein"}));
    }

    void highlightEscapesAndMarks()
    {
        const QString html = highlightedHtml("Graph <b> networks & more\nnext line\n\nnew paragraph", {"network"}, "#ff0");
        QCOMPARE(html, QStringLiteral("<p>Graph &lt;b&gt; <span style=\"background-color:#ff0\">networks</span> &amp; more<br>"
                                      "next line</p><p>new paragraph</p>"));
    }

    void highlightKeepsShortWordsPlain()
    {
        QCOMPARE(highlightedHtml("gas", {"gas"}, "#ff0"), QStringLiteral("<p>gas</p>"));
    }
};

QTEST_GUILESS_MAIN(TestSharedTerms)
#include "tst_shared_terms.moc"
