#include "core/documents/document_format.h"

#include <cctype>

namespace rankpo {

std::string lowerExtension(std::string_view path)
{
    const std::size_t slash = path.find_last_of("/\\");
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    // ".bashrc" has no extension: a leading dot makes a hidden name, not a type.
    if (dot == std::string_view::npos || dot == 0)
        return {};
    std::string ext(name.substr(dot + 1));
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

std::optional<DocumentFormat> documentFormatForPath(std::string_view path)
{
    const std::string ext = lowerExtension(path);
    if (ext == "txt")
        return DocumentFormat::Text;
    if (ext == "md" || ext == "markdown")
        return DocumentFormat::Markdown;
    if (ext == "pdf")
        return DocumentFormat::Pdf;
    if (ext == "docx")
        return DocumentFormat::Docx;
    if (ext == "html" || ext == "htm" || ext == "xhtml")
        return DocumentFormat::Html;
    return std::nullopt;
}

std::string_view documentFormatName(DocumentFormat format)
{
    switch (format) {
    case DocumentFormat::Text: return "txt";
    case DocumentFormat::Markdown: return "md";
    case DocumentFormat::Pdf: return "pdf";
    case DocumentFormat::Docx: return "docx";
    case DocumentFormat::Html: return "html";
    }
    return "unknown";
}

} // namespace rankpo
