#include "ui/rankings/rank_moves.h"

#include <QObject>

#include <unordered_map>

namespace rankpo::ui {
namespace {

std::vector<ComparedRank> side(const std::vector<db::RankedCandidate>& ranking,
                               const std::unordered_map<CandidateId, int>& other, int top)
{
    std::vector<ComparedRank> rows;
    for (const auto& r : ranking) {
        if (r.rank > top)
            continue;
        ComparedRank row{r.candidateId, r.rank, r.score, std::nullopt};
        if (const auto it = other.find(r.candidateId); it != other.end())
            row.otherRank = it->second;
        rows.push_back(row);
    }
    return rows;
}

std::unordered_map<CandidateId, int> ranks(const std::vector<db::RankedCandidate>& ranking)
{
    std::unordered_map<CandidateId, int> out;
    for (const auto& r : ranking)
        out.emplace(r.candidateId, r.rank);
    return out;
}

} // namespace

RankingSideBySide sideBySide(const std::vector<db::RankedCandidate>& before,
                             const std::vector<db::RankedCandidate>& after, int top)
{
    return {side(before, ranks(after), top), side(after, ranks(before), top)};
}

QString moveArrow(std::optional<int> rankBefore, int rankAfter)
{
    if (!rankBefore)
        return QObject::tr("new");
    const int up = *rankBefore - rankAfter;
    if (up > 0)
        return QStringLiteral("↑%1").arg(up);
    if (up < 0)
        return QStringLiteral("↓%1").arg(-up);
    return QStringLiteral("=");
}

QString destination(std::optional<int> rankAfter, int top)
{
    if (!rankAfter || *rankAfter > top)
        return QObject::tr("out");
    return QStringLiteral("→ %1").arg(*rankAfter);
}

} // namespace rankpo::ui
