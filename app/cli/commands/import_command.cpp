// rankpo import: read preference and label files into a project.
#include "app/cli/command.h"
#include "app/cli/terminal_progress.h"
#include "core/util/byte_size.h"
#include "core/util/error.h"
#include "db/import_files.h"
#include "db/project_store.h"
#include "workflows/pool_import.h"

#include <filesystem>
#include <iostream>

namespace rankpo::cli {
namespace {

bool isDocumentPath(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return true;
    for (const char* ext : {".pdf", ".docx", ".html", ".htm", ".md", ".doc", ".odt", ".rtf"}) {
        const std::string e(ext);
        if (path.size() >= e.size()) {
            std::string tail = path.substr(path.size() - e.size());
            for (char& c : tail)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (tail == e)
                return true;
        }
    }
    return false;
}

const char* kAddPool = "to import documents as a pool of jobs or candidates, add --pool jobs or --pool candidates";

// A .txt file without --pool is read as before (TREC qrels and pair files are often .txt), but one that no
// pair or label format recognises is most likely a document: say so.
void checkNotDocuments(const std::vector<std::string>& files, bool formatGiven)
{
    for (const auto& f : files) {
        if (isDocumentPath(f))
            throw usageError(f + ": a folder or document; " + kAddPool);
        if (!formatGiven && f.size() > 4 && f.compare(f.size() - 4, 4, ".txt") == 0) {
            try {
                db::detectFileFormat(f);
            } catch (const Error& e) {
                if (e.kind() != ErrorKind::Data)
                    throw;
                throw usageError(std::string(e.what()) + "; " + kAddPool);
            }
        }
    }
}

struct PoolOptions {
    std::string pool;
    bool recursive = false;
    std::string maxSize = "20MB";
    std::string encoding = "utf-8";
    std::string idField = "id";
    std::string textField = "text";
};

void importPool(const std::string& project, bool create, const std::vector<std::string>& paths, const PoolOptions& p,
                bool skipInvalid)
{
    workflows::PoolImportOptions options;
    options.kind = p.pool == "jobs" ? db::PoolKind::Jobs : db::PoolKind::Candidates;
    options.recursive = p.recursive;
    options.skipInvalid = skipInvalid;
    options.maxBytes = parseByteSize(p.maxSize);
    options.cp1252 = p.encoding == "cp1252";
    options.idField = p.idField;
    options.textField = p.textField;
    TerminalProgress bar("import");
    options.progress = [&bar](std::uint64_t done, std::uint64_t total, const std::string& file) {
        bar.update(done, total, file);
        return true;
    };
    auto store = db::ProjectStore::open(project, create ? db::ProjectStore::OpenMode::OpenOrCreate
                                                        : db::ProjectStore::OpenMode::OpenExisting);
    const workflows::PoolImportReport report = workflows::importPool(*store, paths, options);
    bar.finish();
    std::string formats;
    for (const auto& [format, count] : report.formats)
        formats += (formats.empty() ? "" : ", ") + std::to_string(count) + " " + format;
    std::cout << "Read " << report.documents << " documents and " << report.records << " records"
              << (formats.empty() ? std::string() : " (" + formats + ")") << "\n";
    std::cout << "Added " << report.counts.added << " " << p.pool << " (" << report.counts.duplicates
              << " already in the project)\n";
    for (const auto& w : report.warnings)
        std::cerr << "warning: " << w << "\n";
    if (!report.unsupported.empty()) {
        std::cerr << "Not supported, skipped " << report.unsupported.size() << " file(s):\n";
        for (const auto& u : report.unsupported)
            std::cerr << "  " << u << "\n";
    }
    if (!report.skipped.empty()) {
        std::cerr << "Skipped " << report.skipped.size() << " invalid file(s) or record(s):\n";
        for (const auto& s : report.skipped)
            std::cerr << "  " << s << "\n";
    }
}

void setupImport(CLI::App& root)
{
    auto* cmd = root.add_subcommand("import", "Import preference or label files (JSONL, CSV, TREC qrels), or documents as a pool of jobs or candidates (--pool)");
    struct Options {
        std::string project;
        std::vector<std::string> files;
        std::string format;
        std::string source;
        std::string annotator;
        std::string corpus;
        bool skipInvalid = false;
        bool allowUnjudged = false;
        bool create = false;
    };
    auto o = std::make_shared<Options>();
    auto pool = std::make_shared<PoolOptions>();
    cmd->add_option("project", o->project, "Project file (.rankpo)")->required();
    cmd->add_option("files", o->files, "Files to import")->required();
    cmd->add_option("--format", o->format,
                    "Input format (default: detected from the first record): " + formatNameList());
    cmd->add_flag("--skip-invalid", o->skipInvalid,
                  "Import the valid records and report the invalid ones (default: the first bad record aborts and "
                  "nothing is written)");
    cmd->add_option("--source", o->source, "Source of the preferences: ai (default) or human")
        ->check(CLI::IsMember({"ai", "human"}));
    cmd->add_option("--annotator", o->annotator, "Annotator (or judge model) name for every preference imported");
    cmd->add_option("--corpus", o->corpus, "rankpo-eval: the corpus file ({\"text\": ...} lines) the queries index");
    cmd->add_flag("--create", o->create, "Create the project if it does not exist");
    cmd->add_flag("--allow-unjudged", o->allowUnjudged,
                  "rankpo-pairs/CSV rows without 'preferred' are pairs waiting for judgement (default: an error)");
    auto* poolOption = cmd->add_option("--pool", pool->pool,
                                       "Import documents (.txt .md .pdf .docx .html; files or folders) or pools of "
                                       "records (.jsonl .csv) as jobs or candidates")
                           ->check(CLI::IsMember({"jobs", "candidates"}));
    auto* recursive = cmd->add_flag("--recursive", pool->recursive, "--pool: read the subfolders of the folders given too");
    auto* maxSize = cmd->add_option("--max-size", pool->maxSize,
                                    "--pool: refuse documents larger than this (default 20MB; .jsonl/.csv pools have no limit)");
    auto* encoding = cmd->add_option("--encoding", pool->encoding,
                                     "--pool: text files that are not UTF-8 are read as: utf-8 (an error, default) or cp1252")
                         ->check(CLI::IsMember({"utf-8", "cp1252"}));
    auto* idField = cmd->add_option("--id-field", pool->idField, "--pool with .jsonl/.csv: the record's id field (default id)");
    auto* textField = cmd->add_option("--text-field", pool->textField,
                                      "--pool with .jsonl/.csv: the record's text field (default text)");
    cmd->callback([o, pool, cmd, poolOption, recursive, maxSize, encoding, idField, textField] {
        if (!pool->pool.empty()) {
            for (const char* name : {"--format", "--corpus", "--source", "--annotator", "--allow-unjudged"})
                if (cmd->count(name) > 0)
                    throw usageError(std::string("--pool imports documents, not pair or label files: leave out ") + name);
            importPool(o->project, o->create, o->files, *pool, o->skipInvalid);
            return;
        }
        for (const CLI::Option* only : {recursive, maxSize, encoding, idField, textField})
            if (only->count() > 0)
                throw usageError(only->get_name() + " goes with --pool jobs|candidates");
        (void)poolOption;
        checkNotDocuments(o->files, !o->format.empty());
        db::ImportOptions options;
        if (!o->format.empty()) {
            options.format = formatFromName(o->format);
            if (!options.format)
                throw usageError("unknown format '" + o->format + "' (known: " + formatNameList() + ")");
        }
        if (!o->source.empty())
            options.source = preferenceSourceFromString(o->source);
        if (!o->annotator.empty())
            options.annotator = o->annotator;
        options.corpusPath = o->corpus;
        options.skipInvalid = o->skipInvalid;
        options.allowUnjudged = o->allowUnjudged;
        TerminalProgress bar("import");
        options.progress = [&bar](std::uint64_t done, std::uint64_t total) {
            bar.update(done, total);
            return true;
        };
        auto store = db::ProjectStore::open(o->project, o->create ? db::ProjectStore::OpenMode::OpenOrCreate
                                                                   : db::ProjectStore::OpenMode::OpenExisting);
        const db::ImportReport report = db::importFiles(*store, o->files, options);
        bar.finish();
        for (const auto& f : report.files)
            std::cout << f.path << ": " << formatName(f.format) << ", " << f.records << " records"
                      << (f.skipped ? ", " + std::to_string(f.skipped) + " skipped" : std::string()) << "\n";
        const auto& c = report.counts;
        std::cout << "Added " << c.jobsAdded << " jobs, " << c.candidatesAdded << " candidates, " << c.pairsAdded
                  << " pairs, " << c.preferencesAdded << " preferences (" << c.preferencesDuplicate
                  << " duplicates ignored), " << c.labelsAdded << " labels (" << c.labelsChanged << " changed)\n";
        if (report.skippedCount > 0) {
            std::cerr << "Skipped " << report.skippedCount << " invalid record(s):\n";
            for (const auto& s : report.skipped)
                std::cerr << "  " << s.file << ":" << s.line << ": " << s.reason << "\n";
            if (report.skippedCount > report.skipped.size())
                std::cerr << "  ... and " << (report.skippedCount - report.skipped.size()) << " more\n";
        }
    });
}

} // namespace

RANKPO_CLI_COMMAND(20, "import", setupImport);

} // namespace rankpo::cli
