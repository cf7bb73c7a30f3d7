// Text files as documents: encodings (UTF-8 with and without BOM, UTF-16 LE/BE, Windows-1252 against glibc's
// iconv table), line ends, the errors that name the byte offset, and the size limit with its parser.
#include "core/documents/cp1252_codec.h"
#include "core/documents/document_error.h"
#include "core/documents/document_extractor.h"
#include "core/documents/text_cleanup.h"
#include "core/documents/text_file_decoder.h"
#include "core/util/byte_size.h"
#include "tests/support/test_files.h"

#include <iconv.h>

using namespace rankpo;

namespace {

DocumentError decodeError(const std::string& bytes, TextEncoding encoding = TextEncoding::Utf8)
{
    try {
        decodeTextFile(bytes, encoding, "cv.txt");
    } catch (const DocumentError& e) {
        return e;
    }
    throw std::runtime_error("expected a DocumentError");
}

std::string utf16(const std::u16string& text, bool bigEndian)
{
    std::string out = bigEndian ? "\xFE\xFF" : "\xFF\xFE";
    for (char16_t c : text) {
        const char hi = static_cast<char>(c >> 8), lo = static_cast<char>(c & 0xFF);
        out += bigEndian ? std::string{hi, lo} : std::string{lo, hi};
    }
    return out;
}

} // namespace

class TestDocumentTextFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodesUtf8WithAndWithoutBom()
    {
        QCOMPARE(decodeTextFile("Jane Doe\r\nSkills: C++\rPython\n", TextEncoding::Utf8, "a.txt"),
                 std::string("Jane Doe\nSkills: C++\nPython\n"));
        QCOMPARE(decodeTextFile("\xEF\xBB\xBF" "Caf\xC3\xA9\r\n", TextEncoding::Utf8, "a.txt"), std::string("Caf\xC3\xA9\n"));
    }

    void decodesUtf16WithBom()
    {
        // "Zoë 𝄞\r\n" with a surrogate pair, little- and big-endian.
        const std::u16string text = u"Zo\u00EB \U0001D11E\r\nok";
        const std::string expected = "Zo\xC3\xAB \xF0\x9D\x84\x9E\nok";
        QCOMPARE(decodeTextFile(utf16(text, false), TextEncoding::Utf8, "a.txt"), expected);
        QCOMPARE(decodeTextFile(utf16(text, true), TextEncoding::Utf8, "a.txt"), expected);
    }

    void brokenUtf16IsAnErrorWithItsOffset()
    {
        std::string lone = utf16(u"ab", false) + std::string("\x00\xD8", 2) + std::string("c\0", 2); // D800 then 'c'
        const DocumentError e = decodeError(lone);
        QCOMPARE(e.problem(), DocumentProblem::Encoding);
        QCOMPARE(std::string(e.what()), std::string("cv.txt: invalid UTF-16 at offset 6 (an unpaired surrogate)"));
        QVERIFY(std::string(decodeError(utf16(u"ab", true) + "x").what()).find("odd number of bytes (7)") != std::string::npos);
    }

    void invalidUtf8NamesTheByteOffset()
    {
        const DocumentError e = decodeError("R\xC3\xA9sum\xE9 of Jane");
        QCOMPARE(e.problem(), DocumentProblem::Encoding);
        QCOMPARE(e.kind(), ErrorKind::Data);
        QCOMPARE(std::string(e.what()), std::string("cv.txt: not UTF-8 text: byte 0xE9 at offset 6 (if the file is "
                                                    "Windows-1252 text, read it as cp1252)"));
        // After a BOM the offset still counts from the start of the file.
        QCOMPARE(e.name(), std::string("cv.txt"));
        QVERIFY(std::string(decodeError("\xEF\xBB\xBF" "ab\xFF").what()).find("byte 0xFF at offset 5") != std::string::npos);
    }

    void cp1252IsTheFallbackForBytesThatAreNotUtf8()
    {
        QCOMPARE(decodeTextFile("R\xE9sum\xE9 \x93quoted\x94 \x80" "5 \x96 na\xEFve", TextEncoding::Cp1252, "a.txt"),
                 std::string("R\xC3\xA9sum\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC" "5 \xE2\x80\x93 na\xC3\xAFve"));
        // Valid UTF-8 stays UTF-8 even when cp1252 is allowed.
        QCOMPARE(decodeTextFile("Caf\xC3\xA9", TextEncoding::Cp1252, "a.txt"), std::string("Caf\xC3\xA9"));
        const DocumentError e = decodeError("abc\xE9\x81", TextEncoding::Cp1252);
        QCOMPARE(std::string(e.what()), std::string("cv.txt: neither UTF-8 nor Windows-1252 text: byte 0x81 at offset 4 "
                                                    "is not a Windows-1252 character"));
    }

    void cp1252TableMatchesGlibcIconv()
    {
        iconv_t cd = iconv_open("UTF-8", "CP1252");
        QVERIFY(cd != reinterpret_cast<iconv_t>(-1));
        int defined = 0;
        for (int b = 0; b < 256; ++b) {
            char in[1] = {static_cast<char>(b)};
            char out[8] = {};
            char* inPtr = in;
            char* outPtr = out;
            std::size_t inLeft = 1, outLeft = sizeof out;
            const bool ok = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != static_cast<std::size_t>(-1);
            iconv(cd, nullptr, nullptr, nullptr, nullptr);
            const std::string byte(1, static_cast<char>(b));
            const bool undefined = findUndefinedCp1252(byte) != std::string::npos;
            QVERIFY2(ok != undefined, qPrintable(QString("byte 0x%1").arg(b, 2, 16, QChar('0'))));
            if (ok) {
                ++defined;
                QCOMPARE(cp1252ToUtf8(byte), std::string(out, static_cast<std::size_t>(outPtr - out)));
                QCOMPARE(utf8ToCp1252(cp1252ToUtf8(byte)), byte);
            }
        }
        iconv_close(cd);
        QCOMPARE(defined, 251); // all but 0x81 0x8D 0x8F 0x90 0x9D
        QCOMPARE(utf8ToCp1252("\xE2\x82\xAC \xE4\xB8\xAD"), std::string("\x80 ?"));
    }

    void nulBytesAndUtf16WithoutBomAreRefused()
    {
        QCOMPARE(std::string(decodeError(std::string("PK\x03\x04\x00\x00 binary", 14)).what()),
                 std::string("cv.txt: a NUL byte at offset 4: a binary file, not text"));
        const std::string noBom("J\0a\0n\0e\0 \0D\0o\0e\0", 16);
        QVERIFY(std::string(decodeError(noBom).what()).find("looks like UTF-16 without a byte-order mark") != std::string::npos);
    }

    void blankFilesAreEmptyDocuments()
    {
        QCOMPARE(decodeError(" \r\n\t\xC2\xA0\n").problem(), DocumentProblem::Empty);
        QCOMPARE(std::string(decodeError("\xEF\xBB\xBF").what()), std::string("cv.txt: empty document"));
    }

    void tidyKeepsOneBlankLineAndNoTrailingSpace()
    {
        QCOMPARE(tidyExtractedText("\n\n  Jane  \r\n\r\n\r\n\tSkills\t \nC++\n\n"), std::string("  Jane\n\n\tSkills\nC++"));
        QCOMPARE(tidyExtractedText(""), std::string());
        QVERIFY(isBlankText(" \n\xC2\xA0\t"));
        QVERIFY(!isBlankText(" x "));
    }

    void parsesByteSizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qulonglong>("bytes");
        QTest::newRow("plain") << "4096" << qulonglong(4096);
        QTest::newRow("B") << "12 B" << qulonglong(12);
        QTest::newRow("kB") << "512kB" << qulonglong(512000);
        QTest::newRow("k") << "300 k" << qulonglong(300000);
        QTest::newRow("MB") << "20MB" << qulonglong(20000000);
        QTest::newRow("mb lower") << "20mb" << qulonglong(20000000);
        QTest::newRow("GB fraction") << "1.5GB" << qulonglong(1500000000);
        QTest::newRow("KiB") << "1KiB" << qulonglong(1024);
        QTest::newRow("MiB") << "20MiB" << qulonglong(20971520);
        QTest::newRow("GiB fraction") << "1.5GiB" << qulonglong(1610612736);
        QTest::newRow("TiB") << "2 TiB" << qulonglong(2199023255552ULL);
        QTest::newRow("round down") << "1.0009kB" << qulonglong(1000);
        QTest::newRow("spaces") << "  7 MB " << qulonglong(7000000);
        QTest::newRow("max") << "18446744073709551615" << qulonglong(18446744073709551615ULL);
    }
    void parsesByteSizes()
    {
        QFETCH(QString, text);
        QFETCH(qulonglong, bytes);
        QCOMPARE(qulonglong(parseByteSize(text.toStdString())), bytes);
    }

    void badByteSizesAreUsageErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty") << "" << "no number";
        QTest::newRow("unit only") << "MB" << "no number";
        QTest::newRow("unknown unit") << "20XB" << "unknown unit \"XB\"";
        QTest::newRow("negative") << "-5MB" << "cannot be negative";
        QTest::newRow("zero") << "0" << "at least one byte";
        QTest::newRow("tiny") << "0.1B" << "at least one byte";
        QTest::newRow("overflow") << "18446744073709551616" << "too large";
        QTest::newRow("overflow unit") << "20000000000 GB" << "too large";
        QTest::newRow("two numbers") << "20 30MB" << "unknown unit";
        QTest::newRow("comma") << "1,5MB" << "unknown unit";
    }
    void badByteSizesAreUsageErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        try {
            parseByteSize(text.toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
            const std::string message = e.what();
            QVERIFY2(message.find("invalid size \"" + text.toStdString() + "\"") == 0, e.what());
            QVERIFY2(message.find(why.toStdString()) != std::string::npos, e.what());
        }
    }

    void formatsByteSizes()
    {
        QCOMPARE(formatByteSize(1), std::string("1 byte"));
        QCOMPARE(formatByteSize(999), std::string("999 bytes"));
        QCOMPARE(formatByteSize(1000), std::string("1 kB"));
        QCOMPARE(formatByteSize(1500), std::string("1.5 kB"));
        QCOMPARE(formatByteSize(20000000), std::string("20 MB"));
        QCOMPARE(formatByteSize(20971520), std::string("21 MB"));
        QCOMPARE(formatByteSize(25312000), std::string("25.3 MB"));
        QCOMPARE(formatByteSize(999960), std::string("1 MB"));
        QCOMPARE(formatByteSize(123456789012ULL), std::string("123 GB"));
    }

    void extractorReadsTextFilesAndAppliesTheSizeLimit()
    {
        QTemporaryDir dir;
        const DocumentExtractor extractor;
        const std::string md = test::writeFile(dir, "cv.md", "# Jane Doe\r\n\r\n## Skills\r\n- C++\r\n");
        const ExtractedDocument doc = extractor.extract(md);
        QCOMPARE(doc.format, DocumentFormat::Markdown);
        QCOMPARE(doc.text, std::string("# Jane Doe\n\n## Skills\n- C++\n"));
        QCOMPARE(doc.pages, 0);
        QVERIFY(doc.warnings.empty());

        ExtractOptions limit;
        limit.maxBytes = 10;
        try {
            extractor.extract(md, limit, "cvs/cv.md");
            QFAIL("expected an error");
        } catch (const DocumentError& e) {
            QCOMPARE(e.problem(), DocumentProblem::TooLarge);
            QCOMPARE(std::string(e.what()), std::string("cvs/cv.md: 32 bytes, over the size limit of 10 bytes"));
        }
        const std::string empty = test::writeFile(dir, "empty.txt", "");
        try {
            extractor.extract(empty);
            QFAIL("expected an error");
        } catch (const DocumentError& e) {
            QCOMPARE(e.problem(), DocumentProblem::Empty);
            QCOMPARE(std::string(e.what()), empty + ": empty document (0 bytes)");
        }
        try {
            extractor.extract(dir.path().toStdString() + "/missing.txt");
            QFAIL("expected an error");
        } catch (const DocumentError& e) {
            QCOMPARE(e.problem(), DocumentProblem::Unreadable);
            QCOMPARE(e.kind(), ErrorKind::Io);
            QVERIFY(std::string(e.what()).find("missing.txt: cannot open: No such file") != std::string::npos);
        }
        const std::string doc97 = test::writeFile(dir, "old.doc", "\xD0\xCF\x11\xE0");
        try {
            extractor.extract(doc97);
            QFAIL("expected an error");
        } catch (const DocumentError& e) {
            QCOMPARE(e.problem(), DocumentProblem::Unsupported);
            QCOMPARE(std::string(e.what()), doc97 + ": an old Word document (.doc): save it as .docx or PDF");
        }
        ExtractOptions cp1252;
        cp1252.encoding = TextEncoding::Cp1252;
        QCOMPARE(extractor.extractBytes("na\xEFve", DocumentFormat::Text, "x.txt", cp1252).text, std::string("na\xC3\xAFve"));
    }
};

QTEST_GUILESS_MAIN(TestDocumentTextFiles)
#include "tst_document_text_files.moc"
