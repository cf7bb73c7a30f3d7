#include "db/project_texts.h"

#include "db/project_store.h"
#include "db/store_access.h"

namespace rankpo::db {
namespace {

ProjectTexts readTexts(Statement& st, bool jobs)
{
    ProjectTexts out;
    while (st.step()) {
        const std::int64_t id = st.int64(0);
        const std::string_view externalId = st.textView(2);
        out.ids.push_back(id);
        out.references.push_back(jobs ? ProjectStore::jobReference(id, externalId)
                                      : ProjectStore::candidateReference(id, externalId));
        out.texts.push_back(st.text(1));
    }
    return out;
}

} // namespace

ProjectTexts ProjectTextReader::jobs(std::optional<Split> split)
{
    std::string sql = "SELECT id, text, coalesce(external_id, '') FROM jobs";
    if (split)
        sql += *split == Split::Unassigned ? " WHERE split IS NULL" : " WHERE split = ?";
    sql += " ORDER BY id";
    auto st = connectionOf(m_store).prepare(sql);
    if (split && *split != Split::Unassigned)
        st.bind(1, toString(*split));
    return readTexts(st, true);
}

ProjectTexts ProjectTextReader::job(JobId job)
{
    auto st = connectionOf(m_store).prepare("SELECT id, text, coalesce(external_id, '') FROM jobs WHERE id = ?");
    st.bind(1, job);
    return readTexts(st, true);
}

ProjectTexts ProjectTextReader::candidates()
{
    auto st = connectionOf(m_store).prepare("SELECT id, text, coalesce(external_id, '') FROM candidates ORDER BY id");
    return readTexts(st, false);
}

ProjectTexts ProjectTextReader::jobsInPairs()
{
    auto st = connectionOf(m_store).prepare("SELECT id, text, coalesce(external_id, '') FROM jobs "
                                            "WHERE id IN (SELECT job_id FROM pairs) ORDER BY id");
    return readTexts(st, true);
}

ProjectTexts ProjectTextReader::candidatesInPairs()
{
    auto st = connectionOf(m_store).prepare("SELECT id, text, coalesce(external_id, '') FROM candidates WHERE id IN "
                                            "(SELECT candidate_lo FROM pairs UNION SELECT candidate_hi FROM pairs) "
                                            "ORDER BY id");
    return readTexts(st, false);
}

std::string ProjectTextReader::jobReference(JobId job)
{
    auto st = connectionOf(m_store).prepare("SELECT coalesce(external_id, '') FROM jobs WHERE id = ?");
    st.bind(1, job);
    return st.step() ? ProjectStore::jobReference(job, st.textView(0)) : std::string();
}

std::string ProjectTextReader::candidateReference(CandidateId candidate)
{
    auto st = connectionOf(m_store).prepare("SELECT coalesce(external_id, '') FROM candidates WHERE id = ?");
    st.bind(1, candidate);
    return st.step() ? ProjectStore::candidateReference(candidate, st.textView(0)) : std::string();
}

std::unordered_map<CandidateId, std::string> ProjectTextReader::candidateReferences()
{
    auto st = connectionOf(m_store).prepare("SELECT id, coalesce(external_id, '') FROM candidates");
    std::unordered_map<CandidateId, std::string> out;
    while (st.step())
        out.emplace(st.int64(0), ProjectStore::candidateReference(st.int64(0), st.textView(1)));
    return out;
}

std::string ProjectTextReader::jobLabel(JobId job)
{
    auto st = connectionOf(m_store).prepare("SELECT coalesce(title, ''), coalesce(external_id, '') FROM jobs WHERE id = ?");
    st.bind(1, job);
    if (!st.step())
        return {};
    if (!st.textView(0).empty())
        return st.text(0);
    return ProjectStore::jobReference(job, st.textView(1));
}

struct TextLookup::Statements {
    Statement job, candidate;
};

namespace {

const std::string& lookUp(std::unordered_map<std::int64_t, std::string>& cache, Statement& st, std::int64_t id)
{
    auto it = cache.find(id);
    if (it != cache.end())
        return it->second;
    st.bind(1, id);
    std::string text = st.step() ? st.text(0) : std::string();
    st.reset();
    return cache.emplace(id, std::move(text)).first->second;
}

} // namespace

TextLookup::TextLookup(ProjectStore& store)
    : m_statements(new Statements{connectionOf(store).prepare("SELECT text FROM jobs WHERE id = ?"),
                                  connectionOf(store).prepare("SELECT text FROM candidates WHERE id = ?")})
{
}

TextLookup::~TextLookup() = default;

const std::string& TextLookup::job(JobId id)
{
    return lookUp(m_jobs, m_statements->job, id);
}

const std::string& TextLookup::candidate(CandidateId id)
{
    return lookUp(m_candidates, m_statements->candidate, id);
}

} // namespace rankpo::db
