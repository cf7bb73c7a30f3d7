#include "core/documents/document_extractor.h"

#include "core/documents/docx_text_extractor.h"
#include "core/documents/document_error.h"
#include "core/documents/document_scanner.h"
#include "core/documents/html_text_extractor.h"
#include "core/documents/pdf_text_extractor.h"
#include "core/documents/xml_library.h"
#include "core/util/byte_size.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sys/stat.h>

namespace rankpo {
namespace {

void checkSize(std::uint64_t size, const ExtractOptions& options, const std::string& name)
{
    if (options.maxBytes > 0 && size > options.maxBytes)
        throw DocumentError(DocumentProblem::TooLarge, name,
                            formatByteSize(size) + ", over the size limit of " + formatByteSize(options.maxBytes));
    if (size == 0)
        throw DocumentError(DocumentProblem::Empty, name, "empty document (0 bytes)");
}

struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

} // namespace

DocumentExtractor::DocumentExtractor() { prepareXmlLibrary(); }

ExtractedDocument DocumentExtractor::extract(const std::string& path, const ExtractOptions& options,
                                             const std::string& name) const
{
    const std::string& shown = name.empty() ? path : name;
    const auto format = documentFormatForPath(path);
    if (!format)
        throw DocumentError(DocumentProblem::Unsupported, shown, unsupportedDocumentReason(path));
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw DocumentError(DocumentProblem::Unreadable, shown, std::string("cannot open: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        throw DocumentError(DocumentProblem::Unreadable, shown, "is a folder, not a document");
    checkSize(static_cast<std::uint64_t>(st.st_size), options, shown);
    std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
    if (!file)
        throw DocumentError(DocumentProblem::Unreadable, shown, std::string("cannot open: ") + std::strerror(errno));
    std::string bytes;
    bytes.resize(static_cast<std::size_t>(st.st_size));
    const std::size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
    if (std::ferror(file.get()))
        throw DocumentError(DocumentProblem::Unreadable, shown, std::string("read error: ") + std::strerror(errno));
    bytes.resize(got); // the file may have shrunk since stat()
    return extractBytes(bytes, *format, shown, options);
}

ExtractedDocument DocumentExtractor::extractBytes(std::string_view bytes, DocumentFormat format, const std::string& name,
                                                  const ExtractOptions& options) const
{
    checkSize(bytes.size(), options, name);
    switch (format) {
    case DocumentFormat::Text:
    case DocumentFormat::Markdown: {
        ExtractedDocument result;
        result.format = format;
        result.text = decodeTextFile(bytes, options.encoding, name);
        return result;
    }
    case DocumentFormat::Pdf: return extractPdfText(bytes, name);
    case DocumentFormat::Docx: return extractDocxText(bytes, name);
    case DocumentFormat::Html: return extractHtmlText(bytes, name, options.encoding);
    }
    throw DocumentError(DocumentProblem::Unsupported, name, "not a supported document type");
}

} // namespace rankpo
