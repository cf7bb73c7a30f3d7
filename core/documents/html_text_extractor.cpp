#include "core/documents/html_text_extractor.h"

#include "core/documents/cp1252_codec.h"
#include "core/documents/document_error.h"
#include "core/documents/text_cleanup.h"
#include "core/documents/text_flow_builder.h"
#include "core/documents/xml_library.h"
#include "core/text/utf8_codec.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace rankpo {
namespace {

bool oneOf(const char* name, std::initializer_list<const char*> names)
{
    for (const char* n : names)
        if (std::strcmp(name, n) == 0)
            return true;
    return false;
}

std::string asciiLower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The charset a page declares near its start, lower case ("" when none): <meta charset=...>,
// <meta http-equiv="Content-Type" content="text/html; charset=...">, <?xml ... encoding="..."?>.
std::string declaredCharset(std::string_view bytes)
{
    const std::string head = asciiLower(bytes.substr(0, 2048));
    auto tokenAfter = [&](std::size_t pos) {
        while (pos < head.size() && (head[pos] == ' ' || head[pos] == '\t' || head[pos] == '\n' || head[pos] == '\r'))
            ++pos;
        if (pos >= head.size() || head[pos] != '=')
            return std::string();
        ++pos;
        while (pos < head.size() && (head[pos] == ' ' || head[pos] == '"' || head[pos] == '\''))
            ++pos;
        std::size_t end = pos;
        while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' || head[end] == '_'
                                     || head[end] == '.' || head[end] == ':'))
            ++end;
        return head.substr(pos, end - pos);
    };
    if (head.compare(0, 5, "<?xml") == 0) {
        const std::size_t close = head.find("?>");
        const std::size_t enc = head.find("encoding");
        if (enc != std::string::npos && enc < close) {
            const std::string e = tokenAfter(enc + 8);
            if (!e.empty())
                return e;
        }
    }
    for (std::size_t meta = head.find("<meta"); meta != std::string::npos; meta = head.find("<meta", meta + 5)) {
        const std::size_t close = head.find('>', meta);
        const std::size_t charset = head.find("charset", meta);
        if (charset == std::string::npos || charset > close)
            continue;
        const std::string c = tokenAfter(charset + 7);
        if (!c.empty())
            return c;
    }
    return {};
}

bool isUtf8Name(const std::string& c) { return c == "utf-8" || c == "utf8"; }

// Names browsers read as Windows-1252 (the WHATWG encoding standard's labels for it, the common ones).
bool isCp1252Name(const std::string& c)
{
    return c == "windows-1252" || c == "cp1252" || c == "x-cp1252" || c == "iso-8859-1" || c == "iso8859-1"
        || c == "iso_8859-1" || c == "latin1" || c == "latin-1" || c == "l1" || c == "us-ascii" || c == "ascii"
        || c == "ansi_x3.4-1968";
}

std::string hexByte(unsigned char b)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", b);
    return buffer;
}

void refuseNul(std::string_view bytes, const std::string& name)
{
    if (const void* nul = std::memchr(bytes.data(), 0, bytes.size()))
        throw DocumentError(DocumentProblem::Encoding, name,
                            "a NUL byte at offset " + std::to_string(static_cast<const char*>(nul) - bytes.data())
                                + ": a binary file, not HTML");
}

std::string decodeCp1252Page(std::string_view bytes, const std::string& name, const std::string& why)
{
    const std::size_t undefined = findUndefinedCp1252(bytes);
    if (undefined != std::string_view::npos)
        throw DocumentError(DocumentProblem::Encoding, name,
                            why + ": byte " + hexByte(static_cast<unsigned char>(bytes[undefined])) + " at offset "
                                + std::to_string(undefined) + " is not a Windows-1252 character");
    return cp1252ToUtf8(bytes);
}

