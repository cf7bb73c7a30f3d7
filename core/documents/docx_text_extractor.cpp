#include "core/documents/docx_text_extractor.h"

#include "core/documents/document_error.h"
#include "core/documents/text_cleanup.h"
#include "core/documents/text_flow_builder.h"
#include "core/documents/xml_library.h"
#include "core/util/byte_size.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <climits>
#include <cstring>
#include <memory>

namespace rankpo {
namespace {

constexpr const char* kWordNamespaces[] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main", // transitional (what Word writes)
    "http://purl.oclc.org/ooxml/wordprocessingml/main",             // strict
};
constexpr const char* kMarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

bool named(const xmlNode* node, const char* local)
{
    return std::strcmp(reinterpret_cast<const char*>(node->name), local) == 0;
}

bool isWordNamespace(const xmlNs* ns)
{
    if (!ns || !ns->href)
        return false;
    for (const char* href : kWordNamespaces)
        if (std::strcmp(reinterpret_cast<const char*>(ns->href), href) == 0)
            return true;
    return false;
}

bool inWordNamespace(const xmlNode* node) { return isWordNamespace(node->ns); }

bool inNamespace(const xmlNode* node, const char* ns)
{
    return node->ns && node->ns->href && std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0;
}

bool isWord(const xmlNode* node, const char* local) { return inWordNamespace(node) && named(node, local); }

// The value of an attribute in the Word namespace (w:val), or of one without a namespace.
std::string wordAttribute(const xmlNode* node, const char* local)
{
    for (const xmlAttr* a = node->properties; a; a = a->next) {
        if (std::strcmp(reinterpret_cast<const char*>(a->name), local) != 0)
            continue;
        if (a->ns && !isWordNamespace(a->ns))
            continue;
        if (a->children && a->children->content)
            return reinterpret_cast<const char*>(a->children->content);
        return {};
    }
    return {};
}

// A run whose properties say <w:vanish/> (and not w:val="0"/"false"/"off") is hidden text.
bool isHiddenRun(const xmlNode* run)
{
    for (const xmlNode* c = run->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !isWord(c, "rPr"))
            continue;
        for (const xmlNode* p = c->children; p; p = p->next) {
            if (p->type == XML_ELEMENT_NODE && isWord(p, "vanish")) {
                const std::string v = wordAttribute(p, "val");
                return !(v == "0" || v == "false" || v == "off");
            }
        }
    }
    return false;
}

