// The document layer end to end: a mixed folder whose documents carry the paper's sample texts (PDF, DOCX,
// HTML, text, Markdown, subfolders with the same file names, files to skip), scanned and extracted, each
// document's words found in its text; failures reported per file the way an importer uses them.
#include "core/documents/cp1252_codec.h"
#include "core/documents/document_error.h"
#include "core/documents/document_extractor.h"
#include "core/documents/document_scanner.h"
#include "tests/support/document_fixtures.h"
#include "tests/support/sample_texts.h"
#include "tests/support/docx_fixture.h"
#include "tests/support/minimal_pdf_writer.h"
#include "tests/support/test_files.h"

#include <filesystem>
#include <map>
#include <thread>

using namespace rankpo;

using rankpo::test::wordsOf;
using rankpo::test::pdfOf;
using rankpo::test::htmlOf;

namespace {

} // namespace

class TestDocumentExtractor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aMixedFolderOfSampleTexts()
    {
        namespace fs = std::filesystem;
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        for (const char* sub : {"jobs/a", "jobs/b", ".cache"})
            fs::create_directories(root + "/" + sub);
        const auto texts = test::sampleTexts();
        // What each document must contain, by external id. The PDF writer has Windows-1252 letters only.
        std::map<std::string, std::string> expected;
        auto add = [&](const std::string& id, const std::string& bytes, const std::string& text) {
            test::writeFile(dir, id, bytes);
            expected[id] = text;
        };
        add("jobs/a/post.pdf", pdfOf(texts[0]), cp1252ToUtf8(utf8ToCp1252(texts[0])));
        add("jobs/b/post.pdf", pdfOf(texts[5]), cp1252ToUtf8(utf8ToCp1252(texts[5])));
        add("jobs/a/notes.txt", texts[1], texts[1]);
        add("jobs/readme.md", "\xEF\xBB\xBF" + texts[2], texts[2]);
        add("cv one.html", htmlOf(texts[3]), texts[3]);
        const std::string docx = root + "/cv.docx";
        test::writeDocx(docx, test::wordDocumentXml(test::paragraphsXml(texts[4])));
        expected["cv.docx"] = texts[4];
        for (const char* skip : {"old.doc", "scan.png", ".DS_Store", "~$cv.docx", ".cache/x.txt", "jobs/b/sheet.xlsx"})
            test::writeFile(dir, skip, "x");

        const auto entries = DocumentScanner(ScanOptions{true}).scan({root});
        std::vector<std::string> documents, skipped;
        for (const ScanEntry& e : entries)
            (e.kind == ScanEntryKind::Document ? documents : skipped).push_back(e.externalId);
        QCOMPARE(documents, (std::vector<std::string>{"cv one.html", "cv.docx", "jobs/a/notes.txt", "jobs/a/post.pdf",
                                                      "jobs/b/post.pdf", "jobs/readme.md"}));
        QCOMPARE(skipped, (std::vector<std::string>{".DS_Store", ".cache/", "jobs/b/sheet.xlsx", "old.doc", "scan.png", "~$cv.docx"}));

        const DocumentExtractor extractor;
        ExtractOptions options;
        options.maxBytes = 20'000'000;
        for (const ScanEntry& e : entries) {
            if (e.kind != ScanEntryKind::Document)
                continue;
            const ExtractedDocument doc = extractor.extract(e.path, options, e.externalId);
            QCOMPARE(doc.format, *e.format);
            QVERIFY2(doc.warnings.empty(), e.externalId.c_str());
            QVERIFY2(doc.text.find('\r') == std::string::npos, e.externalId.c_str());
            QCOMPARE(wordsOf(doc.text), wordsOf(expected.at(e.externalId)));
        }
    }

    void strictOrSkipPerFile()
    {
        QTemporaryDir dir;
        test::writeFile(dir, "good.txt", "Jane Doe\nSkills: C++");
        test::writeFile(dir, "broken.pdf", "%PDF-1.4 garbage");
        test::writeFile(dir, "empty.md", "  \n");
        test::writeFile(dir, "latin.txt", "Andr\xE9");
        test::writeFile(dir, "fake.docx", "not a zip");
        const auto entries = DocumentScanner().scan({dir.path().toStdString()});
        const DocumentExtractor extractor;
        std::vector<std::string> imported, reasons;
        for (const ScanEntry& e : entries) {
            try {
                extractor.extract(e.path, {}, e.externalId);
                imported.push_back(e.externalId);
            } catch (const DocumentError& error) {
                reasons.push_back(error.what()); // --skip-invalid lists them; strict mode stops at the first
            }
        }
        QCOMPARE(imported, std::vector<std::string>{"good.txt"});
        QCOMPARE(reasons.size(), std::size_t(4));
        QVERIFY2(reasons[0].rfind("broken.pdf: not a readable PDF", 0) == 0, reasons[0].c_str());
        QCOMPARE(reasons[1], std::string("empty.md: empty document"));
        QVERIFY2(reasons[2].rfind("fake.docx: not a readable .docx (broken zip archive: ", 0) == 0, reasons[2].c_str());
        QVERIFY2(reasons[3].rfind("latin.txt: not UTF-8 text: byte 0xE9 at offset 4", 0) == 0, reasons[3].c_str());
    }

    void extractsOnTwoThreadsLikeOnOne()
    {
        // Mixed formats on two threads (libxml2 and Poppler both in use at once) give the serial results.
        const auto texts = test::sampleTexts();
        std::vector<std::pair<DocumentFormat, std::string>> docs;
        for (std::size_t i = 0; i < 24; ++i) {
            const std::string& t = texts[i * 5 + 1];
            if (i % 3 == 0)
                docs.emplace_back(DocumentFormat::Pdf, pdfOf(t));
            else if (i % 3 == 1)
                docs.emplace_back(DocumentFormat::Html, htmlOf(t));
            else
                docs.emplace_back(DocumentFormat::Text, t);
        }
        const DocumentExtractor extractor;
        std::vector<std::string> serial;
        for (const auto& [format, bytes] : docs)
            serial.push_back(extractor.extractBytes(bytes, format, "doc").text);
        std::vector<std::string> parallel(docs.size());
        std::vector<std::thread> threads;
        for (int t = 0; t < 2; ++t)
            threads.emplace_back([&, t] {
                for (std::size_t i = static_cast<std::size_t>(t); i < docs.size(); i += 2)
                    parallel[i] = extractor.extractBytes(docs[i].second, docs[i].first, "doc").text;
            });
        for (auto& th : threads)
            th.join();
        QCOMPARE(parallel, serial);
    }
};

QTEST_GUILESS_MAIN(TestDocumentExtractor)
#include "tst_document_extractor.moc"
