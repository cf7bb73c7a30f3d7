// rankpo import: read preference and label files into a project.
#include "app/cli/command.h"
#include "app/cli/terminal_progress.h"
#include "core/util/error.h"
#include "db/import_files.h"
#include "db/project_store.h"

#include <iostream>

namespace rankpo::cli {
namespace {

void setupImport(CLI::App& root)
{
    auto* cmd = root.add_subcommand("import", "Import preference or label files (JSONL, CSV, TREC qrels) into a project");
    struct Options {
        std::string project;
        std::vector<std::string> files;
        std::string format;
        std::string source;
        std::string annotator;
        std::string corpus;
        bool skipInvalid = false;
        bool create = false;
    };
    auto o = std::make_shared<Options>();
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
    cmd->callback([o] {
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
