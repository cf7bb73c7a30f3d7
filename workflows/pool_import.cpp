#include "workflows/pool_import.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/team_rights.h"

#include <algorithm>

#ifdef RANKPO_WITH_DOCUMENTS
#include "core/documents/pool_source.h"
#endif

namespace rankpo::workflows {

bool documentImportAvailable()
{
#ifdef RANKPO_WITH_DOCUMENTS
    return true;
#else
    return false;
#endif
}

#ifdef RANKPO_WITH_DOCUMENTS

PoolImportReport importPool(db::ProjectStore& store, const std::vector<std::string>& paths,
                            const PoolImportOptions& options)
{
    if (paths.empty())
        throw usageError("no files or folders to import");
    db::requireTeamRight(store, db::TeamRight::Administer, "importing"); // before any file is parsed
    PoolSourceOptions sourceOptions;
    sourceOptions.recursive = options.recursive;
    sourceOptions.extract.maxBytes = options.maxBytes;
    sourceOptions.extract.encoding = options.cp1252 ? TextEncoding::Cp1252 : TextEncoding::Utf8;
    sourceOptions.records.idField = options.idField;
    sourceOptions.records.textField = options.textField;
    PoolSource source(paths, sourceOptions);

    PoolImportReport report;
    db::PoolImporter importer(store, options.kind);
    const char* noun = options.kind == db::PoolKind::Jobs ? "job" : "candidate";
    PoolText text;
    PoolSkip skip;
    auto invalid = [&](const std::string& message) {
        if (!options.skipInvalid)
            throw dataError(message + " (nothing was imported; --skip-invalid imports the rest)");
        report.skipped.push_back(message);
    };
    for (;;) {
        const PoolSource::Item item = source.next(text, skip);
        if (item == PoolSource::Item::End)
            break;
        if (options.progress
            && !options.progress(source.bytesDone(), source.bytesTotal(), item == PoolSource::Item::Text ? text.file : skip.file))
            throw Error(ErrorKind::Cancelled, "import cancelled; nothing was written");
        if (item == PoolSource::Item::Unsupported) {
            report.unsupported.push_back(skip.message);
            continue;
        }
        if (item == PoolSource::Item::Invalid) {
            invalid(skip.message);
            continue;
        }
        const std::string where = text.line ? text.file + ":" + std::to_string(text.line) : text.file;
        db::PoolEntry entry;
        entry.externalId = text.externalId;
        entry.text = text.text;
        entry.sourceFormat = text.sourceFormat;
        entry.facts = text.facts.empty() ? nullptr : &text.facts;
        entry.file = where;
        try {
            importer.add(entry);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::Data)
                throw;
            invalid(e.what());
            continue;
        }
        ++(text.line ? report.records : report.documents);
        ++report.formats[text.sourceFormat];
        for (std::string& w : text.warnings)
            report.warnings.push_back(std::move(w));
    }
    if (report.documents + report.records == 0 && report.skipped.empty())
        throw dataError("no " + std::string(noun) + " documents found in the paths given ("
                        + std::to_string(report.unsupported.size()) + " unsupported file(s) skipped)");
    report.counts = importer.counts();
    importer.commit();
    return report;
}

PoolCheck checkPool(const std::vector<std::string>& paths, const PoolImportOptions& options, std::size_t previewTexts)
{
    if (paths.empty())
        throw usageError("no files or folders to import");
    PoolSourceOptions sourceOptions;
    sourceOptions.recursive = options.recursive;
    sourceOptions.extract.maxBytes = options.maxBytes;
    sourceOptions.extract.encoding = options.cp1252 ? TextEncoding::Cp1252 : TextEncoding::Utf8;
    sourceOptions.records.idField = options.idField;
    sourceOptions.records.textField = options.textField;
    PoolSource source(paths, sourceOptions);
    PoolCheck check;
    PoolText text;
    PoolSkip skip;
    for (;;) {
        const PoolSource::Item item = source.next(text, skip);
        if (item == PoolSource::Item::End)
            break;
        if (options.progress
            && !options.progress(source.bytesDone(), source.bytesTotal(), item == PoolSource::Item::Text ? text.file : skip.file)) {
            check.cancelled = true;
            break;
        }
        if (item == PoolSource::Item::Unsupported) {
            check.unsupported.push_back(skip.message);
        } else if (item == PoolSource::Item::Invalid) {
            check.invalid.push_back(skip.message);
        } else {
            ++check.texts;
            if (check.preview.size() < previewTexts) {
                std::size_t cut = std::min(text.text.size(), PoolCheck::kPreviewChars);
                while (cut < text.text.size() && cut > 0 && (static_cast<unsigned char>(text.text[cut]) & 0xC0) == 0x80)
                    --cut;
                check.preview.push_back({text.externalId, text.sourceFormat, text.text.substr(0, cut), text.warnings});
            }
        }
    }
    return check;
}

#else

PoolCheck checkPool(const std::vector<std::string>&, const PoolImportOptions&, std::size_t)
{
    throw usageError("this build cannot read documents: it was built without Poppler, libzip and libxml2");
}

PoolImportReport importPool(db::ProjectStore&, const std::vector<std::string>&, const PoolImportOptions&)
{
    throw usageError("this build of rankpo cannot import documents: it was built without Poppler, libzip and "
                     "libxml2 (install libpoppler-cpp-dev libzip-dev libxml2-dev and rebuild)");
}

#endif

} // namespace rankpo::workflows
