// PDF text through Poppler: reading order (against pdftotext on a two-column page), line layout, line-end
// hyphens, pages without text, broken and encrypted files (qpdf), a real producer's PDF (reportlab, embedded
// TrueType) with the sample's texts, and extraction on several threads.
#include "core/documents/document_error.h"
#include "core/documents/document_extractor.h"
#include "core/documents/line_end_hyphen_joiner.h"
#include "core/documents/pdf_text_extractor.h"
#include "core/documents/pdf_word_layout.h"
#include "core/text/utf8_codec.h"
#include "tests/support/document_fixtures.h"
#include "tests/support/sample_texts.h"
#include "tests/support/minimal_pdf_writer.h"
#include "tests/support/test_files.h"

#include <QProcess>

#include <atomic>
#include <thread>

using namespace rankpo;
using test::MinimalPdfWriter;
using test::PdfTextLine;

namespace {

// Runs a program; returns its exit code (-1 when it cannot start) and its standard output.
int run(const QString& program, const QStringList& args, std::string* output = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return -1;
    p.waitForFinished(60000);
    if (output)
        *output = p.readAllStandardOutput().toStdString();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool have(const QString& program)
{
    return !QStandardPaths::findExecutable(program).isEmpty();
}

DocumentError extractError(const std::string& bytes, const std::string& name)
{
    try {
        extractPdfText(bytes, name);
    } catch (const DocumentError& e) {
        return e;
    }
    throw std::runtime_error("expected a DocumentError for " + name);
}

PdfWord word(const char* text, double x, double y, bool spaceAfter = true, double w = 30, double h = 10, int rotation = 0)
{
    PdfWord out;
    out.text = text;
    out.x = x;
    out.y = y;
    out.width = w;
    out.height = h;
    out.rotation = rotation;
    out.spaceAfter = spaceAfter;
    return out;
}

std::string joined(const std::vector<std::string>& lines)
{
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += (i ? "|" : "") + lines[i];
    return out;
}

std::vector<std::string> split(const QString& s)
{
    std::vector<std::string> out;
    for (const QString& part : s.split('|'))
        out.push_back(part.toStdString());
    return out;
}

} // namespace

class TestDocumentPdf : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void laysOutWordsAsLines()
    {
        const std::vector<PdfWord> page = {
            word("Left", 50, 54), word("col", 85, 54, false),      // line 1
            word("ne\xEF\xAC\x81xt", 50, 68, false),                // line 2: a ligature "ﬁ"
            word("Right", 320, 54, false),                          // back up: the next column
            word("Below", 50, 234), word("all", 90, 234.5, false), // a paragraph gap
            word("Turned", 500, 300, false, 10, 40, 1),             // rotated text
        };
        QCOMPARE(joined(layoutPdfWords(page)), std::string("Left col|nefixt||Right||Below all||Turned"));
        // A word that has no space before it stays glued to its neighbour (a change of font mid-word).
        QCOMPARE(joined(layoutPdfWords({word("Bold", 50, 54, false), word("face", 80, 54, true)})), std::string("Boldface"));
        QVERIFY(layoutPdfWords({}).empty());
    }

