#pragma once

#include "core/domain/ids.h"
#include "core/domain/rule_label.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// Ids, references (external id or J<n>/C<n>) and texts, in id order: what an encoder pass over a project reads.
struct ProjectTexts {
    std::vector<std::int64_t> ids;
    std::vector<std::string> references;
    std::vector<std::string> texts;

    std::size_t size() const { return ids.size(); }
};

// The project's texts and the names they are shown by.
class ProjectTextReader {
public:
    explicit ProjectTextReader(ProjectStore& store) : m_store(store) {}

    // The jobs of a split (nullopt: all jobs).
    ProjectTexts jobs(std::optional<Split> split);
    ProjectTexts job(JobId job);
    ProjectTexts candidates();
    // Only the texts that take part in a pair.
    ProjectTexts jobsInPairs();
    ProjectTexts candidatesInPairs();

    // External id, else J<n> / C<n>; empty when there is no such job or candidate.
    std::string jobReference(JobId job);
    std::string candidateReference(CandidateId candidate);
    // Every candidate's reference by id, without the texts (a TREC run file's document ids).
    std::unordered_map<CandidateId, std::string> candidateReferences();
    // How lists name a job: its title, else its reference.
    std::string jobLabel(JobId job);

private:
    ProjectStore& m_store;
};

// Texts by id, each read once: building training examples repeats the same jobs and candidates many times.
class TextLookup {
public:
    explicit TextLookup(ProjectStore& store);
    ~TextLookup();
    TextLookup(const TextLookup&) = delete;
    TextLookup& operator=(const TextLookup&) = delete;

    // The text, or an empty one when there is no such id.
    const std::string& job(JobId id);
    const std::string& candidate(CandidateId id);

private:
    struct Statements;
    std::unique_ptr<Statements> m_statements;
    std::unordered_map<std::int64_t, std::string> m_jobs, m_candidates;
};

} // namespace rankpo::db