bool hiddenByAttributes(const xmlNode* node)
{
    for (const xmlAttr* a = node->properties; a; a = a->next) {
        const char* attr = reinterpret_cast<const char*>(a->name);
        if (std::strcmp(attr, "hidden") == 0)
            return true;
        if (std::strcmp(attr, "style") == 0 && a->children && a->children->content) {
            std::string style;
            for (const char* c = reinterpret_cast<const char*>(a->children->content); *c; ++c)
                if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
                    style.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*c))));
            if (style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos)
                return true;
        }
    }
    return false;
}

class HtmlWalker {
public:
    void walk(const xmlNode* node)
    {
        if (m_depth >= kMaxDepth)
            return;
        ++m_depth;
        for (; node; node = node->next)
            visit(node);
        --m_depth;
    }
    std::string take() { return m_text.take(); }

private:
    void text(const xmlNode* node)
    {
        if (!node->content)
            return;
        const char* content = reinterpret_cast<const char*>(node->content);
        if (m_preDepth > 0 && m_cellDepth == 0)
            m_text.appendText(content);
        else
            m_text.appendCollapsed(content);
    }

    void blockBreak(int lineEnds)
    {
        if (m_cellDepth > 0)
            m_text.space();
        else
            m_text.blockBreak(lineEnds);
    }

    void visit(const xmlNode* node)
    {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            text(node);
            return;
        }
        if (node->type != XML_ELEMENT_NODE || !node->name)
            return;
        const char* name = reinterpret_cast<const char*>(node->name);
        if (oneOf(name, {"head", "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
                         "embed", "select", "datalist", "audio", "video", "title", "rp", "input"})
            || hiddenByAttributes(node))
            return;
        if (std::strcmp(name, "br") == 0) {
            if (m_cellDepth > 0)
                m_text.space();
            else
                m_text.lineBreak();
            return;
        }
        if (std::strcmp(name, "td") == 0 || std::strcmp(name, "th") == 0) {
            if (m_cellDepth > 0)
                m_text.space();
            else if (!m_rowHasCell.empty() && m_rowHasCell.back())
                m_text.tab();
            if (!m_rowHasCell.empty())
                m_rowHasCell.back() = true;
            ++m_cellDepth;
            walk(node->children);
            --m_cellDepth;
            return;
        }
        if (std::strcmp(name, "tr") == 0) {
            blockBreak(1);
            m_rowHasCell.push_back(false);
            walk(node->children);
            m_rowHasCell.pop_back();
            blockBreak(1);
            return;
        }
        const bool paragraph = oneOf(name, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
                                            "ul", "ol", "dl", "figure", "hr"});
        const bool block = paragraph
            || oneOf(name, {"address", "article", "aside", "body", "caption", "center", "dd", "details", "dialog",
                            "dir", "div", "dt", "fieldset", "figcaption", "footer", "form", "header", "hgroup",
                            "html", "legend", "li", "main", "menu", "nav", "section", "summary", "option",
                            "tbody", "thead", "tfoot"});
        const bool pre = oneOf(name, {"pre", "textarea", "listing", "plaintext", "xmp"});
        if (block)
            blockBreak(paragraph ? 2 : 1);
        if (pre)
            ++m_preDepth;
        walk(node->children);
        if (pre)
            --m_preDepth;
        if (block)
            blockBreak(paragraph ? 2 : 1);
    }

    static constexpr int kMaxDepth = 512;

    TextFlowBuilder m_text;
    std::vector<bool> m_rowHasCell;
    int m_depth = 0;
    int m_preDepth = 0;
    int m_cellDepth = 0;
};

struct XmlDocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct HtmlParserFree {
    void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
};

} // namespace

