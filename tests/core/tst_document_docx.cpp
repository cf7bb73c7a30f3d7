// DOCX text through libzip and libxml2: paragraphs, tables, breaks, tabs, tracked changes, hidden runs, text
// boxes; broken archives, other Office files, encrypted Word files, zip bombs; the sample's texts round trip.
#include "core/documents/docx_text_extractor.h"
#include "core/documents/document_error.h"
#include "core/documents/document_extractor.h"
#include "tests/support/document_fixtures.h"
#include "tests/support/sample_texts.h"
#include "tests/support/docx_fixture.h"
#include "tests/support/test_files.h"

using namespace rankpo;
using test::wordDocumentXml;

using rankpo::test::wordsOf;

namespace {

std::string xmlText(const std::string& body) { return docxDocumentXmlText(wordDocumentXml(body), "cv.docx"); }

std::string run(const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; }
std::string para(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }

DocumentError docxError(const std::string& bytes, const std::string& name = "cv.docx",
                        std::uint64_t limit = std::uint64_t(256) << 20)
{
    try {
        extractDocxText(bytes, name, limit);
    } catch (const DocumentError& e) {
        return e;
    }
    throw std::runtime_error("expected a DocumentError");
}

} // namespace

class TestDocumentDocx : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paragraphsAreLines()
    {
        QCOMPARE(xmlText(para(run("Jane ") + run("Doe")) + para(run("Skills"))), std::string("Jane Doe\nSkills"));
        // An empty paragraph is a blank line; several of them one.
        QCOMPARE(xmlText(para(run("A")) + "<w:p/><w:p/>" + para(run("B"))), std::string("A\n\nB"));
        // Runs split a word anywhere (spell checking, formatting): no space is added between them.
        QCOMPARE(xmlText(para(run("Exper") + "<w:proofErr w:type=\"spellStart\"/>" + run("ience"))), std::string("Experience"));
    }

    void tabsBreaksAndHyphens()
    {
        QCOMPARE(xmlText(para("<w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>" + run("2018")
                              + "<w:r><w:tab/><w:t>Lecturer</w:t><w:br/><w:t>Oxford</w:t></w:r>")),
                 std::string("2018\tLecturer\nOxford"));
        QCOMPARE(xmlText(para("<w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t><w:softHyphen/><w:t>s</w:t></w:r>")),
                 std::string("e-mails"));
        QCOMPARE(xmlText(para("<w:r><w:t>a</w:t><w:br w:type=\"page\"/><w:br/><w:t>b</w:t></w:r>")), std::string("a\n\nb"));
    }

    void tablesAreRowsOfTabSeparatedCells()
    {
        const std::string cell1 = "<w:tc><w:tcPr><w:tcW w:w=\"2000\"/></w:tcPr>" + para(run("2016-2019")) + "</w:tc>";
        const std::string cell2 = "<w:tc>" + para(run("PhD")) + para(run("University of Leeds")) + "</w:tc>";
        const std::string nested = "<w:tc><w:tbl><w:tr><w:tc>" + para(run("x")) + "</w:tc><w:tc>" + para(run("y"))
            + "</w:tc></w:tr></w:tbl></w:tc>";
        const std::string table = "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>" + cell1 + cell2 + "</w:tr><w:tr>" + cell1
            + "<w:tc><w:p/></w:tc>" + nested + "</w:tr></w:tbl>";
        QCOMPARE(xmlText(para(run("Education")) + table + para(run("After"))),
                 std::string("Education\n2016-2019\tPhD University of Leeds\n2016-2019\t\tx y\nAfter"));
    }

    void deletedHiddenAndFieldTextIsLeftOut()
    {
        const std::string body = para(run("Kept ") + "<w:del w:id=\"1\"><w:r><w:delText>deleted </w:delText></w:r></w:del>"
                                      + "<w:ins w:id=\"2\"><w:r><w:t>inserted </w:t></w:r></w:ins>"
                                      + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>"
                                      + "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>shown </w:t></w:r>"
                                      + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"x\" </w:instrText></w:r>"
                                      + "<w:hyperlink r:id=\"rId5\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                                      + run("link") + "</w:hyperlink>"
                                      + "<w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom>");
        QCOMPARE(xmlText(body), std::string("Kept inserted shown link"));
    }

    void textBoxesAreReadOnce()
    {
        const std::string box = "<w:txbxContent>" + para(run("Boxed")) + "</w:txbxContent>";
        const std::string body = para(run("Before") + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                                      + "<wps:txbx>" + box + "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
                                      + "<v:textbox>" + box + "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
            + para(run("After"));
        QCOMPARE(xmlText(body), std::string("Before\nBoxed\nAfter"));
    }

    void malformedXmlNamesThePart()
    {
        try {
            docxDocumentXmlText("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                                "<w:p><w:r><w:t>x</w:r></w:p>",
                                "cv.docx");
            QFAIL("expected an error");
        } catch (const DocumentError& e) {
            QCOMPARE(e.problem(), DocumentProblem::Broken);
            const std::string m = e.what();
            QVERIFY2(m.rfind("cv.docx: word/document.xml: malformed XML at line 1: ", 0) == 0, e.what());
        }
        // Entities are not substituted (no billion laughs: libxml2 refuses the document) and no DTD is loaded.
        const std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                                   "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                                   "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                                   "<w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>";
        try {
            docxDocumentXmlText(laughs, "cv.docx");
            QFAIL("expected an error");
        } catch (const DocumentError& e) {
            QCOMPARE(e.problem(), DocumentProblem::Broken); // libxml2 refuses the amplification
        }
    }

    void readsAWholeDocx()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/cv.docx";
        test::writeDocx(path, wordDocumentXml(para(run("Jane Doe")) + "<w:p/>" + para(run("Experience"))
                                              + para(run("Lecturer &amp; researcher, 2019\xE2\x80\x93" "2023"))));
        const ExtractedDocument doc = DocumentExtractor().extract(path);
        QCOMPARE(doc.format, DocumentFormat::Docx);
        QCOMPARE(doc.pages, 0);
        QCOMPARE(doc.text, std::string("Jane Doe\n\nExperience\nLecturer & researcher, 2019\xE2\x80\x93" "2023"));
    }

    void theMainPartMayHaveAnotherName()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/renamed.docx";
        // (Plain string literals: moc loses its way in raw ones here.)
        test::writeZip(path, {{"_rels/.rels",
                               "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                               "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                               " Target=\"/word/document2.xml\"/></Relationships>"},
                              {"word/document2.xml", wordDocumentXml(para(run("Second name")))}});
        QCOMPARE(DocumentExtractor().extract(path).text, std::string("Second name"));
    }

    void brokenAndForeignFiles()
    {
        QTemporaryDir dir;
        DocumentError e = docxError("this is not a zip file at all, just text");
        QCOMPARE(e.problem(), DocumentProblem::Broken);
        QVERIFY2(std::string(e.what()).rfind("cv.docx: not a readable .docx (broken zip archive: ", 0) == 0, e.what());

        const std::string xlsx = dir.path().toStdString() + "/book.docx";
        test::writeZip(xlsx, {{"xl/workbook.xml", "<workbook/>"}, {"[Content_Types].xml", "<Types/>"}});
        e = docxError(test::readFile(xlsx), "book.docx");
        QCOMPARE(e.problem(), DocumentProblem::NotWordDocument);
        QCOMPARE(std::string(e.what()),
                 std::string("book.docx: not a Word document (no word/document.xml in the archive; it is an Excel workbook)"));

        const std::string odt = dir.path().toStdString() + "/letter.docx";
        test::writeZip(odt, {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}});
        QVERIFY(std::string(docxError(test::readFile(odt)).what()).find("an OpenDocument file") != std::string::npos);

        e = docxError(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'), "secret.docx");
        QCOMPARE(e.problem(), DocumentProblem::Broken);
        QVERIFY(std::string(e.what()).find("an encrypted Word document or an old .doc file") != std::string::npos);

        // A damaged entry: the archive's directory is fine, the compressed data is not.
        const std::string good = dir.path().toStdString() + "/good.docx";
        test::writeDocx(good, wordDocumentXml(para(run(std::string(4000, 'x')))));
        std::string damaged = test::readFile(good);
        const std::size_t at = damaged.find("word/document.xml");
        QVERIFY(at != std::string::npos);
        for (std::size_t i = at + 40; i < at + 80; ++i)
            damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
        e = docxError(damaged);
        QVERIFY2(e.problem() == DocumentProblem::Broken, e.what());
    }

    void emptyDocumentsAndScans()
    {
        QTemporaryDir dir;
        const std::string empty = dir.path().toStdString() + "/empty.docx";
        test::writeDocx(empty, wordDocumentXml("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"));
        DocumentError e = docxError(test::readFile(empty), "empty.docx");
        QCOMPARE(e.problem(), DocumentProblem::Empty);
        QCOMPARE(std::string(e.what()), std::string("empty.docx: empty document"));

        const std::string scan = dir.path().toStdString() + "/scan.docx";
        test::writeDocx(scan, wordDocumentXml("<w:p><w:r><w:drawing><wp:inline><a:graphic/></wp:inline></w:drawing></w:r></w:p>"));
        e = docxError(test::readFile(scan), "scan.docx");
        QCOMPARE(e.problem(), DocumentProblem::NoText);
        QCOMPARE(std::string(e.what()), std::string("scan.docx: no text: a scanned document needs OCR first"));
    }

    void zipBombsAreRefused()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/bomb.docx";
        test::writeDocx(path, wordDocumentXml(para(run(std::string(2 << 20, 'a')))));
        const std::string bytes = test::readFile(path);
        QVERIFY(bytes.size() < 20000); // 2 MB of 'a' compress to a few kB
        const DocumentError e = docxError(bytes, "bomb.docx", 1 << 20);
        QCOMPARE(e.problem(), DocumentProblem::TooLarge);
        QVERIFY2(std::string(e.what()).rfind("bomb.docx: word/document.xml unpacks to 2.1 MB, over the limit of 1 MB", 0) == 0, e.what());
    }

    void sampleTextsRoundTrip()
    {
        QTemporaryDir dir;
        const auto texts = test::sampleTexts();
        const DocumentExtractor extractor;
        for (std::size_t i = 0; i < 12; ++i) {
            const std::string& text = texts[i * 13];
            const std::string path = dir.path().toStdString() + "/s" + std::to_string(i) + ".docx";
            test::writeDocx(path, wordDocumentXml(test::paragraphsXml(text)));
            QCOMPARE(wordsOf(extractor.extract(path).text), wordsOf(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestDocumentDocx)
#include "tst_document_docx.moc"
