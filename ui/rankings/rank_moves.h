#pragma once

#include "core/domain/ids.h"
#include "db/evaluation_store.h"

#include <QString>

#include <optional>
#include <vector>

namespace rankpo::ui {

// One row of a side-by-side ranking: a candidate at its rank under one model, and where the other
// model puts it (nullopt: below what the other ranking holds).
struct ComparedRank {
    CandidateId candidate = 0;
    int rank = 0;
    double score = 0;
    std::optional<int> otherRank;
};

struct RankingSideBySide {
    std::vector<ComparedRank> before; // the before model's top `top`, best first
    std::vector<ComparedRank> after;  // the after model's top `top`
};

// The two models' top `top` for one job from their rankings (one job's entries, best first, as
// deep as stored: a candidate beyond the top still has its rank for the arrows).
RankingSideBySide sideBySide(const std::vector<db::RankedCandidate>& before,
                             const std::vector<db::RankedCandidate>& after, int top = 20);

// The after model's move of a candidate: "↑3" (three places up), "↓5", "=" (same place), or "new"
// (not in what the before ranking holds).
QString moveArrow(std::optional<int> rankBefore, int rankAfter);
// Where a candidate of the before top went: "→ 4", or "out" (below the after model's top `top`).
QString destination(std::optional<int> rankAfter, int top);

} // namespace rankpo::ui
