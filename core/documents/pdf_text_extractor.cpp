#include "core/documents/pdf_text_extractor.h"

#include "core/documents/document_error.h"
#include "core/documents/line_end_hyphen_joiner.h"
#include "core/documents/pdf_word_layout.h"
#include "core/documents/text_cleanup.h"
#include "core/text/utf8_codec.h"
#include "core/text/utf8_codec.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

namespace rankpo {
namespace {

// Poppler reports problems through one process-wide callback, on the thread that parses. Each extraction
// collects them in its own thread's list (to quote in a "broken PDF" message) instead of Poppler printing
// them to stderr.
thread_local std::vector<std::string>* t_popplerMessages = nullptr;

void collectPopplerMessage(const std::string& message, void*)
{
    if (t_popplerMessages && t_popplerMessages->size() < 8)
        t_popplerMessages->push_back(message);
}

// poppler-cpp sets up Poppler's global parameters (font and CMap tables) when the first document opens and
// tears them down when the last one closes, so a program that reads one PDF after another pays for that set-up
// on every file (it measured at a third of the time of a one-page PDF). One small document kept open for the
// life of the process keeps them.
void keepPopplerGlobalsAlive()
{
    static const std::string bytes = [] {
        std::string pdf = "%PDF-1.4\n";
        std::vector<std::size_t> offsets;
        for (const char* body : {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"}) {
            offsets.push_back(pdf.size());
            pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
        }
        const std::size_t xref = pdf.size();
        pdf += "xref\n0 4\n0000000000 65535 f \n";
        for (std::size_t offset : offsets) {
            const std::string digits = std::to_string(offset);
            pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
        }
        pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
        return pdf;
    }();
    static const std::unique_ptr<poppler::document> keeper(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
}

class PopplerMessageScope {
public:
    PopplerMessageScope()
    {
        static std::once_flag once;
        std::call_once(once, [] {
            poppler::set_debug_error_function(&collectPopplerMessage, nullptr);
            keepPopplerGlobalsAlive();
        });
        t_popplerMessages = &m_messages;
    }
    ~PopplerMessageScope() { t_popplerMessages = nullptr; }
    PopplerMessageScope(const PopplerMessageScope&) = delete;
    PopplerMessageScope& operator=(const PopplerMessageScope&) = delete;

    std::string first() const { return m_messages.empty() ? std::string() : m_messages.front(); }

private:
    std::vector<std::string> m_messages;
};

std::string utf8Of(const poppler::ustring& text)
{
    const poppler::byte_array bytes = text.to_utf8();
    std::string out(bytes.begin(), bytes.end());
    // Poppler passes on what a font's ToUnicode map says, lone surrogates included.
    if (!isValidUtf8(out))
        out = encodeUtf8(decodeUtf8Lossy(out));
    return out;
}

} // namespace

ExtractedDocument extractPdfText(std::string_view bytes, const std::string& name)
{
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        throw DocumentError(DocumentProblem::TooLarge, name, "a PDF over 2 GB cannot be read");
    PopplerMessageScope messages;
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) {
        const std::string why = messages.first();
        throw DocumentError(DocumentProblem::Broken, name,
                            "not a readable PDF" + (why.empty() ? std::string() : " (" + why + ")"));
    }
    // Poppler opens a document that needs a user password as "locked"; nothing else may be asked of it then.
    if (doc->is_locked())
        throw DocumentError(DocumentProblem::NeedsPassword, name, "needs a password to open (an encrypted PDF)");
    ExtractedDocument result;
    result.format = DocumentFormat::Pdf;
    result.pages = doc->pages();
    if (result.pages <= 0)
        throw DocumentError(DocumentProblem::Empty, name, "empty document (a PDF without pages)");

    std::vector<std::string> lines;
    std::vector<int> pagesWithoutText;
    int unreadablePages = 0;
    std::vector<PdfWord> words;
    for (int i = 0; i < result.pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) {
            result.warnings.push_back(name + ": page " + std::to_string(i + 1) + " cannot be read");
            ++unreadablePages;
            continue;
        }
        words.clear();
        for (const poppler::text_box& box : page->text_list()) {
            PdfWord w;
            w.text = utf8Of(box.text());
            const poppler::rectf r = box.bbox();
            w.x = r.x();
            w.y = r.y();
            w.width = r.width();
            w.height = r.height();
            w.rotation = box.rotation();
            w.spaceAfter = box.has_space_after();
            words.push_back(std::move(w));
        }
        std::vector<std::string> pageLines = layoutPdfWords(words);
        bool hasText = false;
        for (const std::string& l : pageLines)
            hasText = hasText || !isBlankText(l);
        if (!hasText) {
            pagesWithoutText.push_back(i + 1);
            continue;
        }
        if (!lines.empty())
            lines.emplace_back(); // a blank line between pages
        for (std::string& l : pageLines)
            lines.push_back(std::move(l));
    }
    if (lines.empty() && unreadablePages > 0)
        throw DocumentError(DocumentProblem::Broken, name, "not a readable PDF (no page can be read)");
    if (lines.empty())
        throw DocumentError(DocumentProblem::NoText, name, "no text: a scanned document needs OCR first");
    for (int page : pagesWithoutText)
        result.warnings.push_back(name + ": page " + std::to_string(page) + " has no text (a scanned page?)");

    lines = joinLineEndHyphens(std::move(lines));
    std::string joined;
    for (const std::string& l : lines) {
        joined += l;
        joined.push_back('\n');
    }
    // Soft hyphens left inside lines mark places where a word may be broken: they are not text.
    if (joined.find("\xC2\xAD") != std::string::npos) {
        std::string kept;
        kept.reserve(joined.size());
        for (std::size_t k = 0; k < joined.size(); ++k) {
            if (joined[k] == '\xC2' && k + 1 < joined.size() && joined[k + 1] == '\xAD')
                ++k;
            else
                kept.push_back(joined[k]);
        }
        joined.swap(kept);
    }
    result.text = tidyExtractedText(joined);
    if (isBlankText(result.text))
        throw DocumentError(DocumentProblem::NoText, name, "no text: a scanned document needs OCR first");
    return result;
}

} // namespace rankpo
