#pragma once

#include "core/domain/candidate.h"
#include "core/domain/job.h"
#include "core/domain/preference.h"
#include "core/domain/rule_label.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

struct ProjectStats {
    std::int64_t jobs = 0;
    std::int64_t candidates = 0;
    std::int64_t pairs = 0;
    std::int64_t pairsUnjudged = 0; // pairs with no preference from anyone
    std::int64_t preferencesAi = 0;
    std::int64_t preferencesHuman = 0;
    std::int64_t ties = 0;
    std::int64_t labelsPositive = 0;
    std::int64_t labelsNegative = 0;
    std::int64_t trainJobs = 0;
    std::int64_t testJobs = 0;
    std::int64_t unassignedJobs = 0;
    std::map<std::string, std::int64_t> annotators; // "ai:deepseek-chat" -> count
    int schemaVersion = 0;
};

// Which preferences to read (export, training, evaluation).
struct PreferenceFilter {
    std::optional<PreferenceSource> source; // nullopt: both
    std::optional<std::string> annotator;
    std::optional<Split> split;             // nullopt: all jobs
};

class Connection;

// One project: the typed front of its database. Today a project file (.rankpo, SQLite in WAL mode with foreign
// keys on; db/sqlite/); the readers and writers of db/ run on any Connection, so a second engine (PostgreSQL)
// stands beside it. Opening checks that the data is a project, not newer than this program, and intact, and
// migrates older projects forward. One store is one connection: use it from one thread at a time; workers
// open their own.
class ProjectStore {
public:
    enum class OpenMode {
        OpenExisting, // error if the project does not exist
        Create,       // error if the file exists and is not empty
        OpenOrCreate,
        ReadOnly,     // a worker that only reads; error if the project needs migrating
    };

    static constexpr std::int32_t kApplicationId = 0x5250'4F53; // "RPOS"

    // `checkIntegrity`: run SQLite's quick_check before anything else (the CLI does). It reads the whole
    // file (~0.8 s for a million pairs), so the app opens without it and calls checkIntegrity() on a
    // worker afterwards.
    static std::unique_ptr<ProjectStore> open(const std::string& path, OpenMode mode = OpenMode::OpenExisting,
                                              bool checkIntegrity = true);
    // Throws rankpo::Error (Data) "the project file is damaged (...)" when quick_check finds a problem.
    void checkIntegrity();
    // Opens a file without migrating it past `schemaVersion`: for tests of migrations.
    static std::unique_ptr<ProjectStore> openAtVersion(const std::string& path, int schemaVersion);

    ~ProjectStore();
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    // The project file's path (a server project: its URL without the password).
    const std::string& path() const;

    ProjectStats stats();
    std::int64_t pairCount();
    // Every annotator name that has a judgement, sorted (AI judges and people).
    std::vector<std::string> annotators();

    std::optional<Job> job(JobId id);
    std::optional<Candidate> candidate(CandidateId id);
    // By external id, or by "J<n>"/"C<n>" (our own ids), or by the plain number.
    std::optional<JobId> findJob(std::string_view reference);
    std::optional<CandidateId> findCandidate(std::string_view reference);
    // The id exports use for an entity without an external id.
    static std::string jobReference(JobId id, std::string_view externalId);
    static std::string candidateReference(CandidateId id, std::string_view externalId);

    std::vector<JobId> jobIds(std::optional<Split> split = std::nullopt);
    std::vector<CandidateId> candidateIds();
    std::vector<RuleLabel> labels(std::optional<Split> split = std::nullopt);
    std::vector<RuleLabel> labelsOfJob(JobId job);
    // Jobs with at least one relevant (>= 1) rule label.
    std::vector<JobId> jobsWithRelevantLabel();
    std::vector<Preference> preferences(const PreferenceFilter& filter = {});

    // Query-grouped split: each job (with all its pairs and labels) goes to train or test.
    // Deterministic for a seed and a set of jobs, whatever the order they were imported in.
    struct SplitResult {
        std::int64_t train = 0;
        std::int64_t test = 0;
    };
    SplitResult assignSplit(double testFraction, std::uint64_t seed);
    Split splitOf(JobId id);

    std::string info(const std::string& key, const std::string& fallback = {});
    void setInfo(const std::string& key, const std::string& value); // in its own transaction

    // Writes everything to the main file, so that the file alone is the whole project (before it is copied).
    void checkpoint();
    // Changes when another connection (a teammate's app, a script, a worker) has committed since the last call;
    // nullopt when the engine cannot tell. For the app's live view of a shared project.
    std::optional<std::int64_t> externalChangeStamp();
    bool externalChangeStampIsTeamWork() const;
    // The person the server knows this connection as (PostgreSQL: the login role); nullopt for a project file.
    std::optional<std::string> sessionUser();
    bool inTransaction() const;

private:
    friend class StoreAccess;
    explicit ProjectStore(std::unique_ptr<Connection> connection);

    std::unique_ptr<Connection> m_db;
};

// A write transaction on a store, for edits made of several writes (an undo command that replaces one
// judgement by another): commits on commit(), rolls back if destroyed without it.
class WriteTransaction {
public:
    explicit WriteTransaction(ProjectStore& store);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    void commit();

private:
    ProjectStore& m_store;
    bool m_done = false;
};

std::string_view toString(Split split);
std::optional<Split> splitFromString(std::string_view text);

} // namespace rankpo::db
