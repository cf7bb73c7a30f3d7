#include "db/project_store.h"

#include "core/formats/candidate_profile_parser.h"
#include "core/training/split_mix64.h"
#include "core/util/error.h"
#include "db/judgement_reader.h"
#include "db/store_access.h"
#include "db/team_rights.h"
#include "db/postgres/postgres_url.h"
#include "db/sql/connection.h"
#include "db/sqlite/sqlite_connection.h"
#include "db/sqlite/sqlite_migrations.h"
#include "db/sqlite/sqlite_project_file.h"

#ifdef RANKPO_WITH_POSTGRES
#include "db/postgres/postgres_connection.h"
#include "db/postgres/postgres_project.h"
#endif

#include <algorithm>
#include <cmath>
#include <cstring>

namespace rankpo::db {
namespace {

// splitmix64's output function: a cheap, well-mixed hash of (seed, job content) that decides the split order.
std::uint64_t mix(std::uint64_t x)
{
    return SplitMix64(x).next();
}

Job readJob(Statement& st)
{
    Job j;
    j.id = st.int64(0);
    j.text = st.text(1);
    j.externalId = st.text(2);
    j.facts.title = st.text(3);
    j.facts.institution = st.text(4);
    j.facts.location = st.text(5);
    j.facts.contract = st.text(6);
    j.facts.salary = st.text(7);
    j.facts.closingDate = st.text(8);
    return j;
}

std::optional<std::int64_t> parseOwnId(std::string_view reference, char prefix)
{
    if (reference.size() >= 2 && (reference[0] == prefix || reference[0] == prefix + 32))
        reference.remove_prefix(1);
    if (reference.empty() || reference.size() > 18)
        return std::nullopt;
    std::int64_t n = 0;
    for (char c : reference) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

// A project's location: a postgresql:// URL names a schema on a server, anything else a project file.
std::unique_ptr<Connection> openConnection(const std::string& location, ProjectStore::OpenMode mode, int version,
                                           bool checkIntegrity)
{
    if (isPostgresUrl(location)) {
#ifdef RANKPO_WITH_POSTGRES
        return openPostgresProject(location, mode, version, checkIntegrity);
#else
        throw usageError(withoutPassword(location) + ": this build has no PostgreSQL support (rebuild with libpq-dev "
                         "installed to open projects on a server)");
#endif
    }
    return openSqliteProjectFile(location, mode, version, checkIntegrity);
}

} // namespace

std::string_view toString(Split split)
{
    switch (split) {
    case Split::Train: return "train";
    case Split::Test: return "test";
    case Split::Unassigned: return "unassigned";
    }
    return "unassigned";
}

std::optional<Split> splitFromString(std::string_view text)
{
    if (text == "train")
        return Split::Train;
    if (text == "test")
        return Split::Test;
    if (text == "unassigned")
        return Split::Unassigned;
    return std::nullopt;
}

std::unique_ptr<ProjectStore> ProjectStore::open(const std::string& path, OpenMode mode, bool checkIntegrity)
{
    return std::unique_ptr<ProjectStore>(
        new ProjectStore(openConnection(path, mode, latestSchemaVersion(), checkIntegrity)));
}

std::unique_ptr<ProjectStore> ProjectStore::openAtVersion(const std::string& path, int schemaVersion)
{
    return std::unique_ptr<ProjectStore>(
        new ProjectStore(openConnection(path, OpenMode::OpenOrCreate, schemaVersion, true)));
}

ProjectStore::ProjectStore(std::unique_ptr<Connection> connection) : m_db(std::move(connection)) {}

ProjectStore::~ProjectStore() = default;

const std::string& ProjectStore::path() const
{
    return m_db->location();
}

void ProjectStore::checkIntegrity()
{
    m_db->checkIntegrity();
}

std::optional<std::int64_t> ProjectStore::externalChangeStamp()
{
    return m_db->externalChangeStamp();
}

bool ProjectStore::externalChangeStampIsTeamWork() const
{
    return m_db->externalChangeStampIsTeamWork();
}

std::optional<std::string> ProjectStore::sessionUser()
{
    return m_db->sessionUser();
}

void ProjectStore::checkpoint()
{
    m_db->checkpoint();
}

bool ProjectStore::inTransaction() const
{
    return m_db->inTransaction();
}

ProjectStats ProjectStore::stats()
{
    ProjectStats s;
    auto scalar = [&](const char* sql) {
        auto st = m_db->prepare(sql);
        st.step();
        return st.int64(0);
    };
    s.schemaVersion = m_db->schemaVersion();
    s.jobs = scalar("SELECT count(*) FROM jobs");
    s.candidates = scalar("SELECT count(*) FROM candidates");
    s.pairs = scalar("SELECT count(*) FROM pairs");
    s.pairsUnjudged = scalar("SELECT count(*) FROM pairs p WHERE NOT EXISTS (SELECT 1 FROM preferences r WHERE r.pair_id = p.id)");
    s.preferencesAi = scalar("SELECT count(*) FROM preferences WHERE source = 'ai'");
    s.preferencesHuman = scalar("SELECT count(*) FROM preferences WHERE source = 'human'");
    s.ties = scalar("SELECT count(*) FROM preferences WHERE choice = 'tie'");
    s.labelsPositive = scalar("SELECT count(*) FROM labels WHERE relevance > 0");
    s.labelsNegative = scalar("SELECT count(*) FROM labels WHERE relevance = 0");
    s.trainJobs = scalar("SELECT count(*) FROM jobs WHERE split = 'train'");
    s.testJobs = scalar("SELECT count(*) FROM jobs WHERE split = 'test'");
    s.unassignedJobs = s.jobs - s.trainJobs - s.testJobs;
    auto st = m_db->prepare("SELECT source, annotator, count(*) FROM preferences GROUP BY source, annotator "
                           "ORDER BY source, annotator");
    while (st.step())
        s.annotators[st.text(0) + ":" + st.text(1)] = st.int64(2);
    return s;
}

std::int64_t ProjectStore::pairCount()
{
    auto st = m_db->prepare("SELECT count(*) FROM pairs");
    st.step();
    return st.int64(0);
}

std::vector<std::string> ProjectStore::annotators()
{
    auto st = m_db->prepare("SELECT DISTINCT annotator FROM preferences WHERE annotator <> '' ORDER BY annotator");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

std::optional<Job> ProjectStore::job(JobId id)
{
    auto st = m_db->prepare("SELECT id, text, coalesce(external_id, ''), coalesce(title, ''), coalesce(institution, ''), "
                           "coalesce(location, ''), coalesce(contract, ''), coalesce(salary, ''), "
                           "coalesce(closing_date, '') FROM jobs WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readJob(st);
}

std::optional<Candidate> ProjectStore::candidate(CandidateId id)
{
    auto st = m_db->prepare("SELECT id, text, coalesce(external_id, '') FROM candidates WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    Candidate c;
    c.id = st.int64(0);
    c.text = st.text(1);
    c.externalId = st.text(2);
    c.profile = parseCandidateProfile(c.text);
    return c;
}

std::optional<JobId> ProjectStore::findJob(std::string_view reference)
{
    auto st = m_db->prepare("SELECT entity_id FROM external_ids WHERE kind = 'job' AND external_id = ?");
    st.bind(1, reference);
    if (st.step())
        return st.int64(0);
    if (auto id = parseOwnId(reference, 'J')) {
        auto exists = m_db->prepare("SELECT id FROM jobs WHERE id = ?");
        exists.bind(1, *id);
        if (exists.step())
            return *id;
    }
    return std::nullopt;
}

std::optional<CandidateId> ProjectStore::findCandidate(std::string_view reference)
{
    auto st = m_db->prepare("SELECT entity_id FROM external_ids WHERE kind = 'candidate' AND external_id = ?");
    st.bind(1, reference);
    if (st.step())
        return st.int64(0);
    if (auto id = parseOwnId(reference, 'C')) {
        auto exists = m_db->prepare("SELECT id FROM candidates WHERE id = ?");
        exists.bind(1, *id);
        if (exists.step())
            return *id;
    }
    return std::nullopt;
}

std::string ProjectStore::jobReference(JobId id, std::string_view externalId)
{
    return externalId.empty() ? "J" + std::to_string(id) : std::string(externalId);
}

std::string ProjectStore::candidateReference(CandidateId id, std::string_view externalId)
{
    return externalId.empty() ? "C" + std::to_string(id) : std::string(externalId);
}

std::vector<JobId> ProjectStore::jobIds(std::optional<Split> split)
{
    std::string sql = "SELECT id FROM jobs";
    if (split)
        sql += *split == Split::Unassigned ? " WHERE split IS NULL" : " WHERE split = ?";
    sql += " ORDER BY id";
    auto st = m_db->prepare(sql);
    if (split && *split != Split::Unassigned)
        st.bind(1, toString(*split));
    std::vector<JobId> ids;
    while (st.step())
        ids.push_back(st.int64(0));
    return ids;
}

std::vector<CandidateId> ProjectStore::candidateIds()
{
    auto st = m_db->prepare("SELECT id FROM candidates ORDER BY id");
    std::vector<CandidateId> ids;
    while (st.step())
        ids.push_back(st.int64(0));
    return ids;
}

std::vector<RuleLabel> ProjectStore::labels(std::optional<Split> split)
{
    std::string sql = "SELECT l.job_id, l.candidate_id, l.relevance FROM labels l JOIN jobs j ON j.id = l.job_id";
    if (split)
        sql += *split == Split::Unassigned ? " WHERE j.split IS NULL" : " WHERE j.split = ?";
    sql += " ORDER BY l.job_id, l.candidate_id";
    auto st = m_db->prepare(sql);
    if (split && *split != Split::Unassigned)
        st.bind(1, toString(*split));
    std::vector<RuleLabel> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int32(2)});
    return out;
}

std::vector<RuleLabel> ProjectStore::labelsOfJob(JobId job)
{
    auto st = m_db->prepare("SELECT job_id, candidate_id, relevance FROM labels WHERE job_id = ? ORDER BY candidate_id");
    st.bind(1, job);
    std::vector<RuleLabel> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int32(2)});
    return out;
}

std::vector<JobId> ProjectStore::jobsWithRelevantLabel()
{
    auto st = m_db->prepare("SELECT DISTINCT job_id FROM labels WHERE relevance >= 1 ORDER BY job_id");
    std::vector<JobId> out;
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

std::vector<Preference> ProjectStore::preferences(const PreferenceFilter& filter)
{
    return JudgementReader(*this).list(filter);
}

ProjectStore::SplitResult ProjectStore::assignSplit(double testFraction, std::uint64_t seed)
{
    if (!(testFraction >= 0.0 && testFraction <= 1.0))
        throw usageError("test fraction must be between 0 and 1, got " + std::to_string(testFraction));
    requireTeamRight(*this, TeamRight::Administer, "splitting the jobs");
    struct Keyed {
        std::uint64_t key;
        std::string hash;
        JobId id;
    };
    std::vector<Keyed> jobs;
    auto st = m_db->prepare("SELECT id, content_hash FROM jobs");
    while (st.step()) {
        const std::string hash = st.blob(1);
        std::uint64_t h = mix(seed);
        for (std::size_t i = 0; i + 8 <= hash.size(); i += 8) {
            std::uint64_t word;
            std::memcpy(&word, hash.data() + i, 8);
            h = mix(h ^ word);
        }
        jobs.push_back({h, hash, st.int64(0)});
    }
    // Ordering by content (not id) makes the split independent of import order.
    std::sort(jobs.begin(), jobs.end(), [](const Keyed& a, const Keyed& b) {
        return a.key != b.key ? a.key < b.key : a.hash < b.hash;
    });
    const auto testCount = static_cast<std::size_t>(std::llround(testFraction * static_cast<double>(jobs.size())));
    SplitResult result;
    Transaction tx(*m_db);
    auto update = m_db->prepare("UPDATE jobs SET split = ? WHERE id = ?");
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const bool test = i < testCount;
        update.bind(1, test ? "test" : "train").bind(2, jobs[i].id).run();
        (test ? result.test : result.train)++;
    }
    auto info = m_db->prepare("INSERT INTO project_info(key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    info.bind(1, "split.seed").bind(2, std::to_string(seed)).run();
    info.bind(1, "split.test_fraction").bind(2, std::to_string(testFraction)).run();
    tx.commit();
    return result;
}

Split ProjectStore::splitOf(JobId id)
{
    auto st = m_db->prepare("SELECT split FROM jobs WHERE id = ?");
    st.bind(1, id);
    if (!st.step() || st.isNull(0))
        return Split::Unassigned;
    return splitFromString(st.textView(0)).value_or(Split::Unassigned);
}

std::string ProjectStore::info(const std::string& key, const std::string& fallback)
{
    auto st = m_db->prepare("SELECT value FROM project_info WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.text(0) : fallback;
}

void ProjectStore::setInfo(const std::string& key, const std::string& value)
{
    Transaction tx(*m_db);
    auto st = m_db->prepare("INSERT INTO project_info(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
    tx.commit();
}

WriteTransaction::WriteTransaction(ProjectStore& store) : m_store(store)
{
    StoreAccess::connection(m_store).begin(true);
}

WriteTransaction::~WriteTransaction()
{
    if (!m_done) {
        try {
            StoreAccess::connection(m_store).rollback();
        } catch (...) {
            // Rolling back can only fail if the transaction is already gone; nothing left to undo.
        }
    }
}

void WriteTransaction::commit()
{
    StoreAccess::connection(m_store).commit();
    m_done = true;
}

} // namespace rankpo::db
