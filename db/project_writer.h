#pragma once

#include "core/domain/preference.h"
#include "core/formats/import_records.h"
#include "core/util/content_hash.h"
#include "db/sql/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rankpo::db {

// What a writer changed, for import reports.
struct WriteCounts {
    std::int64_t jobsAdded = 0;
    std::int64_t candidatesAdded = 0;
    std::int64_t pairsAdded = 0;
    std::int64_t preferencesAdded = 0;
    std::int64_t preferencesDuplicate = 0;
    std::int64_t labelsAdded = 0;
    std::int64_t labelsChanged = 0;
    std::int64_t labelsUnchanged = 0;
};

struct NewPreference {
    PairId pairId = 0;
    PreferenceSource source = PreferenceSource::Ai;
    std::string_view annotator;
    CandidateId shownFirst = 0;
    Choice choice = Choice::First;
    std::optional<int> confidence;
    std::string_view rationale;
    std::int64_t createdAt = 0;
    std::string_view response; // an AI judge's raw answer (empty: none)
    std::string_view usage;    // its token usage as JSON text (empty: none)
    std::string_view clientId; // the writer's own id of the judgement (empty: none); a second write with it is a no-op
};

// Where a pair came from, as a file tells it: the ranking it was drawn from (model, strategy) and both
// candidates' ranks and scores there, for the candidates in the order the file gives them.
struct PairProvenance {
    std::string_view madeBy;
    std::string_view strategy; // empty: "import"
    std::optional<int> firstRank, secondRank;
    std::optional<double> firstScore, secondScore;

    bool empty() const { return madeBy.empty() && strategy.empty() && !firstRank && !secondRank && !firstScore && !secondScore; }
};

class ProjectStore;

// Adds jobs, candidates, pairs, preferences and labels with the project's dedupe rules. Must be
// used inside a transaction owned by the caller (WriteTransaction). Keeps in-memory maps of what it has seen, so that
// imports where the same texts repeat thousands of times hash each occurrence once and hit SQLite
// only for new texts. Throws rankpo::Error (Data) for a conflict, e.g. one external id naming two
// different texts; after a failed record, call forgetCaches() if the caller rolls back a savepoint.
class ProjectWriter {
public:
    explicit ProjectWriter(ProjectStore& store);

    JobId addJob(std::string_view text, std::string_view externalId = {});
    CandidateId addCandidate(std::string_view text, std::string_view externalId = {});
    // The same, using the hashes a TextRef carries when it has them.
    JobId addJob(const TextRef& ref);
    CandidateId addCandidate(const TextRef& ref);
    // Resolves an external id (or J<n>/C<n>) of an entity already in the project.
    std::optional<JobId> findJob(std::string_view reference);
    std::optional<CandidateId> findCandidate(std::string_view reference);

    PairId addPair(JobId job, CandidateId a, CandidateId b);
    // The same, and fills the pair's provenance where it has none yet.
    PairId addPair(JobId job, CandidateId a, CandidateId b, const PairProvenance& provenance);
    // The new preference's id, or 0 when the exact preference is already stored (same source, annotator,
    // shown order, choice).
    PreferenceId addPreference(const NewPreference& preference);
    void setLabel(JobId job, CandidateId candidate, int relevance);

    const WriteCounts& counts() const { return m_counts; }
    void forgetCaches();
    std::int64_t now() const { return m_now; }

private:
    enum class Kind { Job, Candidate };
    std::int64_t addEntity(Kind kind, std::string_view text, std::string_view externalId, const ContentHash& textHash,
                           const ContentHash& idHash);
    void addExternalId(Kind kind, std::int64_t id, std::string_view externalId, const ContentHash& idHash);
    std::optional<std::int64_t> findEntity(Kind kind, std::string_view reference);

    Connection& m_db;
    std::int64_t m_now;
    WriteCounts m_counts;
    std::unordered_map<ContentHash, std::int64_t, ContentHashHasher> m_jobs, m_candidates;
    // Keyed by the hash of the external id: repeat lookups allocate nothing.
    std::unordered_map<ContentHash, std::int64_t, ContentHashHasher> m_jobExternal, m_candidateExternal;
    struct PairKey {
        JobId job;
        CandidateId lo, hi;
        bool operator==(const PairKey& o) const { return job == o.job && lo == o.lo && hi == o.hi; }
    };
    struct PairKeyHash {
        std::size_t operator()(const PairKey& k) const noexcept
        {
            return std::hash<std::int64_t>()(k.job * 1000003 ^ k.lo * 8191 ^ k.hi);
        }
    };
    std::unordered_map<PairKey, PairId, PairKeyHash> m_pairs;

    Statement m_findJob, m_insertJob, m_findCandidate, m_insertCandidate;
    Statement m_findExternal, m_insertExternal, m_setJobExternal, m_setCandidateExternal;
    Statement m_findPair, m_insertPair, m_insertPreference, m_upsertLabel, m_findLabel, m_setProvenance;
};

} // namespace rankpo::db
