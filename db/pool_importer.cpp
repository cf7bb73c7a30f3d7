#include "db/pool_importer.h"

#include "core/formats/resume_section_parser.h"
#include "core/util/error.h"
#include "db/project_writer.h"
#include "db/store_access.h"

#include <nlohmann/json.hpp>

namespace rankpo::db {
namespace {

// The sections of a plain résumé as stored in candidates.sections; empty when it has none (the paper's tagged
// profiles, texts without headings).
std::string sectionsJson(std::string_view text)
{
    const ResumeSections found = parseResumeSections(text);
    if (!found.found())
        return {};
    nlohmann::json out = nlohmann::json::array();
    for (const ResumeSection& s : found.sections)
        out.push_back({{"heading", s.heading},
                       {"kind", std::string(resumeSectionKindName(s.kind))},
                       {"begin", s.bodyOffset},
                       {"end", s.bodyEnd}});
    return out.dump();
}

std::optional<std::string> fact(const JobFacts* facts, std::string JobFacts::*field)
{
    if (!facts || (facts->*field).empty())
        return std::nullopt;
    return facts->*field;
}

} // namespace

std::string_view toString(PoolKind kind)
{
    return kind == PoolKind::Jobs ? "jobs" : "candidates";
}

class PoolImporter::Impl {
public:
    Impl(ProjectStore& store, PoolKind kind)
        : db(connectionOf(store)), transaction(db), writer(store), kind(kind)
        , setJob(db.prepare("UPDATE jobs SET source_format = COALESCE(source_format, ?), title = COALESCE(?, title), "
                            "institution = COALESCE(?, institution), location = COALESCE(?, location), "
                            "contract = COALESCE(?, contract), salary = COALESCE(?, salary), "
                            "closing_date = COALESCE(?, closing_date) WHERE id = ?"))
        , setCandidate(db.prepare("UPDATE candidates SET source_format = COALESCE(source_format, ?), "
                                  "sections = COALESCE(sections, ?) WHERE id = ?"))
    {
    }

    std::int64_t add(const PoolEntry& e, bool& added)
    {
        const bool jobs = kind == PoolKind::Jobs;
        const std::int64_t before = jobs ? writer.counts().jobsAdded : writer.counts().candidatesAdded;
        db.exec("SAVEPOINT pool_entry");
        std::int64_t id = 0;
        try {
            id = jobs ? writer.addJob(e.text, e.externalId) : writer.addCandidate(e.text, e.externalId);
            added = (jobs ? writer.counts().jobsAdded : writer.counts().candidatesAdded) > before;
            const std::optional<std::string> format
                = e.sourceFormat.empty() ? std::nullopt : std::optional<std::string>(std::string(e.sourceFormat));
            if (jobs) {
                setJob.bind(1, format)
                    .bind(2, fact(e.facts, &JobFacts::title))
                    .bind(3, fact(e.facts, &JobFacts::institution))
                    .bind(4, fact(e.facts, &JobFacts::location))
                    .bind(5, fact(e.facts, &JobFacts::contract))
                    .bind(6, fact(e.facts, &JobFacts::salary))
                    .bind(7, fact(e.facts, &JobFacts::closingDate))
                    .bind(8, id)
                    .run();
            } else {
                const std::string sections = sectionsJson(e.text);
                setCandidate.bind(1, format)
                    .bind(2, sections.empty() ? std::optional<std::string>() : sections)
                    .bind(3, id)
                    .run();
            }
        } catch (const Error& error) {
            db.exec("ROLLBACK TO pool_entry");
            db.exec("RELEASE pool_entry");
            writer.forgetCaches();
            if (error.kind() != ErrorKind::Data)
                throw;
            throw dataError(std::string(e.file) + ": " + error.what());
        }
        db.exec("RELEASE pool_entry");
        return id;
    }

    Connection& db;
    Transaction transaction;
    ProjectWriter writer;
    PoolKind kind;
    Statement setJob, setCandidate;
};

PoolImporter::PoolImporter(ProjectStore& store, PoolKind kind) : m_impl(std::make_unique<Impl>(store, kind)) {}

PoolImporter::~PoolImporter() = default;

std::int64_t PoolImporter::add(const PoolEntry& entry, bool* added)
{
    bool isNew = false;
    const std::int64_t id = m_impl->add(entry, isNew);
    ++(isNew ? m_counts.added : m_counts.duplicates);
    if (added)
        *added = isNew;
    return id;
}

void PoolImporter::commit()
{
    m_impl->transaction.commit();
}

} // namespace rankpo::db
