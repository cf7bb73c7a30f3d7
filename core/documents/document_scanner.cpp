#include "core/documents/document_scanner.h"

#include "core/util/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sys/stat.h>
#include <utility>

namespace fs = std::filesystem;

namespace rankpo {
namespace {

bool isRecordPoolExtension(const std::string& ext) { return ext == "jsonl" || ext == "ndjson" || ext == "csv"; }

using FileKey = std::pair<std::uint64_t, std::uint64_t>; // device, inode

class Scan {
public:
    Scan(const ScanOptions& options, std::vector<ScanEntry>& out) : m_options(options), m_out(out) {}

    void path(const std::string& given)
    {
        struct stat st {};
        if (::stat(given.c_str(), &st) != 0)
            throw ioError(given + ": " + (errno == ENOENT ? std::string("no such file or folder") : std::strerror(errno)));
        if (S_ISDIR(st.st_mode)) {
            std::vector<ScanEntry> found;
            m_visitedFolders.insert(key(st));
            folder(fs::path(given), "", found);
            std::sort(found.begin(), found.end(),
                      [](const ScanEntry& a, const ScanEntry& b) { return a.externalId < b.externalId; });
            for (ScanEntry& e : found)
                m_out.push_back(std::move(e));
            return;
        }
        ScanEntry e;
        e.path = given;
        e.externalId = fs::path(given).filename().string();
        e.size = static_cast<std::uint64_t>(st.st_size);
        const std::string ext = lowerExtension(e.externalId);
        if (!S_ISREG(st.st_mode)) {
            e.reason = "not a regular file";
        } else if (e.externalId.rfind("~$", 0) == 0) {
            e.reason = "an Office lock file (the document is open in Word), not a document";
        } else if (isRecordPoolExtension(ext)) {
            e.kind = ScanEntryKind::RecordPool;
        } else if ((e.format = documentFormatForPath(e.externalId))) {
            e.kind = ScanEntryKind::Document;
        } else {
            e.reason = unsupportedDocumentReason(e.externalId);
        }
        if (e.kind != ScanEntryKind::Unsupported)
            once(e, st);
        m_out.push_back(std::move(e));
    }

private:
    static FileKey key(const struct stat& st)
    {
        return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
    }

    // The second time a file comes up it is listed as skipped, naming the first.
    void once(ScanEntry& e, const struct stat& st)
    {
        const auto [it, fresh] = m_seenFiles.emplace(key(st), e.path);
        if (!fresh) {
            e.kind = ScanEntryKind::Unsupported;
            e.format.reset();
            e.reason = "the same file as " + it->second + ", listed already";
        }
    }

    void folder(const fs::path& dir, const std::string& prefix, std::vector<ScanEntry>& found)
    {
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            found.push_back(unsupported(dir.string(), prefix.empty() ? "." : prefix.substr(0, prefix.size() - 1),
                                        "cannot read this folder: " + ec.message()));
            return;
        }
        // In name order, so that which of two ways to one folder (a link) counts first does not depend on
        // the file system's order.
        std::vector<fs::path> children;
        for (const fs::directory_iterator end; it != end; it.increment(ec)) {
            if (ec)
                break;
            children.push_back(it->path());
        }
        std::sort(children.begin(), children.end(),
                  [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
        for (const fs::path& entryPath : children) {
            const std::string name = entryPath.filename().string();
            const std::string id = prefix + name;
            struct stat st {};
            if (::stat(entryPath.c_str(), &st) != 0) {
                found.push_back(unsupported(entryPath.string(), id, "cannot be read: " + std::string(std::strerror(errno))));
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (name[0] == '.')
                    found.push_back(unsupported(entryPath.string(), id + "/", "a hidden folder"));
                else if (!m_options.recursive)
                    found.push_back(unsupported(entryPath.string(), id + "/", "a subfolder (subfolders are read only when recursive)"));
                else if (!m_visitedFolders.insert(key(st)).second)
                    found.push_back(unsupported(entryPath.string(), id + "/", "a folder listed already (reached again through a link)"));
                else
                    folder(entryPath, id + "/", found);
                continue;
            }
            ScanEntry e;
            e.path = entryPath.string();
            e.externalId = id;
            e.size = static_cast<std::uint64_t>(st.st_size);
            const std::string ext = lowerExtension(name);
            if (!S_ISREG(st.st_mode))
                e.reason = "not a regular file";
            else if (name.rfind("~$", 0) == 0)
                e.reason = "an Office lock file (the document is open in Word), not a document";
            else if (name[0] == '.')
                e.reason = "a hidden file";
            else if ((e.format = documentFormatForPath(name)))
                e.kind = ScanEntryKind::Document;
            else
                e.reason = unsupportedDocumentReason(name);
            if (e.kind == ScanEntryKind::Document)
                once(e, st);
            found.push_back(std::move(e));
        }
        if (ec)
            found.push_back(unsupported(dir.string(), prefix.empty() ? "." : prefix.substr(0, prefix.size() - 1),
                                        "stopped reading this folder: " + ec.message()));
    }

    static ScanEntry unsupported(std::string path, std::string id, std::string reason)
    {
        ScanEntry e;
        e.path = std::move(path);
        e.externalId = std::move(id);
        e.reason = std::move(reason);
        return e;
    }

    const ScanOptions& m_options;
    std::vector<ScanEntry>& m_out;
    std::set<FileKey> m_visitedFolders;
    std::map<FileKey, std::string> m_seenFiles;
};

} // namespace

std::vector<ScanEntry> DocumentScanner::scan(const std::vector<std::string>& paths) const
{
    std::vector<ScanEntry> out;
    Scan scan(m_options, out);
    for (const std::string& p : paths)
        scan.path(p);
    return out;
}

std::string unsupportedDocumentReason(std::string_view path)
{
    const std::string ext = lowerExtension(path);
    if (ext.empty())
        return "no file extension (documents are .txt, .md, .pdf, .docx or .html)";
    if (ext == "doc" || ext == "dot")
        return "an old Word document (.doc): save it as .docx or PDF";
    if (ext == "odt" || ext == "ott" || ext == "rtf" || ext == "pages" || ext == "wpd" || ext == "wps" || ext == "docm"
        || ext == "dotx")
        return "a ." + ext + " document: save it as .docx or PDF";
    if (ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "gif" || ext == "tif" || ext == "tiff" || ext == "bmp"
        || ext == "webp" || ext == "heic" || ext == "heif")
        return "an image: a scanned document needs OCR first";
    if (isRecordPoolExtension(ext))
        return "a ." + ext + " file in a folder: give it by name to read it as a pool of records";
    if (ext == "xls" || ext == "xlsx" || ext == "ods" || ext == "ppt" || ext == "pptx" || ext == "odp" || ext == "key"
        || ext == "numbers")
        return "a spreadsheet or presentation (." + ext + "), not a document";
    if (ext == "zip" || ext == "7z" || ext == "rar" || ext == "gz" || ext == "tgz" || ext == "tar" || ext == "bz2" || ext == "xz")
        return "an archive (." + ext + "): unpack it first";
    return "not a supported document type (." + ext + ")";
}

} // namespace rankpo
