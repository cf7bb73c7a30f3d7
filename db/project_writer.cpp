#include "db/project_writer.h"

#include "core/formats/candidate_profile_parser.h"
#include "core/formats/job_facts_parser.h"
#include "core/util/error.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <ctime>

namespace rankpo::db {
namespace {

// A JSON array of strings. Hand-written because it runs for every new candidate of an import, and
// the input is already valid UTF-8: only quotes, backslashes and control characters need escaping.
std::string jsonArray(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        const std::string& s = items[i];
        out.reserve(out.size() + s.size() + 2);
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20) {
                static const char* hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 15];
            } else {
                out += c;
            }
        }
        out += '"';
    }
    out += ']';
    return out;
}

// Runs an INSERT ... RETURNING id: the new row's id, or 0 when the insert did nothing.
std::int64_t insertReturningId(Statement& insert)
{
    std::int64_t id = 0;
    if (insert.step())
        id = insert.int64(0);
    while (insert.step()) {
    }
    insert.reset();
    return id;
}

const char* kindName(bool job)
{
    return job ? "job" : "candidate";
}

} // namespace

ProjectWriter::ProjectWriter(ProjectStore& store)
    : m_db(connectionWithRight(store, TeamRight::Administer, "importing"))
    , m_now(static_cast<std::int64_t>(std::time(nullptr)))
    , m_findJob(m_db.prepare("SELECT id FROM jobs WHERE content_hash = ?"))
    , m_insertJob(m_db.prepare("INSERT INTO jobs(content_hash, text, external_id, title, institution, location, contract, "
                             "salary, closing_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT(content_hash) DO NOTHING RETURNING id"))
    , m_findCandidate(m_db.prepare("SELECT id FROM candidates WHERE content_hash = ?"))
    , m_insertCandidate(m_db.prepare("INSERT INTO candidates(content_hash, text, external_id, keywords, titles, abstracts, "
                                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING RETURNING id"))
    , m_findExternal(m_db.prepare("SELECT entity_id FROM external_ids WHERE kind = ? AND external_id = ?"))
    , m_insertExternal(m_db.prepare("INSERT INTO external_ids(kind, external_id, entity_id) VALUES (?, ?, ?) "
                                  "ON CONFLICT DO NOTHING"))
    , m_setJobExternal(m_db.prepare("UPDATE jobs SET external_id = ? WHERE id = ? AND external_id IS NULL"))
    , m_setCandidateExternal(m_db.prepare("UPDATE candidates SET external_id = ? WHERE id = ? AND external_id IS NULL"))
    , m_findPair(m_db.prepare("SELECT id FROM pairs WHERE job_id = ? AND candidate_lo = ? AND candidate_hi = ?"))
    , m_insertPair(m_db.prepare("INSERT INTO pairs(job_id, candidate_lo, candidate_hi, created_at) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT DO NOTHING RETURNING id"))
    , m_insertPreference(m_db.prepare("INSERT INTO preferences(pair_id, source, annotator, shown_first, choice, "
                                    "confidence, rationale, created_at, response, usage, client_id) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT DO NOTHING RETURNING id"))
    , m_upsertLabel(m_db.prepare("INSERT INTO labels(job_id, candidate_id, relevance, created_at) VALUES (?, ?, ?, ?) "
                               "ON CONFLICT(job_id, candidate_id) DO UPDATE SET relevance = excluded.relevance"))
    , m_findLabel(m_db.prepare("SELECT relevance FROM labels WHERE job_id = ? AND candidate_id = ?"))
    , m_setProvenance(m_db.prepare("UPDATE pairs SET made_by = coalesce(made_by, ?), strategy = coalesce(strategy, ?), "
                                 "rank_lo = coalesce(rank_lo, ?), rank_hi = coalesce(rank_hi, ?), "
                                 "score_lo = coalesce(score_lo, ?), score_hi = coalesce(score_hi, ?) WHERE id = ?"))
{
}

void ProjectWriter::forgetCaches()
{
    m_jobs.clear();
    m_candidates.clear();
    m_jobExternal.clear();
    m_candidateExternal.clear();
    m_pairs.clear();
}

JobId ProjectWriter::addJob(std::string_view text, std::string_view externalId)
{
    return addEntity(Kind::Job, text, externalId, ContentHash::of(text), ContentHash::of(externalId));
}

CandidateId ProjectWriter::addCandidate(std::string_view text, std::string_view externalId)
{
    return addEntity(Kind::Candidate, text, externalId, ContentHash::of(text), ContentHash::of(externalId));
}

JobId ProjectWriter::addJob(const TextRef& ref)
{
    return ref.hashed ? addEntity(Kind::Job, ref.text, ref.externalId, ref.textHash, ref.idHash)
                      : addJob(ref.text, ref.externalId);
}

CandidateId ProjectWriter::addCandidate(const TextRef& ref)
{
    return ref.hashed ? addEntity(Kind::Candidate, ref.text, ref.externalId, ref.textHash, ref.idHash)
                      : addCandidate(ref.text, ref.externalId);
}

std::int64_t ProjectWriter::addEntity(Kind kind, std::string_view text, std::string_view externalId,
                                      const ContentHash& hash, const ContentHash& idHash)
{
    const bool job = kind == Kind::Job;
    auto& cache = job ? m_jobs : m_candidates;
    if (auto it = cache.find(hash); it != cache.end()) {
        if (!externalId.empty())
            addExternalId(kind, it->second, externalId, idHash);
        return it->second;
    }
    // Not seen in this session: insert, and learn from RETURNING whether the text is new. One
    // statement instead of a lookup and an insert, which matters when importing 50,000 pairs.
    std::int64_t id = 0;
    if (job) {
        const JobFacts f = parseJobFacts(text, externalId);
        auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : s; };
        m_insertJob.bindBlob(1, hash.bytes.data(), hash.bytes.size())
            .bindStatic(2, text)
            .bind(3, externalId.empty() ? std::optional<std::string>() : std::string(externalId))
            .bind(4, opt(f.title))
            .bind(5, opt(f.institution))
            .bind(6, opt(f.location))
            .bind(7, opt(f.contract))
            .bind(8, opt(f.salary))
            .bind(9, opt(f.closingDate))
            .bind(10, m_now);
        id = insertReturningId(m_insertJob);
    } else {
        const CandidateProfile p = parseCandidateProfile(text);
        m_insertCandidate.bindBlob(1, hash.bytes.data(), hash.bytes.size())
            .bindStatic(2, text)
            .bind(3, externalId.empty() ? std::optional<std::string>() : std::string(externalId));
        if (p.tagged())
            m_insertCandidate.bind(4, jsonArray(p.keywords)).bind(5, jsonArray(p.publicationTitles)).bind(6, jsonArray(p.abstracts));
        else
            m_insertCandidate.bindNull(4).bindNull(5).bindNull(6);
        m_insertCandidate.bind(7, m_now);
        id = insertReturningId(m_insertCandidate);
    }
    if (id == 0) {
        // The text was already in the project.
        Statement& find = job ? m_findJob : m_findCandidate;
        find.bindBlob(1, hash.bytes.data(), hash.bytes.size());
        if (find.step())
            id = find.int64(0);
        find.reset();
        cache.emplace(hash, id);
        if (!externalId.empty())
            addExternalId(kind, id, externalId, idHash);
        return id;
    }
    ++(job ? m_counts.jobsAdded : m_counts.candidatesAdded);
    cache.emplace(hash, id);
    if (!externalId.empty()) {
        m_insertExternal.bind(1, kindName(job)).bind(2, externalId).bind(3, id).run();
        if (m_db.changes() == 0) {
            // The id already names another text: refuse (the caller rolls this record back).
            m_findExternal.bind(1, kindName(job)).bind(2, externalId);
            const std::int64_t other = m_findExternal.step() ? m_findExternal.int64(0) : 0;
            m_findExternal.reset();
            throw dataError(std::string(kindName(job)) + " id '" + std::string(externalId) + "' already names a "
                            "different " + kindName(job) + " text (#" + std::to_string(other) + ")");
        }
        (job ? m_jobExternal : m_candidateExternal).emplace(idHash, id);
    }
    return id;
}

void ProjectWriter::addExternalId(Kind kind, std::int64_t id, std::string_view externalId, const ContentHash& key)
{
    const bool job = kind == Kind::Job;
    auto& cache = job ? m_jobExternal : m_candidateExternal;
    if (auto it = cache.find(key); it != cache.end()) {
        if (it->second != id)
            throw dataError(std::string(kindName(job)) + " id '" + std::string(externalId) + "' already names a different "
                            + kindName(job) + " text (#" + std::to_string(it->second) + ")");
        return;
    }
    m_findExternal.bind(1, kindName(job)).bind(2, externalId);
    std::int64_t existing = 0;
    if (m_findExternal.step())
        existing = m_findExternal.int64(0);
    m_findExternal.reset();
    if (existing != 0 && existing != id)
        throw dataError(std::string(kindName(job)) + " id '" + std::string(externalId) + "' already names a different "
                        + kindName(job) + " text (#" + std::to_string(existing) + ")");
    if (existing == 0) {
        m_insertExternal.bind(1, kindName(job)).bind(2, externalId).bind(3, id).run();
        (job ? m_setJobExternal : m_setCandidateExternal).bind(1, externalId).bind(2, id).run();
    }
    cache.emplace(key, id);
}

std::optional<JobId> ProjectWriter::findJob(std::string_view reference)
{
    return findEntity(Kind::Job, reference);
}

std::optional<CandidateId> ProjectWriter::findCandidate(std::string_view reference)
{
    return findEntity(Kind::Candidate, reference);
}

// By external id (this session's cache first), else by our own reference J<n> / C<n>.
std::optional<std::int64_t> ProjectWriter::findEntity(Kind kind, std::string_view reference)
{
    const bool job = kind == Kind::Job;
    const auto& cache = job ? m_jobExternal : m_candidateExternal;
    if (auto it = cache.find(ContentHash::of(reference)); it != cache.end())
        return it->second;
    m_findExternal.bind(1, kindName(job)).bind(2, reference);
    std::optional<std::int64_t> id;
    if (m_findExternal.step())
        id = m_findExternal.int64(0);
    m_findExternal.reset();
    const char prefix = job ? 'J' : 'C';
    if (!id && reference.size() > 1 && (reference[0] == prefix || reference[0] == prefix + 32)) {
        auto st = m_db.prepare(job ? "SELECT id FROM jobs WHERE id = ?" : "SELECT id FROM candidates WHERE id = ?");
        try {
            st.bind(1, static_cast<std::int64_t>(std::stoll(std::string(reference.substr(1)))));
            if (st.step())
                id = st.int64(0);
        } catch (const std::exception&) {
            // Not a number after the prefix: not one of our references.
        }
    }
    return id;
}

PairId ProjectWriter::addPair(JobId job, CandidateId a, CandidateId b)
{
    if (a == b)
        throw dataError("a pair needs two different candidates (both are #" + std::to_string(a) + ")");
    const PairKey key{job, std::min(a, b), std::max(a, b)};
    if (auto it = m_pairs.find(key); it != m_pairs.end())
        return it->second;
    m_insertPair.bind(1, key.job).bind(2, key.lo).bind(3, key.hi).bind(4, m_now);
    PairId id = insertReturningId(m_insertPair);
    if (id != 0) {
        ++m_counts.pairsAdded;
    } else {
        m_findPair.bind(1, key.job).bind(2, key.lo).bind(3, key.hi);
        id = m_findPair.step() ? m_findPair.int64(0) : 0;
        m_findPair.reset();
    }
    m_pairs.emplace(key, id);
    return id;
}

PairId ProjectWriter::addPair(JobId job, CandidateId a, CandidateId b, const PairProvenance& provenance)
{
    const PairId id = addPair(job, a, b);
    if (provenance.empty())
        return id;
    const bool aIsLo = a < b;
    auto text = [](std::string_view v) { return v.empty() ? std::optional<std::string>() : std::string(v); };
    m_setProvenance.bind(1, text(provenance.madeBy))
        .bind(2, provenance.strategy.empty() ? std::string("import") : std::string(provenance.strategy))
        .bind(3, aIsLo ? provenance.firstRank : provenance.secondRank)
        .bind(4, aIsLo ? provenance.secondRank : provenance.firstRank)
        .bind(5, aIsLo ? provenance.firstScore : provenance.secondScore)
        .bind(6, aIsLo ? provenance.secondScore : provenance.firstScore)
        .bind(7, id)
        .run();
    return id;
}

PreferenceId ProjectWriter::addPreference(const NewPreference& p)
{
    m_insertPreference.bind(1, p.pairId)
        .bind(2, toString(p.source))
        .bindStatic(3, p.annotator)
        .bind(4, p.shownFirst)
        .bind(5, toString(p.choice))
        .bind(6, p.confidence)
        .bindStatic(7, p.rationale)
        .bind(8, p.createdAt != 0 ? p.createdAt : m_now);
    if (p.response.empty())
        m_insertPreference.bindNull(9);
    else
        m_insertPreference.bindStatic(9, p.response);
    if (p.usage.empty())
        m_insertPreference.bindNull(10);
    else
        m_insertPreference.bindStatic(10, p.usage);
    if (p.clientId.empty())
        m_insertPreference.bindNull(11);
    else
        m_insertPreference.bindStatic(11, p.clientId);
    const PreferenceId id = insertReturningId(m_insertPreference);
    ++(id != 0 ? m_counts.preferencesAdded : m_counts.preferencesDuplicate);
    return id;
}

void ProjectWriter::setLabel(JobId job, CandidateId candidate, int relevance)
{
    if (relevance < 0)
        throw dataError("relevance must be >= 0, got " + std::to_string(relevance));
    m_findLabel.bind(1, job).bind(2, candidate);
    std::optional<int> existing;
    if (m_findLabel.step())
        existing = m_findLabel.int32(0);
    m_findLabel.reset();
    if (existing && *existing == relevance) {
        ++m_counts.labelsUnchanged;
        return;
    }
    m_upsertLabel.bind(1, job).bind(2, candidate).bind(3, relevance).bind(4, m_now).run();
    ++(existing ? m_counts.labelsChanged : m_counts.labelsAdded);
}

} // namespace rankpo::db