class DocumentXmlWalker {
public:
    void walk(const xmlNode* node)
    {
        // libxml2 refuses documents nested deeper than 256 elements; this guard keeps the stack bounded even so.
        if (m_depth >= kMaxDepth)
            return;
        ++m_depth;
        for (; node; node = node->next)
            visit(node);
        --m_depth;
    }
    std::string take() { return m_text.take(); }
    bool sawImages() const { return m_images; }

private:
    void visit(const xmlNode* node)
    {
        if (node->type != XML_ELEMENT_NODE)
            return;
        if (inNamespace(node, kMarkupCompatibility)) {
            // Word writes a text box twice: as DrawingML in <mc:Choice> and as VML in <mc:Fallback>.
            if (named(node, "AlternateContent")) {
                for (const xmlNode* c = node->children; c; c = c->next) {
                    if (c->type == XML_ELEMENT_NODE && named(c, "Choice")) {
                        walk(c->children);
                        return;
                    }
                }
                for (const xmlNode* c = node->children; c; c = c->next)
                    if (c->type == XML_ELEMENT_NODE && named(c, "Fallback"))
                        walk(c->children);
            }
            return;
        }
        if (!inWordNamespace(node)) {
            // DrawingML, VML and other markup: text boxes inside them hold Word paragraphs again.
            if (named(node, "drawing") || named(node, "pict") || named(node, "imagedata") || named(node, "blip"))
                m_images = true;
            walk(node->children);
            return;
        }
        const char* local = reinterpret_cast<const char*>(node->name);
        if (std::strcmp(local, "t") == 0) {
            for (const xmlNode* c = node->children; c; c = c->next)
                if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
                    m_text.appendText(reinterpret_cast<const char*>(c->content));
            m_paragraphHasText = true;
        } else if (std::strcmp(local, "tab") == 0 || std::strcmp(local, "ptab") == 0) {
            if (m_cellDepth > 0)
                m_text.space();
            else
                m_text.tab();
        } else if (std::strcmp(local, "br") == 0 || std::strcmp(local, "cr") == 0) {
            if (m_cellDepth > 0)
                m_text.space();
            else
                m_text.lineBreak();
        } else if (std::strcmp(local, "noBreakHyphen") == 0) {
            m_text.appendText("-");
            m_paragraphHasText = true;
        } else if (std::strcmp(local, "p") == 0) {
            const bool outer = m_paragraphHasText;
            // A paragraph inside a paragraph (a text box anchored in it) goes on a line of its own.
            if (m_paragraphDepth > 0 && m_cellDepth == 0)
                m_text.blockBreak(1);
            m_paragraphHasText = false;
            ++m_paragraphDepth;
            walk(node->children);
            --m_paragraphDepth;
            if (m_cellDepth > 0)
                m_text.space();
            else
                m_text.blockBreak(m_paragraphHasText ? 1 : 2);
            m_paragraphHasText = outer || m_paragraphHasText;
        } else if (std::strcmp(local, "r") == 0) {
            if (!isHiddenRun(node))
                walk(node->children);
        } else if (std::strcmp(local, "tbl") == 0 || std::strcmp(local, "tr") == 0) {
            // A table nested in a cell is flattened into the cell's text.
            auto rowBreak = [&] {
                if (m_cellDepth > 0)
                    m_text.space();
                else
                    m_text.blockBreak(1);
            };
            rowBreak();
            m_firstCell = true;
            walk(node->children);
            rowBreak();
        } else if (std::strcmp(local, "tc") == 0) {
            if (m_cellDepth == 0 && !m_firstCell)
                m_text.tab();
            else if (m_cellDepth > 0)
                m_text.space();
            m_firstCell = false;
            ++m_cellDepth;
            walk(node->children);
            --m_cellDepth;
        } else if (std::strcmp(local, "del") == 0 || std::strcmp(local, "moveFrom") == 0
                   || std::strcmp(local, "delText") == 0 || std::strcmp(local, "instrText") == 0
                   || std::strcmp(local, "delInstrText") == 0 || std::strcmp(local, "pPr") == 0
                   || std::strcmp(local, "rPr") == 0 || std::strcmp(local, "sectPr") == 0
                   || std::strcmp(local, "tblPr") == 0 || std::strcmp(local, "tblGrid") == 0
                   || std::strcmp(local, "trPr") == 0 || std::strcmp(local, "tcPr") == 0) {
            // Deleted text, field codes and properties (a <w:tabs> in <w:pPr> holds tab stops, not tabs).
        } else {
            if (std::strcmp(local, "drawing") == 0 || std::strcmp(local, "pict") == 0 || std::strcmp(local, "object") == 0)
                m_images = true;
            walk(node->children); // body, hyperlink, ins, sdt, smartTag, fldSimple, txbxContent, ...
        }
    }

    static constexpr int kMaxDepth = 1000;

    TextFlowBuilder m_text;
    int m_depth = 0;
    int m_cellDepth = 0;
    int m_paragraphDepth = 0;
    bool m_firstCell = true;
    bool m_paragraphHasText = false;
    bool m_images = false;
};

struct XmlDocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XmlParserFree {
    void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

std::unique_ptr<xmlDoc, XmlDocFree> parseXml(std::string_view xml, const std::string& name, const char* part)
{
    prepareXmlLibrary();
    if (xml.size() > static_cast<std::size_t>(INT_MAX))
        throw DocumentError(DocumentProblem::TooLarge, name, std::string(part) + " is over 2 GB");
    std::unique_ptr<xmlParserCtxt, XmlParserFree> ctxt(xmlNewParserCtxt());
    if (!ctxt)
        throw std::bad_alloc();
    // No network, no DTD loading, no entity substitution (so no entity expansion attacks).
    std::unique_ptr<xmlDoc, XmlDocFree> doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), part,
                                                              nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc || !ctxt->wellFormed) {
        std::string why = "malformed XML";
        if (const xmlError* e = xmlCtxtGetLastError(ctxt.get()); e && e->message) {
            std::string message = e->message;
            while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
                message.pop_back();
            why += " at line " + std::to_string(e->line) + ": " + message;
        }
        throw DocumentError(DocumentProblem::Broken, name, std::string(part) + ": " + why);
    }
    return doc;
}

struct ZipDiscard {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipDiscard>;

std::string readEntry(zip_t* zip, zip_int64_t index, const char* part, std::uint64_t limit, const std::string& name)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > limit)
        throw DocumentError(DocumentProblem::TooLarge, name,
                            std::string(part) + " unpacks to " + formatByteSize(st.size) + ", over the limit of "
                                + formatByteSize(limit) + " (a zip bomb?)");
    zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
    if (!file)
        throw DocumentError(DocumentProblem::Broken, name,
                            std::string("cannot read ") + part + " (" + zip_error_strerror(zip_get_error(zip)) + ")");
    std::string out;
    char buffer[1 << 16];
    for (;;) {
        const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
        if (got < 0) {
            const std::string why = zip_error_strerror(zip_file_get_error(file));
            zip_fclose(file);
            throw DocumentError(DocumentProblem::Broken, name, std::string("cannot read ") + part + " (" + why + ")");
        }
        if (got == 0)
            break;
        // The stated size can lie; what is unpacked cannot.
        if (out.size() + static_cast<std::uint64_t>(got) > limit) {
            zip_fclose(file);
            throw DocumentError(DocumentProblem::TooLarge, name,
                                std::string(part) + " unpacks to more than " + formatByteSize(limit) + " (a zip bomb?)");
        }
        out.append(buffer, static_cast<std::size_t>(got));
    }
    zip_fclose(file);
    return out;
}