ExtractedDocument extractHtmlText(std::string_view bytes, const std::string& name, TextEncoding fallback)
{
    if (isBlankText(bytes))
        throw DocumentError(DocumentProblem::Empty, name, "empty document");
    std::string decoded;          // the page as UTF-8, when we decoded it
    std::string libxmlEncoding;   // else the charset libxml2 is to decode it from
    const auto b0 = static_cast<unsigned char>(bytes[0]);
    if (bytes.size() >= 2 && (b0 == 0xFF || b0 == 0xFE) && b0 + static_cast<unsigned char>(bytes[1]) == 0xFF + 0xFE) {
        decoded = decodeTextFile(bytes, TextEncoding::Utf8, name); // UTF-16 with a byte-order mark
    } else if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) {
        decoded = decodeTextFile(bytes, TextEncoding::Utf8, name);
    } else {
        const std::string charset = declaredCharset(bytes);
        if (charset.empty() || isUtf8Name(charset)) {
            refuseNul(bytes, name);
            const std::size_t bad = findInvalidUtf8(bytes);
            if (bad == std::string_view::npos)
                decoded.assign(bytes);
            else if (fallback == TextEncoding::Cp1252 && charset.empty())
                decoded = decodeCp1252Page(bytes, name, "neither UTF-8 nor Windows-1252 HTML");
            else
                throw DocumentError(DocumentProblem::Encoding, name,
                                    "not UTF-8 HTML: byte " + hexByte(static_cast<unsigned char>(bytes[bad])) + " at offset "
                                        + std::to_string(bad)
                                        + (charset.empty() ? " (if the page is Windows-1252, read it as cp1252)"
                                                           : " (the page declares charset " + charset + ")"));
        } else if (isCp1252Name(charset)) {
            refuseNul(bytes, name);
            decoded = decodeCp1252Page(bytes, name, "the page declares charset " + charset + ", but");
        } else {
            libxmlEncoding = charset;
        }
    }

    prepareXmlLibrary();
    if (!libxmlEncoding.empty()) {
        // libxml2 quietly falls back to its default for a charset it has no converter for.
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(libxmlEncoding.c_str());
        if (!handler)
            throw DocumentError(DocumentProblem::Encoding, name,
                                "the page declares charset " + libxmlEncoding + ", which cannot be decoded");
        xmlCharEncCloseFunc(handler);
    }
    const std::string_view input = libxmlEncoding.empty() ? std::string_view(decoded) : bytes;
    if (input.size() > static_cast<std::size_t>(INT_MAX))
        throw DocumentError(DocumentProblem::TooLarge, name, "an HTML page over 2 GB cannot be read");
    std::unique_ptr<htmlParserCtxt, HtmlParserFree> ctxt(htmlNewParserCtxt());
    if (!ctxt)
        throw std::bad_alloc();
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD
        | HTML_PARSE_COMPACT;
    // Text we decoded is UTF-8 whatever its <meta> says.
    if (libxmlEncoding.empty())
        options |= HTML_PARSE_IGNORE_ENC;
    std::unique_ptr<xmlDoc, XmlDocFree> doc(htmlCtxtReadMemory(ctxt.get(), input.data(), static_cast<int>(input.size()),
                                                               nullptr, libxmlEncoding.empty() ? "UTF-8" : libxmlEncoding.c_str(),
                                                               options));
    if (!libxmlEncoding.empty()) {
        const xmlError* e = xmlCtxtGetLastError(ctxt.get());
        if (!doc || (e && (e->code == XML_ERR_UNSUPPORTED_ENCODING || e->code == XML_I18N_CONV_FAILED
                           || e->code == XML_ERR_INVALID_CHAR || e->code == XML_ERR_INVALID_ENCODING)))
            throw DocumentError(DocumentProblem::Encoding, name,
                                "the page declares charset " + libxmlEncoding + ", which cannot be decoded");
    }
    if (!doc)
        throw DocumentError(DocumentProblem::Broken, name, "not readable HTML");
    HtmlWalker walker;
    walker.walk(xmlDocGetRootElement(doc.get()));
    ExtractedDocument result;
    result.format = DocumentFormat::Html;
    result.text = walker.take();
    if (isBlankText(result.text))
        throw DocumentError(DocumentProblem::Empty, name, "empty document (no visible text)");
    if (!isValidUtf8(result.text))
        throw DocumentError(DocumentProblem::Encoding, name, "the page declares charset " + libxmlEncoding + ", which cannot be decoded");
    return result;
}

} // namespace rankpo
