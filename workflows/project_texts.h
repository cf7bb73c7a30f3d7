#pragma once

#include "core/domain/ids.h"
#include "core/domain/rule_label.h"

#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

// Ids, references (external id or J<n>/C<n>) and texts, in id order: what an encoder pass over a project reads.
struct ProjectTexts {
    std::vector<std::int64_t> ids;
    std::vector<std::string> references;
    std::vector<std::string> texts;

    std::size_t size() const { return ids.size(); }
};

// The jobs of a split (nullopt: all jobs).
ProjectTexts loadJobTexts(db::ProjectStore& store, std::optional<Split> split);
// One job.
ProjectTexts loadJobText(db::ProjectStore& store, JobId job);
ProjectTexts loadCandidateTexts(db::ProjectStore& store);

} // namespace rankpo::workflows