// The main part named by _rels/.rels, for packages that do not call it word/document.xml.
std::string mainPartFromRelationships(zip_t* zip, const std::string& name)
{
    const zip_int64_t rels = zip_name_locate(zip, "_rels/.rels", 0);
    if (rels < 0)
        return {};
    std::string xml;
    try {
        xml = readEntry(zip, rels, "_rels/.rels", std::uint64_t(1) << 20, name);
        auto doc = parseXml(xml, name, "_rels/.rels");
        for (const xmlNode* n = xmlDocGetRootElement(doc.get()) ? xmlDocGetRootElement(doc.get())->children : nullptr; n; n = n->next) {
            if (n->type != XML_ELEMENT_NODE || !named(n, "Relationship"))
                continue;
            const std::string type = wordAttribute(n, "Type");
            const std::string suffix = "/officeDocument";
            if (type.size() > suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0) {
                std::string target = wordAttribute(n, "Target");
                while (!target.empty() && target.front() == '/')
                    target.erase(0, 1);
                return target;
            }
        }
    } catch (const DocumentError&) {
        // A broken relationships part: report the missing document part instead.
    }
    return {};
}

std::string notWordHint(zip_t* zip)
{
    if (zip_name_locate(zip, "xl/workbook.xml", 0) >= 0)
        return "; it is an Excel workbook";
    if (zip_name_locate(zip, "ppt/presentation.xml", 0) >= 0)
        return "; it is a PowerPoint presentation";
    if (zip_name_locate(zip, "content.xml", 0) >= 0 && zip_name_locate(zip, "mimetype", 0) >= 0)
        return "; it is an OpenDocument file (save it as .docx or PDF)";
    return {};
}

} // namespace

std::string docxDocumentXmlText(std::string_view xml, const std::string& name)
{
    auto doc = parseXml(xml, name, "word/document.xml");
    DocumentXmlWalker walker;
    walker.walk(xmlDocGetRootElement(doc.get()));
    return walker.take();
}

ExtractedDocument extractDocxText(std::string_view bytes, const std::string& name, std::uint64_t maxUnpackedBytes)
{
    // Word saves a password-protected .docx as an OLE compound file, as it saves the old .doc format.
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        throw DocumentError(DocumentProblem::Broken, name,
                            "an encrypted Word document or an old .doc file, not a .docx zip archive: "
                            "remove the password or save it as .docx");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        zip_error_fini(&error);
        throw std::bad_alloc();
    }
    Zip zip(zip_open_from_source(source, ZIP_RDONLY, &error));
    if (!zip) {
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        zip_source_free(source);
        throw DocumentError(DocumentProblem::Broken, name, "not a readable .docx (broken zip archive: " + why + ")");
    }
    zip_error_fini(&error);

    std::string part = "word/document.xml";
    zip_int64_t index = zip_name_locate(zip.get(), part.c_str(), 0);
    if (index < 0) {
        const std::string other = mainPartFromRelationships(zip.get(), name);
        if (!other.empty() && other != part && lowerExtension(other) == "xml")
            index = zip_name_locate(zip.get(), other.c_str(), 0);
        if (index >= 0)
            part = other;
    }
    if (index < 0)
        throw DocumentError(DocumentProblem::NotWordDocument, name,
                            "not a Word document (no word/document.xml in the archive" + notWordHint(zip.get()) + ")");
    const std::string xml = readEntry(zip.get(), index, part.c_str(), maxUnpackedBytes, name);
    auto doc = parseXml(xml, name, part.c_str());
    DocumentXmlWalker walker;
    walker.walk(xmlDocGetRootElement(doc.get()));

    ExtractedDocument result;
    result.format = DocumentFormat::Docx;
    result.text = walker.take();
    if (isBlankText(result.text)) {
        if (walker.sawImages())
            throw DocumentError(DocumentProblem::NoText, name, "no text: a scanned document needs OCR first");
        throw DocumentError(DocumentProblem::Empty, name, "empty document");
    }
    return result;
}

} // namespace rankpo
