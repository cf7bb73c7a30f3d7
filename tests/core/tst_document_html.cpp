// HTML's visible text through libxml2's HTML parser: what is left out, block and line breaks, tables, white
// space, entities, and the page's encoding (BOM, declared charset, UTF-8, the cp1252 fallback, iconv).
#include "core/documents/document_error.h"
#include "core/documents/document_extractor.h"
#include "core/documents/html_text_extractor.h"
#include "tests/support/document_fixtures.h"
#include "tests/support/sample_texts.h"
#include "tests/support/docx_fixture.h"
#include "tests/support/test_files.h"

using namespace rankpo;

namespace {

std::string html(const std::string& bytes, TextEncoding encoding = TextEncoding::Utf8)
{
    return extractHtmlText(bytes, "page.html", encoding).text;
}

DocumentError htmlError(const std::string& bytes, TextEncoding encoding = TextEncoding::Utf8)
{
    try {
        extractHtmlText(bytes, "page.html", encoding);
    } catch (const DocumentError& e) {
        return e;
    }
    throw std::runtime_error("expected a DocumentError");
}

} // namespace

class TestDocumentHtml : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void visibleTextOnly()
    {
        const std::string page = R"(<!DOCTYPE html><html><head><title>Jane Doe | Careers</title>
            <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
            <body><!-- a comment --><noscript>Enable JavaScript</noscript><template><p>later</p></template>
            <h1>Jane   Doe</h1>
            <p>Research <b>associate</b>,&nbsp;<i>Leeds</i> &amp; York &ndash; 2019&#8211;2023</p>
            <div hidden>hidden div</div><span style="display: none">invisible</span>
            <p style="visibility:hidden">also invisible</p>
            <select><option>France</option><option>Germany</option></select>
            <svg><text>icon</text></svg>
            </body></html>)";
        QCOMPARE(html(page), std::string("Jane Doe\n\nResearch associate, Leeds & York \xE2\x80\x93 2019\xE2\x80\x93" "2023"));
    }

    void blocksBreaksAndLists()
    {
        QCOMPARE(html("<div>one</div><div>two<br>three<br><br>four</div><ul><li>C++</li><li>Python <em>3</em></li></ul>"
                      "<p>end</p>"),
                 std::string("one\ntwo\nthree\n\nfour\n\nC++\nPython 3\n\nend"));
        // Nested blocks give one break, inline elements none.
        QCOMPARE(html("<section><div><div><p>a</p></div></div></section><span>b</span><a href=x>c</a>"), std::string("a\n\nbc"));
        QCOMPARE(html("<p>Skills</p>\n\n<p>   Data\n\t analysis   </p>"), std::string("Skills\n\nData analysis"));
    }

    void tablesAndPre()
    {
        QCOMPARE(html("<table><tr><th>Year</th><th>Role</th></tr><tr><td>2019</td><td>Lecturer<br>Oxford</td></tr>"
                      "<tr><td><p>2018</p></td><td><div>PhD</div> <div>Leeds</div></td></tr></table>"),
                 std::string("Year\tRole\n2019\tLecturer Oxford\n2018\tPhD Leeds"));
        QCOMPARE(html("<p>Code:</p><pre>int main()\n{\n    return 0;\n}</pre>"),
                 std::string("Code:\n\nint main()\n{\n    return 0;\n}"));
    }

    void brokenMarkupIsRecovered()
    {
        QCOMPARE(html("<p>unclosed <b>bold <p>next</i> para"), std::string("unclosed bold\n\nnext para"));
        QCOMPARE(html("plain text, no tags"), std::string("plain text, no tags"));
    }

    void encodings()
    {
        // UTF-8 without a declaration, and with one.
        QCOMPARE(html("<p>Caf\xC3\xA9</p>"), std::string("Caf\xC3\xA9"));
        QCOMPARE(html("<meta charset=\"utf-8\"><p>na\xC3\xAFve</p>"), std::string("na\xC3\xAFve"));
        // Windows-1252 by declaration (the meta names ISO-8859-1, which browsers read as 1252).
        QCOMPARE(html("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head>"
                      "<body><p>R\xE9sum\xE9 \x93quoted\x94</p></body></html>"),
                 std::string("R\xC3\xA9sum\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D"));
        // A charset only iconv knows: "Łódź" in ISO-8859-2.
        QCOMPARE(html("<meta charset=\"iso-8859-2\"><p>\xA3\xF3" "d\xBC</p>"), std::string("\xC5\x81\xC3\xB3" "d\xC5\xBA"));
        // UTF-16 with a byte-order mark.
        const std::u16string u = u"<p>Zo\u00EB</p>";
        std::string le = "\xFF\xFE";
        for (char16_t c : u)
            le += std::string{static_cast<char>(c & 0xFF), static_cast<char>(c >> 8)};
        QCOMPARE(html(le), std::string("Zo\xC3\xAB"));
        // Undeclared bytes that are not UTF-8: an error naming the offset, unless cp1252 is allowed.
        const DocumentError e = htmlError("<p>R\xE9sum\xE9</p>");
        QCOMPARE(e.problem(), DocumentProblem::Encoding);
        QCOMPARE(std::string(e.what()),
                 std::string("page.html: not UTF-8 HTML: byte 0xE9 at offset 4 (if the page is Windows-1252, read it as cp1252)"));
        QCOMPARE(html("<p>R\xE9sum\xE9</p>", TextEncoding::Cp1252), std::string("R\xC3\xA9sum\xC3\xA9"));
        QVERIFY(std::string(htmlError("<meta charset=\"utf-8\"><p>\xE9</p>", TextEncoding::Cp1252).what())
                    .find("the page declares charset utf-8") != std::string::npos);
        QCOMPARE(htmlError("<meta charset=\"x-no-such-charset\"><p>x</p>").problem(), DocumentProblem::Encoding);
    }

    void emptyPages()
    {
        QCOMPARE(htmlError("").problem(), DocumentProblem::Empty);
        const DocumentError e = htmlError("<html><head><title>Only a title</title></head><body> <script>x()</script></body></html>");
        QCOMPARE(e.problem(), DocumentProblem::Empty);
        QCOMPARE(std::string(e.what()), std::string("page.html: empty document (no visible text)"));
    }

    void sampleTextsRoundTrip()
    {
        QTemporaryDir dir;
        const auto texts = test::sampleTexts();
        const DocumentExtractor extractor;
        for (std::size_t i = 0; i < 12; ++i) {
            const std::string& text = texts[i * 11 + 3];
            std::string body;
            std::size_t pos = 0;
            while (pos <= text.size()) {
                std::size_t eol = text.find('\n', pos);
                if (eol == std::string::npos)
                    eol = text.size();
                body += "<p>" + test::xmlEscaped(text.substr(pos, eol - pos)) + "</p>\n";
                pos = eol + 1;
            }
            const std::string path = test::writeFile(dir, "s" + std::to_string(i) + ".htm",
                                                     "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
                                                         + body + "</body></html>");
            const ExtractedDocument doc = extractor.extract(path);
            QCOMPARE(doc.format, DocumentFormat::Html);
            QCOMPARE(rankpo::test::wordsOf(doc.text), rankpo::test::wordsOf(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestDocumentHtml)
#include "tst_document_html.moc"
