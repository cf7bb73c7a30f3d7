#include "db/project_store.h"

#include "core/formats/candidate_profile_parser.h"
#include "core/util/error.h"
#include "db/migrations.h"
#include "db/preference_rows.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <sys/stat.h>

namespace rankpo::db {
namespace {

bool fileExists(const std::string& path, std::int64_t* size = nullptr)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return false;
    if (size)
        *size = static_cast<std::int64_t>(st.st_size);
    return true;
}

// splitmix64: a cheap, well-mixed hash of (seed, job content) that decides the split order.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
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

void quickCheck(SqliteDatabase& db)
{
    auto check = db.prepare("PRAGMA quick_check");
    std::string problems;
    int n = 0;
    while (check.step()) {
        const std::string row = check.text(0);
        if (row != "ok" && n++ < 3)
            problems += (problems.empty() ? "" : "; ") + row;
    }
    if (!problems.empty())
        throw dataError(db.path() + ": the project file is damaged (" + problems + ")");
}

// A truncated or overwritten file fails its first reads with SQLITE_CORRUPT: say so in the user's terms.
void throwIfDamaged(SqliteDatabase& db, const std::string& path)
{
    if ((sqlite3_errcode(db.handle()) & 0xff) == SQLITE_CORRUPT)
        throw dataError(path + ": the project file is damaged (" + sqlite3_errmsg(db.handle())
                        + ")");
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
    return openImpl(path, mode, latestSchemaVersion(), checkIntegrity);
}

std::unique_ptr<ProjectStore> ProjectStore::openAtVersion(const std::string& path, int schemaVersion)
{
    return openImpl(path, OpenMode::OpenOrCreate, schemaVersion, true);
}

std::unique_ptr<ProjectStore> ProjectStore::openImpl(const std::string& path, OpenMode mode, int targetVersion,
                                                    bool checkIntegrity)
{
    std::int64_t size = 0;
    const bool exists = fileExists(path, &size);
    if (mode == OpenMode::OpenExisting && !exists)
        throw ioError(path + ": no such project file");
    if (mode == OpenMode::Create && exists && size > 0)
        throw usageError(path + ": already exists");

    SqliteDatabase db(path, false, mode != OpenMode::OpenExisting);
    int appId = 0;
    int version = 0;
    std::int64_t objects = 0;
    try {
        auto st = db.prepare("PRAGMA application_id");
        st.step();
        appId = st.int32(0);
        version = db.userVersion();
        auto count = db.prepare("SELECT count(*) FROM sqlite_schema");
        count.step();
        objects = count.int64(0);
    } catch (const Error&) {
        if ((sqlite3_errcode(db.handle()) & 0xff) == SQLITE_NOTADB)
            throw dataError(path + ": not a RankPO project (not an SQLite database)");
        throwIfDamaged(db, path);
        throw;
    }
    const bool fresh = appId == 0 && version == 0 && objects == 0;
    if (!fresh && appId != kApplicationId)
        throw dataError(path + ": not a RankPO project (an SQLite database of another program)");
    if (version > latestSchemaVersion())
        throw dataError(path + ": written by a newer RankPO Studio (project schema " + std::to_string(version)
                        + ", this program knows up to " + std::to_string(latestSchemaVersion())
                        + "); update the program to open it");

    // WAL lets the GUI read while a worker writes; NORMAL sync is durable across app crashes in WAL.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");

    try {
        if (!fresh && checkIntegrity)
            quickCheck(db);
        if (fresh)
            db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        migrate(db, targetVersion);
    } catch (const Error&) {
        throwIfDamaged(db, path);
        throw;
    }

    auto store = std::unique_ptr<ProjectStore>(new ProjectStore(std::move(db)));
    if (fresh) {
        Transaction tx(store->m_db);
        auto st = store->m_db.prepare("INSERT OR IGNORE INTO project_info(key, value) VALUES (?, ?)");
        st.bind(1, "created").bind(2, std::to_string(std::time(nullptr))).run();
        tx.commit();
    }
    return store;
}

void ProjectStore::checkIntegrity()
{
    quickCheck(m_db);
}

ProjectStats ProjectStore::stats()
{
    ProjectStats s;
    auto scalar = [&](const char* sql) {
        auto st = m_db.prepare(sql);
        st.step();
        return st.int64(0);
    };
    s.schemaVersion = m_db.userVersion();
    s.jobs = scalar("SELECT count(*) FROM jobs");
    s.candidates = scalar("SELECT count(*) FROM candidates");
    s.pairs = scalar("SELECT count(*) FROM pairs");
    s.preferencesAi = scalar("SELECT count(*) FROM preferences WHERE source = 'ai'");
    s.preferencesHuman = scalar("SELECT count(*) FROM preferences WHERE source = 'human'");
    s.ties = scalar("SELECT count(*) FROM preferences WHERE choice = 'tie'");
    s.labelsPositive = scalar("SELECT count(*) FROM labels WHERE relevance > 0");
    s.labelsNegative = scalar("SELECT count(*) FROM labels WHERE relevance = 0");
    s.trainJobs = scalar("SELECT count(*) FROM jobs WHERE split = 'train'");
    s.testJobs = scalar("SELECT count(*) FROM jobs WHERE split = 'test'");
    s.unassignedJobs = s.jobs - s.trainJobs - s.testJobs;
    auto st = m_db.prepare("SELECT source, annotator, count(*) FROM preferences GROUP BY source, annotator "
                           "ORDER BY source, annotator");
    while (st.step())
        s.annotators[st.text(0) + ":" + st.text(1)] = st.int64(2);
    return s;
}

std::optional<Job> ProjectStore::job(JobId id)
{
    auto st = m_db.prepare("SELECT id, text, coalesce(external_id, ''), coalesce(title, ''), coalesce(institution, ''), "
                           "coalesce(location, ''), coalesce(contract, ''), coalesce(salary, ''), "
                           "coalesce(closing_date, '') FROM jobs WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readJob(st);
}

std::optional<Candidate> ProjectStore::candidate(CandidateId id)
{
    auto st = m_db.prepare("SELECT id, text, coalesce(external_id, '') FROM candidates WHERE id = ?");
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
    auto st = m_db.prepare("SELECT entity_id FROM external_ids WHERE kind = 'job' AND external_id = ?");
    st.bind(1, reference);
    if (st.step())
        return st.int64(0);
    if (auto id = parseOwnId(reference, 'J')) {
        auto exists = m_db.prepare("SELECT id FROM jobs WHERE id = ?");
        exists.bind(1, *id);
        if (exists.step())
            return *id;
    }
    return std::nullopt;
}

std::optional<CandidateId> ProjectStore::findCandidate(std::string_view reference)
{
    auto st = m_db.prepare("SELECT entity_id FROM external_ids WHERE kind = 'candidate' AND external_id = ?");
    st.bind(1, reference);
    if (st.step())
        return st.int64(0);
    if (auto id = parseOwnId(reference, 'C')) {
        auto exists = m_db.prepare("SELECT id FROM candidates WHERE id = ?");
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
    auto st = m_db.prepare(sql);
    if (split && *split != Split::Unassigned)
        st.bind(1, toString(*split));
    std::vector<JobId> ids;
    while (st.step())
        ids.push_back(st.int64(0));
    return ids;
}

std::vector<CandidateId> ProjectStore::candidateIds()
{
    auto st = m_db.prepare("SELECT id FROM candidates ORDER BY id");
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
    auto st = m_db.prepare(sql);
    if (split && *split != Split::Unassigned)
        st.bind(1, toString(*split));
    std::vector<RuleLabel> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int32(2)});
    return out;
}

std::vector<Preference> ProjectStore::preferences(const PreferenceFilter& filter)
{
    std::string sql = std::string("SELECT ") + kPreferenceColumns
        + " FROM preference_outcomes o JOIN jobs j ON j.id = o.job_id WHERE 1";
    if (filter.source)
        sql += " AND o.source = ?1";
    if (filter.annotator)
        sql += " AND o.annotator = ?2";
    if (filter.split)
        sql += *filter.split == Split::Unassigned ? " AND j.split IS NULL" : " AND j.split = ?3";
    sql += " ORDER BY o.preference_id";
    auto st = m_db.prepare(sql);
    if (filter.source)
        st.bind(1, toString(*filter.source));
    if (filter.annotator)
        st.bind(2, *filter.annotator);
    if (filter.split && *filter.split != Split::Unassigned)
        st.bind(3, toString(*filter.split));
    std::vector<Preference> out;
    while (st.step())
        out.push_back(readPreference(st));
    return out;
}

ProjectStore::SplitResult ProjectStore::assignSplit(double testFraction, std::uint64_t seed)
{
    if (!(testFraction >= 0.0 && testFraction <= 1.0))
        throw usageError("test fraction must be between 0 and 1, got " + std::to_string(testFraction));
    struct Keyed {
        std::uint64_t key;
        std::string hash;
        JobId id;
    };
    std::vector<Keyed> jobs;
    auto st = m_db.prepare("SELECT id, content_hash FROM jobs");
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
    Transaction tx(m_db);
    auto update = m_db.prepare("UPDATE jobs SET split = ? WHERE id = ?");
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const bool test = i < testCount;
        update.bind(1, test ? "test" : "train").bind(2, jobs[i].id).run();
        (test ? result.test : result.train)++;
    }
    auto info = m_db.prepare("INSERT INTO project_info(key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    info.bind(1, "split.seed").bind(2, std::to_string(seed)).run();
    info.bind(1, "split.test_fraction").bind(2, std::to_string(testFraction)).run();
    tx.commit();
    return result;
}

Split ProjectStore::splitOf(JobId id)
{
    auto st = m_db.prepare("SELECT split FROM jobs WHERE id = ?");
    st.bind(1, id);
    if (!st.step() || st.isNull(0))
        return Split::Unassigned;
    return splitFromString(st.textView(0)).value_or(Split::Unassigned);
}

std::string ProjectStore::info(const std::string& key, const std::string& fallback)
{
    auto st = m_db.prepare("SELECT value FROM project_info WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.text(0) : fallback;
}

void ProjectStore::setInfo(const std::string& key, const std::string& value)
{
    Transaction tx(m_db);
    auto st = m_db.prepare("INSERT INTO project_info(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
    tx.commit();
}

} // namespace rankpo::db