    void joinsLineEndHyphens_data()
    {
        QTest::addColumn<QString>("lines");
        QTest::addColumn<QString>("expected");
        QTest::newRow("broken word") << "with experi-|ence in" << "with experience in";
        QTest::newRow("upper case: a compound") << "a Well-|Known result" << "a Well-Known result";
        QTest::newRow("digit") << "the COVID-|19 study" << "the COVID-19 study";
        QTest::newRow("compound already") << "a state-of-the-|art method" << "a state-of-the-art method";
        QTest::newRow("numbers") << "from 2018-|2020" << "from 2018-2020";
        QTest::newRow("dash after space") << "dates 2018 -|2020 here" << "dates 2018 -|2020 here";
        QTest::newRow("hyphen alone") << "-|next" << "-|next";
        QTest::newRow("not at the end") << "well-known|result" << "well-known|result";
        QTest::newRow("next is punctuation") << "word-|(see below)" << "word-|(see below)";
        QTest::newRow("soft hyphen") << "experi\xC2\xAD|Ence" << "experiEnce";
        QTest::newRow("unicode hyphen") << "experi\xE2\x80\x90|ence" << "experience";
        QTest::newRow("accented letters") << "caf\xC3\xA9-|\xC3\xA9tait" << "caf\xC3\xA9\xC3\xA9tait";
        QTest::newRow("across a page break") << "con-||tinued" << "continued|";
        QTest::newRow("twice in a row") << "a-|b-|c" << "abc";
        QTest::newRow("last line") << "ends-" << "ends-";
        QTest::newRow("leading space next") << "inter-|  national" << "international";
    }
    void joinsLineEndHyphens()
    {
        QFETCH(QString, lines);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(joined(joinLineEndHyphens(split(lines)))), expected);
    }

    void extractsAPageExactly()
    {
        MinimalPdfWriter pdf;
        pdf.addTextPage({{50, 800, "Jane Doe"},
                         {50, 788, "jane@example.org"},
                         {50, 764, "Experience"},
                         {50, 752, "Research associate with experi-"},
                         {50, 740, "ence in a Well-"},
                         {50, 728, "Known lab (state-of-the-"},
                         {50, 716, "art methods), 2018 -"},
                         {50, 704, "2020; \xE2\x80\x9C" "quotes\xE2\x80\x9D \xC2\xA3" "30,000 na\xC3\xAFve"}});
        const ExtractedDocument doc = extractPdfText(pdf.bytes(), "cv.pdf");
        QCOMPARE(doc.format, DocumentFormat::Pdf);
        QCOMPARE(doc.pages, 1);
        QVERIFY(doc.warnings.empty());
        QCOMPARE(doc.text, std::string("Jane Doe\njane@example.org\n\nExperience\nResearch associate with experience in a "
                                       "Well-Known lab (state-of-the-art methods), 2018 -\n2020; \xE2\x80\x9C" "quotes\xE2\x80\x9D \xC2\xA3"
                                       "30,000 na\xC3\xAFve"));
    }

    void readsColumnsInPdftotextsOrder()
    {
        if (!have("pdftotext"))
            QSKIP("pdftotext (poppler-utils) is not installed");
        MinimalPdfWriter pdf;
        std::vector<PdfTextLine> lines;
        const char* left[] = {"Left column opens the page", "and goes on below with", "several lines of text",
                              "about teaching and research", "before it ends here."};
        const char* right[] = {"Right column starts at", "the top of the page", "and is read after the left."};
        for (int i = 0; i < 5; ++i)
            lines.push_back({50, 800.0 - 12 * i, left[i]});
        for (int i = 0; i < 3; ++i)
            lines.push_back({320, 800.0 - 12 * i, right[i]});
        lines.push_back({50, 600, "A paragraph under both columns closes the page."});
        pdf.addTextPage(lines);
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "columns.pdf", pdf.bytes());
        std::string reference;
        QCOMPARE(run("pdftotext", {QString::fromStdString(path), "-"}, &reference), 0);
        const ExtractedDocument doc = DocumentExtractor().extract(path);
        QCOMPARE(rankpo::test::wordsOf(doc.text), rankpo::test::wordsOf(reference));
        // Poppler's reading order, as pdftotext prints it: the paragraph under the columns belongs to the left
        // column's flow (it starts at the same margin), the right column comes last.
        QCOMPARE(doc.text, std::string("Left column opens the page\nand goes on below with\nseveral lines of text\nabout "
                                       "teaching and research\nbefore it ends here.\n\nA paragraph under both columns "
                                       "closes the page.\n\nRight column starts at\nthe top of the page\nand is read "
                                       "after the left."));
    }

    void pagesWithoutTextAreWarnings()
    {
        MinimalPdfWriter pdf;
        pdf.addTextPage({{50, 800, "Page one text."}});
        pdf.addImagePage();
        pdf.addTextPage({{50, 800, "Page three text."}});
        pdf.addBlankPage();
        const ExtractedDocument doc = extractPdfText(pdf.bytes(), "cvs/x.pdf");
        QCOMPARE(doc.pages, 4);
        QCOMPARE(doc.text, std::string("Page one text.\n\nPage three text."));
        QCOMPARE(doc.warnings, (std::vector<std::string>{"cvs/x.pdf: page 2 has no text (a scanned page?)",
                                                         "cvs/x.pdf: page 4 has no text (a scanned page?)"}));
    }

    void aScanWithoutTextNeedsOcr()
    {
        MinimalPdfWriter pdf;
        pdf.addImagePage();
        pdf.addImagePage();
        const DocumentError e = extractError(pdf.bytes(), "scan.pdf");
        QCOMPARE(e.problem(), DocumentProblem::NoText);
        QCOMPARE(std::string(e.what()), std::string("scan.pdf: no text: a scanned document needs OCR first"));
    }

    void aPdfWithoutPagesIsEmpty()
    {
        const DocumentError e = extractError(MinimalPdfWriter().bytes(), "none.pdf");
        QCOMPARE(e.problem(), DocumentProblem::Empty);
        QCOMPARE(std::string(e.what()), std::string("none.pdf: empty document (a PDF without pages)"));
    }

    void brokenPdfsNameTheFile()
    {
        MinimalPdfWriter pdf;
        pdf.addTextPage({{50, 800, "Some text."}});
        const std::string good = pdf.bytes();
        for (const std::string& bad : {good.substr(0, 200), std::string("<html>not a pdf</html>"), std::string("%PDF-1.7\n")}) {
            const DocumentError e = extractError(bad, "cut.pdf");
            QCOMPARE(e.problem(), DocumentProblem::Broken);
            QVERIFY2(std::string(e.what()).rfind("cut.pdf: not a readable PDF", 0) == 0, e.what());
        }
    }

    void encryptedPdfs()
    {
        if (!have("qpdf"))
            QSKIP("qpdf is not installed");
        MinimalPdfWriter pdf;
        pdf.addTextPage({{50, 800, "Confidential curriculum vitae."}});
        QTemporaryDir dir;
        const std::string plain = test::writeFile(dir, "plain.pdf", pdf.bytes());
        const std::string locked = dir.path().toStdString() + "/locked.pdf";
        const std::string owner = dir.path().toStdString() + "/owner.pdf";
        QCOMPARE(run("qpdf", {"--encrypt", "user-secret", "owner-secret", "256", "--", QString::fromStdString(plain),
                              QString::fromStdString(locked)}),
                 0);
        QCOMPARE(run("qpdf", {"--encrypt", "", "owner-secret", "256", "--print=none", "--modify=none", "--extract=n", "--",
                              QString::fromStdString(plain), QString::fromStdString(owner)}),
                 0);
        const DocumentExtractor extractor;
        try {
            extractor.extract(locked, {}, "cvs/locked.pdf");
            QFAIL("expected an error");
        } catch (const DocumentError& e) {
            QCOMPARE(e.problem(), DocumentProblem::NeedsPassword);
            QCOMPARE(std::string(e.what()), std::string("cvs/locked.pdf: needs a password to open (an encrypted PDF)"));
        }
        // Only an owner password (copying and printing restricted): the text is ours to read.
        QCOMPARE(extractor.extract(owner).text, std::string("Confidential curriculum vitae."));
    }

    void aRealProducersPdfKeepsTheSampleWords()
    {
        if (!QFile::exists("/usr/bin/python3") || run("/usr/bin/python3", {"-c", "import reportlab"}) != 0)
            QSKIP("python3-reportlab is not installed");
        // Sample texts with non-ASCII letters and signs (£, ’, é, –, …) that DejaVu Sans has.
        std::vector<std::string> chosen;
        for (const std::string& t : test::sampleTexts()) {
            if (t.size() > 4000 || t.find('<') != std::string::npos)
                continue;
            bool nonAscii = false, covered = true;
            for (char32_t c : decodeUtf8Lossy(t)) {
                nonAscii = nonAscii || c >= 0x80;
                covered = covered && (c < 0x250 || (c >= 0x2010 && c <= 0x2044) || c == 0x20AC);
            }
            if (nonAscii && covered)
                chosen.push_back(t);
            if (chosen.size() == 4)
                break;
        }
        QCOMPARE(chosen.size(), std::size_t(4));
        QTemporaryDir dir;
        const DocumentExtractor extractor;
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const std::string source = test::writeFile(dir, "text" + std::to_string(i) + ".txt", chosen[i]);
            const std::string pdf = dir.path().toStdString() + "/doc" + std::to_string(i) + ".pdf";
            QCOMPARE(run("/usr/bin/python3", {QString(RANKPO_SOURCE_DIR) + "/tests/support/write_reportlab_pdf.py",
                                              QString::fromStdString(pdf), QString::fromStdString(source)}),
                     0);
            const ExtractedDocument doc = extractor.extract(pdf);
            QVERIFY(doc.pages >= 1);
            QCOMPARE(rankpo::test::wordsOf(doc.text), rankpo::test::wordsOf(chosen[i]));
        }
    }

    void extractsOnSeveralThreadsAtOnce()
    {
        std::vector<std::string> pdfs;
        std::vector<std::string> expected;
        const auto texts = test::sampleTexts();
        for (std::size_t i = 0; i < 16; ++i) {
            MinimalPdfWriter pdf;
            for (auto& page : MinimalPdfWriter::layout(texts[i * 7]))
                pdf.addTextPage(page);
            pdfs.push_back(pdf.bytes());
            expected.push_back(extractPdfText(pdfs.back(), "serial.pdf").text);
        }
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 3; ++round)
                    for (std::size_t i = static_cast<std::size_t>(t); i < pdfs.size(); i += 2)
                        if (extractPdfText(pdfs[i], "thread.pdf").text != expected[i])
                            ++mismatches;
            });
        }
        for (auto& th : threads)
            th.join();
        QCOMPARE(mismatches.load(), 0);
        // A broken file on one thread does not disturb the others' messages.
        QCOMPARE(extractError("junk", "a.pdf").problem(), DocumentProblem::Broken);
    }
};

QTEST_GUILESS_MAIN(TestDocumentPdf)
#include "tst_document_pdf.moc"
